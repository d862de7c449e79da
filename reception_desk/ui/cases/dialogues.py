"""The Dialogue section of the case page (issue 14 item 5), complaints only: whether the law (as
the office set the rule) requires a dialogue and why, the missing-dialogue flag, the record of
whether verification and the request differ, the dialogues with their status, and the keys to
schedule one (Ctrl+Shift+G), record it held (Ctrl+Shift+J), cancel it and print its minutes
(Ctrl+Shift+B). Keyboard only: every control is reached by Tab or its Alt mnemonic.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDateTime
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.domain.access import Permission
from reception_desk.domain.dialogues import DialogueStatus
from reception_desk.domain.dialogues import MissingReason
from reception_desk.domain.dialogues import Participant
from reception_desk.domain.dialogues import ParticipantRole
from reception_desk.domain.dialogues import Requirement
from reception_desk.errors import UserError
from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.services.cases.dialogue_dto import DialogueDTO
from reception_desk.services.cases.dialogue_dto import DialogueSummary
from reception_desk.services.cases.dialogue_dto import HoldDialogue
from reception_desk.services.cases.dialogue_dto import ScheduleDialogue
from reception_desk.services.cases.dto import CaseDetail
from reception_desk.services.cases.dto import ComplainantRole
from reception_desk.services.context import Changes
from reception_desk.services.desk import Desk
from reception_desk.texts.cases import format_day
from reception_desk.ui.cases.forms import current_item
from reception_desk.ui.cases.forms import error_text
from reception_desk.ui.changes import announce
from reception_desk.ui.datetime_row import from_qdate
from reception_desk.ui.datetime_row import office_moment
from reception_desk.ui.datetime_row import to_qdate
from reception_desk.ui.datetime_row import to_qdatetime
from reception_desk.ui.forms import buddy
from reception_desk.ui.forms import button_row
from reception_desk.ui.forms import date_edit
from reception_desk.ui.forms import date_time_edit
from reception_desk.ui.forms import error_label
from reception_desk.ui.forms import ok_cancel
from reception_desk.ui.participants import LinesEdit
from reception_desk.ui.participants import people
from reception_desk.ui.rights import Rights

SCHEDULE_KEY = "Ctrl+Shift+G"
HOLD_KEY = "Ctrl+Shift+J"
PRINT_KEY = "Ctrl+Shift+B"

STATUS_WORDS = {
    DialogueStatus.SCHEDULED: N_("Scheduled"),
    DialogueStatus.HELD: N_("Held"),
    DialogueStatus.CANCELLED: N_("Cancelled"),
}
REQUIREMENT_WORDS = {
    Requirement.REQUIRED: N_("A dialogue is required before the decision ({basis})."),
    Requirement.NOT_REQUIRED: N_("No dialogue is required ({basis})."),
    Requirement.UNKNOWN: N_(
        "A dialogue is required if the verification result differs from the request "
        "({basis}): record it below."),
}
FLAG_WORDS = {
    MissingReason.DECIDED_WITHOUT: N_("Decided on {decided} without a dialogue held."),
    MissingReason.DEADLINE_NEAR: N_(
        "No dialogue held and {left} working days left before the deadline {due}."),
    MissingReason.DEADLINE_PASSED: N_("No dialogue held and the deadline {due} has passed."),
}
RULE_NOTE = N_("Rule from Luật Khiếu nại Art. 30/39 as the office set it (not verified against "
               "the text: Settings may change it).")
ROLE_WORDS = {
    ParticipantRole.PRESIDING: N_("Presiding"),
    ParticipantRole.COMPLAINANT: N_("Complainant"),
    ParticipantRole.RESPONDENT: N_("Complained against"),
    ParticipantRole.BODY: N_("Body or person concerned"),
    ParticipantRole.MINUTE_TAKER: N_("Minute-taker"),
}
_DIFFERS = ((N_("Not recorded"), None), (N_("Differs from the request"), True),
            (N_("Agrees with the request"), False))


def requirement_text(summary: DialogueSummary) -> str:
    return _(REQUIREMENT_WORDS[summary.requirement]).format(basis=summary.basis or "—")


def flag_text(summary: DialogueSummary) -> str:
    flag = summary.flag
    if flag is None:
        return ""
    return _(FLAG_WORDS[flag.reason]).format(
        decided=format_day(flag.decided_on) if flag.decided_on else "",
        left=flag.working_days_left, due=format_day(flag.due) if flag.due else "")


class _DialogueForm(QDialog):
    """A form about a case's dialogue: captioned fields, the line saying why the desk refused,
    OK (``ok_text``) and Cancel. ``save`` runs the use case; ``saved`` keeps its dialogue."""

    def __init__(self, desk: Desk, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.saved: DialogueDTO | None = None
        self.setWindowTitle(title)
        self.form = QFormLayout(self)

    def _end_form(self, ok_text: str) -> None:
        self.error = error_label()
        self.form.addRow(self.error)
        buttons = ok_cancel(self, ok_text)
        buttons.accepted.connect(self._on_buttons_accepted)
        self.form.addRow(buttons)

    def save(self) -> bool:
        raise NotImplementedError

    def _run(self, call: Callable[[], tuple[DialogueDTO, Changes]]) -> bool:
        """Run the use case; on success keep its dialogue and close, else show why and stay."""
        try:
            self.saved, _changes = announce(self._desk, call())
        except UserError as err:
            self.error.setText(error_text(err))
            self.error.show()
            return False
        self.accept()
        return True

    @Slot()
    def _on_buttons_accepted(self) -> None:
        self.save()


class ScheduleDialogueDialog(_DialogueForm):
    """Schedule a dialogue: when, where, what about, who takes part (one per line)."""

    def __init__(self, desk: Desk, detail: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(desk, _("Schedule a dialogue — case {number}").format(
            number=detail.number), parent)
        self._case_id = detail.id
        # A week ahead at 08:00: the invitations go out at least 5 days before (LEGAL.md §4.2).
        today = desk.today()
        self.at_edit = date_time_edit(QDateTime(today.year, today.month, today.day, 8, 0, 0)
                                      .addDays(7))
        self.place_edit = QLineEdit(_("Meeting hall of the People's Committee"))
        self.topic_edit = LinesEdit(detail.title)
        self.invited_edit = date_edit()
        self.invited_edit.setDate(to_qdate(today))
        self.presiding_edit = QLineEdit()
        self.complainants_edit = LinesEdit("\n".join(
            c.full_name for c in detail.complainants if c.role == ComplainantRole.COMPLAINANT))
        self.respondents_edit = LinesEdit(detail.respondents)
        self.bodies_edit = LinesEdit()
        self.taker_edit = QLineEdit()
        for text, widget in (
            (_("&When:"), self.at_edit), (_("&Place:"), self.place_edit),
            (_("&Matters to discuss:"), self.topic_edit),
            (_("&Invitations sent on:"), self.invited_edit),
            (_("P&residing (name, title):"), self.presiding_edit),
            (_("&Complainants (one a line):"), self.complainants_edit),
            (_("Complained a&gainst (one a line):"), self.respondents_edit),
            (_("&Bodies concerned (one a line):"), self.bodies_edit),
            (_("Minute-&taker (name, title):"), self.taker_edit)):
            self.form.addRow(buddy(text, widget), widget)
            if isinstance(widget, LinesEdit):
                widget.setMaximumHeight(70)
        self._end_form(_("&Schedule"))

    def participants(self) -> list[Participant]:
        return (people(ParticipantRole.PRESIDING, [self.presiding_edit.text()])
                + people(ParticipantRole.COMPLAINANT, self.complainants_edit.lines())
                + people(ParticipantRole.RESPONDENT, self.respondents_edit.lines())
                + people(ParticipantRole.BODY, self.bodies_edit.lines())
                + people(ParticipantRole.MINUTE_TAKER, [self.taker_edit.text()]))

    def save(self) -> bool:
        cmd = ScheduleDialogue(self._case_id, office_moment(self.at_edit.dateTime()),
                               self.place_edit.text(), self.participants(),
                               topic=self.topic_edit.toPlainText(),
                               invited_on=from_qdate(self.invited_edit.date()))
        return self._run(lambda: self._desk.cases.schedule_dialogue(cmd))


class HoldDialogueDialog(_DialogueForm):
    """Record a scheduled dialogue as held: when, each participant's opinion, the result."""

    def __init__(self, desk: Desk, dialogue: DialogueDTO, parent: QWidget | None = None) -> None:
        super().__init__(desk, _("Record the dialogue as held"), parent)
        self._dialogue = dialogue
        self.held_edit = date_time_edit(to_qdatetime(dialogue.scheduled_at))
        self.form.addRow(buddy(_("&Held at:"), self.held_edit), self.held_edit)
        self.opinion_edits: list[tuple[Participant, QPlainTextEdit]] = []
        for p in dialogue.participants:
            if p.role is ParticipantRole.MINUTE_TAKER:
                continue
            edit = LinesEdit(p.opinion)
            edit.setMaximumHeight(60)
            self.form.addRow(QLabel(f"{_(ROLE_WORDS[p.role])}: {p.name}"), edit)
            self.opinion_edits.append((p, edit))
        self.result_edit = LinesEdit(dialogue.result)
        self.form.addRow(buddy(_("&Result:"), self.result_edit), self.result_edit)
        self._end_form(_("&Record"))

    def save(self) -> bool:
        said = {id(p): e.toPlainText() for p, e in self.opinion_edits}
        people_said = [Participant(p.role, p.name, p.position, said.get(id(p), p.opinion))
                       for p in self._dialogue.participants]
        cmd = HoldDialogue(self._dialogue.id, office_moment(self.held_edit.dateTime()),
                           people_said, self.result_edit.toPlainText(), self._dialogue.version)
        return self._run(lambda: self._desk.cases.hold_dialogue(cmd))


class DialogueSection(QGroupBox):
    """The case page's dialogue part (hidden for anything but a complaint)."""

    failed = Signal(str)

    def __init__(self, desk: Desk, shortcut_parent: QWidget) -> None:
        super().__init__(_("Dialogue (đối thoại)"))
        self._desk = desk
        self.detail: CaseDetail | None = None
        self.dialogues: tuple[DialogueDTO, ...] = ()
        self.open_dialog: QDialog | None = None
        self.preview: QDialog | None = None
        layout = QVBoxLayout(self)
        self.rule_label = QLabel()
        self.rule_label.setWordWrap(True)
        self.rule_label.setToolTip(_(RULE_NOTE))
        self.flag_label = QLabel()
        self.flag_label.setWordWrap(True)
        self.flag_label.setObjectName("dialogueFlag")
        self.flag_label.setStyleSheet("color: #b00020; font-weight: bold;")
        layout.addWidget(self.rule_label)
        layout.addWidget(self.flag_label)
        self.differs_combo = QComboBox()
        for text, value in _DIFFERS:
            self.differs_combo.addItem(_(text), value)
        differs_label = QLabel(_("&Verification result:"))
        differs_label.setBuddy(self.differs_combo)
        row = QFormLayout()
        row.addRow(differs_label, self.differs_combo)
        layout.addLayout(row)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([_("Status"), _("When"), _("Place"), _("Result")])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMaximumHeight(110)
        layout.addWidget(self.table)
        self.schedule_button = QPushButton(_("Schedule dialo&gue… ({key})").format(
            key=SCHEDULE_KEY))
        self.hold_button = QPushButton(_("Record &held… ({key})").format(key=HOLD_KEY))
        self.cancel_button = QPushButton(_("Cancel dialogue…"))
        self.print_button = QPushButton(_("Print minutes ({key})").format(key=PRINT_KEY))
        layout.addLayout(button_row(self.schedule_button, self.hold_button, self.cancel_button,
                                    self.print_button))
        self.cancel_reason_edit = QLineEdit()
        self.cancel_reason_edit.setPlaceholderText(_("Reason for cancelling"))
        layout.addWidget(self.cancel_reason_edit)
        self.schedule_shortcut = QShortcut(QKeySequence(SCHEDULE_KEY), shortcut_parent)
        self.hold_shortcut = QShortcut(QKeySequence(HOLD_KEY), shortcut_parent)
        self.print_shortcut = QShortcut(QKeySequence(PRINT_KEY), shortcut_parent)
        self.rights = Rights(desk.access, self)
        for target in (self.schedule_button, self.hold_button, self.cancel_button,
                       self.schedule_shortcut, self.hold_shortcut, self.differs_combo):
            self.rights.gate(target, Permission.MANAGE_CASES)
        for target in (self.print_button, self.print_shortcut):
            self.rights.gate(target, Permission.ISSUE_DOCUMENTS)
        for button, shortcut, act in (
                (self.schedule_button, self.schedule_shortcut, self.open_schedule),
                (self.hold_button, self.hold_shortcut, self.open_hold),
                (self.print_button, self.print_shortcut, self.print_selected)):
            button.clicked.connect(act)
            shortcut.activated.connect(act)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.differs_combo.activated.connect(self._on_differs_combo_activated)
        self.table.itemSelectionChanged.connect(self._update_buttons)

    # --- showing -----------------------------------------------------------------------------
    def show_case(self, detail: CaseDetail) -> None:
        self.detail = detail
        summary = detail.dialogue
        self.setVisible(summary is not None)
        if summary is None:
            self.dialogues = ()
            return
        self.rule_label.setText(requirement_text(summary))
        self.flag_label.setText(flag_text(summary))
        self.flag_label.setVisible(summary.flag is not None)
        self.differs_combo.blockSignals(True)
        self.differs_combo.setCurrentIndex(
            [v for _t, v in _DIFFERS].index(summary.verification_differs))
        self.differs_combo.blockSignals(False)
        keep = self.selected()
        self.dialogues = summary.dialogues
        self.table.setRowCount(len(self.dialogues))
        for row, d in enumerate(self.dialogues):
            when = d.held_at or d.scheduled_at
            status = _(STATUS_WORDS[d.status])
            if d.invitation_short and d.status is DialogueStatus.SCHEDULED:
                status += " — " + _("invited less than 5 days ahead")
            cells = (status, when.strftime("%d/%m/%Y %H:%M"), d.place,
                     d.result or d.cancel_reason)
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        if self.dialogues:
            ids = [d.id for d in self.dialogues]
            self.table.selectRow(ids.index(keep.id) if keep and keep.id in ids
                                 else len(ids) - 1)
        self._update_buttons()

    def selected(self) -> DialogueDTO | None:
        return current_item(self.table, self.dialogues)

    @Slot()
    def _update_buttons(self) -> None:
        current = self.selected()
        scheduled = current is not None and current.status is DialogueStatus.SCHEDULED
        open_case = self.detail is not None and self.detail.is_open
        for targets, usable in (
                ((self.schedule_button, self.schedule_shortcut), open_case),
                ((self.hold_button, self.hold_shortcut, self.cancel_button), scheduled),
                ((self.print_button, self.print_shortcut), current is not None)):
            for target in targets:
                self.rights.enable(target, usable)

    # --- acting ------------------------------------------------------------------------------
    def open_schedule(self) -> ScheduleDialogueDialog | None:
        if self.detail is None or not self.schedule_button.isEnabled():
            return None
        dialog = ScheduleDialogueDialog(self._desk, self.detail, self)
        self._open(dialog, dialog.at_edit)
        return dialog

    def open_hold(self) -> HoldDialogueDialog | None:
        current = self.selected()
        if current is None or not self.hold_button.isEnabled():
            return None
        dialog = HoldDialogueDialog(self._desk, current, self)
        self._open(dialog, dialog.held_edit)
        return dialog

    def _open(self, dialog: QDialog, first: QWidget) -> None:
        """Open ``dialog`` window-modally (never blocking), the keyboard in ``first``."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_dialog_finished)
        self.open_dialog = dialog
        dialog.open()
        first.setFocus()

    @Slot(int)
    def _on_dialog_finished(self, _result: int) -> None:
        self.open_dialog = None
        self.table.setFocus()

    def cancel_selected(self) -> bool:
        current = self.selected()
        if current is None or not self.cancel_button.isEnabled():
            return False
        try:
            announce(self._desk, self._desk.cases.cancel_dialogue(
                current.id, self.cancel_reason_edit.text()))
        except UserError as err:
            self.failed.emit(error_text(err))
            self.cancel_reason_edit.setFocus()
            return False
        self.cancel_reason_edit.clear()
        return True

    def print_selected(self) -> QDialog | None:
        current = self.selected()
        if current is None or not self.print_button.isEnabled():
            return None
        from reception_desk.ui.print_preview import preview_minutes

        dialogue_id = current.id
        try:
            pdf = self._desk.documents.dialogue_minutes(dialogue_id)
        except UserError as err:
            self.failed.emit(error_text(err))
            return None
        self.preview = preview_minutes(
            pdf, _("Dialogue minutes"), f"bien-ban-doi-thoai-{dialogue_id}.pdf",
            lambda paper: self._desk.documents.dialogue_minutes(dialogue_id, paper), self)
        return self.preview

    @Slot(int)
    def _on_differs_combo_activated(self, _index: int) -> None:
        if self.detail is None:
            return
        try:
            announce(self._desk, self._desk.cases.set_verification_differs(
                self.detail.id, self.differs_combo.currentData()))
        except UserError as err:
            self.failed.emit(error_text(err))
