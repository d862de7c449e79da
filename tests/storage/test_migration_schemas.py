"""Every migration, up and down, leaves exactly the schema it always left, on both dialects.

The recorded schemas (tests/storage/migration_schemas/<dialect>.txt) were taken from the
migrations as first written; a change to a migration script (a shared helper, a tidy-up) must not
change a single column, index, constraint, trigger or search table of any revision, since
offices' databases are already stamped at these revisions. SQLite is compared on the exact DDL
in ``sqlite_master``, PostgreSQL on ``pg_dump --schema-only`` with its comments and session
settings left out.

After a NEW migration is added, record its schema with ``RD_RECORD_SCHEMAS=1`` and check the
diff of the recording by eye: only the new revision's sections may change.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import Engine

from reception_desk.storage.database import Database
from reception_desk.storage.database import alembic_config
from reception_desk.storage.database import script_revisions

RECORDED = Path(__file__).parent / "migration_schemas"


CONSTRAINT_STARTS = ("CONSTRAINT ", "PRIMARY KEY", "FOREIGN KEY", "UNIQUE", "CHECK")


def _top_level_items(body: str) -> list[str]:
    """The comma-separated items of a CREATE TABLE body (commas inside brackets stay)."""
    items, depth, start = [], 0, 0
    for i, char in enumerate(body):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            items.append(body[start:i])
            start = i + 1
    items.append(body[start:])
    return [" ".join(item.split()) for item in items]


def _table_ddl(sql: str) -> str:
    """A CREATE TABLE statement with its columns in order and its table constraints sorted:
    a batch rebuild lists the constraints in no fixed order."""
    head, _, rest = sql.partition("(")
    body, _, tail = rest.rpartition(")")
    items = _top_level_items(body)
    columns = [item for item in items if not item.startswith(CONSTRAINT_STARTS)]
    constraints = sorted(item for item in items if item.startswith(CONSTRAINT_STARTS))
    return "\n\t".join([f"{head.strip()} (", *columns, *constraints]) + f"\n){tail}"


def _sqlite_schema(engine: Engine) -> str:
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")).all()
    return "\n".join(
        f"{kind} {name} on {table}: "
        f"{_table_ddl(sql) if kind == 'table' and sql.startswith('CREATE TABLE') else sql}"
        for kind, name, table, sql in rows)


def _postgresql_schema(engine: Engine, pg_dump: Path) -> str:
    url = engine.url
    dumped = subprocess.run(
        [str(pg_dump), "--schema-only", "--no-owner", "-h", str(url.host), "-p", str(url.port),
         "-U", str(url.username), str(url.database)],
        check=True, capture_output=True, text=True).stdout
    kept = [line for line in dumped.splitlines()
            if line.strip() and not line.startswith(("--", "SET ", "SELECT pg_catalog.",
                                                     "\\restrict", "\\unrestrict"))]
    return "\n".join(kept)


def _walk(engine: Engine, schema) -> list[str]:  # type: ignore[no-untyped-def]
    """Upgrade one revision at a time to head, then downgrade one at a time to base, dumping the
    schema after every step."""
    revisions = script_revisions()
    sections = []

    def step(action, target: str, label: str) -> None:  # type: ignore[no-untyped-def]
        with engine.begin() as conn:
            cfg = alembic_config(engine)
            cfg.attributes["connection"] = conn
            action(cfg, target)
        sections.append(f"=== {label}\n{schema(engine)}\n")

    for revision in revisions:
        step(command.upgrade, revision, f"up to {revision}")
    for revision in reversed(revisions[:-1]):
        step(command.downgrade, revision, f"down to {revision}")
    step(command.downgrade, "base", "down to base")
    return sections


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_every_revision_keeps_its_recorded_schema(dialect: str, tmp_path: Path,
                                                   request: pytest.FixtureRequest) -> None:
    if dialect == "sqlite":
        db = Database(f"sqlite:///{tmp_path / 'walk.sqlite3'}")
        schema = _sqlite_schema
    else:
        server = request.getfixturevalue("postgres_server")
        db = Database(server.new_database())

        def schema(engine: Engine) -> str:
            return _postgresql_schema(engine, server.bin / "pg_dump")
    try:
        walked = "\n".join(_walk(db.engine, schema))
    finally:
        db.dispose()
    recorded = RECORDED / f"{dialect}.txt"
    if os.environ.get("RD_RECORD_SCHEMAS") == "1":
        recorded.parent.mkdir(exist_ok=True)
        recorded.write_text(walked, encoding="utf-8")
    assert walked == recorded.read_text(encoding="utf-8")
