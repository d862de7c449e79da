"""The window greys out what the signed-in role may not do, says which right is missing, and
follows a quick switch of user (the services decide: ``desk.access.can``)."""

from __future__ import annotations

import pytest

from reception_desk.domain.access import Role
from reception_desk.i18n import set_language
from reception_desk.services.access.dto import NewUser
from reception_desk.ui.main_window import MainWindow
from reception_desk.ui.session_guard import SessionGuard
from tests.conftest import sample_draft

ADMIN_PW = "quản trị 2026"
PW = "mật khẩu 123"


@pytest.fixture(autouse=True)
def _vietnamese():  # type: ignore[no-untyped-def]
    set_language("vi")


@pytest.fixture
def window(qtbot, sqlite_desk):  # type: ignore[no-untyped-def]
    """The inspector's window, over a logbook with one visit (logged by the system)."""
    sqlite_desk.log_visit(sample_draft(sqlite_desk))
    a = sqlite_desk.access
    a.create_first_administrator(NewUser("admin", "Quản trị viên", Role.ADMINISTRATOR, ADMIN_PW))
    a.sign_in("admin", ADMIN_PW)
    staff = {s.role.value: s for s in sqlite_desk.staff()}
    a.create_user(NewUser("thu", "Trần Thị Thu", Role.RECEIVING_CLERK, PW, staff["clerk"].id,
                          must_change_password=False))
    a.create_user(NewUser("tra", "Lê Văn Tra", Role.INSPECTOR, PW,
                          must_change_password=False))
    a.sign_in("tra", PW)
    win = MainWindow(sqlite_desk)
    qtbot.addWidget(win)
    guard = SessionGuard(a)
    guard.attach(win)
    win.show()
    qtbot.waitExposed(win)
    win.show_logbook()
    qtbot.waitUntil(lambda: win.logbook.model.rowCount() == 1)
    win.logbook.select_visit(win.logbook.model.id_at(0))
    yield win, guard
    guard.detach()


def _switch_to(guard: SessionGuard, username: str) -> None:
    """Account ▸ Switch user at the counter (the lock screen's keyboard flow is tested in
    test_access_ui; here what matters is what the window allows afterwards)."""
    guard.switch_user()
    lock = guard.lock_screen
    assert lock is not None and guard.locked and lock.switching
    lock.username_edit.setText(username)
    lock.password_edit.setText(PW)
    lock.submit()
    assert not guard.locked


def test_the_inspectors_window_greys_out_logging_and_editing_and_a_clerks_does_not(
        qtbot, window):  # type: ignore[no-untyped-def]
    win, guard = window
    form, book = win.form, win.logbook
    # The inspector reads, prints and checks: logging and editing are greyed out, with why.
    assert not win.new_visit_action.isEnabled()
    assert not form._save_button.isEnabled()
    assert all(not s.isEnabled() for s in form._save_shortcuts)
    tip = form._save_button.toolTip()
    assert "“ghi sổ tiếp công dân”" in tip and "Thanh tra" in tip
    assert "Công chức tiếp công dân" in tip
    assert not book.void_button.isEnabled() and not book.void_action.isEnabled()
    assert "“sửa, hủy lượt tiếp”" in book.void_button.toolTip()
    assert not book.receipt_action.isEnabled() and not form._print_button.isEnabled()
    for action in (win.export_action, win.import_action, win.settings_action,
                   win.backup_action, win.merge_action, win.case_from_visit_action):
        assert not action.isEnabled(), action.text()
        assert action.statusTip() == action.toolTip() != ""
    # … but the logbook, the search, the cases, the hotspots and printing the logbook are hers.
    assert win.tabs.isTabEnabled(win.tabs.indexOf(win.logbook))
    assert win.search_action.isEnabled() and win.print_logbook_action.isEnabled()
    assert win.hotspots_action.isEnabled()
    assert win.tabs.isTabEnabled(win.tabs.indexOf(win.hotspots_host))
    assert book.open_button.isEnabled() and book.documents_button.isEnabled()

    # A quick switch to the clerk at the same counter: her rights, at once.
    _switch_to(guard, "thu")
    assert win.desk.actor.principal.role is Role.RECEIVING_CLERK
    assert win.new_visit_action.isEnabled() and form._save_button.isEnabled()
    assert form._save_button.toolTip() == ""
    assert all(s.isEnabled() for s in form._save_shortcuts)
    assert book.void_button.isEnabled() and book.void_action.isEnabled()
    assert book.receipt_action.isEnabled() and form._print_button.isEnabled()
    assert win.case_from_visit_action.isEnabled() and win.merge_action.isEnabled()
    # Not hers: exchange files, settings, backups and the hotspot list.
    for action in (win.export_action, win.import_action, win.settings_action,
                   win.backup_action, win.hotspots_action):
        assert not action.isEnabled(), action.text()
    hotspots = win.tabs.indexOf(win.hotspots_host)
    assert not win.tabs.isTabEnabled(hotspots)
    assert "“xem điểm nóng và báo cáo tuần”" in win.tabs.tabToolTip(hotspots)

    # Back to the inspector: greyed out again.
    _switch_to(guard, "tra")
    assert not win.new_visit_action.isEnabled() and not form._save_button.isEnabled()
    assert not book.void_button.isEnabled()


def test_editing_a_saved_visit_needs_the_right_to_edit(qtbot, window):  # type: ignore[no-untyped-def]
    win, guard = window
    _switch_to(guard, "thu")
    visit = win.logbook.selected_visit()
    assert win.form.load_visit(visit.id)
    assert win.form._save_button.isEnabled()
    win.form.clear_form()
    assert win.form._save_button.isEnabled()
    _switch_to(guard, "tra")
    assert win.form.load_visit(visit.id)  # she may read it in the form …
    assert not win.form._save_button.isEnabled()  # … not save it
    assert "“sửa, hủy lượt tiếp”" in win.form._save_button.toolTip()


def test_the_documents_of_a_visit_are_listed_for_the_inspector_but_not_reprinted(
        qtbot, window):  # type: ignore[no-untyped-def]
    from reception_desk.ui.documents_dialogs import IssuedDocumentsDialog

    win, guard = window
    visit = win.logbook.selected_visit()
    win.desk.act_for(None)  # the system issues a receipt first
    win.desk.documents.issue_receipt(visit.id)
    _switch_to(guard, "tra")
    dialog = IssuedDocumentsDialog(win.desk, visit.id, win)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    for target in (dialog.reprint_button, dialog.reprint_action, dialog.receipt_button,
                   dialog.transfer_button):
        assert not target.isEnabled()
    assert "“lập giấy biên nhận, thông báo, phiếu”" in dialog.reprint_button.toolTip()
    _switch_to(guard, "thu")
    assert dialog.reprint_button.isEnabled() and dialog.reprint_action.isEnabled()
    assert dialog.receipt_button.isEnabled()


def test_a_case_handlers_print_button_is_grey_on_a_new_visit(qtbot, window):  # type: ignore[no-untyped-def]
    """Ctrl+P saves a new visit before printing it: a case handler may issue documents but not
    log visits, so the services would refuse; the button and Ctrl+P say why instead."""
    win, guard = window
    a = win.desk.access
    a.sign_in("admin", ADMIN_PW)
    a.create_user(NewUser("xuly", "Đỗ Văn Lý", Role.CASE_HANDLER, PW, must_change_password=False))
    _switch_to(guard, "xuly")
    form = win.form
    form.clear_form()
    assert not form._print_button.isEnabled() and not form._print_shortcut.isEnabled()
    assert "“ghi sổ tiếp công dân”" in form._print_button.toolTip()
    # An opened visit, unchanged, is only printed (a copy of its receipt): allowed.
    visit = win.logbook.selected_visit()
    assert form.load_visit(visit.id)
    assert form._print_button.isEnabled()
    _switch_to(guard, "thu")  # the clerk logs visits: her new form prints
    form.clear_form()
    assert form._print_button.isEnabled() and form._print_shortcut.isEnabled()
