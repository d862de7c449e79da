"""The Cases page: the case list with its quick filters, counts and search; opens the case page.

The quick filters (all open / due this week / overdue / closed / all, Alt+1…Alt+5) carry their
counts; the legend beside them explains the deadline colours. Enter or a double click opens the
case page (``case_dialog``); "New case…" opens ``new_case_dialog``.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSettings
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QAction
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QButtonGroup
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.domain.access import Permission
from reception_desk.i18n import _
from reception_desk.i18n import ngettext
from reception_desk.services.cases.dto import CaseFilter
from reception_desk.services.cases.dto import CaseQuery
from reception_desk.services.cases.dto import CaseRow
from reception_desk.services.context import Changes
from reception_desk.services.desk import Desk
from reception_desk.texts.cases import case_label
from reception_desk.ui.cases.case_dialog import CaseDialog
from reception_desk.ui.cases.forms import search_edit
from reception_desk.ui.cases.new_case_dialog import NewCaseDialog
from reception_desk.ui.cases.status import legend_html
from reception_desk.ui.cases.table_model import CaseTableModel
from reception_desk.ui.changes import CALENDAR_SETTINGS
from reception_desk.ui.changes import change_feed
from reception_desk.ui.paged_table import FILTER_DELAY_MS
from reception_desk.ui.paged_table import PAGE_SIZE
from reception_desk.ui.paged_table import ROW_HEIGHT
from reception_desk.ui.paged_table import HeaderState
from reception_desk.ui.paged_table import PagedTableView
from reception_desk.ui.paged_table import TextFilter
from reception_desk.ui.rights import Rights

HEADER_STATE_KEY = "cases/header"


class CasesPage(QWidget):
    """The case list: quick filters with counts, search, the table; opens the case page."""

    case_changed = Signal(int)

    FILTER_ORDER = (CaseFilter.OPEN, CaseFilter.DUE_THIS_WEEK, CaseFilter.OVERDUE,
                    CaseFilter.CLOSED, CaseFilter.ALL)

    def __init__(self, desk: Desk, settings: QSettings | None = None,
                 parent: QWidget | None = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._desk = desk
        self._settings = settings if settings is not None else QSettings()
        self.model = CaseTableModel(desk, CaseQuery(), page_size=page_size, parent=self)
        self.case_dialog: CaseDialog | None = None
        self.new_case_dialog: NewCaseDialog | None = None
        self._build()
        self.header_state.restore()
        self._update_counts()
        change_feed(desk).changed.connect(self._on_changes)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        filters = QHBoxLayout()
        self.filter_group = QButtonGroup(self)
        self.filter_group.setExclusive(True)
        self.filter_buttons: dict[CaseFilter, QPushButton] = {}
        for number, which in enumerate(self.FILTER_ORDER, start=1):
            button = QPushButton()
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setToolTip(_("Alt+{n}").format(n=number))
            # A QShortcut, not button.setShortcut: setText (the counts) resets a button's one.
            shortcut = QShortcut(QKeySequence(f"Alt+{number}"), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda which=which: self.set_filter(which))
            self.filter_group.addButton(button)
            self.filter_buttons[which] = button
            filters.addWidget(button)
        self.filter_buttons[CaseFilter.OPEN].setChecked(True)
        filters.addStretch(1)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        filters.addWidget(self.legend)
        layout.addLayout(filters)

        search = QHBoxLayout()
        self.search_edit = search_edit(
            _("Search title or complainant, or a case number like 12/2026 (Ctrl+L)"))
        search.addWidget(self.search_edit, 1)
        self.count_label = QLabel()
        search.addWidget(self.count_label)
        self.open_button = QPushButton(_("&Open case"))
        self.new_button = QPushButton(_("&New case…"))
        for button in (self.open_button, self.new_button):
            button.setAutoDefault(False)
            search.addWidget(button)
        layout.addLayout(search)

        self.table = PagedTableView(self.model, row_height=ROW_HEIGHT)
        layout.addWidget(self.table, 1)
        self.header_state = HeaderState(self.table, self._settings, HEADER_STATE_KEY)
        self.text_filter = TextFilter(self.search_edit, self.table, self._apply,
                                      FILTER_DELAY_MS)

        self.open_action = QAction(_("Open case"), self.table)
        self.open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return),
                                       QKeySequence(Qt.Key.Key_Enter)])
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.open_action)
        self.find_shortcut = QShortcut(QKeySequence("Ctrl+L"), self)
        self.find_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_shortcut = QShortcut(QKeySequence(Qt.Key.Key_F5), self)
        self.refresh_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.rights = Rights(self._desk.access, self)
        self.rights.gate(self.new_button, Permission.MANAGE_CASES)

        self.filter_group.buttonClicked.connect(self._apply)
        self.open_button.clicked.connect(self._on_open_triggered)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.open_action.triggered.connect(self._on_open_triggered)
        self.table.doubleClicked.connect(self._on_open_triggered)  # its row is the current one
        self.find_shortcut.activated.connect(self._on_find_shortcut_activated)
        self.refresh_shortcut.activated.connect(self._on_refresh_shortcut_activated)

    def save_state(self) -> None:
        """Write the column layout to QSettings (also done shortly after every change)."""
        self.header_state.save()

    # --- public ----------------------------------------------------------------------------
    def selected_case(self) -> CaseRow | None:
        return self.table.current_item()  # type: ignore[no-any-return]

    def set_filter(self, which: CaseFilter) -> None:
        self.filter_buttons[which].setChecked(True)
        self._apply()

    @Slot()
    def refresh(self, changed_ids: set[int] | None = None) -> None:
        """Re-read the counts and the list: all of it, or the pages holding ``changed_ids``."""
        self.table.refresh(changed_ids)
        self._update_counts()

    @Slot(object)
    def _on_changes(self, changes: Changes) -> None:
        """Cases changed (each is told by ``case_changed``), or the calendar or the deadline
        rules: every due date may have moved."""
        if changes.settings & CALENDAR_SETTINGS:
            self.refresh()
        elif changes.cases:
            self.refresh(changes.cases)
        for case_id in sorted(changes.cases):
            self.case_changed.emit(case_id)

    def open_case(self, case_id: int) -> CaseDialog:
        """Show the case page (window-modal); the list follows every change made there."""
        dialog = CaseDialog(self._desk, case_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_case_dialog_finished)
        self.case_dialog = dialog
        dialog.open()
        dialog.event_combo.setFocus()
        return dialog

    def new_case(self, visit_id: int | None = None) -> NewCaseDialog:
        """Ask for a new case, from the logbook visit ``visit_id`` or standalone."""
        dialog = NewCaseDialog(self._desk, visit_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.case_opened.connect(self._on_new_case_dialog_case_opened)
        self.new_case_dialog = dialog
        dialog.open()
        return dialog

    def open_case_from_visit(self, visit_id: int) -> NewCaseDialog:
        return self.new_case(visit_id)

    # --- internals -------------------------------------------------------------------------
    @Slot()
    def _apply(self) -> None:
        self.text_filter.stop()
        which = next((f for f, b in self.filter_buttons.items() if b.isChecked()),
                     CaseFilter.OPEN)
        query = replace(self.model.query, filter=which, text=self.search_edit.text().strip())
        if query != self.model.query:
            self.model.set_query(query)
        self._update_counts()

    def _update_counts(self) -> None:
        counts = self._desk.cases.status_counts()
        shown = {
            CaseFilter.OPEN: counts.total, CaseFilter.OVERDUE: counts.overdue,
        }
        for which, button in self.filter_buttons.items():
            text = case_label(which)
            if which in shown:
                text = _("{filter} ({count})").format(filter=text, count=shown[which])
            button.setText(text)
        self.legend.setText(legend_html(counts))
        count = self.model.rowCount()
        self.count_label.setText(ngettext("{count} case", "{count} cases", count)
                                 .format(count=count))


    @Slot()
    def _on_open_triggered(self) -> None:
        """The button, Enter in the list or a double click: open the case of the current row."""
        current = self.selected_case()
        if current is not None:
            self.open_case(current.id)

    @Slot()
    def _on_new_button_clicked(self) -> None:
        self.new_case()

    @Slot()
    def _on_find_shortcut_activated(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    @Slot()
    def _on_refresh_shortcut_activated(self) -> None:
        self.refresh()

    @Slot(int)
    def _on_case_dialog_finished(self, _result: int) -> None:
        self.case_dialog = None
        self.table.setFocus()

    @Slot(int)
    def _on_new_case_dialog_case_opened(self, case_id: int) -> None:
        self.new_case_dialog = None
        self.open_case(case_id)

    def hideEvent(self, event: object) -> None:
        self.header_state.flush()
        super().hideEvent(event)  # type: ignore[arg-type]
