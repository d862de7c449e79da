"""Office set-up: the office profile, its staff and the field taxonomy."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import datetime

from sqlalchemy.orm import Session

from reception_desk.domain import geography
from reception_desk.domain.text import clean_line
from reception_desk.errors import UserError
from reception_desk.errors import ValidationFailed
from reception_desk.services.context import Actor
from reception_desk.services.context import Changes
from reception_desk.services.office.dto import FieldCategoryDTO
from reception_desk.services.office.dto import OfficeProfile
from reception_desk.services.office.dto import StaffDTO
from reception_desk.services.office.dto import StaffRole
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import FieldCategory
from reception_desk.storage.models import Staff
from reception_desk.storage.queries import office as office_queries

OFFICE_KEY = "office"


def get_office(session: Session) -> OfficeProfile | None:
    value = repo.get_setting(session, OFFICE_KEY)
    return None if value is None else OfficeProfile(**value)


def setting_version(session: Session, key: str) -> int:
    return repo.setting_version(session, key)


def is_set_up(session: Session) -> bool:
    return get_office(session) is not None and bool(list_staff(session))


def suggested_profile(province_code: int, commune_code: int) -> OfficeProfile:
    """The names an office of this commune normally prints (NĐ 30/2020 ô 2), to be edited."""
    prov = geography.province(province_code)
    com = geography.commune(commune_code)
    if prov is None:
        raise UserError("office.province_unknown", field="province_code")
    if com is None or com.province_code != province_code:
        raise UserError("office.commune_unknown", field="commune_code")
    return OfficeProfile(
        province_code=province_code,
        province_name=prov.full_name,
        commune_code=commune_code,
        commune_name=com.full_name,
        superior_body=f"ỦY BAN NHÂN DÂN {prov.full_name.upper()}",
        body_name=f"ỦY BAN NHÂN DÂN {com.full_name.upper()}",
        place_name=com.short_name,
        doc_symbol="UBND",
    )


def _clean_profile(profile: OfficeProfile) -> OfficeProfile:
    values = {k: clean_line(v) if isinstance(v, str) else v for k, v in asdict(profile).items()}
    cleaned = OfficeProfile(**values)  # type: ignore[arg-type]  # same fields, cleaned
    problems = []
    if not cleaned.body_name:
        problems.append(UserError("office.body_name_required", field="body_name"))
    if not cleaned.place_name:
        problems.append(UserError("office.place_required", field="place_name"))
    if not cleaned.doc_symbol:
        problems.append(UserError("office.symbol_required", field="doc_symbol"))
    if problems:
        raise ValidationFailed(problems)
    return cleaned


def save_office(
    session: Session, profile: OfficeProfile, actor: Actor, now: datetime,
    expected_version: int | None = None,
) -> tuple[OfficeProfile, Changes]:
    """``expected_version``: the setting's version the screen read; another counter's save
    since is refused with ``setting.changed_elsewhere`` (repositories.put_setting)."""
    cleaned = _clean_profile(profile)
    before = repo.put_setting(session, OFFICE_KEY, asdict(cleaned), at=now, actor=actor.name,
                              expected_version=expected_version)
    repo.add_audit(session, at=now, actor=actor.name,
                   action="update" if before else "create", entity="setting",
                   entity_id=OFFICE_KEY, before=before, after=asdict(cleaned))
    return cleaned, Changes(settings={OFFICE_KEY})


def _staff_dto(row: Staff) -> StaffDTO:
    assert row.id is not None
    return StaffDTO(row.id, row.full_name, row.position, StaffRole(row.role), row.active,
                    row.version)


def list_staff(session: Session, include_inactive: bool = False) -> list[StaffDTO]:
    return [_staff_dto(row) for row in office_queries.staff_members(session, include_inactive)]


def office_chair(session: Session) -> StaffDTO | None:
    """The chairperson, who signs the office's documents (the first, by name, if several)."""
    return next((s for s in list_staff(session) if s.role is StaffRole.CHAIR), None)


def save_staff(
    session: Session,
    *,
    full_name: str,
    position: str,
    role: StaffRole,
    actor: Actor,
    now: datetime,
    staff_id: int | None = None,
    active: bool = True,
    expected_version: int | None = None,
) -> tuple[StaffDTO, Changes]:
    """Add a staff member, or update one when ``staff_id`` is given (never deleted: deactivated).

    ``expected_version``: the member's version the screen read (``StaffDTO.version``); another
    counter's save of the row since is refused with ``staff.changed_elsewhere`` (nothing
    written). None compares with the version read here (two saves at one instant: one wins)."""
    name = clean_line(full_name)
    pos = clean_line(position)
    problems = []
    if not name:
        problems.append(UserError("staff.name_required", field="full_name"))
    elif len(name) > 200:
        problems.append(UserError("text.too_long", field="full_name", max=200, actual=len(name)))
    if len(pos) > 200:
        problems.append(UserError("text.too_long", field="position", max=200, actual=len(pos)))
    if problems:
        raise ValidationFailed(problems)
    if staff_id is None:
        row = Staff(
            uid=str(uuid.uuid4()),
            full_name=name,
            position=pos,
            role=role.value,
            active=active,
            created_at=now,
        )
        session.add(row)
        session.flush()
        before = None
    else:
        found = session.get(Staff, staff_id)
        if found is None:
            raise UserError("staff.not_found", staff_id=staff_id)
        row = found
        read = row.version if expected_version is None else expected_version
        if not office_queries.claim_staff_version(session, staff_id, read):
            session.refresh(row)
            raise UserError("staff.changed_elsewhere", staff_id=staff_id, version=row.version)
        session.refresh(row)
        before = _staff_dict(row)
        row.full_name, row.position, row.role, row.active = name, pos, role.value, active
        session.flush()
    repo.add_audit(session, at=now, actor=actor.name,
                   action="create" if before is None else "update", entity="staff",
                   entity_id=row.id, before=before, after=_staff_dict(row))
    return _staff_dto(row), Changes(staff=True)


def _staff_dict(row: Staff) -> dict[str, object]:
    return {
        "full_name": row.full_name,
        "position": row.position,
        "role": row.role,
        "active": row.active,
    }


def list_fields(session: Session, include_inactive: bool = False) -> list[FieldCategoryDTO]:
    """The taxonomy in tree order (parents before children, by sort order)."""
    rows = office_queries.field_categories(session)
    by_parent: dict[str | None, list[FieldCategory]] = {}
    for row in rows:
        by_parent.setdefault(row.parent_code, []).append(row)
    out: list[FieldCategoryDTO] = []

    def walk(parent: str | None, depth: int) -> None:
        for row in by_parent.get(parent, []):
            if row.active or include_inactive:
                out.append(
                    FieldCategoryDTO(
                        row.code,
                        row.parent_code,
                        row.label,
                        row.petition_type,
                        row.sensitive,
                        row.active,
                        depth,
                        row.version,
                    )
                )
                walk(row.code, depth + 1)

    walk(None, 0)
    return out


def save_field(session: Session, dto: FieldCategoryDTO, actor: Actor, now: datetime) -> Changes:
    """Add or edit an entry of the field taxonomy (deactivate rather than delete)."""
    label = clean_line(dto.label)
    code = clean_line(dto.code)
    if not code:
        raise UserError("field.code_required", field="code")
    if not label:
        raise UserError("field.label_required", field="label")
    if dto.parent_code and session.get(FieldCategory, dto.parent_code) is None:
        raise UserError("field.parent_unknown", field="parent_code")
    row = session.get(FieldCategory, code)
    before = None
    if row is not None:
        # Compare-and-set (``dto.version``: as the screen read it; 0: it adds a new entry).
        read = row.version if dto.version is None else dto.version
        if not office_queries.claim_field_version(session, code, read):
            session.refresh(row)
            raise UserError("field.changed_elsewhere", field_code=code, version=row.version)
        session.refresh(row)
    elif dto.version:  # an entry read from the list cannot vanish (never deleted)
        raise UserError("field.changed_elsewhere", field_code=code, version=0)
    if row is None:
        row = FieldCategory(code=code, sort_order=office_queries.last_field_position(session) + 1,
                            label=label, parent_code=dto.parent_code,
                            petition_type=dto.petition_type, sensitive=dto.sensitive,
                            active=dto.active)
        # Another counter may create the same code at the same instant: told, not a raw
        # database error (the code was free when this one looked).
        if not office_queries.add_new_field(session, row):
            raise UserError("field.changed_elsewhere", field_code=code, version=0)
    else:
        before = _field_dict(row)
    row.label, row.parent_code, row.petition_type = label, dto.parent_code, dto.petition_type
    row.sensitive, row.active = dto.sensitive, dto.active
    repo.add_audit(session, at=now, actor=actor.name,
                   action="update" if before else "create", entity="field_category",
                   entity_id=code, before=before, after=_field_dict(row))
    return Changes(settings={"fields"})


def _field_dict(row: FieldCategory) -> dict[str, object]:
    return {"label": row.label, "parent_code": row.parent_code, "active": row.active,
            "sensitive": row.sensitive}
