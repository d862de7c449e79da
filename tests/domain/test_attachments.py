"""Attached files' rules: who may open a file (domain.access.attachment_access, Luật TC Art.
9(1)(b) for a denunciation's files), the stored name, the withheld name, the size limit."""

from __future__ import annotations

import unicodedata

import pytest

from reception_desk.domain.access import ROLE_PERMISSIONS
from reception_desk.domain.access import AttachmentAccess
from reception_desk.domain.access import Permission
from reception_desk.domain.access import Role
from reception_desk.domain.access import attachment_access
from reception_desk.domain.attachments import MB
from reception_desk.domain.attachments import check_limit_mb
from reception_desk.domain.attachments import check_size
from reception_desk.domain.attachments import clean_file_name
from reception_desk.domain.attachments import is_partial
from reception_desk.domain.attachments import masked_file_name
from reception_desk.errors import UserError

OPEN, LISTED = AttachmentAccess.OPEN, AttachmentAccess.LISTED


@pytest.mark.parametrize(("role", "petition", "confidential"), [
    (Role.RECEIVING_CLERK, OPEN, LISTED),
    (Role.CASE_HANDLER, OPEN, LISTED),
    (Role.CHAIRPERSON, OPEN, OPEN),
    (Role.VICE_CHAIR, OPEN, OPEN),
    (Role.ADMINISTRATOR, OPEN, LISTED),
    (Role.INSPECTOR, OPEN, LISTED),
])
def test_who_opens_a_file_per_role(role, petition, confidential):
    permissions = ROLE_PERMISSIONS[role]
    assert attachment_access(permissions, confidential=False) is petition
    assert attachment_access(permissions, confidential=True) is confidential


def test_without_the_right_to_view_records_nothing_is_listed():
    assert attachment_access({Permission.REVEAL_IDENTITY}, True) is AttachmentAccess.NONE
    assert attachment_access(frozenset(), False) is AttachmentAccess.NONE


@pytest.mark.parametrize(("given", "stored"), [
    ("don.pdf", "don.pdf"),
    ("C:\\Scans\\2026\\Đơn khiếu nại.pdf", "Đơn khiếu nại.pdf"),
    ("/home/thu/Ảnh/so-do.jpg", "so-do.jpg"),
    (unicodedata.normalize("NFD", "Biên bản làm việc.pdf"), "Biên bản làm việc.pdf"),
    ("  bản\tsao\x00.png ", "bảnsao.png"),
    ("a" * 300 + ".pdf", "a" * 251 + ".pdf"),
])
def test_the_stored_name_is_the_last_part_nfc_and_short(given, stored):
    assert clean_file_name(given) == stored
    assert unicodedata.is_normalized("NFC", clean_file_name(given))


@pytest.mark.parametrize("given", ["", "   ", "C:\\Scans\\", "..", "\x07"])
def test_a_file_needs_a_name(given):
    with pytest.raises(UserError) as exc:
        clean_file_name(given)
    assert exc.value.code == "attachment.name_required"


def test_a_withheld_name_keeps_only_its_extension():
    assert masked_file_name("Đơn tố cáo Nguyễn Văn A.PDF") == "***.pdf"
    assert masked_file_name("khong-duoi") == "***"
    assert masked_file_name("x.tên-rất-dài-không-phải-đuôi") == "***"


def test_the_size_limit():
    check_size(20 * MB, 20)
    with pytest.raises(UserError) as exc:
        check_size(20 * MB + 1, 20)
    assert exc.value.code == "attachment.too_large"
    assert exc.value.params == {"size_mb": "20.0", "limit_mb": 20}
    with pytest.raises(UserError):
        check_size(0, 20)
    assert check_limit_mb(200) == 200
    for wrong in (0, 201):
        with pytest.raises(UserError):
            check_limit_mb(wrong)


@pytest.mark.parametrize(("name", "partial"), [
    ("scan.pdf", False), ("scan.pdf.part", True), ("SCAN.TMP", True), (".hidden.pdf", True),
    ("~$don.docx", True), ("tai-ve.crdownload", True),
])
def test_files_still_being_written_are_not_offered(name, partial):
    assert is_partial(name) is partial
