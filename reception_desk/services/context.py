"""What every use case receives besides its command: the acting user and the moment."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from reception_desk.domain.access import Principal


@dataclass(frozen=True)
class Actor:
    """Who is acting: the staff member chosen at the counter (or a command-line user)."""

    name: str
    staff_id: int | None = None
    #: The signed-in account (services.access); None: the system, the demo generator, tests.
    principal: Principal | None = None


@dataclass
class Changes:
    """What a use case changed, so screens refresh only that."""

    visits: set[int] = field(default_factory=set)
    citizens: set[int] = field(default_factory=set)
    cases: set[int] = field(default_factory=set)
    settings: set[str] = field(default_factory=set)
    staff: bool = False

    def merge(self, other: Changes) -> Changes:
        self.visits |= other.visits
        self.citizens |= other.citizens
        self.cases |= other.cases
        self.settings |= other.settings
        self.staff = self.staff or other.staff
        return self


def require_aware(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("moments must be timezone-aware")
    return now
