"""Link a case to the earlier case it follows (khiếu nại lần hai, tố cáo tiếp): the picker."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.domain.cases import CaseType
from reception_desk.errors import UserError
from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.i18n import ngettext
from reception_desk.services.cases.dto import CaseDetail
from reception_desk.services.cases.dto import CaseFilter
from reception_desk.services.cases.dto import CaseQuery
from reception_desk.services.cases.dto import CaseRow
from reception_desk.services.cases.dto import CaseSort
from reception_desk.services.cases.dto import LinkKind
from reception_desk.services.desk import Desk
from reception_desk.texts.cases import case_label
from reception_desk.ui.cases.forms import combo
from reception_desk.ui.cases.forms import combo_enum
from reception_desk.ui.cases.forms import current_item
from reception_desk.ui.cases.forms import error_text
from reception_desk.ui.cases.forms import search_edit
from reception_desk.ui.cases.forms import setup_list_table
from reception_desk.ui.cases.table_model import complainant_text
from reception_desk.ui.changes import announce
from reception_desk.ui.forms import buddy
from reception_desk.ui.forms import error_label

# The link a case of this type makes (LEGAL.md §6.1; Luật Tố cáo Art. 37).
DEFAULT_LINK_KIND: dict[CaseType, LinkKind] = {
    CaseType.COMPLAINT_SECOND: LinkKind.SECOND_COMPLAINT,
    CaseType.DENUNCIATION: LinkKind.REPEAT_DENUNCIATION,
}


class LinkCaseDialog(QDialog):
    """Pick the earlier case this one follows: search by number ("12/2026"), title or
    complainant, choose how it follows (defaulted from the case type), Enter links.

    Keys: type to search; Up/Down/PageUp/PageDown move in the results while typing; Enter
    links the highlighted case; Esc cancels. The desk's refusal shows under the fields.
    """

    linked = Signal(object)  # the CaseDetail after linking

    RESULT_LIMIT = 50
    SEARCH_DELAY_MS = 150
    COLUMNS = (N_("Case no."), N_("Case type"), N_("Title"), N_("Complainant"), N_("Stage"))

    def __init__(self, desk: Desk, detail: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._detail = detail
        self.results: list[CaseRow] = []
        self.setWindowTitle(_("Link case {number} to an earlier case").format(
            number=detail.number))
        self.resize(900, 460)
        layout = QVBoxLayout(self)
        intro = QLabel(_("Case {number} ({type}): {title}").format(
            number=detail.number, type=case_label(detail.case_type), title=detail.title))
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(intro)
        if detail.previous is not None:
            current = QLabel(_("Now follows case {number} ({title}); linking again replaces "
                               "that link.").format(number=detail.previous.number,
                                                    title=detail.previous.title))
            current.setWordWrap(True)
            current.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(current)
        form = QFormLayout()
        self.search_edit = search_edit(
            _("Case number like 12/2026, words of the title, or a complainant's name"))
        form.addRow(buddy(_("&Find:"), self.search_edit), self.search_edit)
        self.kind_combo = combo((case_label(k), k) for k in LinkKind)
        kind = DEFAULT_LINK_KIND.get(detail.case_type, detail.link_kind)
        if kind is not None:
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
        form.addRow(buddy(_("Link &kind:"), self.kind_combo), self.kind_combo)
        layout.addLayout(form)
        self.result_table = QTableWidget(0, len(self.COLUMNS))
        setup_list_table(self.result_table, self.COLUMNS, (95, 130, 310, 170))
        layout.addWidget(self.result_table, 1)
        self.count_label = QLabel()
        layout.addWidget(self.count_label)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox()
        self.link_button = buttons.addButton(_("Link (Enter)"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAutoDefault(False)
        self.link_button.setDefault(True)
        layout.addWidget(buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.search_edit.textEdited.connect(self._on_search_edit_text_edited)
        self.search_edit.installEventFilter(self)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        self.search_now()

    # --- public ----------------------------------------------------------------------------
    @Slot()
    def search_now(self) -> None:
        """Run the search at once (the field waits a moment after the last key)."""
        self._timer.stop()
        query = CaseQuery(filter=CaseFilter.ALL, text=self.search_edit.text().strip(),
                          sort=CaseSort.RECEIVED, descending=True)
        found = self._desk.cases.page(query, 0, self.RESULT_LIMIT + 1)
        self.results = [r for r in found if r.id != self._detail.id][:self.RESULT_LIMIT]
        self._show_results()

    def selected_case(self) -> CaseRow | None:
        return current_item(self.result_table, self.results)

    def link(self) -> bool:
        """Link to the highlighted case; on refusal the desk's reason shows and nothing closes."""
        chosen = self.selected_case()
        kind = combo_enum(LinkKind, self.kind_combo)
        try:
            if chosen is None:
                raise UserError("case.link_choose_case", field="previous_case_id")
            if kind is None:
                raise UserError("case.link_incomplete", field="link_kind")
            detail, _changes = announce(self._desk, self._desk.cases.link(
                self._detail.id, chosen.id, kind))
        except UserError as error:
            self.error_label.setText(error_text(error))
            self.error_label.show()
            return False
        self.error_label.hide()
        self.linked.emit(detail)
        self.accept()
        return True

    # --- internals -------------------------------------------------------------------------
    def _show_results(self) -> None:
        table = self.result_table
        table.setRowCount(len(self.results))
        for row, r in enumerate(self.results):
            for column, text in enumerate((r.number, case_label(r.case_type), r.title,
                                           complainant_text(r), case_label(r.stage))):
                item = QTableWidgetItem(" ".join(text.split()))
                item.setToolTip(text)
                table.setItem(row, column, item)
        if self.results:
            table.selectRow(0)
        self.count_label.setText(
            ngettext("{count} case found", "{count} cases found", len(self.results)).format(
                count=len(self.results)) if self.results else _("No case found."))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up/Down/PageUp/PageDown in the search field move in the results."""
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 5,
                     Qt.Key.Key_PageUp: -5}
            step = steps.get(Qt.Key(event.key()))
            if step is not None and self.results:
                if self._timer.isActive():
                    self.search_now()
                row = max(0, min(len(self.results) - 1,
                                 self.result_table.currentRow() + step))
                self.result_table.selectRow(row)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._timer.isActive():
                self.search_now()  # Enter right after typing links what the words find
        return super().eventFilter(watched, event)

    @Slot(str)
    def _on_search_edit_text_edited(self, _text: str) -> None:
        self._timer.start()


    @Slot()
    def _on_buttons_accepted(self) -> None:
        self.link()
