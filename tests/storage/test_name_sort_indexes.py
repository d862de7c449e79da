"""Migration 0015: the two blocks of the logbook's name sort (withheld senders, everyone else)
and the withheld block's count are read from indexes alone, so the last page of a million visits
steps through index entries, not table rows (issue 17). The order itself is pinned on both
dialects by tests/services/test_name_sort_secrecy.py."""

from __future__ import annotations

from sqlalchemy import func
from sqlalchemy import select
from sqlmodel import col

from reception_desk.storage.database import open_database
from reception_desk.storage.models import Visit
from reception_desk.storage.queries.visits import SORTS
from reception_desk.storage.queries.visits import secret_sender


def _plan(db, stmt) -> str:  # type: ignore[no-untyped-def]
    sql = str(stmt.compile(db.engine, compile_kwargs={"literal_binds": True}))
    with db.engine.connect() as conn:
        return " / ".join(str(row[3]) for row in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN " + sql))


def test_each_block_of_the_name_sort_is_read_from_its_index(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    try:
        withheld_count = select(func.count()).select_from(Visit).where(secret_sender())
        assert "COVERING INDEX ix_visit_withheld" in _plan(db, withheld_count)
        withheld = (select(col(Visit.id), col(Visit.content)).where(secret_sender())
                    .order_by(col(Visit.year), col(Visit.seq)).offset(10).limit(1))
        plan = _plan(db, withheld)
        assert "ix_visit_withheld" in plan and "TEMP B-TREE" not in plan
        shown = (select(col(Visit.id), col(Visit.content)).where(~secret_sender())
                 .order_by(*SORTS["name"]).offset(10).limit(1))
        plan = _plan(db, shown)
        assert "ix_visit_sort_name_shown" in plan and "TEMP B-TREE" not in plan
    finally:
        db.dispose()
