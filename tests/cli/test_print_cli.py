"""``reception-desk print …`` and ``verify-receipt`` as a clerk runs them: real subprocesses."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text

import tests.printing.rd_pdf_probe as probe
from reception_desk.config import OFFICE_TZ
from reception_desk.domain.access import Role
from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import PetitionType
from reception_desk.printing.layout import weekday
from reception_desk.storage.database import Database
from tests.cli.accounts import as_user
from tests.cli.accounts import cli_user
from tests.cli.accounts import password_env
from tests.conftest import make_desk
from tests.conftest import sample_draft


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    desk = make_desk(url)
    desk.log_visit(sample_draft(desk))
    desk.log_visit(sample_draft(desk, citizen_name="Lê Thị Hoa", id_number="037185009876", sex=None,
                                petition_type=PetitionType.DENUNCIATION,
                                direction=HandlingDirection.TRANSFER, within_competence=False,
                                target_body="Công an tỉnh Ninh Bình", field_code=None))
    desk.close()
    return url


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = password_env({**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    return subprocess.run([sys.executable, "-m", "reception_desk", *as_user(args)],
                          capture_output=True, text=True, env=env, timeout=120)


def test_print_receipt_then_reprint_as_copy(database, tmp_path):
    out = tmp_path / "bien-nhan.pdf"
    res = cli("print", "receipt", "1/2026", "--out", str(out), "--database", database)
    assert res.returncode == 0, res.stderr
    assert "Đã ghi" in res.stdout and "Giấy biên nhận số 01/BN-UBND" in res.stdout
    pdf = out.read_bytes()
    assert probe.has(pdf, "Đã nhận của Ông: Nguyễn Văn Đức")
    (payload,) = probe.qr_codes(pdf)
    assert payload.startswith("RD1|BN|1/2026|")
    copy = tmp_path / "copy.pdf"
    res = cli("print", "receipt", "1/2026", "--copy", "--paper", "thermal", "--out", str(copy),
              "--database", database)
    assert res.returncode == 0, res.stderr
    assert "BẢN SAO, đã in 2 lần" in res.stdout
    assert probe.has(copy.read_bytes(), "BẢN SAO")
    assert probe.qr_codes(copy.read_bytes(), dpi=300) == [payload]

    code = payload.rsplit("|", 1)[1]
    res = cli("verify-receipt", code.lower(), "--database", database)
    assert res.returncode == 0, res.stderr
    assert "HỢP LỆ: Giấy biên nhận số 01/BN-UBND" in res.stdout
    assert "Công dân: Nguyễn Văn Đức" in res.stdout
    res = cli("verify-receipt", "ZZZZZ-ZZZZZ", "--database", database)
    assert res.returncode == 1
    assert "KHÔNG TÌM THẤY" in res.stdout


def test_print_each_other_form(database, tmp_path):
    # The command runs on the real clock and refuses a past appointment: a day of next year.
    day = date(datetime.now(OFFICE_TZ).year + 1, 12, 3)
    cases = [
        (["refusal", "1/2026", "--reason", "Vụ việc đã được giải quyết đúng pháp luật."],
         ["Số: 01/TB-UBND", "Lý do: Vụ việc đã được giải quyết đúng pháp luật."]),
        (["appointment", "1", "--at", f"03/12/{day.year} 08:00", "--bring", "Bản sao sổ hộ khẩu"],
         ["Số: 01/PH-UBND", f"08 giờ 00 phút, {weekday(day)}, ngày 03 tháng 12 năm {day.year}",
          "mang theo: Bản sao sổ hộ khẩu."]),  # one line on the A5 slip (issue 12)
        # A denunciation goes out without the denouncer's identity unless told otherwise.
        (["transfer", "2/2026"], ["Số: 01/PC-UBND", "Kính gửi: Công an tỉnh Ninh Bình.",
                                  "đơn tố cáo của người gửi đơn"]),
        # The printed book withholds the denouncer (LEGAL.md §7.1), names everyone else.
        (["logbook", "--from", "01/11/2026", "--to", "30/11/2026"],
         ["SỔ TIẾP CÔNG DÂN", "Từ ngày 01/11/2026 đến ngày 30/11/2026", "Nguyễn Văn Đức",
          "(đã được giữ bí mật)"]),
        (["logbook", "--from", "2026-11-27", "--to", "2026-11-27", "--layout", "tt04_2021"],
         ["Phân loại đơn/Số người", "Tố cáo/01"]),
    ]
    for i, (args, needles) in enumerate(cases):
        out = tmp_path / f"form{i}.pdf"
        res = cli("print", *args, "--out", str(out), "--database", database)
        assert res.returncode == 0, (args, res.stderr)
        pdf = out.read_bytes()
        for needle in needles:
            assert probe.has(pdf, needle), (args, needle)
        for secret in ("Lê Thị Hoa", "037185009876"):
            assert not probe.has(pdf, secret), (args, secret)


def test_print_errors_are_vietnamese_sentences(database, tmp_path):
    out = str(tmp_path / "x.pdf")
    res = cli("print", "receipt", "9/2026", "--out", out, "--database", database)
    assert res.returncode == 2 and "Không có lượt tiếp số 9/2026." in res.stderr
    res = cli("print", "refusal", "1/2026", "--out", out, "--database", database)
    assert res.returncode == 2 and "Hãy nêu lý do từ chối. (tùy chọn --reason)" in res.stderr
    res = cli("print", "appointment", "1/2026", "--out", out, "--database", database)
    assert res.returncode == 2 and "Nhập ngày, giờ hẹn. (tùy chọn --at)" in res.stderr
    res = cli("print", "transfer", "1/2026", "--out", out, "--database", database)
    assert res.returncode == 2 and "--to" in res.stderr
    res = cli("print", "refusal", "1/2026", "--copy", "--out", out, "--database", database)
    assert res.returncode == 2 and "chưa có thông báo từ chối tiếp công dân" in res.stderr
    assert not Path(out).exists()


def _pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True, timeout=60)
    return " ".join(done.stdout.split())


def test_transfer_slip_of_a_denunciation_names_no_denouncer(database, tmp_path):
    """Luật Tố cáo Art. 9(1)(b), 56: the slip from the command line withholds the denouncer
    (name, ID number, address); printing them takes a reveal with a reason, by a role that may
    reveal (the chairperson), and the reveal is logged."""
    out = tmp_path / "pc.pdf"
    res = cli("print", "transfer", "2/2026", "--out", str(out), "--database", database)
    assert res.returncode == 0, res.stderr
    slip = _pdf_text(out)
    assert "Công an tỉnh Ninh Bình" in slip and "người gửi đơn" in slip
    for secret in ("Lê Thị Hoa", "Hoa", "037185009876", "9876", "Thôn Đông", "số 12"):
        assert secret not in slip, secret

    clerk = cli_user(database, Role.RECEIVING_CLERK)
    revealed = tmp_path / "pc-revealed.pdf"
    reason = ["--reveal-reason", "Cơ quan công an đề nghị cung cấp bằng văn bản"]
    res = subprocess.run([sys.executable, "-m", "reception_desk", "print", "transfer", "2/2026",
                          "--out", str(revealed), "--database", database, *clerk, *reason],
                         capture_output=True, text=True, env=password_env(), timeout=120)
    assert res.returncode == 2 and "“xem danh tính người tố cáo”" in res.stderr
    assert not revealed.exists()
    res = cli("print", "transfer", "2/2026", "--out", str(revealed), *reason, "--database",
              database)
    assert res.returncode == 0, res.stderr
    assert "Lê Thị Hoa" in _pdf_text(revealed)
    engine = Database(database).engine
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT user_name, reason FROM identity_reveal")).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [("Người dùng chairperson",
                                         "Cơ quan công an đề nghị cung cấp bằng văn bản")]
