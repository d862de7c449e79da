"""Opening the database a backup or a restore is about, without creating anything for a typo."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url

from reception_desk.errors import KnownError
from reception_desk.storage.backup import archive
from reception_desk.storage.backup.common import check_folder
from reception_desk.storage.database import Database
from reception_desk.storage.database import open_database


def open_to_back_up(url: str) -> Database:
    """The database at ``url`` as it is (not migrated; nothing is created for a typo)."""
    parsed = make_url(url)
    if not archive.database_exists(parsed):
        raise KnownError("backup.no_database",
                         location=parsed.render_as_string(hide_password=True))
    return open_database(url, migrate=False)


def open_to_restore(url: str) -> Database:
    """The database a restore will replace, not opened yet (it may not exist, or be damaged):
    only the folder of an SQLite file must exist, so a typo creates nothing."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        check_folder(Path(parsed.database).parent)
    return Database(url)
