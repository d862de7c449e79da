"""``reception-desk deadline`` in a subprocess: hand-worked dates with their legal basis.

2026 days off used below (holidays.VN): Tết Mon 16–Fri 20 Feb; Giỗ Tổ Sun 26 Apr + compensating
Mon 27 Apr; Thu 30 Apr, Fri 1 May; Quốc khánh Tue 1 + Wed 2 Sep. Calendar-day periods follow the
Civil Code Art. 147–148 (start day not counted, a last day off moves to the next working day).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from reception_desk.domain.calendar import OverrideKind
from reception_desk.storage.database import Database
from reception_desk.storage.database import alembic_config
from reception_desk.storage.database import schema_state
from reception_desk.storage.schema_version import HEAD_REVISION
from reception_desk.storage.schema_version import KNOWN_REVISIONS
from tests.conftest import make_desk

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, command: str = "deadline") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "reception_desk", command, *args],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=env,
                          timeout=60, check=False)


def _json(*args: str) -> dict[str, object]:
    result = _run(*args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("args", "due", "unit", "basis"),
    [
        # Luật KN Art. 27: 10 days from Sun 8 Feb → Wed 18 Feb (Tết) → 19, 20 Tết, weekend →
        # Mon 23 Feb.
        pytest.param(("complaint-acceptance", "2026-02-08"), "2026-02-23", "calendar_days",
                     "Luật KN 2011 Art. 27, 36", id="KN-27-acceptance-ends-in-Tet"),
        # Luật TCD Art. 28(1): 10 working days from Tue 10 Feb: 11,12,13 | Tết | 23–27 | 2, 3 Mar.
        pytest.param(("intake-notice", "2026-02-10"), "2026-03-03", "working_days",
                     "Luật TCD 2013 Art. 28(1)", id="TCD-28-intake-across-Tet"),
        # Received Tue 30 Jun 2026: the old rule (10 days) → Fri 10 Jul.
        pytest.param(("complaint-acceptance", "2026-06-30"), "2026-07-10", "calendar_days",
                     "Luật KN 2011 Art. 27, 36", id="KN-27-acceptance-last-day-old-rule"),
        # From Wed 1 Jul 2026, NĐ 155/2026: 7 working days: 2, 3, 6, 7, 8, 9, 10 → Fri 10 Jul.
        pytest.param(("complaint-acceptance", "2026-07-01"), "2026-07-10", "working_days",
                     "NĐ 155/2026 (NĐ 124/2020 Art. 16(1))", id="ND155-acceptance-first-day"),
        # Thu 2 Jul: 3, 6, 7, 8, 9, 10, 13 → Mon 13 Jul.
        pytest.param(("complaint-acceptance", "2026-07-02"), "2026-07-13", "working_days",
                     "NĐ 155/2026 (NĐ 124/2020 Art. 16(1))", id="ND155-acceptance-7-working"),
        # Luật KN Art. 28: 30 days from Tue 20 Jan → Thu 19 Feb (Tết) → Mon 23 Feb.
        pytest.param(("complaint-1", "2026-01-20"), "2026-02-23", "calendar_days",
                     "Luật KN 2011 Art. 28", id="KN-28-first-complaint-ends-in-Tet"),
        # Luật KN Art. 28: remote + complex 60 days → Sat 21 Mar → Mon 23 Mar.
        pytest.param(("complaint-1", "2026-01-20", "--complex", "--remote"), "2026-03-23",
                     "calendar_days", "Luật KN 2011 Art. 28", id="KN-28-remote-complex-60d"),
        # Luật KN Art. 37: 45 days from Mon 5 Jan → Thu 19 Feb (Tết) → Mon 23 Feb.
        pytest.param(("complaint-2", "2026-01-05"), "2026-02-23", "calendar_days",
                     "Luật KN 2011 Art. 37", id="KN-37-second-complaint-ends-in-Tet"),
        # Luật TC Art. 24(1): 7 working days from Wed 11 Feb: 12, 13 | Tết | 23–27 → Fri 27 Feb.
        pytest.param(("denunciation-processing", "2026-02-11"), "2026-02-27", "working_days",
                     "Luật TC 2018 Art. 24(1)", id="TC-24-1-processing-across-Tet"),
        # … verification at several places (Art. 24(1)): 10 working days → 2, 3, 4 Mar → Wed 4 Mar.
        pytest.param(("denunciation-processing", "2026-02-11", "--several-places"), "2026-03-04",
                     "working_days", "Luật TC 2018 Art. 24(1)", id="TC-24-1-processing-10wd"),
        # Luật TC Art. 24(2): 5 working days from Fri 24 Apr: 27 Apr (Giỗ Tổ compensating),
        # 30 Apr, 1 May off → 28, 29 Apr, 4, 5, 6 May → Wed 6 May.
        pytest.param(("denunciation-transfer", "2026-04-24"), "2026-05-06", "working_days",
                     "Luật TC 2018 Art. 24(2)", id="TC-24-2-transfer-across-Gio-To-30-4"),
        # Luật TC Art. 30: 30 days from Fri 3 Jul → Sun 2 Aug → Mon 3 Aug.
        pytest.param(("denunciation-resolution", "2026-07-03"), "2026-08-03", "calendar_days",
                     "Luật TC 2018 Art. 30", id="TC-30-resolution"),
        # … one extension: 60 days → Tue 1 Sep (Quốc khánh 1–2 Sep) → Thu 3 Sep.
        pytest.param(("denunciation-resolution", "2026-07-03", "--complex", "--extensions", "1"),
                     "2026-09-03", "calendar_days", "Luật TC 2018 Art. 30",
                     id="TC-30-one-extension-across-Quoc-khanh"),
        # … two extensions: 90 days → Thu 1 Oct.
        pytest.param(("denunciation-resolution", "2026-07-03", "--especially-complex",
                      "--extensions", "2"),
                     "2026-10-01", "calendar_days", "Luật TC 2018 Art. 30",
                     id="TC-30-two-extensions"),
    ],
)
def test_hand_worked_deadlines(args, due, unit, basis):
    out = _json(*args)
    assert (out["start"], out["due"], out["unit"], out["basis"]) == (args[1], due, unit, basis)
    assert out["kind"] == args[0]
    assert out["calendar"] == "statutory"


def test_announced_swaps_are_labelled_not_statutory():
    """Complaint-1 (Luật KN 2011 Art. 28, 30 days) from 02/12/2025: 01/01/2026 statute, 02/01
    announced off (VPCP 12729/VPCP-KGVX, LEGAL.md §4.4), weekend → Mon 05/01/2026."""
    out = _json("complaint-1", "2025-12-02")
    assert out["due"] == "2026-01-05"
    assert out["holiday_origins"] == {"2026-01-01": "statute", "2026-01-02": "announced"}
    human = _run("complaint-1", "2025-12-02")
    assert human.returncode == 0, human.stderr
    assert "02/01/2026" in human.stdout


def test_json_lists_the_holidays_crossed():
    out = _json("complaint-acceptance", "2026-02-08")
    assert out["holidays"] == [f"2026-02-{d}" for d in range(16, 21)]
    assert (out["days"], out["variant"], out["complex"], out["remote"]) == (
        10, "standard", False, False)


def test_human_output_is_vietnamese_by_default_and_english_on_request():
    vi = _run("complaint-acceptance", "2026-07-01")
    assert vi.returncode == 0
    assert "hạn cuối Thứ Sáu, ngày 10/07/2026" in vi.stdout
    assert "ngày làm việc" in vi.stdout and "NĐ 155/2026" in vi.stdout
    en = _run("complaint-acceptance", "2026-07-01", "--lang", "en")
    assert "due Friday 10/07/2026" in en.stdout and "7 working days" in en.stdout


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        pytest.param(("complaint-3", "2026-02-10"), "complaint-acceptance", id="unknown-kind"),
        pytest.param(("intake-notice", "2026-02-30"), "YYYY-MM-DD", id="no-such-day"),
        pytest.param(("intake-notice", "10/02/2026"), "YYYY-MM-DD", id="wrong-format"),
        pytest.param(("denunciation-resolution", "2026-07-03", "--extensions", "hai"), "hai",
                     id="extensions-not-a-number"),
        pytest.param(("denunciation-resolution", "2026-07-03", "--extensions", "3"), "2",
                     id="too-many-extensions"),
        pytest.param(("complaint-1", "2026-07-03", "--extensions", "1"), "0",
                     id="complaints-have-no-extensions"),
        pytest.param(("intake-notice",), "intake-notice", id="missing-start"),
        # Luật TC 2018 Art. 30: no extension for a case that is not complex.
        pytest.param(("denunciation-resolution", "2026-07-03", "--extensions", "1"),
                     "Luật TC 2018 Art. 30", id="TC-30-extension-needs-complex"),
        pytest.param(("denunciation-resolution", "2026-07-03", "--complex", "--extensions", "2"),
                     "Luật TC 2018 Art. 30", id="TC-30-second-extension-needs-especially-complex"),
    ],
)
def test_bad_input_exits_2_with_a_vietnamese_message(args, fragment):
    result = _run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr
    # Vietnamese text (a letter only Vietnamese uses) on stderr.
    assert any(ch in result.stderr for ch in "ạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉọỏốồổỗộớờởỡợụủứừửữựỳỷỹđư")


def test_office_calendar_from_the_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    desk = make_desk(url)
    try:
        # The office announced Tue 3 Mar 2026 as a day off.
        desk.cases.set_override(date(2026, 3, 3), OverrideKind.DAY_OFF, "Nghỉ theo thông báo")
    finally:
        desk.close()
    out = _json("intake-notice", "2026-02-10", "--database", str(tmp_path / "office.sqlite3"))
    assert (out["due"], out["calendar"]) == ("2026-03-04", "office")
    assert "2026-03-03" in out["holidays"]
    # Without the database: statutory only.
    assert _json("intake-notice", "2026-02-10")["due"] == "2026-03-03"


def _office_with_a_day_off(path: Path) -> None:
    """An office database whose calendar has Tue 3 Mar 2026 announced as a day off."""
    desk = make_desk(f"sqlite:///{path}")
    try:
        desk.cases.set_override(date(2026, 3, 3), OverrideKind.DAY_OFF, "Nghỉ theo thông báo")
    finally:
        desk.close()


def test_an_older_database_is_migrated_like_for_every_command(tmp_path):
    """The database an earlier release left (one migration behind) is backed up and migrated,
    as every command's door does, and its office calendar applies: not the statutory one."""
    path = tmp_path / "office.sqlite3"
    _office_with_a_day_off(path)
    db = Database(f"sqlite:///{path}")
    try:
        with db.engine.begin() as conn:
            cfg = alembic_config(db.engine)
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, KNOWN_REVISIONS[-2])
        assert schema_state(db.engine).current == KNOWN_REVISIONS[-2]
    finally:
        db.dispose()
    out = _json("intake-notice", "2026-02-10", "--database", str(path))
    assert (out["due"], out["calendar"]) == ("2026-03-04", "office")
    assert len(list(tmp_path.glob("office.backup-*.sqlite3"))) == 1
    db = Database(f"sqlite:///{path}")
    try:
        assert schema_state(db.engine).current == HEAD_REVISION
    finally:
        db.dispose()


def _too_new(path: Path) -> None:
    _office_with_a_day_off(path)
    db = Database(f"sqlite:///{path}")
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.dispose()


def _damaged(path: Path) -> None:
    path.write_bytes(b"\x00garbage" * 500)


def _empty(path: Path) -> None:
    path.write_bytes(b"")  # a file, but no logbook in it (a typo'd name SQLite created)


@pytest.mark.parametrize(("make", "fragment", "untouched"), [
    pytest.param(_too_new, "phiên bản mới hơn", True, id="too-new"),
    pytest.param(_damaged, "Không đọc được cơ sở dữ liệu", True, id="damaged"),
    # Was the statutory calendar, silently; SQLite's header is written by the door's pragmas.
    pytest.param(_empty, "", False, id="no-logbook"),
    pytest.param(None, "", True, id="no-such-file"),
])
def test_a_database_it_cannot_use_gets_the_message_every_command_gives(tmp_path, make, fragment,
                                                                       untouched):
    """The same door as ``report`` (which needs no user either): the same refusal, word for
    word; a too-new or damaged file is left as it was (no migration, no backup)."""
    path = tmp_path / "office.sqlite3"
    if make is not None:
        make(path)
    before = path.read_bytes() if path.exists() else None
    out = _run("intake-notice", "2026-02-10", "--database", str(path))
    report = _run("01/TCD", "--period", "2026-Q1", "--database", str(path), command="report")
    assert (out.returncode, out.stdout) == (2, "")
    assert report.returncode == 2
    assert out.stderr == report.stderr
    assert fragment in out.stderr and "Traceback" not in out.stderr
    if untouched:
        assert (path.read_bytes() if path.exists() else None) == before
        assert list(tmp_path.glob("*backup*")) == []
