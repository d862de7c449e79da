"""What a viewer sees of the registry: search results, a citizen's visits, the repeat banner.

Every door that lists citizens or their visits goes through here (``desk.citizens``), so the
masking is decided once, in the services, for the signed-in user (``domain.access``):

* personal data (ID number, phone, address, birth date) by the viewer's rights;
* a denouncer under secrecy is never tied to their denunciation: search leaves out a person
  known only from such denunciations, a citizen's visit list leaves those visits out, and the
  repeat banner shows them without the name and without "same person" (Luật TC Art. 9(1)(b)).
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy.orm import Session

from reception_desk.domain.access import Permission
from reception_desk.domain.access import Principal
from reception_desk.domain.secrecy import WITHHELD
from reception_desk.domain.secrecy import Identity
from reception_desk.domain.secrecy import IdentityField
from reception_desk.domain.secrecy import mask_identity
from reception_desk.domain.text import fold
from reception_desk.domain.text import words_of
from reception_desk.services.access import secrecy
from reception_desk.services.citizens.dto import CitizenSummary
from reception_desk.services.citizens.dto import CitizenVisit
from reception_desk.services.citizens.dto import GlobalResults
from reception_desk.services.citizens.dto import RepeatReport
from reception_desk.storage.queries import citizens as registry

_SAME_PERSON = frozenset({"id", "name"})


def mask_citizens(session: Session, principal: Principal | None,
                  found: Iterable[CitizenSummary]) -> list[CitizenSummary]:
    """Registry records with personal data as the viewer may see it (names in clear)."""
    permissions = secrecy.viewer_permissions(session, principal)
    out = []
    for c in found:
        shown = mask_identity(Identity(c.full_name, c.id_number, c.phone, c.address,
                                       c.birth_date), permissions, None)
        if not any(shown.is_masked(f) for f in IdentityField):
            out.append(c)
            continue
        hidden_id = shown.is_masked(IdentityField.ID_NUMBER)
        out.append(replace(
            c, id_number=shown.id_number, phone=shown.phone, address=shown.address,
            birth_date=shown.birth_date,
            address_detail=WITHHELD if c.address_detail else "",
            id_issue_date=None if hidden_id else c.id_issue_date,
            id_issue_place="" if hidden_id else c.id_issue_place))
    return out


def shown_citizens(session: Session, principal: Principal | None,
                   found: Sequence[CitizenSummary]) -> list[CitizenSummary]:
    """Search results: persons known only as denouncers under secrecy left out, the rest
    masked by the viewer's rights."""
    hidden = secrecy.hidden_citizens(session, (c.id for c in found))
    return mask_citizens(session, principal, (c for c in found if c.id not in hidden))


def shown_visits_of_citizen(session: Session,
                            visits: Sequence[CitizenVisit]) -> list[CitizenVisit]:
    """A citizen's visits without their denunciations under secrecy."""
    secret = secrecy.secret_visits(session, (v.id for v in visits))
    return [v for v in visits if v.id not in secret]


def _matches_content(query_words: Sequence[str], content: str) -> bool:
    words = words_of(fold(content))
    return all(any(w.startswith(q) for w in words) for q in query_words)


def shown_global(session: Session, principal: Principal | None, query_words: Sequence[str],
                 results: GlobalResults) -> GlobalResults:
    """Ctrl+F results: citizens as ``shown_citizens``; a visit whose sender is under secrecy
    stays only when the query matched its content (not the name), with the name withheld."""
    shown = secrecy.visit_identities(session, principal, (v.id for v in results.visits))
    visits = tuple(
        replace(v, citizen_name=shown[v.id].name) if v.id in shown else v
        for v in results.visits
        if v.id not in shown or not shown[v.id].secret
        or _matches_content(query_words, v.content))
    return replace(results, citizens=tuple(shown_citizens(session, principal, results.citizens)),
                   visits=visits)


def shown_repeats(session: Session, principal: Principal | None,
                  report: RepeatReport) -> RepeatReport:
    """The repeat banner: names masked for the viewer.

    An earlier denunciation under secrecy is never "the same person": for a viewer who may
    reveal a denouncer (``REVEAL_IDENTITY``: the chairperson, a vice-chair) it is listed only
    for its similar content, name withheld. For anyone else it is not there at all: not listed,
    not counted in "came N times", and a denunciation case found only through it or through
    the person is left out too (Luật TC Art. 9(1)(b): the banner must not hint who denounced).
    """
    shown = secrecy.visit_identities(session, principal, (v.id for v in report.visits))
    may_reveal = Permission.REVEAL_IDENTITY in secrecy.permissions_of_viewer(principal)
    visits = []
    dropped: set[int] = set()
    for v in report.visits:
        who = shown.get(v.id)
        if who is None or not who.secret:
            visits.append(replace(v, citizen_name=who.name) if who is not None else v)
            continue
        reasons = v.reasons - _SAME_PERSON
        if reasons and may_reveal:
            visits.append(replace(v, citizen_name=WITHHELD, reasons=reasons))
        else:
            dropped.add(v.id)
    if may_reveal:
        return replace(report, visits=tuple(visits))
    secret_of_person = secrecy.secret_visits(session, report.person_denunciations)
    kept_cases = {v.case_id for v in visits if v.case_id is not None}
    hinted = {v.case_id for v in report.visits if v.id in dropped and v.case_id is not None}
    hinted |= secrecy_cases(session, report.person_cases)
    cases = tuple(c for c in report.cases if c.id in kept_cases or c.id not in hinted)
    suggested = report.suggested_case_id
    if suggested is not None and suggested not in {c.id for c in cases}:
        suggested = next((v.case_id for v in visits if v.case_id is not None),
                         cases[0].id if cases else None)
    return replace(report, visits=tuple(visits), cases=cases, suggested_case_id=suggested,
                   person_visit_count=max(0, report.person_visit_count
                                          - len(secret_of_person)))


def secrecy_cases(session: Session, case_ids: Iterable[int]) -> set[int]:
    """The denunciation cases among ``case_ids`` (found through a person: a hint that they
    denounced, for a viewer who may not see denouncers)."""
    return registry.denunciation_cases(session, case_ids)
