"""What a viewer sees of a case's people: its complainants (denouncers of a denunciation
case withheld unless they waived secrecy), the senders of its visits, the list's first name.

Decided here for the signed-in user, for every door reading cases (``desk.cases``); the rule
is ``domain.secrecy.masking_plan``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy.orm import Session

from reception_desk.domain.access import Principal
from reception_desk.domain.cases import CaseType
from reception_desk.domain.secrecy import WITHHELD
from reception_desk.domain.secrecy import Identity
from reception_desk.domain.secrecy import IdentityField
from reception_desk.services.access import secrecy
from reception_desk.services.cases.dto import CaseDetail
from reception_desk.services.cases.dto import CaseRow
from reception_desk.storage.queries import cases as q


def shown_case(session: Session, principal: Principal | None, detail: CaseDetail) -> CaseDetail:
    """``detail`` with its complainants and its visits' senders masked for the viewer."""
    masks = secrecy.case_identities(
        session, principal, detail.id, detail.case_type.value,
        [(c.citizen_id, Identity(c.full_name, c.id_number, "", c.address))
         for c in detail.complainants])
    complainants = tuple(
        replace(c, full_name=m.name, id_number=m.id_number, address=m.address,
                identity_masked=any(m.is_masked(f) for f in IdentityField),
                identity_secret=m.secret)
        for c in detail.complainants for m in [masks[c.citizen_id]])
    senders = secrecy.visit_identities(session, principal, (v.id for v in detail.visits))
    visits = tuple(replace(v, citizen_name=senders[v.id].name) if v.id in senders else v
                   for v in detail.visits)
    return replace(detail, complainants=complainants, visits=visits)


def shown_rows(session: Session, principal: Principal | None,
               rows: Sequence[CaseRow]) -> list[CaseRow]:
    """The case list: the first complainant of a denunciation case withheld unless waived."""
    out = []
    for row in rows:
        if row.case_type is not CaseType.DENUNCIATION or not row.complainant:
            out.append(row)
            continue
        people = q.citizens_of(session, row.id)
        first = people[0][0] if people else None
        if first is None or first.id is None:
            out.append(row)
            continue
        masks = secrecy.case_identities(
            session, principal, row.id, row.case_type.value,
            [(first.id, Identity(first.full_name, first.id_number))])
        out.append(replace(row, complainant=WITHHELD if masks[first.id].secret
                           else row.complainant))
    return out
