"""The main window: the visit form and the logbook as pages, menus, the acting staff member."""

from __future__ import annotations

import hashlib
import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtCore import QSettings
from PySide6.QtCore import Qt
from PySide6.QtCore import QThread
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QAction
from PySide6.QtGui import QCloseEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMainWindow
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QProgressDialog
from PySide6.QtWidgets import QStackedWidget
from PySide6.QtWidgets import QTabWidget
from PySide6.QtWidgets import QWidget

from reception_desk import __version__
from reception_desk.domain.access import Permission
from reception_desk.domain.access import Principal
from reception_desk.errors import KnownError
from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.paths import user_data_dir
from reception_desk.services.context import Changes
from reception_desk.services.desk import Desk
from reception_desk.services.visits.drafts import DraftStore
from reception_desk.texts import message_for
from reception_desk.ui.changes import FIELDS
from reception_desk.ui.changes import HOTSPOT_POLICY
from reception_desk.ui.changes import OFFICE
from reception_desk.ui.changes import announce
from reception_desk.ui.changes import change_feed
from reception_desk.ui.lazy_page import LazyPage
from reception_desk.ui.logbook import LogbookPage
from reception_desk.ui.remembered import remember
from reception_desk.ui.rights import Rights
from reception_desk.ui.rights import Tab
from reception_desk.ui.timers import single_shot_timer
from reception_desk.ui.visit_form import VisitForm

if TYPE_CHECKING:
    from reception_desk.ui.cases import CasesPage
    from reception_desk.ui.hotspots import HotspotPage

log = logging.getLogger(__name__)

DRAFT_DELAY_MS = 800


def draft_store_for(desk: Desk) -> DraftStore:
    """One draft file per database, so two offices' databases never mix their drafts."""
    digest = hashlib.sha1(desk.location.encode("utf-8")).hexdigest()[:12]
    return DraftStore(user_data_dir() / "drafts" / f"visit-{digest}.json")


class _Worker(QObject):
    """Runs one blocking service call off the UI thread."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, job: object) -> None:
        super().__init__()
        self._job = job

    @Slot()
    def run(self) -> None:
        try:
            self.finished.emit(self._job())  # type: ignore[operator]
        except (UserError, KnownError, OSError) as exc:
            self.failed.emit(exc)


class MainWindow(QMainWindow):
    def __init__(self, desk: Desk, drafts: DraftStore | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.drafts = drafts or draft_store_for(desk)
        self._threads: list[tuple[QThread, _Worker]] = []
        self._search: QDialog | None = None
        self._set_title()

        self.tabs = QTabWidget(self)
        # The pages are made in the tabs' own stack: adding them re-parents nothing (issue 17:
        # moving a built form under the tabs restyled each of its widgets again, ~70 ms).
        stack = self.tabs.findChild(QStackedWidget, "qt_tabwidget_stackedwidget") or self
        self.form = VisitForm(desk, stack)
        self.logbook = LogbookPage(desk, parent=stack)
        self.tabs.addTab(self.form, _("&Reception (F2)"))
        self.tabs.addTab(self.logbook, _("&Logbook (F3)"))
        # Pages that read every open case are built when first shown, so start-up stays fast
        # on a large database.
        self.cases_host = LazyPage(self._build_cases_page, stack)
        self.tabs.addTab(self.cases_host, _("&Cases (F4)"))
        self.hotspots_host = LazyPage(self._build_hotspots_page, stack)
        self.tabs.addTab(self.hotspots_host, _("&Hotspots (F6)"))
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.setCentralWidget(self.tabs)

        self._draft_timer = single_shot_timer(self, DRAFT_DELAY_MS, self._on_draft_timer_timeout)

        self.form.visit_logged.connect(self._on_form_visit_logged)
        self.form.visit_updated.connect(self._on_form_visit_logged)
        self.form.changed.connect(self._on_form_changed)
        self.logbook.visit_open_requested.connect(self._on_logbook_visit_open_requested)
        change_feed(desk).changed.connect(self._on_changes)
        self._build_menus()
        self._gate_actions()
        self._build_status_bar()
        self._restore_geometry()
        # Backups at the first start of the day and at closing: switched on by the app's start
        # (``enable_automatic_backups``), so windows built by tests stay quiet.
        from reception_desk.ui.backup_dialog import AutomaticBackups

        self.automatic_backups = AutomaticBackups(desk, self)
        self.automatic_backups.finished.connect(self._on_automatic_backups_finished)
        self.automatic_backups.failed.connect(self._on_automatic_backups_failed)
        self._restored = False
        self._start_scanner()

    # --- construction ------------------------------------------------------------------------
    def _set_title(self) -> None:
        office = self.desk.office()
        title = _("Citizen reception logbook")
        self.setWindowTitle(f"{title} — {office.commune_name}" if office else title)

    def _action(self, text: str, slot: object, shortcut: QKeySequence | str | None = None
                ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        self.export_action = self._action(_("&Export logbook…"), self._on_export_triggered,
                                          "Ctrl+E")
        self.import_action = self._action(_("&Import logbook…"), self._on_import_triggered,
                                          "Ctrl+I")
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.import_action)
        # issue 15: old Excel logbooks (ui/legacy_import)
        self.legacy_import_action = self._action(_("Import an &old Excel logbook…"),
                                                 self._on_legacy_import_triggered)
        file_menu.addAction(self.legacy_import_action)
        file_menu.addSeparator()
        self.print_logbook_action = self._action(_("&Print logbook pages…"),
                                                 self._on_print_logbook_triggered, "Ctrl+Shift+P")
        file_menu.addAction(self.print_logbook_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action(_("E&xit"), self.close, QKeySequence.StandardKey.Quit))

        book = bar.addMenu(_("&Logbook"))
        self.new_visit_action = self._action(_("&New visit"), self._on_new_visit_triggered,
                                             "Ctrl+N")
        book.addAction(self.new_visit_action)
        book.addAction(self._action(_("&Reception form"), self.show_form, "F2"))
        book.addAction(self._action(_("&Logbook"), self.show_logbook, "F3"))
        self.cases_action = self._action(_("&Cases"), self.show_cases, "F4")
        book.addAction(self.cases_action)
        self.hotspots_action = self._action(_("&Hotspots"), self.show_hotspots, "F6")
        book.addAction(self.hotspots_action)
        self.case_from_visit_action = self._action(
            _("Open a &case from the selected visit…"), self._on_case_from_visit_triggered,
            "Ctrl+Shift+C")
        book.addAction(self.case_from_visit_action)
        self.reports_action = self._action(_("Statutory &reports (01/TCD, 01/XLD)…"),
                                           self._on_reports_triggered, "F7")
        book.addAction(self.reports_action)
        # The head's reception sessions (issue 14).
        self.sessions_action = self._action(_("Leaders' reception &schedule…"),
                                            self._on_sessions_triggered, "F8")
        book.addAction(self.sessions_action)
        book.addSeparator()
        self.search_action = self._action(_("&Find citizens, visits, cases…"),
                                          self._on_search_triggered, QKeySequence.StandardKey.Find)
        book.addAction(self.search_action)

        tools = bar.addMenu(_("&Tools"))
        self.settings_action = self._action(_("&Settings…"), self._on_settings_triggered,
                                            "Ctrl+,")
        tools.addAction(self.settings_action)
        tools.addAction(self._action(_("Working &calendar and deadlines…"),
                                     self._on_calendar_triggered))
        self.merge_action = self._action(_("&Merge citizen records…"), self._on_merge_triggered)
        tools.addAction(self.merge_action)
        tools.addAction(self._action(_("&Verify a receipt…"), self._on_verify_triggered,
                                     "Ctrl+Shift+V"))
        tools.addSeparator()
        self.backup_action = self._action(_("&Backup and restore…"), self._on_backup_triggered)
        tools.addAction(self.backup_action)

        help_menu = bar.addMenu(_("&Help"))
        help_menu.addAction(self._action(_("&Keyboard shortcuts"), self._on_shortcuts_triggered,
                                         "F1"))
        help_menu.addAction(self._action(_("&About"), self._on_about_triggered))

    def _gate_actions(self) -> None:
        """Each action needs a right: greyed out, with the missing right as its tip, for a
        user without it (re-evaluated at every switch of user). The logbook is everyone's."""
        self.rights = Rights(self.desk.access, self)
        for action, permission in (
            (self.export_action, Permission.EXPORT_DATA),
            (self.import_action, Permission.IMPORT_DATA),
            (self.legacy_import_action, Permission.IMPORT_DATA),
            (self.print_logbook_action, Permission.PRINT_LOGBOOK),
            (self.new_visit_action, Permission.LOG_VISITS),
            (self.case_from_visit_action, Permission.MANAGE_CASES),
            (self.search_action, Permission.VIEW_RECORDS),
            (self.cases_action, Permission.VIEW_RECORDS),
            (self.sessions_action, Permission.VIEW_RECORDS),
            (self.hotspots_action, Permission.VIEW_HOTSPOTS),
            (self.settings_action, Permission.MANAGE_SETTINGS),
            (self.merge_action, Permission.MERGE_CITIZENS),
            (self.backup_action, Permission.BACKUP_RESTORE),
        ):
            self.rights.gate(action, permission)
        self.rights.gate(Tab(self.tabs, self.cases_host), Permission.VIEW_RECORDS)
        self.rights.gate(Tab(self.tabs, self.hotspots_host), Permission.VIEW_HOTSPOTS)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        label = QLabel(_("&Officer on duty:"), self)
        self.staff_label = label
        self.staff_combo = QComboBox(self)
        self.staff_combo.setAccessibleName(_("Officer on duty"))
        label.setBuddy(self.staff_combo)
        status.addPermanentWidget(label)
        status.addPermanentWidget(self.staff_combo)
        status.addPermanentWidget(QLabel(self.desk.location, self))
        self._fill_staff()
        self.staff_combo.currentIndexChanged.connect(self._on_staff_combo_changed)
        self._on_staff_combo_changed()
        self.desk.tell_waits(self.show_database_wait)

    def _start_scanner(self) -> None:
        """The card scanner in serial mode (issue 16): off until chosen in Settings → Scanner;
        its cards go to the open citizen search or the visit form, its state to the status bar."""
        from reception_desk.ui.scanner.port import ScannerChoice
        from reception_desk.ui.scanner.port import ScannerState
        from reception_desk.ui.scanner.port import SerialScanner
        from reception_desk.ui.scanner.routing import ScanRouter

        self.scanner = SerialScanner(self.desk.today, self)
        self.scan_router = ScanRouter(self.scanner, self.form, self.show_form_page,
                                      lambda: self._search, self)
        self.scanner_status = QLabel(self)
        self.scanner_status.hide()
        self.statusBar().addWidget(self.scanner_status)

        def show_status(text: str) -> None:
            self.scanner_status.setText(text)
            self.scanner_status.setVisible(self.scanner.state() is not ScannerState.OFF)

        self.scanner.status_changed.connect(show_status)
        self.scanner.configure(ScannerChoice.load(QSettings()))

    def show_form_page(self) -> None:
        """The reception page in front (the window too: a card was scanned at the counter)."""
        self.tabs.setCurrentWidget(self.form)
        self.raise_()
        self.activateWindow()

    def show_database_wait(self, waiting: bool) -> None:
        """A save on this window's thread waits for another counter's write (or a batch of an
        import): say so in the status bar instead of freezing silently; the save goes on."""
        app = QApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            return  # a background job waits: its own progress shows it
        status = self.statusBar()
        if waiting:
            status.showMessage(_("Another counter is saving… please wait."))
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        else:
            if status.currentMessage() == _("Another counter is saving… please wait."):
                status.clearMessage()
            QApplication.restoreOverrideCursor()
        status.repaint()  # now: the save holds the event loop until the lock comes

    def _fill_staff(self) -> None:
        remembered = QSettings().value("desk/staff_id")
        self.staff_combo.blockSignals(True)
        self.staff_combo.clear()
        for staff in self.desk.staff():
            self.staff_combo.addItem(f"{staff.full_name} — {staff.position}", staff)
            if remembered is not None and str(staff.id) == str(remembered):
                self.staff_combo.setCurrentIndex(self.staff_combo.count() - 1)
        self.staff_combo.blockSignals(False)

    @Slot(object)
    def _on_changes(self, changes: Changes) -> None:
        """The staff list, the field taxonomy, the crowd size (hotspot policy) or the office's
        name changed: the status bar, the form's choices and the title follow."""
        if changes.staff:
            self._fill_staff()
        if changes.staff or changes.settings & {FIELDS, HOTSPOT_POLICY}:
            self.form.reload_choices()
        if OFFICE in changes.settings:
            self._set_title()

    def sign_in_as(self, principal: Principal) -> None:
        """The signed-in user acts (audit rows, the form's receiving official): the free
        "officer on duty" choice gives way to the account (ui.session_guard calls this)."""
        self.staff_label.hide()
        self.staff_combo.hide()
        self.desk.act_for(principal)
        if principal.staff_id is not None:
            self.form.set_default_staff(principal.staff_id)
        # What the logbook shows depends on who looks (identities masked by the role).
        self.logbook.refresh()

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)

    # --- pages -------------------------------------------------------------------------------
    @Slot()
    def show_form(self) -> None:
        self.tabs.setCurrentWidget(self.form)
        self.form.focus_first_field()

    @Slot()
    def show_logbook(self) -> None:
        self.tabs.setCurrentWidget(self.logbook)
        self.logbook.setFocus()

    @property
    def cases(self) -> CasesPage:
        return self.cases_host.page()  # type: ignore[return-value]

    def _build_cases_page(self) -> QWidget:
        from reception_desk.ui.cases import CasesPage

        return CasesPage(self.desk, parent=self.cases_host)

    @property
    def hotspots(self) -> HotspotPage:
        return self.hotspots_host.page()  # type: ignore[return-value]

    def _build_hotspots_page(self) -> QWidget:
        from reception_desk.ui.hotspots import HotspotPage  # loads the hotspot engine: late

        page = HotspotPage(self.desk, parent=self.hotspots_host)
        page.case_open_requested.connect(self.open_case)
        return page

    @Slot()
    def show_hotspots(self) -> None:
        self._show_lazy(self.hotspots_host)

    @Slot()
    def show_cases(self) -> None:
        self._show_lazy(self.cases_host)

    def _show_lazy(self, host: LazyPage) -> None:
        """Bring a page built on first use to the front (building it now) and focus it."""
        self.tabs.setCurrentWidget(host)
        host.page().setFocus()

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if isinstance(widget, LazyPage):
            widget.page()

    @Slot()
    def _on_case_from_visit_triggered(self) -> None:
        visit = self.logbook.selected_visit() if self.tabs.currentWidget() is self.logbook \
            else None
        visit_id = visit.id if visit else self.form.editing_visit_id
        self.show_cases()
        if visit_id is not None:
            self.cases.open_case_from_visit(visit_id)
        else:
            self.cases.new_case()

    @Slot(int)
    def open_case(self, case_id: int) -> None:
        self.show_cases()
        self.cases.open_case(case_id)

    @Slot()
    def _on_calendar_triggered(self) -> None:
        from reception_desk.ui.calendar_dialog import CalendarDialog

        CalendarDialog(self.desk, self).exec()

    # --- drafts ------------------------------------------------------------------------------
    def offer_draft(self) -> bool:
        """At start-up: offer the half-filled form a crash or power cut left behind."""
        found = self.drafts.load()
        if found is None:
            return False
        draft, extra = found
        uid = extra.get("visit_uid")
        if isinstance(uid, str) and self.desk.visit_saved(uid):
            # Saved, then the program stopped before the draft was cleared: not unfinished.
            self.drafts.clear()
            return False
        answer = QMessageBox.question(
            self, _("Unfinished visit"),
            _("A visit form was being filled in when the program last stopped ({name}). "
              "Restore it?").format(name=draft.citizen_name or _("no name yet")),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.form.set_draft(draft, uid if isinstance(uid, str) else None)
            self.form.attachments.restore_pending(extra.get("attachments"))
            self.show_form()
            return True
        self.drafts.clear()
        return False

    @Slot()
    def _on_form_changed(self) -> None:
        self._draft_timer.start()

    @Slot()
    def _on_draft_timer_timeout(self) -> None:
        self.save_draft_now()

    def save_draft_now(self) -> None:
        if self.form.editing_visit_id is not None:
            # An edit of a saved visit is not a new visit: restoring it would log it twice.
            return
        try:
            files = [str(p) for p in self.form.attachments.pending]
            if self.form.is_blank() and not files:
                self.drafts.clear()
            else:
                # The files picked before the save go with the draft (their paths).
                self.drafts.save(self.form.draft(), {"visit_uid": self.form.visit_uid,
                                                     "attachments": files})
        except OSError:
            log.exception("Could not write the draft file")

    @Slot(int)
    def _on_form_visit_logged(self, _visit_id: int) -> None:
        self._draft_timer.stop()
        self.drafts.clear()
        self.statusBar().showMessage(_("Saved."), 4000)

    @Slot(int)
    def _on_logbook_visit_open_requested(self, visit_id: int) -> None:
        self.form.load_visit(visit_id)
        self.show_form()

    @Slot()
    def _on_new_visit_triggered(self) -> None:
        if not self.form.is_blank() and QMessageBox.question(
            self, _("New visit"),
            _("The form holds unsaved input. Clear it and start a new visit?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        ) != QMessageBox.StandardButton.Yes:
            self.show_form()
            return
        self.form.clear_form()
        self.drafts.clear()
        self.show_form()

    @Slot()
    def _on_staff_combo_changed(self) -> None:
        staff = self.staff_combo.currentData()
        self.desk.act_as(staff)
        if staff is not None:
            remember("desk/staff_id", staff.id)
            self.form.set_default_staff(staff.id)

    # --- long jobs off the UI thread ---------------------------------------------------------
    def _run_in_thread(self, job: object, title: str, on_done: object) -> None:
        progress = QProgressDialog(title, "", 0, 0, self)
        progress.setCancelButton(None)
        progress.setMinimumDuration(300)
        progress.setWindowTitle(title)
        thread = QThread(self)
        worker = _Worker(job)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)

        def finish(result: object) -> None:
            progress.close()
            thread.quit()
            on_done(result)  # type: ignore[operator]

        def fail(exc: object) -> None:
            progress.close()
            thread.quit()
            self.show_error(exc)  # type: ignore[arg-type]

        worker.finished.connect(finish)
        worker.failed.connect(fail)
        thread.finished.connect(lambda: self._threads.remove((thread, worker)))
        self._threads.append((thread, worker))
        thread.start()

    def show_error(self, exc: Exception) -> None:
        if isinstance(exc, UserError | KnownError):
            text = message_for(exc)
        else:
            text = _("The file could not be read or written: {detail}").format(detail=str(exc))
        QMessageBox.warning(self, _("Reception Desk"), text)

    @Slot()
    def _on_export_triggered(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export logbook"), "so-tiep-cong-dan.jsonl", _("JSON Lines (*.jsonl)"))
        if not path:
            return
        target = Path(path)
        self._run_in_thread(
            lambda: self.desk.export_logbook(target), _("Exporting the logbook…"),
            lambda count: self.statusBar().showMessage(
                _("Exported {count} records to {file}.").format(count=count, file=target), 8000))

    @Slot()
    def _on_import_triggered(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import logbook"), "", _("JSON Lines (*.jsonl)"))
        if not path:
            return
        source = Path(path)

        def done(result: object) -> None:
            report, _changes = announce(self.desk, result)  # type: ignore[misc]
            QMessageBox.information(self, _("Import logbook"), _(
                "Imported: {created} new, {updated} updated, {unchanged} unchanged.").format(
                created=sum(report.created.values()), updated=sum(report.updated.values()),
                unchanged=report.unchanged))

        self._run_in_thread(lambda: self.desk.import_logbook(source),
                            _("Importing the logbook…"), done)

    @Slot()
    def _on_legacy_import_triggered(self) -> None:
        from reception_desk.ui.legacy_import import LegacyImportWizard  # rarely opened: load late

        LegacyImportWizard(self.desk, parent=self).exec()

    @Slot()
    def _on_settings_triggered(self) -> None:
        from reception_desk.ui.settings import SettingsDialog  # rarely opened: load late

        SettingsDialog(self.desk, parent=self, scanner=self.scanner).exec()

    @Slot()
    def _on_print_logbook_triggered(self) -> None:
        from reception_desk.ui.print_preview import preview_logbook

        query = self.logbook.query
        today = self.desk.today()
        try:
            preview_logbook(self.desk, query.date_from or today, query.date_to or today, self)
        except (UserError, KnownError) as exc:
            self.show_error(exc)

    @Slot()
    def _on_reports_triggered(self) -> None:
        from reception_desk.ui.reports import ReportDialog  # loads openpyxl: late

        dialog = ReportDialog(self.desk, self)
        dialog.visit_open_requested.connect(self._on_logbook_visit_open_requested)
        dialog.case_open_requested.connect(self.open_case)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    @Slot()
    def _on_sessions_triggered(self) -> None:
        from reception_desk.ui.sessions import ScheduleDialog

        dialog = ScheduleDialog(self.desk, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    @Slot()
    def _on_search_triggered(self) -> None:
        from reception_desk.ui.global_search import GlobalSearchDialog

        if self._search is None:
            self._search = GlobalSearchDialog(self.desk, self)
            self._search.visit_open_requested.connect(self._on_logbook_visit_open_requested)
            self._search.citizen_picked.connect(self._on_search_citizen_picked)
            self._search.case_open_requested.connect(self.open_case)
        self._search.open_search()

    @Slot(object)
    def _on_search_citizen_picked(self, citizen: object) -> None:
        key = getattr(citizen, "id_number", "") or getattr(citizen, "full_name", "")
        first = getattr(citizen, "last_visit", None)
        today = self.desk.today()
        self.logbook.show_search(key, date(2000, 1, 1), max(first or today, today))
        self.show_logbook()

    @Slot()
    def _on_merge_triggered(self) -> None:
        from reception_desk.ui.merge_dialog import MergeDialog

        MergeDialog(self.desk, self).exec()

    @Slot()
    def _on_verify_triggered(self) -> None:
        from reception_desk.ui.verify_dialog import VerifyDialog

        VerifyDialog(self.desk, self).exec()

    @Slot()
    def _on_shortcuts_triggered(self) -> None:
        from reception_desk.ui.shortcuts import ShortcutsDialog

        ShortcutsDialog(self).exec()

    @Slot()
    def _on_about_triggered(self) -> None:
        QMessageBox.about(self, _("About Reception Desk"), _(
            "Reception Desk {version}\nThe electronic citizen-reception logbook for commune "
            "People's Committees.\nDatabase: {location}").format(
            version=__version__, location=self.desk.location))

    # --- backup and restore -------------------------------------------------------------------
    def enable_automatic_backups(self) -> None:
        self.automatic_backups.start()

    @Slot()
    def _on_backup_triggered(self) -> None:
        from reception_desk.ui.backup_dialog import BackupDialog

        dialog = BackupDialog(self.desk, self)
        dialog.restored.connect(self._on_backup_dialog_restored)
        dialog.exec()

    @Slot(object)
    def _on_backup_dialog_restored(self, _result: object) -> None:
        # Every page holds data of the replaced database: start afresh (no backup at closing).
        self._restored = True
        self.automatic_backups.stop()
        QTimer.singleShot(0, self.close)

    @Slot(object)
    def _on_automatic_backups_finished(self, info: object) -> None:
        self.statusBar().showMessage(_("Daily backup made: {file}").format(
            file=getattr(info, "path", "")), 8000)

    @Slot(str)
    def _on_automatic_backups_failed(self, text: str) -> None:
        self.statusBar().showMessage(_("Daily backup not made: {reason}").format(reason=text),
                                     30000)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.desk.tell_waits(None)
        self.scanner.stop()
        self.save_draft_now()
        QSettings().setValue("window/geometry", self.saveGeometry())
        self.logbook.save_state()
        if self.cases_host.is_built():
            self.cases.save_state()
        if self.hotspots_host.is_built():
            self.hotspots.wait_idle(5000)
        for thread, _worker in list(self._threads):
            thread.quit()
            thread.wait(5000)
        if not self._restored:
            self.automatic_backups.back_up_on_close()
        super().closeEvent(event)
