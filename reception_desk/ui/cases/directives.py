"""The case page's section of the chairperson's directives on the case (ý kiến chỉ đạo).

Due dates are coloured like any deadline; a directive is acknowledged (Ctrl+K on the case page)
and marked carried out (Ctrl+E) here, the same keys as on the hotspots page. The section hides
itself while the case has no directive.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from datetime import date
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import SignalInstance
from PySide6.QtCore import Slot
from PySide6.QtGui import QBrush
from PySide6.QtGui import QColor
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.config import OFFICE_TZ
from reception_desk.domain.access import Permission
from reception_desk.errors import ReceptionDeskError
from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.services.desk import Desk
from reception_desk.texts import message_for as hotspot_message
from reception_desk.texts.cases import format_day
from reception_desk.texts.cases import weekday_name
from reception_desk.ui.cases.forms import current_item
from reception_desk.ui.cases.forms import fit_columns
from reception_desk.ui.cases.forms import setup_list_table
from reception_desk.ui.cases.status import DONE_COLOURS
from reception_desk.ui.cases.status import STATUS_COLOURS
from reception_desk.ui.cases.status import status_text
from reception_desk.ui.changes import announce
from reception_desk.ui.forms import buddy
from reception_desk.ui.paged_table import ROW_HEIGHT
from reception_desk.ui.rights import Rights

if TYPE_CHECKING:
    from reception_desk.services.hotspots.dto import DirectiveDTO


ACKNOWLEDGE_KEY = "Ctrl+K"
DONE_KEY = "Ctrl+E"


def _local(moment: datetime) -> datetime:
    """A stored moment (UTC; SQLite hands it back naive) in the office's time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(OFFICE_TZ)


class DirectivesSection(QWidget):
    """The directives on one case, open ones soonest due first, then those carried out."""

    acknowledged = Signal(int)  # directive id
    done = Signal(int)  # directive id
    failed = Signal(str)  # the desk's refusal, in words

    COLUMNS = (N_("Given"), N_("Directive"), N_("Assigned to"), N_("Due"),
               N_("Due status"), N_("Acknowledged"))
    #: The directive's own words take the room the other columns leave (elided, the tip has
    #: them all); the others are as wide as what they hold, so none is cut at 1366 px.
    TEXT_COLUMN = 1

    def __init__(self, desk: Desk, case_id: int, shortcut_parent: QWidget,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.rights = Rights(desk.access, self)  # acknowledging, carrying out: case work
        self._case_id = case_id
        self.directives: list[DirectiveDTO] = []
        self.setObjectName("caseDirectives")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 4, 0, 0)
        box.setSpacing(2)
        head = QHBoxLayout()
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("caseDirectiveTable")
        caption = buddy(_("D&irectives of the chairperson on this case (ý kiến chỉ đạo)"),
                        self.table)
        caption.setStyleSheet("font-weight: bold;")
        head.addWidget(caption)
        head.addStretch(1)
        self.acknowledge_button = QPushButton(_("Acknowledge (Ctrl+K)"))
        self.done_button = QPushButton(_("Carried out (Ctrl+E)"))
        for button in (self.acknowledge_button, self.done_button):
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # keys: Ctrl+K, Ctrl+E
            head.addWidget(button)
        box.addLayout(head)
        setup_list_table(self.table, self.COLUMNS, (), tab_keys=True)
        self.table.viewport().installEventFilter(self)  # its width: the columns fit again
        # The section is a tab of the case page: the list takes the tab's height, at least
        # three rows.
        self.table.setMinimumHeight(self.table.horizontalHeader().sizeHint().height()
                                    + 3 * ROW_HEIGHT + 2 * self.table.frameWidth())
        box.addWidget(self.table, 1)
        # The keys work anywhere on the case page (the same as on the hotspots page).
        self.acknowledge_shortcut = QShortcut(QKeySequence(ACKNOWLEDGE_KEY), shortcut_parent)
        self.done_shortcut = QShortcut(QKeySequence(DONE_KEY), shortcut_parent)
        for button, shortcut, slot in (
                (self.acknowledge_button, self.acknowledge_shortcut,
                 self._on_acknowledge_triggered),
                (self.done_button, self.done_shortcut, self._on_done_triggered)):
            self.rights.gate(button, Permission.MANAGE_CASES)
            self.rights.gate(shortcut, Permission.MANAGE_CASES)
            button.clicked.connect(slot)
            shortcut.activated.connect(slot)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.hide()

    # --- public ----------------------------------------------------------------------------
    def show_directives(self, select_id: int | None = None) -> None:
        """Re-read the case's directives; keep (or move) the selection to ``select_id``."""
        current = self.selected_directive()
        select_id = select_id if select_id is not None else (current.id if current else None)
        found = self._desk.hotspots.directives(case_id=self._case_id, open_only=False)
        self.directives = sorted(found, key=lambda d: (not d.is_open, d.due_on is None,
                                                       d.due_on or date.max, d.id))
        table = self.table
        table.setRowCount(len(self.directives))
        for row, d in enumerate(self.directives):
            if d.done_at is not None:
                due_status = _("Carried out on {day}").format(day=format_day(_local(d.done_at)))
                colours: tuple[QColor, QColor] | None = DONE_COLOURS
            elif d.due_on is None:
                due_status, colours = _("No due date"), None
            else:
                due_status = status_text(d.status, d.working_days_left, False)
                colours = STATUS_COLOURS.get(d.status)
            due = _("{weekday} {day}").format(weekday=weekday_name(d.due_on),
                                              day=format_day(d.due_on)) if d.due_on else "—"
            if d.acknowledged_at is not None:
                acknowledged = _("{who}, {when}").format(
                    who=d.acknowledged_by, when=_local(d.acknowledged_at).strftime(
                        "%d/%m/%Y %H:%M"))
            else:
                acknowledged = _("Not yet")
            cells = (format_day(_local(d.given_at)), d.text, d.assignee_name or "—", due,
                     due_status, acknowledged)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(" ".join(text.split()))
                item.setToolTip(text if column != 0 else _("Given by {who}").format(
                    who=d.given_by))
                item.setData(Qt.ItemDataRole.UserRole, d.id)
                if colours is not None and (column in (3, 4) or d.done_at is not None):
                    if d.done_at is None:
                        item.setBackground(QBrush(colours[0]))
                    item.setForeground(QBrush(colours[1]))
                table.setItem(row, column, item)
        self.setVisible(bool(self.directives))
        fit_columns(table, self.TEXT_COLUMN)
        rows = {d.id: i for i, d in enumerate(self.directives)}
        if select_id in rows:
            table.selectRow(rows[select_id])
        elif self.directives:
            table.selectRow(0)
        self._update_buttons()

    def selected_directive(self) -> DirectiveDTO | None:
        return current_item(self.table, self.directives)

    def acknowledge(self) -> bool:
        """Acknowledge the selected directive (audited by the desk)."""
        d = self.selected_directive()
        if d is None or d.acknowledged_at is not None:
            return False
        return self._save(self._desk.hotspots.acknowledge_directive, d.id, self.acknowledged)

    def complete(self) -> bool:
        """Mark the selected directive carried out (acknowledging it too if it was not)."""
        d = self.selected_directive()
        if d is None or not d.is_open:
            return False
        return self._save(self._desk.hotspots.complete_directive, d.id, self.done)

    # --- internals -------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            fit_columns(self.table, self.TEXT_COLUMN)
        return super().eventFilter(watched, event)

    def _save(self, action: Callable[[int], tuple[DirectiveDTO, object]], directive_id: int,
              saved_signal: SignalInstance) -> bool:
        """Run the desk's ``action`` on the directive; show the list again and tell who listens,
        or pass on the refusal in words."""
        try:
            saved, _changes = announce(self._desk, action(directive_id))
        except ReceptionDeskError as error:
            self.failed.emit(hotspot_message(error))
            return False
        self.show_directives(saved.id)
        saved_signal.emit(saved.id)
        return True

    @Slot()
    def _update_buttons(self) -> None:
        d = self.selected_directive()
        self.rights.enable(self.acknowledge_button, d is not None and d.acknowledged_at is None)
        self.rights.enable(self.done_button, d is not None and d.is_open)

    @Slot()
    def _on_acknowledge_triggered(self) -> None:
        """The button or Ctrl+K."""
        self.acknowledge()

    @Slot()
    def _on_done_triggered(self) -> None:
        """The button or Ctrl+E."""
        self.complete()

