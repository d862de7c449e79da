"""Accounts: the first administrator, users, passwords, sign-in with lockout, the policy.

Every use case takes the session, the acting ``Principal`` (re-read from the database, so a
role changed or an account deactivated meanwhile counts at once), the moment and, where a
password is hashed or checked, the ``PasswordHasher``. Audit rows never hold a password or a
hash.
"""

from __future__ import annotations

from dataclasses import asdict
from dataclasses import dataclass
from datetime import datetime
from datetime import timedelta
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy.orm import Session

from reception_desk.domain.access import AccessDenied
from reception_desk.domain.access import Permission
from reception_desk.domain.access import Principal
from reception_desk.domain.access import Role
from reception_desk.domain.access import check_password
from reception_desk.domain.access import check_username
from reception_desk.domain.access import require
from reception_desk.domain.access import username_key
from reception_desk.domain.text import clean_line
from reception_desk.errors import UserError
from reception_desk.errors import ValidationFailed
from reception_desk.services.access.dto import POLICY_LIMITS
from reception_desk.services.access.dto import AccessPolicy
from reception_desk.services.access.dto import NewUser
from reception_desk.services.access.dto import StaffChoice
from reception_desk.services.access.dto import UserDTO
from reception_desk.services.access.dto import UserEdit
from reception_desk.services.access.passwords import hash_password
from reception_desk.services.access.passwords import spend_verify_time
from reception_desk.services.access.passwords import verify_password
from reception_desk.services.context import require_aware
from reception_desk.services.found import found
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import UserAccount
from reception_desk.storage.queries import users as q

POLICY_KEY = "access"
ADMIN = Role.ADMINISTRATOR
SYSTEM = "system"


# --- reading ------------------------------------------------------------------------------------

def _principal(row: UserAccount) -> Principal:
    assert row.id is not None
    return Principal(row.id, row.username, row.display_name, Role(row.role), row.staff_id,
                     row.must_change_password)


#: ``Session.info`` key: the acting account as read in this unit of work (read once per
#: transaction; an account change in it forgets it).
_VERIFIED = "rd_verified_account"


def current(session: Session, principal: Principal | None) -> Principal:
    """The acting user as the database knows them now (role, active); refuses a stale one.

    One primary-key read of the account's columns a principal holds, once per unit of work."""
    if principal is None:
        raise AccessDenied("access.not_signed_in")
    verified = session.info.get(_VERIFIED)
    if isinstance(verified, Principal) and verified.user_id == principal.user_id:
        return verified
    row = q.account_stamp(session, principal.user_id)
    if row is None or not row.active:
        raise AccessDenied("access.session_ended")
    fresh = Principal(principal.user_id, row.username, row.display_name, Role(row.role),
                      row.staff_id, row.must_change_password)
    session.info[_VERIFIED] = fresh
    return fresh


def forget_verified(session: Session) -> None:
    """An account changed in this unit of work: the next check reads it again."""
    session.info.pop(_VERIFIED, None)


def authorise(session: Session, principal: Principal | None, permission: Permission) -> Principal:
    """``require`` on the account as it stands in the database (nobody signed in, or the
    anonymous principal of a command line: refused unless it holds the right)."""
    if principal is None or principal.anonymous:
        return require(principal, permission)
    return require(current(session, principal), permission)


def _dto(session: Session, row: UserAccount) -> UserDTO:
    assert row.id is not None
    staff = q.staff_member(session, row.staff_id) if row.staff_id is not None else None
    return UserDTO(row.id, row.username, row.display_name, Role(row.role), row.staff_id,
                   staff.full_name if staff else "", row.active, row.must_change_password,
                   row.locked_until, row.last_sign_in_at)


def has_users(session: Session) -> bool:
    return q.count_users(session) > 0


def list_users(session: Session, principal: Principal | None) -> list[UserDTO]:
    authorise(session, principal, Permission.MANAGE_USERS)
    return [_dto(session, row) for row in q.list_users(session)]


def sign_in_names(session: Session) -> list[str]:
    """Active user names, for the sign-in screen's completer at a shared counter."""
    return [row.username for row in q.list_users(session, include_inactive=False)]


def staff_choices(session: Session) -> list[StaffChoice]:
    out = []
    for row in q.staff(session):
        assert row.id is not None
        out.append(StaffChoice(row.id, row.full_name, row.position, row.role))
    return out


def _audit_dict(row: UserAccount) -> dict[str, Any]:
    return {"username": row.username, "display_name": row.display_name, "role": row.role,
            "staff_id": row.staff_id, "active": row.active,
            "must_change_password": row.must_change_password}


def _audit(session: Session, actor: str, action: str, row: UserAccount, now: datetime,
           before: dict[str, Any] | None) -> None:
    forget_verified(session)
    repo.add_audit(session, at=now, actor=actor, action=action, entity="user_account",
                   entity_id=row.id, before=before, after=_audit_dict(row))


# --- validation ------------------------------------------------------------------------------

def _display_name(value: str) -> str:
    name = clean_line(value)
    if not name:
        raise UserError("users.display_name_required", field="display_name")
    if len(name) > 200:
        raise UserError("text.too_long", field="display_name", max=200, actual=len(name))
    return name


def _check_staff(session: Session, staff_id: int | None, user_id: int | None) -> None:
    if staff_id is None:
        return
    if q.staff_member(session, staff_id) is None:
        raise UserError("users.staff_unknown", field="staff_id")
    other = q.user_for_staff(session, staff_id)
    if other is not None and other.id != user_id:
        raise UserError("users.staff_taken", field="staff_id", username=other.username)


def _validated_new(session: Session, cmd: NewUser) -> tuple[str, str, str]:
    """User name, display name and password of a new account, all problems at once."""
    problems: list[UserError] = []
    username = display = password = ""
    try:
        username = check_username(cmd.username)
        if q.user_by_key(session, username_key(username)) is not None:
            raise UserError("users.username_taken", field="username", username=username)
    except UserError as error:
        problems.append(error)
    try:
        display = _display_name(cmd.display_name)
    except UserError as error:
        problems.append(error)
    try:
        password = check_password(cmd.password, cmd.username)
    except UserError as error:
        problems.append(error)
    try:
        _check_staff(session, cmd.staff_id, None)
    except UserError as error:
        problems.append(error)
    if problems:
        raise ValidationFailed(problems) if len(problems) > 1 else problems[0]
    return username, display, password


def _insert(session: Session, cmd: NewUser, actor: str, now: datetime,
            hasher: PasswordHasher, must_change: bool) -> UserAccount:
    username, display, password = _validated_new(session, cmd)
    row = UserAccount(
        username=username, username_key=username_key(username), display_name=display,
        staff_id=cmd.staff_id, role=cmd.role.value,
        password_hash=hash_password(hasher, password), must_change_password=must_change,
        password_changed_at=now, created_at=now, created_by=actor, updated_at=now,
    )
    session.add(row)
    session.flush()
    _audit(session, actor, "create", row, now, None)
    return row


# --- use cases ----------------------------------------------------------------------------------

def create_first_administrator(session: Session, cmd: NewUser, now: datetime,
                               hasher: PasswordHasher) -> UserDTO:
    """First run: the office's first account, an administrator with the password typed now.

    Only while no account exists; two PCs finishing set-up at once cannot both create one.
    """
    require_aware(now)
    q.lock_accounts(session)
    if has_users(session):
        raise UserError("users.already_set_up")
    first = NewUser(cmd.username, cmd.display_name, ADMIN, cmd.password, cmd.staff_id,
                    must_change_password=False)
    row = _insert(session, first, SYSTEM, now, hasher, must_change=False)
    return _dto(session, row)


def create_user(session: Session, principal: Principal | None, cmd: NewUser, now: datetime,
                hasher: PasswordHasher) -> UserDTO:
    acting = authorise(session, principal, Permission.MANAGE_USERS)
    row = _insert(session, cmd, acting.display_name, require_aware(now), hasher,
                  must_change=cmd.must_change_password)
    return _dto(session, row)


def _row(session: Session, user_id: int) -> UserAccount:
    return found(q.user_by_id(session, user_id), "users.not_found", user_id=user_id)


def _keeps_an_administrator(session: Session, row: UserAccount, role: Role,
                            active: bool) -> None:
    """The last active administrator may be neither demoted nor deactivated."""
    was_admin = row.role == ADMIN.value and row.active
    stays_admin = role is ADMIN and active
    if was_admin and not stays_admin and \
            q.count_active_with_role(session, ADMIN.value, excluding=row.id) == 0:
        raise UserError("users.last_administrator", field="role" if active else "active")


def update_user(session: Session, principal: Principal | None, cmd: UserEdit,
                now: datetime) -> UserDTO:
    """Change an account's display name, role, staff link or active flag."""
    acting = authorise(session, principal, Permission.MANAGE_USERS)
    row = _row(session, cmd.user_id)
    display = _display_name(cmd.display_name)
    _check_staff(session, cmd.staff_id, row.id)
    if not cmd.active and row.id == acting.user_id:
        raise UserError("users.cannot_deactivate_self", field="active")
    _keeps_an_administrator(session, row, cmd.role, cmd.active)
    before = _audit_dict(row)
    row.display_name, row.role, row.staff_id, row.active = (
        display, cmd.role.value, cmd.staff_id, cmd.active)
    row.updated_at = require_aware(now)
    session.flush()
    if _audit_dict(row) != before:
        _audit(session, acting.display_name, "update", row, now, before)
    return _dto(session, row)


def reset_password(session: Session, principal: Principal | None, user_id: int,
                   new_password: str, now: datetime, hasher: PasswordHasher) -> UserDTO:
    """A forgotten password: the administrator sets a new one, changed at the next sign-in.

    Also lifts a lockout.
    """
    acting = authorise(session, principal, Permission.MANAGE_USERS)
    row = _row(session, user_id)
    password = check_password(new_password, row.username, field="new_password")
    before = _audit_dict(row)
    row.password_hash = hash_password(hasher, password)
    row.must_change_password = row.id != acting.user_id
    row.failed_attempts, row.locked_until = 0, None
    row.password_changed_at = row.updated_at = require_aware(now)
    session.flush()
    _audit(session, acting.display_name, "reset_password", row, now, before)
    return _dto(session, row)


def change_own_password(session: Session, principal: Principal | None, old_password: str,
                        new_password: str, now: datetime, hasher: PasswordHasher) -> Principal:
    """The signed-in user changes their password (the old one is asked again)."""
    acting = current(session, principal)
    row = _row(session, acting.user_id)
    if not verify_password(hasher, row.password_hash, old_password):
        raise UserError("users.wrong_password", field="old_password")
    password = check_password(new_password, row.username, field="new_password")
    if verify_password(hasher, row.password_hash, password):
        raise UserError("users.password_unchanged", field="new_password")
    before = _audit_dict(row)
    row.password_hash = hash_password(hasher, password)
    row.must_change_password = False
    row.password_changed_at = row.updated_at = require_aware(now)
    session.flush()
    _audit(session, acting.display_name, "change_password", row, now, before)
    return _principal(row)


# --- sign-in ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class SignInOutcome:
    """What a sign-in attempt did: a principal, or the refusal to raise once it is committed.

    A failed attempt still writes (the failure count, a lockout), so it cannot raise inside
    the unit of work: the facade raises after the commit.
    """

    principal: Principal | None
    error: UserError | None


def authenticate(session: Session, username: str, password: str, now: datetime,
                 hasher: PasswordHasher, policy: AccessPolicy) -> SignInOutcome:
    """Check a user name and password, counting failures towards a lockout.

    An unknown user name costs the same time as a wrong password and gets the same answer
    (``auth.failed``). A locked account is refused without checking the password
    (``auth.locked`` with ``until``); ``max_failed_attempts`` wrong passwords in a row lock it for
    ``lockout_minutes``. A right password on a deactivated account: ``auth.inactive``.
    """
    require_aware(now)
    if not clean_line(username):
        return SignInOutcome(None, UserError("auth.username_required", field="username"))
    if not password:
        return SignInOutcome(None, UserError("auth.password_required", field="password"))
    row = q.user_by_key(session, username_key(username))
    if row is None:
        spend_verify_time(hasher, password)
        return SignInOutcome(None, UserError("auth.failed", field="password"))
    if row.locked_until is not None and row.locked_until > now:
        return SignInOutcome(None, UserError("auth.locked", until=row.locked_until))
    if not verify_password(hasher, row.password_hash, password):
        row.failed_attempts += 1
        if row.failed_attempts >= policy.max_failed_attempts:
            row.failed_attempts = 0
            row.locked_until = now + timedelta(minutes=policy.lockout_minutes)
            repo.add_audit(session, at=now, actor=row.username, action="lockout",
                           entity="user_account", entity_id=row.id,
                           after={"locked_until": row.locked_until.isoformat()})
            return SignInOutcome(None, UserError("auth.locked", until=row.locked_until))
        return SignInOutcome(None, UserError("auth.failed", field="password"))
    if not row.active:
        return SignInOutcome(None, UserError("auth.inactive"))
    row.failed_attempts, row.locked_until, row.last_sign_in_at = 0, None, now
    if hasher.check_needs_rehash(row.password_hash):
        row.password_hash = hash_password(hasher, password)
    repo.add_audit(session, at=now, actor=row.display_name, action="sign_in",
                   entity="user_account", entity_id=row.id)
    return SignInOutcome(_principal(row), None)


# --- the policy ---------------------------------------------------------------------------------

def get_policy(session: Session) -> AccessPolicy:
    value = repo.get_setting(session, POLICY_KEY)
    if not isinstance(value, dict):
        return AccessPolicy()
    known = {k: int(v) for k, v in value.items() if k in POLICY_LIMITS and isinstance(v, int)}
    return AccessPolicy(**known)


def policy_version(session: Session) -> int:
    return repo.setting_version(session, POLICY_KEY)


def save_policy(session: Session, principal: Principal | None, policy: AccessPolicy,
                now: datetime, expected_version: int | None = None) -> AccessPolicy:
    """``expected_version``: the setting's version the screen read (``policy_version``); another
    counter's save since is refused with ``setting.changed_elsewhere``."""
    acting = authorise(session, principal, Permission.MANAGE_USERS)
    problems = [UserError("access.policy_invalid", field=key, min=low, max=high)
                for key, (low, high) in POLICY_LIMITS.items()
                if not low <= getattr(policy, key) <= high]
    if problems:
        raise ValidationFailed(problems) if len(problems) > 1 else problems[0]
    before = repo.put_setting(session, POLICY_KEY, asdict(policy), at=require_aware(now),
                              actor=acting.display_name, expected_version=expected_version)
    repo.add_audit(session, at=now, actor=acting.display_name,
                   action="update" if before else "create", entity="setting",
                   entity_id=POLICY_KEY, before=before, after=asdict(policy))
    return policy
