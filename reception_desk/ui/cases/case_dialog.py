"""The case page: one case, where it is now, its deadline, the timeline, and the next event.

The page offers only the events the state machine allows and records them with the keyboard
(Ctrl+Enter). Its sections live beside it: the deadline banner and the timeline
(``timeline``), the chairperson's directives (``directives``), the complainants
(``complainants``) and the links to other cases (``links``; the picker is ``link_dialog``).
To fit a 1366×768 screen, all but the summary, the timeline and the next-step form are tabs
under the timeline (``sections``, Ctrl+1…Ctrl+6).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.domain.access import Permission
from reception_desk.domain.cases import ComplexityCriterion
from reception_desk.domain.cases import EventKind
from reception_desk.domain.cases import HandlingLevel
from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.services.cases.dto import CaseDetail
from reception_desk.services.cases.dto import ComplainantRole
from reception_desk.services.cases.dto import EventDraft
from reception_desk.services.context import Changes
from reception_desk.services.desk import Desk
from reception_desk.texts.access import shown_name
from reception_desk.texts.cases import case_label
from reception_desk.texts.cases import format_day
from reception_desk.texts.cases import role_label
from reception_desk.ui.attachments_panel import ADD_KEY
from reception_desk.ui.attachments_panel import SCAN_KEY
from reception_desk.ui.attachments_panel import AttachmentsPanel
from reception_desk.ui.cases.complainants import ComplainantsSection
from reception_desk.ui.cases.dialogues import HOLD_KEY
from reception_desk.ui.cases.dialogues import PRINT_KEY
from reception_desk.ui.cases.dialogues import SCHEDULE_KEY
from reception_desk.ui.cases.dialogues import DialogueSection
from reception_desk.ui.cases.directives import ACKNOWLEDGE_KEY
from reception_desk.ui.cases.directives import DONE_KEY
from reception_desk.ui.cases.directives import DirectivesSection
from reception_desk.ui.cases.forms import combo
from reception_desk.ui.cases.forms import combo_enum
from reception_desk.ui.cases.forms import combo_value
from reception_desk.ui.cases.forms import error_text
from reception_desk.ui.cases.forms import parse_day
from reception_desk.ui.cases.legal_facts import LegalFactsSection
from reception_desk.ui.cases.link_dialog import LinkCaseDialog
from reception_desk.ui.cases.links import LinksSection
from reception_desk.ui.cases.report_facts import ReportFactsSection
from reception_desk.ui.cases.sections import CaseSections
from reception_desk.ui.cases.sections import side_by_side
from reception_desk.ui.cases.timeline import DeadlineBanner
from reception_desk.ui.cases.timeline import TimelineTable
from reception_desk.ui.changes import announce
from reception_desk.ui.changes import change_feed
from reception_desk.ui.forms import buddy
from reception_desk.ui.forms import error_label
from reception_desk.ui.rights import Rights

if TYPE_CHECKING:
    from reception_desk.services.hotspots.dto import DirectiveDTO

#: What a window's title bar and frame take from the screen's height (the page fits under it).
TITLE_BAR = 40


class CaseDialog(QDialog):
    """One case: where it is now, its deadline, the timeline, and the next event to record.

    Keyboard: the event list has focus first; Tab walks the form; Ctrl+Enter records.
    """

    reloaded = Signal(int)  # the case id: the page shows the case as stored now

    directive_acknowledged = Signal(int)  # directive id
    directive_done = Signal(int)

    def __init__(self, desk: Desk, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._case_id = case_id
        self.detail: CaseDetail = desk.cases.case(case_id)
        self.link_dialog: LinkCaseDialog | None = None
        self.setWindowTitle(_("Case {number}").format(number=self.detail.number))
        self._build()
        self._show_detail()
        self._fit_screen()
        self._choose_first_section()
        change_feed(desk).changed.connect(self._on_changes)

    @property
    def directives(self) -> list[DirectiveDTO]:
        """The case's directives as listed (open ones soonest due first)."""
        return self.directives_box.directives

    # --- construction ----------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        top.addWidget(self.heading, 1)
        # Beside the heading, not under the page: the timeline keeps that line.
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Close (Esc)"))
        close.setAutoDefault(False)  # Enter in a field must never close the case page
        close.setDefault(False)
        buttons.rejected.connect(self.reject)
        top.addWidget(buttons, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        # Room above the first line: DejaVu's Vietnamese capitals (Ủ, Á) rise above its ascent
        # and a tight label clips their marks (STACK.md).
        self.summary.setContentsMargins(0, 3, 0, 0)
        layout.addWidget(self.summary)
        self.deadline_label = DeadlineBanner()
        layout.addWidget(self.deadline_label)
        layout.addWidget(QLabel(_("Timeline")))
        self.timeline = TimelineTable()
        layout.addWidget(self.timeline, 1)

        # Under the timeline: the next step in view, the other sections as tabs (``sections``).
        bottom = QHBoxLayout()
        bottom.addWidget(self._build_event_form(), 2)
        self.sections = CaseSections(self)
        self.people_page = self.sections.add(side_by_side(
            (self._build_complainants(), 2), (self._build_links(), 1)),
            _("People and links"))
        self.directives_page = self.sections.add(side_by_side((self._build_directives(), 1)),
                                                 _("Directives"))
        self.complexity_page = self.sections.add(side_by_side((self._build_complexity(), 1)),
                                                 _("Complexity"))
        # Complaints only: the dialogue rule, its flag and the dialogues (issue 14).
        self.dialogue_box = DialogueSection(self._desk, self)
        self.dialogue_box.failed.connect(self._on_directives_box_failed)
        self.dialogue_page = self.sections.add(side_by_side((self.dialogue_box, 1)),
                                               _("Dialogue"))
        self.legal_facts = LegalFactsSection(self._desk)
        self.legal_facts.saved.connect(self._on_legal_facts_saved)
        self.facts_page = self.sections.add(side_by_side(
            (self._build_report_facts(), 2), (self.legal_facts, 3)),
            _("Reports, limitation"))
        # The case's files and its visits' (the scanned đơn): Ctrl+Shift+A adds one.
        self.attachments = AttachmentsPanel(self._desk, shortcut_parent=self)
        self.attachments.show_record(case_id=self._case_id)
        self.files_page = self.sections.add(side_by_side((self.attachments, 1)), _("Files"))
        bottom.addWidget(self.sections, 5)
        layout.addLayout(bottom)
        # The keys that work from any tab bring their section forward: what they do shows.
        for page, keys in ((self.directives_page, (ACKNOWLEDGE_KEY, DONE_KEY)),
                           (self.dialogue_page, (SCHEDULE_KEY, HOLD_KEY, PRINT_KEY)),
                           (self.files_page, (ADD_KEY, SCAN_KEY))):
            wanted = {QKeySequence(key) for key in keys}
            for shortcut in self.findChildren(QShortcut):
                if shortcut.key() in wanted:
                    shortcut.activated.connect(
                        lambda page=page: self.sections.bring_forward(page))

        self.error_label = error_label()
        layout.addWidget(self.error_label)

        self.record_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        self.record_shortcut_enter = QShortcut(QKeySequence("Ctrl+Enter"), self)
        for shortcut in (self.record_shortcut, self.record_shortcut_enter):
            shortcut.activated.connect(self.record)
        self.link_shortcut = QShortcut(QKeySequence("Ctrl+Shift+L"), self)
        self.link_shortcut.activated.connect(self.open_link_dialog)
        # Working on the case needs "manage cases": greyed out, with the reason, without it.
        self.rights = Rights(self._desk.access, self)
        for target in (self.record_button, self.record_shortcut, self.record_shortcut_enter,
                       self.link_shortcut,
                       self.complexity_button, self.report_facts.save_button,
                       self.report_facts.save_shortcut, self.legal_facts.save_button):
            self.rights.gate(target, Permission.MANAGE_CASES)

    def _build_directives(self) -> QWidget:
        """The timeline's section of the chairperson's directives (hidden while there are none)."""
        section = self.directives_box = DirectivesSection(self._desk, self._case_id, self)
        self.directive_table = section.table
        self.acknowledge_button = section.acknowledge_button
        self.done_button = section.done_button
        section.acknowledged.connect(self._on_directives_box_saved)
        section.acknowledged.connect(self.directive_acknowledged)
        section.done.connect(self._on_directives_box_saved)
        section.done.connect(self.directive_done)
        section.failed.connect(self._on_directives_box_failed)
        return section

    def _build_complainants(self) -> QGroupBox:
        """The case's citizens: a small list, Add (registry search) and Remove (Del)."""
        section = self.complainants = ComplainantsSection(self._desk, self._case_id)
        self.complainant_table = section.table
        self.complainant_edit = section.search_edit
        self.complainant_search = section.search
        self.complainant_error = section.error_label
        self.role_combo = section.role_combo
        section.changed.connect(self._on_case_saved)
        return section

    def _build_report_facts(self) -> QGroupBox:
        """Eligibility, urging and a reply to a transfer, for the statutory reports."""
        section = self.report_facts = ReportFactsSection(self._desk)
        section.saved.connect(self._on_case_saved)
        section.failed.connect(self._show_error_text)
        return section

    def _build_links(self) -> QGroupBox:
        """Where the case comes from and what followed it; Ctrl+Shift+L links it."""
        section = self.links = LinksSection()
        self.links_label = section.label
        self.link_button = section.link_button
        self.link_button.clicked.connect(self.open_link_dialog)
        return section

    def _build_event_form(self) -> QGroupBox:
        box = QGroupBox(_("Record the next step"))
        form = QFormLayout(box)
        self.event_combo = QComboBox()
        self.event_combo.currentIndexChanged.connect(self._on_event_combo_current_index_changed)
        form.addRow(buddy(_("&Event:"), self.event_combo), self.event_combo)
        self.doc_number_edit = QLineEdit()
        self.doc_number_edit.setPlaceholderText(_("e.g. 12/PC-UBND"))
        self.doc_number_label = buddy(_("Document &number:"), self.doc_number_edit)
        form.addRow(self.doc_number_label, self.doc_number_edit)
        self.doc_date_edit = QLineEdit()
        self.doc_date_edit.setPlaceholderText(_("dd/mm/yyyy"))
        self.doc_date_label = buddy(_("Document &date:"), self.doc_date_edit)
        form.addRow(self.doc_date_label, self.doc_date_edit)
        self.level_combo = combo([(_("(unchanged)"), None)]
                                 + [(case_label(lv), lv) for lv in HandlingLevel])
        form.addRow(buddy(_("&Level:"), self.level_combo), self.level_combo)
        self.body_edit = QLineEdit()
        self.body_edit.setPlaceholderText(_("e.g. Thanh tra tỉnh"))
        form.addRow(buddy(_("&Body:"), self.body_edit), self.body_edit)
        self.note_edit = QLineEdit()
        form.addRow(buddy(_("N&ote:"), self.note_edit), self.note_edit)
        self.record_button = QPushButton(_("&Record (Ctrl+Enter)"))
        self.record_button.setAutoDefault(False)
        self.record_button.clicked.connect(self.record)
        form.addRow(self.record_button)
        return box

    def _build_complexity(self) -> QGroupBox:
        box = QGroupBox(_("Complexity and remote area"))
        grid = QGridLayout(box)
        # Two columns of criteria (a)–(g), then the remote area and the button: the tab stays
        # as low as the next-step form beside it.
        self.criteria_checks: dict[ComplexityCriterion, QCheckBox] = {}
        rows = (len(ComplexityCriterion) + 1) // 2
        for i, criterion in enumerate(ComplexityCriterion):
            check = QCheckBox(case_label(criterion))
            self.criteria_checks[criterion] = check
            grid.addWidget(check, i % rows, i // rows)
        self.remote_check = QCheckBox(_("Re&mote, hard-to-travel area"))
        grid.addWidget(self.remote_check, rows, 0)
        self.complexity_button = QPushButton(_("Save comple&xity"))
        self.complexity_button.setAutoDefault(False)
        self.complexity_button.clicked.connect(self.save_complexity)
        grid.addWidget(self.complexity_button, rows, 1, Qt.AlignmentFlag.AlignLeft)
        grid.setRowStretch(rows + 1, 1)
        return box

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+Enter records; Enter alone moves to the next field (never closes the page)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.record()
            else:
                self.focusNextChild()
            event.accept()
            return
        super().keyPressEvent(event)

    # --- showing ---------------------------------------------------------------------------
    def _show_detail(self) -> None:
        d = self.detail
        self.setWindowTitle(_("Case {number}").format(number=d.number))
        self.heading.setText(_("Case {number}: {title}").format(number=d.number, title=d.title))
        # Complainants by name; representatives and authorised persons with their role.
        names = ", ".join(
            [shown_name(c.full_name) for c in d.complainants
             if c.role == ComplainantRole.COMPLAINANT]
            + [_("{name} ({role})").format(name=shown_name(c.full_name),
                                           role=role_label(c.role))
               for c in d.complainants if c.role != ComplainantRole.COMPLAINANT]) or "—"
        where = case_label(d.level)
        if d.competent_body:
            where = _("{level}: {body}").format(level=where, body=d.competent_body)
        self.summary.setText(_(
            "{type} · received {received} · complainant: {names}\n"
            "Stage: {stage} · where it is now: {where}").format(
            type=case_label(d.case_type), received=format_day(d.received_on), names=names,
            stage=case_label(d.stage), where=where))
        self.deadline_label.show_deadline(d.deadline, d.related)
        self.timeline.show_events(d.events)
        self.directives_box.show_directives()
        self.sections.set_shown(self.directives_page, bool(self.directives_box.directives))
        self.sections.set_shown(self.dialogue_page, d.dialogue is not None)
        self.links.show_links(d)
        self.complainants.show_complainants(d.complainants)
        self.dialogue_box.show_case(d)
        self.event_combo.blockSignals(True)
        self.event_combo.clear()
        for kind in d.allowed_events:
            self.event_combo.addItem(case_label(kind), kind)
        self.event_combo.blockSignals(False)
        self.event_combo.setCurrentIndex(0 if d.allowed_events else -1)
        self._on_event_combo_current_index_changed(self.event_combo.currentIndex())
        for widget in (self.event_combo, self.doc_number_edit, self.doc_date_edit,
                       self.level_combo, self.body_edit, self.note_edit):
            widget.setEnabled(bool(d.allowed_events))
        self.rights.enable(self.record_button, bool(d.allowed_events))
        for criterion, check in self.criteria_checks.items():
            check.setChecked(criterion in d.criteria)
        self.remote_check.setChecked(d.remote)
        self.report_facts.show_detail(d)
        self.legal_facts.show_facts(d)
        can_assess = EventKind.ASSESS_COMPLEXITY in d.allowed_events
        for check in self.criteria_checks.values():
            check.setEnabled(can_assess)

    def _fit_screen(self) -> None:
        """As large as the screen allows (less a title bar), up to 1280×860; never less than
        the page needs (the layout's minimum, which fits 1366×768: tests/ui/test_case_page_fits)."""
        room = self.screen().availableGeometry().size() - QSize(0, TITLE_BAR)
        self.resize(QSize(1280, 860).boundedTo(room).expandedTo(self.minimumSizeHint()))

    def _choose_first_section(self) -> None:
        """The page opens on what asks for attention: an open directive of the chairperson,
        then a missing dialogue, else the complainants."""
        d = self.detail
        if any(directive.is_open for directive in self.directives):
            self.sections.bring_forward(self.directives_page)
        elif d.dialogue is not None and d.dialogue.flag is not None:
            self.sections.bring_forward(self.dialogue_page)
        else:
            self.sections.bring_forward(self.people_page)

    def selected_directive(self) -> DirectiveDTO | None:
        return self.directives_box.selected_directive()

    # --- actions ---------------------------------------------------------------------------
    def current_kind(self) -> EventKind | None:
        data = self.event_combo.currentData()  # Qt hands StrEnum data back as plain str
        return EventKind(data) if data else None

    @Slot(int)
    def _on_event_combo_current_index_changed(self, _index: int) -> None:
        kind = self.current_kind()
        required = kind is not None and self._desk.cases.document_required(kind)
        star = " *" if required else ""
        self.doc_number_label.setText(_("Document &number:") + star)
        self.doc_date_label.setText(_("Document &date:") + star)
        if kind is EventKind.TRANSFER and combo_value(self.level_combo) is None:
            self.level_combo.setCurrentIndex(self.level_combo.findData(HandlingLevel.PROVINCE))


    @Slot()
    def record(self) -> bool:
        """Record the event in the form; show the refusal inline if the desk refuses."""
        kind = self.current_kind()
        if kind is None:
            return False
        try:
            draft = EventDraft(
                case_id=self._case_id, kind=kind,
                document_number=self.doc_number_edit.text(),
                document_date=parse_day(self.doc_date_edit.text()),
                level=combo_enum(HandlingLevel, self.level_combo),
                body=self.body_edit.text(),
                note=self.note_edit.text(), expected_version=self.detail.version)
            self.detail, _changes = announce(self._desk, self._desk.cases.record_event(draft))
        except UserError as error:
            self._show_error(error)
            if error.code == "case.changed_elsewhere":
                self.reload()
            return False
        self._after_change()
        for edit in (self.doc_number_edit, self.doc_date_edit, self.body_edit, self.note_edit):
            edit.clear()
        self.level_combo.setCurrentIndex(0)
        self.event_combo.setFocus()
        return True


    @Slot()
    def save_complexity(self) -> bool:
        # Both read first: saving the criteria shows the case anew (``_on_changes``).
        wanted = {c for c, check in self.criteria_checks.items() if check.isChecked()}
        remote = self.remote_check.isChecked()
        try:
            if wanted != set(self.detail.criteria):
                self.detail, _c = announce(self._desk, self._desk.cases.set_complexity(
                    self._case_id, wanted))
            if remote != self.detail.remote:
                self.detail, _c = announce(self._desk, self._desk.cases.set_remote(
                    self._case_id, remote))
        except UserError as error:
            self._show_error(error)
            return False
        self._after_change()
        return True

    @Slot(object)
    def _on_legal_facts_saved(self, detail: CaseDetail) -> None:
        self.detail = detail
        self._after_change()

    def reload(self) -> None:
        self.detail = self._desk.cases.case(self._case_id)
        self._show_detail()
        self.reloaded.emit(self._case_id)

    @Slot(object)
    def _on_changes(self, changes: Changes) -> None:
        """This case changed (here, in another window or on the hotspots page): show it anew."""
        if self._case_id in changes.cases:
            self.reload()

    @Slot(int)
    def _on_directives_box_saved(self, _directive_id: int) -> None:
        self.error_label.hide()

    @Slot(str)
    def _on_directives_box_failed(self, text: str) -> None:
        self._show_error_text(text)

    @Slot(object)
    def _on_case_saved(self, detail: CaseDetail) -> None:
        """A section (complainants) or the link picker saved the case (``_on_changes`` has
        shown it anew)."""
        self.detail = detail
        self._after_change()

    def _after_change(self) -> None:
        """The desk saved a change of this case: the page was shown anew by ``_on_changes``."""
        self.error_label.hide()

    # --- links -----------------------------------------------------------------------------
    @Slot()
    def open_link_dialog(self) -> LinkCaseDialog:
        """The picker of the earlier case this one follows (Ctrl+Shift+L)."""
        self.sections.bring_forward(self.people_page)  # the focus comes back to its button
        dialog = LinkCaseDialog(self._desk, self.detail, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.linked.connect(self._on_link_dialog_linked)
        dialog.finished.connect(self._on_link_dialog_finished)
        self.link_dialog = dialog
        dialog.open()
        dialog.search_edit.setFocus()
        return dialog


    @Slot(object)
    def _on_link_dialog_linked(self, detail: CaseDetail) -> None:
        self._on_case_saved(detail)

    @Slot(int)
    def _on_link_dialog_finished(self, _result: int) -> None:
        self.link_dialog = None
        self.link_button.setFocus()

    def _show_error(self, error: UserError) -> None:
        self._show_error_text(error_text(error))

    def _show_error_text(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
