"""The office as printed: the issuing body of the NĐ 30/2020 header box (LEGAL.md §9).

The one header of every printed page: receipts, notices and slips, logbook pages, the weekly pack.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from reception_desk.errors import UserError
from reception_desk.printing.dto import OfficeHeader
from reception_desk.services.office.dto import OfficeProfile
from reception_desk.services.office.setup import get_office
from reception_desk.services.office.setup import office_chair

# Local bodies print their name on two lines: the kind of body, then the unit ("…\nXÃ YÊN PHÚ").
_BODY_KINDS = ("ỦY BAN NHÂN DÂN ", "HỘI ĐỒNG NHÂN DÂN ")


def office_header(profile: OfficeProfile | None, chair_name: str = "") -> OfficeHeader:
    """The issuing body (box 2) from the office profile; ``chair_name`` signs for it."""
    if profile is None:
        raise UserError("document.office_not_set_up")
    body = profile.body_name
    for lead in _BODY_KINDS:
        if body.startswith(lead) and "\n" not in body:
            body = lead.strip() + "\n" + body[len(lead):]
    commune = profile.commune_name
    place = profile.place_name
    unit_kind = commune[: -len(place)].strip() if place and commune.endswith(place) else "Xã"
    header = OfficeHeader(
        body_name=body,
        place_name=place,
        symbol=profile.doc_symbol,
        superior_body=profile.superior_body or None,
        unit_kind=unit_kind or "Xã",
    )
    return replace(header, head=replace(header.head, name=chair_name))


def header_for(session: Session) -> OfficeHeader:
    """The office's header as stored now, signed by its chair."""
    chair = office_chair(session)
    return office_header(get_office(session), chair.full_name if chair else "")
