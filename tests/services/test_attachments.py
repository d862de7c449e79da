"""Attachments (issue 10 item 4) on real databases: content-addressed storage with one blob per
content, void instead of delete, rights per role, a denunciation's files kept secret, the office's
size limit, NFD names, the scanner folder."""

from __future__ import annotations

import os
import time
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import text

from reception_desk.domain.access import AccessDenied
from reception_desk.domain.access import Role
from reception_desk.domain.classification import PetitionType
from reception_desk.errors import KnownError
from reception_desk.errors import UserError
from reception_desk.i18n import set_language
from reception_desk.services.access.dto import RecordKind
from reception_desk.services.access.dto import RecordRef
from reception_desk.services.attachments.dto import AttachmentSettings
from reception_desk.texts import message_for
from tests.conftest import sample_draft
from tests.conftest import sign_in_as

SCAN = b"%PDF-1.4\n" + bytes(range(256)) * 40


def _file(folder: Path, name: str, content: bytes = SCAN) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


def _count(desk, sql: str) -> int:  # type: ignore[no-untyped-def]
    with desk.db.read() as s:
        return int(s.execute(text(sql)).scalar_one())


def test_the_same_content_is_stored_once_and_read_back_whole(desk, tmp_path):
    first, _ = desk.log_visit(sample_draft(desk))
    second, _ = desk.log_visit(sample_draft(desk, citizen_name="Lê Thị Hoa",
                                            id_number="037085004321"))
    sign_in_as(desk, Role.RECEIVING_CLERK)
    files = desk.attachments
    added, changes = files.add_to_visit(first.id, _file(tmp_path, "don.pdf"))
    assert changes.visits == {first.id}
    assert (added.file_name, added.size, added.media_type) == ("don.pdf", len(SCAN),
                                                              "application/pdf")
    assert added.can_open and not added.confidential and not added.voided
    again, _ = files.add_to_visit(second.id, _file(tmp_path, "ban-sao.pdf"))
    assert again.sha256 == added.sha256
    assert _count(desk, "SELECT count(*) FROM attachment_blob") == 1
    assert _count(desk, "SELECT count(*) FROM attachment") == 2
    # The same bytes twice on one visit: refused, nothing replaced.
    with pytest.raises(UserError) as exc:
        files.add_to_visit(first.id, _file(tmp_path, "don-lan-2.pdf"))
    assert exc.value.code == "attachment.already_attached"
    assert exc.value.params["name"] == "don.pdf"
    assert files.read_bytes(added.id) == SCAN
    assert [a.file_name for a in files.for_visit(first.id)] == ["don.pdf"]
    with desk.db.read() as s:
        actions = [r[0] for r in s.execute(text(
            "SELECT action FROM audit_entry WHERE entity = 'attachment' ORDER BY id"))]
    assert actions == ["attachment_added", "attachment_added"]


def test_a_large_file_streams_through_in_chunks(desk, tmp_path):
    visit, _ = desk.log_visit(sample_draft(desk))
    sign_in_as(desk, Role.RECEIVING_CLERK)
    content = os.urandom(2 * 1024 * 1024 + 12345)  # over two chunks, not a multiple of one
    added, _ = desk.attachments.add_to_visit(visit.id, _file(tmp_path, "scan.tif", content))
    assert added.size == len(content)
    opened = desk.attachments.open(added.id)
    assert opened.path.name == "scan.tif" and opened.path.read_bytes() == content
    desk.attachments.forget_exports()
    assert not opened.path.exists()


def test_void_keeps_the_file_and_says_why(desk, tmp_path):
    visit, _ = desk.log_visit(sample_draft(desk))
    sign_in_as(desk, Role.RECEIVING_CLERK)
    added, _ = desk.attachments.add_to_visit(visit.id, _file(tmp_path, "nham.jpg", b"\xff\xd8x"))
    with pytest.raises(UserError) as exc:
        desk.attachments.void(added.id, "   ")
    assert exc.value.code == "attachment.void_reason_required"
    voided, _ = desk.attachments.void(added.id, "Quét nhầm hồ sơ của người khác")
    assert voided.voided and voided.void_reason == "Quét nhầm hồ sơ của người khác"
    assert voided.voided_by == "Người dùng receiving.clerk"
    with pytest.raises(UserError) as exc:
        desk.attachments.void(added.id, "Lần nữa")
    assert exc.value.code == "attachment.already_voided"
    listed = desk.attachments.for_visit(visit.id)
    assert [(a.id, a.voided) for a in listed] == [(added.id, True)]
    assert desk.attachments.read_bytes(added.id) == b"\xff\xd8x"  # never lost
    # Voided, the same bytes may be attached again (a new row; the blob is reused).
    desk.attachments.add_to_visit(visit.id, _file(tmp_path, "dung.jpg", b"\xff\xd8x"))
    assert _count(desk, "SELECT count(*) FROM attachment_blob") == 1


@pytest.mark.parametrize(("role", "visit", "case", "void"), [
    (Role.RECEIVING_CLERK, True, True, True),
    (Role.CASE_HANDLER, False, True, False),
    (Role.CHAIRPERSON, True, True, True),
    (Role.ADMINISTRATOR, False, False, False),
    (Role.INSPECTOR, False, False, False),
])
def test_rights_per_role(sqlite_desk, tmp_path, role, visit, case, void):
    desk = sqlite_desk
    logged, _ = desk.log_visit(sample_draft(desk))
    opened, _ = desk.cases.open_from_visit(logged.id)
    case_id = opened.id
    sign_in_as(desk, Role.RECEIVING_CLERK)
    existing, _ = desk.attachments.add_to_visit(logged.id, _file(tmp_path, "a.pdf", b"A"))
    sign_in_as(desk, role)

    def attempt(action) -> bool:  # type: ignore[no-untyped-def]
        try:
            action()
        except AccessDenied as exc:
            assert exc.code == "access.denied"
            return False
        return True

    assert attempt(lambda: desk.attachments.add_to_visit(
        logged.id, _file(tmp_path, "b.pdf", b"B"))) is visit
    assert attempt(lambda: desk.attachments.add_to_case(
        case_id, _file(tmp_path, "c.pdf", b"C"))) is case
    assert attempt(lambda: desk.attachments.void(existing.id, "Ghi nhầm tệp")) is void
    # Everyone who may view records sees and opens a petition's files.
    assert desk.attachments.read_bytes(existing.id) == b"A"
    assert existing.id in {a.id for a in desk.attachments.for_case(case_id)}
    desk.access.sign_out()
    with pytest.raises(AccessDenied) as exc:
        desk.attachments.for_visit(logged.id)
    assert exc.value.code == "access.not_signed_in"


def test_a_denunciation_scan_is_secret_to_a_clerk_and_logged_when_the_chair_opens_it(
        desk, tmp_path):
    visit, _ = desk.log_visit(sample_draft(desk, petition_type=PetitionType.DENUNCIATION))
    sign_in_as(desk, Role.RECEIVING_CLERK)
    added, _ = desk.attachments.add_to_visit(
        visit.id, _file(tmp_path, "Đơn tố cáo - Nguyễn Văn Đức.pdf"))
    with desk.db.read() as s:
        audited = s.execute(text("SELECT CAST(after AS TEXT) FROM audit_entry WHERE action = "
                                 "'attachment_added'")).scalar_one()
    assert "***.pdf" in audited and "Nguyễn" not in audited  # the trail names no denouncer
    # The clerk who scanned it sees that it exists, not its name, and cannot open it.
    assert added.confidential and not added.can_open and added.file_name == "***.pdf"
    [listed] = desk.attachments.for_visit(visit.id)
    assert listed.file_name == "***.pdf" and listed.name_withheld
    for door in (lambda: desk.attachments.read_bytes(added.id),
                 lambda: desk.attachments.open(added.id, "Cần xem để chuyển đơn")):
        with pytest.raises(AccessDenied) as exc:
            door()
        assert exc.value.code == "attachment.confidential"
    set_language("vi")
    assert "Tố cáo" in message_for(exc.value) or "tố cáo" in message_for(exc.value)
    # The chairperson opens it with a reason; the reveal is logged like any other.
    sign_in_as(desk, Role.CHAIRPERSON)
    [shown] = desk.attachments.for_visit(visit.id)
    assert shown.file_name == "Đơn tố cáo - Nguyễn Văn Đức.pdf" and shown.can_open
    with pytest.raises(UserError) as exc:
        desk.attachments.read_bytes(added.id)
    assert exc.value.code == "secrecy.reason_required"
    assert desk.attachments.read_bytes(added.id, "Giải quyết tố cáo theo thẩm quyền") == SCAN
    [seen] = desk.access.who_viewed(RecordRef(RecordKind.VISIT, visit.id))
    assert seen.reason == "Giải quyết tố cáo theo thẩm quyền"
    with desk.db.read() as s:
        opened = s.execute(text("SELECT actor FROM audit_entry WHERE action = "
                                "'attachment_opened'")).scalars().all()
    assert opened == ["Người dùng chairperson"]
    # Once the denouncer waives secrecy, the file is shown like any other.
    desk.access.record_waiver(visit.id, desk.today())
    sign_in_as(desk, Role.RECEIVING_CLERK)
    [plain] = desk.attachments.for_visit(visit.id)
    assert plain.can_open and not plain.confidential
    assert desk.attachments.read_bytes(added.id) == SCAN


def test_a_denunciation_case_keeps_its_own_files_secret(sqlite_desk, tmp_path):
    desk = sqlite_desk
    visit, _ = desk.log_visit(sample_draft(desk, petition_type=PetitionType.DENUNCIATION))
    opened, _ = desk.cases.open_from_visit(visit.id)
    case_id = opened.id
    sign_in_as(desk, Role.CASE_HANDLER)
    added, _ = desk.attachments.add_to_case(case_id, _file(tmp_path, "bien-ban.pdf"))
    assert added.confidential and not added.can_open
    with pytest.raises(AccessDenied):
        desk.attachments.read_bytes(added.id)
    sign_in_as(desk, Role.VICE_CHAIR)
    names = {a.file_name for a in desk.attachments.for_case(case_id)}
    assert names == {"bien-ban.pdf"}


def test_the_office_size_limit_refuses_a_big_file_in_words(desk, tmp_path):
    visit, _ = desk.log_visit(sample_draft(desk))
    sign_in_as(desk, Role.RECEIVING_CLERK)
    assert desk.attachments.settings() == AttachmentSettings(20, "")
    with pytest.raises(AccessDenied):  # the clerk does not set office policy
        desk.attachments.save_settings(AttachmentSettings(1, ""))
    sign_in_as(desk, Role.ADMINISTRATOR)
    with pytest.raises(UserError) as exc:
        desk.attachments.save_settings(AttachmentSettings(0, ""))
    assert exc.value.code == "attachment.limit_out_of_range"
    desk.attachments.save_settings(AttachmentSettings(1, str(tmp_path)))
    sign_in_as(desk, Role.RECEIVING_CLERK)
    big = _file(tmp_path, "day.pdf", b"x" * (1024 * 1024 + 1))
    with pytest.raises(UserError) as exc:
        desk.attachments.add_to_visit(visit.id, big)
    assert exc.value.code == "attachment.too_large"
    set_language("vi")
    text_vi = message_for(exc.value)
    assert "1 MB" in text_vi and "1.0" in text_vi, text_vi
    with pytest.raises(UserError) as exc:
        desk.attachments.add_to_visit(visit.id, _file(tmp_path, "rong.pdf", b""))
    assert exc.value.code == "attachment.empty"
    assert _count(desk, "SELECT count(*) FROM attachment_blob") == 0
    with pytest.raises(KnownError) as known:
        desk.attachments.add_to_visit(visit.id, tmp_path / "khong-co.pdf")
    assert known.value.code == "file.not_found"


def test_nfd_file_names_are_stored_nfc_without_their_folder(sqlite_desk, tmp_path):
    desk = sqlite_desk
    visit, _ = desk.log_visit(sample_draft(desk))
    sign_in_as(desk, Role.RECEIVING_CLERK)
    name = unicodedata.normalize("NFD", "Giấy chứng nhận quyền sử dụng đất.jpg")
    path = _file(tmp_path, name, b"\xff\xd8\xff photo")
    added, _ = desk.attachments.add_to_visit(visit.id, path)
    assert added.file_name == unicodedata.normalize("NFC", name)
    assert added.media_type == "image/jpeg"
    other, _ = desk.attachments.add_to_visit(visit.id, _file(tmp_path, "x.bin", b"other"),
                                             name="C:\\Scans\\Biên bản.pdf")
    assert other.file_name == "Biên bản.pdf"
    assert other.media_type == "application/pdf"  # from the name given
    with pytest.raises(UserError) as exc:
        desk.attachments.add_to_visit(visit.id, path, name="  /  ")
    assert exc.value.code == "attachment.name_required"


def test_nothing_is_attached_to_a_voided_visit(sqlite_desk, tmp_path):
    desk = sqlite_desk
    visit, _ = desk.log_visit(sample_draft(desk))
    desk.void_visit(visit.id, "Ghi trùng với lượt trước")
    sign_in_as(desk, Role.RECEIVING_CLERK)
    with pytest.raises(UserError) as exc:
        desk.attachments.add_to_visit(visit.id, _file(tmp_path, "a.pdf"))
    assert exc.value.code == "attachment.visit_voided"


def test_the_scanner_folder_offers_its_newest_finished_files(sqlite_desk, tmp_path):
    desk = sqlite_desk
    folder = tmp_path / "scanner"
    folder.mkdir()
    sign_in_as(desk, Role.ADMINISTRATOR)
    assert desk.attachments.newest_scans() == []  # no folder set
    desk.attachments.save_settings(AttachmentSettings(20, str(folder)))
    now = time.time()
    for age, name in enumerate(["moi-nhat.pdf", "thu-hai.pdf", "cu.pdf"]):
        path = _file(folder, name)
        os.utime(path, (now - age * 60, now - age * 60))
    _file(folder, "dang-quet.pdf.part")
    _file(folder, ".an.pdf")
    _file(folder, "rong.pdf", b"")
    (folder / "thu-muc").mkdir()
    assert [f.name for f in desk.attachments.newest_scans()] == [
        "moi-nhat.pdf", "thu-hai.pdf", "cu.pdf"]
    assert [f.name for f in desk.attachments.newest_scans(limit=1)] == ["moi-nhat.pdf"]
    desk.attachments.save_settings(AttachmentSettings(20, str(tmp_path / "not-there")))
    with pytest.raises(KnownError) as exc:
        desk.attachments.newest_scans()
    assert exc.value.code == "attachment.scanner_folder_missing"


def test_a_big_file_never_sits_whole_in_memory_on_sqlite(sqlite_desk, tmp_path):
    """Adding and opening stream 1 MiB chunks: the peak of Python allocations stays far below
    the file's size (not the three copies a read-hash-insert would make)."""
    import tracemalloc

    desk = sqlite_desk
    visit, _ = desk.log_visit(sample_draft(desk))
    sign_in_as(desk, Role.RECEIVING_CLERK)
    size = 12 * 1024 * 1024
    big = tmp_path / "ho-so-day.pdf"
    with big.open("wb") as out:
        for _ in range(12):
            out.write(os.urandom(1024 * 1024))
    tracemalloc.start()
    try:
        added, _ = desk.attachments.add_to_visit(visit.id, big)
        _now, adding_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        opened = desk.attachments.open(added.id)
        _now, opening_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert added.size == size and opened.path.stat().st_size == size
    assert adding_peak < size / 3, adding_peak
    assert opening_peak < size / 3, opening_peak
    assert opened.path.read_bytes() == big.read_bytes()
