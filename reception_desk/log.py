"""Logging to a rotating file in the user's log folder."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from reception_desk.paths import user_log_dir

LOG_NAME = "reception-desk.log"


def setup_logging(level: int = logging.INFO, folder: Path | None = None) -> Path:
    """Send log records to ``<log folder>/reception-desk.log`` (1 MB × 5) and return its path."""
    path = (folder or user_log_dir()) / LOG_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(handler)
    return path
