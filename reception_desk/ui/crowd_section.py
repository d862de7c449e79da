"""Crowd visits (LEGAL.md §5): head count, delegation flag, representatives, participant list.

    crowd = CrowdSection(threshold=5)
    crowd.changed.connect(form.on_crowd_changed)
    draft.people_count, draft.delegation, draft.members = (
        crowd.people_count(), crowd.delegation(), crowd.members())

The Art. 29 rules (5–10 people → 1–2 representatives, more than 10 → at most 5) and the
delegation size are checked as the clerk types. A participant list copied from a spreadsheet is
pasted with Ctrl+V in the list (or the Paste button); bad lines are reported by line number.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reception_desk.domain.classification import IdDocType
from reception_desk.domain.identity import (
    DEFAULT_CROWD_THRESHOLD,
    check_crowd,
    guess_doc_type,
    parse_participants,
)
from reception_desk.domain.visits import MAX_PEOPLE, GroupMember
from reception_desk.i18n import _
from reception_desk.ui.labels import choices
from reception_desk.ui.messages_citizens import message

ERROR_STYLE = "color: #b71c1c;"
OK_STYLE = "color: #1b5e20;"
REP_NAME, REP_TYPE, REP_NUMBER, REP_ADDRESS, REP_PHONE = range(5)
P_NAME, P_NUMBER, P_ADDRESS, P_PHONE = range(4)


def _cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text().strip() if item is not None else ""


class CrowdSection(QWidget):
    """People count, delegation, representatives with identity, pasted participants, rules."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None,
                 threshold: int = DEFAULT_CROWD_THRESHOLD) -> None:
        super().__init__(parent)
        self._threshold = threshold
        self._loading = False
        self.people = QSpinBox(self)
        self.people.setRange(1, MAX_PEOPLE)
        self.people.setAccelerated(True)
        self.delegation_box = QCheckBox(_("Crowd delegation (from {threshold} people)")
                                        .format(threshold=threshold), self)
        top = QFormLayout()
        top.addRow(_("Number of people:"), self.people)
        top.addRow("", self.delegation_box)

        self.reps = QTableWidget(0, 5, self)
        self.reps.setHorizontalHeaderLabels(
            [_("Full name"), _("Paper"), _("Number"), _("Address"), _("Phone")])
        self._setup_table(self.reps, stretch=(REP_NAME, REP_ADDRESS))
        add_rep = QPushButton(_("Add representative"), self)
        remove_rep = QPushButton(_("Remove"), self)
        add_rep.clicked.connect(lambda: self._add_rep_row(GroupMember(is_representative=True)))
        remove_rep.clicked.connect(lambda: self._remove_current(self.reps))
        rep_buttons = QHBoxLayout()
        rep_buttons.addWidget(add_rep)
        rep_buttons.addWidget(remove_rep)
        rep_buttons.addStretch(1)

        self.participants = QTableWidget(0, 4, self)
        self.participants.setHorizontalHeaderLabels(
            [_("Full name"), _("ID number"), _("Address"), _("Phone")])
        self._setup_table(self.participants, stretch=(P_NAME, P_ADDRESS))
        self.participants.installEventFilter(self)
        paste = QPushButton(_("Paste list from spreadsheet (Ctrl+V)"), self)
        paste.clicked.connect(self.paste_from_clipboard)
        clear = QPushButton(_("Clear list"), self)
        clear.clicked.connect(self._clear_participants)
        p_buttons = QHBoxLayout()
        p_buttons.addWidget(paste)
        p_buttons.addWidget(clear)
        p_buttons.addStretch(1)

        self.rules = QLabel(self)
        self.rules.setWordWrap(True)
        self.paste_report = QLabel(self)
        self.paste_report.setWordWrap(True)
        self.paste_report.setStyleSheet(ERROR_STYLE)
        self.paste_report.hide()

        title_reps = QLabel(_("Representatives (with identity papers)"), self)
        title_reps.setProperty("role", "sectionTitle")
        title_list = QLabel(_("Participants"), self)
        title_list.setProperty("role", "sectionTitle")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.rules)
        layout.addWidget(title_reps)
        layout.addWidget(self.reps)
        layout.addLayout(rep_buttons)
        layout.addWidget(title_list)
        layout.addWidget(self.participants)
        layout.addLayout(p_buttons)
        layout.addWidget(self.paste_report)

        self.people.valueChanged.connect(self._on_any_changed)
        self.delegation_box.toggled.connect(self._on_any_changed)
        self.reps.itemChanged.connect(self._on_any_changed)
        self.participants.itemChanged.connect(self._on_any_changed)
        self._update_rules()

    # --- public API ------------------------------------------------------------------------
    def people_count(self) -> int:
        return self.people.value()

    def set_people_count(self, count: int) -> None:
        self.people.setValue(count)

    def delegation(self) -> bool:
        return self.delegation_box.isChecked()

    def set_delegation(self, on: bool) -> None:
        self.delegation_box.setChecked(on)

    def set_threshold(self, threshold: int) -> None:
        """The office's "đoàn đông người" size (a setting)."""
        self._threshold = threshold
        self.delegation_box.setText(_("Crowd delegation (from {threshold} people)")
                                    .format(threshold=threshold))
        self._update_rules()

    def representatives(self) -> list[GroupMember]:
        out = []
        for row in range(self.reps.rowCount()):
            name, number = _cell(self.reps, row, REP_NAME), _cell(self.reps, row, REP_NUMBER)
            if not (name or number):
                continue
            combo = self.reps.cellWidget(row, REP_TYPE)
            doc_type = combo.currentData() if isinstance(combo, QComboBox) else None
            out.append(GroupMember(
                full_name=name, id_doc_type=IdDocType(doc_type or IdDocType.CITIZEN_ID),
                id_number=number, address=_cell(self.reps, row, REP_ADDRESS),
                phone=_cell(self.reps, row, REP_PHONE), is_representative=True))
        return out

    def participants_list(self) -> list[GroupMember]:
        out = []
        for row in range(self.participants.rowCount()):
            name = _cell(self.participants, row, P_NAME)
            number = _cell(self.participants, row, P_NUMBER)
            if not (name or number):
                continue
            out.append(GroupMember(
                full_name=name, id_doc_type=guess_doc_type(number), id_number=number,
                address=_cell(self.participants, row, P_ADDRESS),
                phone=_cell(self.participants, row, P_PHONE), is_representative=False))
        return out

    def members(self) -> list[GroupMember]:
        """Representatives first, then the participants (VisitDraft.members)."""
        return self.representatives() + self.participants_list()

    def set_members(self, members: list[GroupMember], people_count: int | None = None,
                    delegation: bool | None = None) -> None:
        self._loading = True
        try:
            self.reps.setRowCount(0)
            self.participants.setRowCount(0)
            for m in members:
                if m.is_representative:
                    self._add_rep_row(m)
                else:
                    self._add_participant_row(m.full_name, m.id_number, m.address, m.phone)
            if people_count is not None:
                self.people.setValue(people_count)
            if delegation is not None:
                self.delegation_box.setChecked(delegation)
            self.paste_report.hide()
        finally:
            self._loading = False
        self._on_any_changed()

    def rule_messages(self) -> list[str]:
        """The Art. 29 / delegation messages now shown (empty when all is well)."""
        problems = check_crowd(self.people.value(), len(self.representatives()),
                               self.delegation(), threshold=self._threshold)
        return [message(p.code, p.params) for p in problems]

    def paste_participants(self, text: str) -> tuple[int, list[str]]:
        """Append the rows of a pasted list; returns (rows added, problem lines)."""
        rows = parse_participants(text)
        self._loading = True
        try:
            for r in rows:
                self._add_participant_row(r.full_name, r.id_number, r.address, r.phone)
        finally:
            self._loading = False
        problems = [self._line_problem(p.code, p.params) for r in rows for p in r.problems]
        if problems:
            self.paste_report.setText("\n".join(problems))
            self.paste_report.show()
        else:
            self.paste_report.hide()
        if rows and len(self.members()) > self.people.value():
            self.people.setValue(len(self.members()))  # the list counts the people who came
        self._on_any_changed()
        return len(rows), problems

    @staticmethod
    def _line_problem(code: str, params: dict[str, object]) -> str:
        text = message(code, params)
        if code.startswith("participant."):
            return text  # these sentences name their line already
        return _("Line {line}: {problem}").format(line=params.get("line", "?"), problem=text)

    @Slot()
    def paste_from_clipboard(self) -> None:
        text = QGuiApplication.clipboard().text()
        if text.strip():
            self.paste_participants(text)

    # --- internals -------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.participants and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.matches(QKeySequence.StandardKey.Paste)
                and self.participants.state() != QAbstractItemView.State.EditingState):
            self.paste_from_clipboard()
            return True
        return False

    def _setup_table(self, table: QTableWidget, stretch: tuple[int, ...]) -> None:
        table.verticalHeader().setDefaultSectionSize(26)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setMinimumHeight(110)
        header = table.horizontalHeader()
        for column in range(table.columnCount()):
            mode = (QHeaderView.ResizeMode.Stretch if column in stretch
                    else QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(column, mode)

    def _add_rep_row(self, m: GroupMember) -> None:
        row = self.reps.rowCount()
        was = self._loading
        self._loading = True
        try:
            self.reps.insertRow(row)
            for column, text in ((REP_NAME, m.full_name), (REP_NUMBER, m.id_number),
                                 (REP_ADDRESS, m.address), (REP_PHONE, m.phone)):
                self.reps.setItem(row, column, QTableWidgetItem(text))
            combo = QComboBox(self.reps)
            for value, text in choices(IdDocType):
                combo.addItem(text, value.value)
            combo.setCurrentIndex(max(0, combo.findData(m.id_doc_type.value)))
            combo.currentIndexChanged.connect(self._on_any_changed)
            self.reps.setCellWidget(row, REP_TYPE, combo)
        finally:
            self._loading = was
        if not was:
            self.reps.setCurrentCell(row, REP_NAME)
            self._on_any_changed()

    def _add_participant_row(self, name: str, number: str, address: str, phone: str) -> None:
        row = self.participants.rowCount()
        self.participants.insertRow(row)
        for column, text in enumerate((name, number, address, phone)):
            self.participants.setItem(row, column, QTableWidgetItem(text))

    def _remove_current(self, table: QTableWidget) -> None:
        row = table.currentRow()
        if row >= 0:
            table.removeRow(row)
            self._on_any_changed()

    @Slot()
    def _clear_participants(self) -> None:
        self.participants.setRowCount(0)
        self.paste_report.hide()
        self._on_any_changed()

    @Slot()
    def _on_any_changed(self, *_args: object) -> None:
        if self._loading:
            return
        self._update_rules()
        self.changed.emit()

    def _update_rules(self) -> None:
        messages = self.rule_messages()
        if messages:
            self.rules.setText("\n".join(messages))
            self.rules.setStyleSheet(ERROR_STYLE)
            return
        people = self.people.value()
        reps = len(self.representatives())
        listed = len(self.participants_list())
        self.rules.setStyleSheet(OK_STYLE)
        if people == 1:
            self.rules.setText("")
            return
        self.rules.setText(_("{people} people, representatives: {reps}, listed: {listed}. "
                             "The rules are met.").format(people=people, reps=reps,
                                                          listed=listed))
