"""The official forms issued for a visit (issue 6), each an ``IssueDialog``: ``RefusalDialog``
(Thông báo từ chối tiếp công dân, Mẫu 01/TCD), ``AppointmentDialog`` (Phiếu hẹn) and
``TransferDialog`` (Phiếu chuyển đơn), started from the visit and the service's defaults.

The legal wording printed on the forms (refusal grounds, bases, the default place) comes from the
services layer in Vietnamese; only the dialogs' own texts go through gettext.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.domain.calendar import OFFICE_CLOSES
from reception_desk.domain.calendar import OFFICE_OPENS
from reception_desk.domain.calendar import AppointmentWarning
from reception_desk.domain.calendar import DayOrigin
from reception_desk.domain.calendar import appointment_warnings
from reception_desk.domain.deadlines import DueStatus
from reception_desk.errors import UserError
from reception_desk.services.context import Changes
from reception_desk.services.documents.desk import REFUSAL_GROUNDS
from reception_desk.services.documents.desk import AppointmentCommand
from reception_desk.services.documents.desk import DocType
from reception_desk.services.documents.desk import PrintedDocument
from reception_desk.services.documents.desk import RefusalCommand
from reception_desk.services.documents.desk import RefusalGround
from reception_desk.services.documents.desk import TransferCommand
from reception_desk.texts.cases import case_label
from reception_desk.texts.cases import weekday_name
from reception_desk.ui.datetime_row import office_moment
from reception_desk.ui.datetime_row import to_qdatetime
from reception_desk.ui.forms import date_time_edit
from reception_desk.ui.issue_dialog import IssueDialog
from reception_desk.ui.messages_documents import text
from reception_desk.ui.participants import LinesEdit

if TYPE_CHECKING:
    from reception_desk.services.documents.dto import FormDefaults

DEFAULT_REFUSAL_GROUND = "tcd_9_3"
_GROUND_LABEL_MAX = 110

# ================================================================================ refusal


def _ground_label(ground: RefusalGround) -> str:
    full = f"{ground.legal_basis}: {ground.reason}"
    return full if len(full) <= _GROUND_LABEL_MAX else full[: _GROUND_LABEL_MAX - 1] + "…"


class RefusalDialog(IssueDialog):
    """Thông báo về việc từ chối tiếp công dân (Mẫu 01/TCD) for a visit."""

    doc_type = DocType.REFUSAL

    def add_fields(self, d: FormDefaults) -> QWidget:
        self.ground_box = QComboBox()
        self.ground_box.setMinimumContentsLength(40)
        self.ground_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for ground in REFUSAL_GROUNDS:
            self.ground_box.addItem(_ground_label(ground), ground.code)
            index = self.ground_box.count() - 1
            self.ground_box.setItemData(index, f"{ground.legal_basis}: {ground.reason}",
                                        Qt.ItemDataRole.ToolTipRole)
        self.ground_box.addItem(text("refusal.other_ground"), "")
        self.ground_box.view().setMinimumWidth(760)
        self.ground_hint = QLabel()
        self.ground_hint.setObjectName("groundHint")
        self.add_field("ground", "refusal.ground", self.ground_box, self.ground_hint)
        self.basis_edit = QLineEdit()
        self.add_field("legal_basis", "refusal.basis", self.basis_edit)
        self.reason_edit = LinesEdit(rows=3)
        self.add_field("reason", "refusal.reason", self.reason_edit)
        self.information_edit = LinesEdit(rows=2)
        self.information_edit.setPlaceholderText(text("issue.one_per_line"))
        self.add_field("for_information", "refusal.for_information", self.information_edit)
        self.coordination_edit = LinesEdit(rows=2)
        self.coordination_edit.setPlaceholderText(text("issue.one_per_line"))
        self.add_field("for_coordination", "refusal.for_coordination", self.coordination_edit)

        self._auto_basis = ""
        self._auto_reason = ""
        self.ground_box.currentIndexChanged.connect(self._on_ground_box_changed)
        codes = [g.code for g in REFUSAL_GROUNDS]
        self.ground_box.setCurrentIndex(codes.index(DEFAULT_REFUSAL_GROUND))
        self._on_ground_box_changed(self.ground_box.currentIndex())
        return self.ground_box

    def ground(self) -> RefusalGround | None:
        code = self.ground_box.currentData()
        return next((g for g in REFUSAL_GROUNDS if g.code == code), None)

    @Slot(int)
    def _on_ground_box_changed(self, _index: int) -> None:
        """Fill basis and reason from the ground, unless the clerk has changed them."""
        ground = self.ground()
        basis = ground.legal_basis if ground else ""
        reason = ground.reason if ground else ""
        if self.basis_edit.text() == self._auto_basis:
            self.basis_edit.setText(basis)
        if self.reason_edit.toPlainText() == self._auto_reason:
            self.reason_edit.setPlainText(reason)
        self._auto_basis, self._auto_reason = basis, reason
        if ground is None:
            self.ground_hint.clear()
        else:
            self.ground_hint.setText(
                text("refusal.written" if ground.written_notice else "refusal.in_person"))

    def _issue(self) -> tuple[PrintedDocument, Changes]:
        if not self.basis_edit.text().strip():
            raise UserError("document.legal_basis_required", field="legal_basis")
        cmd = RefusalCommand(
            self.visit_id,
            reason=self.reason_edit.toPlainText(),
            legal_basis=self.basis_edit.text(),
            for_information=self.information_edit.lines(),
            for_coordination=self.coordination_edit.lines(),
        )
        return self._desk.documents.issue_refusal(cmd, self.paper())


# ================================================================================ appointment


class AppointmentDialog(IssueDialog):
    """Phiếu hẹn: when and where the citizen comes back, whom to meet, what to bring."""

    doc_type = DocType.APPOINTMENT

    def add_fields(self, d: FormDefaults) -> QWidget:
        self.at_edit = date_time_edit(to_qdatetime(d.appointment_at))
        # Sundays, holidays and 23:30 are warned about as the clerk picks (issue 12).
        self.at_warning = QLabel()
        self.at_warning.setObjectName("appointmentWarning")
        self._calendar = self._desk.cases.calendar()
        self.add_field("appointment_at", "appointment.at", self.at_edit, hint=self.at_warning)
        self.at_edit.dateTimeChanged.connect(self.show_warnings)
        self.place_edit = QLineEdit(d.appointment_place)
        self.add_field("place", "appointment.place", self.place_edit)
        self.meet_box = QComboBox()
        self.meet_box.setEditable(True)
        self.meet_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.meet_box.addItems(list(d.meet_with))
        self.add_field("meet_with", "appointment.meet_with", self.meet_box)
        self.bring_edit = LinesEdit(rows=3)
        self.bring_edit.setPlaceholderText(text("issue.one_per_line"))
        self.add_field("bring", "appointment.bring", self.bring_edit)
        self.contact_edit = QLineEdit()
        self.contact_edit.setPlaceholderText(text("appointment.contact_hint"))
        self.add_field("contact", "appointment.contact", self.contact_edit)
        return self.at_edit


    @Slot()
    def show_warnings(self) -> str:
        """Warn (never block) when the appointment falls on a day off or outside office hours;
        returns the warning shown ("" if none)."""
        at = self.appointment_at()
        lines = []
        for warning in appointment_warnings(at, self._calendar):
            if warning is AppointmentWarning.DAY_OFF:
                info = self._calendar.day_info(at.date())
                why = weekday_name(at.date()) if info.origin is DayOrigin.ORDINARY else \
                    case_label(info.origin)
                lines.append(text("appointment.warn_day_off", day=f"{at:%d/%m/%Y}", why=why))
            else:
                lines.append(text("appointment.warn_hours", clock=f"{at:%H:%M}",
                                  opens=f"{OFFICE_OPENS:%H:%M}", closes=f"{OFFICE_CLOSES:%H:%M}"))
        self.at_warning.setText("\n".join(lines))
        self.at_warning.setVisible(bool(lines))
        return self.at_warning.text() if lines else ""

    def appointment_at(self) -> datetime:
        """The chosen moment in the office's time zone (timezone-aware)."""
        return office_moment(self.at_edit.dateTime())

    def _issue(self) -> tuple[PrintedDocument, Changes]:
        at = self.appointment_at()
        if at <= self._desk.now():
            raise UserError("document.appointment_in_past", field="appointment_at")
        cmd = AppointmentCommand(
            self.visit_id, at,
            place=self.place_edit.text(),
            meet_with=self.meet_box.currentText(),
            bring=self.bring_edit.lines(),
            contact=self.contact_edit.text(),
        )
        return self._desk.documents.issue_appointment(cmd, self.paper())


# ================================================================================ transfer


class TransferDialog(IssueDialog):
    """Phiếu chuyển đơn to the competent body; a denunciation defaults to a redacted copy."""

    doc_type = DocType.TRANSFER

    def add_fields(self, d: FormDefaults) -> QWidget:
        self.addressee_edit = QLineEdit(d.transfer_addressee)
        self.addressee_edit.setPlaceholderText(text("transfer.addressee_hint"))
        # The 5-working-day transfer limit of a denunciation (Luật TC 2018 Art. 24(2)), counted
        # from the reception day with the office calendar; overdue is said plainly (issue 12).
        self.limit_label = QLabel(self._transfer_limit_text())
        self.limit_label.setObjectName("transferLimit")
        self.add_field("addressee", "transfer.addressee", self.addressee_edit,
                       hint=self.limit_label)
        if not self.limit_label.text():
            self.limit_label.hide()
        self.basis_edit = QLineEdit(d.transfer_basis)
        self.add_field("legal_basis", "transfer.basis", self.basis_edit)
        self.attachments_edit = QLineEdit(d.transfer_attachments)
        self.add_field("attachments", "transfer.attachments", self.attachments_edit)
        self.summary_edit = LinesEdit(rows=3)
        self.summary_edit.setPlainText(self.visit.content)
        self.add_field("summary", "transfer.summary", self.summary_edit)
        self.information_edit = LinesEdit(rows=2)
        self.information_edit.setPlaceholderText(text("issue.one_per_line"))
        self.add_field("for_information", "transfer.for_information", self.information_edit)
        self.notify_check = QCheckBox(text("transfer.notify_sender"))
        self.notify_check.setChecked(True)
        self.redact_check = QCheckBox(text("transfer.redact"))
        self.redact_check.setChecked(d.redact_by_default)
        self.redact_hint = QLabel(text("transfer.redact_hint" if d.redact_by_default
                                       else "transfer.redact_hint_other"))
        self.redact_hint.setObjectName("redactHint")
        checks = QWidget()
        column = QVBoxLayout(checks)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.notify_check)
        column.addWidget(self.redact_check)
        self.add_field("redact_identity", "", checks, self.redact_hint)
        self._editors["redact_identity"] = self.redact_check
        # A denouncer under secrecy printed in clear is a reveal: the services refuse it without
        # a reason, and log it with one (services.access.secrecy.transfer_identity).
        self._protected = d.redact_by_default
        self.reason_edit = QLineEdit()
        self.reason_edit.setMaxLength(500)
        self.reason_edit.setPlaceholderText(text("transfer.reveal_reason_hint"))
        self.reason_cell = self.add_field("reveal_reason", "transfer.reveal_reason",
                                          self.reason_edit)
        # check_reason words its own field "reason": the same line and editor
        self._errors["reason"] = self._errors["reveal_reason"]
        self._editors["reason"] = self.reason_edit
        self.redact_check.toggled.connect(self._on_redact_check_toggled)
        self._on_redact_check_toggled(self.redact_check.isChecked())
        return self.addressee_edit if not d.transfer_addressee else self.basis_edit

    def _transfer_limit_text(self) -> str:
        """The visit's own transfer limit (``VisitDetail.transfer_due``: domain.transfers on the
        office calendar, its status by the one due-status rule)."""
        due = self.visit.transfer_due
        if due is None:
            return ""
        code = ("transfer.limit_overdue" if due.status is DueStatus.OVERDUE
                else "transfer.limit")
        return text(code, due=f"{due.due:%d/%m/%Y}", days=due.days, basis=due.basis)

    def add_field(self, name: str, caption: str, editor: QWidget,
                  hint: QLabel | None = None) -> QWidget:
        if caption:
            return super().add_field(name, caption, editor, hint)
        # the check boxes carry their own mnemonics: no caption
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(editor)
        if hint is not None:
            hint.setWordWrap(True)
            column.addWidget(hint)
        error = QLabel()
        error.setProperty("role", "fieldError")
        error.hide()
        column.addWidget(error)
        self.form.addRow("", cell)
        self._editors[name] = editor
        self._errors[name] = error
        return cell

    def _issue(self) -> tuple[PrintedDocument, Changes]:
        cmd = TransferCommand(
            self.visit_id,
            addressee=self.addressee_edit.text(),
            legal_basis=self.basis_edit.text(),
            attachments=self.attachments_edit.text(),
            for_information=self.information_edit.lines(),
            notify_sender=self.notify_check.isChecked(),
            redact_identity=self.redact_check.isChecked(),
            summary=self.summary_edit.toPlainText(),
            reveal_reason=self.reason_edit.text() if self.asks_reason else "",
        )
        return self._desk.documents.issue_transfer(cmd, self.paper())

    @property
    def asks_reason(self) -> bool:
        """An unredacted slip of a denouncer under secrecy: the reveal's reason is asked."""
        return self._protected and not self.redact_check.isChecked()

    @Slot(bool)
    def _on_redact_check_toggled(self, _checked: bool) -> None:
        self.form.setRowVisible(self.reason_cell, self.asks_reason)
        if self.asks_reason:
            self.reason_edit.setFocus()
