"""Start-up configuration: which database to open and the office's time zone."""

from __future__ import annotations

import os
from pathlib import Path
from zoneinfo import ZoneInfo

from reception_desk.paths import default_database_path

DATABASE_ENV = "RECEPTION_DESK_DATABASE"
# Vietnam has one time zone and no daylight saving: reception days are counted in it whatever the
# PC's own clock zone says.
OFFICE_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


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
