"""The issuing office as printed in the NĐ 30/2020 header box (LEGAL.md §9)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from reception_desk.errors import UserError
from reception_desk.printing.dto import (
    OfficeHeader,
    SignatureBlock,
)
from reception_desk.services.office import setup as office_service
from reception_desk.services.office.dto import OfficeProfile, StaffRole


def office_header(session: Session, profile: OfficeProfile | None = None) -> OfficeHeader:
    """The issuing body of NĐ 30/2020 box 2 from the office profile; the chair signs."""
    profile = profile or office_service.get_office(session)
    if profile is None:
        raise UserError("document.office_not_set_up")
    body = profile.body_name
    for lead in ("ỦY BAN NHÂN DÂN ", "HỘI ĐỒNG NHÂN DÂN "):
        if body.startswith(lead) and "\n" not in body:
            body = lead.strip() + "\n" + body[len(lead):]
    commune = profile.commune_name
    place = profile.place_name
    unit_kind = commune[: -len(place)].strip() if place and commune.endswith(place) else "Xã"
    chair = next((s for s in office_service.list_staff(session) if s.role is StaffRole.CHAIR),
                 None)
    return OfficeHeader(
        body_name=body,
        place_name=place,
        symbol=profile.doc_symbol,
        superior_body=profile.superior_body or None,
        unit_kind=unit_kind or "Xã",
        head=SignatureBlock(authority="TM. ỦY BAN NHÂN DÂN", title="CHỦ TỊCH",
                            name=chair.full_name if chair else ""),
    )
