"""The composition root and the main window: start-up paths, drafts, pages, keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import text

from reception_desk.app import start
from reception_desk.i18n import set_language
from reception_desk.storage.database import Database
from reception_desk.ui.main_window import MainWindow
from reception_desk.ui.main_window import draft_store_for
from tests.conftest import make_desk
from tests.conftest import sample_draft
from tests.ui.helpers import first_administrator
from tests.ui.helpers import type_text


@pytest.fixture(autouse=True)
def _vietnamese():
    set_language("vi")



def test_start_opens_the_main_window_on_a_set_up_office(qtbot, office_db):
    window = start(["--database", str(office_db)], QApplication.instance(),
                   sign_in=first_administrator)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert "Xã" in window.windowTitle()
    assert window.tabs.currentWidget() is window.form
    assert window.desk.actor.name == "Quản trị viên"
    assert window.desk.actor.principal is not None
    assert window.staff_combo.isHidden()
    window.desk.close()


def test_start_stops_when_nobody_signs_in(qtbot, office_db):
    assert start(["--database", str(office_db)], QApplication.instance(),
                 sign_in=lambda access: None) is None


def test_too_new_database_is_refused_with_a_clear_message(qtbot, office_db, monkeypatch):
    db = Database(f"sqlite:///{office_db}")
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.dispose()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: shown.append(a[2]))
    assert start(["--database", str(office_db)], QApplication.instance()) is None
    assert shown and "mới hơn" in shown[0]


def test_corrupt_database_is_refused_with_a_clear_message(qtbot, tmp_path, monkeypatch):
    bad = tmp_path / "broken.sqlite3"
    bad.write_bytes(b"not a database" * 200)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: shown.append(a[2]))
    assert start(["--database", str(bad)], QApplication.instance()) is None
    assert shown and "cơ sở dữ liệu" in shown[0].lower()


def test_a_half_filled_form_survives_a_crash(qtbot, sqlite_desk, monkeypatch):
    window = MainWindow(sqlite_desk)
    qtbot.addWidget(window)
    window.show_form()
    window.form.set_draft(sample_draft(sqlite_desk, citizen_name="Đặng Thị Mỹ Dung"))
    window.form.changed.emit()
    qtbot.waitUntil(lambda: window.drafts.path.exists(), timeout=3000)
    # "Power cut": a new window on the same database finds the draft and offers it back.
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    again = MainWindow(sqlite_desk)
    qtbot.addWidget(again)
    assert again.offer_draft()
    assert again.form.draft().citizen_name == "Đặng Thị Mỹ Dung"
    assert again.form.draft().content == sample_draft(sqlite_desk).content


def test_saving_clears_the_draft_and_refreshes_the_logbook(qtbot, sqlite_desk):
    window = MainWindow(sqlite_desk)
    qtbot.addWidget(window)
    window.show()
    window.form.set_draft(sample_draft(sqlite_desk))
    window.save_draft_now()
    assert window.drafts.path.exists()
    assert window.form.save() is not None
    assert not window.drafts.path.exists()
    query = window.logbook.query
    assert query.date_from is not None
    assert sqlite_desk.count_visits(query) == 1
    assert window.logbook.table.model().rowCount() == 1


def test_a_save_waiting_for_another_counter_says_so_and_saves(qtbot, sqlite_desk):
    """Issue 11: the counter's save waits for another counter's write (an import batch) with
    "another counter is saving…" in the status bar, instead of failing."""
    import sqlite3
    import threading

    window = MainWindow(sqlite_desk)
    qtbot.addWidget(window)
    window.show()
    shown: list[str] = []
    status = window.statusBar()
    status.messageChanged.connect(shown.append)
    window.form.set_draft(sample_draft(sqlite_desk))
    holder = sqlite3.connect(sqlite_desk.db.url.removeprefix("sqlite:///"), isolation_level=None,
                             check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.8, holder.rollback)
    release.start()
    try:
        assert window.form.save() is not None
    finally:
        release.join()
        holder.close()
    assert "Quầy khác đang lưu… vui lòng chờ." in shown
    assert status.currentMessage() != "Quầy khác đang lưu… vui lòng chờ."  # gone after
    assert QApplication.overrideCursor() is None
    assert sqlite_desk.count_visits(window.logbook.query) == 1


def test_function_keys_switch_pages(qtbot, sqlite_desk):
    window = MainWindow(sqlite_desk)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_form()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F3)
    assert window.tabs.currentWidget() is window.logbook
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F2)
    assert window.tabs.currentWidget() is window.form
    assert window.form.isAncestorOf(QApplication.focusWidget())


def test_editing_an_old_visit_is_never_saved_as_a_draft(qtbot, sqlite_desk):
    visit, _ = sqlite_desk.log_visit(sample_draft(sqlite_desk))
    window = MainWindow(sqlite_desk)
    qtbot.addWidget(window)
    window.form.load_visit(visit.id)
    type_text(window.form.field_widget("notes"), "ghi chú")
    window.save_draft_now()
    assert not window.drafts.path.exists()


def test_drafts_are_kept_per_database(sqlite_desk, tmp_path, clock):
    other = make_desk(f"sqlite:///{tmp_path / 'other.sqlite3'}", clock)
    try:
        assert draft_store_for(other).path != draft_store_for(sqlite_desk).path
    finally:
        other.close()


def test_menus_open_search_print_and_verify(qtbot, sqlite_desk, monkeypatch):
    from reception_desk.ui.global_search import GlobalSearchDialog
    from reception_desk.ui.print_preview import PrintPreviewDialog
    from reception_desk.ui.verify_dialog import VerifyDialog

    sqlite_desk.log_visit(sample_draft(sqlite_desk))
    window = MainWindow(sqlite_desk)
    qtbot.addWidget(window)
    window.show()
    window.search_action.trigger()
    search = window.findChild(GlobalSearchDialog)
    assert search is not None and search.isVisible()
    search.close()
    window.print_logbook_action.trigger()
    previews = [w for w in QApplication.topLevelWidgets() if isinstance(w, PrintPreviewDialog)]
    assert previews and previews[-1].isVisible()
    previews[-1].close()
    opened: list[str] = []
    monkeypatch.setattr(VerifyDialog, "exec", lambda self: opened.append("verify") or 0)
    next(a for a in window.actions() if a.shortcut().toString() == "Ctrl+Shift+V").trigger()
    assert opened == ["verify"]


def test_cases_page_is_built_on_first_show_and_opens_a_case_from_a_visit(qtbot, sqlite_desk):
    from reception_desk.ui.cases import CasesPage

    visit, _ = sqlite_desk.log_visit(sample_draft(sqlite_desk))
    window = MainWindow(sqlite_desk)
    qtbot.addWidget(window)
    window.show()
    assert not window.cases_host.is_built()
    window.show_logbook()
    window.logbook.select_visit(visit.id)
    window.case_from_visit_action.trigger()
    assert window.cases_host.is_built() and isinstance(window.cases, CasesPage)
    assert window.tabs.currentWidget() is window.cases_host
    dialog = window.cases.new_case_dialog
    assert dialog.isVisible()
    dialog.close()


def test_hotspots_page_is_built_on_first_show(qtbot, sqlite_desk):
    from reception_desk.ui.hotspots import HotspotPage

    window = MainWindow(sqlite_desk)
    qtbot.addWidget(window)
    window.show()
    assert not window.hotspots_host.is_built()
    window.show_hotspots()
    assert isinstance(window.hotspots, HotspotPage)
    assert window.tabs.currentWidget() is window.hotspots_host


def test_a_draft_whose_visit_was_saved_before_the_crash_is_not_offered(qtbot, sqlite_desk,
                                                                      monkeypatch):
    window = MainWindow(sqlite_desk)
    qtbot.addWidget(window)
    window.form.set_draft(sample_draft(sqlite_desk, citizen_name="Đặng Thị Mỹ Dung"))
    window.save_draft_now()
    saved_draft = window.drafts.path.read_bytes()
    assert window.form.save() is not None
    # The crash came between the commit and clearing the draft: the old file is still there.
    window.drafts.path.write_bytes(saved_draft)
    asked: list[object] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Yes)
    again = MainWindow(sqlite_desk)
    qtbot.addWidget(again)
    assert not again.offer_draft()
    assert not asked and not again.drafts.path.exists()
    assert again.form.is_blank()
