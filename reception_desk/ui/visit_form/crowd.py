"""Crowd visits (LEGAL.md §5): head count, delegation flag, representatives, participant list.

    crowd = CrowdSection(threshold=5)
    crowd.changed.connect(form.on_crowd_changed)
    draft.people_count, draft.delegation, draft.members = (
        crowd.people_count(), crowd.delegation(), crowd.members())

The Art. 29 rules (5–10 people → 1–2 representatives, more than 10 → at most 5) and the
delegation size are checked as the clerk types. A participant list copied from a spreadsheet is
pasted with Ctrl+V in the list (or the Paste button); bad lines are reported by line number.

Keyboard, in both tables: Insert adds a row, Delete or Ctrl+D removes the current one, typing
starts editing a cell; Tab leaves the table unless a cell is being edited (then it moves on to
the next cell).

A host form shows its own validation messages at the right place with
``set_field_errors(name, texts)`` (names in ``FIELD_NAMES``); while a field shows them, the live
rule line leaves out the rule messages about that field, so nothing is said twice.
``member_position(index)`` maps ``members()[index]`` (a "members.N" problem) to its table row.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QAbstractScrollArea
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSizePolicy
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.domain.classification import IdDocType
from reception_desk.domain.crowds import DEFAULT_CROWD_THRESHOLD
from reception_desk.domain.crowds import check_crowd
from reception_desk.domain.identity import guess_doc_type
from reception_desk.domain.identity import parse_participants
from reception_desk.domain.visits import MAX_PEOPLE
from reception_desk.domain.visits import GroupMember
from reception_desk.i18n import _
from reception_desk.texts import message
from reception_desk.texts.labels import choices
from reception_desk.ui.forms import error_label
from reception_desk.ui.theme import ERROR_COLOR
from reception_desk.ui.theme import SUCCESS_COLOR
from reception_desk.ui.theme import set_invalid

ERROR_STYLE = f"color: {ERROR_COLOR};"
OK_STYLE = f"color: {SUCCESS_COLOR};"
REP_NAME, REP_TYPE, REP_NUMBER, REP_ADDRESS, REP_PHONE = range(5)
P_NAME, P_NUMBER, P_ADDRESS, P_PHONE = range(4)
#: Fields a host form may attach messages to (``set_field_errors``).
FIELD_NAMES = ("people_count", "delegation", "representatives", "participants")
#: Item data of a participant's number cell: (number as set, IdDocType value), so a stored paper
#: type survives a round trip while the number is unchanged (a pasted list carries no type).
_DOC_ROLE = Qt.ItemDataRole.UserRole + 3


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
        self.people.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.delegation_box = QCheckBox(_("Crowd delegation (from {threshold} people)")
                                        .format(threshold=threshold), self)
        self.people.setAccessibleName(_("Number of people"))
        self.delegation_box.setAccessibleName(_("Crowd delegation"))
        #: The caption of the people count; a host form may give it a mnemonic (``&``).
        self.people_label = QLabel(_("Number of people:"), self)
        self.people_label.setBuddy(self.people)
        self._errors: dict[str, QLabel] = {name: error_label() for name in FIELD_NAMES}
        self._error_texts: dict[str, list[str]] = {name: [] for name in FIELD_NAMES}
        top = QFormLayout()
        top.addRow(self.people_label, self._with_error(self.people, "people_count"))
        top.addRow("", self._with_error(self.delegation_box, "delegation"))

        self.reps = QTableWidget(0, 5, self)
        self.reps.setHorizontalHeaderLabels(
            [_("Full name"), _("Paper"), _("Number"), _("Address"), _("Phone")])
        self._setup_table(self.reps, stretch=(REP_NAME, REP_ADDRESS))
        self.reps.setAccessibleName(_("Representatives (with identity papers)"))
        self.reps.installEventFilter(self)
        add_rep = QPushButton(_("Add representative"), self)
        remove_rep = QPushButton(_("Remove"), self)
        add_rep.clicked.connect(lambda: self._add_rep_row(GroupMember(is_representative=True)))
        remove_rep.clicked.connect(lambda: self._remove_current(self.reps))
        rep_buttons = QHBoxLayout()
        rep_buttons.addWidget(add_rep)
        rep_buttons.addWidget(remove_rep)
        self._buttons = [add_rep, remove_rep]
        rep_buttons.addStretch(1)

        self.participants = QTableWidget(0, 4, self)
        self.participants.setHorizontalHeaderLabels(
            [_("Full name"), _("ID number"), _("Address"), _("Phone")])
        self._setup_table(self.participants, stretch=(P_NAME, P_ADDRESS))
        self.participants.setAccessibleName(_("Participants"))
        self.participants.installEventFilter(self)
        paste = QPushButton(_("Paste list from spreadsheet (Ctrl+V)"), self)
        paste.clicked.connect(self.paste_from_clipboard)
        clear = QPushButton(_("Clear list"), self)
        clear.clicked.connect(self._clear_participants)
        p_buttons = QHBoxLayout()
        p_buttons.addWidget(paste)
        p_buttons.addWidget(clear)
        self._buttons += [paste, clear]
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
        #: The tables and their buttons: a host form may hide them for a one-person visit.
        self.details = QWidget(self)
        lower = QVBoxLayout(self.details)
        lower.setContentsMargins(0, 0, 0, 0)
        lower.addWidget(title_reps)
        lower.addWidget(self.reps)
        lower.addWidget(self._errors["representatives"])
        lower.addLayout(rep_buttons)
        lower.addWidget(title_list)
        lower.addWidget(self.participants)
        lower.addWidget(self._errors["participants"])
        lower.addLayout(p_buttons)
        lower.addWidget(self.paste_report)
        layout.addWidget(self.details)

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

    def tab_widgets(self) -> list[QWidget]:
        """The section's keyboard stops in tab order (a host form chains them into its own)."""
        add_rep, remove_rep, paste, clear = self._buttons
        return [self.people, self.delegation_box, self.reps, add_rep, remove_rep,
                self.participants, paste, clear]

    def field_widget(self, name: str) -> QWidget:
        """The input behind field ``name`` (one of ``FIELD_NAMES``)."""
        return {"people_count": self.people, "delegation": self.delegation_box,
                "representatives": self.reps, "participants": self.participants}[name]

    def set_field_errors(self, name: str, texts: list[str]) -> None:
        """Show ``texts`` under field ``name`` and mark it invalid (empty list: clear)."""
        self._error_texts[name] = list(texts)
        label = self._errors[name]
        label.setText("\n".join(texts))
        label.setVisible(bool(texts))
        widget = self.field_widget(name)
        set_invalid(widget, bool(texts))
        widget.setAccessibleDescription("\n".join(texts))
        self._update_rules()

    def field_errors(self, name: str) -> list[str]:
        return list(self._error_texts[name])

    def member_position(self, index: int) -> tuple[str, int] | None:
        """Where ``members()[index]`` is typed: ("representatives" or "participants", row)."""
        reps = self._filled_rows(self.reps, REP_NAME, REP_NUMBER, REP_ADDRESS, REP_PHONE)
        if 0 <= index < len(reps):
            return "representatives", reps[index]
        listed = self._filled_rows(self.participants, P_NAME, P_NUMBER, P_ADDRESS, P_PHONE)
        index -= len(reps)
        if 0 <= index < len(listed):
            return "participants", listed[index]
        return None

    def focus_member(self, index: int) -> None:
        """Put the keyboard on the row of ``members()[index]``."""
        where = self.member_position(index)
        if where is None:
            return
        table = self.field_widget(where[0])
        assert isinstance(table, QTableWidget)
        table.setCurrentCell(where[1], 0)
        table.setFocus(Qt.FocusReason.OtherFocusReason)

    @staticmethod
    def _filled_rows(table: QTableWidget, *columns: int) -> list[int]:
        """Rows holding some text (blank rows are scratch space, as in the documents table)."""
        return [row for row in range(table.rowCount())
                if any(_cell(table, row, c) for c in columns)]

    def representatives(self) -> list[GroupMember]:
        out = []
        for row in self._filled_rows(self.reps, REP_NAME, REP_NUMBER, REP_ADDRESS, REP_PHONE):
            name, number = _cell(self.reps, row, REP_NAME), _cell(self.reps, row, REP_NUMBER)
            combo = self.reps.cellWidget(row, REP_TYPE)
            doc_type = combo.currentData() if isinstance(combo, QComboBox) else None
            out.append(GroupMember(
                full_name=name, id_doc_type=IdDocType(doc_type or IdDocType.CITIZEN_ID),
                id_number=number, address=_cell(self.reps, row, REP_ADDRESS),
                phone=_cell(self.reps, row, REP_PHONE), is_representative=True))
        return out

    def participants_list(self) -> list[GroupMember]:
        out = []
        for row in self._filled_rows(self.participants, P_NAME, P_NUMBER, P_ADDRESS, P_PHONE):
            name = _cell(self.participants, row, P_NAME)
            number = _cell(self.participants, row, P_NUMBER)
            doc_type = guess_doc_type(number)
            item = self.participants.item(row, P_NUMBER)
            stored = item.data(_DOC_ROLE) if item is not None else None
            if stored and stored[0] == number:
                doc_type = IdDocType(stored[1])
            out.append(GroupMember(
                full_name=name, id_doc_type=doc_type, id_number=number,
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
                    self._add_participant_row(m.full_name, m.id_number, m.address, m.phone,
                                              m.id_doc_type)
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
        if (watched in (self.reps, self.participants) and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)):
            assert isinstance(watched, QTableWidget)
            if watched.state() == QAbstractItemView.State.EditingState:
                return False
            if watched is self.participants and event.matches(QKeySequence.StandardKey.Paste):
                self.paste_from_clipboard()
                return True
            key = event.key()
            if key == Qt.Key.Key_Insert:
                if watched is self.reps:
                    self._add_rep_row(GroupMember(is_representative=True))
                else:
                    self._add_participant_row("", "", "", "")
                    self.participants.setCurrentCell(self.participants.rowCount() - 1, P_NAME)
                return True
            if key == Qt.Key.Key_Delete or (
                    key == Qt.Key.Key_D
                    and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
                self._remove_current(watched)
                return True
        return False

    def _with_error(self, widget: QWidget, name: str) -> QWidget:
        """``widget`` with its (hidden) message line under it: one form-layout field."""
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self._errors[name])
        return box

    def _setup_table(self, table: QTableWidget, stretch: tuple[int, ...]) -> None:
        table.verticalHeader().setDefaultSectionSize(26)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setTabKeyNavigation(False)  # Tab leaves the table; inside an editor it moves on
        table.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                              | QAbstractItemView.EditTrigger.EditKeyPressed
                              | QAbstractItemView.EditTrigger.DoubleClicked)
        table.setMinimumHeight(110)
        # As tall as its rows (no empty acres in a long form), scrolling beyond about ten.
        table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        table.setMaximumHeight(320)
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

    def _add_participant_row(self, name: str, number: str, address: str, phone: str,
                             doc_type: IdDocType | None = None) -> None:
        row = self.participants.rowCount()
        was = self._loading
        self._loading = True
        try:
            self.participants.insertRow(row)
            for column, text in enumerate((name, number, address, phone)):
                item = QTableWidgetItem(text)
                if column == P_NUMBER and doc_type is not None:
                    item.setData(_DOC_ROLE, (number.strip(), doc_type.value))
                self.participants.setItem(row, column, item)
        finally:
            self._loading = was

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
        problems = check_crowd(self.people.value(), len(self.representatives()),
                               self.delegation(), threshold=self._threshold)
        # A field showing the host form's messages says it there: not twice.
        messages = [message(p.code, p.params) for p in problems
                    if not self._error_texts.get(str(p.field))]
        if problems and not messages:
            self.rules.setText("")  # all said under their fields; the rules are not met
            return
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
