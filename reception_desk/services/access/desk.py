"""``AccessDesk``: sign-in, the signed-in user, accounts and identities, one unit of work a call.

It holds the signed-in ``Principal`` and makes it the context's actor (``Desk.act_for``), so
every audit row names the person who signed in. The ``Desk`` holds it as ``desk.access``; it
depends on the ``DeskContext`` protocol, not on ``services.desk``: no import cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from datetime import date
from datetime import datetime

from argon2 import PasswordHasher

from reception_desk.domain.access import AccessDenied
from reception_desk.domain.access import Permission
from reception_desk.domain.access import Principal
from reception_desk.domain.access import permits
from reception_desk.domain.access import require
from reception_desk.domain.secrecy import Identity
from reception_desk.domain.secrecy import MaskedIdentity
from reception_desk.domain.secrecy import SecrecyWaiver
from reception_desk.services.access import recovery
from reception_desk.services.access import rights
from reception_desk.services.access import secrecy
from reception_desk.services.access import users
from reception_desk.services.access.dto import AccessPolicy
from reception_desk.services.access.dto import NewUser
from reception_desk.services.access.dto import ProtectedIdentity
from reception_desk.services.access.dto import RecordRef
from reception_desk.services.access.dto import Revealed
from reception_desk.services.access.dto import RevealEntry
from reception_desk.services.access.dto import StaffChoice
from reception_desk.services.access.dto import UserDTO
from reception_desk.services.access.dto import UserEdit
from reception_desk.services.access.dto import WaiverDTO
from reception_desk.services.access.passwords import default_hasher
from reception_desk.services.access.recovery import Recovered
from reception_desk.services.context import DeskContext
from reception_desk.storage.database import Database


class AccessDesk:
    """Accounts, sign-in and secrecy for one open database (``desk.access``)."""

    def __init__(self, context: DeskContext, hasher: PasswordHasher | None = None) -> None:
        self._context = context
        self._hasher = hasher or default_hasher()
        self._listeners: list[Callable[[Principal | None], None]] = []

    @property
    def db(self) -> Database:
        return self._context.db

    def now(self) -> datetime:
        return self._context.now()

    # --- the signed-in user -------------------------------------------------------------------
    @property
    def principal(self) -> Principal | None:
        """The signed-in user: the one the desk acts for (one source of truth)."""
        return self._context.actor.principal

    def require(self, permission: Permission) -> Principal:
        """Refuse now (``access.denied``) what the signed-in user may not do."""
        return require(self.principal, permission)

    def can(self, permission: Permission) -> bool:
        """Would the services let the acting user do it now? (The doors grey out the rest.)

        Nobody signed in is the trusted system: everything but a person's own acts
        (``domain.access.PERSON_ONLY``), as ``services.access.rights.check`` decides."""
        return permits(self.principal, permission)

    def refusal(self, permission: Permission) -> AccessDenied | None:
        """The refusal the services would give the acting user (None: allowed), for a door to
        say which right is missing beside what it greys out."""
        return rights.refusal(self.principal, permission)

    def on_principal_changed(self, listener: Callable[[Principal | None], None]) -> None:
        """Called after every sign-in, switch of user, password change and sign-out."""
        self._listeners.append(listener)

    def off_principal_changed(self, listener: Callable[[Principal | None], None]) -> None:
        """Stop calling ``listener`` (a closed window's)."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _set_principal(self, principal: Principal | None) -> None:
        self._context.act_for(principal)
        for listener in list(self._listeners):
            listener(principal)

    def has_users(self) -> bool:
        with self.db.read() as s:
            return users.has_users(s)

    def sign_in_names(self) -> list[str]:
        with self.db.read() as s:
            return users.sign_in_names(s)

    def authenticate(self, username: str, password: str) -> Principal:
        """Check the password (failures count towards the lockout); raises ``UserError``."""
        with self.db.session() as s:
            outcome = users.authenticate(s, username, password, self.now(), self._hasher,
                                         users.get_policy(s))
        if outcome.error is not None:
            raise outcome.error
        assert outcome.principal is not None
        return outcome.principal

    def sign_in(self, username: str, password: str) -> Principal:
        """Authenticate and make that user the one who acts (also: switch user)."""
        principal = self.authenticate(username, password)
        self._set_principal(principal)
        return principal

    def unlock(self, password: str) -> Principal:
        """The locked screen's password: the same user goes on (lockout rules apply)."""
        current = self.principal
        if current is None:
            raise AccessDenied("access.not_signed_in")
        principal = self.authenticate(current.username, password)
        self._set_principal(principal)
        return principal

    def sign_out(self) -> None:
        self._set_principal(None)

    # --- accounts -----------------------------------------------------------------------------
    def create_first_administrator(self, cmd: NewUser) -> UserDTO:
        with self.db.session() as s:
            return users.create_first_administrator(s, cmd, self.now(), self._hasher)

    def users(self) -> list[UserDTO]:
        with self.db.read() as s:
            return users.list_users(s, self.principal)

    def staff_choices(self) -> list[StaffChoice]:
        with self.db.read() as s:
            return users.staff_choices(s)

    def create_user(self, cmd: NewUser) -> UserDTO:
        with self.db.session() as s:
            return users.create_user(s, self.principal, cmd, self.now(), self._hasher)

    def update_user(self, cmd: UserEdit) -> UserDTO:
        with self.db.session() as s:
            saved = users.update_user(s, self.principal, cmd, self.now())
        if self.principal is not None and saved.id == self.principal.user_id:
            with self.db.read() as s:
                self._set_principal(users.current(s, self.principal))
        return saved

    def reset_password(self, user_id: int, new_password: str) -> UserDTO:
        with self.db.session() as s:
            return users.reset_password(s, self.principal, user_id, new_password, self.now(),
                                        self._hasher)

    def change_own_password(self, old_password: str, new_password: str) -> Principal:
        with self.db.session() as s:
            principal = users.change_own_password(s, self.principal, old_password,
                                                  new_password, self.now(), self._hasher)
        self._set_principal(principal)
        return principal

    def recover_administrator(self, username: str, typed_office: str, operator: str,
                              computer: str) -> Recovered:
        """The last administrator locked out: a one-time password for ``username``, by whoever
        holds the database itself (``services.access.recovery``; no sign-in, the checks are
        inside: the database reached as its owner, the office's name typed, no other active
        administrator)."""
        with self.db.session() as s:
            return recovery.recover_administrator(s, username, typed_office, operator=operator,
                                                  computer=computer, now=self.now(),
                                                  hasher=self._hasher)

    def office_names(self) -> list[str]:
        """The names the office may be typed as to confirm a recovery (empty: not set up)."""
        with self.db.read() as s:
            return recovery.office_names(s)

    def policy(self) -> AccessPolicy:
        with self.db.read() as s:
            return users.get_policy(s)

    def policy_version(self) -> int:
        """The sign-in policy setting's version (0: never saved): read it BEFORE ``policy`` and
        give it back to ``save_policy``, so a change saved in between is refused, not lost."""
        with self.db.read() as s:
            return users.policy_version(s)

    def save_policy(self, policy: AccessPolicy, expected_version: int | None = None
                    ) -> AccessPolicy:
        with self.db.session() as s:
            return users.save_policy(s, self.principal, policy, self.now(), expected_version)

    # --- identities ---------------------------------------------------------------------------
    def mask_for(self, identity: Identity, petition_type: str | None,
                 waiver: SecrecyWaiver | None) -> MaskedIdentity:
        """An identity a door already holds, as the signed-in user may see it."""
        return secrecy.mask_for(self.principal, identity, petition_type, waiver)

    def identity(self, ref: RecordRef) -> ProtectedIdentity:
        with self.db.read() as s:
            return secrecy.identity_for(s, self.principal, ref)

    def visit_identities(self, visit_ids: Iterable[int]) -> dict[int, MaskedIdentity]:
        with self.db.read() as s:
            return secrecy.visit_identities(s, self.principal, visit_ids)

    def reveal(self, ref: RecordRef, reason: str) -> Revealed:
        with self.db.session() as s:
            return secrecy.reveal_identity(s, self.principal, ref, reason, self.now())

    def who_viewed(self, ref: RecordRef) -> list[RevealEntry]:
        with self.db.read() as s:
            return secrecy.who_viewed(s, self.principal, ref)

    def waiver(self, visit_id: int, person: int = 0) -> WaiverDTO | None:
        with self.db.read() as s:
            return secrecy.waiver_of(s, self.principal, visit_id, person)

    def record_waiver(self, visit_id: int, waived_on: date, note: str = "",
                      person: int = 0) -> WaiverDTO:
        with self.db.session() as s:
            return secrecy.record_waiver(s, self.principal, visit_id, person, waived_on, note,
                                         self.now())

    def revoke_waiver(self, visit_id: int, person: int = 0) -> None:
        with self.db.session() as s:
            secrecy.revoke_waiver(s, self.principal, visit_id, person, self.now())
