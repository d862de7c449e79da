"""The logbook screen (Sổ tiếp công dân): filters, count, the table and the actions.

``LogbookPage`` adds to ``VisitTableModel`` (``model``) the filters (reception-day range, text,
voided), the count, the void action (``void_dialog``) and the documents of the selected visit
(context menu, "Documents" button and shortcuts: see ``DOCUMENT_SHORTCUTS``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPoint
from PySide6.QtCore import QRect
from PySide6.QtCore import QSettings
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QAction
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QMenu
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.domain.access import Permission
from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.i18n import ngettext
from reception_desk.services.access.dto import RecordKind
from reception_desk.services.access.dto import RecordRef
from reception_desk.services.context import Changes
from reception_desk.services.desk import Desk
from reception_desk.services.visits.dto import VisitQuery
from reception_desk.services.visits.dto import VisitRow
from reception_desk.texts import message_for
from reception_desk.ui.changes import change_feed
from reception_desk.ui.forms import banner_label
from reception_desk.ui.forms import date_edit
from reception_desk.ui.logbook.model import REVEAL_SHORTCUT
from reception_desk.ui.logbook.model import WHO_VIEWED_SHORTCUT
from reception_desk.ui.logbook.model import VisitTableModel
from reception_desk.ui.logbook.void_dialog import VoidDialog
from reception_desk.ui.messages_documents import text as doc_text
from reception_desk.ui.paged_table import FILTER_DELAY_MS
from reception_desk.ui.paged_table import PAGE_SIZE
from reception_desk.ui.paged_table import ROW_HEIGHT
from reception_desk.ui.paged_table import HeaderState
from reception_desk.ui.paged_table import PagedTableView
from reception_desk.ui.paged_table import TextFilter
from reception_desk.ui.rights import Rights
from reception_desk.ui.theme import FORM_STYLE

if TYPE_CHECKING:
    # The document dialogs and the PDF preview load ReportLab and QtPdf: imported on first use,
    # so opening the app stays fast.
    from reception_desk.ui.documents_dialogs import IssuedDocumentsDialog
    from reception_desk.ui.documents_dialogs import IssueDialog
    from reception_desk.ui.print_preview import PrintPreviewDialog
    from reception_desk.ui.reveal_dialog import RevealDialog
    from reception_desk.ui.reveal_dialog import WhoViewedDialog

HEADER_STATE_KEY = "logbook/header"

#: Keys of the selected visit's documents (the logbook's own: Enter, Delete, Ctrl+L, F5).
DOCUMENT_SHORTCUTS: dict[str, str] = {
    "receipt": "Ctrl+R",
    "refusal": "Ctrl+Shift+R",
    "appointment": "Ctrl+Shift+H",
    "transfer": "Ctrl+Shift+T",
    "documents": "Ctrl+Shift+D",
    "minutes": "Ctrl+Shift+B",  # Biên bản tiếp công dân (issue 14)
}


def reception_today(desk: Desk) -> date:
    """Today's reception day in the office's time zone."""
    return desk.today()


def _to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())




class LogbookPage(QWidget):
    """The logbook screen: filters, count, the table and the void action."""

    visit_open_requested = Signal(int)
    visit_voided = Signal(int)

    def __init__(self, desk: Desk, settings: QSettings | None = None,
                 parent: QWidget | None = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._desk = desk
        self._settings = settings if settings is not None else QSettings()
        today = reception_today(desk)
        self.model = VisitTableModel(desk, VisitQuery(date_from=today, date_to=today),
                                     page_size=page_size, parent=self)
        self.void_dialog: VoidDialog | None = None
        self.document_dialog: QDialog | None = None
        self.preview: PrintPreviewDialog | None = None
        self.context_menu: QMenu | None = None
        self.identity_dialog: RevealDialog | WhoViewedDialog | None = None
        self._build()
        self.header_state.restore()
        self._update_count()
        change_feed(desk).changed.connect(self._on_changes)

    # --- construction ----------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)

        dates = QHBoxLayout()
        today = _to_qdate(reception_today(self._desk))
        self.from_edit = date_edit(today)
        self.to_edit = date_edit(today)
        from_label = QLabel(_("&From:"))
        from_label.setBuddy(self.from_edit)
        to_label = QLabel(_("T&o:"))
        to_label.setBuddy(self.to_edit)
        dates.addWidget(from_label)
        dates.addWidget(self.from_edit)
        dates.addWidget(to_label)
        dates.addWidget(self.to_edit)
        self.today_button = QPushButton(_("Today"))
        self.week_button = QPushButton(_("This week"))
        self.month_button = QPushButton(_("This month"))
        self.year_button = QPushButton(_("This year"))
        for button in (self.today_button, self.week_button, self.month_button,
                       self.year_button):
            button.setAutoDefault(False)
            dates.addWidget(button)
        dates.addStretch(1)
        self.voided_check = QCheckBox(_("Show &voided visits"))
        self.voided_check.setChecked(True)
        dates.addWidget(self.voided_check)
        layout.addLayout(dates)

        search = QHBoxLayout()
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(
            _("Search name, ID number or content (Ctrl+L); accents optional"))
        self.filter_edit.setClearButtonEnabled(True)
        search.addWidget(self.filter_edit, 1)
        self.count_label = QLabel()
        search.addWidget(self.count_label)
        self.open_button = QPushButton(_("&Open"))
        self.open_button.setToolTip(_("Open the selected visit (Enter)"))
        self.void_button = QPushButton(_("Vo&id visit…"))
        self.void_button.setToolTip(_("Void the selected visit with a reason (Delete)"))
        self.documents_button = QPushButton(doc_text("logbook.documents_button"))
        self.documents_button.setToolTip(doc_text("logbook.documents_tip"))
        for button in (self.open_button, self.void_button, self.documents_button):
            button.setAutoDefault(False)
            search.addWidget(button)
        layout.addLayout(search)
        self.message_label = banner_label(name="logbookMessage")
        self.message_label.setStyleSheet(FORM_STYLE)
        layout.addWidget(self.message_label)

        self.table = PagedTableView(self.model, row_height=ROW_HEIGHT, alternating_rows=True)
        layout.addWidget(self.table, 1)
        self.header_state = HeaderState(self.table, self._settings, HEADER_STATE_KEY)
        self.text_filter = TextFilter(self.filter_edit, self.table, self._apply_filters,
                                      FILTER_DELAY_MS)

        self.void_action = QAction(_("Void visit…"), self.table)
        self.void_action.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        self.void_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.void_action)
        self.open_action = QAction(_("Open visit"), self.table)
        self.open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return),
                                       QKeySequence(Qt.Key.Key_Enter)])
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.open_action)
        self._build_document_actions()
        self.rights = Rights(self._desk.access, self)
        for target, permission in (
            (self.void_button, Permission.EDIT_VISITS), (self.void_action, Permission.EDIT_VISITS),
            (self.receipt_action, Permission.ISSUE_DOCUMENTS),
            (self.refusal_action, Permission.ISSUE_DOCUMENTS),
            (self.appointment_action, Permission.ISSUE_DOCUMENTS),
            (self.transfer_action, Permission.ISSUE_DOCUMENTS),
            (self.minutes_action, Permission.ISSUE_DOCUMENTS),
        ):
            self.rights.gate(target, permission)
        self._build_identity_actions()
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu_requested)
        self.find_shortcut = QShortcut(QKeySequence("Ctrl+L"), self)
        self.find_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_shortcut = QShortcut(QKeySequence(Qt.Key.Key_F5), self)
        self.refresh_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.from_edit.dateChanged.connect(self._on_filters_changed)
        self.to_edit.dateChanged.connect(self._on_filters_changed)
        self.today_button.clicked.connect(self._on_today_button_clicked)
        self.week_button.clicked.connect(self._on_week_button_clicked)
        self.month_button.clicked.connect(self._on_month_button_clicked)
        self.year_button.clicked.connect(self._on_year_button_clicked)
        self.voided_check.toggled.connect(self._on_filters_changed)
        self.open_button.clicked.connect(self._on_open_requested)
        self.void_button.clicked.connect(self._on_void_requested)
        self.void_action.triggered.connect(self._on_void_requested)
        self.open_action.triggered.connect(self._on_open_requested)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.find_shortcut.activated.connect(self._on_find_shortcut_activated)
        self.refresh_shortcut.activated.connect(self.refresh)
        self.model.modelReset.connect(self._on_model_model_reset)
        self.table.selectionModel().currentRowChanged.connect(
            self._on_selection_current_row_changed)
        self._update_actions()

    def _build_document_actions(self) -> None:
        """Receipt and forms of the selected visit: page-wide shortcuts, menu and button."""
        def action(code: str, key: str) -> QAction:
            act = QAction(doc_text(f"logbook.{code}"), self)
            act.setShortcut(QKeySequence(DOCUMENT_SHORTCUTS[key]))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(act)
            return act

        self.receipt_action = action("receipt", "receipt")
        self.refusal_action = action("refusal", "refusal")
        self.appointment_action = action("appointment", "appointment")
        self.transfer_action = action("transfer", "transfer")
        self.documents_action = action("documents", "documents")
        self.minutes_action = QAction(_("Minutes of the visit (Biên bản)…"), self)
        self.minutes_action.setShortcut(QKeySequence(DOCUMENT_SHORTCUTS["minutes"]))
        self.minutes_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.minutes_action)
        self.minutes_action.triggered.connect(self.print_minutes_selected)
        self.receipt_action.triggered.connect(self.print_receipt_selected)
        # The documents dialogs' module loads on first use: each action names its dialog.
        for act, dialog_name in ((self.refusal_action, "RefusalDialog"),
                                 (self.appointment_action, "AppointmentDialog"),
                                 (self.transfer_action, "TransferDialog"),
                                 (self.documents_action, "IssuedDocumentsDialog")):
            act.triggered.connect(self._opener(act, dialog_name))
        menu = QMenu(self.documents_button)
        menu.addActions(self.document_actions())
        self.documents_button.setMenu(menu)

    def _build_identity_actions(self) -> None:
        """Reveal a masked identity (a reason first) and who viewed it: page-wide keys."""
        self.reveal_action = QAction(_("Reveal identity…"), self)
        self.reveal_action.setShortcut(QKeySequence(REVEAL_SHORTCUT))
        self.who_viewed_action = QAction(_("Who viewed this identity…"), self)
        self.who_viewed_action.setShortcut(QKeySequence(WHO_VIEWED_SHORTCUT))
        for act in (self.reveal_action, self.who_viewed_action):
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(act)
        self.reveal_action.triggered.connect(self.reveal_selected)
        self.who_viewed_action.triggered.connect(self.who_viewed_selected)

    def document_actions(self) -> list[QAction]:
        return [self.receipt_action, self.refusal_action, self.appointment_action,
                self.transfer_action, self.minutes_action, self.documents_action]

    def save_state(self) -> None:
        """Write the column layout to QSettings (also done shortly after every change)."""
        self.header_state.save()

    # --- public ----------------------------------------------------------------------------
    @property
    def query(self) -> VisitQuery:
        return self.model.query

    def selected_visit(self) -> VisitRow | None:
        return self.table.current_item()  # type: ignore[no-any-return]

    def select_visit(self, visit_id: int) -> bool:
        """Make ``visit_id`` the current row if it is among the loaded rows."""
        return self.table.select_id(visit_id)

    def set_date_range(self, first: date, last: date) -> None:
        for edit, day in ((self.from_edit, first), (self.to_edit, last)):
            edit.blockSignals(True)
            edit.setDate(_to_qdate(day))
            edit.blockSignals(False)
        self._apply_filters()

    def show_search(self, text: str, first: date, last: date) -> None:
        """Show the visits matching ``text`` between two days (global search, citizen history)."""
        self.filter_edit.blockSignals(True)
        self.filter_edit.setText(text)
        self.filter_edit.blockSignals(False)
        self.set_date_range(first, last)

    @Slot()
    def refresh(self, changed_ids: set[int] | None = None,
                citizens: set[int] | frozenset[int] = frozenset()) -> None:
        """Re-read the logbook: all of it, or (``changed_ids``) the pages holding those visits
        or a visit of one of ``citizens`` (whose visit counts changed)."""
        stale = (lambda row: row.citizen_id in citizens) if citizens else None
        self.table.refresh(changed_ids, stale=stale)
        self._update_count()
        self._update_actions()

    @Slot(object)
    def _on_changes(self, changes: Changes) -> None:
        if changes.visits or changes.citizens:
            self.refresh(changes.visits, changes.citizens)

    # --- filters ---------------------------------------------------------------------------
    def _apply_filters(self) -> None:
        self.text_filter.stop()
        first = _from_qdate(self.from_edit.date())
        last = _from_qdate(self.to_edit.date())
        if last < first:
            first, last = last, first
        query = replace(self.model.query, date_from=first, date_to=last,
                        text=self.filter_edit.text().strip(),
                        include_voided=self.voided_check.isChecked())
        if query != self.model.query:
            self.model.set_query(query)
        self._update_count()

    def _update_count(self) -> None:
        count = self.model.rowCount()
        self.count_label.setText(
            ngettext("{count} visit", "{count} visits", count).format(count=count))

    def _update_actions(self) -> None:
        current = self.selected_visit()
        self.open_button.setEnabled(current is not None)
        self.rights.enable(self.void_button, current is not None and not current.voided)
        self.rights.enable(self.void_action, current is not None and not current.voided)
        # a voided visit may still get a refusal notice and show its documents, nothing else
        live = current is not None and not current.voided
        for act in (self.receipt_action, self.appointment_action, self.transfer_action,
                    self.minutes_action):
            self.rights.enable(act, live)
        self.rights.enable(self.refusal_action, current is not None)
        self.documents_action.setEnabled(current is not None)
        self.documents_button.setEnabled(current is not None)
        access = self._desk.access
        self.reveal_action.setEnabled(current is not None and current.identity_masked
                                      and access.can(Permission.REVEAL_IDENTITY))
        self.who_viewed_action.setEnabled(current is not None
                                          and access.can(Permission.VIEW_REVEAL_LOG))

    def _quick_range(self, first: date, last: date) -> None:
        self.set_date_range(first, last)
        self.table.setFocus()

    @Slot()
    def _on_filters_changed(self) -> None:  # a day of the range, or "Show voided visits"
        self._apply_filters()

    @Slot()
    def _on_today_button_clicked(self) -> None:
        today = reception_today(self._desk)
        self._quick_range(today, today)

    @Slot()
    def _on_week_button_clicked(self) -> None:
        today = reception_today(self._desk)
        monday = today - timedelta(days=today.weekday())
        self._quick_range(monday, monday + timedelta(days=6))

    @Slot()
    def _on_month_button_clicked(self) -> None:
        today = reception_today(self._desk)
        first = today.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        self._quick_range(first, following - timedelta(days=1))

    @Slot()
    def _on_year_button_clicked(self) -> None:
        today = reception_today(self._desk)
        self._quick_range(date(today.year, 1, 1), date(today.year, 12, 31))

    # --- actions ---------------------------------------------------------------------------
    @Slot()
    def _on_open_requested(self) -> None:  # the Open button, Enter
        current = self.selected_visit()
        if current is not None:
            self.visit_open_requested.emit(current.id)

    @Slot(QModelIndex)
    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        visit_id = self.model.visit_id(index.row())
        if visit_id is not None:
            self.visit_open_requested.emit(visit_id)

    @Slot()
    def _on_void_requested(self) -> None:  # the Void button, Delete
        self.void_selected()

    def void_selected(self) -> VoidDialog | None:
        """Open the (window-modal) dialog asking why the selected visit is voided."""
        current = self.selected_visit()
        if current is None or current.voided:
            return None
        dialog = VoidDialog(self._desk, current, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.visit_voided.connect(self._on_void_dialog_visit_voided)
        self.void_dialog = dialog
        dialog.finished.connect(self._on_void_dialog_finished)
        dialog.open()
        return dialog

    @Slot(int)
    def _on_void_dialog_visit_voided(self, visit_id: int) -> None:
        self.table.setFocus()
        self.visit_voided.emit(visit_id)

    @Slot(int)
    def _on_void_dialog_finished(self, _result: int) -> None:
        self.void_dialog = None

    # --- documents of the selected visit ----------------------------------------------------
    def _show_message(self, message: str) -> None:
        self.message_label.setText(message)
        self.message_label.setVisible(bool(message))

    def print_receipt_selected(self) -> PrintPreviewDialog | None:
        """Issue (or reprint unchanged, as a copy) the selected visit's receipt; preview it."""
        current = self.selected_visit()
        if current is None or current.voided:
            return None
        from reception_desk.ui.print_preview import print_visit_receipt

        try:
            self.preview = print_visit_receipt(self._desk, current.id, self)
        except UserError as error:
            self._show_message(message_for(error))
            return None
        self._show_message("")
        return self.preview

    def print_minutes_selected(self) -> PrintPreviewDialog | None:
        """Biên bản tiếp công dân of the selected visit, for signature (A4 or A5; a denouncer
        under secrecy withheld: services/documents/minutes.py)."""
        current = self.selected_visit()
        if current is None or current.voided or not self.minutes_action.isEnabled():
            return None
        from reception_desk.ui.print_preview import preview_minutes

        visit_id = current.id
        try:
            pdf = self._desk.documents.visit_minutes(visit_id)
        except UserError as error:
            self._show_message(message_for(error))
            return None
        self._show_message("")
        self.preview = preview_minutes(
            pdf, _("Minutes of the visit"),
            f"bien-ban-tiep-cong-dan-{current.seq}-{current.year}.pdf",
            lambda paper: self._desk.documents.visit_minutes(visit_id, paper), self)
        return self.preview

    def open_document_dialog(self, kind: type[IssueDialog] | type[IssuedDocumentsDialog]
                             ) -> QDialog | None:
        """Open a form (or the issued-documents list) for the selected visit, window-modal."""
        from reception_desk.ui.documents_dialogs import open_window_modal

        current = self.selected_visit()
        if current is None:
            return None
        try:
            dialog = kind(self._desk, current.id, self)
        except UserError as error:
            self._show_message(message_for(error))
            return None
        self._show_message("")
        self.document_dialog = dialog
        dialog.finished.connect(self._on_document_dialog_finished)
        open_window_modal(dialog)
        return dialog

    @Slot(int)
    def _on_document_dialog_finished(self, _result: int) -> None:
        self.document_dialog = None
        self.table.setFocus()

    def _opener(self, action: QAction, dialog_name: str) -> Callable[[], None]:
        return lambda: self._open_if_enabled(action, dialog_name)

    def _open_if_enabled(self, action: QAction, dialog_name: str) -> None:
        """Open the documents dialog named ``dialog_name`` when its action is enabled (the
        dialogs' module loads on first use)."""
        if action.isEnabled():
            from reception_desk.ui import documents_dialogs

            self.open_document_dialog(getattr(documents_dialogs, dialog_name))

    # --- a masked identity of the selected visit ------------------------------------------------
    def reveal_selected(self) -> RevealDialog | None:
        """The reveal dialog for the selected visit's sender (a reason first; recorded)."""
        current = self.selected_visit()
        if current is None or not self.reveal_action.isEnabled():
            return None
        from reception_desk.ui.reveal_dialog import RevealDialog
        from reception_desk.ui.reveal_dialog import open_identity_dialog

        dialog = RevealDialog(self._desk.access, RecordRef(RecordKind.VISIT, current.id), self)
        open_identity_dialog(self, dialog, self.table)
        return dialog

    def who_viewed_selected(self) -> WhoViewedDialog | None:
        """Every reveal of the selected visit's identities (with ``VIEW_REVEAL_LOG``)."""
        current = self.selected_visit()
        if current is None or not self.who_viewed_action.isEnabled():
            return None
        from reception_desk.ui.reveal_dialog import WhoViewedDialog
        from reception_desk.ui.reveal_dialog import open_identity_dialog

        dialog = WhoViewedDialog(self._desk.access, RecordRef(RecordKind.VISIT, current.id),
                                 self)
        open_identity_dialog(self, dialog, self.table)
        return dialog

    def build_context_menu(self) -> QMenu:
        """Open, the documents of the visit, void: what the right button / Menu key shows."""
        menu = QMenu(self)
        menu.addAction(self.open_action)
        menu.addSeparator()
        menu.addActions(self.document_actions())
        menu.addSeparator()
        menu.addActions([self.reveal_action, self.who_viewed_action])
        menu.addSeparator()
        menu.addAction(self.void_action)
        return menu

    @Slot(QPoint)
    def _on_table_context_menu_requested(self, pos: QPoint) -> None:
        # a right click has already made its row current; the Menu key opens at that row
        if self.selected_visit() is None:
            return
        cell = self.table.visualRect(self.table.currentIndex())
        row = QRect(0, cell.top(), self.table.viewport().width(), cell.height())
        if not row.contains(pos):
            pos = QPoint(cell.left() + 4, cell.bottom())
        self.context_menu = self.build_context_menu()
        self.context_menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.context_menu.popup(self.table.viewport().mapToGlobal(pos))

    @Slot()
    def _on_find_shortcut_activated(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    @Slot()
    def _on_model_model_reset(self) -> None:
        self._update_count()
        self._update_actions()

    @Slot(QModelIndex, QModelIndex)
    def _on_selection_current_row_changed(self, _current: QModelIndex,
                                          _previous: QModelIndex) -> None:
        self._show_message("")
        self._update_actions()

    def hideEvent(self, event: object) -> None:
        self.header_state.flush()
        super().hideEvent(event)  # type: ignore[arg-type]
