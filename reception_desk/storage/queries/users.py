"""Named queries of accounts, identity reveals and denouncers' waivers (services.access)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from datetime import datetime

from sqlalchemy import Row
from sqlalchemy import bindparam
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy import text
from sqlalchemy.orm import Session
from sqlmodel import col

from reception_desk.storage.models import CaseCitizen
from reception_desk.storage.models import CaseFile
from reception_desk.storage.models import Citizen
from reception_desk.storage.models import IdentityReveal
from reception_desk.storage.models import SecrecyWaiverRow
from reception_desk.storage.models import Staff
from reception_desk.storage.models import UserAccount
from reception_desk.storage.models import Visit
from reception_desk.storage.models import VisitParticipant

# --- accounts -------------------------------------------------------------------------------

def user_by_key(session: Session, username_key: str) -> UserAccount | None:
    return session.scalar(
        select(UserAccount).where(col(UserAccount.username_key) == username_key))


def user_by_id(session: Session, user_id: int) -> UserAccount | None:
    return session.get(UserAccount, user_id)


_ACCOUNTS = UserAccount.__table__  # type: ignore[attr-defined]
#: Built once (issue 17): building the select cost more than running it, on every guarded call.
_ACCOUNT_STAMP = select(
    _ACCOUNTS.c.username, _ACCOUNTS.c.display_name, _ACCOUNTS.c.role, _ACCOUNTS.c.staff_id,
    _ACCOUNTS.c.must_change_password, _ACCOUNTS.c.active,
).where(_ACCOUNTS.c.id == bindparam("user_id"))


def account_stamp(session: Session, user_id: int
                  ) -> Row[str, str, str, int | None, bool, bool] | None:
    """What a signed-in principal holds of its account, and whether it is active: one
    primary-key read (no ORM object, a statement built once, run on the unit of work's
    connection), checked at the start of every guarded use case: read anew on every call, so a
    role changed or an account deactivated counts at once."""
    row: Row[str, str, str, int | None, bool, bool] | None = (
        session.connection().execute(_ACCOUNT_STAMP, {"user_id": user_id}).first())
    return row


def user_for_staff(session: Session, staff_id: int) -> UserAccount | None:
    return session.scalar(
        select(UserAccount).where(col(UserAccount.staff_id) == staff_id).limit(1))


def staff(session: Session, include_inactive: bool = False) -> list[Staff]:
    """The staff list, for linking an account to a staff member."""
    stmt = select(Staff).order_by(col(Staff.full_name))
    if not include_inactive:
        stmt = stmt.where(col(Staff.active).is_(True))
    return list(session.scalars(stmt))


def staff_member(session: Session, staff_id: int) -> Staff | None:
    return session.get(Staff, staff_id)


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


def lock_accounts(session: Session) -> None:
    """Serialise account creation: two PCs finishing set-up at once create one administrator.

    SQLite: the unit of work already holds the write lock (BEGIN IMMEDIATE). PostgreSQL: an
    exclusive table lock until the transaction ends (readers are not blocked).
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE user_account IN EXCLUSIVE MODE"))


def connected_as_owner(session: Session) -> bool:
    """Is the database reached as its owner? A SQLite file opened on this computer (whoever
    can open it can read every table), or PostgreSQL as a superuser; not a PostgreSQL role
    that is only allowed to use the application's tables, nor an in-memory database."""
    bind = session.get_bind()
    if bind.dialect.name == "sqlite":
        database = bind.engine.url.database or ""
        return database not in ("", ":memory:") and "mode=memory" not in database
    if bind.dialect.name == "postgresql":
        return bool(session.execute(text(
            "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar())
    return False


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
    return {cid: born for cid, born in session.execute(stmt) if cid is not None}


def participant(session: Session, visit_id: int, position: int) -> VisitParticipant | None:
    return session.scalar(select(VisitParticipant).where(
        col(VisitParticipant.visit_id) == visit_id, col(VisitParticipant.position) == position))


def case_file(session: Session, case_id: int) -> CaseFile | None:
    return session.get(CaseFile, case_id)


def case_citizen(session: Session, case_id: int, citizen_id: int) -> CaseCitizen | None:
    return session.get(CaseCitizen, (case_id, citizen_id))


def waiver(session: Session, visit_id: int, person_key: str) -> SecrecyWaiverRow | None:
    """The waiver row of a person of a visit (revoked or not)."""
    return session.scalar(select(SecrecyWaiverRow).where(
        col(SecrecyWaiverRow.visit_id) == visit_id,
        col(SecrecyWaiverRow.person_key) == person_key))


def active_waivers(session: Session, visit_ids: Iterable[int] | None) -> dict[
        tuple[int, str], SecrecyWaiverRow]:
    """Waivers in force on these visits (None: on every visit), by (visit id, person key)."""
    stmt = select(SecrecyWaiverRow).where(col(SecrecyWaiverRow.revoked_at).is_(None))
    if visit_ids is not None:
        ids = list(visit_ids)
        if not ids:
            return {}
        stmt = stmt.where(col(SecrecyWaiverRow.visit_id).in_(ids))
    return {(row.visit_id, row.person_key): row for row in session.scalars(stmt)}


def active_waivers_of_case(session: Session, case_id: int) -> list[SecrecyWaiverRow]:
    """Waivers in force on the visits linked to a case (a case's denouncer waived there)."""
    stmt = (select(SecrecyWaiverRow)
            .join(Visit, col(Visit.id) == col(SecrecyWaiverRow.visit_id))
            .where(col(Visit.case_id) == case_id, col(SecrecyWaiverRow.revoked_at).is_(None)))
    return list(session.scalars(stmt))


def visits_of_citizens(session: Session, citizen_ids: Iterable[int]) -> list[Visit]:
    """Every visit of these citizens (a search result: is the person known from anything but a
    denunciation under secrecy?)."""
    ids = list(set(citizen_ids))
    if not ids:
        return []
    return list(session.scalars(select(Visit).where(col(Visit.citizen_id).in_(ids))))


def case_types_of_citizens(session: Session, citizen_ids: Iterable[int]
                           ) -> list[tuple[int, str]]:
    """(citizen id, case type) of every case these citizens stand in."""
    ids = list(set(citizen_ids))
    if not ids:
        return []
    stmt = (select(col(CaseCitizen.citizen_id), col(CaseFile.case_type))
            .join(CaseFile, col(CaseFile.id) == col(CaseCitizen.case_id))
            .where(col(CaseCitizen.citizen_id).in_(ids)))
    return [(int(cid), str(kind)) for cid, kind in session.execute(stmt)]
