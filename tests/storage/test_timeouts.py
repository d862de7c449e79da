"""Issue 11 item 3: a counter that must wait for another's write is told and goes on (SQLite);
PostgreSQL never lets a hung client block a counter for long (lock and statement timeouts)."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from reception_desk.errors import KnownError
from reception_desk.storage import database
from reception_desk.texts import message_for
from tests.conftest import Clock
from tests.conftest import make_desk
from tests.conftest import sample_draft


def test_a_save_that_must_wait_is_told_and_then_saves(tmp_path: Path):
    path = tmp_path / "office.sqlite3"
    desk = make_desk(f"sqlite:///{path}", Clock())
    told: list[bool] = []
    desk.tell_waits(told.append)
    desk.log_visit(sample_draft(desk))
    assert told == []  # nobody in the way: nothing said
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another counter's long write
    release = threading.Timer(1.0, holder.rollback)
    release.start()
    started = time.perf_counter()
    try:
        visit, _ = desk.log_visit(sample_draft(desk, content="Chờ quầy khác lưu xong"))
    finally:
        release.join()
        holder.close()
    assert time.perf_counter() - started >= 0.9
    assert told == [True, False]  # "another counter is saving…", then the save went on
    assert visit.seq == 2
    desk.close()


def test_the_wait_has_an_end(tmp_path: Path):
    path = tmp_path / "office.sqlite3"
    desk = make_desk(f"sqlite:///{path}", Clock())
    told: list[bool] = []
    desk.tell_waits(told.append)
    desk.db.engine.dispose()

    from sqlalchemy import event

    def short_wait(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.execute("PRAGMA busy_timeout=400")

    event.listen(desk.db.engine, "connect", short_wait)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(KnownError) as info:
            desk.log_visit(sample_draft(desk))
    finally:
        holder.rollback()
        holder.close()
    assert info.value.code == "database.busy"
    assert told == [True, False]
    desk.log_visit(sample_draft(desk))  # and the same draft saves once the lock is gone
    desk.close()


def test_a_row_held_by_a_hung_client_refuses_after_the_lock_timeout(postgres_server):
    import psycopg

    url = postgres_server.new_database()
    desk = make_desk(url, Clock())
    visit, _ = desk.log_visit(sample_draft(desk))
    hung = psycopg.connect(url.replace("postgresql+psycopg", "postgresql"))
    try:
        hung.execute("SELECT id FROM visit WHERE id = %s FOR UPDATE", (visit.id,))  # and hangs
        started = time.perf_counter()
        with pytest.raises(KnownError) as info:
            desk.void_visit(visit.id, "Ghi trùng")
        waited = time.perf_counter() - started
    finally:
        hung.rollback()
        hung.close()
    assert info.value.code == "database.busy"
    assert database.PG_LOCK_TIMEOUT_MS / 1000 - 0.5 <= waited < 20
    assert "quầy khác" in message_for(info.value).lower() or "another counter" in (
        message_for(info.value).lower())
    assert not desk.visit(visit.id).voided
    desk.void_visit(visit.id, "Ghi trùng")  # the client gone, the void goes through
    desk.close()


def test_a_statement_over_the_timeout_is_stopped_with_a_clear_message(postgres_server,
                                                                      monkeypatch):
    monkeypatch.setattr(database, "PG_STATEMENT_TIMEOUT_MS", 300)
    db = database.open_database(postgres_server.new_database())
    try:
        with pytest.raises(KnownError) as info, db.session() as s:
            s.execute(text("SELECT pg_sleep(2)"))
        assert info.value.code == "database.too_slow"
        with db.session() as s:  # long work may take longer
            database.long_statements(s)
            assert s.execute(text("SELECT pg_sleep(0.6)")).all()
    finally:
        db.dispose()
