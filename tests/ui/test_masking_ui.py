"""Masked identities on screen, the reveal key, the transfer slip's reveal reason and the chain
head in Settings, driven from the keyboard offscreen (issue 10, items 3, 5 and 6)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from sqlalchemy import func
from sqlalchemy import select

import tests.printing.rd_pdf_probe as probe
from reception_desk.domain.access import Role
from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import PetitionType
from reception_desk.i18n import set_language
from reception_desk.services.visits.dto import VisitQuery
from reception_desk.storage.models import AuditEntry
from reception_desk.storage.models import IdentityReveal
from reception_desk.storage.models import IssuedDocument
from reception_desk.storage.models import Visit
from reception_desk.ui.cases.case_dialog import CaseDialog
from reception_desk.ui.documents_dialogs import TransferDialog
from reception_desk.ui.logbook import COLUMN_INDEX
from reception_desk.ui.logbook import LogbookPage
from reception_desk.ui.reveal_dialog import RevealDialog
from reception_desk.ui.reveal_dialog import WhoViewedDialog
from reception_desk.ui.settings import SettingsDialog
from reception_desk.ui.visit_form import VisitForm
from tests.conftest import sample_draft
from tests.conftest import sign_in_as
from tests.ui.helpers import press
from tests.ui.helpers import shot
from tests.ui.helpers import type_text

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
KEPT_SECRET = "(giữ bí mật)"


@pytest.fixture(autouse=True)
def _vietnamese():  # type: ignore[no-untyped-def]
    set_language("vi")


@pytest.fixture
def visits(sqlite_desk):  # type: ignore[no-untyped-def]
    """A denunciation, a complaint and a petition received today (logged by the system)."""
    desk = sqlite_desk
    denunciation, _ = desk.log_visit(sample_draft(
        desk, petition_type=PetitionType.DENUNCIATION, field_code=None,
        direction=HandlingDirection.TRANSFER, target_body="Công an tỉnh Ninh Bình",
        within_competence=False,
        content="Tố cáo cán bộ địa chính thu tiền trái quy định khi cấp giấy chứng nhận."))
    complaint, _ = desk.log_visit(sample_draft(
        desk, citizen_name="Lê Thị Hoa", id_number="037090001111", phone="0988 000 111",
        address_detail="Xóm Chùa, số 7", birth_date=date(1990, 1, 2),
        petition_type=PetitionType.COMPLAINT, field_code=None,
        content="Khiếu nại quyết định thu hồi đất của Ủy ban nhân dân xã."))
    petition, _ = desk.log_visit(sample_draft(
        desk, citizen_name="Trần Văn Bảy", id_number="037085002222", phone="0977 111 222",
        address_detail="Thôn Bắc, số 3"))
    return denunciation, complaint, petition


def _page(qtbot, desk) -> LogbookPage:  # type: ignore[no-untyped-def]
    settings = QSettings(str(desk.db.engine.url.database) + ".ini", QSettings.Format.IniFormat)
    page = LogbookPage(desk, settings)
    qtbot.addWidget(page)
    page.resize(1280, 420)
    page.show()
    page.activateWindow()
    qtbot.waitExposed(page)
    _focus_table(qtbot, page)
    return page


def _focus_table(qtbot, page: LogbookPage) -> None:  # type: ignore[no-untyped-def]
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)


def _cells(page: LogbookPage, row: int) -> dict[str, str]:
    model = page.model
    return {key: model.data(model.index(row, column)) for key, column in COLUMN_INDEX.items()}


@pytest.mark.parametrize("role", [Role.RECEIVING_CLERK, Role.CHAIRPERSON, Role.INSPECTOR])
def test_the_logbook_list_masks_by_role(qtbot, sqlite_desk, visits, role, tmp_path):  # type: ignore[no-untyped-def]
    sign_in_as(sqlite_desk, role)
    page = _page(qtbot, sqlite_desk)
    page.table.selectRow(0)
    secret, hoa = _cells(page, 0), _cells(page, 1)
    assert (secret["name"], secret["id_number"], secret["address"]) == (KEPT_SECRET,) * 3
    assert hoa["name"] == "Lê Thị Hoa"
    if role is Role.INSPECTOR:  # no VIEW_PERSONAL_DATA: ID number and address partial
        assert hoa["id_number"] == "*********111" and hoa["address"].startswith("***, xã ")
        assert "Xóm Chùa" not in hoa["address"]
    else:
        assert hoa["id_number"] == "037090001111" and "Xóm Chùa" in hoa["address"]
    # The chairperson may reveal (Ctrl+Shift+I) and read who viewed (Ctrl+Shift+W).
    assert page.reveal_action.isEnabled() is (role is Role.CHAIRPERSON)
    assert page.who_viewed_action.isEnabled() is (role in (Role.CHAIRPERSON, Role.INSPECTOR))
    assert page.grab().save(shot(tmp_path, f"logbook-masked-{role.value}.png"))


def test_ctrl_shift_i_reveals_with_a_reason_and_ctrl_shift_w_lists_it(qtbot, sqlite_desk,  # type: ignore[no-untyped-def]
                                                                       visits):
    denunciation = visits[0]
    sign_in_as(sqlite_desk, Role.CHAIRPERSON)
    page = _page(qtbot, sqlite_desk)
    page.table.selectRow(0)
    press(qtbot, Qt.Key.Key_I, CTRL_SHIFT)
    dialog = page.identity_dialog
    assert isinstance(dialog, RevealDialog)
    qtbot.waitUntil(lambda: dialog.reason_edit.hasFocus())
    type_text(None, "Mời người tố cáo đến bổ sung chứng cứ")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.revealed_label.isVisible()
    with sqlite_desk.db.read() as s:
        reveal = s.execute(select(IdentityReveal.entity, IdentityReveal.entity_id,
                                  IdentityReveal.reason)).one()
        audited = s.scalar(select(AuditEntry.entity_id).where(
            AuditEntry.action == "reveal_identity"))
    assert tuple(reveal) == ("visit", str(denunciation.id),
                             "Mời người tố cáo đến bổ sung chứng cứ")
    assert audited == str(denunciation.id)
    dialog.close()
    qtbot.waitUntil(lambda: page.identity_dialog is None)
    assert _cells(page, 0)["name"] == KEPT_SECRET  # a reveal is one look, not an unmasking
    _focus_table(qtbot, page)
    press(qtbot, Qt.Key.Key_W, CTRL_SHIFT)
    who = page.identity_dialog
    assert isinstance(who, WhoViewedDialog) and who.viewers.rowCount() == 1
    assert "Mời người tố cáo" in who.viewers.item(0, 3).text()


def test_a_clerk_has_no_reveal_key(qtbot, sqlite_desk, visits):  # type: ignore[no-untyped-def]
    sign_in_as(sqlite_desk, Role.RECEIVING_CLERK)
    page = _page(qtbot, sqlite_desk)
    page.table.selectRow(0)
    press(qtbot, Qt.Key.Key_I, CTRL_SHIFT)
    press(qtbot, Qt.Key.Key_W, CTRL_SHIFT)
    assert page.identity_dialog is None
    with sqlite_desk.db.read() as s:
        assert s.scalar(select(func.count()).select_from(IdentityReveal)) == 0


def test_an_unredacted_transfer_slip_asks_for_the_reveal_reason(qtbot, sqlite_desk, visits):  # type: ignore[no-untyped-def]
    denunciation = visits[0]
    sign_in_as(sqlite_desk, Role.CHAIRPERSON)
    dialog = TransferDialog(sqlite_desk, denunciation.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.redact_check.isChecked() and not dialog.reason_edit.isVisible()
    dialog.redact_check.setChecked(False)
    assert dialog.reason_edit.isVisible()
    qtbot.waitUntil(dialog.reason_edit.hasFocus)
    assert dialog.issue() is None
    assert dialog.error_of("reveal_reason") == "Ghi rõ lý do cần xem danh tính này."
    with sqlite_desk.db.read() as s:
        assert s.scalar(select(func.count()).select_from(IssuedDocument)) == 0
        assert s.scalar(select(func.count()).select_from(IdentityReveal)) == 0
    type_text(dialog.reason_edit, "Cơ quan công an đề nghị cung cấp bằng văn bản")
    printed = dialog.issue()
    assert printed is not None and probe.has(printed.pdf, "Nguyễn Văn Đức")
    qtbot.addWidget(dialog.preview)
    with sqlite_desk.db.read() as s:
        assert s.scalar(select(func.count()).select_from(IdentityReveal)) == 1


def test_a_clerk_edits_a_masked_visit_without_writing_the_mask(qtbot, sqlite_desk, visits):  # type: ignore[no-untyped-def]
    denunciation = visits[0]
    sign_in_as(sqlite_desk, Role.RECEIVING_CLERK)
    form = VisitForm(sqlite_desk)
    qtbot.addWidget(form)
    form.show()
    assert form.load_visit(denunciation.id)
    assert form.citizen_name.text() == "***"
    form.set_draft(replace(form.draft(), notes="Đã chuyển Công an tỉnh"))
    assert form.save() == denunciation.id
    with sqlite_desk.db.read() as s:
        row = s.get(Visit, denunciation.id)
        assert (row.citizen_name, row.id_number, row.notes) == (
            "Nguyễn Văn Đức", "037085001234", "Đã chuyển Công an tỉnh")


def test_a_case_of_a_denunciation_lists_its_denouncer_masked(qtbot, sqlite_desk, visits):  # type: ignore[no-untyped-def]
    case, _ = sqlite_desk.cases.open_from_visit(visits[0].id)
    sign_in_as(sqlite_desk, Role.CHAIRPERSON)
    dialog = CaseDialog(sqlite_desk, case.id)
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.complainants.table
    assert table.item(0, 0).text() == KEPT_SECRET and table.item(0, 2).text() == ""
    assert "Nguyễn Văn Đức" not in dialog.summary.text()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    table.selectRow(0)
    press(qtbot, Qt.Key.Key_I, CTRL_SHIFT)
    assert isinstance(dialog.complainants.identity_dialog, RevealDialog)


def test_settings_show_the_chain_head_and_verify_an_earlier_code(qtbot, sqlite_desk, visits,  # type: ignore[no-untyped-def]
                                                                  tmp_path):
    sign_in_as(sqlite_desk, Role.CHAIRPERSON)
    earlier = sqlite_desk.chain_head()
    sqlite_desk.log_visit(sample_draft(sqlite_desk, citizen_name="Đỗ Thị Mai",
                                       id_number="037095003333", address_detail="Xóm Mới",
                                       birth_date=date(1995, 3, 4)))
    dialog = SettingsDialog(sqlite_desk, QSettings(str(tmp_path / "s.ini"),
                                                   QSettings.Format.IniFormat))
    qtbot.addWidget(dialog)
    dialog.resize(980, 520)
    dialog.show()
    tab = dialog.integrity_tab
    dialog.tabs.setCurrentWidget(tab)
    current = sqlite_desk.chain_head()
    assert tab.head_edit.text() == current != earlier and tab.head_edit.isReadOnly()
    tab.copy_button.click()
    assert QGuiApplication.clipboard().text() == current
    type_text(tab.earlier_edit, earlier.lower().replace("-", " ") + "\n")  # any case, spaces
    assert tab.result_label.text().startswith("Tìm thấy: dòng nhật ký số")
    assert dialog.grab().save(shot(tmp_path, "settings-chain-head.png"))
    tab.earlier_edit.setText("0000-0000-0001")
    assert tab.verify() is False and "Không có trong dữ liệu" in tab.result_label.text()
    tab.earlier_edit.setText("3F2A")
    assert tab.verify() is None


def test_the_visit_query_sees_what_the_desk_shows(sqlite_desk, visits):  # type: ignore[no-untyped-def]
    """The list's rows come masked from the services (no widget involved)."""
    sign_in_as(sqlite_desk, Role.ADMINISTRATOR)
    day = date(2026, 11, 27)
    rows = sqlite_desk.visit_page(VisitQuery(day, day), 0, 10)
    assert rows[0].identity_secret and rows[0].citizen_name == "***"
    assert rows[1].identity_masked and rows[1].id_number == "*********111"
