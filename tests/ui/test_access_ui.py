"""Sign-in, lock, switch user, user management and reveal, driven from the keyboard offscreen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from reception_desk.config import OFFICE_TZ
from reception_desk.domain.access import Role
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.secrecy import IdentityField
from reception_desk.i18n import set_language
from reception_desk.services.access.dto import AccessPolicy
from reception_desk.services.access.dto import NewUser
from reception_desk.services.access.dto import RecordKind
from reception_desk.services.access.dto import RecordRef
from reception_desk.storage.models import AuditEntry
from reception_desk.storage.models import IdentityReveal
from reception_desk.ui.main_window import MainWindow
from reception_desk.ui.reveal_dialog import RevealDialog
from reception_desk.ui.reveal_dialog import WhoViewedDialog
from reception_desk.ui.session_guard import SessionGuard
from reception_desk.ui.sign_in import ChangePasswordDialog
from reception_desk.ui.sign_in import FirstAdministratorDialog
from reception_desk.ui.sign_in import SignInDialog
from reception_desk.ui.users_dialog import PasswordResetDialog
from reception_desk.ui.users_dialog import UserEditor
from reception_desk.ui.users_dialog import UsersDialog
from tests.conftest import sample_draft
from tests.ui.helpers import focused
from tests.ui.helpers import press
from tests.ui.helpers import tab
from tests.ui.helpers import type_text

ADMIN_PW = "quản trị 2026"
PW = "mật khẩu 123"


@pytest.fixture(autouse=True)
def _vietnamese():  # type: ignore[no-untyped-def]
    set_language("vi")


@pytest.fixture
def access(sqlite_desk):  # type: ignore[no-untyped-def]
    a = sqlite_desk.access
    a.create_first_administrator(NewUser("admin", "Quản trị viên", Role.ADMINISTRATOR, ADMIN_PW))
    a.sign_in("admin", ADMIN_PW)
    staff = {s.role.value: s for s in sqlite_desk.staff()}
    a.create_user(NewUser("thu", "Trần Thị Thu", Role.RECEIVING_CLERK, PW, staff["clerk"].id,
                          must_change_password=False))
    a.create_user(NewUser("hung", "Nguyễn Văn Hùng", Role.CHAIRPERSON, PW, staff["chair"].id,
                          must_change_password=False))
    a.sign_out()
    return a


def when_modal(kind: type[QWidget], act: Callable[[QWidget], None]) -> None:
    """Run ``act`` on the next modal dialog of ``kind`` once its ``exec`` loop runs and it has
    the keyboard; a failure inside closes the dialog (so ``exec`` returns) and is re-raised."""

    def ready(widget: QWidget | None) -> bool:
        return (isinstance(widget, kind) and widget.isActiveWindow()
                and widget.isAncestorOf(QApplication.focusWidget()))

    def attempt(tries: int = 200) -> None:
        widget = QApplication.activeModalWidget()
        if ready(widget):
            assert widget is not None
            try:
                act(widget)
            except BaseException:
                widget.close()
                raise
        elif tries:
            QTimer.singleShot(20, lambda: attempt(tries - 1))

    QTimer.singleShot(0, attempt)


def show(qtbot, widget: QWidget) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(widget.isActiveWindow)
    QApplication.processEvents()  # the focus follows the activation
    return widget


def back_to(qtbot, window: QWidget, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    """After a modal dialog closed: the offscreen platform does not give the activation back
    to the window below by itself (a desktop does)."""
    window.activateWindow()
    qtbot.waitUntil(widget.hasFocus)


# --- sign-in --------------------------------------------------------------------------------

def test_sign_in_from_the_keyboard(qtbot, access, sqlite_desk):  # type: ignore[no-untyped-def]
    dialog = show(qtbot, SignInDialog(access, "Xã Yên Phú"))
    assert dialog.username_edit.hasFocus()
    type_text(None, "thu")
    tab(qtbot)
    assert dialog.password_edit.hasFocus()
    assert dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Password
    type_text(None, PW)
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.principal.username == "thu"
    assert sqlite_desk.actor.name == "Trần Thị Thu"
    # Next time the name is remembered: the password has the focus.
    again = show(qtbot, SignInDialog(access))
    assert again.username_edit.text() == "thu" and again.password_edit.hasFocus()


def test_wrong_password_is_said_plainly_and_selected_for_retyping(qtbot, access):  # type: ignore[no-untyped-def]
    dialog = show(qtbot, SignInDialog(access))
    dialog.username_edit.setText("thu")
    dialog.password_edit.setFocus()
    type_text(None, "sai rồi")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.principal is None
    assert dialog.error_label.text() == "Sai tên đăng nhập hoặc mật khẩu."
    assert dialog.password_edit.hasFocus()
    assert dialog.password_edit.selectedText() == "sai rồi"


def test_lockout_message_names_the_time(qtbot, access, clock):  # type: ignore[no-untyped-def]
    access.sign_in("admin", ADMIN_PW)
    access.save_policy(AccessPolicy(10, 3, 15))
    access.sign_out()
    dialog = show(qtbot, SignInDialog(access))
    dialog.username_edit.setText("thu")
    for _ in range(3):
        dialog.password_edit.setText("sai rồi")
        dialog.password_edit.setFocus()
        press(qtbot, Qt.Key.Key_Return)
    text = dialog.error_label.text()
    assert "tạm khóa đến" in text and "quản trị viên đặt lại mật khẩu" in text
    until = (clock.moment + timedelta(minutes=15)).astimezone(OFFICE_TZ)
    assert until.strftime("%H:%M %d/%m/%Y") in text


def test_a_reset_password_must_be_changed_at_sign_in(qtbot, access):  # type: ignore[no-untyped-def]
    access.sign_in("admin", ADMIN_PW)
    thu = next(u for u in access.users() if u.username == "thu")
    access.reset_password(thu.id, "tạm thời 2026")
    access.sign_out()
    dialog = show(qtbot, SignInDialog(access))
    dialog.username_edit.setText("thu")
    dialog.password_edit.setText("tạm thời 2026")

    def choose(change: QWidget) -> None:
        assert isinstance(change, ChangePasswordDialog)
        assert not change.old_edit.isVisible() and change.new_edit.hasFocus()
        type_text(None, "riêng của Thu 1")
        tab(qtbot)
        type_text(None, "riêng của Thu 1")
        press(qtbot, Qt.Key.Key_Return)

    when_modal(ChangePasswordDialog, choose)
    dialog.password_edit.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.principal.must_change_password
    assert access.authenticate("thu", "riêng của Thu 1").username == "thu"


def test_first_administrator_dialog_on_a_database_without_accounts(qtbot, sqlite_desk):  # type: ignore[no-untyped-def]
    access = sqlite_desk.access

    def create(dialog: QWidget) -> None:
        assert isinstance(dialog, FirstAdministratorDialog)
        assert dialog.fields.username_edit.hasFocus()
        type_text(None, "quantri")
        tab(qtbot)
        type_text(None, "Lê Văn Quản")
        tab(qtbot, 2)  # past the staff member
        type_text(None, ADMIN_PW)
        tab(qtbot)
        type_text(None, ADMIN_PW)
        press(qtbot, Qt.Key.Key_Return)

    when_modal(FirstAdministratorDialog, create)
    assert not access.has_users()
    first = FirstAdministratorDialog(access)
    principal = first.principal if first.exec() else None
    assert principal is not None and principal.role is Role.ADMINISTRATOR
    assert principal.display_name == "Lê Văn Quản" and access.principal == principal


# --- lock, unlock, switch user -----------------------------------------------------------------

@pytest.fixture
def guarded(qtbot, access, sqlite_desk):  # type: ignore[no-untyped-def]
    access.sign_in("thu", PW)
    window = MainWindow(sqlite_desk)
    qtbot.addWidget(window)
    guard = SessionGuard(access)
    guard.attach(window)
    window.show()
    qtbot.waitExposed(window)
    yield window, guard
    guard.detach()


def test_the_screen_locks_after_the_idle_time_and_unlocks_with_the_password(qtbot, guarded):  # type: ignore[no-untyped-def]
    window, guard = guarded
    assert window.staff_combo.isHidden()
    assert "Trần Thị Thu" in guard.user_label.text()
    assert guard.watcher.idle_ms == 10 * 60_000  # the office default
    guard.watcher.set_idle_ms(150)
    guard.watcher.touch()
    qtbot.waitUntil(lambda: guard.locked, timeout=3000)
    lock = guard.lock_screen
    qtbot.waitUntil(lock.password_edit.hasFocus)
    assert lock.isFullScreen() and lock.password_edit.hasFocus()
    assert lock.windowModality() == Qt.WindowModality.ApplicationModal
    assert "Trần Thị Thu" in lock.who_label.text()
    assert lock.username_edit.isHidden()
    press(qtbot, Qt.Key.Key_Escape)  # Esc does not open it
    assert guard.locked
    type_text(None, "sai rồi")
    press(qtbot, Qt.Key.Key_Return)
    assert guard.locked and lock.error_label.text() == "Sai tên đăng nhập hoặc mật khẩu."
    type_text(None, PW)  # the wrong text is selected: typing replaces it
    press(qtbot, Qt.Key.Key_Return)
    assert not guard.locked
    assert window.desk.actor.name == "Trần Thị Thu"


def test_ctrl_l_locks_and_another_user_switches_in(qtbot, guarded, sqlite_desk):  # type: ignore[no-untyped-def]
    window, guard = guarded
    window.show_form()
    qtbot.keyClick(focused(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert guard.locked
    qtbot.waitUntil(guard.lock_screen.password_edit.hasFocus)
    qtbot.keyClick(focused(), Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    lock = guard.lock_screen
    assert lock.switching and lock.username_edit.hasFocus()
    type_text(None, "hung")
    tab(qtbot)
    type_text(None, PW)
    press(qtbot, Qt.Key.Key_Return)
    assert not guard.locked
    assert sqlite_desk.actor.name == "Nguyễn Văn Hùng"
    assert sqlite_desk.actor.principal.role is Role.CHAIRPERSON
    assert "Nguyễn Văn Hùng" in guard.user_label.text() and "Chủ tịch" in guard.user_label.text()
    assert not guard.users_action.isEnabled()  # a chairperson does not manage accounts
    visit, _ = sqlite_desk.log_visit(sample_draft(sqlite_desk))
    with sqlite_desk.db.read() as s:
        actor = s.scalar(select(AuditEntry.actor).where(AuditEntry.entity == "visit",
                                                        AuditEntry.entity_id == str(visit.id)))
    assert actor == "Nguyễn Văn Hùng"


# --- user management ----------------------------------------------------------------------------

def test_users_dialog_keyboard_only(qtbot, access):  # type: ignore[no-untyped-def]
    access.sign_in("admin", ADMIN_PW)
    dialog = show(qtbot, UsersDialog(access))
    panel = dialog.panel
    assert panel.table.hasFocus() and panel.table.rowCount() == 3

    def add(editor: QWidget) -> None:
        assert isinstance(editor, UserEditor)
        assert editor.fields.username_edit.hasFocus()
        type_text(None, "lan.pt")
        tab(qtbot)
        type_text(None, "Phạm Thị Lan")
        tab(qtbot, 2)  # staff member: none
        assert editor.fields.role_combo.hasFocus()
        press(qtbot, Qt.Key.Key_Down)  # Reception clerk -> Case handler
        tab(qtbot)
        type_text(None, PW)
        tab(qtbot)
        type_text(None, PW)
        press(qtbot, Qt.Key.Key_Return)

    when_modal(UserEditor, add)
    press(qtbot, Qt.Key.Key_Insert)
    back_to(qtbot, dialog, panel.table)
    lan = next(u for u in access.users() if u.username == "lan.pt")
    assert lan.role is Role.CASE_HANDLER and lan.must_change_password
    assert panel.selected_user().username == "lan.pt"
    assert "phải đặt mật khẩu mới" in panel.table.item(panel.table.currentRow(), 4).text()

    def promote(editor: QWidget) -> None:
        assert editor.fields.display_name_edit.hasFocus()
        tab(qtbot, 2)
        press(qtbot, Qt.Key.Key_Down)  # Case handler -> Chairperson
        press(qtbot, Qt.Key.Key_Return)

    when_modal(UserEditor, promote)
    press(qtbot, Qt.Key.Key_Return)  # Enter on a row edits it
    back_to(qtbot, dialog, panel.table)
    assert next(u for u in access.users() if u.username == "lan.pt").role is Role.CHAIRPERSON

    press(qtbot, Qt.Key.Key_Delete)  # deactivate
    assert not next(u for u in access.users() if u.username == "lan.pt").active
    assert panel.toggle_button.text().startswith("Sử dụng lạ")

    def reset(reset_dialog: QWidget) -> None:
        assert isinstance(reset_dialog, PasswordResetDialog)
        type_text(None, "mới tinh 2026")
        tab(qtbot)
        type_text(None, "mới tinh 2026")
        press(qtbot, Qt.Key.Key_Return)

    when_modal(PasswordResetDialog, reset)
    qtbot.keyClick(focused(), Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    with pytest.raises(Exception) as info:  # deactivated: the right password is refused
        access.authenticate("lan.pt", "mới tinh 2026")
    assert info.value.code == "auth.inactive"


def test_users_dialog_refusals_name_what_is_missing(qtbot, access):  # type: ignore[no-untyped-def]
    access.sign_in("admin", ADMIN_PW)
    dialog = show(qtbot, UsersDialog(access))
    panel = dialog.panel
    admin_row = next(r for r in range(panel.table.rowCount())
                     if panel.table.item(r, 0).text() == "admin")
    panel.table.selectRow(admin_row)
    panel.table.setFocus()
    press(qtbot, Qt.Key.Key_Delete)
    assert panel.error_label.text() == "Bạn không thể tự ngừng sử dụng tài khoản của mình."

    def demote(editor: QWidget) -> None:
        editor.fields.set_role(Role.INSPECTOR)
        editor.fields.display_name_edit.setFocus()
        press(qtbot, Qt.Key.Key_Return)
        assert editor.isVisible()
        assert "quản trị viên cuối cùng" in editor.fields.errors["role"].text()
        editor.reject()

    when_modal(UserEditor, demote)
    press(qtbot, Qt.Key.Key_Return)
    back_to(qtbot, dialog, panel.table)

    access.sign_in("thu", PW)
    refused = show(qtbot, UsersDialog(access))
    text = refused.panel.error_label.text()
    assert "Công chức tiếp công dân" in text and "“quản lý người dùng”" in text
    assert "Quản trị hệ thống" in text
    assert refused.panel.table.rowCount() == 0


# --- reveal and who viewed -----------------------------------------------------------------------

def _denunciation(desk):  # type: ignore[no-untyped-def]
    visit, _ = desk.log_visit(sample_draft(
        desk, petition_type=PetitionType.DENUNCIATION, field_code=None,
        content="Tố cáo cán bộ địa chính thu tiền trái quy định."))
    return visit


def test_reveal_with_a_reason_shows_the_identity_and_is_recorded(qtbot, access, sqlite_desk):  # type: ignore[no-untyped-def]
    visit = _denunciation(sqlite_desk)
    access.sign_in("hung", PW)
    ref = RecordRef(RecordKind.VISIT, visit.id)
    dialog = show(qtbot, RevealDialog(access, ref))
    name = dialog.identity_view.values[IdentityField.NAME]
    assert name.text() == "(giữ bí mật)"
    assert dialog.identity_view.values[IdentityField.ID_NUMBER].text() == "(giữ bí mật)"
    assert dialog.reason_edit.hasFocus() and dialog.viewers.rowCount() == 0
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.error_label.text() == "Ghi rõ lý do cần xem danh tính này."
    type_text(None, "Mời người tố cáo đến bổ sung chứng cứ")
    press(qtbot, Qt.Key.Key_Return)
    assert name.text() == "Nguyễn Văn Đức"
    assert dialog.identity_view.values[IdentityField.ID_NUMBER].text() == "037085001234"
    assert dialog.revealed_label.isVisible() and dialog.viewers.rowCount() == 1
    assert "Nguyễn Văn Hùng (hung)" in dialog.viewers.item(0, 1).text()
    with sqlite_desk.db.read() as s:
        reason = s.scalar(select(IdentityReveal.reason))
        audit = s.scalar(select(AuditEntry.actor).where(
            AuditEntry.action == "reveal_identity"))
    assert reason == "Mời người tố cáo đến bổ sung chứng cứ" and audit == "Nguyễn Văn Hùng"
    who = show(qtbot, WhoViewedDialog(access, ref))
    assert who.viewers.rowCount() == 1 and not who.error_label.isVisible()


def test_a_clerk_is_refused_with_the_missing_right_named(qtbot, access, sqlite_desk):  # type: ignore[no-untyped-def]
    visit = _denunciation(sqlite_desk)
    access.sign_in("thu", PW)
    ref = RecordRef(RecordKind.VISIT, visit.id)
    dialog = show(qtbot, RevealDialog(access, ref))
    assert not dialog.viewers_box.isVisible()
    type_text(None, "Cần liên hệ lại với người tố cáo")
    press(qtbot, Qt.Key.Key_Return)
    text = dialog.error_label.text()
    assert "Công chức tiếp công dân" in text and "“xem danh tính người tố cáo”" in text
    assert "Chủ tịch, Phó Chủ tịch" in text
    assert dialog.identity_view.values[IdentityField.NAME].text() == "(giữ bí mật)"
    with sqlite_desk.db.read() as s:
        assert s.scalar(select(IdentityReveal)) is None
    who = show(qtbot, WhoViewedDialog(access, ref))
    assert "“xem ai đã xem danh tính”" in who.error_label.text()


# --- words -------------------------------------------------------------------------------------

def test_every_access_message_reads_in_vietnamese_with_its_values():
    import re
    from datetime import UTC
    from datetime import date
    from datetime import datetime

    from reception_desk.errors import UserError
    from reception_desk.texts import message_for as access_message
    from reception_desk.texts.access import MESSAGES

    values = dict(role="inspector", permission="reveal_identity",
                  allowed_roles="chairperson,vice_chair", min=8, max=60, username="thu",
                  until=datetime(2026, 11, 27, 2, 45, tzinfo=UTC),
                  reception_date=date(2026, 11, 2), env="RECEPTION_DESK_PASSWORD",
                  administrators="quantri")
    for code in MESSAGES:
        text = access_message(UserError(code, **values))
        assert text and not re.search(r"\{\w+\}", text), code
    denied = access_message(UserError("access.denied", **values))
    assert denied == ("Vai trò của bạn (Thanh tra, kiểm tra (chỉ xem)) không có quyền “xem danh "
                      "tính người tố cáo”. Các vai trò có quyền này: Chủ tịch, Phó Chủ tịch.")
    assert "09:45 27/11/2026" in access_message(UserError("auth.locked", **values))
    assert access_message(UserError("text.too_long", max=500, actual=501)).startswith("Quá dài")
