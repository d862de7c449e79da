"""Ctrl+F: one box over citizens, visits and cases, results grouped, Enter opens.

    dialog = GlobalSearchDialog(desk, parent=window)
    dialog.visit_open_requested.connect(window.open_visit)      # visit id
    dialog.citizen_picked.connect(window.show_citizen)          # CitizenSummary
    dialog.case_open_requested.connect(window.open_case)        # case id
    QShortcut(QKeySequence.StandardKey.Find, window, dialog.open_search)
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QTreeWidget
from PySide6.QtWidgets import QTreeWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.i18n import _
from reception_desk.services.citizens.dto import GlobalResults
from reception_desk.services.context import Changes
from reception_desk.services.desk import Desk
from reception_desk.texts.access import shown_name
from reception_desk.texts.cases import stage_label
from reception_desk.texts.labels import label
from reception_desk.ui.changes import change_feed
from reception_desk.ui.citizen_search import citizen_lines

DEBOUNCE_MS = 150
KIND_ROLE = Qt.ItemDataRole.UserRole
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1


class GlobalSearchDialog(QDialog):
    """Grouped search results; Up/Down move through them, Enter opens, Esc closes."""

    visit_open_requested = Signal(int)
    citizen_picked = Signal(object)  # CitizenSummary
    case_open_requested = Signal(int)

    def __init__(self, desk: Desk, parent: QWidget | None = None, per_group: int = 10) -> None:
        super().__init__(parent)
        self._desk = desk
        self._per_group = per_group
        self._results = GlobalResults()
        self.setWindowTitle(_("Search everything"))
        self.resize(760, 520)
        self.query = QLineEdit(self)
        self.query.setPlaceholderText(_("Name, ID number, phone, content or case title…"))
        self.query.setClearButtonEnabled(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(False)
        self.tree.itemActivated.connect(self._on_tree_item_activated)
        self.status = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_now)
        self.query.textEdited.connect(lambda _text: self._timer.start())
        self.query.installEventFilter(self)
        self._stale = False  # records changed since the results were read
        change_feed(desk).changed.connect(self._on_changes)

    @Slot()
    def open_search(self) -> None:
        """Show (or bring back) the dialog with the query selected (the results as they are
        now, if records changed meanwhile)."""
        if self._stale:
            self.search_now()
        self.show()
        self.raise_()
        self.activateWindow()
        self.query.setFocus()
        self.query.selectAll()

    def results(self) -> GlobalResults:
        return self._results

    @Slot()
    def search_now(self) -> None:
        self._timer.stop()
        self._stale = False
        self._results = self._desk.citizens.global_search(self.query.text(), self._per_group)
        self._fill()

    @Slot(object)
    def _on_changes(self, changes: Changes) -> None:
        if not (changes.visits or changes.citizens or changes.cases) or not self.query.text():
            return
        if self.isVisible():
            self.search_now()
        else:
            self._stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.query and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move(1 if event.key() == Qt.Key.Key_Down else -1)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():
                    self.search_now()
                item = self.tree.currentItem() or self._first_hit()
                if item is not None:
                    self._open(item)
                return True
        return False

    def _hits(self) -> list[QTreeWidgetItem]:
        out = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            out += [group.child(i) for i in range(group.childCount())]
        return out

    def _first_hit(self) -> QTreeWidgetItem | None:
        hits = self._hits()
        return hits[0] if hits else None

    def _move(self, step: int) -> None:
        hits = self._hits()
        if not hits:
            return
        current = self.tree.currentItem()
        index = hits.index(current) + step if current in hits else 0
        self.tree.setCurrentItem(hits[max(0, min(len(hits) - 1, index))])

    def _fill(self) -> None:
        self.tree.clear()
        r = self._results
        groups = [
            (_("Citizens ({count})"), "citizen",
             [(citizen_lines(c), c) for c in r.citizens]),
            (_("Visits ({count})"), "visit",
             [(_("{date}  No. {stt}  {name}  ·  {type}\n{content}").format(
                 date=v.reception_date.strftime("%d/%m/%Y"), stt=v.stt,
                 name=shown_name(v.citizen_name),
                 type=label(v.petition_type), content=" ".join(v.content.split())), v.id)
              for v in r.visits]),
            (_("Cases ({count})"), "case",
             [(_("Case {number}: {title}  ·  {stage}").format(
                 number=c.number, title=c.title, stage=stage_label(c.stage)), c.id)
              for c in r.cases]),
        ]
        for title, kind, rows in groups:
            if not rows:
                continue
            group = QTreeWidgetItem([title.format(count=len(rows))])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            for text, value in rows:
                item = QTreeWidgetItem([text])
                item.setData(0, KIND_ROLE, kind)
                item.setData(0, VALUE_ROLE, value)
                group.addChild(item)
            group.setExpanded(True)
        first = self._first_hit()
        if first is not None:
            self.tree.setCurrentItem(first)
        self.status.setText("" if first is not None or not self.query.text().strip()
                            else _("Nothing found."))

    @Slot(QTreeWidgetItem, int)
    def _on_tree_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self._open(item)

    def _open(self, item: QTreeWidgetItem) -> None:
        kind = item.data(0, KIND_ROLE)
        value = item.data(0, VALUE_ROLE)
        if kind == "citizen":
            self.citizen_picked.emit(value)
        elif kind == "visit":
            self.visit_open_requested.emit(int(value))
        elif kind == "case":
            self.case_open_requested.emit(int(value))
        else:
            return
        self.accept()
