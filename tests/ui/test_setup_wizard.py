"""First-run wizard: keyboard only, from an empty database to an office that is set up."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QWizard

from reception_desk.i18n import set_language
from reception_desk.services.access.passwords import cheap_hasher
from reception_desk.services.desk import Desk
from reception_desk.services.office.dto import StaffRole
from reception_desk.storage.database import open_database
from reception_desk.ui.setup_wizard import NAME_COLUMN
from reception_desk.ui.setup_wizard import SetupWizard
from tests.ui.helpers import shot


def type_text(text: str) -> None:
    """One key event per character to whatever has focus (keyClicks aborts on non-ASCII)."""
    for ch in text:
        target = QApplication.focusWidget()
        assert target is not None
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, ch))


def key(qtbot, code: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, code, modifier)
    QApplication.processEvents()  # the delegate commits an edited cell through a queued call


@pytest.fixture(autouse=True)
def vietnamese():  # type: ignore[no-untyped-def]
    set_language("vi")
    yield


@pytest.fixture
def fresh_desk(tmp_path: Path, clock):  # type: ignore[no-untyped-def]
    desk = Desk(open_database(f"sqlite:///{tmp_path / 'fresh.sqlite3'}"), clock,
                hasher=cheap_hasher())
    yield desk
    desk.close()


@pytest.fixture
def wizard(qtbot, fresh_desk):  # type: ignore[no-untyped-def]
    w = SetupWizard(fresh_desk)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitExposed(w)
    return w


def _go_to_staff_page(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(wizard.province_page.picker.filter_edit, "ninh binh")
    key(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == SetupWizard.COMMUNE
    type_text("yên mô")
    key(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == SetupWizard.OFFICE
    key(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == SetupWizard.STAFF


def test_keyboard_only_run_sets_up_the_office(qtbot, wizard, fresh_desk, tmp_path):  # type: ignore[no-untyped-def]
    assert not fresh_desk.is_set_up()
    picker = wizard.province_page.picker
    assert picker.filter_edit.hasFocus()
    type_text("NINH BÌNH")
    assert picker.list.count() == 1
    assert picker.current_place().full_name == "Tỉnh Ninh Bình"
    wizard.grab().save(shot(tmp_path, "wizard-1-province.png"))
    key(qtbot, Qt.Key.Key_Return)

    assert wizard.currentId() == SetupWizard.COMMUNE
    communes = wizard.commune_page.picker
    assert communes.filter_edit.hasFocus()
    assert communes.list.count() == 129  # only Ninh Bình's communes
    qtbot.keyClicks(communes.filter_edit, "yen")
    names = [communes.list.item(i).text() for i in range(communes.list.count())]
    assert names[:2] == ["Xã Ý Yên", "Xã Yên Cường"] and "Xã Yên Mô" in names
    key(qtbot, Qt.Key.Key_Down)  # arrows move the list while the filter keeps focus
    assert communes.filter_edit.hasFocus()
    assert communes.current_place().full_name == "Xã Yên Cường"
    qtbot.keyClicks(communes.filter_edit, " mo")
    assert communes.current_place().full_name == "Xã Yên Mô"
    wizard.grab().save(shot(tmp_path, "wizard-2-commune.png"))
    key(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)

    assert wizard.currentId() == SetupWizard.OFFICE
    fields = wizard.office_page.fields
    assert fields.edits["superior_body"].text() == "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH"
    assert fields.edits["body_name"].text() == "ỦY BAN NHÂN DÂN XÃ YÊN MÔ"
    assert fields.edits["place_name"].text() == "Yên Mô"
    assert fields.edits["doc_symbol"].text() == "UBND"
    assert fields.edits["superior_body"].hasFocus()
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Tab)
    assert fields.edits["place_name"].hasFocus()
    key(qtbot, Qt.Key.Key_End)
    type_text(" huyện cũ")  # an edit the clerk makes
    wizard.grab().save(shot(tmp_path, "wizard-3-office.png"))
    key(qtbot, Qt.Key.Key_Return)

    assert wizard.currentId() == SetupWizard.STAFF
    table = wizard.staff_page.table
    assert table.hasFocus() and table.currentRow() == 0
    type_text("Trần Thị Thu")  # typing starts editing the name cell
    key(qtbot, Qt.Key.Key_Return)  # commits the cell
    key(qtbot, Qt.Key.Key_Down)
    type_text("Nguyễn Văn Hùng")
    key(qtbot, Qt.Key.Key_Return)
    wizard.grab().save(shot(tmp_path, "wizard-4-staff.png"))
    assert wizard.isVisible()
    key(qtbot, Qt.Key.Key_Return)  # the office and its staff are saved here

    assert wizard.currentId() == SetupWizard.ADMINISTRATOR
    assert fresh_desk.is_set_up() and not wizard.access.has_users()
    account = wizard.admin_page.fields
    assert account.username_edit.hasFocus()
    type_text("thu.tt")
    key(qtbot, Qt.Key.Key_Tab)
    assert account.display_name_edit.hasFocus()
    key(qtbot, Qt.Key.Key_Tab)
    assert account.staff_combo.hasFocus()
    key(qtbot, Qt.Key.Key_Down)  # the first staff member: the name follows
    assert account.display_name_edit.text() == "Nguyễn Văn Hùng"
    key(qtbot, Qt.Key.Key_Down)
    assert account.display_name_edit.text() == "Trần Thị Thu"
    key(qtbot, Qt.Key.Key_Tab)
    type_text("mật khẩu 2026")
    key(qtbot, Qt.Key.Key_Tab)
    type_text("mật khẩu 2025")
    key(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == SetupWizard.ADMINISTRATOR
    assert account.errors["repeat"].isVisible()
    assert "không khớp" in account.errors["repeat"].text()
    assert account.repeat_edit.hasFocus()
    type_text("mật khẩu 2026")  # the wrong text was selected: typing replaces it
    wizard.grab().save(shot(tmp_path, "wizard-5-administrator.png"))
    key(qtbot, Qt.Key.Key_Return)  # Finish

    assert wizard.result() == QWizard.DialogCode.Accepted
    assert fresh_desk.is_set_up()
    principal = wizard.principal
    assert principal is not None and principal.username == "thu.tt"
    assert principal.role.value == "administrator" and principal.display_name == "Trần Thị Thu"
    assert fresh_desk.actor.principal == principal
    office = fresh_desk.office()
    assert (office.province_code, office.commune_name) == (37, "Xã Yên Mô")
    assert office.place_name == "Yên Mô huyện cũ"
    staff = {s.full_name: (s.role, s.position) for s in fresh_desk.staff()}
    assert staff == {
        "Trần Thị Thu": (StaffRole.CLERK, "Công chức tiếp công dân"),
        "Nguyễn Văn Hùng": (StaffRole.CHAIR, "Chủ tịch UBND xã"),
    }


def test_missing_chair_is_refused_and_nothing_is_lost(qtbot, wizard, fresh_desk):  # type: ignore[no-untyped-def]
    _go_to_staff_page(qtbot, wizard)
    type_text("Trần Thị Thu")
    key(qtbot, Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == SetupWizard.STAFF
    assert wizard.staff_page.error_label.isVisible()
    assert "Chủ tịch" in wizard.staff_page.error_label.text()
    assert not fresh_desk.is_set_up() and fresh_desk.office() is None
    table = wizard.staff_page.table
    assert table.item(0, NAME_COLUMN).text() == "Trần Thị Thu"
    table.item(1, NAME_COLUMN).setText("Nguyễn Văn Hùng")
    table.setFocus()
    key(qtbot, Qt.Key.Key_Return)
    assert fresh_desk.is_set_up()


def test_empty_required_office_name_shows_error_next_to_field(qtbot, wizard):  # type: ignore[no-untyped-def]
    _go_to_staff_page(qtbot, wizard)
    wizard.back()
    fields = wizard.office_page.fields
    fields.edits["body_name"].clear()
    fields.edits["body_name"].setFocus()
    key(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == SetupWizard.OFFICE
    assert fields.errors["body_name"].isVisible()
    assert fields.edits["body_name"].hasFocus()
    assert fields.edits["superior_body"].text() == "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH"


def test_desk_refusal_returns_to_office_page(qtbot, wizard, fresh_desk):  # type: ignore[no-untyped-def]
    """The page only checks that the names are not empty; the desk cleans them first (control
    characters, as a paste from a PDF may carry, are dropped). A place name made only of those
    is refused by the desk at Finish: the wizard goes back to the office page with the message
    next to the field, saves no staff, and loses nothing that was typed."""
    qtbot.keyClicks(wizard.province_page.picker.filter_edit, "ninh binh")
    key(qtbot, Qt.Key.Key_Return)
    type_text("yên mô")
    key(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == SetupWizard.OFFICE
    place = wizard.office_page.fields.edits["place_name"]
    place.setText("\x07")  # pasted: not empty for the page, nothing for the desk
    place.setFocus()
    key(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == SetupWizard.STAFF
    wizard.staff_page.table.item(0, NAME_COLUMN).setText("Trần Thị Thu")
    wizard.staff_page.table.item(1, NAME_COLUMN).setText("Nguyễn Văn Hùng")
    wizard.button(QWizard.WizardButton.NextButton).click()  # the office is saved here
    assert wizard.currentId() == SetupWizard.OFFICE
    assert wizard.office_page.fields.errors["place_name"].isVisible()
    assert wizard.office_page.fields.errors["place_name"].text() == (
        "Chưa nhập địa danh ghi trên văn bản.")
    assert fresh_desk.staff() == [] and not fresh_desk.is_set_up()
    place.setText("Yên Mô")
    wizard.next()
    assert wizard.staff_page.table.item(0, NAME_COLUMN).text() == "Trần Thị Thu"
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert fresh_desk.is_set_up()
    office = fresh_desk.office()
    assert office is not None and office.place_name == "Yên Mô"
    assert wizard.currentId() == SetupWizard.ADMINISTRATOR


def test_weak_administrator_password_is_refused_next_to_the_field(qtbot, wizard, fresh_desk):  # type: ignore[no-untyped-def]
    _go_to_staff_page(qtbot, wizard)
    wizard.staff_page.table.item(0, NAME_COLUMN).setText("Trần Thị Thu")
    wizard.staff_page.table.item(1, NAME_COLUMN).setText("Nguyễn Văn Hùng")
    wizard.button(QWizard.WizardButton.NextButton).click()
    fields = wizard.admin_page.fields
    fields.username_edit.setText("x")
    fields.display_name_edit.setText("Quản trị")
    fields.password_edit.setText("ngắn")
    fields.repeat_edit.setText("ngắn")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.currentId() == SetupWizard.ADMINISTRATOR
    assert "ký tự" in fields.errors["username"].text()
    assert "ít nhất 8 ký tự" in fields.errors["password"].text()
    assert not wizard.access.has_users()
    fields.username_edit.setText("quantri")
    fields.password_edit.setText("đủ dài rồi 1")
    fields.repeat_edit.setText("đủ dài rồi 1")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.access.has_users()


def test_no_administrator_page_when_accounts_exist(qtbot, fresh_desk):  # type: ignore[no-untyped-def]
    from reception_desk.domain.access import Role
    from reception_desk.services.access.dto import NewUser

    access = fresh_desk.access
    access.create_first_administrator(NewUser("admin", "Quản trị", Role.ADMINISTRATOR,
                                              "mật khẩu 2026"))
    w = SetupWizard(fresh_desk, access)
    qtbot.addWidget(w)
    assert w.admin_page is None and w.principal is None
    assert SetupWizard.ADMINISTRATOR not in w.pageIds()
