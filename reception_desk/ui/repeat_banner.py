"""The banner the visit form shows before saving when the person or the matter came before.

    banner = RepeatBanner()
    banner.set_report(desk.citizens.repeats(form.draft()))   # hides itself when nothing matches
    banner.link_requested.connect(form.link_case)             # the case id → VisitDraft.case_id

Alt+L or Ctrl+L (while the banner shows, anywhere in its window) links the new visit to the
matter of the selected row, or to the suggested matter.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.i18n import _
from reception_desk.i18n import ngettext
from reception_desk.services.citizens.dto import RepeatReport
from reception_desk.services.citizens.dto import RepeatVisit
from reception_desk.texts.access import shown_name
from reception_desk.texts.cases import stage_label
from reception_desk.texts.labels import label

LINK_KEYS = ("Alt+L", "Ctrl+L")
MAX_ROWS_SHOWN = 6

STYLE = """
RepeatBanner { background: #fff8e1; border: 1px solid #f9a825; border-radius: 4px; }
QLabel#repeatTitle { font-weight: bold; color: #6d4c00; }
QLabel#repeatLinked { color: #1b5e20; font-weight: bold; }
"""


class RepeatBanner(QFrame):
    """Earlier visits and cases (date, content, case, status) and a one-key link to the matter."""

    link_requested = Signal(int)  # case id

    def __init__(self, parent: QWidget | None = None,
                 context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut) -> None:
        super().__init__(parent)
        self.setObjectName("RepeatBanner")
        self.setStyleSheet(STYLE)
        self._report = RepeatReport()
        self._linked: int | None = None
        self.title = QLabel(self)
        self.title.setObjectName("repeatTitle")
        self.title.setWordWrap(True)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(
            [_("Date"), _("No."), _("Content"), _("Case"), _("Status")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in (0, 1, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_link_row)
        self.linked_label = QLabel(self)
        self.linked_label.setObjectName("repeatLinked")
        self.link_button = QPushButton(self)
        self.link_button.clicked.connect(self.request_link)
        row = QHBoxLayout()
        row.addWidget(self.linked_label, 1)
        row.addWidget(self.link_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        layout.addLayout(row)
        self._shortcuts = []
        for keys in LINK_KEYS:
            shortcut = QShortcut(QKeySequence(keys), self, context=context)
            shortcut.activated.connect(self.request_link)
            self._shortcuts.append(shortcut)
        self.hide()

    # --- public ----------------------------------------------------------------------------
    def set_report(self, report: RepeatReport | None) -> None:
        """Show ``report`` (hide when there is nothing to show)."""
        self._report = report or RepeatReport()
        self._fill()
        self.setVisible(not self._report.empty)

    def report(self) -> RepeatReport:
        return self._report

    def set_linked(self, case_id: int | None) -> None:
        """Tell the banner which matter the draft is linked to now (shown as confirmation)."""
        self._linked = case_id
        self._update_link_row()

    def case_to_link(self) -> int | None:
        """The selected row's case, else the suggested one."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if rows:
            visits = self._report.visits[: self.table.rowCount()]
            index = rows[0].row()
            if index < len(visits) and visits[index].case_id is not None:
                return visits[index].case_id
        return self._report.suggested_case_id

    @Slot()
    def request_link(self) -> None:
        case_id = self.case_to_link()
        if case_id is not None and self.isVisible():
            self.link_requested.emit(case_id)

    # --- internals -------------------------------------------------------------------------
    def _title(self) -> str:
        r = self._report
        person = r.person_visit_count
        similar = sum(1 for v in r.visits if not v.same_person)
        parts = []
        if person:
            parts.append(ngettext("This citizen has come {count} time before.",
                                  "This citizen has come {count} times before.",
                                  person).format(count=person))
        if similar:
            parts.append(ngettext(
                "{count} visit from the same hamlet about a similar matter.",
                "{count} visits from the same hamlet about a similar matter.",
                similar).format(count=similar))
        if r.cases:
            parts.append(ngettext("{count} case on file.", "{count} cases on file.",
                                  len(r.cases)).format(count=len(r.cases)))
        return " ".join(parts)

    def _status(self, v: RepeatVisit) -> str:
        if v.case_stage:
            return stage_label(v.case_stage)
        return label(v.direction)

    def _fill(self) -> None:
        self.title.setText(self._title())
        visits = self._report.visits[:MAX_ROWS_SHOWN]
        self.table.setRowCount(len(visits))
        for row, v in enumerate(visits):
            content = " ".join(v.content.split())
            if not v.same_person:
                content = _("{name}: {content}").format(name=shown_name(v.citizen_name),
                                                   content=content)
            cells = [v.reception_date.strftime("%d/%m/%Y"), v.stt, content,
                     v.case_number or "", self._status(v)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(" ".join(v.content.split()) if column == 2 else text)
                self.table.setItem(row, column, item)
        height = self.table.horizontalHeader().height() + 4
        height += sum(self.table.rowHeight(r) for r in range(len(visits)))
        self.table.setFixedHeight(height)
        self.table.setVisible(bool(visits))
        self._update_link_row()

    @Slot()
    def _update_link_row(self) -> None:
        """The link row for the case of the selected visit (kept up as the selection moves)."""
        case_id = self.case_to_link()
        cases = {c.id: c for c in self._report.cases}
        if self._linked is not None and self._linked in cases:
            self.linked_label.setText(_("Linked to case {number}.").format(
                number=cases[self._linked].number))
        else:
            self.linked_label.setText("")
        if case_id is None:
            self.link_button.setText(_("No case to link: a new matter will be opened"))
            self.link_button.setEnabled(False)
            return
        number = cases[case_id].number if case_id in cases else str(case_id)
        self.link_button.setText(_("Link to case {number} (Alt+L)").format(number=number))
        self.link_button.setEnabled(True)
