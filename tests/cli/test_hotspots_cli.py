"""``reception-desk hotspots`` in a subprocess: JSON, text and the PDF pack."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from tests.cli.accounts import as_user
from tests.cli.accounts import password_env
from tests.conftest import make_desk
from tests.services.hotspot_data import add_case
from tests.services.hotspot_data import add_visit


def _db(url: str) -> None:
    desk = make_desk(url)
    try:
        overdue = add_case(desk, title="Khiếu nại quyết định thu hồi đất",
                           received_on=date(2026, 8, 1), due_on=date(2026, 9, 20))
        crowd = add_case(desk, title="Phản ánh ô nhiễm môi trường", received_on=date(2026, 9, 1),
                         due_on=date(2026, 12, 31), field_code="pakn.moi_truong")
        add_visit(desk, crowd, date(2026, 9, 30), people=9)
        assert overdue and crowd
    finally:
        desk.close()


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reception_desk", "hotspots", *as_user(args)],
                          capture_output=True, text=True, timeout=120, env=password_env())


def test_json(sqlite_url: str) -> None:
    _db(sqlite_url)
    done = _run("--week", "2026-W40", "--json", "--database", sqlite_url)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [d["case"] for d in data] == ["2/2026", "1/2026"]
    top = data[0]
    assert top["score"] == 5 and top["rank"] == 1
    assert top["reasons"] == ["crowd", "sensitive_field"]
    assert top["explanations"][0].startswith("Đông người: 1 lượt")
    assert top["explanations"][1] == "Lĩnh vực nhạy cảm: Môi trường"
    assert data[1]["reasons"] == ["overdue"]
    assert data[1]["explanations"] == [
        "Quá hạn giải quyết 14 ngày (hạn của giai đoạn hiện tại: 20/09/2026)"]


def test_text_and_pdf(sqlite_url: str, tmp_path: Path) -> None:
    _db(sqlite_url)
    pdf = tmp_path / "tuan40.pdf"
    done = _run("--week", "2026-W40", "--pdf", str(pdf), "--database", sqlite_url)
    assert done.returncode == 0, done.stderr
    assert "Khiếu nại quyết định thu hồi đất" in done.stdout
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "tuần 40/2026" in text and "Phản ánh ô nhiễm" in " ".join(text.split())


def test_bad_week(sqlite_url: str) -> None:
    done = _run("--week", "2026-W60", "--database", sqlite_url)
    assert done.returncode == 2 and "2026-W60" in done.stderr
