"""Every migration, up and down, leaves exactly the schema it always left, on both dialects.

The recorded schemas (tests/storage/migration_schemas/<dialect>.txt) were taken from the
migrations as first written; a change to a migration script (a shared helper, a tidy-up) must not
change a single column, index, constraint, trigger or search table of any revision, since
offices' databases are already stamped at these revisions. SQLite is compared on the exact DDL
in ``sqlite_master``, PostgreSQL on ``pg_dump --schema-only`` with its comments and session
settings left out.

A NEW migration walks too but is compared only once recorded: run this file with
``RD_RECORD_SCHEMAS=1`` and check the diff of the recording, which may only add the new steps
("up to" the new revision, "down to" the one before it). PostgreSQL's recording is skipped on a
machine whose pg_dump has another major version than the one recorded.
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


def _walk(engine: Engine, schema) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Upgrade one revision at a time to head, then downgrade one at a time to base, dumping the
    schema after every step: {"up to 0003": schema, ..., "down to base": schema}."""
    revisions = script_revisions()
    steps: dict[str, str] = {}

    def step(action, target: str, label: str) -> None:  # type: ignore[no-untyped-def]
        with engine.begin() as conn:
            cfg = alembic_config(engine)
            cfg.attributes["connection"] = conn
            action(cfg, target)
        steps[label] = schema(engine)

    for revision in revisions:
        step(command.upgrade, revision, f"up to {revision}")
    for revision in reversed(revisions[:-1]):
        step(command.downgrade, revision, f"down to {revision}")
    step(command.downgrade, "base", "down to base")
    return steps


def _write(path: Path, header: str, steps: dict[str, str]) -> None:
    path.parent.mkdir(exist_ok=True)
    path.write_text(header + "\n" + "".join(f"=== {label}\n{schema}\n"
                                            for label, schema in steps.items()),
                    encoding="utf-8")


def _read(path: Path) -> tuple[str, dict[str, str]]:
    header, _, rest = path.read_text(encoding="utf-8").partition("\n")
    steps = {}
    for section in rest.split("=== ")[1:]:
        label, _, schema = section.partition("\n")
        steps[label] = schema[:-1]
    return header, steps


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_every_revision_keeps_its_recorded_schema(dialect: str, tmp_path: Path,
                                                   request: pytest.FixtureRequest) -> None:
    """Every recorded step still leaves its recorded schema. A revision added since the
    recording walks too, but is compared only once recorded (see the module docstring)."""
    if dialect == "sqlite":
        db = Database(f"sqlite:///{tmp_path / 'walk.sqlite3'}")
        schema = _sqlite_schema
        header = "sqlite_master, constraints of each table sorted"
    else:
        server = request.getfixturevalue("postgres_server")
        db = Database(server.new_database())
        pg_dump = server.bin / "pg_dump"
        # pg_dump's layout may change between major versions: "pg_dump (PostgreSQL) 15.18 …".
        major = subprocess.run([str(pg_dump), "--version"], check=True, capture_output=True,
                               text=True).stdout.split()[2].split(".")[0]
        header = f"pg_dump {major} --schema-only"

        def schema(engine: Engine) -> str:
            return _postgresql_schema(engine, pg_dump)
    recorded = RECORDED / f"{dialect}.txt"
    if os.environ.get("RD_RECORD_SCHEMAS") != "1":
        recorded_header, recorded_steps = _read(recorded)
        if recorded_header != header:
            pytest.skip(f"recorded with {recorded_header!r}, this machine has {header!r}: "
                        "record again (RD_RECORD_SCHEMAS=1) from the commit that recorded it")
    try:
        walked = _walk(db.engine, schema)
    finally:
        db.dispose()
    if os.environ.get("RD_RECORD_SCHEMAS") == "1":
        _write(recorded, header, walked)
        return
    assert set(recorded_steps) <= set(walked), "a recorded step is no longer walked"
    for label, expected in recorded_steps.items():
        assert walked[label] == expected, f"the schema {label} changed"
