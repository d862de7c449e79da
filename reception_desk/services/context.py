"""What every use case receives besides its command: the acting user and the moment.

``DeskContext`` is what a feature facade (``desk.cases``, ``desk.citizens``, ``desk.access`` …)
needs from the ``Desk`` that holds it: the open database, the clock and the acting user (which
``desk.access`` changes at each sign-in through ``act_for``). The facades depend on
this protocol, never on ``Desk`` itself, so ``Desk`` can build them without an import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from typing import Protocol

from reception_desk.domain.access import Principal
from reception_desk.storage.database import Database


@dataclass(frozen=True)
class Actor:
    """Who is acting: the staff member chosen at the counter (or a command-line user)."""

    name: str
    staff_id: int | None = None
    #: The signed-in account (services.access); None: the system, the demo generator, tests.
    principal: Principal | None = None


def actor_for(principal: Principal | None) -> Actor:
    """The ``Actor`` every use case receives for a signed-in user (None: the system)."""
    if principal is None:
        return Actor("system")
    return Actor(principal.display_name, principal.staff_id, principal)


@dataclass
class Changes:
    """What a use case changed, so screens refresh only that."""

    visits: set[int] = field(default_factory=set)
    citizens: set[int] = field(default_factory=set)
    cases: set[int] = field(default_factory=set)
    settings: set[str] = field(default_factory=set)
    staff: bool = False
    #: Reception sessions (kỳ tiếp) written (services.sessions, issue 14).
    sessions: set[int] = field(default_factory=set)

    def merge(self, other: Changes) -> Changes:
        self.visits |= other.visits
        self.citizens |= other.citizens
        self.cases |= other.cases
        self.settings |= other.settings
        self.staff = self.staff or other.staff
        self.sessions |= other.sessions
        return self


def require_aware(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("moments must be timezone-aware")
    return now


class DeskContext(Protocol):
    """The open database, the clock and the acting user, as ``Desk`` holds them."""

    @property
    def db(self) -> Database: ...

    @property
    def actor(self) -> Actor: ...

    def now(self) -> datetime: ...

    def act_for(self, principal: Principal | None) -> None:
        """From now on ``principal`` acts (``services.access`` after a sign-in; None: the
        system)."""
