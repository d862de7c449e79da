"""Issue 2 targets on a 1,000,000-visit demo database, each beside a floor from the same run.

- start to usable main window ≤ 0.8 s (or ≤ 9x the bare window on a busier machine), and
  within 10 % of the start on a 1,000-visit database (floor: a bare PySide6 window);
- saving a visit ≤ 5 ms p95 for a signed-in clerk (issue 17; floor: a raw SQLite insert +
  commit);
- opening the logbook on one day ≤ 100 ms; sorting all visits by a column ≤ 1 s;
- resident memory ≤ 300 MB;
- (issue 17) start to the sign-in dialog ≤ 3x the bare window, flat in the database's size;
- (issue 10) sign-in to a usable window ≤ 1 s: from Enter pressed in the sign-in dialog (the
  password checked with the app's own argon2id parameters) to the logbook shown, the sign-in
  call's own share printed beside it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.benchmarks.conftest import demo_database
from tests.benchmarks.conftest import p95
from tests.benchmarks.conftest import report

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

_STARTUP = r"""
import json, sys, time
t0 = time.perf_counter()
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([sys.argv[0]])
from reception_desk.app import start
signed: list[float] = []
shown: list[float] = []
early: list[bool] = []


class FirstPaint(QObject):
    # The real sign-in dialog: its first paint is "shown"; once it has the accounts, the name
    # and password are typed and Enter pressed (the benchmark's administrator is in the cache).
    def eventFilter(self, obj, event):
        if not shown and event.type() == QEvent.Type.Paint \
                and type(obj).__name__ == "SignInDialog":
            shown.append(time.perf_counter())
            early.append("sqlalchemy" not in sys.modules)
            obj.ready.connect(lambda: QTimer.singleShot(0, lambda: press_enter(obj)))
        return False


def press_enter(dialog):
    from PySide6.QtTest import QTest

    access = dialog.access
    sign_in = access.sign_in

    def timed(*args):
        signed.append(time.perf_counter())  # Enter pressed in the sign-in dialog
        try:
            return sign_in(*args)
        finally:
            signed.append(time.perf_counter())

    access.sign_in = timed
    dialog.username_edit.setText("bench")
    dialog.password_edit.setText("benchmark 2026")
    QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)


watch = FirstPaint()
app.installEventFilter(watch)
window = start(["--database", sys.argv[1]], app)
app.removeEventFilter(watch)
app.processEvents()
window.logbook.refresh(None)
app.processEvents()
done = time.perf_counter()
# The start as before accounts (the password check is the user's part), and sign-in (Enter
# pressed) to a usable window.
elapsed = done - t0 - (signed[1] - signed[0])
import psutil
rss = psutil.Process().memory_info().rss
window.desk.close()
print(json.dumps({"seconds": elapsed, "dialog_seconds": shown[0] - t0,
                  "before_sqlalchemy": early[0],
                  "sign_in_seconds": done - signed[0],
                  "password_seconds": signed[1] - signed[0], "rss": rss}))
"""

_BARE = r"""
import json, sys, time
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication([sys.argv[0]])
w = QMainWindow(); w.setCentralWidget(QTableView()); w.resize(1280, 800); w.show()
app.processEvents()
print(json.dumps({"seconds": time.perf_counter() - t0}))
"""


def _run(code: str, *args: str) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as home:
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            env[var] = str(Path(home) / var.lower())
        out = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env,
                             check=True, capture_output=True, text=True, timeout=120)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _best_of(n: int, code: str, *args: str) -> dict[str, float]:
    return _fastest(_runs(n, code, *args))


def _runs(n: int, code: str, *args: str) -> list[dict[str, float]]:
    return [_run(code, *args) for _ in range(n)]


def _fastest(runs: list[dict[str, float]], key: str = "seconds") -> dict[str, float]:
    """The run fastest by ``key`` (each figure is judged by its own best of the runs)."""
    return min(runs, key=lambda r: r[key])


def _compile_bytecode() -> None:
    """The app's modules compiled to bytecode beforehand, as an installed app has them (pip and
    the PyInstaller bundle ship ``.pyc``; PySide6, SQLAlchemy and the floor's own imports are
    compiled already): a run with ``PYTHONDONTWRITEBYTECODE`` set would otherwise compile every
    ``reception_desk`` module from source at each start, a cost no office PC pays."""
    import compileall

    assert compileall.compile_dir(ROOT / "reception_desk", quiet=1)


def _with_bench_account(path: Path) -> Path:
    """``path`` (a cached demo database) with the benchmark's administrator, whom the start
    script signs in as (a new cache has no account: the start would wait at the first
    administrator's dialog)."""
    from reception_desk.services.desk import Desk
    from reception_desk.storage.database import open_database

    desk = Desk(open_database(f"sqlite:///{path}"))
    try:
        _signed_in_clerk(desk)
    finally:
        desk.close()
    return path


def test_start_to_usable_window_and_memory():
    big = _with_bench_account(demo_database(1_000_000))
    small = _with_bench_account(demo_database(1_000))
    _compile_bytecode()
    floor = _best_of(3, _BARE)["seconds"] * 1000
    small_runs = _runs(3, _STARTUP, str(small))
    big_runs = _runs(3, _STARTUP, str(big))
    small_run, big_run = _fastest(small_runs), _fastest(big_runs)
    report("start, 1,000 visits", small_run["seconds"] * 1000, floor)
    report("start, 1,000,000 visits", big_run["seconds"] * 1000, floor,
           max(START_SECONDS * 1000, START_RATIO * floor))
    print(f"  BENCH   start to a usable window / bare window: "
          f"{big_run['seconds'] * 1000 / floor:.1f}x (target ≤ {START_SECONDS:.1f} s, or ≤ "
          f"{START_RATIO:.0f}x on a busier machine; the password check left out)")
    report("sign-in to usable window, 1,000,000 visits", big_run["sign_in_seconds"] * 1000,
           floor, 1000)
    dialog_small = _fastest(small_runs, "dialog_seconds")["dialog_seconds"] * 1000
    dialog_big = _fastest(big_runs, "dialog_seconds")["dialog_seconds"] * 1000
    report("start to sign-in dialog, 1,000 visits", dialog_small, floor)
    report("start to sign-in dialog, 1,000,000 visits", dialog_big, floor,
           DIALOG_RATIO * floor)
    # Every run painted the dialog before SQLAlchemy was imported.
    assert all(run["before_sqlalchemy"] for run in small_runs + big_runs)
    print(f"  BENCH   start to sign-in dialog / bare window: {dialog_big / floor:.1f}x "
          f"(target ≤ {DIALOG_RATIO:.0f}x; its first paint, before the database is opened)")
    print(f"  BENCH   of which the sign-in itself (argon2id at OWASP's minimum, 19 MiB, 2 "
          f"passes, 1 lane; the failure count reset; an audit row): "
          f"{big_run['password_seconds'] * 1000:.0f} ms")
    rss_mb = big_run["rss"] / 2**20
    print(f"  BENCH resident memory after start on 1,000,000 visits: {rss_mb:.0f} MB "
          f"(target ≤ 300 MB)")
    assert dialog_big <= DIALOG_RATIO * floor
    assert dialog_big <= dialog_small * 1.10 + 20  # flat in the database's size
    # ≤ 0.8 s on the quiet 2-core machine (bare window ~90 ms); a busier or slower machine,
    # whose bare window is slower too, by the ratio (README "Speed on a modest office PC").
    assert big_run["seconds"] <= max(START_SECONDS, START_RATIO * floor / 1000)
    assert big_run["sign_in_seconds"] <= 1.0
    assert big_run["seconds"] <= small_run["seconds"] * 1.10 + 0.02  # 20 ms timer noise
    assert rss_mb <= 300


@pytest.fixture
def big_desk(tmp_path):
    """A writable copy of the 1,000,000-visit database, opened through the real Desk."""
    import shutil

    from reception_desk.services.desk import Desk
    from reception_desk.storage.database import open_database

    copy = tmp_path / "bench.sqlite3"
    shutil.copyfile(demo_database(1_000_000), copy)
    desk = Desk(open_database(f"sqlite:///{copy}"))
    desk.act_as(desk.staff()[0])
    yield desk
    desk.close()


#: Issue 17: from the start to the sign-in dialog (the first window the user sees) within this
#: many bare PySide6 windows measured in the same run.
DIALOG_RATIO = 3.0

#: Issue 17: start to a usable main window, the password check left out: at most this long on
#: the quiet 2-core machine whose bare window takes ~90 ms (9x), or this many bare windows
#: measured in the same run on a busier or slower machine.
START_SECONDS = 0.8
START_RATIO = 9.0

#: Saving a visit p95 against the raw insert + commit of the same run (5 ms / 0.4 ms).
SAVE_RATIO = 12.5


def _signed_in_clerk(desk):
    """``desk`` acting as a receiving clerk's account, as at the counter (issue 17: the check of
    the account is part of every save)."""
    from reception_desk.domain.access import Role
    from reception_desk.services.access.dto import NewUser

    access = desk.access
    if not access.has_users():
        access.create_first_administrator(
            NewUser("bench", "Benchmark", Role.ADMINISTRATOR, "benchmark 2026"))
    access.sign_in("bench", "benchmark 2026")
    if "bench.clerk" not in access.sign_in_names():
        access.create_user(NewUser("bench.clerk", "Quầy một", Role.RECEIVING_CLERK,
                                   "benchmark 2026", must_change_password=False))
    return access.sign_in("bench.clerk", "benchmark 2026")


def test_save_visit_p95(big_desk, tmp_path):
    """Issue 17: ≤ 5 ms p95 for a signed-in clerk (one unit of work: the account checked, the
    counter, the row, its lines, the FTS row by trigger and the audit row; nothing re-read)."""
    from tests.conftest import sample_draft

    _signed_in_clerk(big_desk)
    drafts = [sample_draft(big_desk, citizen_name=f"Nguyễn Văn Thử {i}") for i in range(220)]
    times = []
    for draft in drafts:
        t0 = time.perf_counter()
        big_desk.log_visit(draft)
        times.append((time.perf_counter() - t0) * 1000)
    times = times[20:]  # the first saves warm the statement caches
    raw = sqlite3.connect(tmp_path / "raw.sqlite3", isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=FULL")
    raw.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, content TEXT)")
    floor = []
    for i in range(200):
        t0 = time.perf_counter()
        raw.execute("BEGIN")
        raw.execute("INSERT INTO t (name, content) VALUES (?, ?)", (f"n{i}", "x" * 200))
        raw.execute("COMMIT")
        floor.append((time.perf_counter() - t0) * 1000)
    raw.close()
    report("save a visit p95 (signed-in clerk)", p95(times), p95(floor), 5)
    print(f"  BENCH   median {sorted(times)[len(times) // 2]:.1f} ms; p95 / floor "
          f"{p95(times) / p95(floor):.1f}x (target ≤ {SAVE_RATIO}x)")
    # 5 ms where the raw insert + commit takes 0.4 ms (the quiet machine of issue 17): the
    # ratio judges a loaded or slower machine, whose floor is slower too.
    assert p95(times) <= max(5.0, SAVE_RATIO * p95(floor))


def test_logbook_one_day_and_sort_all(big_desk, qtbot):
    from PySide6.QtCore import Qt

    from reception_desk.app import AFTER_START_DELAY_MS
    from reception_desk.app import warm_after_start
    from reception_desk.services.visits.dto import VisitQuery
    from reception_desk.services.visits.dto import VisitSort
    from reception_desk.ui.logbook import COLUMNS
    from reception_desk.ui.logbook import VisitTableModel

    model = VisitTableModel(big_desk)
    last = big_desk.visit_page(VisitQuery(sort=VisitSort.STT, descending=True), 0, 1)[0]
    last_day = last.received_at.date()
    # As in the app a second after start: the statutory calendar behind a visit's transfer due
    # date (the holidays package) and the case screens were loaded on a thread meanwhile.
    t0 = time.perf_counter()
    warm_after_start().join()
    warm = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    model.set_query(VisitQuery(date_from=last_day, date_to=last_day))
    model.data(model.index(0, 0))
    for column in range(model.columnCount()):  # every cell of the first row, as the view asks
        model.data(model.index(0, column))
    one_day = (time.perf_counter() - t0) * 1000
    report("open the logbook on one day", one_day, None, 100)
    print(f"  BENCH   loaded on a thread {AFTER_START_DELAY_MS} ms after start (first open of a "
          f"fresh process otherwise): {warm:.0f} ms")

    model.set_query(VisitQuery())
    timings = []
    for column, spec in enumerate(COLUMNS):
        if spec.sort is None:
            continue
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            t0 = time.perf_counter()
            model.sort(column, order)
            model.data(model.index(0, 0))
            model.data(model.index(model.rowCount() - 1, 0))
            timings.append((time.perf_counter() - t0) * 1000)
    report("sort all visits by a column (worst)", max(timings), None, 1000)
    assert one_day <= 100
    assert timings and max(timings) <= 1000
