"""The audit chain in the database: what snapshots cover, writers that never fork it (SQLite and
PostgreSQL), the chain started by migration 0005 on an existing database."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

from alembic import command
from sqlalchemy import event
from sqlalchemy import text
from sqlalchemy.orm import Session
from sqlmodel import SQLModel

from reception_desk.domain.audit_chain import GENESIS
from reception_desk.domain.audit_chain import audit_content
from reception_desk.domain.audit_chain import link_hash
from reception_desk.services.context import Actor
from reception_desk.services.office.integrity import check_record
from reception_desk.services.visits import saving as visits
from reception_desk.storage import repositories as repo
from reception_desk.storage.audit_chain import EXCLUDED
from reception_desk.storage.audit_chain import SNAPSHOTS
from reception_desk.storage.audit_chain import iter_audit_rows
from reception_desk.storage.database import Database
from reception_desk.storage.database import alembic_config
from reception_desk.storage.database import open_database
from tests.conftest import Clock
from tests.conftest import make_desk
from tests.conftest import sample_draft


def test_every_column_is_in_a_snapshot_or_excluded_on_purpose():
    """A column added to a snapshotted table must be decided on: snapshot it (append it to the
    end of its list: older rows hold NULL there and keep their digests) or exclude it."""
    tables = SQLModel.metadata.tables
    covered: dict[str, tuple[str, ...]] = {}
    for spec in SNAPSHOTS.values():
        covered[spec.table] = spec.columns
        for child in spec.children:
            covered[child.table] = child.columns
    assert set(covered) == set(EXCLUDED)
    for name, columns in covered.items():
        actual = {c.name for c in tables[name].columns}
        assert set(columns) | EXCLUDED[name] == actual, name
        assert not set(columns) & EXCLUDED[name], name


def _links(db: Database) -> list[tuple[Any, ...]]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in iter_audit_rows(conn)]


def _assert_one_unbroken_chain(db: Database) -> None:
    rows = _links(db)
    prev = GENESIS
    for row in rows:
        assert row[8] == prev, f"row {row[0]} does not follow the row before it"
        assert link_hash(prev, audit_content(*row[1:8]), row[10]) == row[9]
        prev = row[9]
    with db.engine.connect() as conn:
        length, last_hash = conn.execute(text(
            "SELECT length, last_hash FROM audit_chain_head")).one()
    assert (length, last_hash) == (len(rows), prev)


def test_concurrent_writers_never_fork_the_chain(database_url):
    """Four counters save at once. Their units of work meet at a barrier just before they
    append to the chain, so all four reach its head together: PostgreSQL's row lock on the head
    must serialise them. (Saving a visit also locks its year's counter row, which would queue
    them earlier, so the barrier round writes audit rows only.) On SQLite a unit of work holds
    the write lock from its start (BEGIN IMMEDIATE): no barrier, they queue there."""
    desk = make_desk(database_url, Clock())
    db = desk.db
    visit, _ = desk.log_visit(sample_draft(desk))
    staff = desk.staff()
    writers, rounds = 4, 5
    barrier = threading.Barrier(writers, timeout=60)
    waiting = threading.local()

    def hold(session: Session) -> None:  # runs before the chain append (inserted first)
        if getattr(waiting, "on", False):
            barrier.wait()

    event.listen(Session, "before_commit", hold, insert=True)
    errors: list[BaseException] = []

    def counter(n: int) -> None:
        try:
            for i in range(rounds):
                moment = Clock().moment + timedelta(seconds=i)
                waiting.on = db.backend == "postgresql"
                with db.session() as s:
                    repo.add_audit(s, at=moment, actor=f"Quầy {n}", action="viewed",
                                   entity="visit", entity_id=visit.id)
                waiting.on = False
                draft = sample_draft(desk, citizen_name=f"Người {n} lần {i}",
                                     receiving_staff_id=staff[0].id)
                with db.session() as s:
                    visits.log_visit(s, draft, Actor(f"Quầy {n}"), moment)
        except BaseException as exc:
            errors.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=counter, args=(n,)) for n in range(writers)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(180)
    finally:
        event.remove(Session, "before_commit", hold)
    assert not errors, errors
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM visit")).scalar() == \
            1 + writers * rounds
        assert conn.execute(text("SELECT count(DISTINCT prev_hash) FROM audit_entry")).scalar() \
            == conn.execute(text("SELECT count(*) FROM audit_entry")).scalar()
    _assert_one_unbroken_chain(db)
    assert check_record(db) == []
    desk.close()


def test_a_rolled_back_unit_of_work_leaves_no_link(sqlite_desk):
    db = sqlite_desk.db
    before = len(_links(db))
    try:
        with db.session() as s:
            repo.add_audit(s, at=Clock().moment, actor="x", action="update", entity="setting",
                           entity_id="office", after={"x": 1})
            raise RuntimeError("the save fails")
    except RuntimeError:
        pass
    with db.session() as s:  # the next unit of work does not inherit the dropped row
        repo.add_audit(s, at=Clock().moment, actor="x", action="update", entity="setting",
                       entity_id="office", after={"x": 2})
    rows = _links(db)
    assert len(rows) == before + 1 and rows[-1][7] == '{"x":2}'
    _assert_one_unbroken_chain(db)


def test_a_snapshot_is_what_the_transaction_commits(sqlite_desk):
    """The use case may change the record again after writing its audit row."""
    visit, _ = sqlite_desk.log_visit(sample_draft(sqlite_desk))
    db = sqlite_desk.db
    with db.session() as s:
        repo.add_audit(s, at=Clock().moment, actor="x", action="update", entity="visit",
                       entity_id=visit.id, after={"notes": "y"})
        s.execute(text("UPDATE visit SET notes = 'y', version = version + 1 WHERE id = :i"),
                  {"i": visit.id})
    assert check_record(db) == []


def test_a_removed_head_is_rebuilt_and_says_so(sqlite_desk):
    db = sqlite_desk.db
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_chain_head"))
    sqlite_desk.log_visit(sample_draft(sqlite_desk))
    actions = [row[3] for row in _links(db)]
    assert "chain_head_restored" in actions
    _assert_one_unbroken_chain(db)


def test_migration_0005_starts_the_chain_on_an_existing_database(database_url):
    desk = make_desk(database_url, Clock())
    first, _ = desk.log_visit(sample_draft(desk))
    desk.cases.open_from_visit(first.id)
    desk.documents.issue_receipt(first.id)
    second, _ = desk.log_visit(sample_draft(desk, citizen_name="Lê Thị Hoa"))
    desk.void_visit(second.id, "Ghi nhầm")
    desk.close()
    db = Database(database_url)
    with db.engine.begin() as conn:  # back to a database written before the chain existed
        cfg = alembic_config(db.engine)
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
        earlier = conn.execute(text("SELECT count(*) FROM audit_entry")).scalar()
    db.dispose()
    db = open_database(database_url)  # upgrades, starting the chain
    try:
        rows = _links(db)
        assert len(rows) == earlier + 2 + 2 + 1 + 1 + 1  # + visits, citizens, case, doc, row
        assert all(r[10] == "" for r in rows[:earlier])  # past states unknown
        starts = [(r[4], r[5]) for r in rows if r[3] == "chain_start"]
        assert sorted(starts) == sorted([("visit", "1"), ("visit", "2"), ("citizen", "1"),
                                         ("citizen", "2"), ("case", "1"),
                                         ("issued_document", "1")])
        said = rows[-1]
        assert (said[3], said[4]) == ("chain_started", "database")
        assert f'"earlier_audit_rows":{earlier}' in said[7]
        _assert_one_unbroken_chain(db)
        assert check_record(db) == []
    finally:
        db.dispose()
