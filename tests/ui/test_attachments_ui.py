"""The attachments panel of the visit form and the case page, by keyboard only: the newest scan
attached with one key to a new visit (kept until the save), Enter opens, Delete voids with a
reason, a denunciation's file refused to a clerk and opened by the chairperson with a reason."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reception_desk.domain.access import Role
from reception_desk.domain.classification import PetitionType
from reception_desk.i18n import set_language
from reception_desk.services.access.dto import RecordKind
from reception_desk.services.access.dto import RecordRef
from reception_desk.services.attachments.dto import AttachmentSettings
from reception_desk.ui.attachments_panel import AttachmentsPanel
from reception_desk.ui.cases.case_dialog import CaseDialog
from reception_desk.ui.theme import apply_theme
from reception_desk.ui.visit_form import VisitForm
from tests.conftest import sample_draft
from tests.conftest import sign_in_as
from tests.ui.helpers import focused
from tests.ui.helpers import press
from tests.ui.helpers import shot
from tests.ui.helpers import type_text

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
SCAN = b"%PDF-1.4 " + b"don kien nghi " * 4000

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")


@pytest.fixture(autouse=True)
def vietnamese(qapp):  # type: ignore[no-untyped-def]
    set_language("vi")
    apply_theme(qapp)
    yield
    set_language("vi")


@pytest.fixture
def scanner(sqlite_desk, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "may-quet"
    folder.mkdir()
    now = time.time()
    for age, (name, content) in enumerate([("scan-0002.pdf", SCAN),
                                           ("scan-0001.pdf", b"%PDF-1.4 older")]):
        path = folder / name
        path.write_bytes(content)
        os.utime(path, (now - 60 * age, now - 60 * age))
    sign_in_as(sqlite_desk, Role.ADMINISTRATOR)
    sqlite_desk.attachments.save_settings(AttachmentSettings(20, str(folder)))
    sqlite_desk.access.sign_out()  # each test signs in as the role it is about
    return folder


def _show(qtbot, widget):  # type: ignore[no-untyped-def]
    qtbot.addWidget(widget)
    widget.resize(1280, 860)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def _answer(qtbot, panel: AttachmentsPanel, text: str) -> None:
    """Type the reason the panel asks for and press Enter."""
    qtbot.waitUntil(lambda: panel.reason_dialog is not None and panel.reason_dialog.isVisible())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and panel.reason_dialog.isAncestorOf(QApplication.focusWidget()))
    type_text(focused(), text)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not panel.reason_dialog.isVisible())


def test_a_new_visit_keeps_the_newest_scan_until_saved_then_enter_opens_and_del_voids(
        qtbot, sqlite_desk, scanner, tmp_path):
    desk = sqlite_desk
    sign_in_as(desk, Role.RECEIVING_CLERK)
    form = _show(qtbot, VisitForm(desk))
    panel = form.attachments
    assert panel.scans.count() == 2 and "scan-0002.pdf" in panel.scans.item(0).text()
    # A scan saved while the form is open shows up by itself, newest first.
    (scanner / "scan-0003.pdf").write_bytes(b"%PDF-1.4 newest")
    qtbot.waitUntil(lambda: panel.scans.count() == 3, timeout=3000)
    assert "scan-0003.pdf" in panel.scans.item(0).text()
    (scanner / "scan-0003.pdf").unlink()
    qtbot.waitUntil(lambda: panel.scans.count() == 2, timeout=3000)
    form.set_draft(sample_draft(desk, received_at=None))
    form.focus_first_field()
    press(qtbot, Qt.Key.Key_N, CTRL_SHIFT)  # the newest scan, one key
    assert [p.name for p in panel.pending] == ["scan-0002.pdf"]
    assert panel.table.rowCount() == 1
    assert panel.table.item(0, 4).text() == "Sẽ đính kèm khi lưu lượt tiếp"
    form.focus_first_field()
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.banner_text() == "Đã lưu lượt tiếp số 1/2026. Đã đính kèm 1 tệp."
    [stored] = desk.attachments.for_visit(1)
    assert stored.file_name == "scan-0002.pdf" and stored.size == len(SCAN)
    assert panel.pending == [] and panel.table.rowCount() == 0  # blank for the next citizen

    # The saved visit: its file listed; Enter opens it, Delete voids it with a reason.
    assert form.load_visit(1)
    opened: list[Path] = []
    panel.opener = opened.append
    assert panel.table.rowCount() == 1
    assert panel.table.item(0, 0).text() == "scan-0002.pdf"
    panel.table.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert len(opened) == 1 and opened[0].read_bytes() == SCAN
    form._scroll.ensureWidgetVisible(panel)
    assert form.grab().save(shot(tmp_path, "attachments-visit-form.png"))
    panel.table.setFocus()
    press(qtbot, Qt.Key.Key_Delete)
    _answer(qtbot, panel, "Quét nhầm trang")
    [voided] = desk.attachments.for_visit(1)
    assert voided.voided and voided.void_reason == "Quét nhầm trang"
    assert panel.table.item(0, 4).text() == "Đã hủy: Quét nhầm trang"
    qtbot.waitUntil(form.isActiveWindow)
    assert focused() is panel.table  # the keyboard is back in the list
    # Ctrl+Shift+A opens the file dialog (not driven further: a native-looking dialog).
    form.focus_first_field()
    press(qtbot, Qt.Key.Key_A, CTRL_SHIFT)
    assert panel.file_dialog is not None and panel.file_dialog.isVisible()
    assert Path(panel.file_dialog.directory().absolutePath()) == scanner
    panel.file_dialog.reject()


def test_a_denunciation_file_on_the_case_page_is_refused_to_a_clerk_and_opened_by_the_chair(
        qtbot, sqlite_desk, scanner, tmp_path):
    desk = sqlite_desk
    visit, _ = desk.log_visit(sample_draft(desk, petition_type=PetitionType.DENUNCIATION))
    case, _ = desk.cases.open_from_visit(visit.id)
    sign_in_as(desk, Role.RECEIVING_CLERK)
    (tmp_path / "To cao - Nguyen Van Duc.pdf").write_bytes(SCAN)
    desk.attachments.add_to_visit(visit.id, tmp_path / "To cao - Nguyen Van Duc.pdf")

    page = _show(qtbot, CaseDialog(desk, case.id))
    panel = page.attachments
    assert panel.table.item(0, 0).text() == "***.pdf"
    assert panel.table.item(0, 4).text() == "Bảo mật (đơn tố cáo)"
    panel.opener = lambda path: pytest.fail(f"opened {path}")
    panel.table.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert "giữ bí mật" in panel.error_label.text()
    assert page.isVisible()  # Enter in the list never closes the case page
    assert page.grab().save(shot(tmp_path, "attachments-case-page-clerk.png"))
    page.close()

    sign_in_as(desk, Role.CHAIRPERSON)
    page = _show(qtbot, CaseDialog(desk, case.id))
    panel = page.attachments
    opened: list[Path] = []
    panel.opener = opened.append
    assert panel.table.item(0, 0).text() == "To cao - Nguyen Van Duc.pdf"
    panel.table.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert opened == []  # a reason first
    _answer(qtbot, panel, "Xác minh nội dung tố cáo")
    assert len(opened) == 1 and opened[0].read_bytes() == SCAN
    seen = desk.access.who_viewed(RecordRef(RecordKind.VISIT, visit.id))
    assert [e.reason for e in seen] == ["Xác minh nội dung tố cáo"]


def test_the_settings_tab_saves_the_limit_and_the_scanner_folder(qtbot, sqlite_desk, tmp_path):
    from reception_desk.ui.settings.attachments import AttachmentsTab

    desk = sqlite_desk
    sign_in_as(desk, Role.ADMINISTRATOR)
    tab = AttachmentsTab(desk)
    qtbot.addWidget(tab)
    assert tab.limit_spin.value() == 20 and tab.folder_edit.text() == ""
    tab.limit_spin.setValue(8)
    tab.folder_edit.setText(f"  {tmp_path}  ")
    assert tab.save()
    assert tab.status_label.text() == "Đã lưu."
    assert tab.folder_edit.text() == str(tmp_path)
    assert desk.attachments.settings() == AttachmentSettings(8, str(tmp_path))
    sign_in_as(desk, Role.RECEIVING_CLERK)
    assert not tab.save()  # office policy is not the clerk's
    assert tab.error_label.isVisibleTo(tab) and tab.error_label.text()
