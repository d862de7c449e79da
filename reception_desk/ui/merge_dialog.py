"""Merge two citizen records that are the same person (audited; every visit kept).

    dialog = MergeDialog(desk, parent=window)
    dialog.merged.connect(window.on_citizens_merged)   # services.citizens.MergeResult
    dialog.set_pair(first_id, second_id)                # optional: preselect both records
    dialog.exec()
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.i18n import ngettext
from reception_desk.services.citizens.dto import CitizenSummary
from reception_desk.services.desk import Desk
from reception_desk.texts import message
from reception_desk.texts.labels import label
from reception_desk.ui.changes import announce
from reception_desk.ui.citizen_search import CitizenSearch


def _details(c: CitizenSummary | None) -> str:
    if c is None:
        return _("Type a name, ID number or phone, then pick a record.")
    born = c.birth_date.strftime("%d/%m/%Y") if c.birth_date else "-"
    return _("{name}\nPaper: {paper} {number}\nBorn: {born}\nPhone: {phone}\nAddress: {address}\n"
             "Record no. {id}").format(
        name=c.full_name, paper=label(c.id_doc_type), number=c.id_number or "-", born=born,
        phone=c.phone or "-", address=c.address or "-", id=c.id)


class _Side(QWidget):
    def __init__(self, desk: Desk, title: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.desk = desk
        self.citizen: CitizenSummary | None = None
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(_("Search the registry…"))
        self.search = CitizenSearch(self.edit, desk, fill_name=True)
        self.search.citizen_picked.connect(self.set_citizen)
        self.info = QLabel(_details(None), self)
        self.info.setWordWrap(True)
        self.visits = QListWidget(self)
        heading = QLabel(title, self)
        heading.setProperty("role", "sectionTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.edit)
        layout.addWidget(self.info)
        layout.addWidget(self.visits, 1)

    @Slot(object)
    def set_citizen(self, citizen: CitizenSummary | None) -> None:
        self.citizen = citizen
        self.info.setText(_details(citizen))
        self.visits.clear()
        if citizen is None:
            return
        for v in self.desk.citizens.visits(citizen.id):
            self.visits.addItem(_("{date}  No. {stt}  {content}").format(
                date=v.reception_date.strftime("%d/%m/%Y"), stt=v.stt,
                content=" ".join(v.content.split())))


class MergeDialog(QDialog):
    """Pick two records, see both with their visits, confirm: the second merges into the first."""

    merged = Signal(object)  # MergeResult

    def __init__(self, desk: Desk, parent: QWidget | None = None,
                 confirm: Callable[[str], bool] | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._confirm = confirm or self._ask
        self.setWindowTitle(_("Merge citizen records"))
        self.resize(900, 560)
        self.keep = _Side(desk, _("Record to keep"), self)
        self.other = _Side(desk, _("Duplicate record (merged into the first)"), self)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b71c1c;")
        self.error.setWordWrap(True)
        explain = QLabel(_("Every visit and case of the duplicate moves to the record kept. "
                           "Nothing is deleted; the merge is recorded in the audit log."), self)
        explain.setWordWrap(True)
        self.merge_button = QPushButton(_("Merge"), self)
        self.merge_button.clicked.connect(self.merge)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        grid = QGridLayout()
        grid.addWidget(self.keep, 0, 0)
        grid.addWidget(self.other, 0, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid, 1)
        layout.addWidget(explain)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def set_pair(self, keep_id: int, other_id: int) -> None:
        self.keep.set_citizen(self._desk.citizens.get(keep_id))
        self.other.set_citizen(self._desk.citizens.get(other_id))

    def _ask(self, text: str) -> bool:
        answer = QMessageBox.question(self, _("Merge citizen records"), text)
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def merge(self) -> None:
        keep, other = self.keep.citizen, self.other.citizen
        if keep is None or other is None:
            self.error.setText(_("Pick both records first."))
            return
        question = ngettext(
            "Merge {other} (record no. {other_id}, {count} visit) into {keep} (record no. "
            "{keep_id})?",
            "Merge {other} (record no. {other_id}, {count} visits) into {keep} (record no. "
            "{keep_id})?", other.visit_count).format(
            other=other.full_name, other_id=other.id, count=other.visit_count,
            keep=keep.full_name, keep_id=keep.id)
        if not self._confirm(question):
            return
        try:
            result, _changes = announce(self._desk, self._desk.citizens.merge(keep.id, other.id))
        except UserError as exc:
            self.error.setText(message(exc.code, exc.params))
            return
        self.error.setText("")
        self.keep.set_citizen(result.survivor)
        self.other.set_citizen(None)
        self.merged.emit(result)
