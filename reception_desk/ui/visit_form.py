"""The visit form: one logbook entry typed while the citizen stands at the counter.

Holds every field of both legal logbook layouts (TT 04/2021 Mẫu 03 and NĐ 154/2026 Mẫu 03/TCD,
LEGAL.md §2.1). Keyboard only: Tab walks the fields top to bottom and left to right, Alt plus
the underlined letter jumps to a field, Ctrl+S / Ctrl+Enter saves, Ctrl+P saves and prints the
receipt. Talks to nothing but the ``Desk`` facade; every check is the domain's, the form only
places its messages.

Citizens are picked, not retyped: typing in the name field searches the registry (Up/Down,
Enter picks) and a CCCD QR scanned into the name or ID-number field fills the identity. A picked
citizen stays attached (``VisitDraft.citizen_id``) while the clerk corrects phone, address,
dates or spelling; changing the name (other than accents and case) or an ID number the record
already had detaches it, so a different person is never silently merged into the record.

While the name or ID number is filled, earlier visits and cases of the person or matter show in
a banner above the content (300 ms after the last change); Alt+L or Ctrl+L links the visit to
the matter (``VisitDraft.case_id``).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import TypeVar

from PySide6.QtCore import (
    QDate,
    QDateTime,
    QEvent,
    QObject,
    Qt,
    QTime,
    QTimer,
    QTimeZone,
    Signal,
    Slot,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reception_desk.config import OFFICE_TZ
from reception_desk.domain import geography
from reception_desk.domain.classification import (
    HandlingDirection,
    IdDocType,
    PetitionType,
    Sex,
    VisitKind,
)
from reception_desk.domain.crowds import DEFAULT_CROWD_THRESHOLD
from reception_desk.domain.identity import (
    CccdQr,
    PersonKey,
    looks_like_cccd_qr,
    parse_cccd_qr,
    person_key,
    same_person,
)
from reception_desk.domain.problems import Problem
from reception_desk.domain.visits import EARLIEST_VISIT, MAX_PEOPLE, VisitDraft, check_visit
from reception_desk.errors import KnownError, UserError, ValidationFailed
from reception_desk.i18n import _
from reception_desk.services.citizens.dto import CitizenSummary, RepeatReport
from reception_desk.services.desk import Desk
from reception_desk.services.office.dto import FieldCategoryDTO, StaffDTO
from reception_desk.services.visits.dto import VisitDetail
from reception_desk.ui.citizen_search import CitizenSearch
from reception_desk.ui.crowd_section import CrowdSection
from reception_desk.ui.labels import choices
from reception_desk.ui.messages import MESSAGES, format_count, is_overridable, message_for
from reception_desk.ui.messages_citizens import message as citizen_message
from reception_desk.ui.repeat_banner import LINK_KEYS, RepeatBanner
from reception_desk.ui.theme import FORM_STYLE, set_invalid
from reception_desk.ui.widgets import (
    DateLineEdit,
    DocumentsTable,
    PlaceCombo,
    PlainTextField,
)

E = TypeVar("E", bound=Enum)

_UTC = QTimeZone(QTimeZone.Initialization.UTC)
_DEPTH_ROLE = Qt.ItemDataRole.UserRole + 7
CONFIRMATION_MS = 8000
REPEAT_DEBOUNCE_MS = 300
_MNEMONIC = re.compile(r"&(?!&)")
_QR_START = re.compile(r"[0-9]{12}\|")

#: Order in which faulty fields are visited (the tab order) and where problems without a widget
#: of their own are shown.
FIELD_ORDER = (
    "received_at", "kind", "receiving_staff_id", "presiding_leader_id",
    "citizen_name", "sex", "birth_date",
    "id_doc_type", "id_number", "id_issue_date", "id_issue_place", "id_override_reason",
    "province", "ward_code", "address_detail", "phone",
    "people_count", "delegation", "representatives", "participants",
    "content", "petition_type", "field_code", "within_competence", "prior_bodies",
    "direction", "target_body", "target_doc_number", "follow_up", "notes",
    "incident", "incident_note", "documents",
)
# Leaving one of these re-checks the identity number (its checks read sex and birth date).
_ID_INPUTS = {"sex", "birth_date", "id_doc_type", "id_override_reason"}
# Fields inside the crowd section (CrowdSection shows their messages).
CROWD_FIELDS = ("people_count", "delegation", "representatives", "participants")
# Editing one of these looks for earlier visits and cases again (the repeat banner).
_REPEAT_INPUTS = {"citizen_name", "id_doc_type", "id_number", "province", "ward_code",
                  "address_detail", "content"}
# What a picked citizen fills in.
_CITIZEN_INPUTS = ("citizen_name", "id_doc_type", "id_number", "id_issue_date", "id_issue_place",
                   "sex", "birth_date", "province", "ward_code", "address_detail", "phone")


def _plain(text: str) -> str:
    """A label without its mnemonic marker, for accessible names."""
    return _MNEMONIC.sub("", text).replace("&&", "&")


@dataclass
class _Field:
    name: str
    editor: QWidget
    error: QLabel | None  # None: the crowd section shows the field's messages
    cell: QWidget
    caption: QLabel | None = None
    messages: list[str] = field(default_factory=list)


class _IndentDelegate(QStyledItemDelegate):
    """Indents the field taxonomy by depth without putting spaces into the text (which would
    break the combo's type-to-find)."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index
    ) -> None:  # type: ignore[no-untyped-def]
        super().initStyleOption(option, index)
        depth = index.data(_DEPTH_ROLE) or 0
        option.rect = option.rect.adjusted(18 * int(depth), 0, 0, 0)


class VisitForm(QWidget):
    """Edit one visit (new or existing) and save it through the ``Desk``.

    Signals: ``visit_logged(id)`` after a new visit is saved, ``visit_updated(id)`` after an edit
    is saved, ``changed()`` on any edit by the user (the main window debounces draft autosave),
    ``receipt_opened(id)`` when the receipt preview of a visit opened (Ctrl+P).
    """

    visit_logged = Signal(int)
    visit_updated = Signal(int)
    changed = Signal()
    receipt_opened = Signal(int)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._fields: dict[str, _Field] = {}
        self._loading = 0
        self._touched: set[str] = set()
        self._time_follows_clock = True
        self._default_staff_id: int | None = desk.actor.staff_id
        self._editing: VisitDetail | None = None
        self._citizen_id: int | None = None
        # (folded name, paper type, number) when the citizen was picked: see _current_citizen_id
        self._picked: PersonKey | None = None
        self._case_id: int | None = None
        self._case_numbers: dict[int, str] = {}
        self._staff: list[StaffDTO] = []
        self._field_categories: list[FieldCategoryDTO] = []
        office = desk.office()
        self._office_province = office.province_code if office else None
        self._office_commune = office.commune_code if office else None
        self._crowd_threshold = self._read_crowd_threshold()

        self.setStyleSheet(FORM_STYLE)
        self._build()
        self._connect()
        self._loading += 1
        self.province.set_places(geography.provinces())
        self._loading -= 1
        self.reload_choices()
        self.clear_form()

    # ================================================================================ building
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.setSpacing(6)

        top = QHBoxLayout()
        self._title = QLabel(self)
        self._title.setProperty("role", "sectionTitle")
        top.addWidget(self._title)
        top.addStretch(1)
        hint = QLabel(_("Ctrl+S or Ctrl+Enter saves · Ctrl+P saves and prints the receipt · "
                        "Alt + underlined letter jumps to a field"), self)
        hint.setEnabled(False)
        top.addWidget(hint)
        outer.addLayout(top)

        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(self._scroll)
        self._body = body
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 6, 0)
        column.setSpacing(8)
        column.addWidget(self._build_reception(body))
        column.addWidget(self._build_citizen(body))
        column.addWidget(self._build_group(body))
        self.repeat_banner = RepeatBanner(body, context=Qt.ShortcutContext.WidgetShortcut)
        column.addWidget(self.repeat_banner)
        column.addWidget(self._build_case_link(body))
        column.addWidget(self._build_content(body))
        column.addWidget(self._build_handling(body))
        column.addWidget(self._build_documents(body))
        column.addStretch(1)
        self._scroll.setWidget(body)
        outer.addWidget(self._scroll, 1)

        bottom = QHBoxLayout()
        self._banner = QLabel(self)
        self._banner.setProperty("role", "banner")
        self._banner.setWordWrap(True)
        self._banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._banner.hide()
        bottom.addWidget(self._banner, 1)
        self._save_button = QPushButton(_("Save (Ctrl+S)"), self)
        self._save_button.setAccessibleName(_("Save the visit"))
        self._save_button.setAutoDefault(False)
        self._print_button = QPushButton(_("Print receipt (Ctrl+P)"), self)
        self._print_button.setAccessibleName(_("Save the visit and print its receipt"))
        self._print_button.setAutoDefault(False)
        bottom.addStretch()  # takes the room while the message line is hidden
        for button in (self._print_button, self._save_button):
            bottom.addWidget(button, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        outer.addLayout(bottom)

        self._banner_timer = QTimer(self)
        self._banner_timer.setSingleShot(True)
        self._banner_timer.setInterval(CONFIRMATION_MS)
        self._repeat_timer = QTimer(self)
        self._repeat_timer.setSingleShot(True)
        self._repeat_timer.setInterval(REPEAT_DEBOUNCE_MS)

        for sequence in ("Ctrl+S", "Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._on_save_shortcut_activated)
        print_shortcut = QShortcut(QKeySequence("Ctrl+P"), self)
        print_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        print_shortcut.activated.connect(self._on_print_shortcut_activated)
        # The banner's own keys would be live in the whole main window (and clash with other
        # pages' Ctrl+L): the form's keys work while the focus is in the form and the banner shows.
        self._link_shortcuts: list[QShortcut] = []
        for sequence in LINK_KEYS:
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.setEnabled(False)
            shortcut.activated.connect(self._on_link_shortcut_activated)
            self._link_shortcuts.append(shortcut)

        order: list[QWidget] = []
        for name in FIELD_ORDER:
            if name == "people_count":
                order.extend(self.crowd.tab_widgets())
            elif name in self._fields and name not in CROWD_FIELDS:
                order.append(self._fields[name].editor)
        order += [self._print_button, self._save_button]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _cell(self, parent: QWidget, name: str, caption: str | None, editor: QWidget) -> QWidget:
        """Caption above, editor, then the (hidden) message line: one grid cell."""
        cell = QWidget(parent)
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        label: QLabel | None = None
        if caption is not None:
            label = QLabel(caption, cell)
            label.setBuddy(editor)
            box.addWidget(label)
            editor.setAccessibleName(_plain(caption))
        editor.setObjectName(name)
        editor.setParent(cell)
        box.addWidget(editor)
        error = QLabel(cell)
        error.setObjectName(f"{name}_error")
        error.setProperty("role", "fieldError")
        error.setWordWrap(True)
        error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        error.hide()
        box.addWidget(error)
        box.addStretch(1)
        self._fields[name] = _Field(name, editor, error, cell, label)
        return cell

    @staticmethod
    def _section(parent: QWidget, title: str) -> tuple[QGroupBox, QGridLayout]:
        group = QGroupBox(title, parent)
        grid = QGridLayout(group)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        for col in range(4):
            grid.setColumnStretch(col, 1)
        return group, grid

    @staticmethod
    def _enum_combo(enum_type: type[Enum], blank: str | None = None) -> QComboBox:
        combo = QComboBox()
        if blank is not None:
            combo.addItem(blank, None)
        for member, text in choices(enum_type):
            combo.addItem(text, member.value)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        return combo

    def _build_reception(self, parent: QWidget) -> QGroupBox:
        group, grid = self._section(parent, _("Reception"))
        self.received_at = QDateTimeEdit(group)
        self.received_at.setTimeZone(_UTC)  # holds the office's wall clock, see _set_received_at
        self.received_at.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.received_at.setCalendarPopup(True)
        self.received_at.setMinimumDate(QDate(EARLIEST_VISIT.year, EARLIEST_VISIT.month,
                                              EARLIEST_VISIT.day))
        self.kind = self._enum_combo(VisitKind)
        self.receiving_staff = QComboBox(group)
        self.presiding_leader = QComboBox(group)
        grid.addWidget(self._cell(group, "received_at", _("Date and &time"), self.received_at),
                       0, 0)
        grid.addWidget(self._cell(group, "kind", _("Kind of reception"), self.kind), 0, 1)
        grid.addWidget(self._cell(group, "receiving_staff_id", _("Receiving &official"),
                                  self.receiving_staff), 0, 2)
        grid.addWidget(self._cell(group, "presiding_leader_id", _("P&residing leader"),
                                  self.presiding_leader), 0, 3)
        return group

    def _build_citizen(self, parent: QWidget) -> QGroupBox:
        group, grid = self._section(parent, _("About the citizen"))
        self.citizen_name = QLineEdit(group)
        self.sex = self._enum_combo(Sex, blank=_("Not stated"))
        self.birth_date = DateLineEdit(group)
        self.id_doc_type = self._enum_combo(IdDocType)
        self.id_number = QLineEdit(group)
        self.id_number.setMaxLength(60)
        self.id_issue_date = DateLineEdit(group)
        self.id_issue_place = QLineEdit(group)
        self.id_override_reason = QLineEdit(group)
        self.id_override_reason.setPlaceholderText(
            _("e.g. checked against the card: the number is printed this way"))
        self.province = PlaceCombo(group)
        self.ward = PlaceCombo(group)
        self.address_detail = QLineEdit(group)
        self.address_detail.setPlaceholderText(_("village, hamlet, house number"))
        self.phone = QLineEdit(group)
        self.phone.setMaxLength(40)
        # Room for a whole CCCD QR payload scanned into the field (the domain caps a number).
        self.id_number.setMaxLength(400)
        self.citizen_search = CitizenSearch(self.citizen_name, self._desk, today=self._today)
        self._citizen_note = QLabel(group)
        self._citizen_note.setWordWrap(True)
        self._citizen_note.setEnabled(False)
        self._citizen_note.hide()

        grid.addWidget(self._cell(group, "citizen_name", _("Citizen's full &name"),
                                  self.citizen_name), 0, 0, 1, 2)
        grid.addWidget(self._cell(group, "sex", _("Sex"), self.sex), 0, 2)
        grid.addWidget(self._cell(group, "birth_date", _("Date of &birth"), self.birth_date), 0, 3)
        grid.addWidget(self._cell(group, "id_doc_type", _("Identity paper"), self.id_doc_type),
                       1, 0)
        grid.addWidget(self._cell(group, "id_number", _("&ID number"), self.id_number), 1, 1)
        grid.addWidget(self._cell(group, "id_issue_date", _("Issue date"), self.id_issue_date),
                       1, 2)
        grid.addWidget(self._cell(group, "id_issue_place", _("Issue place"),
                                  self.id_issue_place), 1, 3)
        self._override_cell = self._cell(group, "id_override_reason",
                                         _("Reason for &accepting this number"),
                                         self.id_override_reason)
        self._override_cell.hide()
        grid.addWidget(self._override_cell, 2, 0, 1, 4)
        grid.addWidget(self._cell(group, "province", _("&Province"), self.province), 3, 0)
        grid.addWidget(self._cell(group, "ward_code", _("&Commune or ward"), self.ward), 3, 1)
        grid.addWidget(self._cell(group, "address_detail", _("Add&ress (village, house)"),
                                  self.address_detail), 3, 2, 1, 2)
        grid.addWidget(self._cell(group, "phone", _("P&hone"), self.phone), 4, 0)
        grid.addWidget(self._citizen_note, 4, 1, 1, 3, Qt.AlignmentFlag.AlignVCenter)
        return group

    def _tick_cell(self, group: QWidget, name: str, box: QCheckBox) -> QWidget:
        """A tick box level with its captioned neighbours."""
        cell = self._cell(group, name, None, box)
        layout = cell.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, QLabel(" ", cell))
        box.setAccessibleName(_plain(box.text()))
        return cell

    def _build_group(self, parent: QWidget) -> QGroupBox:
        """The crowd section (LEGAL.md §5): one implementation, CrowdSection, shows its own
        live Art. 29 messages and the form's messages under each of its fields."""
        group = QGroupBox(_("Several people with the same content"), parent)
        box = QVBoxLayout(group)
        box.setContentsMargins(6, 4, 6, 4)
        self.crowd = CrowdSection(group, threshold=self._crowd_threshold)
        self.crowd.people_label.setText(_("Number of &people:"))
        crowd_layout = self.crowd.layout()
        if crowd_layout is not None:
            crowd_layout.setContentsMargins(0, 0, 0, 0)  # the group box has its margins
        box.addWidget(self.crowd)
        for name in CROWD_FIELDS:
            widget = self.crowd.field_widget(name)
            widget.setObjectName(name)
            self._fields[name] = _Field(name, widget, None, widget)
        return group

    def _build_case_link(self, parent: QWidget) -> QWidget:
        """"Part of case 3/2026 (unlink)": the matter this visit is linked to, if any."""
        row = QWidget(parent)
        line = QHBoxLayout(row)
        line.setContentsMargins(4, 0, 4, 0)
        self._case_label = QLabel(row)
        self._case_label.setObjectName("caseLink")
        self._case_label.setStyleSheet("QLabel#caseLink { color: #1b5e20; font-weight: bold; }")
        self._unlink_button = QPushButton(_("Unlink"), row)
        self._unlink_button.setAccessibleName(_("Unlink the visit from the case"))
        self._unlink_button.setAutoDefault(False)
        line.addWidget(self._case_label)
        line.addWidget(self._unlink_button)
        line.addStretch(1)
        self._case_row = row
        row.hide()
        return row

    def _build_content(self, parent: QWidget) -> QGroupBox:
        group, grid = self._section(parent, _("Content of the case"))
        self.content = PlainTextField(group, lines=4)
        self.petition_type = self._enum_combo(PetitionType, blank=_("— choose —"))
        self.field_code = QComboBox(group)
        self.field_code.setItemDelegate(_IndentDelegate(self.field_code))
        self.field_code.setMaxVisibleItems(20)
        self.within_competence = QCheckBox(_("Within our co&mpetence"), group)
        self.prior_bodies = PlainTextField(group, lines=2)
        grid.addWidget(self._cell(group, "content", _("Su&mmary of the content"), self.content),
                       0, 0, 1, 4)
        grid.addWidget(self._cell(group, "petition_type", _("T&ype"), self.petition_type), 1, 0)
        grid.addWidget(self._cell(group, "field_code", _("&Field"), self.field_code), 1, 1, 1, 2)
        grid.addWidget(self._tick_cell(group, "within_competence", self.within_competence), 1, 3)
        grid.addWidget(self._cell(group, "prior_bodies", _("Bodies that already handled it"),
                                  self.prior_bodies), 2, 0, 1, 4)
        return group

    def _build_handling(self, parent: QWidget) -> QGroupBox:
        group, grid = self._section(parent, _("Handling and follow-up"))
        self.direction = self._enum_combo(HandlingDirection, blank=_("— choose —"))
        self.target_body = QLineEdit(group)
        self.target_doc_number = QLineEdit(group)
        self.target_doc_number.setPlaceholderText(_("e.g. 12/UBND-TCD"))
        self.follow_up = PlainTextField(group, lines=2)
        self.notes = PlainTextField(group, lines=2)
        self.incident = QCheckBox(_("&Incident at the counter"), group)
        self.incident_note = QLineEdit(group)
        self.incident_note.setPlaceholderText(_("what happened (threats, disorder…)"))
        grid.addWidget(self._cell(group, "direction", _("Handling &direction"), self.direction),
                       0, 0, 1, 2)
        grid.addWidget(self._cell(group, "target_body", _("Body guided or &transferred to"),
                                  self.target_body), 0, 2)
        grid.addWidget(self._cell(group, "target_doc_number", _("Document number"),
                                  self.target_doc_number), 0, 3)
        grid.addWidget(self._cell(group, "follow_up", _("Follow-&up of the result"),
                                  self.follow_up), 1, 0, 1, 2)
        grid.addWidget(self._cell(group, "notes", _("N&otes"), self.notes), 1, 2, 1, 2)
        grid.addWidget(self._tick_cell(group, "incident", self.incident), 2, 0)
        grid.addWidget(self._cell(group, "incident_note", _("What happened"),
                                  self.incident_note), 2, 1, 1, 3)
        return group

    def _build_documents(self, parent: QWidget) -> QGroupBox:
        group, grid = self._section(parent, _("Documents received"))
        self.documents = DocumentsTable(group)
        self.documents.fit_rows(4)
        self.documents.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        grid.addWidget(self._cell(group, "documents", _("Documents the citizen &handed in"),
                                  self.documents), 0, 0, 1, 4)
        hint = QLabel(_("Insert: add a row · Delete or Ctrl+D: remove the row · "
                        "Enter on the last row: next row · type to fill a cell"), group)
        hint.setEnabled(False)
        hint.setWordWrap(True)
        grid.addWidget(hint, 1, 0, 1, 4)
        return group

    def _connect(self) -> None:
        for line in (self.citizen_name, self.id_number, self.id_override_reason,
                     self.id_issue_place, self.address_detail, self.phone, self.target_body,
                     self.target_doc_number, self.birth_date, self.id_issue_date,
                     self.incident_note):
            line.textChanged.connect(self._on_editor_edited)
        for text in (self.content, self.prior_bodies, self.follow_up, self.notes):
            text.textChanged.connect(self._on_editor_edited)
            text.paste_truncated.connect(self._on_text_paste_truncated)
        for combo in (self.kind, self.receiving_staff, self.presiding_leader, self.sex,
                      self.id_doc_type, self.petition_type, self.field_code, self.direction):
            combo.currentIndexChanged.connect(self._on_editor_edited)
        self.province.place_changed.connect(self._on_editor_edited)
        self.ward.place_changed.connect(self._on_editor_edited)
        self.received_at.dateTimeChanged.connect(self._on_editor_edited)
        for box in (self.within_competence, self.incident):
            box.toggled.connect(self._on_editor_edited)
        self.documents.rows_changed.connect(self._on_editor_edited)
        self.crowd.changed.connect(self._on_crowd_changed)
        self.incident.toggled.connect(self._on_incident_toggled)
        self.citizen_search.citizen_picked.connect(self._on_citizen_search_citizen_picked)
        self.citizen_search.qr_scanned.connect(self._on_citizen_search_qr_scanned)
        self.citizen_search.qr_rejected.connect(self._on_citizen_search_qr_rejected)
        self.id_number.editingFinished.connect(self._on_id_number_editing_finished)
        self.repeat_banner.link_requested.connect(self._on_repeat_banner_link_requested)
        self._unlink_button.clicked.connect(self._on_unlink_button_clicked)
        self._repeat_timer.timeout.connect(self._on_repeat_timer_timeout)
        self._print_button.clicked.connect(self._on_print_button_clicked)

        self.kind.currentIndexChanged.connect(self._on_kind_current_index_changed)
        self.direction.currentIndexChanged.connect(self._on_direction_current_index_changed)
        self.petition_type.currentIndexChanged.connect(
            self._on_petition_type_current_index_changed)
        self.province.place_changed.connect(self._on_province_place_changed)
        self._save_button.clicked.connect(self._on_save_button_clicked)
        self._banner_timer.timeout.connect(self._on_banner_timer_timeout)
        for item in self._fields.values():
            item.editor.installEventFilter(self)

    # ================================================================================ choices
    def reload_choices(self) -> None:
        """Re-read staff, the field taxonomy and the delegation size (after the settings)."""
        self._crowd_threshold = self._read_crowd_threshold()
        self.crowd.set_threshold(self._crowd_threshold)
        self._loading += 1
        try:
            self._staff = self._desk.staff(include_inactive=True)
            self._field_categories = self._desk.fields()
            staff_id = self._combo_int(self.receiving_staff)
            leader_id = self._combo_int(self.presiding_leader)
            self._fill_staff(self.receiving_staff, staff_id, leaders_only=False)
            self._fill_staff(self.presiding_leader, leader_id, leaders_only=True)
            self._fill_fields(self.field_code_value(), keep_unlisted=True)
        finally:
            self._loading -= 1

    def _fill_staff(self, combo: QComboBox, keep: int | None, *, leaders_only: bool) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(_("— none —") if leaders_only else _("— choose —"), None)
        for staff in self._staff:
            wanted = staff.active and (staff.role.can_preside or not leaders_only)
            if wanted or staff.id == keep:
                text = staff.full_name
                if staff.position:
                    text = f"{text} — {staff.position}"
                combo.addItem(text, staff.id)
        combo.blockSignals(False)
        self._set_combo_data(combo, keep)

    def _fill_fields(self, keep: str | None, *, keep_unlisted: bool) -> None:
        """The taxonomy for the chosen type; ``keep_unlisted`` keeps a saved visit's field even
        if it no longer belongs to the list (retired or of another type)."""
        ptype = self._enum_value(self.petition_type, PetitionType)
        combo = self.field_code
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(_("— not classified —"), None)
        for category in self._field_categories:
            if ptype is None or category.petition_type in (None, ptype.value):
                combo.addItem(category.label, category.code)
                combo.setItemData(combo.count() - 1, category.depth, _DEPTH_ROLE)
        if keep is not None and combo.findData(keep) < 0 and keep_unlisted:
            known = next((c for c in self._field_categories if c.code == keep), None)
            combo.addItem(known.label if known else keep, keep)
        combo.blockSignals(False)
        self._set_combo_data(combo, keep)

    def _fill_communes(self, keep: int | None) -> None:
        province = self.province.code()
        self.ward.set_places(geography.communes(province) if province is not None else ())
        self.ward.set_code(keep)

    # ================================================================================ values
    @staticmethod
    def _combo_int(combo: QComboBox) -> int | None:
        data = combo.currentData()
        return int(data) if data is not None else None

    @staticmethod
    def _enum_value(combo: QComboBox, enum_type: type[E]) -> E | None:
        data = combo.currentData()
        return enum_type(data) if data is not None else None

    @staticmethod
    def _set_combo_data(combo: QComboBox, value: object) -> None:
        if isinstance(value, Enum):
            value = value.value
        index = combo.findData(value) if value is not None else combo.findData(None)
        combo.setCurrentIndex(max(index, 0) if combo.count() else -1)

    def field_code_value(self) -> str | None:
        data = self.field_code.currentData() if self.field_code.count() else None
        return str(data) if data is not None else None

    def _received_at(self) -> datetime | None:
        value = self.received_at.dateTime()
        if not value.isValid():
            return None
        d, t = value.date(), value.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second(),
                        tzinfo=OFFICE_TZ)

    def _set_received_at(self, moment: datetime) -> None:
        # The edit shows the office's wall clock whatever the PC's zone: it holds those figures
        # as UTC so no local-time conversion (or daylight-saving gap) can shift them.
        local = moment.astimezone(OFFICE_TZ)
        self.received_at.setDateTime(QDateTime(
            QDate(local.year, local.month, local.day),
            QTime(local.hour, local.minute, local.second), _UTC))

    def draft(self) -> VisitDraft:
        """The form's content as a draft (nothing is checked or normalised here)."""
        kind = self._enum_value(self.kind, VisitKind) or VisitKind.REGULAR
        return VisitDraft(
            received_at=self._received_at(),
            kind=kind,
            receiving_staff_id=self._combo_int(self.receiving_staff),
            presiding_leader_id=(self._combo_int(self.presiding_leader)
                                 if kind.needs_presiding_leader else None),
            citizen_id=self._current_citizen_id(),
            citizen_name=self.citizen_name.text(),
            id_doc_type=self._enum_value(self.id_doc_type, IdDocType) or IdDocType.CITIZEN_ID,
            id_number=self.id_number.text(),
            id_override_reason=self.id_override_reason.text(),
            id_issue_date=self.id_issue_date.date(),
            id_issue_place=self.id_issue_place.text(),
            sex=self._enum_value(self.sex, Sex),
            birth_date=self.birth_date.date(),
            ward_code=self.ward.code(),
            address_detail=self.address_detail.text(),
            phone=self.phone.text(),
            people_count=self.crowd.people_count(),
            content=self.content.toPlainText(),
            petition_type=self._enum_value(self.petition_type, PetitionType),
            field_code=self.field_code_value(),
            prior_bodies=self.prior_bodies.toPlainText(),
            within_competence=self.within_competence.isChecked(),
            direction=self._enum_value(self.direction, HandlingDirection),
            target_body=self.target_body.text(),
            target_doc_number=self.target_doc_number.text(),
            follow_up=self.follow_up.toPlainText(),
            notes=self.notes.toPlainText(),
            documents=self.documents.documents(),
            delegation=self.crowd.delegation(),
            members=self.crowd.members(),
            incident=self.incident.isChecked(),
            incident_note=self.incident_note.text(),
            case_id=self._case_id,
        )

    def set_draft(self, draft: VisitDraft) -> None:
        """Fill the form from ``draft`` (a restored autosave). Emits no ``changed``."""
        self._loading += 1
        try:
            self._clear_problems()
            self.citizen_search.close_popup()
            self._citizen_id = draft.citizen_id
            self._case_id = draft.case_id
            if draft.received_at is not None:
                self._set_received_at(draft.received_at)
                self._time_follows_clock = False
            else:
                self._set_received_at(self._desk.now())
                self._time_follows_clock = True
            self._set_combo_data(self.kind, draft.kind)
            self._ensure_staff(self.receiving_staff, draft.receiving_staff_id)
            self._set_combo_data(self.receiving_staff, draft.receiving_staff_id)
            self._ensure_staff(self.presiding_leader, draft.presiding_leader_id)
            self._set_combo_data(self.presiding_leader, draft.presiding_leader_id)
            self.citizen_name.setText(draft.citizen_name)
            self._set_combo_data(self.sex, draft.sex)
            self.birth_date.set_date(draft.birth_date)
            self._set_combo_data(self.id_doc_type, draft.id_doc_type)
            self.id_number.setText(draft.id_number)
            self.id_override_reason.setText(draft.id_override_reason)
            self._override_cell.setVisible(bool(draft.id_override_reason.strip()))
            self.id_issue_date.set_date(draft.id_issue_date)
            self.id_issue_place.setText(draft.id_issue_place)
            self._set_place(draft.ward_code)
            self.address_detail.setText(draft.address_detail)
            self.phone.setText(draft.phone)
            self.content.setPlainText(draft.content)
            self._set_combo_data(self.petition_type, draft.petition_type)
            self._fill_fields(draft.field_code, keep_unlisted=True)
            self.prior_bodies.setPlainText(draft.prior_bodies)
            self.within_competence.setChecked(draft.within_competence)
            self._set_combo_data(self.direction, draft.direction)
            self.target_body.setText(draft.target_body)
            self.target_doc_number.setText(draft.target_doc_number)
            self.follow_up.setPlainText(draft.follow_up)
            self.notes.setPlainText(draft.notes)
            self.documents.set_documents(draft.documents)
            self.crowd.set_members(list(draft.members),
                                   people_count=max(1, min(draft.people_count, MAX_PEOPLE)),
                                   delegation=draft.delegation)
            self.incident.setChecked(draft.incident)
            self.incident_note.setText(draft.incident_note)
            self._picked = self._identity_key() if draft.citizen_id is not None else None
            self._touched.clear()
        finally:
            self._loading -= 1
        self._update_enabled()
        self._update_citizen_note()
        self._update_case_link()
        self.repeat_banner.set_report(None)
        self._schedule_repeats()

    def _ensure_staff(self, combo: QComboBox, staff_id: int | None) -> None:
        """A draft may name someone who has left: keep them choosable for this visit."""
        if staff_id is None or combo.findData(staff_id) >= 0:
            return
        known = next((s for s in self._staff if s.id == staff_id), None)
        combo.addItem(known.full_name if known else f"#{staff_id}", staff_id)

    def _set_place(self, ward_code: int | None) -> None:
        place = geography.commune(ward_code) if ward_code is not None else None
        province = place.province_code if place is not None else self._office_province
        if ward_code is None and self.province.code() is not None:
            province = self.province.code()
        self.province.set_code(province)
        self._fill_communes(ward_code if place is not None else None)

    # ================================================================================ modes
    @property
    def editing_visit_id(self) -> int | None:
        """The visit being edited, or None while a new visit is typed."""
        return self._editing.id if self._editing else None

    def clear_form(self) -> None:
        """A blank form for a new visit: defaults for staff, kind, time and place."""
        self._editing = None
        self.set_draft(VisitDraft(receiving_staff_id=self._default_staff_id,
                                  ward_code=self._office_commune))
        self._update_title()

    def _reset_for_next(self) -> None:
        """After a save: blank for the next citizen, same official, kind and leader."""
        keep = self.draft()
        self._editing = None
        self.set_draft(VisitDraft(
            kind=keep.kind,
            receiving_staff_id=keep.receiving_staff_id,
            presiding_leader_id=self._combo_int(self.presiding_leader),
            ward_code=self._office_commune,
        ))
        self._update_title()
        self.focus_first_field()

    def load_visit(self, visit_id: int) -> bool:
        """Open a saved visit for editing; False (and a message) if it cannot be edited."""
        try:
            detail = self._desk.visit(visit_id)
        except UserError as exc:
            self._show_banner(message_for(exc), error=True)
            return False
        if detail.voided:
            self._show_banner(message_for(UserError("visit.voided_cannot_edit")), error=True)
            return False
        self.set_draft(detail.to_draft())
        self._editing = detail
        self._update_title()
        self._hide_banner()
        self.focus_first_field()
        return True

    def set_default_staff(self, staff_id: int | None) -> None:
        """The official on duty changed: new blank forms use them; a blank form switches now."""
        self._default_staff_id = staff_id
        if self._editing is None and "receiving_staff_id" not in self._touched:
            self._loading += 1
            try:
                self._ensure_staff(self.receiving_staff, staff_id)
                self._set_combo_data(self.receiving_staff, staff_id)
            finally:
                self._loading -= 1

    def focus_first_field(self) -> None:
        self.citizen_name.setFocus(Qt.FocusReason.OtherFocusReason)
        self._scroll.ensureWidgetVisible(self.citizen_name)

    def is_blank(self) -> bool:
        """Nothing about a citizen typed yet (staff, kind, time and place are defaults)."""
        if self._editing is not None:
            return False
        d = self.draft()
        texts = (d.citizen_name, d.id_number, d.id_override_reason, d.id_issue_place,
                 d.address_detail, d.phone, d.content, d.prior_bodies, d.target_body,
                 d.target_doc_number, d.follow_up, d.notes, self.birth_date.text(),
                 self.id_issue_date.text())
        return (
            not any(t.strip() for t in texts)
            and d.sex is None
            and d.people_count == 1
            and d.petition_type is None
            and d.field_code is None
            and not d.within_competence
            and d.direction is None
            and not d.documents
            and not d.members
            and not d.delegation
            and not d.incident
            and not d.incident_note.strip()
            and d.id_doc_type is IdDocType.CITIZEN_ID
            and d.ward_code in (None, self._office_commune)
        )

    def _update_title(self) -> None:
        if self._editing is not None:
            self._title.setText(_("Editing visit No. {stt}").format(stt=self._editing.stt))
            self._save_button.setText(_("Save changes (Ctrl+S)"))
        else:
            self._title.setText(_("New visit"))
            self._save_button.setText(_("Save (Ctrl+S)"))

    def _update_enabled(self) -> None:
        kind = self._enum_value(self.kind, VisitKind) or VisitKind.REGULAR
        self.presiding_leader.setEnabled(kind.needs_presiding_leader)
        direction = self._enum_value(self.direction, HandlingDirection)
        needs_target = direction is not None and direction.needs_target_body
        has_text = bool(self.target_body.text().strip() or self.target_doc_number.text().strip())
        self.target_body.setEnabled(needs_target or has_text)
        self.target_doc_number.setEnabled(needs_target or has_text)
        self.incident_note.setEnabled(self.incident.isChecked()
                                      or bool(self.incident_note.text().strip()))
        crowd = self.crowd
        group = (crowd.people_count() > 1 or crowd.delegation()
                 or crowd.reps.rowCount() > 0 or crowd.participants.rowCount() > 0
                 or any(self._fields[n].messages for n in ("representatives", "participants")))
        crowd.details.setVisible(group)

    # ================================================================================ saving
    def save(self) -> int | None:
        """Check and save; returns the visit id, or None when problems are shown instead."""
        self._finish_pending_edits()
        local = self._local_problems()
        draft = self.draft()
        if local:
            local_fields = {p.field for p in local}
            others = [p for p in check_visit(draft, self._desk.now(), self._crowd_threshold)
                      if p.field not in local_fields]
            self._show_problems([_to_error(p) for p in [*local, *others]])
            return None
        editing = self._editing
        try:
            if editing is None:
                detail, _changes = self._desk.log_visit(draft)
            else:
                detail, _changes = self._desk.update_visit(editing.id, draft, editing.version)
        except ValidationFailed as exc:
            self._show_problems(list(exc.problems))
            return None
        except UserError as exc:
            self._show_problems([exc])
            return None
        except KnownError as exc:
            self._show_banner(message_for(exc), error=True)
            return None
        if editing is None:
            text = _("Visit No. {stt} saved.").format(stt=detail.stt)
        else:
            text = _("Changes to visit No. {stt} saved.").format(stt=detail.stt)
        self._reset_for_next()
        self._show_banner(text, error=False)
        if editing is None:
            self.visit_logged.emit(detail.id)
        else:
            self.visit_updated.emit(detail.id)
        return detail.id

    def save_and_print(self) -> int | None:
        """Ctrl+P: save (as Ctrl+S does), then open the visit's receipt in the print preview.

        An opened visit that was not changed is not saved again, only printed: the documents
        service then reprints its last receipt as a copy ("BẢN SAO") instead of a new number.
        Returns the visit id, or None when nothing could be saved (problems are shown).
        """
        self._finish_pending_edits()
        editing = self._editing
        if editing is not None and self.draft() == editing.to_draft():
            visit_id: int | None = editing.id
            self._reset_for_next()
        else:
            visit_id = self.save()
        if visit_id is None:
            return None
        from reception_desk.ui.print_preview import print_visit_receipt  # QtPdf: load on use

        try:
            print_visit_receipt(self._desk, visit_id, self.window())
        except (UserError, KnownError) as exc:
            saved = self.banner_text()
            text = message_for(exc)
            self._show_banner(f"{saved}\n{text}" if saved else text, error=True)
            return visit_id
        self.receipt_opened.emit(visit_id)
        return visit_id

    def _finish_pending_edits(self) -> None:
        """Text still inside a table cell editor or a half-typed place name counts too."""
        self.documents.commit_current_edit()
        for table in (self.crowd.reps, self.crowd.participants):
            if table.state() == QAbstractItemView.State.EditingState:
                table.setFocus(Qt.FocusReason.OtherFocusReason)  # closing the editor commits
        self.province.resolve()
        self.ward.resolve()

    def _local_problems(self) -> list[Problem]:
        """What only the form can see: dates typed in a shape that cannot be read."""
        problems = []
        for name, edit in (("birth_date", self.birth_date), ("id_issue_date", self.id_issue_date)):
            if not edit.is_readable():
                problems.append(Problem("date.unreadable", name))
        return problems

    # ================================================================================ problems
    def _display_field(self, problem_field: str | None) -> str | None:
        """The form field that shows a problem of ``problem_field``: "members.N" goes to the
        table the person is typed in (representatives or participants)."""
        if problem_field is None:
            return None
        head = problem_field.split(".", 1)[0]
        if head == "documents":
            return head
        if head == "members":
            row = _row_of(problem_field)
            where = self.crowd.member_position(row) if row is not None else None
            return where[0] if where is not None else "representatives"
        return problem_field

    def _show_problems(self, errors: list[UserError]) -> None:
        """Every message next to its field; the first faulty field gets the focus."""
        self._clear_problems()
        by_field: dict[str, list[UserError]] = {}
        general: list[UserError] = []
        for error in errors:
            name = self._display_field(error.field)
            if name in self._fields:
                by_field.setdefault(name, []).append(error)
            else:
                general.append(error)
        for name, field_errors in by_field.items():
            self._set_field_errors(name, field_errors)
        if general:
            self._show_banner("\n".join(message_for(e) for e in general), error=True)
        elif by_field:
            count = sum(len(v) for v in by_field.values())
            self._show_banner(
                _("Not saved: {count} entries need attention (marked in red).").format(
                    count=count), error=True)
        first = next((n for n in FIELD_ORDER if n in by_field), None)
        if first is not None:
            self._focus_field(first, by_field[first])

    def _focus_field(self, name: str, errors: list[UserError]) -> None:
        target: QWidget = self._fields[name].editor
        if name == "id_number" and errors and all(is_overridable(e) for e in errors):
            target = self.id_override_reason  # the number may be right: ask for the reason
        if name == "documents":
            row = _row_of(errors[0].field)
            rows = self.documents.filled_rows()
            if row is not None and row < len(rows):
                self.documents.setCurrentCell(rows[row], 0)
        if name in {"representatives", "participants"}:
            self.crowd.details.show()
            row = next((r for r in map(_row_of, (e.field for e in errors)) if r is not None),
                       None)
            if row is not None:
                self.crowd.focus_member(row)
        self._scroll.ensureWidgetVisible(self._fields[name].cell)
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_field_errors(self, name: str, errors: list[UserError]) -> None:
        item = self._fields[name]
        texts = [self._message(e) for e in errors]
        item.messages = texts
        if item.error is None:
            self.crowd.set_field_errors(name, texts)
            if texts and name in {"representatives", "participants"}:
                self.crowd.details.show()
        else:
            item.error.setText("\n".join(texts))
            item.error.setVisible(bool(texts))
            set_invalid(item.editor, bool(texts))
            item.editor.setAccessibleDescription("\n".join(texts))
        if name == "id_number":
            if any(is_overridable(e) for e in errors):
                self._override_cell.show()
            elif not self.id_override_reason.text().strip():
                self._override_cell.hide()

    def _message(self, error: UserError) -> str:
        row = _row_of(error.field)
        if row is not None and error.field and error.field.startswith("members."):
            # Rows are counted in the table the person is typed in, not in draft.members.
            where = self.crowd.member_position(row)
            if where is not None:
                row = where[1]
                error = UserError(error.code, field=error.field, **{**error.params,
                                                                    "row": row + 1})
        text = message_for(error)
        if row is not None and "{row}" not in MESSAGES.get(error.code, ""):
            text = _("Row {row}: {message}").format(row=row + 1, message=text)
        return text

    def _clear_problems(self) -> None:
        for name, item in self._fields.items():
            if item.messages:
                self._set_field_errors(name, [])

    def field_messages(self, name: str) -> list[str]:
        """The messages shown next to field ``name`` (for tests and screen readers)."""
        item = self._fields.get(name)
        return list(item.messages) if item else []

    def field_widget(self, name: str) -> QWidget:
        return self._fields[name].editor

    def _check_on_leave(self, name: str) -> None:
        """Re-check the field just left, and only it: fields not reached yet stay quiet."""
        def shown(n: str) -> bool:
            return bool(self._fields[n].messages)

        wanted = {name} if name in self._touched or shown(name) else set()
        if name in _ID_INPUTS and ("id_number" in self._touched or shown("id_number")):
            wanted.add("id_number")
        # A requirement that a choice switched off clears at once; a new one waits for saving.
        if name == "kind" and shown("presiding_leader_id"):
            wanted.add("presiding_leader_id")
        if name == "direction" and shown("target_body"):
            wanted.add("target_body")
        self._recheck(wanted)

    def _recheck(self, wanted: set[str]) -> None:
        """Check the draft again and refresh the messages of the ``wanted`` fields."""
        if not wanted:
            return
        problems = [*self._local_problems(),
                    *check_visit(self.draft(), self._desk.now(), self._crowd_threshold)]
        for target in wanted:
            errors = [_to_error(p) for p in problems if self._display_field(p.field) == target]
            self._set_field_errors(target, errors)

    # ================================================================================ banner
    def _show_banner(self, text: str, *, error: bool) -> None:
        self._banner.setText(text)
        self._banner.setProperty("tone", "error" if error else "success")
        style = self._banner.style()
        style.unpolish(self._banner)
        style.polish(self._banner)
        self._banner.show()
        if error:
            self._banner_timer.stop()
        else:
            self._banner_timer.start()

    def _hide_banner(self) -> None:
        self._banner_timer.stop()
        self._banner.hide()

    def banner_text(self) -> str:
        return self._banner.text() if self._banner.isVisible() else ""

    # ================================================================================ events
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.FocusOut
            and isinstance(event, QFocusEvent)
            and event.reason() not in (Qt.FocusReason.PopupFocusReason,
                                       Qt.FocusReason.ActiveWindowFocusReason)
            and watched.objectName() in self._fields
        ):
            self._check_on_leave(watched.objectName())
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            # Esc closes popups (handled before us) and never clears or leaves the form.
            self._hide_banner()
            event.accept()
            return
        super().keyPressEvent(event)

    @Slot()
    def _on_editor_edited(self) -> None:
        if self._loading:
            return
        sender = self.sender()
        name = sender.objectName() if sender is not None else ""
        self._note_edit({name} if name else set())
        if name in {"direction", "target_body", "target_doc_number"}:
            self._update_enabled()
        if name in {"citizen_name", "id_number", "id_doc_type"}:
            self._update_citizen_note()
        self.changed.emit()

    def _note_edit(self, names: set[str]) -> None:
        """Bookkeeping of an edit by the clerk: the reception time, touched fields, repeats."""
        if "received_at" in names:
            self._time_follows_clock = False
        elif self._time_follows_clock:
            # The citizen arrived when the clerk began typing, not when the last visit was saved.
            self._time_follows_clock = False
            self._loading += 1
            try:
                self._set_received_at(self._desk.now())
            finally:
                self._loading -= 1
        self._touched.update(names)
        if names & _REPEAT_INPUTS:
            self._schedule_repeats()

    @Slot()
    def _on_crowd_changed(self) -> None:
        if self._loading:
            return
        self._note_edit({"people_count"})
        self._update_enabled()
        self._recheck({n for n in CROWD_FIELDS if self._fields[n].messages})
        self.changed.emit()

    # ================================================================================ citizens
    def _today(self) -> date:
        return self._desk.now().astimezone(OFFICE_TZ).date()

    def _identity_key(self) -> PersonKey:
        doc_type = self._enum_value(self.id_doc_type, IdDocType) or IdDocType.CITIZEN_ID
        return person_key(self.citizen_name.text(), doc_type, self.id_number.text())

    def _current_citizen_id(self) -> int | None:
        """The picked citizen, unless the clerk has since typed another person: a changed name
        (accents and case aside) or a changed paper number that the record already had.
        Phone, address, dates, sex and a number added to a record without one keep it."""
        if self._citizen_id is None or self._picked is None:
            return self._citizen_id
        return self._citizen_id if same_person(self._picked, self._identity_key()) else None

    def _update_citizen_note(self) -> None:
        linked = self._current_citizen_id() is not None
        self._citizen_note.setText(
            _("Existing citizen record: this visit is added to their history. Changing the name "
              "or ID number makes it a new person.") if linked else "")
        self._citizen_note.setVisible(linked)

    @Slot(object)
    def fill_from_citizen(self, citizen: CitizenSummary) -> None:
        """A citizen picked from the registry: their identity and contact fill the form."""
        self._loading += 1
        try:
            self.citizen_name.setText(citizen.full_name)
            self._set_combo_data(self.id_doc_type, citizen.id_doc_type)
            self.id_number.setText(citizen.id_number)
            self.id_issue_date.set_date(citizen.id_issue_date)
            self.id_issue_place.setText(citizen.id_issue_place)
            self._set_combo_data(self.sex, citizen.sex)
            self.birth_date.set_date(citizen.birth_date)
            self.phone.setText(citizen.phone)
            if citizen.ward_code is not None:
                self._set_place(citizen.ward_code)
            self.address_detail.setText(citizen.address_detail)
            self._citizen_id = citizen.id
            self._picked = self._identity_key()
        finally:
            self._loading -= 1
        self._after_fill(set(_CITIZEN_INPUTS))

    @Slot(object)
    def fill_from_qr(self, qr: CccdQr) -> None:
        """A chip card's QR: number, name, birth date, sex, address and issue date. A registry
        record with that number (exactly one) is attached, so no duplicate person is made."""
        known = self._desk.citizens.by_id_number(qr.id_number)
        self._loading += 1
        try:
            self._set_combo_data(self.id_doc_type, IdDocType.CITIZEN_ID)
            self.id_number.setText(qr.id_number)
            self.citizen_name.setText(qr.full_name)
            self.birth_date.set_date(qr.birth_date)
            self._set_combo_data(self.sex, qr.sex)
            self.address_detail.setText(qr.address)
            self.id_issue_date.set_date(qr.issue_date)
            self._citizen_id = None
            self._picked = None
            if len(known) == 1:
                record = known[0]
                if not self.phone.text().strip():
                    self.phone.setText(record.phone)
                if not self.id_issue_place.text().strip():
                    self.id_issue_place.setText(record.id_issue_place)
                if record.ward_code is not None:
                    self._set_place(record.ward_code)
                self._citizen_id = record.id
                self._picked = self._identity_key()
        finally:
            self._loading -= 1
        self._after_fill({"citizen_name", "id_doc_type", "id_number", "birth_date", "sex",
                          "address_detail", "id_issue_date", "phone", "id_issue_place",
                          "province", "ward_code"})
        self._show_banner(_("Card read: {name}, {number}.").format(
            name=qr.full_name, number=qr.id_number), error=False)

    def _after_fill(self, names: set[str]) -> None:
        self._note_edit(names)
        self._recheck({n for n in names if n in self._fields and self._fields[n].messages})
        if self.id_override_reason.text().strip() == "":
            self._override_cell.hide()
        self._update_citizen_note()
        self.changed.emit()

    @Slot(object)
    def _on_citizen_search_citizen_picked(self, citizen: CitizenSummary) -> None:
        self.fill_from_citizen(citizen)

    @Slot(object)
    def _on_citizen_search_qr_scanned(self, qr: CccdQr) -> None:
        self.fill_from_qr(qr)

    @Slot(str)
    def _on_citizen_search_qr_rejected(self, text: str) -> None:
        self._show_banner(text, error=True)

    @Slot()
    def _on_id_number_editing_finished(self) -> None:
        """A scanner typed a QR payload into the ID number field (it ends with Enter)."""
        text = self.id_number.text()
        found = _QR_START.search(text)
        if found is None or not looks_like_cccd_qr(text[found.start():]):
            return
        before, payload = text[: found.start()], text[found.start():]
        try:
            qr = parse_cccd_qr(payload, today=self._today())
        except UserError as exc:
            self.id_number.setText(before)  # a bad scan changes nothing
            self._show_banner(citizen_message(exc.code, exc.params), error=True)
            return
        self.fill_from_qr(qr)

    # ================================================================================ repeats
    def _schedule_repeats(self) -> None:
        """Look for earlier visits and cases once typing pauses (only with a name or number)."""
        if self.citizen_name.text().strip() or self.id_number.text().strip():
            self._repeat_timer.start()
        else:
            self._repeat_timer.stop()
            self._show_repeats(None)

    def check_repeats_now(self) -> None:
        """Run the pending repeat look-up at once (tests, or before a decision)."""
        self._repeat_timer.stop()
        self._on_repeat_timer_timeout()

    @Slot()
    def _on_repeat_timer_timeout(self) -> None:
        draft = self.draft()
        if not (draft.citizen_name.strip() or draft.id_number.strip()):
            self._show_repeats(None)
            return
        try:
            report = self._desk.citizens.repeats(draft, exclude_visit_id=self.editing_visit_id)
        except KnownError as exc:  # the database is gone: say so, keep typing possible
            self._show_banner(message_for(exc), error=True)
            return
        self._show_repeats(report)

    def _show_repeats(self, report: RepeatReport | None) -> None:
        if report is not None:
            self._case_numbers.update({c.id: c.number for c in report.cases})
        self.repeat_banner.set_report(report)
        self.repeat_banner.set_linked(self._case_id)
        for shortcut in self._link_shortcuts:
            shortcut.setEnabled(not self.repeat_banner.report().empty)

    @Slot()
    def _on_link_shortcut_activated(self) -> None:
        if self.repeat_banner.isVisibleTo(self):
            case_id = self.repeat_banner.case_to_link()
            if case_id is not None:
                self.link_case(case_id)

    @Slot(int)
    def _on_repeat_banner_link_requested(self, case_id: int) -> None:
        self.link_case(case_id)

    def link_case(self, case_id: int | None) -> None:
        """Attach the visit to an existing matter (None: a new matter, as by default)."""
        if case_id == self._case_id:
            return
        self._case_id = case_id
        self.repeat_banner.set_linked(case_id)
        self._update_case_link()
        if not self._loading:
            self._note_edit(set())
            self.changed.emit()

    def linked_case_id(self) -> int | None:
        return self._case_id

    def _case_number(self, case_id: int) -> str:
        if case_id not in self._case_numbers:
            try:
                self._case_numbers[case_id] = self._desk.cases.case(case_id).number
            except (UserError, KnownError):
                return f"#{case_id}"
        return self._case_numbers[case_id]

    def _update_case_link(self) -> None:
        case_id = self._case_id
        if case_id is None:
            self._case_row.hide()
            return
        self._case_label.setText(_("Part of case {number}").format(
            number=self._case_number(case_id)))
        self._case_row.show()

    @Slot()
    def _on_unlink_button_clicked(self) -> None:
        self.link_case(None)
        self.citizen_name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _read_crowd_threshold(self) -> int:
        """The office's "đoàn đông người" size (hotspot policy), as the service checks it."""
        try:
            return int(self._desk.crowd_threshold())
        except (UserError, KnownError, AttributeError):
            return DEFAULT_CROWD_THRESHOLD

    @Slot(bool)
    def _on_incident_toggled(self, _checked: bool) -> None:
        self._update_enabled()

    @Slot()
    def _on_kind_current_index_changed(self) -> None:
        self._update_enabled()

    @Slot()
    def _on_direction_current_index_changed(self) -> None:
        self._update_enabled()

    @Slot()
    def _on_petition_type_current_index_changed(self) -> None:
        if self._loading:
            return
        self._fill_fields(self.field_code_value(), keep_unlisted=False)

    @Slot()
    def _on_province_place_changed(self) -> None:
        if self._loading:
            return
        self._fill_communes(None)

    @Slot(int, int)
    def _on_text_paste_truncated(self, total: int, kept: int) -> None:
        self._show_banner(_("The pasted text was too long ({total} characters): only the first "
                            "{kept} were kept.").format(total=format_count(total),
                                                        kept=format_count(kept)),
                          error=True)

    @Slot()
    def _on_save_shortcut_activated(self) -> None:
        self.save()

    @Slot()
    def _on_save_button_clicked(self) -> None:
        self.save()

    @Slot()
    def _on_print_shortcut_activated(self) -> None:
        self.save_and_print()

    @Slot()
    def _on_print_button_clicked(self) -> None:
        self.save_and_print()

    @Slot()
    def _on_banner_timer_timeout(self) -> None:
        self._banner.hide()


def _to_error(problem: Problem) -> UserError:
    return UserError(problem.code, field=problem.field, **problem.params)


def _row_of(problem_field: str | None) -> int | None:
    """Row index of a table problem ("documents.2", "members.0")."""
    if problem_field and "." in problem_field:
        tail = problem_field.split(".", 1)[1]
        return int(tail) if tail.isdigit() else None
    return None
