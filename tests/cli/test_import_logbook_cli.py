"""``reception-desk import-logbook`` through a real subprocess, on the sample old logbooks shipped
under tests/legacy/samples: dry run (exit 1 naming bad rows, nothing written), JSON, import, list
and undo, a home-made CSV with a saved mapping, and a user without the right refused."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func
from sqlalchemy import select

from reception_desk.domain.access import Role
from reception_desk.services.desk import Desk
from reception_desk.storage.database import open_database
from reception_desk.storage.models import Visit
from tests.cli.accounts import cli_user
from tests.cli.accounts import password_env
from tests.conftest import make_desk

SAMPLES = Path(__file__).resolve().parent.parent / "legacy" / "samples"


def _run(database: str, role: Role | None, *args: str) -> subprocess.CompletedProcess[str]:
    user = cli_user(database, role) if role is not None else []
    command = [sys.executable, "-m", "reception_desk", "import-logbook", *args,
               "--database", database, *user]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8",
                          timeout=180, env=password_env())


def _visit_count(url: str) -> int:
    desk = Desk(open_database(url))
    try:
        with desk.db.read() as s:
            return int(s.scalar(select(func.count()).select_from(Visit)) or 0)
    finally:
        desk.close()


def test_dry_run_import_list_and_undo(sqlite_url: str, tmp_path: Path):
    make_desk(sqlite_url).close()
    book = str(SAMPLES / "so-tiep-cong-dan-2019-tcvn3.xlsx")
    dry = _run(sqlite_url, Role.ADMINISTRATOR, book, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Sổ theo TT 04/2021 (12 cột)" in dry.stdout
    assert "Đọc 5 dòng, 0 dòng có lỗi. Lần nhập sẽ tạo 5 lượt tiếp" in dry.stdout
    as_json = _run(sqlite_url, Role.ADMINISTRATOR, book, "--dry-run", "--json")
    data = json.loads(as_json.stdout)
    assert [r["name"] for r in data["rows"]] == [
        "Nguyễn Văn An", "Lê Thị Hoa", "Nguyễn Văn Bình", "Nguyen Van Binh", "TRẦN VĂN CƯỜNG"]
    assert data["rows"][0]["id_number"] == "037085001234"
    assert {n["code"] for n in data["rows"][0]["notes"]} >= {"legacy.converted",
                                                             "legacy.id_restored"}
    assert data["mapping"]["H"] == "accept" and data["layout"] == "tt04_2021"
    assert _visit_count(sqlite_url) == 0

    done = _run(sqlite_url, Role.ADMINISTRATOR, book)
    assert done.returncode == 0, done.stderr
    assert "Lần nhập số 1: đã ghi 5 lượt tiếp" in done.stdout
    assert _visit_count(sqlite_url) == 5
    listed = _run(sqlite_url, Role.ADMINISTRATOR, "--list")
    assert "1. so-tiep-cong-dan-2019-tcvn3.xlsx “Năm 2019”: 5 lượt tiếp" in listed.stdout
    undone = _run(sqlite_url, Role.ADMINISTRATOR, "--undo", "1")
    assert undone.returncode == 0, undone.stderr
    # An empty registry: the five records exist only because of the import and go with it.
    assert ("Đã hủy lần nhập số 1: 5 lượt tiếp và 5 hồ sơ công dân chỉ do lần nhập này tạo ra "
            "được đánh dấu hủy.") in undone.stdout
    again = _run(sqlite_url, Role.ADMINISTRATOR, "--undo", "1")
    assert again.returncode == 2 and "đã được hủy" in again.stderr
    assert _run(sqlite_url, Role.ADMINISTRATOR, book).returncode == 0  # import no. 2
    as_json = _run(sqlite_url, Role.ADMINISTRATOR, "--undo", "2", "--json")
    assert as_json.returncode == 0, as_json.stderr
    assert json.loads(as_json.stdout) == {"batch": 2, "visits_voided": 5, "citizens_voided": 5}


def test_bad_rows_named_nothing_written_then_skipped_to_a_file(sqlite_url: str, tmp_path: Path):
    make_desk(sqlite_url).close()
    book = str(SAMPLES / "so-co-dong-loi.xlsx")
    dry = _run(sqlite_url, Role.ADMINISTRATOR, book, "--dry-run")
    assert dry.returncode == 1
    assert "Dòng 6, cột B: “31/02/2019” không phải là ngày." in dry.stdout
    assert "Dòng 7, cột C: thiếu họ tên công dân." in dry.stdout
    assert "Dòng 8, cột D: “12345” không phải số giấy tờ tùy thân" in dry.stdout
    refused = _run(sqlite_url, Role.ADMINISTRATOR, book)
    assert refused.returncode == 2 and "Có 3 dòng có lỗi" in refused.stderr
    assert _visit_count(sqlite_url) == 0
    rejected = tmp_path / "loai.csv"
    skipped = _run(sqlite_url, Role.ADMINISTRATOR, book, "--skip-bad", "--rejected",
                   str(rejected), "--json")
    assert skipped.returncode == 0, skipped.stderr
    assert json.loads(skipped.stdout)["rows_skipped"] == 3
    assert rejected.read_text(encoding="utf-8-sig").count("\n") == 4
    assert _visit_count(sqlite_url) == 1


def test_a_home_made_csv_with_a_saved_mapping(sqlite_url: str, tmp_path: Path):
    make_desk(sqlite_url).close()
    csv_file = str(SAMPLES / "so-tu-ke.csv")
    unknown = _run(sqlite_url, Role.ADMINISTRATOR, csv_file, "--dry-run")
    assert unknown.returncode == 2 and "Không nhận ra dòng tiêu đề" in unknown.stderr
    mapping = str(SAMPLES / "so-tu-ke.mapping.json")
    dry = _run(sqlite_url, Role.ADMINISTRATOR, csv_file, "--mapping", mapping, "--dry-run",
               "--json", "--save-mapping", str(tmp_path / "again.json"))
    data = json.loads(dry.stdout)
    # The home-made heading line is passed over; both rows read, none with a problem.
    assert [r["row"] for r in data["rows"]] == [2, 3]
    good = [r for r in data["rows"] if not r["problems"]]
    assert [(r["date"], r["name"], r["content"]) for r in good] == [
        ("2008-03-03", "Nguyễn Văn Tú", "Xin xác nhận đất"),
        ("2008-03-04", "Lê Thị Tổng", "Phản ánh đường hỏng")]
    assert json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))["columns"]["B"] \
        == "name"


def test_a_user_without_the_right_is_refused(sqlite_url: str):
    make_desk(sqlite_url).close()
    out = _run(sqlite_url, Role.RECEIVING_CLERK, str(SAMPLES / "so-tiep-cong-dan-2026.xlsx"),
               "--dry-run")
    assert out.returncode == 2 and "import_data" not in out.stdout
    assert out.stderr.strip()
    anonymous = _run(sqlite_url, None, "--list")
    assert anonymous.returncode == 2
