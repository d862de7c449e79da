"""``reception-desk restore FILE [--force]``: verify a backup, keep the current database beside
it and swap the backup in (the command lives with ``backup`` in ``cli/backup.py``)."""

from __future__ import annotations

from reception_desk.cli.backup import add_restore_parser as add_parser
from reception_desk.cli.backup import run_restore as run

NAME = "restore"

__all__ = ["NAME", "add_parser", "run"]
