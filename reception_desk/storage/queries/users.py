"""Named queries of accounts, identity reveals and denouncers' waivers (services.access)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlmodel import col

from reception_desk.storage.models import (
    CaseCitizen,
    Citizen,
    IdentityReveal,
    SecrecyWaiverRow,
    Setting,
    UserAccount,
    Visit,
    VisitParticipant,
)

#: A setting row claimed by the transaction that creates the first administrator: two PCs
#: finishing set-up at once collide on its primary key instead of both creating one.
BOOTSTRAP_KEY = "access.bootstrap"


# --- accounts -------------------------------------------------------------------------------

def user_by_key(session: Session, username_key: str) -> UserAccount | None:
    return session.scalar(
        select(UserAccount).where(col(UserAccount.username_key) == username_key))


def user_by_id(session: Session, user_id: int) -> UserAccount | None:
    return session.get(UserAccount, user_id)


def user_for_staff(session: Session, staff_id: int) -> UserAccount | None:
    return session.scalar(
        select(UserAccount).where(col(UserAccount.staff_id) == staff_id).limit(1))


def count_users(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(UserAccount)) or 0)


def list_users(session: Session, include_inactive: bool = True) -> list[UserAccount]:
    stmt = select(UserAccount).order_by(col(UserAccount.active).desc(),
                                        col(UserAccount.display_name),
                                        col(UserAccount.username_key))
    if not include_inactive:
        stmt = stmt.where(col(UserAccount.active).is_(True))
    return list(session.scalars(stmt))


def count_active_with_role(session: Session, role: str, excluding: int | None = None) -> int:
    stmt = (select(func.count()).select_from(UserAccount)
            .where(col(UserAccount.role) == role, col(UserAccount.active).is_(True)))
    if excluding is not None:
        stmt = stmt.where(col(UserAccount.id) != excluding)
    return int(session.scalar(stmt) or 0)


def claim_bootstrap(session: Session, at: datetime, actor: str) -> bool:
    """Claim the right to create the first account in this transaction; False if taken."""
    if session.get(Setting, BOOTSTRAP_KEY) is not None:
        return False
    try:
        with session.begin_nested():
            session.add(Setting(key=BOOTSTRAP_KEY, value={"at": at.isoformat()},
                                updated_at=at, updated_by=actor))
    except IntegrityError:
        return False
    return True


# --- reveals ----------------------------------------------------------------------------------

def add_reveal(session: Session, *, at: datetime, user_id: int, user_name: str, entity: str,
               entity_id: object, person: int, reason: str) -> IdentityReveal:
    row = IdentityReveal(at=at, user_id=user_id, user_name=user_name, entity=entity,
                         entity_id=str(entity_id), person=person, reason=reason)
    session.add(row)
    session.flush()
    return row


def reveals_of(session: Session, entity: str, entity_id: object) -> list[
        tuple[IdentityReveal, str]]:
    """Reveals of one record, newest first, with the account's user name."""
    stmt = (select(IdentityReveal, col(UserAccount.username))
            .join(UserAccount, col(UserAccount.id) == col(IdentityReveal.user_id))
            .where(col(IdentityReveal.entity) == entity,
                   col(IdentityReveal.entity_id) == str(entity_id))
            .order_by(col(IdentityReveal.at).desc(), col(IdentityReveal.id).desc()))
    return [(row, username) for row, username in session.execute(stmt)]


# --- records and waivers ------------------------------------------------------------------------

def visit(session: Session, visit_id: int) -> Visit | None:
    return session.get(Visit, visit_id)


def visits(session: Session, visit_ids: Iterable[int]) -> list[Visit]:
    ids = list(visit_ids)
    if not ids:
        return []
    return list(session.scalars(select(Visit).where(col(Visit.id).in_(ids))))


def citizen(session: Session, citizen_id: int) -> Citizen | None:
    return session.get(Citizen, citizen_id)


def birth_dates(session: Session, citizen_ids: Iterable[int]) -> dict[int, date | None]:
    ids = list(set(citizen_ids))
    if not ids:
        return {}
    stmt = select(col(Citizen.id), col(Citizen.birth_date)).where(col(Citizen.id).in_(ids))
    return {int(cid): born for cid, born in session.execute(stmt)}


def participant(session: Session, visit_id: int, position: int) -> VisitParticipant | None:
    return session.scalar(select(VisitParticipant).where(
        col(VisitParticipant.visit_id) == visit_id, col(VisitParticipant.position) == position))


def case_citizen(session: Session, case_id: int, citizen_id: int) -> CaseCitizen | None:
    return session.get(CaseCitizen, (case_id, citizen_id))


def waiver(session: Session, visit_id: int, person_key: str) -> SecrecyWaiverRow | None:
    """The waiver row of a person of a visit (revoked or not)."""
    return session.scalar(select(SecrecyWaiverRow).where(
        col(SecrecyWaiverRow.visit_id) == visit_id,
        col(SecrecyWaiverRow.person_key) == person_key))


def active_waivers(session: Session, visit_ids: Iterable[int]) -> dict[
        tuple[int, str], SecrecyWaiverRow]:
    """Waivers in force on these visits, by (visit id, person key)."""
    ids = list(visit_ids)
    if not ids:
        return {}
    stmt = select(SecrecyWaiverRow).where(col(SecrecyWaiverRow.visit_id).in_(ids),
                                          col(SecrecyWaiverRow.revoked_at).is_(None))
    return {(row.visit_id, row.person_key): row for row in session.scalars(stmt)}


def active_waivers_of_case(session: Session, case_id: int) -> list[SecrecyWaiverRow]:
    """Waivers in force on the visits linked to a case (a case's denouncer waived there)."""
    stmt = (select(SecrecyWaiverRow)
            .join(Visit, col(Visit.id) == col(SecrecyWaiverRow.visit_id))
            .where(col(Visit.case_id) == case_id, col(SecrecyWaiverRow.revoked_at).is_(None)))
    return list(session.scalars(stmt))
