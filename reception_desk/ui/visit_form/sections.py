"""The form's sections, top to bottom: reception, the citizen, the content of the case, the
crowd, handling, more about the case (prior bodies, follow-up, notes, incident), documents
received (the crowd, "more" and the documents folded on a common visit, ``folds``).

Each section is a titled group box that makes its editors (public attributes), lays them out in
captioned cells on a four-column grid (``FieldCells``) and knows what belongs to it alone: the
reception time in the office's wall clock, the staff lists, the place pickers and what a picked
citizen or a scanned card fills in, the field taxonomy of the chosen type, which inputs a choice
switches off.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence
from datetime import date
from datetime import datetime
from enum import Enum

from PySide6.QtCore import QDate
from PySide6.QtCore import QDateTime
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt
from PySide6.QtCore import QTime
from PySide6.QtCore import QTimeZone
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QSizePolicy
from PySide6.QtWidgets import QStyledItemDelegate
from PySide6.QtWidgets import QStyleOptionViewItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.config import OFFICE_TZ
from reception_desk.domain import geography
from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import IdDocType
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.classification import Sex
from reception_desk.domain.classification import VisitKind
from reception_desk.domain.identity import CccdQr
from reception_desk.domain.visits import EARLIEST_VISIT
from reception_desk.i18n import _
from reception_desk.services.citizens.dto import CitizenSummary
from reception_desk.services.desk import Desk
from reception_desk.services.office.dto import FieldCategoryDTO
from reception_desk.services.office.dto import StaffDTO
from reception_desk.texts.labels import choices
from reception_desk.ui.citizen_search import CitizenSearch
from reception_desk.ui.forms import combo_enum
from reception_desk.ui.forms import date_time_edit
from reception_desk.ui.forms import select_data
from reception_desk.ui.visit_form.crowd import CrowdSection
from reception_desk.ui.visit_form.fields import FieldCells
from reception_desk.ui.widgets import DateLineEdit
from reception_desk.ui.widgets import DocumentsTable
from reception_desk.ui.widgets import PlaceCombo
from reception_desk.ui.widgets import PlainTextField

_UTC = QTimeZone(QTimeZone.Initialization.UTC)
_DEPTH_ROLE = Qt.ItemDataRole.UserRole + 7


def enum_combo(enum_type: type[Enum], blank: str | None = None) -> QComboBox:
    """A choice among ``enum_type``'s members by their labels, after an optional blank item."""
    combo = QComboBox()
    if blank is not None:
        combo.addItem(blank, None)
    for member, text in choices(enum_type):
        combo.addItem(text, member.value)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    return combo


class _IndentDelegate(QStyledItemDelegate):
    """Indents the field taxonomy by depth without putting spaces into the text (which would
    break the combo's type-to-find)."""

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        depth = index.data(_DEPTH_ROLE) or 0
        option.rect = option.rect.adjusted(18 * int(depth), 0, 0, 0)


class FormSection(QGroupBox):
    """A titled group of captioned cells on a four-column grid."""

    def __init__(self, title: str, cells: FieldCells, parent: QWidget) -> None:
        super().__init__(title, parent)
        self._cells = cells
        self.grid = QGridLayout(self)
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(4)
        self.grid.setContentsMargins(10, 4, 10, 6)  # a common visit fits 1366×768 (issue 16)
        for col in range(4):
            self.grid.setColumnStretch(col, 1)

    def _place(self, name: str, caption: str, editor: QWidget, row: int, column: int,
               rows: int = 1, columns: int = 1) -> QWidget:
        """Field ``name``'s cell at (row, column) of the grid."""
        cell = self._cells.cell(self, name, caption, editor)
        self.grid.addWidget(cell, row, column, rows, columns)
        return cell

    def _place_tick(self, name: str, box: QCheckBox, row: int, column: int) -> None:
        self.grid.addWidget(self._cells.tick_cell(self, name, box), row, column)


# --- reception -----------------------------------------------------------------------------------

class ReceptionSection(FormSection):
    """When, which kind of reception, who received the citizen and who presided."""

    def __init__(self, cells: FieldCells, parent: QWidget) -> None:
        super().__init__(_("Reception"), cells, parent)
        self.received_at = date_time_edit(parent=self)
        self.received_at.setTimeZone(_UTC)  # holds the office's wall clock, see set_received_at
        self.received_at.setMinimumDate(QDate(EARLIEST_VISIT.year, EARLIEST_VISIT.month,
                                              EARLIEST_VISIT.day))
        self.kind = enum_combo(VisitKind)
        self.receiving_staff = QComboBox(self)
        self.presiding_leader = QComboBox(self)
        self._place("received_at", _("Date and &time"), self.received_at, 0, 0)
        self._place("kind", _("Kind of reception"), self.kind, 0, 1)
        self._place("receiving_staff_id", _("Receiving &official"), self.receiving_staff, 0, 2)
        self._place("presiding_leader_id", _("P&residing leader"), self.presiding_leader, 0, 3)

    def received_at_value(self) -> datetime | None:
        value = self.received_at.dateTime()
        if not value.isValid():
            return None
        d, t = value.date(), value.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second(),
                        tzinfo=OFFICE_TZ)

    def set_received_at(self, moment: datetime) -> None:
        # The edit shows the office's wall clock whatever the PC's zone: it holds those figures
        # as UTC so no local-time conversion (or daylight-saving gap) can shift them.
        local = moment.astimezone(OFFICE_TZ)
        self.received_at.setDateTime(QDateTime(
            QDate(local.year, local.month, local.day),
            QTime(local.hour, local.minute, local.second), _UTC))

    def kind_value(self) -> VisitKind:
        return combo_enum(self.kind, VisitKind) or VisitKind.REGULAR

    def fill_staff(self, staff: Sequence[StaffDTO], receiving: int | None,
                   leader: int | None) -> None:
        """The staff lists (active people; leaders for the presiding one), keeping the chosen."""
        _fill_staff(self.receiving_staff, staff, receiving, leaders_only=False)
        _fill_staff(self.presiding_leader, staff, leader, leaders_only=True)

    def update_enabled(self) -> None:
        self.presiding_leader.setEnabled(self.kind_value().needs_presiding_leader)


def _fill_staff(combo: QComboBox, staff: Sequence[StaffDTO], keep: int | None, *,
                leaders_only: bool) -> None:
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(_("— none —") if leaders_only else _("— choose —"), None)
    for person in staff:
        wanted = person.active and (person.role.can_preside or not leaders_only)
        if wanted or person.id == keep:
            text = person.full_name
            if person.position:
                text = f"{text} — {person.position}"
            combo.addItem(text, person.id)
    combo.blockSignals(False)
    select_data(combo, keep)


def ensure_staff(combo: QComboBox, staff: Sequence[StaffDTO], staff_id: int | None) -> None:
    """A draft may name someone who has left: keep them choosable for this visit."""
    if staff_id is None or combo.findData(staff_id) >= 0:
        return
    known = next((s for s in staff if s.id == staff_id), None)
    combo.addItem(known.full_name if known else f"#{staff_id}", staff_id)


# --- the citizen ---------------------------------------------------------------------------------

class CitizenSection(FormSection):
    """Who came: name, sex, birth date, identity paper, place and phone.

    Typing in the name field searches the registry (``citizen_search``); the place pickers
    default to the office's province.
    """

    def __init__(self, cells: FieldCells, parent: QWidget, desk: Desk,
                 today: Callable[[], date], office_province: int | None) -> None:
        super().__init__(_("About the citizen"), cells, parent)
        self._office_province = office_province
        self.citizen_name = QLineEdit(self)
        self.sex = enum_combo(Sex, blank=_("Not stated"))
        self.birth_date = DateLineEdit(self)
        self.id_doc_type = enum_combo(IdDocType)
        self.id_number = QLineEdit(self)
        self.id_number.setMaxLength(60)
        self.id_issue_date = DateLineEdit(self)
        self.id_issue_place = QLineEdit(self)
        self.id_override_reason = QLineEdit(self)
        self.id_override_reason.setPlaceholderText(
            _("e.g. checked against the card: the number is printed this way"))
        self.province = PlaceCombo(self)
        self.ward = PlaceCombo(self)
        self.address_detail = QLineEdit(self)
        self.address_detail.setPlaceholderText(_("village, hamlet, house number"))
        self.phone = QLineEdit(self)
        self.phone.setMaxLength(40)
        # Room for a whole CCCD QR payload scanned into the field (the domain caps a number).
        self.id_number.setMaxLength(400)
        self.citizen_search = CitizenSearch(self.citizen_name, desk, today=today)
        self.citizen_note = QLabel(self)
        self.citizen_note.setWordWrap(True)
        self.citizen_note.setEnabled(False)
        self.citizen_note.hide()

        # Three rows, as the logbook reads: name, then address (column 3), then the paper
        # (column 4); the phone ends the address row.
        self._place("citizen_name", _("Citizen's full &name"), self.citizen_name, 0, 0, 1, 2)
        self._place("sex", _("Sex"), self.sex, 0, 2)
        self._place("birth_date", _("Date of &birth"), self.birth_date, 0, 3)
        self._place("province", _("&Province"), self.province, 1, 0)
        self._place("ward_code", _("&Commune or ward"), self.ward, 1, 1)
        self._place("address_detail", _("Add&ress (village, house)"), self.address_detail, 1, 2)
        self._place("phone", _("P&hone"), self.phone, 1, 3)
        self._place("id_doc_type", _("Identity paper"), self.id_doc_type, 2, 0)
        self._place("id_number", _("&ID number"), self.id_number, 2, 1)
        self._place("id_issue_date", _("Issue date"), self.id_issue_date, 2, 2)
        self._place("id_issue_place", _("Issue place"), self.id_issue_place, 2, 3)
        #: The reason line, shown while the number is refused in a way the clerk may override.
        self.override_cell = self._place("id_override_reason",
                                         _("Reason for &accepting this number"),
                                         self.id_override_reason, 3, 0, 1, 4)
        self.override_cell.hide()
        self.grid.addWidget(self.citizen_note, 4, 0, 1, 4, Qt.AlignmentFlag.AlignVCenter)

    def doc_type(self) -> IdDocType:
        return combo_enum(self.id_doc_type, IdDocType) or IdDocType.CITIZEN_ID

    def show_linked(self, linked: bool) -> None:
        """Say whether the visit is added to an existing registry record."""
        self.citizen_note.setText(
            _("Existing citizen record: this visit is added to their history. Changing the name "
              "or ID number makes it a new person.") if linked else "")
        self.citizen_note.setVisible(linked)

    # --- place -----------------------------------------------------------------------------
    def set_place(self, ward_code: int | None) -> None:
        """Show commune ``ward_code`` and its province; none: the province stays (at first the
        office's)."""
        place = geography.commune(ward_code) if ward_code is not None else None
        province = place.province_code if place is not None else self._office_province
        if ward_code is None and self.province.code() is not None:
            province = self.province.code()
        self.province.set_code(province)
        self.fill_communes(ward_code if place is not None else None)

    def fill_communes(self, keep: int | None) -> None:
        """The communes of the chosen province, ``keep`` chosen."""
        province = self.province.code()
        self.ward.set_places(geography.communes(province) if province is not None else ())
        self.ward.set_code(keep)

    # --- filling ---------------------------------------------------------------------------
    def show_citizen(self, citizen: CitizenSummary) -> None:
        """A registry record's identity and contact."""
        self._show_identity(citizen.full_name, citizen.id_doc_type, citizen.id_number,
                            citizen.id_issue_date, citizen.sex, citizen.birth_date,
                            citizen.address_detail)
        self.id_issue_place.setText(citizen.id_issue_place)
        self.phone.setText(citizen.phone)
        if citizen.ward_code is not None:
            self.set_place(citizen.ward_code)

    def show_card(self, qr: CccdQr) -> None:
        """What a chip card's QR holds: number, name, birth date, sex, address, issue date."""
        self._show_identity(qr.full_name, IdDocType.CITIZEN_ID, qr.id_number, qr.issue_date,
                            qr.sex, qr.birth_date, qr.address)

    def _show_identity(self, name: str, doc_type: IdDocType, number: str,
                       issue_date: date | None, sex: Sex | None, birth_date: date | None,
                       address: str) -> None:
        self.citizen_name.setText(name)
        select_data(self.id_doc_type, doc_type)
        self.id_number.setText(number)
        self.id_issue_date.set_date(issue_date)
        select_data(self.sex, sex)
        self.birth_date.set_date(birth_date)
        self.address_detail.setText(address)

    def complete_from(self, record: CitizenSummary) -> None:
        """After a card: what the card lacks, from the person's registry record (the phone and
        issue place only where still empty)."""
        if not self.phone.text().strip():
            self.phone.setText(record.phone)
        if not self.id_issue_place.text().strip():
            self.id_issue_place.setText(record.id_issue_place)
        if record.ward_code is not None:
            self.set_place(record.ward_code)


# --- the crowd -----------------------------------------------------------------------------------

class CrowdGroup(QGroupBox):
    """The crowd section (LEGAL.md §5): one implementation, CrowdSection, shows its own live
    Art. 29 messages and the form's messages under each of its fields."""

    def __init__(self, cells: FieldCells, parent: QWidget, threshold: int) -> None:
        super().__init__(_("Several people with the same content"), parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 4, 6, 4)
        self.crowd = CrowdSection(self, threshold=threshold)
        self.crowd.people_label.setText(_("Number of &people:"))
        crowd_layout = self.crowd.layout()
        if crowd_layout is not None:
            crowd_layout.setContentsMargins(0, 0, 0, 0)  # the group box has its margins
        box.addWidget(self.crowd)
        cells.add_crowd(self.crowd)


# --- content, handling, documents ----------------------------------------------------------------

class ContentSection(FormSection):
    """What the citizen asks: summary, type, field of the taxonomy, competence, prior bodies."""

    def __init__(self, cells: FieldCells, parent: QWidget) -> None:
        super().__init__(_("Content of the case"), cells, parent)
        self.content = PlainTextField(self, lines=3)
        self.petition_type = enum_combo(PetitionType, blank=_("— choose —"))
        self.field_code = QComboBox(self)
        self.field_code.setItemDelegate(_IndentDelegate(self.field_code))
        self.field_code.setMaxVisibleItems(20)
        self.within_competence = QCheckBox(_("Within our co&mpetence"), self)
        self.prior_bodies = PlainTextField(self, lines=2)
        self._place("content", _("Su&mmary of the content"), self.content, 0, 0, 1, 4)
        self._place("petition_type", _("T&ype"), self.petition_type, 1, 0)
        self._place("field_code", _("&Field"), self.field_code, 1, 1, 1, 2)
        self._place_tick("within_competence", self.within_competence, 1, 3)
        # The bodies that already handled it: in the folded ``MoreSection``.

    def field_code_value(self) -> str | None:
        data = self.field_code.currentData() if self.field_code.count() else None
        return str(data) if data is not None else None

    def fill_fields(self, categories: Sequence[FieldCategoryDTO], keep: str | None, *,
                    keep_unlisted: bool) -> None:
        """The taxonomy for the chosen type; ``keep_unlisted`` keeps a saved visit's field even
        if it no longer belongs to the list (retired or of another type)."""
        ptype = combo_enum(self.petition_type, PetitionType)
        combo = self.field_code
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(_("— not classified —"), None)
        for category in categories:
            if ptype is None or category.petition_type in (None, ptype.value):
                combo.addItem(category.label, category.code)
                combo.setItemData(combo.count() - 1, category.depth, _DEPTH_ROLE)
        if keep is not None and combo.findData(keep) < 0 and keep_unlisted:
            known = next((c for c in categories if c.code == keep), None)
            combo.addItem(known.label if known else keep, keep)
        combo.blockSignals(False)
        select_data(combo, keep)


class HandlingSection(FormSection):
    """How the case is handled and where it went; it also makes the follow-up, notes and
    incident editors, which ``MoreSection`` places (folded on a common visit)."""

    def __init__(self, cells: FieldCells, parent: QWidget) -> None:
        super().__init__(_("Handling of the case"), cells, parent)
        self.direction = enum_combo(HandlingDirection, blank=_("— choose —"))
        self.target_body = QLineEdit(self)
        self.target_doc_number = QLineEdit(self)
        self.target_doc_number.setPlaceholderText(_("e.g. 12/UBND-TCD"))
        self.follow_up = PlainTextField(self, lines=2)
        self.notes = PlainTextField(self, lines=2)
        self.incident = QCheckBox(_("&Incident at the counter"), self)
        self.incident_note = QLineEdit(self)
        self.incident_note.setPlaceholderText(_("what happened (threats, disorder…)"))
        self._place("direction", _("Handling &direction"), self.direction, 0, 0, 1, 2)
        self._place("target_body", _("Body guided or &transferred to"), self.target_body, 0, 2)
        self._place("target_doc_number", _("Document number"), self.target_doc_number, 0, 3)
        # Follow-up, notes and an incident: in the folded ``MoreSection``.

    def update_enabled(self) -> None:
        """The target body asks for a direction that needs one (or text already typed there),
        the incident note for a ticked incident (or a note already typed)."""
        direction = combo_enum(self.direction, HandlingDirection)
        needs_target = direction is not None and direction.needs_target_body
        has_text = bool(self.target_body.text().strip() or self.target_doc_number.text().strip())
        self.target_body.setEnabled(needs_target or has_text)
        self.target_doc_number.setEnabled(needs_target or has_text)
        self.incident_note.setEnabled(self.incident.isChecked()
                                      or bool(self.incident_note.text().strip()))


class MoreSection(FormSection):
    """The rarer logbook columns, folded on a common visit: the bodies that already handled it
    (the content section's editor), the follow-up, the notes and an incident at the counter (the
    handling section's)."""

    def __init__(self, cells: FieldCells, parent: QWidget, content: ContentSection,
                 handling: HandlingSection) -> None:
        super().__init__(_("More about the case"), cells, parent)
        self._place("prior_bodies", _("Bodies that already handled it"), content.prior_bodies,
                    0, 0, 1, 2)
        self._place("follow_up", _("Follow-&up of the result"), handling.follow_up, 0, 2, 1, 2)
        self._place("notes", _("N&otes"), handling.notes, 1, 0, 1, 2)
        self._place_tick("incident", handling.incident, 1, 2)
        self._place("incident_note", _("What happened"), handling.incident_note, 1, 3)


class DocumentsSection(FormSection):
    """The documents the citizen handed in, one table row each."""

    def __init__(self, cells: FieldCells, parent: QWidget) -> None:
        super().__init__(_("Documents received"), cells, parent)
        self.documents = DocumentsTable(self)
        self.documents.fit_rows(4)
        self.documents.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._place("documents", _("Documents the citizen &handed in"), self.documents,
                    0, 0, 1, 4)
        hint = QLabel(_("Insert: add a row · Delete or Ctrl+D: remove the row · "
                        "Enter on the last row: next row · type to fill a cell"), self)
        hint.setEnabled(False)
        hint.setWordWrap(True)
        self.grid.addWidget(hint, 1, 0, 1, 4)
