"""``reception-desk report`` in a subprocess: JSON in the issue's shape, XLSX and PDF files, the
drill-down only for an account that may view records."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.cli.accounts import as_user
from tests.cli.accounts import password_env
from tests.conftest import make_desk
from tests.services import report_data
from tests.services.report_data import TCD_EXPECTED
from tests.services.report_data import XLD_EXPECTED


def _db(url: str) -> None:
    desk = make_desk(url)
    try:
        report_data.build(desk)
    finally:
        desk.close()


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reception_desk", "report", *args],
                          capture_output=True, text=True, timeout=120, env=password_env())


def test_json_without_an_account(sqlite_url: str, tmp_path: Path) -> None:
    _db(sqlite_url)
    xlsx, pdf = tmp_path / "tcd.xlsx", tmp_path / "tcd.pdf"
    done = _run("01/TCD", "--period", "2026-Q3", "--json", "--xlsx", str(xlsx), "--pdf",
                str(pdf), "--database", sqlite_url)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["form"], data["from"], data["to"]) == ("01/TCD", "2026-06-15", "2026-09-14")
    assert data["columns"] == {str(n): v for n, v in TCD_EXPECTED.items() if v is not None}
    assert data["not_recorded"] == [] and data["sessions_from"] == "visits"
    assert xlsx.read_bytes()[:2] == b"PK" and pdf.read_bytes()[:5] == b"%PDF-"


def test_custom_window_and_not_recorded_columns(sqlite_url: str) -> None:
    _db(sqlite_url)
    done = _run("01/XLD", "--from", "15/06/2026", "--to", "2026-09-14", "--json",
                "--database", sqlite_url)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["columns"] == {str(n): v for n, v in XLD_EXPECTED.items() if v is not None}
    assert data["not_recorded"] == []


def test_drill_down_needs_an_account(sqlite_url: str) -> None:
    _db(sqlite_url)
    refused = _run("01/TCD", "--period", "2026-Q3", "--drill", "1", "--database", sqlite_url)
    assert refused.returncode == 2
    done = _run("01/TCD", "--period", "2026-Q3", "--drill", "13", "--json",
                *as_user(["--database", sqlite_url]))
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["drill"]["visits"]) == 3


def test_bad_period_and_form_are_refused(sqlite_url: str) -> None:
    _db(sqlite_url)
    bad = _run("01/TCD", "--period", "2026-Q5", "--database", sqlite_url)
    assert bad.returncode == 2 and "2026-Q5" in bad.stderr
    unknown = _run("09/ABC", "--period", "2026", "--database", sqlite_url)
    assert unknown.returncode == 2 and "09/ABC" in unknown.stderr


def test_the_petition_forms_on_the_command_line(sqlite_url: str, tmp_path: Path) -> None:
    from tests.services import report_petitions_data

    desk = make_desk(sqlite_url)
    try:
        cases = report_petitions_data.build(desk)
    finally:
        desk.close()
    xlsx = tmp_path / "kqgq.xlsx"
    done = _run("kqgq01", "--period", "2026-Q3", "--json", "--xlsx", str(xlsx),
                "--database", sqlite_url)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["form"] == "01/KQGQ"
    assert data["columns"] == {str(n): v for n, v in
                               report_petitions_data.KQGQ01_EXPECTED.items() if v is not None}
    assert data["not_recorded"] == [str(n) for n in range(7, 27)]
    assert xlsx.read_bytes()[:2] == b"PK"
    drilled = _run("02/XLD", "--period", "2026-Q3", "--drill", "19", "--json",
                   *as_user(["--database", sqlite_url]))
    assert drilled.returncode == 0, drilled.stderr
    assert json.loads(drilled.stdout)["drill"]["cases"] == [cases["A3"]]
