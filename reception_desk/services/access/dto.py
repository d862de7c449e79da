"""Plain data of the access services: accounts, the sign-in policy, records and reveals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from datetime import datetime
from enum import StrEnum

from reception_desk.domain.access import Role
from reception_desk.domain.secrecy import Identity
from reception_desk.domain.secrecy import MaskedIdentity


@dataclass(frozen=True)
class UserDTO:
    id: int
    username: str
    display_name: str
    role: Role
    staff_id: int | None
    staff_name: str
    active: bool
    must_change_password: bool
    locked_until: datetime | None
    last_sign_in_at: datetime | None


@dataclass(frozen=True)
class NewUser:
    """An account to create; the administrator gives the first password."""

    username: str
    display_name: str
    role: Role
    password: str
    staff_id: int | None = None
    #: The person chooses their own password at the first sign-in.
    must_change_password: bool = True


@dataclass(frozen=True)
class UserEdit:
    """What an administrator may change of an account (not its user name, not its password)."""

    user_id: int
    display_name: str
    role: Role
    staff_id: int | None
    active: bool


@dataclass(frozen=True)
class StaffChoice:
    id: int
    full_name: str
    position: str
    role: str  # services.office.dto.StaffRole code


@dataclass(frozen=True)
class AccessPolicy:
    """Office setting ``access``: when the screen locks and when an account locks."""

    idle_lock_minutes: int = 10
    max_failed_attempts: int = 5
    lockout_minutes: int = 15


#: Allowed ranges of the policy's values (inclusive).
POLICY_LIMITS: dict[str, tuple[int, int]] = {
    "idle_lock_minutes": (1, 240),
    "max_failed_attempts": (3, 20),
    "lockout_minutes": (1, 1440),
}


class RecordKind(StrEnum):
    VISIT = "visit"  # person 0: the sender; n: crowd member at position n - 1
    CITIZEN = "citizen"  # the registry record (person unused)
    CASE = "case"  # person: the citizen id of a complainant/denouncer of the case


@dataclass(frozen=True)
class RecordRef:
    """Whose identity, on which record."""

    kind: RecordKind
    record_id: int
    person: int = 0


@dataclass(frozen=True)
class ProtectedIdentity:
    """An identity as the viewer may see it, with what decided it."""

    ref: RecordRef
    masked: MaskedIdentity
    petition_type: str | None
    waived_on: date | None


@dataclass(frozen=True)
class Revealed:
    """The identity in clear, handed back by a logged reveal."""

    ref: RecordRef
    identity: Identity
    was_secret: bool  # a denouncer under secrecy (not only personal data)


@dataclass(frozen=True)
class RevealEntry:
    """One line of "who viewed this identity"."""

    at: datetime
    user_name: str
    username: str
    person: int
    reason: str


@dataclass(frozen=True)
class WaiverDTO:
    visit_id: int
    person: int
    waived_on: date
    note: str
    noted_by: str
    noted_at: datetime
