"""The head's reception schedule (issue 14): a month of sessions and the chair's duty.

``ScheduleDialog(desk)``: the month's sessions in a list (Page Up / Page Down: previous / next
month), the duty of each week or month (met / scheduled / at risk / missed) above it, and the
actions, all by keyboard: new session (Ctrl+N), edit (Enter), mark held (Ctrl+D), held with
nobody (Ctrl+Shift+D), cancel with a reason (Delete), publish the month (Ctrl+Shift+U), print
the notice (Ctrl+P), conclusion (Ctrl+K), print the conclusion or the minutes of an empty session
(Ctrl+Shift+P).
``SessionDialog``: day, hours, presiding leader and role, authorisation, place, minute-taker,
invited bodies (one per line), matters; Ctrl+Enter saves. ``ConclusionDialog``: the conclusion
and its instructions, one per line "body | content | deadline"; Ctrl+Enter saves.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from datetime import timedelta
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtCore import QTime
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QColor
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.domain.access import Permission
from reception_desk.domain.dates import parse_day
from reception_desk.domain.sessions import DutyPeriod
from reception_desk.domain.sessions import DutyState
from reception_desk.domain.sessions import LeaderRole
from reception_desk.domain.sessions import ParticipantKind
from reception_desk.domain.sessions import PublicityWarning
from reception_desk.domain.sessions import SessionStatus
from reception_desk.errors import ReceptionDeskError
from reception_desk.errors import UserError
from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.printing.layout import weekday
from reception_desk.services.desk import Desk
from reception_desk.services.sessions.dto import InstructionDraft
from reception_desk.services.sessions.dto import MemberLine
from reception_desk.services.sessions.dto import ScheduleDTO
from reception_desk.services.sessions.dto import SessionDraft
from reception_desk.services.sessions.dto import SessionDTO
from reception_desk.texts import message_for
from reception_desk.ui.changes import announce
from reception_desk.ui.datetime_row import from_minutes
from reception_desk.ui.datetime_row import from_qdate
from reception_desk.ui.datetime_row import time_edit
from reception_desk.ui.datetime_row import to_minutes
from reception_desk.ui.datetime_row import to_qdate
from reception_desk.ui.forms import buddy
from reception_desk.ui.forms import date_edit
from reception_desk.ui.forms import problems_text
from reception_desk.ui.forms import read_only_rows
from reception_desk.ui.forms import show_error
from reception_desk.ui.participants import LinesEdit
from reception_desk.ui.rights import Rights

_STATES = {
    DutyState.MET: (N_("met"), "#1b5e20"),
    DutyState.SCHEDULED: (N_("scheduled"), "#0d47a1"),
    DutyState.AT_RISK: (N_("at risk"), "#e65100"),
    DutyState.MISSED: (N_("missed"), "#b71c1c"),
}
_STATUS = {SessionStatus.PLANNED: N_("planned"), SessionStatus.HELD: N_("held"),
           SessionStatus.CANCELLED: N_("cancelled")}
_ROLES = {LeaderRole.CHAIR: N_("Chair"), LeaderRole.VICE_CHAIR: N_("Vice chair"),
          LeaderRole.DELEGATE: N_("Delegate (authorised)")}
_WARNINGS = {PublicityWarning.DAY_OFF: N_("on a day off"),
             PublicityWarning.LATE_NOTICE: N_("posted fewer than 5 working days ahead"),
             PublicityWarning.NOT_PUBLISHED: N_("not posted, already too late")}


def month_span(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


def duty_line(period: DutyPeriod) -> str:
    label, _colour = _STATES[period.state]
    return _("{period}: {held} of {required} days held — {state}").format(
        period=period.label, held=len(period.held_days), required=period.required,
        state=_(label))


def error_text(error: ReceptionDeskError) -> str:
    return problems_text(error) if isinstance(error, UserError) else message_for(error)


class _Editor(QDialog):
    """A dialog about one session saved by Ctrl+Enter wherever the focus is (a shortcut while it
    is the active window, the key event otherwise). Subclasses define ``save``; ``saved(id)``
    says what was saved. ``title`` names the session's day as {day}."""

    saved = Signal(int)

    def __init__(self, desk: Desk, session: SessionDTO | None, name: str, title: str,
                 parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._desk = desk
        self._session = session
        self.setWindowTitle(title if session is None
                            else title.format(day=session.day.strftime("%d/%m/%Y")))
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.hide()

    def _run(self, call: Callable[[], int]) -> bool:
        """Run the use case ``call`` (it returns the id saved): on success say so and close,
        else show why and stay."""
        try:
            saved_id = call()
        except ReceptionDeskError as error:
            show_error(self.error_label, error_text(error))
            return False
        self.saved.emit(saved_id)
        self.accept()
        return True

    def _save_on_ctrl_enter(self) -> None:
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, activated=self._save_now)

    def _save_now(self) -> None:
        getattr(self, "save")()  # noqa: B009 - defined by each subclass

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self._save_now()
            event.accept()
            return
        super().keyPressEvent(event)


class SessionDialog(_Editor):
    """Plan or edit a session (Ctrl+Enter saves, Esc closes)."""

    def __init__(self, desk: Desk, day: date, session: SessionDTO | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(desk, session, "sessionDialog", _("Reception session") if session is None
                         else _("Reception session of {day}"), parent)
        staff = desk.staff()
        self.day_edit = date_edit(parent=self)
        self.start_edit = time_edit(self)
        self.end_edit = time_edit(self)
        self.role_combo = QComboBox(self)
        for role, text in _ROLES.items():
            self.role_combo.addItem(_(text), role)
        self.leader_combo = QComboBox(self)
        for s in staff:
            self.leader_combo.addItem(f"{s.full_name} — {s.position}", s.id)
        self.delegation_edit = QLineEdit(self)
        self.place_edit = QLineEdit(self)
        self.taker_combo = QComboBox(self)
        self.taker_combo.addItem(_("(none)"), None)
        for s in staff:
            self.taker_combo.addItem(s.full_name, s.id)
        self.bodies_edit = LinesEdit(parent=self)
        self.matters_edit = LinesEdit(parent=self)
        for edit in (self.bodies_edit, self.matters_edit):
            edit.setFixedHeight(70)
        self.error_label.setObjectName("errorLabel")
        form = QFormLayout()
        for text, widget in ((N_("&Day:"), self.day_edit),
                             (N_("&Starts at:"), self.start_edit),
                             (N_("&Ends at:"), self.end_edit),
                             (N_("Presides &as:"), self.role_combo),
                             (N_("&Leader:"), self.leader_combo),
                             (N_("A&uthorisation:"), self.delegation_edit),
                             (N_("&Place:"), self.place_edit),
                             (N_("&Minute-taker:"), self.taker_combo),
                             (N_("Invited &bodies (one per line):"), self.bodies_edit),
                             (N_("&Matters expected:"), self.matters_edit)):
            form.addRow(buddy(_(text), widget), widget)
        self.save_button = QPushButton(_("&Save (Ctrl+Enter)"), self)
        self.save_button.clicked.connect(self.save)
        close = QPushButton(_("Close"), self)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self._save_on_ctrl_enter()
        self._fill(day, session)

    def _fill(self, day: date, s: SessionDTO | None) -> None:
        office = self._desk.office()
        if s is None:
            self.day_edit.setDate(to_qdate(day))
            self.start_edit.setTime(QTime(7, 30))
            self.end_edit.setTime(QTime(11, 30))
            chair = next((x for x in self._desk.staff() if x.role.value == "chair"), None)
            if chair is not None:
                self.leader_combo.setCurrentIndex(self.leader_combo.findData(chair.id))
            self.place_edit.setText(_("Reception room, seat of the People's Committee")
                                    if office is None else
                                    _("Reception room, seat of the People's Committee of {name}")
                                    .format(name=office.commune_name))
            return
        self.day_edit.setDate(to_qdate(s.day))
        self.start_edit.setTime(from_minutes(s.start_minute))
        self.end_edit.setTime(from_minutes(s.end_minute))
        self.role_combo.setCurrentIndex(self.role_combo.findData(s.leader_role))
        self.leader_combo.setCurrentIndex(self.leader_combo.findData(s.leader_staff_id))
        self.delegation_edit.setText(s.delegation_note)
        self.place_edit.setText(s.place)
        taker = next((m for m in s.members if m.kind is ParticipantKind.STAFF), None)
        if taker is not None:
            self.taker_combo.setCurrentIndex(self.taker_combo.findData(taker.staff_id))
        self.bodies_edit.set_lines(m.name for m in s.members if m.kind is ParticipantKind.BODY)
        self.matters_edit.setPlainText(s.matters)

    def draft(self) -> SessionDraft:
        members: list[MemberLine] = []
        taker = self.taker_combo.currentData()
        if taker is not None:
            members.append(MemberLine(ParticipantKind.STAFF, "", taker, "ghi biên bản"))
        members += [MemberLine(ParticipantKind.BODY, line) for line in self.bodies_edit.lines()]
        return SessionDraft(from_qdate(self.day_edit.date()), to_minutes(self.start_edit.time()),
                            to_minutes(self.end_edit.time()), self.leader_combo.currentData(),
                            self.role_combo.currentData(), self.place_edit.text(),
                            self.delegation_edit.text(), self.matters_edit.toPlainText(),
                            members)

    @Slot()
    def save(self) -> bool:
        return self._run(self._plan_or_update)

    def _plan_or_update(self) -> int:
        if self._session is None:
            saved, _changes = announce(self._desk, self._desk.sessions.plan(self.draft()))
        else:
            saved, _changes = announce(self._desk, self._desk.sessions.update(
                self._session.id, self.draft(), self._session.version))
        return saved.id


class ConclusionDialog(_Editor):
    """The conclusion notice: its text and instructions "body | content | deadline"."""

    def __init__(self, desk: Desk, session: SessionDTO, parent: QWidget | None = None) -> None:
        super().__init__(desk, session, "conclusionDialog",
                         _("Conclusion of the session of {day}"), parent)
        self.text_edit = LinesEdit(parent=self)
        self.instructions_edit = LinesEdit(parent=self)
        self.instructions_edit.setPlaceholderText(_("Police | Verify … | 15/12/2026"))
        self.resize(640, 460)
        form = QVBoxLayout()  # captions above: the boxes take the dialog's width
        for text, widget in ((N_("&Conclusion:"), self.text_edit),
                             (N_("&Instructions (body | content | deadline), one per line:"),
                              self.instructions_edit)):
            form.addWidget(buddy(_(text), widget))
            form.addWidget(widget)
        save = QPushButton(_("&Save (Ctrl+Enter)"), self)
        save.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(save, 0, Qt.AlignmentFlag.AlignRight)
        self._save_on_ctrl_enter()

    def instructions(self) -> list[InstructionDraft]:
        out = []
        for line in self.instructions_edit.lines():
            parts = [p.strip() for p in line.split("|")]
            body, content = parts[0], parts[1] if len(parts) > 1 else ""
            due = parse_day(parts[2]) if len(parts) > 2 else None
            out.append(InstructionDraft(body, content, due))
        return out

    @Slot()
    def save(self) -> bool:
        try:
            instructions = self.instructions()
        except ValueError:
            show_error(self.error_label, _("A deadline is not a day (write e.g. 15/12/2026)."))
            return False
        return self._run(lambda: self._conclude(instructions))

    def _conclude(self, instructions: list[InstructionDraft]) -> int:
        assert self._session is not None
        notice, _changes = announce(self._desk, self._desk.sessions.record_conclusion(
            self._session.id, self.text_edit.toPlainText(), instructions))
        return notice.id


class CancelDialog(_Editor):
    """Cancel a planned session with its reason (Ctrl+Enter or Enter saves)."""

    def __init__(self, desk: Desk, session: SessionDTO, parent: QWidget | None = None) -> None:
        super().__init__(desk, session, "cancelDialog", _("Cancel the session of {day}"),
                         parent)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.returnPressed.connect(self._save_now)
        label = QLabel(_("&Reason:"), self)
        label.setBuddy(self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.error_label)
        self._save_on_ctrl_enter()

    @Slot()
    def save(self) -> bool:
        return self._run(self._cancel)

    def _cancel(self) -> int:
        assert self._session is not None
        announce(self._desk, self._desk.sessions.cancel(
            self._session.id, self._session.version, self.reason_edit.text()))
        return self._session.id


E = TypeVar("E", bound=_Editor)


class _Table(QTableWidget):
    enter_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class ScheduleDialog(QDialog):
    """A month of the head's reception sessions with the chair's duty."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scheduleDialog")
        self.setWindowTitle(_("Reception schedule of the leaders"))
        self.resize(1000, 620)
        self._desk = desk
        self._month = desk.today().replace(day=1)
        self.schedule: ScheduleDTO | None = None
        self.month_label = QLabel(self)
        self.month_label.setStyleSheet("font-weight: bold; font-size: 14pt;")
        self.duty_label = QLabel(self)
        self.duty_label.setObjectName("dutyLabel")
        self.duty_label.setTextFormat(Qt.TextFormat.RichText)
        self.duty_label.setWordWrap(True)
        self.table = _Table(0, 8, self)
        read_only_rows(self.table, [
            _("Day"), _("Hours"), _("Presiding"), _("Status"), _("Posted"), _("Visits"),
            _("Conclusions"), _("Warnings")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.enter_pressed.connect(self.edit_selected)
        self.table.doubleClicked.connect(self.edit_selected)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.rights = Rights(desk.access, self)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, text, key, slot, permission in (
            ("new", N_("&New session"), "Ctrl+N", self.new_session, Permission.LOG_VISITS),
            ("held", N_("Mark &held"), "Ctrl+D", self.mark_held, Permission.LOG_VISITS),
            ("empty", N_("Held, n&obody came"), "Ctrl+Shift+D", self.mark_empty,
             Permission.LOG_VISITS),
            ("cancel", N_("Cancel session…"), "Delete", self.cancel_selected,
             Permission.LOG_VISITS),
            ("publish", N_("P&ublish the month"), "Ctrl+Shift+U", self.publish,
             Permission.ISSUE_DOCUMENTS),
            ("notice", N_("&Print the schedule"), "Ctrl+P", self.print_schedule,
             Permission.ISSUE_DOCUMENTS),
            ("conclusion", N_("Con&clusion…"), "Ctrl+K", self.conclude,
             Permission.GIVE_DIRECTIVES),
            ("minutes", N_("Print conclusion / &minutes"), "Ctrl+Shift+P", self.print_record,
             Permission.ISSUE_DOCUMENTS),
        ):
            button = QPushButton(f"{_(text)} ({key})", self)
            button.clicked.connect(slot)
            shortcut = QShortcut(QKeySequence(key), self, activated=slot)
            self.rights.gate(button, permission)
            self.rights.gate(shortcut, permission)
            self.buttons[name] = button
            buttons.addWidget(button)
        QShortcut(QKeySequence(Qt.Key.Key_PageUp), self, activated=lambda: self.shift(-1))
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), self, activated=lambda: self.shift(1))
        top = QHBoxLayout()
        top.addWidget(self.month_label)
        top.addStretch(1)
        top.addWidget(QLabel(_("Page Up / Page Down: previous / next month"), self))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.duty_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.last_preview: QDialog | None = None
        self.refresh()
        self.table.setFocus()

    # --- data -------------------------------------------------------------------------------
    def month(self) -> tuple[date, date]:
        return month_span(self._month)

    def shift(self, months: int) -> None:
        y, m = divmod(self._month.year * 12 + self._month.month - 1 + months, 12)
        self._month = date(y, m + 1, 1)
        self.refresh()

    def refresh(self, select: int | None = None) -> None:
        first, last = self.month()
        self.month_label.setText(_("Month {month}").format(month=first.strftime("%m/%Y")))
        try:
            self.schedule = self._desk.sessions.schedule(first, last)
        except ReceptionDeskError as error:
            self._error(error)
            return
        lines = []
        for period in self.schedule.duty:
            _label, colour = _STATES[period.state]
            lines.append(f'<span style="color:{colour}">{duty_line(period)}</span>')
        self.duty_label.setText(_("Duty of the chair (in person): ") + "<br/>".join(lines))
        sessions = self.schedule.sessions
        self.table.setRowCount(len(sessions))
        for row, s in enumerate(sessions):
            warnings = ", ".join(_(_WARNINGS[w]) for w in s.warnings)
            status = _(_STATUS[s.status])
            if s.no_citizen:
                status += " — " + _("nobody came")
            cells = [f"{weekday(s.day)} {s.day:%d/%m/%Y}", s.hours,
                     f"{s.leader_name} ({_(_ROLES[s.leader_role])})", status,
                     s.published_on.strftime("%d/%m") if s.published_on else "",
                     str(s.visit_count), ", ".join(c.label for c in s.conclusions), warnings]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, s.id)
                if warnings and col == 7:
                    item.setForeground(QColor("#b71c1c"))
                self.table.setItem(row, col, item)
            if s.id == select:
                self.table.selectRow(row)
        if select is None and sessions:
            self.table.selectRow(0)

    def selected(self) -> SessionDTO | None:
        if self.schedule is None:
            return None
        row = self.table.currentRow()
        if not 0 <= row < len(self.schedule.sessions):
            return None
        return self.schedule.sessions[row]

    def _error(self, error: ReceptionDeskError) -> None:
        show_error(self.error_label, error_text(error))

    # --- actions ----------------------------------------------------------------------------
    def session_dialog(self, session: SessionDTO | None = None) -> SessionDialog:
        first, _last = self.month()
        today = self._desk.today()
        day = today if today >= first and today.month == first.month else first
        return self._editor(SessionDialog(self._desk, day, session, self))

    def _editor(self, dialog: E, select: int | None = None) -> E:
        """``dialog`` deleted on close; once it saved, the month re-read with ``select`` (or
        what it saved) selected."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda sid: self.refresh(sid if select is None else select))
        return dialog

    @Slot()
    def new_session(self) -> None:
        self.session_dialog().open()

    @Slot()
    def edit_selected(self) -> None:
        s = self.selected()
        if s is not None and s.status is not SessionStatus.CANCELLED:
            self.session_dialog(s).open()

    def _hold(self, empty: bool) -> None:
        s = self.selected()
        if s is None:
            return
        try:
            announce(self._desk, self._desk.sessions.hold(s.id, s.version, no_citizen=empty))
        except ReceptionDeskError as error:
            self._error(error)
            return
        self.error_label.hide()
        self.refresh(s.id)

    @Slot()
    def mark_held(self) -> None:
        self._hold(False)

    @Slot()
    def mark_empty(self) -> None:
        self._hold(True)

    @Slot()
    def cancel_selected(self) -> None:
        s = self.selected()
        if s is None or s.status is not SessionStatus.PLANNED:
            return
        self._editor(CancelDialog(self._desk, s, self)).open()

    @Slot()
    def publish(self) -> None:
        first, last = self.month()
        try:
            announce(self._desk, self._desk.sessions.publish(first, last))
        except ReceptionDeskError as error:
            self._error(error)
            return
        self.refresh()

    def _preview(self, pdf: bytes, title: str, file_name: str) -> None:
        from reception_desk.ui.print_preview import PrintPreviewDialog

        self.last_preview = PrintPreviewDialog(pdf, title=title, file_name=file_name,
                                               parent=self)
        self.last_preview.open()

    @Slot()
    def print_schedule(self) -> None:
        first, last = self.month()
        try:
            pdf = self._desk.sessions.render_schedule(first, last)
        except ReceptionDeskError as error:
            self._error(error)
            return
        self._preview(pdf, _("Reception schedule {month}").format(
            month=first.strftime("%m/%Y")), f"lich-tiep-{first:%Y-%m}.pdf")

    @Slot()
    def conclude(self) -> None:
        s = self.selected()
        if s is None:
            return
        self._editor(ConclusionDialog(self._desk, s, self), select=s.id).open()

    @Slot()
    def print_record(self) -> None:
        """The last conclusion notice of the session, or the minutes of an empty session."""
        s = self.selected()
        if s is None:
            return
        try:
            if s.no_citizen:
                pdf = self._desk.sessions.render_empty_minutes(s.id)
                self._preview(pdf, _("Minutes: nobody came"), f"bien-ban-{s.day}.pdf")
            elif s.conclusions:
                notice = s.conclusions[-1]
                pdf = self._desk.sessions.render_conclusion(notice.id)
                self._preview(pdf, _("Conclusion notice {number}").format(number=notice.label),
                              f"ket-luan-{notice.number}-{notice.year}.pdf")
        except ReceptionDeskError as error:
            self._error(error)
