"""What every door shows of a person, deliberate reveals, and denouncers' waivers.

``mask_for`` is the one call a list, a search, a banner, a print or an export makes before it
shows an identity (domain.secrecy.masking_plan is the rule). Seeing a protected identity is a
use case of its own: ``reveal_identity`` checks the right, asks for a reason, logs who saw what
and when (``identity_reveal``), writes an audit row, and only then returns the identity.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from datetime import datetime

from sqlalchemy.orm import Session

from reception_desk.config import OFFICE_TZ
from reception_desk.domain.access import Permission
from reception_desk.domain.access import Principal
from reception_desk.domain.secrecy import Identity
from reception_desk.domain.secrecy import MaskedIdentity
from reception_desk.domain.secrecy import SecrecyWaiver
from reception_desk.domain.secrecy import check_reason
from reception_desk.domain.secrecy import check_waiver
from reception_desk.domain.secrecy import is_secret
from reception_desk.domain.secrecy import mask_identity
from reception_desk.domain.secrecy import person_key
from reception_desk.domain.secrecy import redacted_by_default
from reception_desk.domain.secrecy import withholds_identity
from reception_desk.domain.text import clean_line
from reception_desk.errors import UserError
from reception_desk.services.access.dto import ProtectedIdentity
from reception_desk.services.access.dto import RecordKind
from reception_desk.services.access.dto import RecordRef
from reception_desk.services.access.dto import Revealed
from reception_desk.services.access.dto import RevealEntry
from reception_desk.services.access.dto import WaiverDTO
from reception_desk.services.access.users import authorise
from reception_desk.services.context import require_aware
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import SecrecyWaiverRow
from reception_desk.storage.models import Visit
from reception_desk.storage.queries import users as q

DENUNCIATION = "denunciation"
#: Above this many visits, all waivers in force are read at once (they are few) instead of a
#: long IN list.
_IN_LIMIT = 500


#: What the system sees with (no signed-in account: the demo generator, tests, aggregate
#: commands): every permission. A denouncer under secrecy stays withheld even then
#: (``domain.secrecy.masking_plan``: no permission unmasks them silently).
SYSTEM_PERMISSIONS: frozenset[Permission] = frozenset(Permission)


def permissions_of_viewer(principal: Principal | None) -> frozenset[Permission]:
    return principal.permissions if principal is not None else SYSTEM_PERMISSIONS


def viewer_permissions(session: Session, principal: Principal | None) -> frozenset[Permission]:
    """The viewer's rights as the database holds them now (a deactivated account is refused);
    None: the system."""
    if principal is None:
        return SYSTEM_PERMISSIONS
    return authorise(session, principal, Permission.VIEW_RECORDS).permissions


def mask_for(principal: Principal | None, identity: Identity, petition_type: str | None,
             waiver: SecrecyWaiver | None) -> MaskedIdentity:
    """``identity`` as ``principal`` may see it (None: the system, ``SYSTEM_PERMISSIONS``)."""
    return mask_identity(identity, permissions_of_viewer(principal), petition_type, waiver)


# --- loading a person of a record ---------------------------------------------------------------

@dataclass(frozen=True)
class _Person:
    identity: Identity
    petition_type: str | None
    waiver: SecrecyWaiver | None


def _waiver(row: SecrecyWaiverRow | None) -> SecrecyWaiver | None:
    if row is None or row.revoked_at is not None:
        return None
    return SecrecyWaiver(row.waived_on, row.noted_by)


def _visit_person(session: Session, visit: Visit, person: int) -> Identity:
    if person == 0:
        born = q.birth_dates(session, [visit.citizen_id]).get(visit.citizen_id)
        return Identity(visit.citizen_name, visit.id_number, visit.phone, visit.address, born)
    assert visit.id is not None
    member = q.participant(session, visit.id, person - 1) if person > 0 else None
    if member is None:
        raise UserError("secrecy.person_not_found", person=person)
    return Identity(member.full_name, member.id_number, member.phone, member.address)


def _load(session: Session, ref: RecordRef) -> _Person:
    if ref.kind is RecordKind.VISIT:
        visit = q.visit(session, ref.record_id)
        if visit is None:
            raise UserError("secrecy.record_not_found", kind=ref.kind.value)
        identity = _visit_person(session, visit, ref.person)
        row = q.waiver(session, ref.record_id, person_key(identity.name, identity.id_number))
        return _Person(identity, visit.petition_type, _waiver(row))
    if ref.kind is RecordKind.CITIZEN:
        citizen = q.citizen(session, ref.record_id)
        if citizen is None:
            raise UserError("secrecy.record_not_found", kind=ref.kind.value)
        return _Person(Identity(citizen.full_name, citizen.id_number, citizen.phone,
                                citizen.address, citizen.birth_date), None, None)
    case = q.case_file(session, ref.record_id)
    if case is None:
        raise UserError("secrecy.record_not_found", kind=ref.kind.value)
    linked = q.case_citizen(session, ref.record_id, ref.person)
    citizen = q.citizen(session, ref.person) if linked is not None else None
    if citizen is None:
        raise UserError("secrecy.person_not_found", person=ref.person)
    identity = Identity(citizen.full_name, citizen.id_number, citizen.phone, citizen.address,
                        citizen.birth_date)
    key = person_key(identity.name, identity.id_number)
    waiver = next((_waiver(w) for w in q.active_waivers_of_case(session, ref.record_id)
                   if w.person_key == key), None)
    return _Person(identity, case.case_type, waiver)


# --- what a viewer sees -----------------------------------------------------------------------

def identity_for(session: Session, principal: Principal | None,
                 ref: RecordRef) -> ProtectedIdentity:
    """One person of one record, masked for the viewer."""
    permissions = viewer_permissions(session, principal)
    found = _load(session, ref)
    return ProtectedIdentity(ref, mask_identity(found.identity, permissions,
                                                found.petition_type, found.waiver),
                             found.petition_type,
                             found.waiver.waived_on if found.waiver else None)


def visit_identities(session: Session, principal: Principal | None,
                     visit_ids: Iterable[int]) -> dict[int, MaskedIdentity]:
    """The senders of many visits at once, masked for the viewer (a logbook page, a print).

    Three queries whatever the number of visits: the visits, their citizens' birth dates, the
    waivers in force.
    """
    permissions = viewer_permissions(session, principal)
    rows = q.visits(session, visit_ids)
    born = q.birth_dates(session, (v.citizen_id for v in rows))
    waivers = q.active_waivers(session, (v.id for v in rows if v.id is not None))
    out: dict[int, MaskedIdentity] = {}
    for visit in rows:
        assert visit.id is not None
        identity = Identity(visit.citizen_name, visit.id_number, visit.phone, visit.address,
                            born.get(visit.citizen_id))
        waiver = _waiver(waivers.get((visit.id, person_key(visit.citizen_name,
                                                           visit.id_number))))
        out[visit.id] = mask_identity(identity, permissions, visit.petition_type, waiver)
    return out


def sender_identities(session: Session, principal: Principal | None,
                      visits: Sequence[Visit]) -> dict[int, MaskedIdentity]:
    """The senders of visits already loaded (the logbook pages of a year), masked for the
    viewer; birth dates are not read (no print shows them). One query: the waivers."""
    permissions = viewer_permissions(session, principal)
    ids = [v.id for v in visits if v.id is not None]
    waivers = q.active_waivers(session, ids) if len(ids) <= _IN_LIMIT else q.active_waivers(
        session, None)
    out: dict[int, MaskedIdentity] = {}
    for visit in visits:
        assert visit.id is not None
        identity = Identity(visit.citizen_name, visit.id_number, visit.phone, visit.address)
        waiver = _waiver(waivers.get((visit.id, person_key(visit.citizen_name,
                                                           visit.id_number))))
        out[visit.id] = mask_identity(identity, permissions, visit.petition_type, waiver)
    return out


def new_visit_identities(session: Session, principal: Principal | None, petition_type: str,
                         sender: Identity, members: Sequence[Identity]
                         ) -> tuple[MaskedIdentity, list[MaskedIdentity]]:
    """The sender and crowd members of a visit saved in this unit of work, masked for the
    viewer: no waiver can name a visit that did not exist, so nothing is read but the viewer's
    rights (``visit_identities`` and ``member_identities`` would find none)."""
    permissions = viewer_permissions(session, principal)
    return (mask_identity(sender, permissions, petition_type, None),
            [mask_identity(m, permissions, petition_type, None) for m in members])


def member_identities(session: Session, principal: Principal | None, visit_id: int,
                      petition_type: str | None,
                      members: Sequence[Identity]) -> list[MaskedIdentity]:
    """The crowd members of one visit, masked for the viewer (each with their own waiver)."""
    permissions = viewer_permissions(session, principal)
    waivers = q.active_waivers(session, [visit_id])
    return [mask_identity(m, permissions, petition_type,
                          _waiver(waivers.get((visit_id, person_key(m.name, m.id_number)))))
            for m in members]


def secret_visits(session: Session, visit_ids: Iterable[int]) -> set[int]:
    """Which of these visits have a sender under secrecy (a denouncer without a waiver)."""
    rows = q.visits(session, visit_ids)
    waivers = q.active_waivers(session, (v.id for v in rows if v.id is not None))
    return {v.id for v in rows if v.id is not None and is_secret(
        v.petition_type,
        _waiver(waivers.get((v.id, person_key(v.citizen_name, v.id_number)))))}


def hidden_citizens(session: Session, citizen_ids: Iterable[int]) -> set[int]:
    """Citizens known only as denouncers under secrecy: a search result must not list them
    (a match on a name would tell who denounced; Luật TC Art. 9(1)(b))."""
    ids = set(citizen_ids)
    visits = q.visits_of_citizens(session, ids)
    secret = secret_visits(session, (v.id for v in visits if v.id is not None))
    known: dict[int, bool] = {}  # citizen id -> known from anything not secret
    for v in visits:
        known[v.citizen_id] = known.get(v.citizen_id, False) or v.id not in secret
    for cid, case_type in q.case_types_of_citizens(session, ids):
        known[cid] = known.get(cid, False) or case_type != DENUNCIATION
    return {cid for cid, shown in known.items() if not shown}


def citizen_identity(principal: Principal | None, identity: Identity) -> MaskedIdentity:
    """A registry record (no petition of its own): personal data by the viewer's rights."""
    return mask_for(principal, identity, None, None)


def case_identities(session: Session, principal: Principal | None, case_id: int,
                    case_type: str | None,
                    people: Iterable[tuple[int, Identity]]) -> dict[int, MaskedIdentity]:
    """The citizens of one case (by citizen id), masked for the viewer: a denunciation case's
    denouncers are withheld unless they waived secrecy on one of its visits."""
    permissions = viewer_permissions(session, principal)
    waivers = {w.person_key: w for w in q.active_waivers_of_case(session, case_id)}
    return {cid: mask_identity(person, permissions, case_type,
                               _waiver(waivers.get(person_key(person.name, person.id_number))))
            for cid, person in people}


def sender_is_secret(session: Session, visit_id: int) -> bool:
    """Is the sender of ``visit_id`` a denouncer under secrecy (no waiver in force)?"""
    found = _load(session, RecordRef(RecordKind.VISIT, visit_id))
    return is_secret(found.petition_type, found.waiver)


def transfer_identity(session: Session, principal: Principal | None, visit_id: int,
                      withhold: bool | None, reveal_reason: str, now: datetime) -> bool:
    """Whether a document sent out withholds the sender of ``visit_id`` (every door asks).

    The rule is ``domain.secrecy.withholds_identity``: a denouncer under secrecy is withheld
    unless the user reveals them with a reason (``reveal_identity`` checks the right and logs
    the reveal first); an unredacted copy asked for without a reason is refused.
    """
    found = _load(session, RecordRef(RecordKind.VISIT, visit_id))
    withheld = withholds_identity(found.petition_type, found.waiver, withhold,
                                  reason_given=bool(reveal_reason.strip()))
    if not withheld and is_secret(found.petition_type, found.waiver):
        reveal_identity(session, principal, RecordRef(RecordKind.VISIT, visit_id),
                        reveal_reason, now)
    return withheld


def transfer_default(session: Session, visit_id: int) -> bool:
    """Whether a transfer dialog for ``visit_id`` starts redacted (the same rule, undecided)."""
    found = _load(session, RecordRef(RecordKind.VISIT, visit_id))
    return redacted_by_default(found.petition_type, found.waiver)


def sender_names(session: Session, visit_ids: Iterable[int], withheld: str) -> dict[int, str]:
    """The senders' names as a list shows them to anyone (names are never partial): a denouncer
    under secrecy reads ``withheld``."""
    rows = q.visits(session, visit_ids)
    waivers = q.active_waivers(session, (v.id for v in rows if v.id is not None))
    out: dict[int, str] = {}
    for visit in rows:
        assert visit.id is not None
        waiver = _waiver(waivers.get((visit.id, person_key(visit.citizen_name,
                                                           visit.id_number))))
        masked = mask_identity(Identity(visit.citizen_name), (), visit.petition_type, waiver)
        out[visit.id] = withheld if masked.secret else masked.name
    return out


# --- revealing, and who viewed ------------------------------------------------------------------

def reveal_identity(session: Session, principal: Principal | None, ref: RecordRef,
                    reason: str, now: datetime) -> Revealed:
    """The identity in clear, for a user with ``REVEAL_IDENTITY`` who gives a reason.

    Written before anything is returned: one ``identity_reveal`` row (who, when, which record,
    which person, why) and one audit row in the same transaction.
    """
    viewer = authorise(session, principal, Permission.REVEAL_IDENTITY)
    text = check_reason(reason)
    found = _load(session, ref)
    require_aware(now)
    q.add_reveal(session, at=now, user_id=viewer.user_id, user_name=viewer.display_name,
                 entity=ref.kind.value, entity_id=ref.record_id, person=ref.person, reason=text)
    secret = is_secret(found.petition_type, found.waiver)
    repo.add_audit(session, at=now, actor=viewer.display_name, action="reveal_identity",
                   entity=ref.kind.value, entity_id=ref.record_id,
                   after={"person": ref.person, "reason": text, "user_id": viewer.user_id,
                          "secret": secret})
    return Revealed(ref, found.identity, secret)


def who_viewed(session: Session, principal: Principal | None,
               ref: RecordRef) -> list[RevealEntry]:
    """Every reveal of a record's identities, newest first (the chairperson's check)."""
    authorise(session, principal, Permission.VIEW_REVEAL_LOG)
    return [RevealEntry(row.at, row.user_name, username, row.person, row.reason)
            for row, username in q.reveals_of(session, ref.kind.value, ref.record_id)]


# --- waivers ----------------------------------------------------------------------------------

def _denunciation_visit(session: Session, visit_id: int) -> Visit:
    visit = q.visit(session, visit_id)
    if visit is None:
        raise UserError("secrecy.record_not_found", kind=RecordKind.VISIT.value)
    if visit.petition_type != DENUNCIATION:
        raise UserError("secrecy.not_a_denunciation")
    return visit


def waiver_of(session: Session, principal: Principal | None, visit_id: int,
              person: int = 0) -> WaiverDTO | None:
    """The waiver in force for a person of a denunciation visit, if any."""
    authorise(session, principal, Permission.VIEW_RECORDS)
    visit = q.visit(session, visit_id)
    if visit is None:
        raise UserError("secrecy.record_not_found", kind=RecordKind.VISIT.value)
    identity = _visit_person(session, visit, person)
    row = q.waiver(session, visit_id, person_key(identity.name, identity.id_number))
    if row is None or row.revoked_at is not None:
        return None
    return WaiverDTO(visit_id, person, row.waived_on, row.note, row.noted_by, row.noted_at)


def record_waiver(session: Session, principal: Principal | None, visit_id: int, person: int,
                  waived_on: date, note: str, now: datetime) -> WaiverDTO:
    """The denouncer agreed to disclosure (Luật TC Art. 9(1)(b)): shown normally from now on."""
    acting = authorise(session, principal, Permission.RECORD_WAIVER)
    require_aware(now)
    visit = _denunciation_visit(session, visit_id)
    check_waiver(waived_on, visit.reception_date, now.astimezone(OFFICE_TZ).date())
    identity = _visit_person(session, visit, person)
    key = person_key(identity.name, identity.id_number)
    row = q.waiver(session, visit_id, key)
    before = None
    if row is None:
        row = SecrecyWaiverRow(visit_id=visit_id, person_key=key, waived_on=waived_on,
                               noted_at=now, noted_by=acting.display_name)
        session.add(row)
    else:
        before = {"waived_on": row.waived_on.isoformat(), "revoked": row.revoked_at is not None}
    row.waived_on, row.note = waived_on, clean_line(note)
    row.noted_at, row.noted_by = now, acting.display_name
    row.revoked_at, row.revoked_by = None, ""
    session.flush()
    repo.add_audit(session, at=now, actor=acting.display_name, action="waive_secrecy",
                   entity="visit", entity_id=visit_id, before=before,
                   after={"person": person, "waived_on": waived_on.isoformat(),
                          "note": row.note})
    return WaiverDTO(visit_id, person, row.waived_on, row.note, row.noted_by, row.noted_at)


def revoke_waiver(session: Session, principal: Principal | None, visit_id: int, person: int,
                  now: datetime) -> None:
    """The denouncer asks for secrecy again: masked everywhere from now on."""
    acting = authorise(session, principal, Permission.RECORD_WAIVER)
    require_aware(now)
    visit = _denunciation_visit(session, visit_id)
    identity = _visit_person(session, visit, person)
    row = q.waiver(session, visit_id, person_key(identity.name, identity.id_number))
    if row is None or row.revoked_at is not None:
        raise UserError("secrecy.no_waiver")
    row.revoked_at, row.revoked_by = now, acting.display_name
    repo.add_audit(session, at=now, actor=acting.display_name, action="revoke_waiver",
                   entity="visit", entity_id=visit_id,
                   before={"person": person, "waived_on": row.waived_on.isoformat()},
                   after={"person": person, "revoked": True})
