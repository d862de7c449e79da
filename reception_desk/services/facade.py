"""What every feature facade (``desk.cases``, ``desk.citizens`` …) starts from.

A feature facade holds the ``DeskContext`` it acts on (the ``Desk`` that built it: database,
clock, acting user) and names it as its ``rights_context``, the desk whose acting user
``@needs`` checks (``services.access.rights``). ``DatedFacade`` adds the office's calendar day by
that desk's clock, for the facades whose reads depend on the day. ``_read`` runs a reading
use case in one read-only unit of work, the shape of most facade reads.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Concatenate
from typing import ParamSpec
from typing import TypeVar

from sqlalchemy.orm import Session

from reception_desk.domain.dates import office_day
from reception_desk.services.context import DeskContext

P = ParamSpec("P")
R = TypeVar("R")


class Facade:
    """A feature's use cases bound to one desk (its database, clock and acting user)."""

    def __init__(self, desk: DeskContext) -> None:
        self._desk = desk

    @property
    def rights_context(self) -> DeskContext:
        """The desk whose acting user ``@needs`` checks."""
        return self._desk

    def _read(
        self, use_case: Callable[Concatenate[Session, P], R], *args: P.args, **kwargs: P.kwargs
    ) -> R:
        """Run a reading use case in one read-only unit of work of this desk."""
        with self._desk.db.read() as s:
            return use_case(s, *args, **kwargs)


class DatedFacade(Facade):
    """A facade whose reads depend on the office's calendar day."""

    def today(self) -> date:
        """The office's calendar day by the desk's clock."""
        return office_day(self._desk.now())
