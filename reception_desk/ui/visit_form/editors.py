"""The visit form's inputs and the ``VisitDraft`` they hold.

``VisitEditors`` builds the sections (``sections``), names their editors as the form's own
(``form.citizen_name``, ``form.documents``…), fills the choice lists (staff, field taxonomy,
places, the crowd size) and reads or writes a whole draft. It checks, saves and looks up
nothing: that is ``VisitForm``'s part.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QWidget

from reception_desk.config import OFFICE_TZ
from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import IdDocType
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.classification import Sex
from reception_desk.domain.crowds import DEFAULT_CROWD_THRESHOLD
from reception_desk.domain.problems import Problem
from reception_desk.domain.visits import MAX_PEOPLE
from reception_desk.domain.visits import VisitDraft
from reception_desk.errors import KnownError
from reception_desk.errors import UserError
from reception_desk.services.desk import Desk
from reception_desk.services.office.dto import FieldCategoryDTO
from reception_desk.services.office.dto import StaffDTO
from reception_desk.ui.forms import combo_enum
from reception_desk.ui.forms import combo_int
from reception_desk.ui.forms import select_data
from reception_desk.ui.visit_form.fields import FieldCells
from reception_desk.ui.visit_form.sections import CitizenSection
from reception_desk.ui.visit_form.sections import ContentSection
from reception_desk.ui.visit_form.sections import CrowdGroup
from reception_desk.ui.visit_form.sections import DocumentsSection
from reception_desk.ui.visit_form.sections import HandlingSection
from reception_desk.ui.visit_form.sections import MoreSection
from reception_desk.ui.visit_form.sections import ReceptionSection
from reception_desk.ui.visit_form.sections import ensure_staff


class VisitEditors(QWidget):
    """Every input of one visit, section by section, and the draft they hold."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._cells = FieldCells()
        self._loading = 0  # > 0 while the program fills the inputs: no edit by the clerk
        self._staff: list[StaffDTO] = []
        self._field_categories: list[FieldCategoryDTO] = []
        office = desk.office()
        self._office_province = office.province_code if office else None
        self._office_commune = office.commune_code if office else None
        self._crowd_threshold = self._read_crowd_threshold()

    @contextmanager
    def _filling(self) -> Iterator[None]:
        """Inside this block the program, not the clerk, changes the inputs (no edit noted)."""
        self._loading += 1
        try:
            yield
        finally:
            self._loading -= 1

    def _build_sections(self, body: QWidget) -> list[QGroupBox]:
        """Make the sections in ``body``, top to bottom, and name their editors."""
        reception = self._reception = ReceptionSection(self._cells, body)
        citizen = self._citizen = CitizenSection(self._cells, body, self._desk, self._today,
                                                 self._office_province)
        crowd = CrowdGroup(self._cells, body, self._crowd_threshold)
        content = self._content = ContentSection(self._cells, body)
        handling = self._handling = HandlingSection(self._cells, body)
        more = MoreSection(self._cells, body, content, handling)
        documents = DocumentsSection(self._cells, body)

        self.received_at = reception.received_at
        self.kind = reception.kind
        self.receiving_staff = reception.receiving_staff
        self.presiding_leader = reception.presiding_leader
        self.citizen_name = citizen.citizen_name
        self.sex = citizen.sex
        self.birth_date = citizen.birth_date
        self.id_doc_type = citizen.id_doc_type
        self.id_number = citizen.id_number
        self.id_issue_date = citizen.id_issue_date
        self.id_issue_place = citizen.id_issue_place
        self.id_override_reason = citizen.id_override_reason
        self.province = citizen.province
        self.ward = citizen.ward
        self.address_detail = citizen.address_detail
        self.phone = citizen.phone
        self.citizen_search = citizen.citizen_search
        self.crowd = crowd.crowd
        self.content = content.content
        self.petition_type = content.petition_type
        self.field_code = content.field_code
        self.within_competence = content.within_competence
        self.prior_bodies = content.prior_bodies
        self.direction = handling.direction
        self.target_body = handling.target_body
        self.target_doc_number = handling.target_doc_number
        self.follow_up = handling.follow_up
        self.notes = handling.notes
        self.incident = handling.incident
        self.incident_note = handling.incident_note
        self.documents = documents.documents
        return [reception, citizen, crowd, content, handling, more, documents]

    # --- choices -----------------------------------------------------------------------------
    def reload_choices(self) -> None:
        """Re-read staff, the field taxonomy and the delegation size (after the settings)."""
        self._crowd_threshold = self._read_crowd_threshold()
        self.crowd.set_threshold(self._crowd_threshold)
        with self._filling():
            self._staff = self._desk.staff(include_inactive=True)
            self._field_categories = self._desk.fields()
            self._reception.fill_staff(self._staff, combo_int(self.receiving_staff),
                                       combo_int(self.presiding_leader))
            self._content.fill_fields(self._field_categories, self.field_code_value(),
                                      keep_unlisted=True)

    def _read_crowd_threshold(self) -> int:
        """The office's "đoàn đông người" size (hotspot policy), as the service checks it."""
        try:
            return int(self._desk.crowd_threshold())
        except (UserError, KnownError, AttributeError):
            return DEFAULT_CROWD_THRESHOLD

    def _today(self) -> date:
        return self._desk.now().astimezone(OFFICE_TZ).date()

    def field_code_value(self) -> str | None:
        return self._content.field_code_value()

    def _choose_staff(self, combo: QComboBox, staff_id: int | None) -> None:
        """Choose ``staff_id`` in a staff list (kept choosable if they have left)."""
        ensure_staff(combo, self._staff, staff_id)
        select_data(combo, staff_id)

    # --- the draft ---------------------------------------------------------------------------
    def _draft(self, citizen_id: int | None, case_id: int | None) -> VisitDraft:
        """The inputs as a draft of ``citizen_id``'s visit, linked to ``case_id`` (nothing is
        checked or normalised here)."""
        kind = self._reception.kind_value()
        return VisitDraft(
            received_at=self._reception.received_at_value(),
            kind=kind,
            receiving_staff_id=combo_int(self.receiving_staff),
            presiding_leader_id=(combo_int(self.presiding_leader)
                                 if kind.needs_presiding_leader else None),
            citizen_id=citizen_id,
            citizen_name=self.citizen_name.text(),
            id_doc_type=self._citizen.doc_type(),
            id_number=self.id_number.text(),
            id_override_reason=self.id_override_reason.text(),
            id_issue_date=self.id_issue_date.date(),
            id_issue_place=self.id_issue_place.text(),
            sex=combo_enum(self.sex, Sex),
            birth_date=self.birth_date.date(),
            ward_code=self.ward.code(),
            address_detail=self.address_detail.text(),
            phone=self.phone.text(),
            people_count=self.crowd.people_count(),
            content=self.content.toPlainText(),
            petition_type=combo_enum(self.petition_type, PetitionType),
            field_code=self.field_code_value(),
            prior_bodies=self.prior_bodies.toPlainText(),
            within_competence=self.within_competence.isChecked(),
            direction=combo_enum(self.direction, HandlingDirection),
            target_body=self.target_body.text(),
            target_doc_number=self.target_doc_number.text(),
            follow_up=self.follow_up.toPlainText(),
            notes=self.notes.toPlainText(),
            documents=self.documents.documents(),
            delegation=self.crowd.delegation(),
            members=self.crowd.members(),
            incident=self.incident.isChecked(),
            incident_note=self.incident_note.text(),
            case_id=case_id,
        )

    def _write_draft(self, draft: VisitDraft) -> None:
        """Show ``draft`` in the inputs (all but the reception time, the citizen record and
        the linked case, which the form keeps)."""
        select_data(self.kind, draft.kind)
        self._choose_staff(self.receiving_staff, draft.receiving_staff_id)
        self._choose_staff(self.presiding_leader, draft.presiding_leader_id)
        self.citizen_name.setText(draft.citizen_name)
        select_data(self.sex, draft.sex)
        self.birth_date.set_date(draft.birth_date)
        select_data(self.id_doc_type, draft.id_doc_type)
        self.id_number.setText(draft.id_number)
        self.id_override_reason.setText(draft.id_override_reason)
        self._citizen.override_cell.setVisible(bool(draft.id_override_reason.strip()))
        self.id_issue_date.set_date(draft.id_issue_date)
        self.id_issue_place.setText(draft.id_issue_place)
        self._citizen.set_place(draft.ward_code)
        self.address_detail.setText(draft.address_detail)
        self.phone.setText(draft.phone)
        self.content.setPlainText(draft.content)
        select_data(self.petition_type, draft.petition_type)
        self._content.fill_fields(self._field_categories, draft.field_code, keep_unlisted=True)
        self.prior_bodies.setPlainText(draft.prior_bodies)
        self.within_competence.setChecked(draft.within_competence)
        select_data(self.direction, draft.direction)
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

    def _nothing_typed(self) -> bool:
        """Nothing about a citizen in the inputs (staff, kind, time and place are defaults)."""
        d = self._draft(None, None)
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

    @Slot()
    def _update_enabled(self) -> None:
        """Inputs a choice makes pointless are off; the crowd tables show for a group."""
        self._reception.update_enabled()
        self._handling.update_enabled()
        crowd = self.crowd
        group = (crowd.people_count() > 1 or crowd.delegation()
                 or crowd.reps.rowCount() > 0 or crowd.participants.rowCount() > 0
                 or any(self._cells.messages(n) for n in ("representatives", "participants")))
        crowd.details.setVisible(group)

    # --- fields by name ----------------------------------------------------------------------
    def field_messages(self, name: str) -> list[str]:
        """The messages shown next to field ``name`` (for tests and screen readers)."""
        return self._cells.messages(name)

    def field_widget(self, name: str) -> QWidget:
        return self._cells[name].editor

    # --- inputs that follow other inputs -----------------------------------------------------
    def _connect_choices(self) -> None:
        """A choice switches inputs on or off, or refills another list."""
        self.incident.toggled.connect(self._update_enabled)
        self.kind.currentIndexChanged.connect(self._update_enabled)
        self.direction.currentIndexChanged.connect(self._update_enabled)
        self.petition_type.currentIndexChanged.connect(
            self._on_petition_type_current_index_changed)
        self.province.place_changed.connect(self._on_province_place_changed)


    @Slot()
    def _on_petition_type_current_index_changed(self) -> None:
        if self._loading:
            return
        self._content.fill_fields(self._field_categories, self.field_code_value(),
                                  keep_unlisted=False)

    @Slot()
    def _on_province_place_changed(self) -> None:
        if self._loading:
            return
        self._citizen.fill_communes(None)
