"""The base of the forms issued for a visit (issue 6): ``IssueDialog`` shows the visit, the form's
own fields each with its error line, the paper, and issues the document with Enter in a one-line
field or Ctrl+Enter anywhere: a new number through ``desk.documents``, then its print preview. A
refused issue shows its message under the field at fault (or in the banner) and keeps everything
typed. The forms themselves are in ``ui.issue_forms``; the list of what was issued in
``ui.documents_dialogs``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.domain.classification import IdDocType
from reception_desk.errors import ReceptionDeskError
from reception_desk.errors import UserError
from reception_desk.services.context import Changes
from reception_desk.services.documents.desk import DocType
from reception_desk.services.documents.desk import Paper
from reception_desk.services.documents.desk import PrintedDocument
from reception_desk.texts import message_for
from reception_desk.texts.access import shown_name
from reception_desk.texts.labels import label
from reception_desk.ui.changes import announce
from reception_desk.ui.forms import banner_label
from reception_desk.ui.messages_documents import text
from reception_desk.ui.print_preview import PrintPreviewDialog
from reception_desk.ui.print_preview import show_document
from reception_desk.ui.theme import FORM_STYLE
from reception_desk.ui.theme import set_invalid

if TYPE_CHECKING:
    from reception_desk.services.desk import Desk
    from reception_desk.services.documents.dto import FormDefaults
    from reception_desk.services.visits.dto import VisitDetail


def _paper_box(papers: Sequence[Paper], default: Paper) -> QComboBox:
    box = QComboBox()
    box.setObjectName("paperBox")
    for paper in papers:
        box.addItem(text(f"paper.{paper.value}"), paper.value)
    box.setCurrentIndex(list(papers).index(default))
    return box


class IssueDialog(QDialog):
    """A form that issues one numbered document for a visit, then opens its preview.

    Subclasses set ``doc_type`` (the window title "<type>.title" and the papers come from it),
    add their fields in ``add_fields`` with ``add_field`` (the paper row follows them) and
    implement ``_issue`` (build the command, call the desk). Signals: ``document_issued(document
    id)``.
    """

    document_issued = Signal(int)
    doc_type: DocType = DocType.REFUSAL

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
        self.setWindowTitle(text(f"{self.doc_type.value}.title", stt=self.visit.stt))
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
        self.issue_button.clicked.connect(self.issue)
        self.close_button.clicked.connect(self.reject)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self.issue_button.click)  # Ctrl+Enter presses Issue
        first = self.add_fields(self.defaults)
        self.paper_box = _paper_box(self.doc_type.papers, self.doc_type.default_paper)
        self.add_field("paper", "issue.paper", self.paper_box)
        first.setFocus()

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

    def add_fields(self, defaults: FormDefaults) -> QWidget:
        """Add the form's own fields; returns the one the keyboard starts in."""
        raise NotImplementedError

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

    @Slot()
    def issue(self) -> PrintedDocument | None:
        """Issue the document (a new number) and open its preview; None if refused."""
        self.clear_errors()
        try:
            printed, _changes = announce(self._desk, self._issue())
        except UserError as error:
            self.show_error(error)
            return None
        self.printed = printed
        self.preview = show_document(self._desk, printed, self.parentWidget())
        self.document_issued.emit(printed.document.id)
        self.accept()
        return printed

