"""Synthetic data never mixes with a real logbook.

``demo`` marks the database it fills (the ``demo_database`` setting) and refuses one that holds
real records: any visit when the database is not marked, or a visit the demo did not make (a
clerk tried the app on the demo data) when it is.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from reception_desk.errors import KnownError
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import Visit

#: The setting that marks a database the demo filled.
DEMO_SETTING = "demo_database"
#: ``created_by`` of every visit the generator writes.
DEMO_AUTHOR = "demo"


def real_visits(session: Session) -> int:
    """Visits a person logged: every visit of an unmarked database, else those not by the demo."""
    stmt = select(func.count()).select_from(Visit)
    if repo.get_setting(session, DEMO_SETTING) is not None:
        stmt = stmt.where(col(Visit.created_by) != DEMO_AUTHOR)
    return int(session.scalar(stmt) or 0)


def require_demo_database(session: Session, now: datetime) -> None:
    """Refuse a database with real records; mark an empty one as the demo's."""
    count = real_visits(session)
    if count:
        raise KnownError("demo.real_records", visits=count)
    if repo.get_setting(session, DEMO_SETTING) is None:
        repo.put_setting(session, DEMO_SETTING, {"since": now.isoformat()}, at=now,
                         actor=DEMO_AUTHOR)
