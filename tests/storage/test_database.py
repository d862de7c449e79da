"""Migrations, version checks, backups and pragmas on real SQLite files and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect
from sqlalchemy import text

from reception_desk.errors import KnownError
from reception_desk.storage.database import Database
from reception_desk.storage.database import alembic_config
from reception_desk.storage.database import head_revision
from reception_desk.storage.database import open_database
from reception_desk.storage.database import schema_state
from reception_desk.storage.database import script_revisions
from reception_desk.storage.schema_version import HEAD_REVISION
from reception_desk.storage.schema_version import KNOWN_REVISIONS


def test_known_revisions_match_the_migration_scripts():
    assert list(KNOWN_REVISIONS) == script_revisions()
    assert head_revision() == HEAD_REVISION


def test_migrations_from_empty_reach_head(database_url):
    db = open_database(database_url)
    try:
        state = schema_state(db.engine)
        assert state.up_to_date and state.current == head_revision()
        tables = set(inspect(db.engine).get_table_names())
        assert {"visit", "citizen", "staff", "audit_entry", "counter", "setting",
                "field_category", "visit_document"} <= tables
        with db.read() as s:
            assert s.execute(text("SELECT count(*) FROM field_category")).scalar() > 10
    finally:
        db.dispose()


def test_downgrade_to_base_and_up_again(database_url):
    db = open_database(database_url)
    try:
        with db.engine.begin() as conn:
            cfg = alembic_config(db.engine)
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "base")
        assert "visit" not in inspect(db.engine).get_table_names()
    finally:
        db.dispose()
    open_database(database_url).dispose()


def test_too_new_database_is_refused_and_left_alone(database_url):
    open_database(database_url).dispose()
    db = Database(database_url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'from_the_future'"))
    db.dispose()
    with pytest.raises(KnownError) as info:
        open_database(database_url)
    assert info.value.code == "database.too_new"
    db = Database(database_url)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == \
            "from_the_future"
    db.dispose()


def test_corrupt_file_gets_a_clear_error(tmp_path: Path):
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(KnownError) as info:
        open_database(f"sqlite:///{path}")
    assert info.value.code == "database.unreadable"


def test_older_database_is_backed_up_then_migrated(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    db = Database(url)
    with db.engine.begin() as conn:
        cfg = alembic_config(db.engine)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")  # a database made by the first release
        conn.execute(text("INSERT INTO setting (key, value, updated_at, updated_by) "
                          "VALUES ('office', '{}', '2026-01-01 00:00:00', 'x')"))
    db.dispose()
    open_database(url).dispose()
    backups = list(tmp_path.glob("office.backup-*.sqlite3"))
    assert len(backups) == 1
    old = Database(f"sqlite:///{backups[0]}")
    try:
        assert schema_state(old.engine).current == "0001"
    finally:
        old.dispose()
    migrated = Database(url)
    try:
        assert schema_state(migrated.engine).up_to_date
    finally:
        migrated.dispose()


def test_sqlite_pragmas_for_durability(sqlite_url):
    db = open_database(sqlite_url)
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            # Issue 17: the log is copied back every 2,000 pages (one save in about 40).
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 2000
    finally:
        db.dispose()


def test_foreign_tables_are_not_touched(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    db = Database(url)
    with db.engine.begin() as conn:
        conn.execute(text("CREATE TABLE accounts (id INTEGER)"))
    db.dispose()
    with pytest.raises(KnownError) as info:
        open_database(url)
    assert info.value.code == "database.foreign"


def test_models_and_migrations_agree(database_url):
    """Autogenerate finds nothing to do: no table or index exists only in the models."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlmodel import SQLModel

    db = open_database(database_url)
    try:
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    finally:
        db.dispose()
    # The search index (FTS5 tables, trigram indexes) lives outside the models on purpose.
    leftover = [d for d in diff if "_fts" not in str(d) and "trgm" not in str(d)]
    assert leftover == []
