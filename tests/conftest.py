"""Shared fixtures: real SQLite files, a PostgreSQL server started for the run, Qt offscreen."""

from __future__ import annotations

import gc
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from reception_desk.ui.gc_guard import collect_due

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresServer:
    """A throwaway PostgreSQL cluster on loopback (STACK.md recipe)."""

    def __init__(self) -> None:
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
        if not bins:
            raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
        self.bin = bins[-1]
        self.dir = Path(tempfile.mkdtemp(prefix="rd-pg-"))
        self.port = _free_port()
        self._counter = 0
        as_root = os.geteuid() == 0
        self._prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
        if as_root:
            shutil.chown(self.dir, "postgres", "postgres")

    def _run(self, *args: str) -> None:
        subprocess.run([*self._prefix, *args], check=True, capture_output=True)

    def start(self) -> None:
        data = self.dir / "data"
        self._run(str(self.bin / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                  "-E", "UTF8", "--locale=C.UTF-8")
        opts = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off"
        self._run(str(self.bin / "pg_ctl"), "-D", str(data), "-l", str(self.dir / "log"), "-w",
                  "-o", opts, "start")

    def stop(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "immediate", "-w",
                  "stop")
        shutil.rmtree(self.dir, ignore_errors=True)

    def new_database(self) -> str:
        """Create an empty database and return its SQLAlchemy URL."""
        self._counter += 1
        name = f"rd_test_{self._counter}"
        self._run(str(self.bin.parent / "bin" / "psql"), "-h", str(self.dir), "-p", str(self.port),
                  "-U", "postgres", "-c", f"CREATE DATABASE {name}")
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Stress tests (``@pytest.mark.stress``) run only when asked for: ``-m stress``."""
    if "stress" in (config.getoption("markexpr", "") or ""):
        return
    skip = pytest.mark.skip(reason="stress test: run with -m stress (see README)")
    for item in items:
        if item.get_closest_marker("stress") is not None:
            item.add_marker(skip)


@pytest.fixture(autouse=True, scope="session")
def _garbage_collected_on_main_thread() -> Iterator[None]:
    """As in the app (ui/gc_guard.py): no automatic collection, which could run in a background
    job's thread and destroy a widget of an earlier test there; collect between tests."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _collect_between_tests() -> Iterator[None]:
    yield
    collect_due()


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory: pytest.TempPathFactory,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    """User data, logs, drafts and QSettings of a test never touch the real home folder."""
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.delenv("RECEPTION_DESK_DATABASE", raising=False)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    server = PostgresServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each supported kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'reception.sqlite3'}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.new_database()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'reception.sqlite3'}"


# --- an office ready to log visits ---------------------------------------------------------------

FIXED_NOW = "2026-11-27T02:30:00+00:00"  # 09:30 in Vietnam, a Friday


class Clock:
    """A settable clock for services (domain and services never read the real clock in tests)."""

    def __init__(self, iso: str = FIXED_NOW) -> None:
        from datetime import datetime

        self.moment = datetime.fromisoformat(iso)

    def __call__(self):  # type: ignore[no-untyped-def]
        return self.moment


def make_desk(url: str, clock: Clock | None = None):  # type: ignore[no-untyped-def]
    from reception_desk.services.access.passwords import cheap_hasher
    from reception_desk.services.desk import Desk
    from reception_desk.services.office.dto import StaffRole
    from reception_desk.storage.database import open_database

    desk = Desk(open_database(url), clock or Clock(), hasher=cheap_hasher())
    ninh_binh = 37
    from reception_desk.domain import geography

    commune = geography.communes(ninh_binh)[0]
    desk.save_office(desk.suggested_profile(ninh_binh, commune.code))
    clerk, _ = desk.save_staff("Trần Thị Thu", "Công chức tiếp công dân", StaffRole.CLERK)
    desk.save_staff("Nguyễn Văn Hùng", "Chủ tịch UBND xã", StaffRole.CHAIR)
    desk.act_as(clerk)
    return desk


@pytest.fixture
def clock() -> Clock:
    return Clock()


def assert_record_intact(desk) -> None:  # type: ignore[no-untyped-def]
    """Whatever a test did through the services left every record matching its last audited
    state, the audit chain whole and the numbering gapless (services/integrity.py)."""
    from reception_desk.services.office.integrity import check_record

    findings = check_record(desk.db)
    assert not findings, findings


@pytest.fixture
def desk(database_url: str, clock: Clock):  # type: ignore[no-untyped-def]
    d = make_desk(database_url, clock)
    yield d
    assert_record_intact(d)
    d.close()


@pytest.fixture
def sqlite_desk(sqlite_url: str, clock: Clock):  # type: ignore[no-untyped-def]
    d = make_desk(sqlite_url, clock)
    yield d
    assert_record_intact(d)
    d.close()


def sample_draft(desk, **overrides):  # type: ignore[no-untyped-def]
    """A complete, valid visit draft (every field of both logbook layouts filled)."""
    from reception_desk.domain.classification import DocumentCondition
    from reception_desk.domain.classification import HandlingDirection
    from reception_desk.domain.classification import IdDocType
    from reception_desk.domain.classification import PetitionType
    from reception_desk.domain.classification import Sex
    from reception_desk.domain.classification import VisitKind
    from reception_desk.domain.visits import DocumentLine
    from reception_desk.domain.visits import VisitDraft

    staff = {s.role.value: s for s in desk.staff()}
    from datetime import date
    from datetime import timedelta

    values = dict(
        received_at=desk.now() - timedelta(minutes=5),
        kind=VisitKind.REGULAR,
        receiving_staff_id=staff["clerk"].id,
        citizen_name="Nguyễn Văn Đức",
        id_doc_type=IdDocType.CITIZEN_ID,
        id_number="037085001234",
        id_issue_date=date(2021, 5, 3),
        id_issue_place="Cục Cảnh sát QLHC về TTXH",
        sex=Sex.MALE,
        birth_date=date(1985, 4, 12),
        ward_code=desk.office().commune_code,
        address_detail="Thôn Đông, số 12",
        phone="0912 345 678",
        people_count=1,
        content="Đề nghị xem xét việc cấp giấy chứng nhận quyền sử dụng đất cho thửa số 215.",
        petition_type=PetitionType.PETITION,
        field_code="pakn.dat_dai",
        prior_bodies="Chưa",
        within_competence=True,
        direction=HandlingDirection.ACCEPT,
        target_body="",
        target_doc_number="",
        follow_up="Hẹn trả lời trong 10 ngày làm việc",
        notes="",
        documents=[DocumentLine("Đơn kiến nghị", 2, DocumentCondition.ORIGINAL),
                   DocumentLine("Bản sao sổ đỏ", 3, DocumentCondition.CERTIFIED_COPY)],
    )
    values.update(overrides)
    return VisitDraft(**values)


TEST_PASSWORD = "mật khẩu thử 2026"


def sign_in_as(desk, role):  # type: ignore[no-untyped-def]
    """``desk`` acting as a signed-in account of ``role`` (the administrator made first if the
    office has none); returns the principal. For tests of the doors that check rights."""
    from reception_desk.domain.access import Role
    from reception_desk.services.access.dto import NewUser

    access = desk.access
    if not access.has_users():
        access.create_first_administrator(
            NewUser("quantri", "Quản trị viên", Role.ADMINISTRATOR, TEST_PASSWORD))
    if role is Role.ADMINISTRATOR:
        return access.sign_in("quantri", TEST_PASSWORD)
    name = role.value.replace("_", ".")
    if name not in access.sign_in_names():
        access.sign_in("quantri", TEST_PASSWORD)
        access.create_user(NewUser(name, f"Người dùng {name}", role, TEST_PASSWORD,
                                   must_change_password=False))
    return access.sign_in(name, TEST_PASSWORD)
