"""Engine set-up, schema version checks, backup and migration of the office database."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from collections.abc import Iterator
from contextlib import AbstractContextManager
from contextlib import contextmanager
from contextlib import suppress
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import Connection
from sqlalchemy import Engine
from sqlalchemy import create_engine
from sqlalchemy import event
from sqlalchemy import inspect
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm import sessionmaker

from reception_desk.errors import KnownError
from reception_desk.errors import file_error
from reception_desk.storage import errors as environment
from reception_desk.storage.schema_version import HEAD_REVISION
from reception_desk.storage.schema_version import KNOWN_REVISIONS

#: What the database driver raises for a file that is no database or a malformed one (services
#: catch it under this name rather than importing SQLAlchemy).
DatabaseFault = DBAPIError

__all__ = ["Connection", "Database", "DatabaseFault"]

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: SQLite: how long a counter's save waits for another counter's (or an import batch's) write
#: lock before giving up with ``database.busy`` (ms). Bulk work commits in short batches
#: (services/exchange/batches.py), so a wait is normally well under a second; the first
#: ``QUICK_WAIT_MS`` pass silently, after that ``Database.waiting`` is told (the GUI says
#: "another counter is saving…").
SQLITE_BUSY_TIMEOUT_MS = 30000
QUICK_WAIT_MS = 100
#: SQLite copies the write-ahead log back into the database file in the commit that takes the
#: log past this many pages (its default is 1,000). A saved visit writes about 50 pages (the
#: visit, its 15 indexes and search index, the citizen, the audit row), so at 1,000 one save in
#: 20 also made the copy (about +4 ms); at 2,000 one in 40 does, a bigger copy (about +7 ms) but
#: less copying in all, as pages written again meanwhile are copied once (issue 17: measured on
#: the 1,000,000-visit demo, the mean save is no slower and the 95th percentile no longer holds
#: a copy). The log file grows to about 8 MB. Nothing is less safe: a commit is on disk before
#: it is reported (synchronous=FULL), and so is every copy.
SQLITE_WAL_AUTOCHECKPOINT_PAGES = 2000
#: PostgreSQL: a statement waits at most this long for a row lock another client holds (a hung
#: client no longer blocks every counter), and no interactive statement runs longer than
#: ``PG_STATEMENT_TIMEOUT_MS``; both become ``database.busy`` / ``database.too_slow``.
#: ``long_statements`` allows long work (import, backup, check) more.
PG_LOCK_TIMEOUT_MS = 5000
PG_STATEMENT_TIMEOUT_MS = 60000
PG_LONG_LOCK_TIMEOUT_MS = 30000
PG_LONG_STATEMENT_TIMEOUT_MS = 30 * 60 * 1000


class Waiting:
    """Who is told when a write must wait for another counter's write lock (SQLite): called with
    True when the wait starts (after ``QUICK_WAIT_MS``) and False when it ends, in the thread
    that waits. The GUI shows "another counter is saving…"; nothing is told by default."""

    def __init__(self) -> None:
        self.callback: Callable[[bool], None] | None = None

    def tell(self, waiting: bool) -> None:
        callback = self.callback
        if callback is not None:
            with suppress(Exception):  # a status line must never break a save
                callback(waiting)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's implicit transactions
    # would defer it past SELECTs and break repeatable counters).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL: readers never block the writer. synchronous=FULL: a visit reported saved survives a
    # power cut (NORMAL may lose the last commits in WAL mode). foreign_keys is off by default.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA wal_autocheckpoint={SQLITE_WAL_AUTOCHECKPOINT_PAGES}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def _is_busy(exc: BaseException) -> bool:
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in str(exc)


def _begin_immediate(driver: Any, waiting: Waiting) -> None:
    """BEGIN IMMEDIATE, waiting up to the connection's busy timeout; a wait longer than
    ``QUICK_WAIT_MS`` is told to ``waiting`` (start and end)."""
    budget = int(driver.execute("PRAGMA busy_timeout").fetchone()[0])
    quick = min(budget, QUICK_WAIT_MS)
    driver.execute(f"PRAGMA busy_timeout={quick}")
    try:
        try:
            driver.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or budget <= quick:
                raise
        waiting.tell(True)
        try:
            driver.execute(f"PRAGMA busy_timeout={budget - quick}")
            driver.execute("BEGIN IMMEDIATE")
        finally:
            waiting.tell(False)
    finally:
        driver.execute(f"PRAGMA busy_timeout={budget}")


def _sqlite_begin(waiting: Waiting) -> Callable[[Any], None]:
    def on_begin(connection: Any) -> None:
        # A unit of work that will write takes the write lock up front (BEGIN IMMEDIATE): a
        # deferred transaction that reads first and writes later cannot wait for another
        # writer and fails with "database is locked" when two counters save at the same moment.
        if not connection.get_execution_options().get("rd_write"):
            connection.exec_driver_sql("BEGIN")
            return
        try:
            _begin_immediate(connection.connection.driver_connection, waiting)
        except sqlite3.Error as exc:
            known = environment.known_error(
                exc, "sqlite", environment.sqlite_path(connection.engine.url.database))
            if known is None:
                raise
            raise known from exc

    return on_begin


def long_statements(session: Session | Connection) -> None:
    """This transaction does long work (an import, a backup, a check): on PostgreSQL its
    statements may run and wait longer than a counter's (``SET LOCAL``: until it ends)."""
    bind = session.get_bind() if isinstance(session, Session) else session
    if bind.dialect.name == "postgresql":
        session.execute(text(f"SET LOCAL statement_timeout = {PG_LONG_STATEMENT_TIMEOUT_MS}"))
        session.execute(text(f"SET LOCAL lock_timeout = {PG_LONG_LOCK_TIMEOUT_MS}"))


def _existing_sqlite_file(path: Path | None, create: bool) -> None:
    """The file an SQLite URL names must be a file; without ``create`` it must exist."""
    if path is None:
        return
    if path.is_dir():
        raise KnownError("database.is_folder", path=str(path))
    if create:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise file_error(exc, path.parent, writing=True) from exc
    elif not path.is_file():
        raise KnownError("database.not_found", path=str(path))


def make_engine(url: str, create: bool = True, waiting: Waiting | None = None) -> Engine:
    """An engine for ``url`` with the pragmas, timeouts and pool settings this app relies on.

    ``create=False``: a missing SQLite file (or its folder) is refused, never created.
    ``waiting``: told when a write waits for another counter's lock (SQLite).
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        _existing_sqlite_file(environment.sqlite_path(parsed.database), create)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_begin(waiting or Waiting()))
        environment.install(engine)
        return engine
    if parsed.get_backend_name() == "postgresql":
        options = (f"-c lock_timeout={PG_LOCK_TIMEOUT_MS} "
                   f"-c statement_timeout={PG_STATEMENT_TIMEOUT_MS}")
        engine = create_engine(url, pool_pre_ping=True, connect_args={"options": options})
        environment.install(engine)
        return engine
    raise KnownError("database.unsupported_url", url=parsed.render_as_string(hide_password=True))


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config  # imported only when migrating: it is slow to import

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.set_main_option(
            "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
        )
    return cfg


def head_revision() -> str:
    """The newest migration, read from the scripts themselves."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def script_revisions() -> list[str]:
    """Every migration revision, oldest first, read from the scripts."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


@dataclass(frozen=True)
class SchemaState:
    current: str | None  # None: empty database
    head: str
    known: bool  # the current revision is one this code knows

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def schema_state(engine: Engine) -> SchemaState:
    """Where the database's schema stands relative to this code's migrations."""
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names()) - {"alembic_version"}
            current = None
            if "alembic_version" in inspect(conn).get_table_names():
                current = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except (DatabaseError, OperationalError) as exc:
        raise KnownError("database.unreadable", detail=str(exc.orig or exc)) from exc
    if current is None and tables:
        raise KnownError("database.foreign")
    known = current is None or current in KNOWN_REVISIONS
    return SchemaState(current=current, head=HEAD_REVISION, known=known)


def missing_tables(engine: Engine) -> list[str]:
    """Tables of this program's schema the database lacks (a damaged or tampered file)."""
    from sqlmodel import SQLModel

    from reception_desk.storage import models  # noqa: F401  (registers the tables)

    wanted = set(SQLModel.metadata.tables)
    with engine.connect() as conn:
        present = set(inspect(conn).get_table_names())
    return sorted(wanted - present)


def backup_sqlite(engine: Engine, reason: str) -> Path | None:
    """Copy a SQLite database file beside itself with the online backup API (consistent in WAL)."""
    database = engine.url.database
    if engine.url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    source_path = Path(database)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    name = f"{source_path.stem}.backup-{reason}-{stamp}{source_path.suffix}"
    target = source_path.with_name(name)
    try:
        source = sqlite3.connect(str(source_path))
        try:
            dest = sqlite3.connect(str(target))
            try:
                source.backup(dest)
            finally:
                dest.close()
        finally:
            source.close()
    except sqlite3.Error as exc:
        with suppress(OSError):
            target.unlink(missing_ok=True)
        known = environment.known_error(exc, "sqlite", target)
        if known is None:
            raise
        raise known from exc
    log.info("Backed up %s to %s", source_path, target)
    return target


def upgrade(engine: Engine) -> Path | None:
    """Refuse a too-new database, back up an older one, migrate to head. Returns the backup path."""
    state = schema_state(engine)
    if not state.known:
        raise KnownError("database.too_new", revision=state.current or "", head=state.head)
    if state.up_to_date:
        return None
    backup = None
    if state.current is not None:
        backup = backup_sqlite(engine, f"before-{state.head}")
        if backup is None:
            log.warning("No automatic backup of a %s database", engine.url.get_backend_name())
    from alembic import command

    with engine.begin() as conn:
        cfg = alembic_config(engine)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    log.info("Database migrated from %s to %s", state.current, state.head)
    return backup


class SessionGuard:
    """A check to make in the next unit of work this thread opens, before its own work
    (``services.access.rights``: the acting account still holds the right), so it costs no
    session of its own. ``done`` tells whether a unit of work ran it."""

    def __init__(self, check: Callable[[Session], None]) -> None:
        self.check = check
        self.done = False

    def run(self, session: Session) -> None:
        if not self.done:
            self.done = True
            self.check(session)


_guard: ContextVar[SessionGuard | None] = ContextVar("rd_session_guard", default=None)


@contextmanager
def guarded(check: Callable[[Session], None]) -> Iterator[SessionGuard]:
    """Within the block, the first unit of work opened on this thread (``Database.session`` or
    ``read``) runs ``check`` first, inside its own transaction."""
    guard = SessionGuard(check)
    token = _guard.set(guard)
    try:
        yield guard
    finally:
        _guard.reset(token)


def _run_guard(session: Session) -> None:
    guard = _guard.get()
    if guard is not None:
        guard.run(session)


@contextmanager
def _unit_of_work(sessions: sessionmaker[Session], commit: bool) -> Iterator[Session]:
    """A session from ``sessions`` that first runs this thread's pending guard; at the end it
    commits (when ``commit`` and nothing failed), and whatever was not committed is rolled back
    (a rollback after the commit has nothing left to undo)."""
    with sessions() as session:
        try:
            _run_guard(session)
            yield session
            if commit:
                session.commit()
        finally:
            session.rollback()


class Database:
    """The open office database: an engine plus a session factory."""

    def __init__(self, url: str, create: bool = True) -> None:
        self.url = url
        #: Told when a save waits for another counter's write lock (``Waiting``).
        self.waiting = Waiting()
        self.engine = make_engine(url, create, self.waiting)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(
            self.engine.execution_options(rd_write=True), expire_on_commit=False
        )

    @property
    def backend(self) -> str:
        return self.engine.url.get_backend_name()

    def session(self) -> AbstractContextManager[Session]:
        """A unit of work: commits on success, rolls back on any exception."""
        return _unit_of_work(self._write_sessions, commit=True)

    def read(self) -> AbstractContextManager[Session]:
        """A read-only unit of work (rolled back at the end)."""
        return _unit_of_work(self._sessions, commit=False)

    def dispose(self) -> None:
        if self.backend == "sqlite":
            # Keep the query planner's statistics current as the logbook grows (cheap: SQLite
            # only re-analyses tables whose size changed a lot).
            try:
                with self.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA optimize")
            except (DatabaseError, OperationalError, KnownError):
                pass  # a damaged, read-only or locked file: nothing to tune
        self.engine.dispose()


def open_database(url: str, migrate: bool = True, create: bool = True) -> Database:
    """Open ``url``: check the schema version and migrate it (with a backup) unless told not to.

    ``create=False`` (the read-only commands): a database that does not exist yet, or holds no
    logbook, is refused with ``database.not_found`` instead of being created.
    """
    db = Database(url, create)
    try:
        if not create and schema_state(db.engine).current is None:
            raise KnownError("database.not_found", path=db.engine.url.render_as_string(
                hide_password=True).split("///", 1)[-1])
        if migrate:
            upgrade(db.engine)
        else:
            state = schema_state(db.engine)
            if not state.known:
                raise KnownError("database.too_new", revision=state.current or "", head=state.head)
    except (DatabaseError, OperationalError) as exc:
        db.dispose()
        raise KnownError("database.unreadable", detail=str(exc.orig or exc)) from exc
    except Exception:
        db.dispose()
        raise
    return db
