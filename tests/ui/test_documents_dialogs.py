"""Issuing the refusal notice, appointment and transfer slips in the app, the issued-documents
list and the logbook's document keys: offscreen, keyboard only, every PDF read back.

No modal exec() anywhere: dialogs are shown (or open()ed) and driven with key events; Vietnamese
is typed with ``type_text`` (qtbot.keyClicks aborts on non-ASCII, STACK.md).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QLabel

import tests.printing.rd_pdf_probe as probe
from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import PetitionType
from reception_desk.i18n import set_language
from reception_desk.services.documents.desk import DocType
from reception_desk.ui.documents_dialogs import AppointmentDialog
from reception_desk.ui.documents_dialogs import IssuedDocumentsDialog
from reception_desk.ui.documents_dialogs import RefusalDialog
from reception_desk.ui.documents_dialogs import TransferDialog
from reception_desk.ui.logbook import DOCUMENT_SHORTCUTS
from reception_desk.ui.logbook import LogbookPage
from tests.conftest import sample_draft
from tests.ui.helpers import focused
from tests.ui.helpers import press
from tests.ui.helpers import type_text

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture(autouse=True)
def _vietnamese():  # type: ignore[no-untyped-def]
    set_language("vi")
    yield
    set_language("en")


def _visit(desk, **overrides) -> int:  # type: ignore[no-untyped-def]
    visit, _ = desk.log_visit(sample_draft(desk, **overrides))
    return int(visit.id)


def _denunciation(desk) -> int:  # type: ignore[no-untyped-def]
    return _visit(desk, petition_type=PetitionType.DENUNCIATION,
                  direction=HandlingDirection.TO_POLICE, target_body="Công an xã Bắc Lý",
                  within_competence=False, field_code=None,
                  content="Tố cáo ông Trần Văn Bảy lấn chiếm đất công tại xứ đồng Cửa Đình.")


def _shown(qtbot, dialog):  # type: ignore[no-untyped-def]
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return dialog


def _ctrl_enter(qtbot) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, Qt.Key.Key_Return, CTRL)


def _select_all_and_type(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(None, text)


# --- refusal notice ----------------------------------------------------------------------------


def test_refusal_dialog_prefilled_from_the_visit(qtbot, sqlite_desk):
    visit_id = _visit(sqlite_desk, petition_type=PetitionType.COMPLAINT)
    dialog = _shown(qtbot, RefusalDialog(sqlite_desk, visit_id))
    shown = dialog.findChild(QLabel, "matterLabel").text()
    assert shown.startswith("Đề nghị xem xét việc cấp giấy chứng nhận")
    box = dialog.findChild(QGroupBox, "visitBox")
    assert box.title() == "Lượt tiếp 1/2026"
    texts = " ".join(w.text() for w in box.findChildren(QLabel))
    for needle in ("Nguyễn Văn Đức", "037085001234", "03/05/2021", "Thôn Đông, số 12",
                   "27/11/2026 09:25", "khiếu nại"):
        assert needle in texts, needle
    # the ground of a written notice (Luật TCD Art. 9(3)) is the default, its text prefilled
    assert dialog.ground_box.currentData() == "tcd_9_3"
    assert dialog.basis_edit.text() == "khoản 3 Điều 9 Luật Tiếp công dân"
    assert "cố tình khiếu nại, tố cáo kéo dài" in dialog.reason_edit.toPlainText()
    assert "03 ngày làm việc" in dialog.ground_hint.text()
    assert focused() is dialog.ground_box
    # another ground: basis and reason follow, the hint says "explain in person"
    press(qtbot, Qt.Key.Key_Down)  # NĐ 154/2026 Art. 4(1)(a)
    assert dialog.basis_edit.text() == \
        "điểm a khoản 1 Điều 4 Nghị định số 154/2026/NĐ-CP"
    assert "vũ khí" in dialog.reason_edit.toPlainText()
    assert "trực tiếp" in dialog.ground_hint.text()


def test_refusal_issued_with_the_keyboard_reads_back_with_number_and_typed_text(
        qtbot, sqlite_desk):
    visit_id = _visit(sqlite_desk, petition_type=PetitionType.COMPLAINT)
    dialog = _shown(qtbot, RefusalDialog(sqlite_desk, visit_id))
    issued: list[int] = []
    dialog.document_issued.connect(issued.append)
    press(qtbot, Qt.Key.Key_L, ALT)  # "&Lý do:"
    assert focused() is dialog.reason_edit
    _select_all_and_type(qtbot, "Ông Đức đã được Chủ tịch UBND xã tiếp, giải thích nhiều lần; "
                                "vụ việc đã có Quyết định giải quyết khiếu nại lần hai.")
    press(qtbot, Qt.Key.Key_B, ALT)  # "Nơi nhận để &biết:"
    type_text(None, "Thanh tra tỉnh Ninh Bình\nBan Tiếp công dân tỉnh")
    press(qtbot, Qt.Key.Key_H, ALT)  # "Nơi nhận để phối &hợp:"
    type_text(None, "Công an xã Bắc Lý")
    _ctrl_enter(qtbot)

    assert dialog.printed is not None and dialog.result() == dialog.DialogCode.Accepted
    assert issued == [dialog.printed.document.id]
    preview = dialog.preview
    assert preview is not None
    qtbot.addWidget(preview)
    pdf = preview.pdf
    for needle in [
        "Số: 01/TB-UBND", "THÔNG BÁO", "Về việc từ chối tiếp công dân",
        "Kính gửi: Ông Nguyễn Văn Đức.",
        "Căn cứ khoản 3 Điều 9 Luật Tiếp công dân",
        "Lý do: Ông Đức đã được Chủ tịch UBND xã tiếp, giải thích nhiều lần; vụ việc đã có "
        "Quyết định giải quyết khiếu nại lần hai.",
        "- Thanh tra tỉnh Ninh Bình (để biết);", "- Ban Tiếp công dân tỉnh (để biết);",
        "- Công an xã Bắc Lý (để phối hợp);", "Nguyễn Văn Hùng",
    ]:
        assert probe.has(pdf, needle), needle
    assert "01/TB-UBND" in preview.windowTitle()
    assert all(f.embedded for f in probe.fonts(pdf))


def test_refusal_without_a_reason_is_refused_under_the_field_and_keeps_the_rest(
        qtbot, sqlite_desk):
    visit_id = _visit(sqlite_desk)
    dialog = _shown(qtbot, RefusalDialog(sqlite_desk, visit_id))
    press(qtbot, Qt.Key.Key_B, ALT)
    type_text(None, "Thanh tra tỉnh Ninh Bình")
    press(qtbot, Qt.Key.Key_L, ALT)
    press(qtbot, Qt.Key.Key_A, CTRL)
    press(qtbot, Qt.Key.Key_Delete)
    _ctrl_enter(qtbot)
    assert dialog.printed is None and dialog.isVisible()
    assert dialog.error_of("reason") == "Hãy nêu lý do từ chối."
    assert focused() is dialog.reason_edit
    assert dialog.information_edit.toPlainText() == "Thanh tra tỉnh Ninh Bình"
    assert sqlite_desk.documents.for_visit(visit_id) == []
    type_text(None, "Vi phạm nội quy nơi tiếp công dân")
    _ctrl_enter(qtbot)
    assert dialog.printed is not None and dialog.error_of("reason") == ""
    qtbot.addWidget(dialog.preview)


# --- appointment slip --------------------------------------------------------------------------


def test_appointment_prefilled_in_the_past_refused_then_issued(qtbot, sqlite_desk):
    visit_id = _visit(sqlite_desk)
    dialog = _shown(qtbot, AppointmentDialog(sqlite_desk, visit_id))
    # next working day after Friday 27/11/2026, at 08:00; the office and the chair by default
    assert dialog.at_edit.text() == "30/11/2026 08:00"
    assert dialog.place_edit.text().startswith("Trụ sở Ủy ban nhân dân xã")
    assert dialog.meet_box.currentText().startswith("Chủ tịch Ủy ban nhân dân xã")
    assert "Nguyễn Văn Hùng, Chủ tịch UBND xã" in [
        dialog.meet_box.itemText(i) for i in range(dialog.meet_box.count())]
    assert dialog.paper_box.currentData() == "a5"
    assert focused() is dialog.at_edit

    press(qtbot, Qt.Key.Key_Down, times=4)  # the day section: 26/11, before now (27/11 09:30)
    assert dialog.at_edit.text() == "26/11/2026 08:00"
    press(qtbot, Qt.Key.Key_A, ALT)  # "Đị&a điểm:"
    _select_all_and_type(qtbot, "Phòng tiếp công dân, tầng 1, trụ sở UBND xã Bắc Lý")
    press(qtbot, Qt.Key.Key_G, ALT)  # "Đến &gặp:"
    press(qtbot, Qt.Key.Key_Down)  # the chair by name
    press(qtbot, Qt.Key.Key_M, ALT)  # "Giấy tờ cần &mang theo:"
    type_text(None, "Bản sao sổ hộ khẩu\nGiấy ủy quyền có chứng thực")
    press(qtbot, Qt.Key.Key_L, ALT)  # "&Liên hệ:"
    type_text(None, "0229 3 888 999 (chị Thu)")
    _ctrl_enter(qtbot)

    assert dialog.printed is None and dialog.isVisible()
    assert dialog.error_of("appointment_at") == \
        "Thời gian này đã qua: hãy chọn ngày, giờ hẹn muộn hơn."
    assert focused() is dialog.at_edit
    assert sqlite_desk.documents.for_visit(visit_id) == []
    # nothing typed is lost
    assert dialog.place_edit.text() == "Phòng tiếp công dân, tầng 1, trụ sở UBND xã Bắc Lý"
    assert dialog.meet_box.currentText() == "Nguyễn Văn Hùng, Chủ tịch UBND xã"
    assert dialog.bring_edit.toPlainText() == "Bản sao sổ hộ khẩu\nGiấy ủy quyền có chứng thực"
    assert dialog.contact_edit.text() == "0229 3 888 999 (chị Thu)"

    press(qtbot, Qt.Key.Key_Up, times=5)  # 01/12 is past the month's end: stays 30/11
    dialog.at_edit.setFocus()
    assert dialog.at_edit.text() == "30/11/2026 08:00"
    _ctrl_enter(qtbot)
    assert dialog.printed is not None and dialog.error_of("appointment_at") == ""
    qtbot.addWidget(dialog.preview)
    pdf = dialog.preview.pdf
    for needle in [
        "Số: 01/PH-UBND", "PHIẾU HẸN", "hẹn Ông: Nguyễn Văn Đức",
        "Thời gian: 08 giờ 00 phút, Thứ Hai, ngày 30 tháng 11 năm 2026",
        "Địa điểm: Phòng tiếp công dân, tầng 1, trụ sở UBND xã Bắc Lý",
        "Đến gặp: Nguyễn Văn Hùng, Chủ tịch UBND xã",
        # The A5 slip at 13 pt lists what to bring on one line (issue 12).
        "mang theo: Bản sao sổ hộ khẩu; Giấy ủy quyền có chứng thực.",
        "Mọi thông tin xin liên hệ: 0229 3 888 999 (chị Thu)",
        "Trần Thị Thu",
    ]:
        assert probe.has(pdf, needle), needle
    assert probe.page_sizes(pdf) == [pytest.approx((419.5, 595.3), abs=0.5)]  # A5


def test_appointment_on_the_80mm_roll(qtbot, sqlite_desk):
    visit_id = _visit(sqlite_desk)
    dialog = _shown(qtbot, AppointmentDialog(sqlite_desk, visit_id))
    press(qtbot, Qt.Key.Key_K, ALT)  # "&Khổ giấy:"
    assert focused() is dialog.paper_box
    press(qtbot, Qt.Key.Key_End)
    assert dialog.paper_box.currentData() == "thermal_80mm"
    _ctrl_enter(qtbot)
    qtbot.addWidget(dialog.preview)
    (width, _height), = probe.page_sizes(dialog.preview.pdf)
    assert width == pytest.approx(80 * probe.MM, abs=0.5)
    assert probe.has(dialog.preview.pdf, "Số: 01/PH-UBND")


# --- transfer slip -----------------------------------------------------------------------------


def test_denunciation_transfer_redacts_the_denouncer_by_default(qtbot, sqlite_desk):
    visit_id = _denunciation(sqlite_desk)
    dialog = _shown(qtbot, TransferDialog(sqlite_desk, visit_id))
    assert dialog.addressee_edit.text() == "Công an xã Bắc Lý"
    assert dialog.basis_edit.text() == "khoản 2 Điều 24 Luật Tố cáo"
    assert dialog.attachments_edit.text() == "Kèm theo 02 tài liệu do công dân cung cấp"
    assert dialog.redact_check.isChecked() and dialog.notify_check.isChecked()
    assert "Điều 56 Luật Tố cáo" in dialog.redact_hint.text()
    press(qtbot, Qt.Key.Key_G, ALT)  # "Kính &gửi:"
    _select_all_and_type(qtbot, "Công an tỉnh Ninh Bình")
    press(qtbot, Qt.Key.Key_Return)  # Enter in a one-line field issues
    assert dialog.printed is not None
    qtbot.addWidget(dialog.preview)
    pdf = dialog.preview.pdf
    for needle in [
        "Số: 01/PC-UBND", "PHIẾU CHUYỂN ĐƠN", "Kính gửi: Công an tỉnh Ninh Bình.",
        "nhận được đơn tố cáo của người gửi đơn (họ tên, địa chỉ, bút tích và thông tin cá "
        "nhân của người gửi đơn đã được giữ bí mật theo quy định của pháp luật).",
        "Căn cứ khoản 2 Điều 24 Luật Tố cáo",
        "Nội dung đơn: Tố cáo ông Trần Văn Bảy lấn chiếm đất công tại xứ đồng Cửa Đình.",
        "- Người gửi đơn (để biết);",
    ]:
        assert probe.has(pdf, needle), needle
    for secret in ("Nguyễn Văn Đức", "037085001234", "Thôn Đông"):
        assert not probe.has(pdf, secret), secret
    # the list shows the copy as one that withholds the identity
    listing = _shown(qtbot, IssuedDocumentsDialog(sqlite_desk, visit_id))
    assert listing.table.item(0, 0).text() == "Phiếu chuyển đơn (giữ bí mật danh tính)"


def test_transfer_with_identity_when_unticked_and_no_copy_to_the_sender(qtbot, sqlite_desk):
    """The denouncer agreed to disclosure (recorded by the chairperson): the slip starts
    unticked and prints them (shown normally). Without that agreement an unticked slip needs a
    reason to reveal them (test_masking_ui)."""
    from datetime import date

    from reception_desk.domain.access import Role
    from tests.conftest import sign_in_as

    visit_id = _denunciation(sqlite_desk)
    sign_in_as(sqlite_desk, Role.CHAIRPERSON)
    sqlite_desk.access.record_waiver(visit_id, date(2026, 11, 27), "Đồng ý bằng văn bản")
    dialog = _shown(qtbot, TransferDialog(sqlite_desk, visit_id))
    assert not dialog.redact_check.isChecked() and not dialog.asks_reason
    press(qtbot, Qt.Key.Key_I, ALT)  # "(để b&iết)"
    qtbot.waitUntil(lambda: not dialog.notify_check.isChecked())
    press(qtbot, Qt.Key.Key_N, ALT)  # "&Nội dung đơn:"
    _select_all_and_type(qtbot, "Tố cáo hành vi lấn chiếm đất công tại xứ đồng Cửa Đình.")
    _ctrl_enter(qtbot)
    qtbot.addWidget(dialog.preview)
    pdf = dialog.preview.pdf
    assert probe.has(pdf, "nhận được đơn tố cáo của ông Nguyễn Văn Đức; Số căn cước: "
                          "037085001234")
    assert probe.has(pdf, "Nội dung đơn: Tố cáo hành vi lấn chiếm đất công tại xứ đồng Cửa Đình.")
    assert not probe.has(pdf, "Người gửi đơn (để biết)")


def test_a_petition_transfer_is_not_redacted_by_default_and_needs_an_addressee(
        qtbot, sqlite_desk):
    visit_id = _visit(sqlite_desk)  # accepted, no target body
    dialog = _shown(qtbot, TransferDialog(sqlite_desk, visit_id))
    assert not dialog.redact_check.isChecked()
    assert focused() is dialog.addressee_edit
    press(qtbot, Qt.Key.Key_B, ALT)
    type_text(None, "Trung tâm Phát triển quỹ đất")
    _ctrl_enter(qtbot)
    assert dialog.printed is None
    assert dialog.error_of("addressee") == "Hãy ghi cơ quan được chuyển đơn đến."
    assert focused() is dialog.addressee_edit
    assert dialog.information_edit.toPlainText() == "Trung tâm Phát triển quỹ đất"
    type_text(None, "Văn phòng Đăng ký đất đai tỉnh Ninh Bình")
    _ctrl_enter(qtbot)
    qtbot.addWidget(dialog.preview)
    assert probe.has(dialog.preview.pdf, "Kính gửi: Văn phòng Đăng ký đất đai tỉnh Ninh Bình.")
    assert probe.has(dialog.preview.pdf, "- Trung tâm Phát triển quỹ đất (để biết);")


# --- the issued documents ----------------------------------------------------------------------


def test_issued_documents_list_and_enter_reprints_as_a_copy(qtbot, sqlite_desk):
    visit_id = _visit(sqlite_desk)
    sqlite_desk.documents.issue_receipt(visit_id)
    dialog = _shown(qtbot, IssuedDocumentsDialog(sqlite_desk, visit_id))
    assert dialog.table.rowCount() == 1 and not dialog.empty_label.isVisibleTo(dialog)
    row = [dialog.table.item(0, c).text() for c in range(5)]
    assert row == ["Giấy biên nhận", "Số: 01/BN-UBND", "27/11/2026 09:30", "Trần Thị Thu", "1"]
    assert focused() is dialog.table
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.preview is not None
    qtbot.addWidget(dialog.preview)
    assert probe.has(dialog.preview.pdf, "BẢN SAO")
    assert probe.has(dialog.preview.pdf, "Số: 01/BN-UBND")
    assert dialog.preview.note_label.isVisibleTo(dialog.preview)
    assert dialog.table.item(0, 4).text() == "2"
    assert [d.number for d in sqlite_desk.documents.for_visit(visit_id)] == [1]


def test_issued_documents_buttons_issue_each_form(qtbot, sqlite_desk):
    visit_id = _visit(sqlite_desk)
    dialog = _shown(qtbot, IssuedDocumentsDialog(sqlite_desk, visit_id))
    assert dialog.table.rowCount() == 0 and dialog.empty_label.isVisibleTo(dialog)
    assert not dialog.reprint_button.isEnabled()
    press(qtbot, Qt.Key.Key_B, ALT)  # "&Biên nhận" (a mnemonic clicks after a short animation)
    qtbot.waitUntil(lambda: dialog.preview is not None)  # a child of the list: no addWidget
    assert dialog.table.rowCount() == 1
    preview = dialog.preview
    qtbot.waitExposed(preview)
    with qtbot.waitSignal(preview.finished):  # the preview is on top: Esc closes it first
        qtbot.keyClick(preview, Qt.Key.Key_Escape)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isActiveWindow())
    press(qtbot, Qt.Key.Key_T, ALT)  # "&Thông báo từ chối…"
    qtbot.waitUntil(lambda: dialog.form_dialog is not None)
    form = dialog.form_dialog
    assert isinstance(form, RefusalDialog)
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(lambda: form.isActiveWindow())
    _ctrl_enter(qtbot)
    assert [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())] == [
        "Số: 01/BN-UBND", "Số: 01/TB-UBND"]
    assert dialog.table.currentRow() == 1
    assert form.preview.parent() is dialog
    qtbot.waitExposed(form.preview)
    with qtbot.waitSignal(form.preview.finished):
        qtbot.keyClick(form.preview, Qt.Key.Key_Escape)
    for key, kind in ((Qt.Key.Key_H, AppointmentDialog), (Qt.Key.Key_C, TransferDialog)):
        dialog.activateWindow()
        qtbot.waitUntil(lambda: dialog.isActiveWindow())
        press(qtbot, key, ALT)
        qtbot.waitUntil(lambda: isinstance(dialog.form_dialog, kind))  # noqa: B023
        dialog.form_dialog.reject()


def test_a_voided_visit_offers_only_the_refusal(qtbot, sqlite_desk):
    visit_id = _visit(sqlite_desk)
    sqlite_desk.void_visit(visit_id, "Nhập trùng")
    dialog = _shown(qtbot, IssuedDocumentsDialog(sqlite_desk, visit_id))
    assert dialog.refusal_button.isEnabled()
    assert not any(b.isEnabled() for b in (dialog.receipt_button, dialog.appointment_button,
                                          dialog.transfer_button))


# --- the logbook -------------------------------------------------------------------------------


@pytest.fixture
def page(qtbot, sqlite_desk, tmp_path: Path):  # type: ignore[no-untyped-def]
    _visit(sqlite_desk)
    _denunciation(sqlite_desk)
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    widget = LogbookPage(sqlite_desk, settings)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    widget.table.setFocus()
    widget.table.selectRow(1)
    return widget


def test_logbook_shortcuts_open_the_dialogs(qtbot, page, sqlite_desk):
    assert DOCUMENT_SHORTCUTS == {
        "receipt": "Ctrl+R", "refusal": "Ctrl+Shift+R", "appointment": "Ctrl+Shift+H",
        "transfer": "Ctrl+Shift+T", "documents": "Ctrl+Shift+D", "minutes": "Ctrl+Shift+B"}
    visit_id = page.selected_visit().id
    for key, kind in ((Qt.Key.Key_R, RefusalDialog), (Qt.Key.Key_H, AppointmentDialog),
                      (Qt.Key.Key_T, TransferDialog), (Qt.Key.Key_D, IssuedDocumentsDialog)):
        page.activateWindow()
        page.table.setFocus()
        qtbot.keyClick(page.table, key, CTRL_SHIFT)
        dialog = page.document_dialog
        assert isinstance(dialog, kind), kind
        assert dialog.visit_id == visit_id
        assert dialog.windowModality() == Qt.WindowModality.WindowModal
        qtbot.waitExposed(dialog)
        if kind is TransferDialog:  # the denunciation's slip withholds the identity
            assert dialog.redact_check.isChecked()
        with qtbot.waitSignal(dialog.finished):
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert page.document_dialog is None
    qtbot.keyClick(page.table, Qt.Key.Key_R, CTRL)
    assert page.preview is not None and page.preview.parent() is page
    assert probe.has(page.preview.pdf, "Số: 01/BN-UBND")
    assert [d.doc_type for d in sqlite_desk.documents.for_visit(visit_id)] == [DocType.RECEIPT]


def test_logbook_context_menu_lists_the_documents_and_the_filter_box_keeps_the_keys(
        qtbot, page):
    menu = page.build_context_menu()
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Mở lượt tiếp", "In giấy biên nhận", "Thông báo từ chối tiếp…",
                     "Phiếu hẹn…", "Phiếu chuyển đơn…", "Biên bản tiếp công dân…",
                     "Văn bản đã cấp…", "Xem danh tính…",
                     "Ai đã xem danh tính này…", "Hủy lượt tiếp…"]
    shortcuts = {a.text(): a.shortcut().toString() for a in page.document_actions()}
    assert shortcuts["Phiếu hẹn…"] == "Ctrl+Shift+H"
    page.filter_edit.setFocus()
    qtbot.keyClick(page.filter_edit, Qt.Key.Key_D, CTRL_SHIFT)  # page-wide, not only the table
    assert isinstance(page.document_dialog, IssuedDocumentsDialog)
    page.document_dialog.reject()


def test_logbook_voided_visit_only_allows_refusal_and_documents(qtbot, page, sqlite_desk):
    visit_id = page.selected_visit().id
    sqlite_desk.void_visit(visit_id, "Nhập trùng")
    page.refresh({visit_id})
    page.select_visit(visit_id)
    assert page.refusal_action.isEnabled() and page.documents_action.isEnabled()
    assert not page.receipt_action.isEnabled()
    assert not page.appointment_action.isEnabled()
    assert not page.transfer_action.isEnabled()
    assert page.print_receipt_selected() is None
    qtbot.keyClick(page.table, Qt.Key.Key_H, CTRL_SHIFT)
    assert page.document_dialog is None


def test_appointment_time_check_uses_the_desk_clock(qtbot, sqlite_desk, clock):
    visit_id = _visit(sqlite_desk)
    clock.moment += timedelta(days=3, hours=1)  # Monday 30/11 10:30: 08:00 has passed
    dialog = _shown(qtbot, AppointmentDialog(sqlite_desk, visit_id))
    assert dialog.at_edit.text() == "01/12/2026 08:00"  # the next working day again
    qtbot.keyClicks(dialog.at_edit, "3011")  # day 30, month 11: today, 08:00
    assert dialog.at_edit.text() == "30/11/2026 08:00"
    _ctrl_enter(qtbot)
    assert dialog.printed is None and dialog.error_of("appointment_at")
