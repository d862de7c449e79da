"""Cases (vụ việc) against their legal deadlines: the list over SQL and the case page.

``CaseTableModel`` pages rows from ``desk.cases.page`` (filter and sort run in SQL; statuses are
computed for the shown rows only). ``CasesPage`` adds the quick filters (all open / due this week /
overdue / closed), the counts and the search. ``CaseDialog`` shows one case's timeline and records
the next event with the keyboard, offering only the moves the state machine allows; the
chairperson's directives on the case are a section of its timeline, their due dates coloured like
any deadline, acknowledged (Ctrl+K) and marked carried out (Ctrl+E) there. Status is shown by a
background colour AND a text marker, never by colour alone; a case with an overdue open directive
carries the ⚑ marker in the list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QSettings,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QBrush, QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reception_desk.config import OFFICE_TZ
from reception_desk.domain.cases import (
    CaseType,
    ComplaintObject,
    ComplexityCriterion,
    EventKind,
    HandlingLevel,
)
from reception_desk.domain.deadlines import DueStatus, PeriodUnit
from reception_desk.errors import ReceptionDeskError, UserError
from reception_desk.i18n import N_, _, ngettext
from reception_desk.services.cases.dto import (
    CaseDetail,
    CaseFilter,
    CaseQuery,
    CaseRow,
    CaseSort,
    Complainant,
    ComplainantRole,
    EventDraft,
    LinkKind,
    NewCase,
)
from reception_desk.services.citizens.dto import CitizenSummary
from reception_desk.services.desk import Desk
from reception_desk.ui.citizen_search import CitizenSearch
from reception_desk.ui.messages_cases import (
    PAUSED,
    case_label,
    case_message,
    format_day,
    role_label,
    weekday_name,
)
from reception_desk.ui.messages_hotspots import hotspot_message
from reception_desk.ui.paged_table import (
    FILTER_DELAY_MS,
    PAGE_SIZE,
    ROW_HEIGHT,
    ColumnSpec,
    HeaderState,
    IdRole,
    PagedTableModel,
    PagedTableView,
    TextFilter,
)

if TYPE_CHECKING:
    from reception_desk.domain.identity import CccdQr
    from reception_desk.services.hotspots.dto import DirectiveDTO

_E = TypeVar("_E", bound=StrEnum)

HEADER_STATE_KEY = "cases/header"

CaseIdRole = IdRole
StatusRole = Qt.ItemDataRole.UserRole + 2

# Background + text colours per status (WCAG AA contrast for the dark text on each background).
STATUS_COLOURS: dict[DueStatus | None, tuple[QColor, QColor]] = {
    DueStatus.OVERDUE: (QColor("#f8d0d0"), QColor("#7a0000")),
    DueStatus.DUE_SOON: (QColor("#fde9b6"), QColor("#5c3d00")),
    DueStatus.ON_TIME: (QColor("#d9f0dc"), QColor("#14461d")),
}
PAUSED_COLOURS = (QColor("#e4e4ea"), QColor("#33334a"))
DONE_COLOURS = (QColor("#f0f0f0"), QColor("#555555"))
#: Beside the days left of a case whose open directive is past its due date.
DIRECTIVE_MARKER = "⚑"


def status_text(status: DueStatus | None, working_left: int | None, paused: bool,
                unit: PeriodUnit | None = None) -> str:
    """The text marker of a deadline status (shown beside the colour)."""
    if paused:
        return _(PAUSED)
    if status is None or working_left is None:
        return "—"
    if status is DueStatus.OVERDUE:
        return ngettext("OVERDUE by {days} working day", "OVERDUE by {days} working days",
                        -working_left).format(days=-working_left)
    if working_left == 0:
        return _("Due TODAY")
    if status is DueStatus.DUE_SOON:
        return ngettext("Due soon: {days} working day left", "Due soon: {days} working days left",
                        working_left).format(days=working_left)
    return ngettext("{days} working day left", "{days} working days left",
                    working_left).format(days=working_left)


def _complainant(row: CaseRow) -> str:
    if row.complainant_count > 1:
        return _("{name} and {count} others").format(name=row.complainant,
                                                     count=row.complainant_count - 1)
    return row.complainant


def _level(row: CaseRow) -> str:
    if row.competent_body:
        return _("{level}: {body}").format(level=case_label(row.level), body=row.competent_body)
    return case_label(row.level)


def _deadline(row: CaseRow) -> str:
    if row.due_on is None:
        return "—"
    return _("{weekday} {day}").format(weekday=weekday_name(row.due_on),
                                       day=format_day(row.due_on))


def _left(row: CaseRow) -> str:
    text = status_text(row.status, row.working_days_left, row.paused)
    return f"{DIRECTIVE_MARKER} {text}" if row.directive_overdue else text


def _left_tip(row: CaseRow) -> str:
    return _("{marker} A directive of the chairperson on this case is overdue.").format(
        marker=DIRECTIVE_MARKER) if row.directive_overdue else ""


def _deadline_tip(row: CaseRow) -> str:
    if row.deadline_kind is None:
        return ""
    return case_label(row.deadline_kind)


COLUMNS: tuple[ColumnSpec[CaseRow, CaseSort], ...] = (
    ColumnSpec("number", N_("Case no."), lambda r: r.number, 72, CaseSort.NUMBER,
               align=Qt.AlignmentFlag.AlignRight),
    ColumnSpec("type", N_("Case type"), lambda r: case_label(r.case_type), 125, CaseSort.TYPE),
    ColumnSpec("title", N_("Title"), lambda r: r.title, 260, CaseSort.TITLE,
               tooltip=lambda r: r.title),
    ColumnSpec("complainant", N_("Complainant"), _complainant, 150),
    ColumnSpec("level", N_("Where it is"), _level, 145, CaseSort.LEVEL, tooltip=_level),
    ColumnSpec("stage", N_("Stage"), lambda r: case_label(r.stage), 160, CaseSort.STAGE,
               tooltip=lambda r: case_label(r.stage)),
    ColumnSpec("deadline", N_("Deadline"), _deadline, 145, CaseSort.DUE, tooltip=_deadline_tip),
    ColumnSpec("left", N_("Days left"), _left, 180, tooltip=_left_tip),
)
COLUMN_INDEX = {spec.key: i for i, spec in enumerate(COLUMNS)}


class CaseTableModel(PagedTableModel[CaseQuery, CaseRow]):
    """Read-only table of the cases matching ``query``, fetched page by page from the desk.

    The number and deadline cells are coloured by deadline status (the text says it too).
    """

    def __init__(self, desk: Desk, query: CaseQuery | None = None,
                 page_size: int = PAGE_SIZE, parent: QWidget | None = None) -> None:
        super().__init__(COLUMNS, desk.cases.count, desk.cases.page, query or CaseQuery(),
                         page_size=page_size, parent=parent)

    def case_row(self, row: int) -> CaseRow | None:
        """The case shown at ``row`` (None if out of range or gone since the count)."""
        return self.row_at(row)

    def cell(self, item: CaseRow, spec: ColumnSpec[CaseRow, CaseSort], role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return " ".join(spec.text(item).split())
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            colours = PAUSED_COLOURS if item.paused else STATUS_COLOURS.get(item.status)
            if colours is None or spec.key not in ("number", "deadline", "left"):
                return None
            return QBrush(colours[0] if role == Qt.ItemDataRole.BackgroundRole else colours[1])
        if role == StatusRole:
            return item.status.value if item.status else None
        return super().cell(item, spec, role)


# --- helpers -----------------------------------------------------------------------------


def _local(moment: datetime) -> datetime:
    """A stored moment (UTC; SQLite hands it back naive) in the office's time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(OFFICE_TZ)


def parse_day(text: str) -> date | None:
    """Read "dd/mm/yyyy" (also d/m/yyyy, dd.mm.yyyy, yyyy-mm-dd); None if empty."""
    text = text.strip()
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise UserError("ui.date_unreadable", text=text)


def error_text(error: ReceptionDeskError) -> str:
    if error.code == "ui.date_unreadable":
        return _("\"{text}\" is not a date: write it as dd/mm/yyyy.").format(**error.params)
    return case_message(error)


# Item data is never None: PySide6 mishandles None's reference count when ``currentData()``
# returns it many times (fatal "deallocating None"), so "no value" is stored as "".
_NONE = ""


def _combo(items: Iterable[tuple[str, object]]) -> QComboBox:
    box = QComboBox()
    for text, data in items:
        box.addItem(text, _NONE if data is None else data)
    return box


def _data(box: QComboBox) -> object:
    data = box.currentData()
    return None if data == _NONE else data


def _enum(enum: type[_E], box: QComboBox) -> _E | None:
    """The combo's current StrEnum value (Qt returns StrEnum data as plain str)."""
    data = _data(box)
    return None if data is None else enum(data)


# --- linking to an earlier case ------------------------------------------------------------

# How the case page names the earlier case (khiếu nại lần hai, tố cáo tiếp) and the later ones.
_PREVIOUS_LINK: dict[LinkKind, str] = {
    LinkKind.SECOND_COMPLAINT: N_("Second complaint of case {number} ({title}); that case "
                                  "now: {stage}"),
    LinkKind.REPEAT_DENUNCIATION: N_("Repeat denunciation of case {number} ({title}); that "
                                     "case now: {stage}"),
}
_NEXT_LINK: dict[LinkKind, str] = {
    LinkKind.SECOND_COMPLAINT: N_("Second complaint: case {number} ({title}), now: {stage}"),
    LinkKind.REPEAT_DENUNCIATION: N_("Repeat denunciation: case {number} ({title}), now: "
                                     "{stage}"),
}
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
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(
            _("Case number like 12/2026, words of the title, or a complainant's name"))
        self.search_edit.setClearButtonEnabled(True)
        form.addRow(CaseDialog._buddy(_("&Find:"), self.search_edit), self.search_edit)
        self.kind_combo = _combo((case_label(k), k) for k in LinkKind)
        kind = DEFAULT_LINK_KIND.get(detail.case_type, detail.link_kind)
        if kind is not None:
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
        form.addRow(CaseDialog._buddy(_("Link &kind:"), self.kind_combo), self.kind_combo)
        layout.addLayout(form)
        table = self.result_table = QTableWidget(0, len(self.COLUMNS))
        table.setHorizontalHeaderLabels([_(t) for t in self.COLUMNS])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setTabKeyNavigation(False)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        for i, width in enumerate((95, 130, 310, 170)):
            table.horizontalHeader().resizeSection(i, width)
        table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(table, 1)
        self.count_label = QLabel()
        layout.addWidget(self.count_label)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
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
        self._timer.timeout.connect(self._on_timer_timeout)
        self.search_edit.textEdited.connect(self._on_search_edit_text_edited)
        self.search_edit.installEventFilter(self)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        self.search_now()

    # --- public ----------------------------------------------------------------------------
    def search_now(self) -> None:
        """Run the search at once (the field waits a moment after the last key)."""
        self._timer.stop()
        query = CaseQuery(filter=CaseFilter.ALL, text=self.search_edit.text().strip(),
                          sort=CaseSort.RECEIVED, descending=True)
        found = self._desk.cases.page(query, 0, self.RESULT_LIMIT + 1)
        self.results = [r for r in found if r.id != self._detail.id][:self.RESULT_LIMIT]
        self._show_results()

    def selected_case(self) -> CaseRow | None:
        row = self.result_table.currentRow()
        return self.results[row] if 0 <= row < len(self.results) else None

    def link(self) -> bool:
        """Link to the highlighted case; on refusal the desk's reason shows and nothing closes."""
        chosen = self.selected_case()
        kind = _enum(LinkKind, self.kind_combo)
        try:
            if chosen is None:
                raise UserError("case.link_choose_case", field="previous_case_id")
            if kind is None:
                raise UserError("case.link_incomplete", field="link_kind")
            detail, _changes = self._desk.cases.link(self._detail.id, chosen.id, kind)
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
                                           _complainant(r), case_label(r.stage))):
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
    def _on_timer_timeout(self) -> None:
        self.search_now()

    @Slot()
    def _on_buttons_accepted(self) -> None:
        self.link()


# --- the case page (dialog) ----------------------------------------------------------------


class CaseDialog(QDialog):
    """One case: where it is now, its deadline, the timeline, and the next event to record.

    Keyboard: the event list has focus first; Tab walks the form; Ctrl+Enter records.
    """

    case_changed = Signal(int)

    directive_acknowledged = Signal(int)  # directive id
    directive_done = Signal(int)

    TIMELINE_COLUMNS = (N_("Date"), N_("Event"), N_("Document"), N_("Level / body"),
                        N_("Recorded by"), N_("Note"))
    DIRECTIVE_COLUMNS = (N_("Given"), N_("Directive"), N_("Assigned to"), N_("Due"),
                         N_("Due status"), N_("Acknowledged"))
    COMPLAINANT_COLUMNS = (N_("Full name"), N_("Role in the case"), N_("ID number"),
                           N_("Address"))

    def __init__(self, desk: Desk, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._case_id = case_id
        self.detail: CaseDetail = desk.cases.case(case_id)
        self.directives: list[DirectiveDTO] = []
        self.link_dialog: LinkCaseDialog | None = None
        self.setWindowTitle(_("Case {number}").format(number=self.detail.number))
        self.resize(1180, 760)
        self._build()
        self._show_detail()

    # --- construction ----------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        # Room above the first line: DejaVu's Vietnamese capitals (Ủ, Á) rise above its ascent
        # and a tight label clips their marks (STACK.md).
        self.summary.setContentsMargins(0, 3, 0, 0)
        layout.addWidget(self.summary)
        self.deadline_label = QLabel()
        self.deadline_label.setWordWrap(True)
        self.deadline_label.setTextFormat(Qt.TextFormat.PlainText)
        self.deadline_label.setMargin(6)
        layout.addWidget(self.deadline_label)

        splitter = QSplitter(Qt.Orientation.Vertical)
        timeline_box = QWidget()
        timeline_layout = QVBoxLayout(timeline_box)
        timeline_layout.setContentsMargins(0, 0, 0, 0)
        timeline_layout.addWidget(QLabel(_("Timeline")))
        self.timeline = QTableWidget(0, len(self.TIMELINE_COLUMNS))
        self.timeline.setHorizontalHeaderLabels([_(t) for t in self.TIMELINE_COLUMNS])
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline.verticalHeader().hide()
        self.timeline.setWordWrap(False)
        self.timeline.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.timeline.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.timeline.horizontalHeader()
        for i, width in enumerate((100, 230, 200, 230, 200)):
            header.resizeSection(i, width)
        header.setStretchLastSection(True)
        timeline_layout.addWidget(self.timeline, 1)
        timeline_layout.addWidget(self._build_directives())
        people = QHBoxLayout()
        people.addWidget(self._build_complainants(), 3)
        people.addWidget(self._build_links(), 2)
        timeline_layout.addLayout(people)
        splitter.addWidget(timeline_box)

        bottom = QWidget()
        bottom_layout = QHBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self._build_event_form(), 3)
        bottom_layout.addWidget(self._build_complexity(), 2)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Close (Esc)"))
        close.setAutoDefault(False)  # Enter in a field must never close the case page
        close.setDefault(False)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.record_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        self.record_shortcut.activated.connect(self._on_record_shortcut_activated)
        self.record_shortcut_enter = QShortcut(QKeySequence("Ctrl+Enter"), self)
        self.record_shortcut_enter.activated.connect(self._on_record_shortcut_activated)
        # The same keys as on the hotspots page.
        self.acknowledge_shortcut = QShortcut(QKeySequence("Ctrl+K"), self)
        self.acknowledge_shortcut.activated.connect(self._on_acknowledge_directive_triggered)
        self.done_shortcut = QShortcut(QKeySequence("Ctrl+E"), self)
        self.done_shortcut.activated.connect(self._on_done_directive_triggered)
        self.link_shortcut = QShortcut(QKeySequence("Ctrl+Shift+L"), self)
        self.link_shortcut.activated.connect(self._on_link_triggered)

    def _build_directives(self) -> QWidget:
        """The timeline's section of the chairperson's directives (hidden while there are none)."""
        self.directives_box = QWidget()
        self.directives_box.setObjectName("caseDirectives")
        box = QVBoxLayout(self.directives_box)
        box.setContentsMargins(0, 4, 0, 0)
        box.setSpacing(2)
        head = QHBoxLayout()
        self.directive_table = QTableWidget(0, len(self.DIRECTIVE_COLUMNS))
        self.directive_table.setObjectName("caseDirectiveTable")
        caption = self._buddy(_("D&irectives of the chairperson on this case (ý kiến chỉ đạo)"),
                              self.directive_table)
        caption.setStyleSheet("font-weight: bold;")
        head.addWidget(caption)
        head.addStretch(1)
        self.acknowledge_button = QPushButton(_("Acknowledge (Ctrl+K)"))
        self.done_button = QPushButton(_("Carried out (Ctrl+E)"))
        for button in (self.acknowledge_button, self.done_button):
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # keys: Ctrl+K, Ctrl+E
            head.addWidget(button)
        box.addLayout(head)
        table = self.directive_table
        table.setHorizontalHeaderLabels([_(t) for t in self.DIRECTIVE_COLUMNS])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        header = table.horizontalHeader()
        for i, width in enumerate((100, 320, 170, 165, 230)):
            header.resizeSection(i, width)
        header.setStretchLastSection(True)
        box.addWidget(table)
        self.acknowledge_button.clicked.connect(self._on_acknowledge_directive_triggered)
        self.done_button.clicked.connect(self._on_done_directive_triggered)
        table.itemSelectionChanged.connect(self._on_directive_table_item_selection_changed)
        self.directives_box.hide()
        return self.directives_box

    def _build_complainants(self) -> QGroupBox:
        """The case's citizens: a small list, Add (registry search) and Remove (Del)."""
        # A group's own mnemonic would not move the focus from the search field inside it.
        box = QGroupBox(_("Complainants (Alt+P)"))
        box.setObjectName("caseComplainants")
        layout = QVBoxLayout(box)
        layout.setSpacing(4)
        table = self.complainant_table = QTableWidget(0, len(self.COMPLAINANT_COLUMNS))
        table.setObjectName("caseComplainantTable")
        table.setHorizontalHeaderLabels([_(t) for t in self.COMPLAINANT_COLUMNS])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setTabKeyNavigation(False)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        header = table.horizontalHeader()
        for i, width in enumerate((185, 170, 110)):
            header.resizeSection(i, width)
        header.setStretchLastSection(True)
        table.setFixedHeight(header.height() + 3 * ROW_HEIGHT + 2 * table.frameWidth())
        layout.addWidget(table)
        row = QHBoxLayout()
        self.complainant_edit = QLineEdit()
        self.complainant_edit.setObjectName("caseComplainantSearch")
        self.complainant_edit.setPlaceholderText(_("Name or ID number, Enter to add"))
        row.addWidget(self._buddy(_("&Add:"), self.complainant_edit))
        row.addWidget(self.complainant_edit, 1)
        self.role_combo = _combo((role_label(r), r) for r in ComplainantRole)
        row.addWidget(self._buddy(_("a&s:"), self.role_combo))
        row.addWidget(self.role_combo)
        self.remove_complainant_button = QPushButton(_("Remove (Del)"))
        self.remove_complainant_button.setAutoDefault(False)
        row.addWidget(self.remove_complainant_button)
        layout.addLayout(row)
        self.complainant_error = QLabel()
        self.complainant_error.setObjectName("caseComplainantError")
        self.complainant_error.setWordWrap(True)
        self.complainant_error.setStyleSheet("color: #b00020;")
        self.complainant_error.hide()
        layout.addWidget(self.complainant_error)
        self.complainant_search = CitizenSearch(
            self.complainant_edit, self._desk, fill_name=False,
            empty_text=_("No citizen found in the registry: citizens are added when their "
                         "visit is logged."))
        self.complainant_search.citizen_picked.connect(
            self._on_complainant_search_citizen_picked)
        self.complainant_search.qr_scanned.connect(self._on_complainant_search_qr_scanned)
        self.remove_complainant_button.clicked.connect(
            self._on_remove_complainant_button_clicked)
        self.complainants_shortcut = QShortcut(QKeySequence("Alt+P"), self)
        self.complainants_shortcut.activated.connect(self._on_complainants_shortcut_activated)
        self.remove_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), table)
        self.remove_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_shortcut.activated.connect(self._on_remove_complainant_button_clicked)
        return box

    def _build_links(self) -> QGroupBox:
        """Where the case comes from and what followed it; Ctrl+Shift+L links it."""
        box = QGroupBox(_("Linked cases and visits"))
        box.setObjectName("caseLinks")
        layout = QVBoxLayout(box)
        layout.setSpacing(4)
        self.links_label = QLabel()
        self.links_label.setWordWrap(True)
        self.links_label.setTextFormat(Qt.TextFormat.PlainText)
        self.links_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.links_label, 1)
        self.link_button = QPushButton(_("Link to an earlier case… (Ctrl+Shift+L)"))
        self.link_button.setAutoDefault(False)
        self.link_button.clicked.connect(self._on_link_triggered)
        layout.addWidget(self.link_button)
        return box

    def _build_event_form(self) -> QGroupBox:
        box = QGroupBox(_("Record the next step"))
        form = QFormLayout(box)
        self.event_combo = QComboBox()
        self.event_combo.currentIndexChanged.connect(self._on_event_combo_current_index_changed)
        form.addRow(self._buddy(_("&Event:"), self.event_combo), self.event_combo)
        self.doc_number_edit = QLineEdit()
        self.doc_number_edit.setPlaceholderText(_("e.g. 12/PC-UBND"))
        self.doc_number_label = self._buddy(_("Document &number:"), self.doc_number_edit)
        form.addRow(self.doc_number_label, self.doc_number_edit)
        self.doc_date_edit = QLineEdit()
        self.doc_date_edit.setPlaceholderText(_("dd/mm/yyyy"))
        self.doc_date_label = self._buddy(_("Document &date:"), self.doc_date_edit)
        form.addRow(self.doc_date_label, self.doc_date_edit)
        self.level_combo = _combo([(_("(unchanged)"), None)]
                                  + [(case_label(lv), lv) for lv in HandlingLevel])
        form.addRow(self._buddy(_("&Level:"), self.level_combo), self.level_combo)
        self.body_edit = QLineEdit()
        self.body_edit.setPlaceholderText(_("e.g. Thanh tra tỉnh"))
        form.addRow(self._buddy(_("&Body:"), self.body_edit), self.body_edit)
        self.note_edit = QLineEdit()
        form.addRow(self._buddy(_("N&ote:"), self.note_edit), self.note_edit)
        self.record_button = QPushButton(_("&Record (Ctrl+Enter)"))
        self.record_button.setAutoDefault(False)
        self.record_button.clicked.connect(self._on_record_button_clicked)
        form.addRow(self.record_button)
        return box

    def _build_complexity(self) -> QGroupBox:
        box = QGroupBox(_("Complexity and remote area"))
        grid = QGridLayout(box)
        self.criteria_checks: dict[ComplexityCriterion, QCheckBox] = {}
        for i, criterion in enumerate(ComplexityCriterion):
            check = QCheckBox(case_label(criterion))
            self.criteria_checks[criterion] = check
            grid.addWidget(check, i, 0)
        self.remote_check = QCheckBox(_("Re&mote, hard-to-travel area"))
        grid.addWidget(self.remote_check, len(self.criteria_checks), 0)
        self.complexity_button = QPushButton(_("Save comple&xity"))
        self.complexity_button.setAutoDefault(False)
        self.complexity_button.clicked.connect(self._on_complexity_button_clicked)
        grid.addWidget(self.complexity_button, len(self.criteria_checks) + 1, 0)
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

    @staticmethod
    def _buddy(text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        return label

    # --- showing ---------------------------------------------------------------------------
    def _show_detail(self) -> None:
        d = self.detail
        self.setWindowTitle(_("Case {number}").format(number=d.number))
        self.heading.setText(_("Case {number}: {title}").format(number=d.number, title=d.title))
        # Complainants by name; representatives and authorised persons with their role.
        names = ", ".join(
            [c.full_name for c in d.complainants if c.role == ComplainantRole.COMPLAINANT]
            + [_("{name} ({role})").format(name=c.full_name, role=role_label(c.role))
               for c in d.complainants if c.role != ComplainantRole.COMPLAINANT]) or "—"
        where = case_label(d.level)
        if d.competent_body:
            where = _("{level}: {body}").format(level=where, body=d.competent_body)
        self.summary.setText(_(
            "{type} · received {received} · complainant: {names}\n"
            "Stage: {stage} · where it is now: {where}").format(
            type=case_label(d.case_type), received=format_day(d.received_on), names=names,
            stage=case_label(d.stage), where=where))
        self._show_deadline()
        self._show_timeline()
        self._show_directives()
        self._show_links()
        self._show_complainants()
        self.event_combo.blockSignals(True)
        self.event_combo.clear()
        for kind in d.allowed_events:
            self.event_combo.addItem(case_label(kind), kind)
        self.event_combo.blockSignals(False)
        self.event_combo.setCurrentIndex(0 if d.allowed_events else -1)
        self._on_event_combo_current_index_changed(self.event_combo.currentIndex())
        for widget in (self.event_combo, self.doc_number_edit, self.doc_date_edit,
                       self.level_combo, self.body_edit, self.note_edit, self.record_button):
            widget.setEnabled(bool(d.allowed_events))
        for criterion, check in self.criteria_checks.items():
            check.setChecked(criterion in d.criteria)
        self.remote_check.setChecked(d.remote)
        can_assess = EventKind.ASSESS_COMPLEXITY in d.allowed_events
        for check in self.criteria_checks.values():
            check.setEnabled(can_assess)

    def _show_deadline(self) -> None:
        info = self.detail.deadline
        if info is None:
            self.deadline_label.setText(_("No time limit runs in this stage."))
            self.deadline_label.setStyleSheet("")
            return
        paused = info.due is None
        marker = status_text(info.status, info.working_days_left, paused)
        if paused:
            text = _("{kind}: clock stopped by the suspension; {days} {unit} remain after the "
                     "continuation decision. Basis: {basis}").format(
                kind=case_label(info.kind), days=info.paused_remaining,
                unit=case_label(info.unit), basis=info.basis)
            colours = PAUSED_COLOURS
        else:
            assert info.due is not None
            text = _("{kind}: due {weekday} {due} ({days} {unit}, {variant}) — {marker}. "
                     "Basis: {basis}").format(
                kind=case_label(info.kind), weekday=weekday_name(info.due),
                due=format_day(info.due), days=info.days, unit=case_label(info.unit),
                variant=case_label(info.variant), marker=marker, basis=info.basis)
            if info.extensions:
                text += " " + ngettext("(includes {count} extension)",
                                       "(includes {count} extensions)",
                                       info.extensions).format(count=info.extensions)
            colours = STATUS_COLOURS.get(info.status, PAUSED_COLOURS)
        self.deadline_label.setText(text)
        self.deadline_label.setStyleSheet(
            f"background: {colours[0].name()}; color: {colours[1].name()}; border-radius: 3px;")

    def _show_timeline(self) -> None:
        events = self.detail.events
        self.timeline.setRowCount(len(events))
        for row, e in enumerate(events):
            document = e.document_number
            if document and e.document_date is not None:
                document = _("{number} of {date}").format(
                    number=document, date=format_day(e.document_date))
            place = case_label(e.level) if e.level else ""
            if e.body:
                place = _("{level}: {body}").format(level=place, body=e.body) if place \
                    else e.body
            what = case_label(e.kind)
            if e.criteria:
                what = _("{event} ({letters})").format(
                    event=what, letters=", ".join(sorted(c.letter for c in e.criteria)))
            cells = (format_day(e.legal_date), what, document, place,
                     _("{who}, {when}").format(who=e.actor,
                                               when=e.moment.strftime("%d/%m/%Y %H:%M")),
                     e.note)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.timeline.setItem(row, column, item)

    def _show_directives(self, select_id: int | None = None) -> None:
        """The case's directives, open ones soonest due first, then those carried out."""
        current = self.selected_directive()
        select_id = select_id if select_id is not None else (current.id if current else None)
        found = self._desk.hotspots.directives(case_id=self._case_id, open_only=False)
        self.directives = sorted(found, key=lambda d: (not d.is_open, d.due_on is None,
                                                       d.due_on or date.max, d.id))
        table = self.directive_table
        table.setRowCount(len(self.directives))
        for row, d in enumerate(self.directives):
            if d.done_at is not None:
                due_status = _("Carried out on {day}").format(day=format_day(_local(d.done_at)))
                colours: tuple[QColor, QColor] | None = DONE_COLOURS
            elif d.due_on is None:
                due_status, colours = _("No due date"), None
            else:
                due_status = status_text(d.status, d.working_days_left, False)
                colours = STATUS_COLOURS.get(d.status)
            due = _("{weekday} {day}").format(weekday=weekday_name(d.due_on),
                                              day=format_day(d.due_on)) if d.due_on else "—"
            if d.acknowledged_at is not None:
                acknowledged = _("{who}, {when}").format(
                    who=d.acknowledged_by, when=_local(d.acknowledged_at).strftime(
                        "%d/%m/%Y %H:%M"))
            else:
                acknowledged = _("Not yet")
            cells = (format_day(_local(d.given_at)), d.text, d.assignee_name or "—", due,
                     due_status, acknowledged)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(" ".join(text.split()))
                item.setToolTip(text if column != 0 else _("Given by {who}").format(
                    who=d.given_by))
                item.setData(Qt.ItemDataRole.UserRole, d.id)
                if colours is not None and (column in (3, 4) or d.done_at is not None):
                    if d.done_at is None:
                        item.setBackground(QBrush(colours[0]))
                    item.setForeground(QBrush(colours[1]))
                table.setItem(row, column, item)
        self.directives_box.setVisible(bool(self.directives))
        # As tall as its rows (up to four), the timeline keeps the rest.
        shown = min(max(len(self.directives), 1), 4)
        table.setFixedHeight(table.horizontalHeader().height() + shown * ROW_HEIGHT
                             + 2 * table.frameWidth())
        rows = {d.id: i for i, d in enumerate(self.directives)}
        if select_id in rows:
            table.selectRow(rows[select_id])
        elif self.directives:
            table.selectRow(0)
        self._update_directive_buttons()

    def selected_directive(self) -> DirectiveDTO | None:
        row = self.directive_table.currentRow()
        return self.directives[row] if 0 <= row < len(self.directives) else None

    def _update_directive_buttons(self) -> None:
        d = self.selected_directive()
        self.acknowledge_button.setEnabled(d is not None and d.acknowledged_at is None)
        self.done_button.setEnabled(d is not None and d.is_open)

    def _show_links(self) -> None:
        d = self.detail
        parts = []
        if d.previous is not None:
            prev = d.previous
            template = _PREVIOUS_LINK.get(d.link_kind) if d.link_kind else None
            parts.append(_(template or N_("Follows case {number} ({type}: {title})")).format(
                number=prev.number, type=case_label(prev.case_type), title=prev.title,
                stage=case_label(prev.stage)))
        for nxt in d.next_cases:
            template = _NEXT_LINK.get(nxt.link_kind) if nxt.link_kind else None
            parts.append(_(template or N_("Followed by case {number} ({kind})")).format(
                number=nxt.number, title=nxt.title, stage=case_label(nxt.stage),
                kind=case_label(nxt.case_type)))
        if d.visits:
            parts.append(_("Visits: {visits}").format(visits=", ".join(
                _("no. {stt} of {day}").format(stt=v.stt, day=format_day(v.reception_date))
                for v in d.visits)))
        self.links_label.setText("\n".join(parts) or _("Not linked to other cases."))

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
        if kind is EventKind.TRANSFER and _data(self.level_combo) is None:
            self.level_combo.setCurrentIndex(self.level_combo.findData(HandlingLevel.PROVINCE))

    @Slot()
    def _on_record_shortcut_activated(self) -> None:
        self.record()

    @Slot()
    def _on_record_button_clicked(self) -> None:
        self.record()

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
                level=_enum(HandlingLevel, self.level_combo),
                body=self.body_edit.text(),
                note=self.note_edit.text(), expected_version=self.detail.version)
            self.detail, _changes = self._desk.cases.record_event(draft)
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
    def _on_complexity_button_clicked(self) -> None:
        self.save_complexity()

    def save_complexity(self) -> bool:
        wanted = {c for c, check in self.criteria_checks.items() if check.isChecked()}
        try:
            if wanted != set(self.detail.criteria):
                self.detail, _c = self._desk.cases.set_complexity(self._case_id, wanted)
            if self.remote_check.isChecked() != self.detail.remote:
                self.detail, _c = self._desk.cases.set_remote(self._case_id,
                                                              self.remote_check.isChecked())
        except UserError as error:
            self._show_error(error)
            return False
        self._after_change()
        return True

    def reload(self) -> None:
        self.detail = self._desk.cases.case(self._case_id)
        self._show_detail()

    def acknowledge_directive(self) -> bool:
        """Acknowledge the directive selected in the timeline (audited by the desk)."""
        d = self.selected_directive()
        if d is None or d.acknowledged_at is not None:
            return False
        try:
            saved, _changes = self._desk.hotspots.acknowledge_directive(d.id)
        except ReceptionDeskError as error:
            self._show_error_text(hotspot_message(error))
            return False
        self._after_directive(saved.id)
        self.directive_acknowledged.emit(saved.id)
        return True

    def complete_directive(self) -> bool:
        """Mark the selected directive carried out (acknowledging it too if it was not)."""
        d = self.selected_directive()
        if d is None or not d.is_open:
            return False
        try:
            saved, _changes = self._desk.hotspots.complete_directive(d.id)
        except ReceptionDeskError as error:
            self._show_error_text(hotspot_message(error))
            return False
        self._after_directive(saved.id)
        self.directive_done.emit(saved.id)
        return True

    def _after_directive(self, directive_id: int) -> None:
        self.error_label.hide()
        self._show_directives(directive_id)
        self.case_changed.emit(self._case_id)

    @Slot()
    def _on_acknowledge_directive_triggered(self) -> None:
        self.acknowledge_directive()

    @Slot()
    def _on_done_directive_triggered(self) -> None:
        self.complete_directive()

    @Slot()
    def _on_directive_table_item_selection_changed(self) -> None:
        self._update_directive_buttons()

    def _after_change(self) -> None:
        self.error_label.hide()
        self._show_detail()
        self.case_changed.emit(self._case_id)

    # --- complainants ----------------------------------------------------------------------
    def _show_complainants(self, select_id: int | None = None) -> None:
        table = self.complainant_table
        people = self.detail.complainants
        table.setRowCount(len(people))
        for row, c in enumerate(people):
            for column, text in enumerate((c.full_name, role_label(c.role), c.id_number or "—",
                                           c.address)):
                item = QTableWidgetItem(" ".join(text.split()))
                item.setToolTip(text)
                item.setData(Qt.ItemDataRole.UserRole, c.citizen_id)
                table.setItem(row, column, item)
        rows = {c.citizen_id: i for i, c in enumerate(people)}
        if select_id in rows:
            table.selectRow(rows[select_id])
        elif people:
            table.selectRow(min(max(table.currentRow(), 0), len(people) - 1))
        self.remove_complainant_button.setEnabled(bool(people))

    def selected_complainant(self) -> Complainant | None:
        row = self.complainant_table.currentRow()
        people = self.detail.complainants
        return people[row] if 0 <= row < len(people) else None

    def add_complainant(self, citizen_id: int) -> bool:
        """Link the citizen in the role chosen beside the search field."""
        role = _enum(ComplainantRole, self.role_combo) or ComplainantRole.COMPLAINANT
        try:
            self.detail, _changes = self._desk.cases.add_complainant(self._case_id, citizen_id,
                                                                     role)
        except UserError as error:
            self._show_complainant_error(error)
            return False
        self.complainant_error.hide()
        self.complainant_edit.clear()
        self.role_combo.setCurrentIndex(0)
        self._after_change()
        self._show_complainants(citizen_id)
        self.complainant_edit.setFocus()
        return True

    def remove_complainant(self) -> bool:
        """Unlink the selected citizen; the desk refuses to remove the last complainant."""
        chosen = self.selected_complainant()
        if chosen is None:
            return False
        try:
            self.detail, _changes = self._desk.cases.remove_complainant(self._case_id,
                                                                        chosen.citizen_id)
        except UserError as error:
            self._show_complainant_error(error)
            return False
        self.complainant_error.hide()
        self._after_change()
        self.complainant_table.setFocus()
        return True

    def _show_complainant_error(self, error: UserError) -> None:
        self.complainant_error.setText(error_text(error))
        self.complainant_error.show()

    @Slot(object)
    def _on_complainant_search_citizen_picked(self, citizen: CitizenSummary) -> None:
        self.add_complainant(citizen.id)

    @Slot(object)
    def _on_complainant_search_qr_scanned(self, qr: CccdQr) -> None:
        found = self._desk.citizens.by_id_number(qr.id_number)
        if len(found) == 1:
            self.add_complainant(found[0].id)
            return
        self.complainant_edit.setText(qr.full_name)
        self._show_complainant_error(UserError("case.citizen_not_registered",
                                               id_number=qr.id_number) if not found
                                     else UserError("case.citizen_choose"))

    @Slot()
    def _on_complainants_shortcut_activated(self) -> None:
        self.complainant_table.setFocus()

    @Slot()
    def _on_remove_complainant_button_clicked(self) -> None:
        self.remove_complainant()

    # --- links -----------------------------------------------------------------------------
    def open_link_dialog(self) -> LinkCaseDialog:
        """The picker of the earlier case this one follows (Ctrl+Shift+L)."""
        dialog = LinkCaseDialog(self._desk, self.detail, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.linked.connect(self._on_link_dialog_linked)
        dialog.finished.connect(self._on_link_dialog_finished)
        self.link_dialog = dialog
        dialog.open()
        dialog.search_edit.setFocus()
        return dialog

    @Slot()
    def _on_link_triggered(self) -> None:
        self.open_link_dialog()

    @Slot(object)
    def _on_link_dialog_linked(self, detail: CaseDetail) -> None:
        self.detail = detail
        self._after_change()
        if detail.previous is not None:
            self.case_changed.emit(detail.previous.id)

    @Slot(int)
    def _on_link_dialog_finished(self, _result: int) -> None:
        self.link_dialog = None
        self.link_button.setFocus()

    def _show_error(self, error: UserError) -> None:
        self._show_error_text(error_text(error))

    def _show_error_text(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()


# --- a new case ----------------------------------------------------------------------------


class NewCaseDialog(QDialog):
    """Open a case, from a logbook visit (``visit_id``) or standalone (a đơn by post…)."""

    case_opened = Signal(int)

    def __init__(self, desk: Desk, visit_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._visit_id = visit_id
        self.case_id: int | None = None
        self.setWindowTitle(_("New case from visit") if visit_id else _("New case"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.type_combo = _combo(([(_("(from the visit)"), None)] if visit_id else [])
                                 + [(case_label(t), t) for t in CaseType])
        form.addRow(CaseDialog._buddy(_("&Type:"), self.type_combo), self.type_combo)
        self.title_edit = QLineEdit()
        if visit_id:
            self.title_edit.setPlaceholderText(_("(from the visit's content)"))
        form.addRow(CaseDialog._buddy(_("T&itle:"), self.title_edit), self.title_edit)
        self.object_combo = _combo([("—", None)]
                                   + [(case_label(o), o) for o in ComplaintObject])
        form.addRow(CaseDialog._buddy(_("Complaint &against:"), self.object_combo),
                    self.object_combo)
        self.received_edit = QLineEdit()
        self.received_edit.setPlaceholderText(_("dd/mm/yyyy (empty: today)"))
        self.received_edit.setEnabled(visit_id is None)
        form.addRow(CaseDialog._buddy(_("&Received on:"), self.received_edit),
                    self.received_edit)
        self.respondents_edit = QLineEdit()
        form.addRow(CaseDialog._buddy(_("&Complained about:"), self.respondents_edit),
                    self.respondents_edit)
        self.content_edit = QPlainTextEdit()
        self.content_edit.setTabChangesFocus(True)
        self.content_edit.setFixedHeight(80)
        form.addRow(CaseDialog._buddy(_("C&ontent:"), self.content_edit), self.content_edit)
        self.remote_check = QCheckBox(_("Re&mote, hard-to-travel area"))
        form.addRow("", self.remote_check)
        # Standalone (a đơn by post…): the first complainant from the registry; from a visit the
        # visit's citizen is the complainant.
        self.citizen: CitizenSummary | None = None
        self.complainant_edit = QLineEdit()
        self.complainant_edit.setPlaceholderText(_("Name or ID number, Enter to pick"))
        self.complainant_label = QLabel()
        self.complainant_label.setTextFormat(Qt.TextFormat.PlainText)
        self.complainant_label.setWordWrap(True)
        self.complainant_search: CitizenSearch | None = None
        if visit_id is None:
            form.addRow(CaseDialog._buddy(_("&First complainant:"), self.complainant_edit),
                        self.complainant_edit)
            form.addRow("", self.complainant_label)
            self.complainant_search = CitizenSearch(
                self.complainant_edit, desk,
                empty_text=_("No citizen found in the registry: citizens are added when their "
                             "visit is logged."))
            self.complainant_search.citizen_picked.connect(
                self._on_complainant_search_citizen_picked)
            self.complainant_edit.textEdited.connect(self._on_complainant_edit_text_edited)
        self._show_citizen()
        layout.addLayout(form)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Open the case"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        self.submit()

    def _show_citizen(self) -> None:
        c = self.citizen
        self.complainant_label.setText(
            _("Complainant: {name}").format(name=", ".join(
                p for p in (c.full_name, c.id_number, c.address) if p))
            if c is not None else _("No complainant chosen yet (can be added on the case page)."))

    @Slot(object)
    def _on_complainant_search_citizen_picked(self, citizen: CitizenSummary) -> None:
        self.citizen = citizen
        self._show_citizen()

    @Slot(str)
    def _on_complainant_edit_text_edited(self, _text: str) -> None:
        if self.citizen is not None:
            self.citizen = None
            self._show_citizen()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in the complainant field (no list showing) never opens the case by accident."""
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and self.complainant_edit.hasFocus()
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.focusNextChild()
            event.accept()
            return
        super().keyPressEvent(event)

    def submit(self) -> bool:
        try:
            if self.complainant_edit.text().strip() and self.citizen is None \
                    and self._visit_id is None:
                raise UserError("case.citizen_choose", field="citizen_ids")
            cmd = NewCase(
                citizen_ids=(self.citizen.id,) if self.citizen is not None else (),
                case_type=_enum(CaseType, self.type_combo),
                title=self.title_edit.text(),
                content=self.content_edit.toPlainText(), visit_id=self._visit_id,
                complaint_object=_enum(ComplaintObject, self.object_combo),
                respondents=self.respondents_edit.text(), remote=self.remote_check.isChecked(),
                received_on=parse_day(self.received_edit.text()))
            detail, _changes = self._desk.cases.open_case(cmd)
        except UserError as error:
            self.error_label.setText(error_text(error))
            self.error_label.show()
            return False
        self.case_id = detail.id
        self.case_opened.emit(detail.id)
        self.accept()
        return True


# --- the page ------------------------------------------------------------------------------


class CasesPage(QWidget):
    """The case list: quick filters with counts, search, the table; opens the case page."""

    case_changed = Signal(int)

    FILTER_ORDER = (CaseFilter.OPEN, CaseFilter.DUE_THIS_WEEK, CaseFilter.OVERDUE,
                    CaseFilter.CLOSED, CaseFilter.ALL)

    def __init__(self, desk: Desk, settings: QSettings | None = None,
                 parent: QWidget | None = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._desk = desk
        self._settings = settings if settings is not None else QSettings()
        self.model = CaseTableModel(desk, CaseQuery(), page_size=page_size, parent=self)
        self.case_dialog: CaseDialog | None = None
        self.new_case_dialog: NewCaseDialog | None = None
        self._build()
        self.header_state.restore()
        self._update_counts()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        filters = QHBoxLayout()
        self.filter_group = QButtonGroup(self)
        self.filter_group.setExclusive(True)
        self.filter_buttons: dict[CaseFilter, QPushButton] = {}
        for number, which in enumerate(self.FILTER_ORDER, start=1):
            button = QPushButton()
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setToolTip(_("Alt+{n}").format(n=number))
            # A QShortcut, not button.setShortcut: setText (the counts) resets a button's one.
            shortcut = QShortcut(QKeySequence(f"Alt+{number}"), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda which=which: self.set_filter(which))
            self.filter_group.addButton(button)
            self.filter_buttons[which] = button
            filters.addWidget(button)
        self.filter_buttons[CaseFilter.OPEN].setChecked(True)
        filters.addStretch(1)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        filters.addWidget(self.legend)
        layout.addLayout(filters)

        search = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(
            _("Search title or complainant, or a case number like 12/2026 (Ctrl+L)"))
        self.search_edit.setClearButtonEnabled(True)
        search.addWidget(self.search_edit, 1)
        self.count_label = QLabel()
        search.addWidget(self.count_label)
        self.open_button = QPushButton(_("&Open case"))
        self.new_button = QPushButton(_("&New case…"))
        for button in (self.open_button, self.new_button):
            button.setAutoDefault(False)
            search.addWidget(button)
        layout.addLayout(search)

        self.table = PagedTableView(self.model, row_height=ROW_HEIGHT)
        layout.addWidget(self.table, 1)
        self.header_state = HeaderState(self.table, self._settings, HEADER_STATE_KEY)
        self.text_filter = TextFilter(self.search_edit, self.table, self._apply,
                                      FILTER_DELAY_MS)

        self.open_action = QAction(_("Open case"), self.table)
        self.open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return),
                                       QKeySequence(Qt.Key.Key_Enter)])
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.open_action)
        self.find_shortcut = QShortcut(QKeySequence("Ctrl+L"), self)
        self.find_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_shortcut = QShortcut(QKeySequence(Qt.Key.Key_F5), self)
        self.refresh_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.filter_group.buttonClicked.connect(self._on_filter_group_button_clicked)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.open_action.triggered.connect(self._on_open_action_triggered)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.find_shortcut.activated.connect(self._on_find_shortcut_activated)
        self.refresh_shortcut.activated.connect(self._on_refresh_shortcut_activated)

    def save_state(self) -> None:
        """Write the column layout to QSettings (also done shortly after every change)."""
        self.header_state.save()

    # --- public ----------------------------------------------------------------------------
    def selected_case(self) -> CaseRow | None:
        return self.table.current_item()  # type: ignore[no-any-return]

    def set_filter(self, which: CaseFilter) -> None:
        self.filter_buttons[which].setChecked(True)
        self._apply()

    @Slot()
    def refresh(self) -> None:
        """Re-read the list and the counts (after any case, calendar or rule change)."""
        self.table.refresh()
        self._update_counts()

    def open_case(self, case_id: int) -> CaseDialog:
        """Show the case page (window-modal); the list follows every change made there."""
        dialog = CaseDialog(self._desk, case_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.case_changed.connect(self._on_case_dialog_case_changed)
        dialog.finished.connect(self._on_case_dialog_finished)
        self.case_dialog = dialog
        dialog.open()
        dialog.event_combo.setFocus()
        return dialog

    def new_case(self, visit_id: int | None = None) -> NewCaseDialog:
        """Ask for a new case, from the logbook visit ``visit_id`` or standalone."""
        dialog = NewCaseDialog(self._desk, visit_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.case_opened.connect(self._on_new_case_dialog_case_opened)
        self.new_case_dialog = dialog
        dialog.open()
        return dialog

    def open_case_from_visit(self, visit_id: int) -> NewCaseDialog:
        return self.new_case(visit_id)

    # --- internals -------------------------------------------------------------------------
    def _apply(self) -> None:
        self.text_filter.stop()
        which = next((f for f, b in self.filter_buttons.items() if b.isChecked()),
                     CaseFilter.OPEN)
        query = replace(self.model.query, filter=which, text=self.search_edit.text().strip())
        if query != self.model.query:
            self.model.set_query(query)
        self._update_counts()

    def _update_counts(self) -> None:
        counts = self._desk.cases.status_counts()
        shown = {
            CaseFilter.OPEN: counts.total, CaseFilter.OVERDUE: counts.overdue,
        }
        for which, button in self.filter_buttons.items():
            text = case_label(which)
            if which in shown:
                text = _("{filter} ({count})").format(filter=text, count=shown[which])
            button.setText(text)
        chips = []
        for status, count in ((DueStatus.OVERDUE, counts.overdue),
                              (DueStatus.DUE_SOON, counts.due_soon),
                              (DueStatus.ON_TIME, counts.on_time)):
            bg, fg = STATUS_COLOURS[status]
            chips.append(f'<span style="background:{bg.name()}; color:{fg.name()};">'
                         f'&nbsp;{case_label(status)}: {count}&nbsp;</span>')
        bg, fg = PAUSED_COLOURS
        chips.append(f'<span style="background:{bg.name()}; color:{fg.name()};">'
                     f'&nbsp;{_(PAUSED)}: {counts.paused}&nbsp;</span>')
        chips.append(_("{marker} overdue directive").format(marker=DIRECTIVE_MARKER))
        self.legend.setText(" ".join(chips))
        count = self.model.rowCount()
        self.count_label.setText(ngettext("{count} case", "{count} cases", count)
                                 .format(count=count))

    def _open_current(self) -> None:
        current = self.selected_case()
        if current is not None:
            self.open_case(current.id)

    @Slot()
    def _on_filter_group_button_clicked(self) -> None:
        self._apply()

    @Slot()
    def _on_open_button_clicked(self) -> None:
        self._open_current()

    @Slot()
    def _on_open_action_triggered(self) -> None:
        self._open_current()

    @Slot()
    def _on_new_button_clicked(self) -> None:
        self.new_case()

    @Slot(QModelIndex)
    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        item = self.model.case_row(index.row())
        if item is not None:
            self.open_case(item.id)

    @Slot()
    def _on_find_shortcut_activated(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    @Slot()
    def _on_refresh_shortcut_activated(self) -> None:
        self.refresh()

    @Slot(int)
    def _on_case_dialog_case_changed(self, case_id: int) -> None:
        self.refresh()
        self.case_changed.emit(case_id)

    @Slot(int)
    def _on_case_dialog_finished(self, _result: int) -> None:
        self.case_dialog = None
        self.table.setFocus()

    @Slot(int)
    def _on_new_case_dialog_case_opened(self, case_id: int) -> None:
        self.new_case_dialog = None
        self.refresh()
        self.case_changed.emit(case_id)
        self.open_case(case_id)

    def hideEvent(self, event: object) -> None:
        self.header_state.flush()
        super().hideEvent(event)  # type: ignore[arg-type]
