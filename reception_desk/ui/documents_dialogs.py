"""Issuing the official forms of a visit, and the list of what was issued (issue 6).

``RefusalDialog`` (Thông báo từ chối tiếp công dân, Mẫu 01/TCD), ``AppointmentDialog`` (Phiếu hẹn)
and ``TransferDialog`` (Phiếu chuyển đơn) start from the visit and the service's defaults; Issue
(Enter in a one-line field, Ctrl+Enter anywhere) numbers the document through
``desk.documents`` and opens its print preview. A refused issue shows its message under the field
at fault and keeps everything typed. ``IssuedDocumentsDialog`` lists the visit's documents; Enter
reprints the selected one as a copy (same number, "BẢN SAO").

The legal wording printed on the forms (refusal grounds, bases, the default place) comes from the
services layer in Vietnamese; only the dialogs' own texts go through gettext.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtCore import QDateTime
from PySide6.QtCore import Qt
from PySide6.QtCore import QTime
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QAction
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.config import OFFICE_TZ
from reception_desk.domain.access import Permission
from reception_desk.domain.calendar import OFFICE_CLOSES
from reception_desk.domain.calendar import OFFICE_OPENS
from reception_desk.domain.calendar import AppointmentWarning
from reception_desk.domain.calendar import DayOrigin
from reception_desk.domain.calendar import appointment_warnings
from reception_desk.domain.classification import IdDocType
from reception_desk.domain.deadlines import DueStatus
from reception_desk.errors import ReceptionDeskError
from reception_desk.errors import UserError
from reception_desk.services.context import Changes
from reception_desk.services.documents.desk import IDENTITY_WITHHELD
from reception_desk.services.documents.desk import REFUSAL_GROUNDS
from reception_desk.services.documents.desk import AppointmentCommand
from reception_desk.services.documents.desk import DocType
from reception_desk.services.documents.desk import IssuedDocumentDTO
from reception_desk.services.documents.desk import Paper
from reception_desk.services.documents.desk import PrintedDocument
from reception_desk.services.documents.desk import RefusalCommand
from reception_desk.services.documents.desk import RefusalGround
from reception_desk.services.documents.desk import TransferCommand
from reception_desk.texts import message_for
from reception_desk.texts.access import shown_name
from reception_desk.texts.cases import case_label
from reception_desk.texts.cases import weekday_name
from reception_desk.texts.labels import label
from reception_desk.ui.changes import announce
from reception_desk.ui.forms import banner_label
from reception_desk.ui.forms import date_time_edit
from reception_desk.ui.messages_documents import text
from reception_desk.ui.print_preview import PrintPreviewDialog
from reception_desk.ui.print_preview import preview_document
from reception_desk.ui.print_preview import print_visit_receipt
from reception_desk.ui.rights import Rights
from reception_desk.ui.theme import FORM_STYLE
from reception_desk.ui.theme import set_invalid

if TYPE_CHECKING:
    from reception_desk.services.desk import Desk
    from reception_desk.services.visits.dto import VisitDetail

__all__ = [
    "AppointmentDialog",
    "IssueDialog",
    "IssuedDocumentsDialog",
    "RefusalDialog",
    "TransferDialog",
    "open_window_modal",
]

DEFAULT_REFUSAL_GROUND = "tcd_9_3"
_GROUND_LABEL_MAX = 110
_GroundRole = Qt.ItemDataRole.UserRole + 1
_DocRole = Qt.ItemDataRole.UserRole + 2


def _lines(edit: QPlainTextEdit) -> list[str]:
    return [line.strip() for line in edit.toPlainText().splitlines() if line.strip()]


def _multiline(lines: int = 3) -> QPlainTextEdit:
    """Multi-line text where Tab moves on and Enter starts a new line (Ctrl+Enter issues)."""
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    height = edit.fontMetrics().lineSpacing() * lines + 14
    edit.setMinimumHeight(height)
    edit.setMaximumHeight(height + edit.fontMetrics().lineSpacing() * 2)
    return edit


def _paper_box(papers: Sequence[Paper], default: Paper) -> QComboBox:
    box = QComboBox()
    box.setObjectName("paperBox")
    for paper in papers:
        box.addItem(text(f"paper.{paper.value}"), paper.value)
    box.setCurrentIndex(list(papers).index(default))
    return box


def open_window_modal(dialog: QDialog) -> QDialog:
    """Show ``dialog`` window-modally without blocking (never ``exec()``), deleted on close."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def _show_preview(desk: Desk, printed: PrintedDocument,
                  parent: QWidget | None) -> PrintPreviewDialog:
    preview = preview_document(desk, printed, parent)
    preview.setWindowModality(Qt.WindowModality.WindowModal)
    preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    preview.show()
    return preview


# ================================================================================ issuing base


class IssueDialog(QDialog):
    """A form that issues one numbered document for a visit, then opens its preview.

    Subclasses add their fields with ``add_field`` and implement ``_issue`` (build the command,
    call the desk). Signals: ``document_issued(document id)``.
    """

    document_issued = Signal(int)
    doc_type: DocType = DocType.REFUSAL
    title_code = "refusal.title"  # window title (message code with {stt})

    def __init__(self, desk: Desk, visit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(FORM_STYLE)
        self._desk = desk
        self.visit_id = visit_id
        self.visit: VisitDetail = desk.visit(visit_id)
        self.defaults = desk.documents.defaults(visit_id)
        self.printed: PrintedDocument | None = None
        self.preview: PrintPreviewDialog | None = None
        self._editors: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self.setWindowTitle(text(self.title_code, stt=self.visit.stt))
        self.setMinimumWidth(640)

        outer = QVBoxLayout(self)
        outer.addWidget(self._visit_box())
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        outer.addLayout(self.form)
        outer.addStretch(1)
        self.banner = banner_label(name="errorBanner")
        outer.addWidget(self.banner)

        self.issue_button = QPushButton(text("issue.button"))
        self.issue_button.setObjectName("issueButton")
        self.issue_button.setDefault(True)
        self.close_button = QPushButton(text("issue.close"))
        self.close_button.setAutoDefault(False)
        keys = QLabel(text("issue.keys"))
        keys.setObjectName("keysLabel")
        keys.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(keys)
        buttons.addStretch(1)
        buttons.addWidget(self.issue_button)
        buttons.addWidget(self.close_button)
        outer.addLayout(buttons)
        self.issue_button.clicked.connect(self._on_issue_button_clicked)
        self.close_button.clicked.connect(self.reject)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self._on_issue_shortcut_activated)

    # --- building --------------------------------------------------------------------------
    def _visit_box(self) -> QGroupBox:
        v = self.visit
        box = QGroupBox(text("issue.visit_box", stt=v.stt))
        box.setObjectName("visitBox")
        grid = QFormLayout(box)
        grid.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        identity = text("issue.no_identity")
        if v.id_doc_type is not IdDocType.NONE and v.id_number:
            identity = f"{label(v.id_doc_type)}: {v.id_number}"
            c = v.citizen
            if c and c.id_issue_date:
                identity += f", {c.id_issue_date:%d/%m/%Y}"
            if c and c.id_issue_place:
                identity += f", {c.id_issue_place}"
        rows = [
            ("issue.citizen", shown_name(v.citizen_name)),
            ("issue.identity", identity),
            ("issue.address", v.address),
            ("issue.visit_date", f"{v.received_at:%d/%m/%Y %H:%M}"),
        ]
        for code, value in rows:
            shown = QLabel(value)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addRow(text(code), shown)
        matter = QLabel(v.content)
        matter.setObjectName("matterLabel")
        matter.setWordWrap(True)
        matter.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addRow(text("issue.matter", kind=label(v.petition_type).lower()), matter)
        if v.voided:
            voided = QLabel(text("issue.voided"))
            voided.setProperty("role", "fieldError")
            grid.addRow(voided)
        return box

    def add_field(self, name: str, caption: str, editor: QWidget,
                  hint: QLabel | None = None) -> QWidget:
        """A captioned field (mnemonic from ``caption``) with its error line underneath."""
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(editor)
        if hint is not None:
            hint.setWordWrap(True)
            column.addWidget(hint)
        error = QLabel()
        error.setObjectName(f"{name}Error")
        error.setProperty("role", "fieldError")
        error.setWordWrap(True)
        error.hide()
        column.addWidget(error)
        caption_label = QLabel(text(caption))
        caption_label.setBuddy(editor)
        self.form.addRow(caption_label, cell)
        editor.setObjectName(name)
        self._editors[name] = editor
        self._errors[name] = error
        return cell

    def add_paper(self, papers: Sequence[Paper], default: Paper) -> QComboBox:
        self.paper_box = _paper_box(papers, default)
        self.add_field("paper", "issue.paper", self.paper_box)
        return self.paper_box

    # --- errors ----------------------------------------------------------------------------
    def error_of(self, name: str) -> str:
        """The message shown under a field ("" if none)."""
        label_ = self._errors[name]
        return label_.text() if not label_.isHidden() else ""

    def clear_errors(self) -> None:
        for name, label_ in self._errors.items():
            label_.clear()
            label_.hide()
            set_invalid(self._editors[name], False)
        self.banner.clear()
        self.banner.hide()

    def show_error(self, error: ReceptionDeskError) -> None:
        name = getattr(error, "field", None) or ""
        message = message_for(error)
        if name in self._errors:
            self._errors[name].setText(message)
            self._errors[name].show()
            editor = self._editors[name]
            set_invalid(editor, True)
            editor.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.banner.setText(message)
            self.banner.show()

    # --- issuing ---------------------------------------------------------------------------
    def paper(self) -> Paper:
        return Paper(self.paper_box.currentData())

    def _issue(self) -> tuple[PrintedDocument, Changes]:
        raise NotImplementedError

    def issue(self) -> PrintedDocument | None:
        """Issue the document (a new number) and open its preview; None if refused."""
        self.clear_errors()
        try:
            printed, _changes = announce(self._desk, self._issue())
        except UserError as error:
            self.show_error(error)
            return None
        self.printed = printed
        self.preview = _show_preview(self._desk, printed, self.parentWidget())
        self.document_issued.emit(printed.document.id)
        self.accept()
        return printed

    @Slot()
    def _on_issue_button_clicked(self) -> None:
        self.issue()

    @Slot()
    def _on_issue_shortcut_activated(self) -> None:
        self.issue()


# ================================================================================ refusal


def _ground_label(ground: RefusalGround) -> str:
    full = f"{ground.legal_basis}: {ground.reason}"
    return full if len(full) <= _GROUND_LABEL_MAX else full[: _GROUND_LABEL_MAX - 1] + "…"


class RefusalDialog(IssueDialog):
    """Thông báo về việc từ chối tiếp công dân (Mẫu 01/TCD) for a visit."""

    doc_type = DocType.REFUSAL
    title_code = "refusal.title"

    def __init__(self, desk: Desk, visit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(desk, visit_id, parent)
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
        self.reason_edit = _multiline(3)
        self.add_field("reason", "refusal.reason", self.reason_edit)
        self.information_edit = _multiline(2)
        self.information_edit.setPlaceholderText(text("issue.one_per_line"))
        self.add_field("for_information", "refusal.for_information", self.information_edit)
        self.coordination_edit = _multiline(2)
        self.coordination_edit.setPlaceholderText(text("issue.one_per_line"))
        self.add_field("for_coordination", "refusal.for_coordination", self.coordination_edit)
        self.add_paper(DocType.REFUSAL.papers, DocType.REFUSAL.default_paper)

        self._auto_basis = ""
        self._auto_reason = ""
        self.ground_box.currentIndexChanged.connect(self._on_ground_box_changed)
        codes = [g.code for g in REFUSAL_GROUNDS]
        self.ground_box.setCurrentIndex(codes.index(DEFAULT_REFUSAL_GROUND))
        self._on_ground_box_changed(self.ground_box.currentIndex())
        self.ground_box.setFocus()

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
            for_information=_lines(self.information_edit),
            for_coordination=_lines(self.coordination_edit),
        )
        return self._desk.documents.issue_refusal(cmd, self.paper())


# ================================================================================ appointment


def _to_qdatetime(moment: datetime) -> QDateTime:
    local = moment.astimezone(OFFICE_TZ)
    return QDateTime(QDate(local.year, local.month, local.day),
                     QTime(local.hour, local.minute))


class AppointmentDialog(IssueDialog):
    """Phiếu hẹn: when and where the citizen comes back, whom to meet, what to bring."""

    doc_type = DocType.APPOINTMENT
    title_code = "appointment.title"

    def __init__(self, desk: Desk, visit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(desk, visit_id, parent)
        d = self.defaults
        self.at_edit = date_time_edit(_to_qdatetime(d.appointment_at))
        # Sundays, holidays and 23:30 are warned about as the clerk picks (issue 12).
        self.at_warning = QLabel()
        self.at_warning.setObjectName("appointmentWarning")
        self._calendar = desk.cases.calendar()
        self.add_field("appointment_at", "appointment.at", self.at_edit, hint=self.at_warning)
        self.at_edit.dateTimeChanged.connect(self._on_at_edit_date_time_changed)
        self.place_edit = QLineEdit(d.appointment_place)
        self.add_field("place", "appointment.place", self.place_edit)
        self.meet_box = QComboBox()
        self.meet_box.setEditable(True)
        self.meet_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.meet_box.addItems(list(d.meet_with))
        self.add_field("meet_with", "appointment.meet_with", self.meet_box)
        self.bring_edit = _multiline(3)
        self.bring_edit.setPlaceholderText(text("issue.one_per_line"))
        self.add_field("bring", "appointment.bring", self.bring_edit)
        self.contact_edit = QLineEdit()
        self.contact_edit.setPlaceholderText(text("appointment.contact_hint"))
        self.add_field("contact", "appointment.contact", self.contact_edit)
        self.add_paper(DocType.APPOINTMENT.papers, DocType.APPOINTMENT.default_paper)
        self.at_edit.setFocus()

    @Slot()
    def _on_at_edit_date_time_changed(self) -> None:
        self.show_warnings()

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
        value = self.at_edit.dateTime()
        day, clock = value.date(), value.time()
        return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute(),
                        tzinfo=OFFICE_TZ)

    def _issue(self) -> tuple[PrintedDocument, Changes]:
        at = self.appointment_at()
        if at <= self._desk.now():
            raise UserError("document.appointment_in_past", field="appointment_at")
        cmd = AppointmentCommand(
            self.visit_id, at,
            place=self.place_edit.text(),
            meet_with=self.meet_box.currentText(),
            bring=_lines(self.bring_edit),
            contact=self.contact_edit.text(),
        )
        return self._desk.documents.issue_appointment(cmd, self.paper())


# ================================================================================ transfer


class TransferDialog(IssueDialog):
    """Phiếu chuyển đơn to the competent body; a denunciation defaults to a redacted copy."""

    doc_type = DocType.TRANSFER
    title_code = "transfer.title"

    def __init__(self, desk: Desk, visit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(desk, visit_id, parent)
        d = self.defaults
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
        self.summary_edit = _multiline(3)
        self.summary_edit.setPlainText(self.visit.content)
        self.add_field("summary", "transfer.summary", self.summary_edit)
        self.information_edit = _multiline(2)
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
        self.add_paper(DocType.TRANSFER.papers, DocType.TRANSFER.default_paper)
        (self.addressee_edit if not d.transfer_addressee else self.basis_edit).setFocus()

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
            for_information=_lines(self.information_edit),
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


# ================================================================================ issued list

_KIND_CODES = {DocType.RECEIPT: "doc.receipt", DocType.REFUSAL: "doc.refusal",
               DocType.APPOINTMENT: "doc.appointment", DocType.TRANSFER: "doc.transfer"}


class IssuedDocumentsDialog(QDialog):
    """The documents issued for a visit; Enter reprints the selected one as a copy.

    Buttons issue each kind of form (their dialogs open window-modally on top of this one).
    Signals: ``document_issued(id)`` (a new number), ``document_reprinted(id)``.
    """

    document_issued = Signal(int)
    document_reprinted = Signal(int)

    def __init__(self, desk: Desk, visit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(FORM_STYLE)
        self._desk = desk
        self.visit_id = visit_id
        self.visit = desk.visit(visit_id)
        self.documents: list[IssuedDocumentDTO] = []
        self.preview: PrintPreviewDialog | None = None
        self.form_dialog: IssueDialog | None = None
        self.setWindowTitle(text("issued.title", stt=self.visit.stt))
        self.resize(760, 380)

        layout = QVBoxLayout(self)
        who = QLabel(f"{shown_name(self.visit.citizen_name)} · "
                     f"{self.visit.received_at:%d/%m/%Y %H:%M}")
        who.setObjectName("visitLabel")
        layout.addWidget(who)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("documentsTable")
        self.table.setHorizontalHeaderLabels([
            text("issued.col_type"), text("issued.col_number"), text("issued.col_date"),
            text("issued.col_by"), text("issued.col_prints")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.empty_label = QLabel(text("issued.empty"))
        self.empty_label.setObjectName("emptyLabel")
        layout.addWidget(self.empty_label)
        self.status_label = banner_label(name="statusLabel")
        layout.addWidget(self.status_label)

        self.reprint_button = QPushButton(text("issued.reprint"))
        self.reprint_button.setDefault(True)
        self.receipt_button = QPushButton(text("issued.receipt"))
        self.refusal_button = QPushButton(text("issued.refusal"))
        self.appointment_button = QPushButton(text("issued.appointment"))
        self.transfer_button = QPushButton(text("issued.transfer"))
        self.close_button = QPushButton(text("issue.close"))
        forms = QHBoxLayout()
        forms.addWidget(self.reprint_button)
        forms.addStretch(1)
        for button in (self.receipt_button, self.refusal_button, self.appointment_button,
                       self.transfer_button):
            button.setAutoDefault(False)
            forms.addWidget(button)
        layout.addLayout(forms)
        bottom = QHBoxLayout()
        keys = QLabel(text("issued.keys"))
        keys.setEnabled(False)
        bottom.addWidget(keys)
        bottom.addStretch(1)
        self.close_button.setAutoDefault(False)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)

        self.reprint_action = QAction(text("issued.reprint"), self.table)
        self.reprint_action.setShortcuts([QKeySequence(Qt.Key.Key_Return),
                                          QKeySequence(Qt.Key.Key_Enter)])
        self.reprint_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.reprint_action)
        self.reprint_action.triggered.connect(self._on_reprint_action_triggered)
        self.reprint_button.clicked.connect(self._on_reprint_button_clicked)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.receipt_button.clicked.connect(self._on_receipt_button_clicked)
        self.refusal_button.clicked.connect(self._on_refusal_button_clicked)
        self.appointment_button.clicked.connect(self._on_appointment_button_clicked)
        self.transfer_button.clicked.connect(self._on_transfer_button_clicked)
        self.close_button.clicked.connect(self.reject)
        # Issuing and reprinting need the right to issue documents (the list is everyone's).
        self.rights = Rights(self._desk.access, self)
        for target in (self.reprint_button, self.reprint_action, self.receipt_button,
                       self.refusal_button, self.appointment_button, self.transfer_button):
            self.rights.gate(target, Permission.ISSUE_DOCUMENTS)
        # a voided visit may still get its refusal notice, nothing else new
        for button in (self.receipt_button, self.appointment_button, self.transfer_button):
            self.rights.enable(button, not self.visit.voided)
        self.reload()
        self.table.setFocus()

    # --- list ------------------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        """Re-read the visit's documents (newest last) and select ``select_id`` or the newest."""
        self.documents = self._desk.documents.for_visit(self.visit_id)
        self.table.setRowCount(len(self.documents))
        for row, doc in enumerate(self.documents):
            kind = text(_KIND_CODES[doc.doc_type])
            if doc.citizen_name == IDENTITY_WITHHELD:
                kind = text("issued.withheld", kind=kind)
            cells = [kind, text("issued.number", number=doc.number_text),
                     f"{doc.issued_at:%d/%m/%Y %H:%M}", doc.issued_by, str(doc.print_count)]
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setData(_DocRole, doc.id)
                if column == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        has_rows = bool(self.documents)
        self.empty_label.setVisible(not has_rows)
        self.rights.enable(self.reprint_button, has_rows)
        self.rights.enable(self.reprint_action, has_rows)
        if has_rows:
            ids = [d.id for d in self.documents]
            row = ids.index(select_id) if select_id in ids else len(ids) - 1
            self.table.selectRow(row)
            self.table.setCurrentCell(row, 0)

    def selected_document(self) -> IssuedDocumentDTO | None:
        row = self.table.currentRow()
        return self.documents[row] if 0 <= row < len(self.documents) else None

    # --- reprint ---------------------------------------------------------------------------
    def reprint_selected(self) -> PrintedDocument | None:
        """Reprint the selected document as a copy (counted) and open its preview."""
        doc = self.selected_document()
        if doc is None:
            return None
        self.status_label.hide()
        try:
            printed, _changes = announce(self._desk, self._desk.documents.reprint(doc.id))
        except UserError as error:
            self._show_status(error)
            return None
        self.preview = _show_preview(self._desk, printed, self)
        self.reload(doc.id)
        self.document_reprinted.emit(doc.id)
        return printed

    def _show_status(self, error: ReceptionDeskError) -> None:
        self.status_label.setText(message_for(error))
        self.status_label.show()

    @Slot()
    def _on_reprint_action_triggered(self) -> None:
        self.reprint_selected()

    @Slot()
    def _on_reprint_button_clicked(self) -> None:
        self.reprint_selected()

    @Slot()
    def _on_table_double_clicked(self) -> None:
        if self.reprint_action.isEnabled():  # greyed out without the right to issue
            self.reprint_selected()

    # --- issuing ---------------------------------------------------------------------------
    def print_receipt(self) -> PrintPreviewDialog | None:
        self.status_label.hide()
        try:
            self.preview = print_visit_receipt(self._desk, self.visit_id, self)
        except UserError as error:
            self._show_status(error)
            return None
        latest = self._desk.documents.latest_for_visit(self.visit_id, DocType.RECEIPT)
        self.reload(latest.id if latest else None)
        if latest is not None:
            self.document_issued.emit(latest.id)
        return self.preview

    def open_form(self, kind: type[IssueDialog]) -> IssueDialog | None:
        """Open the issuing dialog of ``kind`` on top of this list (window-modal)."""
        self.status_label.hide()
        try:
            dialog = kind(self._desk, self.visit_id, self)
        except UserError as error:
            self._show_status(error)
            return None
        dialog.document_issued.connect(self._on_form_document_issued)
        self.form_dialog = dialog
        open_window_modal(dialog)
        return dialog

    @Slot(int)
    def _on_form_document_issued(self, document_id: int) -> None:
        self.reload(document_id)
        self.document_issued.emit(document_id)

    @Slot()
    def _on_receipt_button_clicked(self) -> None:
        self.print_receipt()

    @Slot()
    def _on_refusal_button_clicked(self) -> None:
        self.open_form(RefusalDialog)

    @Slot()
    def _on_appointment_button_clicked(self) -> None:
        self.open_form(AppointmentDialog)

    @Slot()
    def _on_transfer_button_clicked(self) -> None:
        self.open_form(TransferDialog)
