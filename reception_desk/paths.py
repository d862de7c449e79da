"""Where things live: bundled resources, the user's data and log folders."""

from __future__ import annotations

import sys
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "ReceptionDesk"
APP_AUTHOR = "ReceptionDesk"


def resources_dir() -> Path:
    """The ``resources/`` folder: beside the package in a checkout, in the bundle when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def old_wards_path() -> Path:
    """The official old→new commune table of July 2025 (``packaging/build_old_wards.py``)."""
    return resources_dir() / "geography" / "old-wards-2025.tsv.gz"


def locale_dir() -> Path:
    return resources_dir() / "locale"


def _dirs() -> PlatformDirs:
    return PlatformDirs(APP_NAME, APP_AUTHOR, roaming=False)


def user_data_dir() -> Path:
    path = Path(_dirs().user_data_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_log_dir() -> Path:
    path = Path(_dirs().user_log_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return user_data_dir() / "reception-desk.sqlite3"
