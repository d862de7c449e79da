"""Issue 11 item 2 for the settings dialogs that save a whole setting at once (backups, the
sign-in policy, the deadline rule table, attached files): each reads the setting's version with
what it shows; a save from that read after another counter saved is refused
(``setting.changed_elsewhere``), nothing of the other counter's values is overwritten, what was
typed stays, and saving again knowingly replaces them. Two desks on one SQLite file."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings

from reception_desk.domain.access import Role
from reception_desk.i18n import set_language
from reception_desk.services.access.dto import AccessPolicy
from reception_desk.services.access.dto import NewUser
from reception_desk.services.access.passwords import cheap_hasher
from reception_desk.services.attachments.dto import AttachmentSettings
from reception_desk.services.attachments.settings import SETTINGS_KEY
from reception_desk.services.cases.dto import RuleEdit
from reception_desk.services.desk import Desk
from reception_desk.services.office.backup import SETTING_KEY
from reception_desk.services.office.backup import BackupPolicy
from reception_desk.services.office.backup import Backups
from reception_desk.services.office.rules import RULES_KEY
from reception_desk.storage.database import open_database
from reception_desk.ui.backup_dialog import BackupDialog
from reception_desk.ui.calendar_dialog import CalendarDialog
from reception_desk.ui.settings.attachments import AttachmentsTab
from reception_desk.ui.users_dialog import UsersDialog
from tests.conftest import Clock
from tests.conftest import sign_in_as

REFUSED = "Another counter has just saved the setting"
ADMIN_PW = "mật khẩu quản trị 1"


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def other(sqlite_desk: Desk) -> Iterator[Desk]:
    """A second counter: its own Desk (own engine) on the same database file."""
    second = Desk(open_database(sqlite_desk.db.url), Clock(), hasher=cheap_hasher())
    second.act_as(sqlite_desk.staff()[0])
    yield second
    second.close()


def test_backup_policy_saved_from_a_stale_read_is_refused(qtbot, sqlite_desk, other, tmp_path):
    dialog = BackupDialog(sqlite_desk, settings=QSettings(str(tmp_path / "s.ini"),
                                                          QSettings.Format.IniFormat))
    qtbot.addWidget(dialog)
    theirs = Backups(other)
    theirs.save_policy(BackupPolicy(keep=9), theirs.policy_version())
    dialog.keep_spin.setValue(5)
    dialog.save_policy_button.click()
    assert REFUSED in dialog.last_error and "Backups" in dialog.last_error
    assert Backups(sqlite_desk).policy().keep == 9  # the other counter's save stands
    assert dialog.keep_spin.value() == 5  # what was typed stays
    dialog.last_error = ""
    dialog.save_policy_button.click()  # again, knowingly
    assert dialog.last_error == ""
    assert Backups(sqlite_desk).policy().keep == 5
    assert sqlite_desk.setting_version(SETTING_KEY) == 2
    dialog.keep_spin.setValue(6)  # its own save moved its version on: no refusal
    dialog.save_policy_button.click()
    assert dialog.last_error == "" and Backups(other).policy().keep == 6


def test_sign_in_policy_saved_from_a_stale_read_is_refused(qtbot, sqlite_desk, other):
    access = sqlite_desk.access
    access.create_first_administrator(NewUser("admin", "Quản trị viên", Role.ADMINISTRATOR,
                                              ADMIN_PW))
    access.sign_in("admin", ADMIN_PW)
    dialog = UsersDialog(access)
    qtbot.addWidget(dialog)
    panel = dialog.panel
    other.access.sign_in("admin", ADMIN_PW)
    other.access.save_policy(AccessPolicy(max_failed_attempts=7), other.access.policy_version())
    panel.policy_spins["max_failed_attempts"].setValue(4)
    panel.save_policy()
    assert REFUSED in panel.error_label.text()
    assert access.policy().max_failed_attempts == 7
    assert panel.policy_spins["max_failed_attempts"].value() == 4
    panel.save_policy()
    assert access.policy().max_failed_attempts == 4


def _editable_row(dialog: CalendarDialog) -> int:
    return next(row for row, view in enumerate(dialog._rules) if view.editable)


def test_deadline_rules_saved_from_a_stale_read_are_refused(qtbot, sqlite_desk, other):
    dialog = CalendarDialog(sqlite_desk)
    qtbot.addWidget(dialog)
    row = _editable_row(dialog)
    dialog.rule_table.setCurrentCell(row, 0)
    rule = dialog._rules[row]
    other.cases.save_rule(RuleEdit(kind=rule.kind, valid_from=rule.valid_from, days=40,
                                   unit=rule.unit, note="Công văn 1/UBND"),
                          other.setting_version(RULES_KEY))
    dialog.days_spin.setValue(50)
    dialog.reason_edit.setText("Công văn 2/UBND")
    assert not dialog.save_rule()
    assert REFUSED in dialog.status_label.text()
    theirs = next(v for v in sqlite_desk.cases.rule_views()
                  if (v.kind, v.valid_from) == (rule.kind, rule.valid_from))
    assert (theirs.days, theirs.note) == (40, "Công văn 1/UBND")
    assert dialog.days_spin.value() == 50 and dialog.reason_edit.text() == "Công văn 2/UBND"
    assert dialog.save_rule()  # again, knowingly
    ours = next(v for v in sqlite_desk.cases.rule_views()
                if (v.kind, v.valid_from) == (rule.kind, rule.valid_from))
    assert (ours.days, ours.note) == (50, "Công văn 2/UBND")
    # Back to the statutory figures from a stale read: refused too, the figures stay.
    dialog.rule_table.setCurrentCell(row, 0)
    other.cases.save_rule(RuleEdit(kind=rule.kind, valid_from=rule.valid_from, days=45,
                                   unit=rule.unit, note="Công văn 3/UBND"))
    dialog.reset_rule_button.click()
    assert REFUSED in dialog.status_label.text()
    assert next(v for v in sqlite_desk.cases.rule_views()
                if (v.kind, v.valid_from) == (rule.kind, rule.valid_from)).days == 45


def test_attachment_settings_saved_from_a_stale_read_are_refused(qtbot, sqlite_desk, other,
                                                                 tmp_path):
    sign_in_as(sqlite_desk, Role.ADMINISTRATOR)  # the attachment settings check the account
    sign_in_as(other, Role.ADMINISTRATOR)
    tab = AttachmentsTab(sqlite_desk)
    qtbot.addWidget(tab)
    other.attachments.save_settings(AttachmentSettings(30, str(tmp_path)),
                                    other.setting_version(SETTINGS_KEY))
    tab.limit_spin.setValue(12)
    assert not tab.save()
    assert REFUSED in tab.error_label.text() and "Attached files" in tab.error_label.text()
    assert sqlite_desk.attachments.settings() == AttachmentSettings(30, str(tmp_path))
    assert tab.limit_spin.value() == 12 and tab.folder_edit.text() == ""
    assert tab.save()  # again, knowingly
    assert sqlite_desk.attachments.settings() == AttachmentSettings(12, "")
    tab.limit_spin.setValue(15)
    assert tab.save()
    assert other.attachments.settings().limit_mb == 15


def test_staff_edited_from_a_stale_read_is_refused_keeping_what_was_typed(qtbot, sqlite_desk,
                                                                         other):
    from reception_desk.ui.settings.staff import StaffTab

    tab = StaffTab(sqlite_desk)
    qtbot.addWidget(tab)
    tab.reload()
    person = tab.selected()
    assert person is not None
    dialog = tab.open_dialog(person)
    theirs = next(p for p in other.staff() if p.id == person.id)
    other.save_staff(theirs.full_name, "Phó Chủ tịch", theirs.role, staff_id=theirs.id,
                     expected_version=theirs.version)
    dialog.position_edit.setText("Văn thư")
    dialog._on_buttons_accepted()
    assert "Another counter has just changed this staff member" in dialog.error_label.text()
    assert dialog.isVisible() and dialog.position_edit.text() == "Văn thư"
    assert next(p for p in sqlite_desk.staff() if p.id == person.id).position == "Phó Chủ tịch"
    dialog._on_buttons_accepted()  # again, knowingly
    qtbot.waitUntil(lambda: tab.dialog is None)  # closed (and deleted) once saved
    assert next(p for p in sqlite_desk.staff() if p.id == person.id).position == "Văn thư"
    # Deactivating from a list another counter changed since: refused, the list reloaded.
    stale = tab.selected()
    assert stale is not None
    other.save_staff(stale.full_name, "Chủ tịch", stale.role, staff_id=stale.id,
                     expected_version=stale.version)
    assert not tab.set_active(stale, False)
    assert "Another counter" in tab.error_label.text()
    now = next(p for p in sqlite_desk.staff(include_inactive=True) if p.id == stale.id)
    assert now.active and now.position == "Chủ tịch"
    assert tab.selected() == now  # the list shows it as it is now
    assert tab.set_active(now, False)


def test_a_field_renamed_from_a_stale_read_is_refused_keeping_what_was_typed(qtbot,
                                                                             sqlite_desk, other):
    from dataclasses import replace

    from PySide6.QtWidgets import QDialog

    from reception_desk.ui.settings.taxonomy import FieldDialog
    from reception_desk.ui.settings.taxonomy import FieldsTab

    tab = FieldsTab(sqlite_desk)
    qtbot.addWidget(tab)
    tab.reload()
    entry = tab.selected()
    assert entry is not None and entry.version is not None
    # Not through tab.open_dialog: a rename accepted in a window-modal dialog that deletes
    # itself on close crashes the offscreen test run as it ends (on main too, unrelated).
    dialog = FieldDialog(tab, entry, entry.parent_code)
    qtbot.addWidget(dialog)
    dialog.show()
    theirs = next(f for f in other.fields() if f.code == entry.code)
    other.save_field(replace(theirs, label="Tên ở quầy 2"))
    dialog.label_edit.setText("Tên ở quầy 1")
    dialog._on_buttons_accepted()
    assert "Another counter has just changed this field" in dialog.error_label.text()
    assert dialog.isVisible() and dialog.label_edit.text() == "Tên ở quầy 1"
    assert next(f for f in sqlite_desk.fields() if f.code == entry.code).label == "Tên ở quầy 2"
    dialog._on_buttons_accepted()  # again, knowingly
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert next(f for f in sqlite_desk.fields() if f.code == entry.code).label == "Tên ở quầy 1"


def test_a_calendar_day_saved_from_a_stale_read_is_refused_then_saved_knowingly(
        qtbot, sqlite_desk, other):
    from datetime import date

    from reception_desk.domain.calendar import OverrideKind

    dialog = CalendarDialog(sqlite_desk)
    qtbot.addWidget(dialog)
    day = date(2026, 12, 31)
    other.cases.set_override(day, OverrideKind.WORKING_DAY, "Làm bù", expected=None)
    dialog.day_edit.setText("31/12/2026")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(OverrideKind.DAY_OFF))
    dialog.note_edit.setText("Nghỉ bù")
    assert not dialog.add_override()
    assert "Another counter has just changed the office's entry" in dialog.status_label.text()
    theirs = next(o for o in sqlite_desk.cases.overrides() if o.day == day)
    assert theirs.kind is OverrideKind.WORKING_DAY
    assert dialog.overrides_read[day].kind is OverrideKind.WORKING_DAY  # read again
    assert dialog.add_override()  # again, knowingly
    ours = next(o for o in sqlite_desk.cases.overrides() if o.day == day)
    assert (ours.kind, ours.note) == (OverrideKind.DAY_OFF, "Nghỉ bù")
