"""Settings dialog: office, staff, fields and language edits go through the desk and persist."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtCore import QSettings
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QWidget

from reception_desk.domain.hotspots import HotspotPolicy
from reception_desk.domain.hotspots import Reason
from reception_desk.i18n import set_language
from reception_desk.services.office.dto import StaffRole
from reception_desk.ui.settings import LANGUAGE_KEY
from reception_desk.ui.settings import SettingsDialog
from reception_desk.ui.settings import field_code
from tests.ui.helpers import press
from tests.ui.helpers import shot


def _audit(desk, entity_id: str) -> list[tuple[str, object, object]]:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from reception_desk.storage.models import AuditEntry

    with desk.db.read() as s:
        return [(r.action, r.before, r.after) for r in s.scalars(
            select(AuditEntry).where(AuditEntry.entity_id == entity_id).order_by(AuditEntry.id))]


def type_text(widget: QWidget, text: str) -> None:
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, ch))


@pytest.fixture(autouse=True)
def vietnamese():  # type: ignore[no-untyped-def]
    set_language("vi")
    yield


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def dialog(qtbot, sqlite_desk, settings):  # type: ignore[no-untyped-def]
    d = SettingsDialog(sqlite_desk, settings)
    qtbot.addWidget(d)
    d.show()
    d.activateWindow()
    qtbot.waitExposed(d)
    return d


def _ok(d) -> None:  # type: ignore[no-untyped-def]
    d.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_office_names_are_saved(qtbot, dialog, sqlite_desk):  # type: ignore[no-untyped-def]
    tab = dialog.office_tab
    assert tab.fields.edits["body_name"].text() == sqlite_desk.office().body_name
    tab.fields.edits["place_name"].clear()
    type_text(tab.fields.edits["place_name"], "Bắc Lý")
    tab.fields.edits["doc_symbol"].clear()
    with qtbot.waitSignal(dialog.office_saved, raising=False, timeout=100) as blocker:
        tab.save_button.click()
    assert not blocker.signal_triggered
    assert tab.fields.errors["doc_symbol"].isVisible()
    assert tab.fields.edits["place_name"].text() == "Bắc Lý"  # nothing typed is lost
    type_text(tab.fields.edits["doc_symbol"], "UBND")
    with qtbot.waitSignal(dialog.office_saved):
        tab.save_button.click()
    assert sqlite_desk.office().place_name == "Bắc Lý"
    assert tab.status_label.text() == "Đã lưu."


def test_office_saved_elsewhere_meanwhile_is_refused_and_keeps_the_typed_names(
        qtbot, dialog, sqlite_desk):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    tab = dialog.office_tab
    sqlite_desk.save_office(replace(sqlite_desk.office(), doc_symbol="UBND-X"))  # another PC
    tab.fields.edits["place_name"].clear()
    type_text(tab.fields.edits["place_name"], "Bắc Lý")
    with qtbot.waitSignal(dialog.office_saved, raising=False, timeout=100) as blocker:
        tab.save_button.click()
    assert not blocker.signal_triggered
    assert "Quầy khác vừa lưu thiết lập “Cơ quan”" in tab.status_label.text()
    assert tab.fields.edits["place_name"].text() == "Bắc Lý"  # nothing typed is lost
    assert sqlite_desk.office().doc_symbol == "UBND-X"
    with qtbot.waitSignal(dialog.office_saved):  # saving again replaces, knowingly
        tab.save_button.click()
    assert sqlite_desk.office().place_name == "Bắc Lý"
    with qtbot.waitSignal(dialog.office_saved):  # and the tab follows its own saves
        tab.save_button.click()


def test_change_place_refills_names(qtbot, dialog, sqlite_desk):  # type: ignore[no-untyped-def]
    tab = dialog.office_tab
    tab.change_place_button.click()
    picker_dialog = tab.place_dialog
    assert picker_dialog is not None
    qtbot.keyClicks(picker_dialog.province_picker.filter_edit, "ha noi")
    qtbot.keyClicks(picker_dialog.commune_picker.filter_edit, "ba dinh")
    assert picker_dialog.codes() is not None
    _ok(picker_dialog)
    assert tab.fields.edits["body_name"].text() == "ỦY BAN NHÂN DÂN PHƯỜNG BA ĐÌNH"
    assert "Phường Ba Đình" in tab.place_label.text()
    tab.save_button.click()
    office = sqlite_desk.office()
    assert (office.commune_name, office.province_name) == ("Phường Ba Đình", "Thành phố Hà Nội")


def test_staff_add_edit_deactivate(qtbot, dialog, sqlite_desk):  # type: ignore[no-untyped-def]
    tab = dialog.staff_tab
    assert tab.table.rowCount() == 2
    tab.add_button.click()
    add = tab.dialog
    _ok(add)  # empty name is refused by the desk, next to the field
    assert add.isVisible() and add.errors["full_name"].isVisible()
    type_text(add.name_edit, "Lê Văn Tâm")
    type_text(add.position_edit, "Phó Chủ tịch UBND xã")
    add.role_combo.setCurrentIndex(add.role_combo.findData(StaffRole.VICE_CHAIR.value))
    with qtbot.waitSignal(dialog.staff_saved):
        _ok(add)
    people = {s.full_name: s for s in sqlite_desk.staff(include_inactive=True)}
    assert people["Lê Văn Tâm"].role is StaffRole.VICE_CHAIR
    assert tab.selected().full_name == "Lê Văn Tâm"

    tab.edit_button.click()
    edit = tab.dialog
    edit.position_edit.clear()
    type_text(edit.position_edit, "Phó Chủ tịch thường trực")
    _ok(edit)
    assert sqlite_desk.staff()[0].position  # still there
    people = {s.full_name: s for s in sqlite_desk.staff(include_inactive=True)}
    assert people["Lê Văn Tâm"].position == "Phó Chủ tịch thường trực"

    assert tab.toggle_button.text() == "&Ngừng hoạt động"
    tab.toggle_button.click()
    people = {s.full_name: s for s in sqlite_desk.staff(include_inactive=True)}
    assert not people["Lê Văn Tâm"].active
    assert "Lê Văn Tâm" not in {s.full_name for s in sqlite_desk.staff()}
    assert tab.table.rowCount() == 3  # inactive staff stay listed
    assert tab.toggle_button.text() == "&Kích hoạt lại"
    tab.toggle_button.click()
    assert "Lê Văn Tâm" in {s.full_name for s in sqlite_desk.staff()}


def test_fields_add_rename_sensitive_deactivate(qtbot, dialog, sqlite_desk):  # type: ignore[no-untyped-def]
    tab = dialog.fields_tab
    dialog.tabs.setCurrentWidget(tab)
    tab.select("pakn")
    tab.add_child_button.click()
    add = tab.dialog
    type_text(add.label_edit, "Nước sạch, vệ sinh")
    _ok(add)
    fields = {f.code: f for f in sqlite_desk.fields(include_inactive=True)}
    assert fields["pakn.nuoc_sach_ve_sinh"].label == "Nước sạch, vệ sinh"
    assert fields["pakn.nuoc_sach_ve_sinh"].parent_code == "pakn"
    assert tab.selected().code == "pakn.nuoc_sach_ve_sinh"

    tab.rename_button.click()
    rename = tab.dialog
    rename.label_edit.clear()
    type_text(rename.label_edit, "Nước sạch")
    _ok(rename)
    tab.sensitive_button.click()
    tab.toggle_button.click()
    entry = {f.code: f for f in sqlite_desk.fields(include_inactive=True)}[
        "pakn.nuoc_sach_ve_sinh"]
    assert (entry.label, entry.sensitive, entry.active) == ("Nước sạch", True, False)
    assert "pakn.nuoc_sach_ve_sinh" not in {f.code for f in sqlite_desk.fields()}
    assert field_code("Nước sạch", "pakn", {"pakn.nuoc_sach"}) == "pakn.nuoc_sach_2"


def test_language_is_stored_for_next_start(qtbot, dialog, settings):  # type: ignore[no-untyped-def]
    tab = dialog.language_tab
    assert tab.buttons["vi"].isChecked()
    with qtbot.waitSignal(dialog.language_changed) as blocker:
        tab.buttons["en"].click()
    assert blocker.args == ["en"]
    assert settings.value(LANGUAGE_KEY) == "en"
    reopened = SettingsDialog(dialog.office_tab._desk, settings)
    qtbot.addWidget(reopened)
    assert reopened.language_tab.buttons["en"].isChecked()


def test_hotspot_policy_edited_with_the_keyboard_saved_and_audited(qtbot, dialog, sqlite_desk):  # type: ignore[no-untyped-def]
    tab = dialog.hotspot_tab
    dialog.tabs.setCurrentWidget(tab)
    assert "không phải quy định pháp luật" in tab.policy_note.text()
    assert tab.policy_note.isVisible()
    assert tab.spins["long_running_days"].value() == 180
    assert tab.spins["repeat_window_days"].value() == 90
    assert all(check.isChecked() for check in tab.reason_checks.values())
    # The long-running threshold typed over, Tab on to the levels, and so on.
    tab.spins["long_running_days"].setFocus()
    tab.spins["long_running_days"].selectAll()
    type_text(tab.spins["long_running_days"], "120")
    tab.spins["crowd_threshold"].setFocus()
    tab.spins["crowd_threshold"].selectAll()
    type_text(tab.spins["crowd_threshold"], "7")
    tab.delegation_check.setChecked(False)
    tab.reason_checks[Reason.SENSITIVE_FIELD].setChecked(False)
    assert not tab.weight_spins[Reason.SENSITIVE_FIELD].isEnabled()
    tab.weight_spins[Reason.CROWD].setValue(6)
    with qtbot.waitSignal(dialog.hotspot_policy_saved):
        tab.save_button.click()
    policy = sqlite_desk.hotspots.policy()
    assert (policy.long_running_days, policy.crowd_threshold, policy.crowd_delegation) == (
        120, 7, False)
    assert Reason.SENSITIVE_FIELD not in policy.enabled
    assert policy.weight(Reason.CROWD) == 6
    assert sqlite_desk.crowd_threshold() == 7  # the visit form's crowd size follows
    assert tab.status_label.text() == "Đã lưu."
    [(action, _before, after)] = _audit(sqlite_desk, "hotspot_policy")
    assert action == "create" and after["long_running_days"] == 120
    assert after["basis"] == "local_policy"
    # Back to the defaults: filled in, saved only on request.
    tab.defaults_button.click()
    assert tab.spins["long_running_days"].value() == 180
    assert sqlite_desk.hotspots.policy().long_running_days == 120
    tab.save_button.click()
    assert sqlite_desk.hotspots.policy() == HotspotPolicy()
    assert [a for a, _b, _c in _audit(sqlite_desk, "hotspot_policy")] == ["create", "update"]


def test_refused_policy_value_is_explained_beside_its_field(qtbot, dialog, sqlite_desk):  # type: ignore[no-untyped-def]
    tab = dialog.hotspot_tab
    dialog.tabs.setCurrentWidget(tab)
    tab.spins["long_running_levels"].setValue(1)  # the commune alone is not "several levels"
    tab.spins["repeat_visits"].setValue(4)
    with qtbot.waitSignal(dialog.hotspot_policy_saved, raising=False, timeout=100) as blocker:
        assert not tab.save()
    assert not blocker.signal_triggered
    error = tab.errors["long_running_levels"]
    assert error.isVisible() and error.text() == "Nhập một số nguyên từ 2 đến 10."
    assert tab.spins["long_running_levels"].hasFocus()
    assert not tab.errors["long_running_days"].isVisible()
    assert sqlite_desk.hotspots.policy() == HotspotPolicy()  # nothing saved
    assert tab.spins["repeat_visits"].value() == 4  # nothing typed is lost
    assert _audit(sqlite_desk, "hotspot_policy") == []
    tab.spins["long_running_levels"].setValue(3)
    assert tab.save()
    assert not error.isVisible()
    assert sqlite_desk.hotspots.policy().repeat_visits == 4


def test_sensitive_fields_come_from_the_fields_tab(qtbot, dialog, sqlite_desk):  # type: ignore[no-untyped-def]
    tab = dialog.hotspot_tab
    dialog.tabs.setCurrentWidget(tab)
    text = tab.sensitive_label.text()
    assert "Lĩnh vực" in text and "Tôn giáo" in text and "Đất đai, nhà cửa" in text
    assert "Nước sạch" not in text
    tab.fields_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    assert dialog.tabs.currentWidget() is dialog.fields_tab
    assert dialog.fields_tab.tree.hasFocus()
    dialog.fields_tab.add_field("pakn", "Nước sạch", sensitive=True)
    assert "Nước sạch" in tab.sensitive_label.text()


def test_logbook_layout_setting_saved_and_audited(qtbot, dialog, sqlite_desk, settings):  # type: ignore[no-untyped-def]
    tab = dialog.logbook_tab
    dialog.tabs.setCurrentWidget(tab)
    assert tab.buttons["auto"].isChecked()
    assert "01/07/2026" in tab.buttons["auto"].text()
    tab.buttons["nd154_2026"].setChecked(True)
    with qtbot.waitSignal(dialog.logbook_layout_saved) as blocker:
        tab.save_button.click()
    assert blocker.args == ["nd154_2026"]
    assert sqlite_desk.documents.logbook_layout_setting() == "nd154_2026"
    assert tab.status_label.text() == "Đã lưu."
    assert _audit(sqlite_desk, "logbook_layout") == [("create", None, "nd154_2026")]
    reopened = SettingsDialog(sqlite_desk, settings)
    qtbot.addWidget(reopened)
    assert reopened.logbook_tab.buttons["nd154_2026"].isChecked()


def test_screenshots(qtbot, dialog, tmp_path):  # type: ignore[no-untyped-def]
    dialog.resize(1280, 800)
    names = ("office", "staff", "fields", "hotspots", "logbook", "attachments", "scanner",
             "language", "integrity", "dialogue", "reports", "duty")
    assert dialog.tabs.count() == len(names)
    for index, name in enumerate(names):
        dialog.tabs.setCurrentIndex(index)
        qtbot.wait(20)
        assert dialog.grab().save(shot(tmp_path, f"settings-{name}.png"))
    dialog.resize(980, 660)  # its own size: everything must fit there too
    dialog.tabs.setCurrentWidget(dialog.hotspot_tab)
    qtbot.wait(20)
    assert dialog.grab().save(shot(tmp_path, "settings-hotspots-default-size.png"))
