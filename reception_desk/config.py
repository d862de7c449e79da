"""Start-up configuration: which database to open and the office's time zone."""

from __future__ import annotations

import os
from pathlib import Path

# The office's time zone is the domain's (domain.dates); named here too for the UI and the CLI.
from reception_desk.domain.dates import OFFICE_TZ as OFFICE_TZ
from reception_desk.paths import default_database_path

DATABASE_ENV = "RECEPTION_DESK_DATABASE"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def resolve_database_url(cli_value: str | None = None) -> str:
    """``--database`` wins, then ``RECEPTION_DESK_DATABASE``, then the file in the user-data folder.

    A bare path (no ``scheme://``) is taken as an SQLite file.
    """
    value = cli_value or os.environ.get(DATABASE_ENV) or ""
    value = value.strip()
    if not value:
        return sqlite_url(default_database_path())
    if "://" not in value:
        return sqlite_url(Path(value).expanduser().resolve())
    return value
