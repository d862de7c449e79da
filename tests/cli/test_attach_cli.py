"""``reception-desk attach`` and ``attachments`` through a real subprocess: a clerk attaches a
scan, lists it as text and JSON; a denunciation's file is listed with its name withheld; a user
without the right is refused with the right named."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

from reception_desk.domain.access import Role
from reception_desk.domain.classification import PetitionType
from tests.cli.accounts import cli_user
from tests.cli.accounts import password_env
from tests.conftest import make_desk
from tests.conftest import sample_draft


def _run(database: str, role: Role, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "reception_desk", *args, "--database", database,
               *cli_user(database, role)]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8",
                          timeout=120, env=password_env())


def test_attach_then_list_as_text_and_json(sqlite_url, tmp_path):
    desk = make_desk(sqlite_url)
    desk.log_visit(sample_draft(desk))
    desk.log_visit(sample_draft(desk, petition_type=PetitionType.DENUNCIATION,
                                citizen_name="Lê Thị Hoa", id_number="037085004321"))
    desk.close()
    scan = tmp_path / unicodedata.normalize("NFD", "Đơn kiến nghị.pdf")
    scan.write_bytes(b"%PDF-1.4 " + b"x" * 5000)
    photo = tmp_path / "so-do.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + b"y" * 3000)

    out = _run(sqlite_url, Role.RECEIVING_CLERK, "attach", "1/2026", str(scan), str(photo))
    assert out.returncode == 0, out.stderr
    assert "Đã đính kèm vào lượt tiếp số 1/2026: Đơn kiến nghị.pdf (5 KB" in out.stdout

    again = _run(sqlite_url, Role.RECEIVING_CLERK, "attach", "1", str(photo))
    assert again.returncode == 2 and "đã được đính kèm" in again.stderr

    listed = _run(sqlite_url, Role.INSPECTOR, "attachments", "1/2026", "--json")
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    assert [(d["name"], d["media_type"], d["can_open"]) for d in data] == [
        ("Đơn kiến nghị.pdf", "application/pdf", True), ("so-do.jpg", "image/jpeg", True)]

    secret = tmp_path / "To cao - Le Thi Hoa.pdf"
    secret.write_bytes(b"%PDF-1.4 to cao")
    assert _run(sqlite_url, Role.RECEIVING_CLERK, "attach", "2/2026", str(secret)).returncode == 0
    text = _run(sqlite_url, Role.RECEIVING_CLERK, "attachments", "2/2026")
    assert text.returncode == 0, text.stderr
    assert "***.pdf" in text.stdout and "Le Thi Hoa" not in text.stdout
    assert "mật" in text.stdout  # "[bảo mật: tệp của đơn tố cáo]"
    chair = _run(sqlite_url, Role.CHAIRPERSON, "attachments", "2/2026", "--json")
    assert json.loads(chair.stdout)[0]["name"] == "To cao - Le Thi Hoa.pdf"

    english = _run(sqlite_url, Role.INSPECTOR, "attachments", "1/2026", "--lang", "en")
    assert "1. Đơn kiến nghị.pdf (5 KB" in english.stdout and ", added " in english.stdout

    refused = _run(sqlite_url, Role.INSPECTOR, "attach", "1/2026", str(scan))
    assert refused.returncode == 2 and refused.stderr.strip()
    assert not Path(sqlite_url.removeprefix("sqlite:///")).with_suffix(".attachments").exists()
