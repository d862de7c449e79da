"""The one check every use case of a facade makes before it acts or reads records.

``@needs(Permission.X)`` on a facade method (``desk.log_visit``, ``desk.cases.open_case`` …)
refuses the acting user who lacks the right, before any work: ``access.denied`` (naming the
right, the user's role and the roles that have it) for a signed-in account, checked against the
database so a role changed or an account deactivated meanwhile counts at once;
``access.not_signed_in`` (naming the right and the roles) for the anonymous principal of a
command line run without ``--user``. No principal is the trusted in-process system (the demo
generator, migrations, tests that do not sign in): allowed everything but the person-only acts
(``domain.access.PERSON_ONLY``).

The signed-in account is not re-read in a session of its own on every call: the principal
cached at sign-in is the account's version, and the use case's own first unit of work
(``storage.database.guarded``) compares it with the account row in its own transaction before
anything else (one primary-key read, ``users.verify``); a changed or deactivated account is
then re-read and judged as before, in that same transaction, so nothing is written. A use case
that opens no unit of work is checked in one of its own after it ran, before its result is
returned. A principal whose cached role lacks the right is judged on a fresh read at once.

``permission_of(method)`` tells which right a facade method needs (None: it reads reference data
every screen needs — the office, staff, fields, calendar, rules — or checks inside, as
``desk.access`` does). The doors ask ``desk.access.can(permission)`` to grey out what the user
may not do; they never re-implement the table.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Concatenate
from typing import ParamSpec
from typing import Protocol
from typing import TypeVar

from sqlalchemy.orm import Session

from reception_desk.domain.access import AccessDenied
from reception_desk.domain.access import Permission
from reception_desk.domain.access import Principal
from reception_desk.domain.access import permits
from reception_desk.domain.access import require
from reception_desk.services.access import users
from reception_desk.services.context import DeskContext
from reception_desk.storage.database import guarded

_P = ParamSpec("_P")
_R = TypeVar("_R")


class Guarded(Protocol):
    """A facade whose methods ``@needs`` guards: it names the desk it acts on."""

    @property
    def rights_context(self) -> DeskContext: ...


_G = TypeVar("_G", bound=Guarded)
_NEEDS = "__needs_permission__"


def check(context: DeskContext, permission: Permission) -> Principal | None:
    """Refuse (``AccessDenied``) what the context's acting user may not do; the user, or None
    for the system."""
    principal = context.actor.principal
    if principal is None:
        if permits(None, permission):
            return None
        return require(None, permission)  # raises: a person-only act
    if principal.anonymous:
        return require(principal, permission)
    with context.db.read() as s:
        return users.authorise(s, principal, permission)


def refusal(principal: Principal | None, permission: Permission) -> AccessDenied | None:
    """The error ``check`` would raise for ``principal`` (as last signed in), or None: what a
    door shows beside an action it greys out."""
    if permits(principal, permission):
        return None
    try:
        require(principal, permission)
    except AccessDenied as error:
        return error
    return None  # pragma: no cover - permits and require agree


def needs(permission: Permission) -> Callable[[Callable[Concatenate[_G, _P], _R]],
                                              Callable[Concatenate[_G, _P], _R]]:
    """Decorate a facade method: ``check(self.rights_context, permission)`` first, then the
    method."""

    def decorate(method: Callable[Concatenate[_G, _P], _R]) -> Callable[Concatenate[_G, _P], _R]:
        @wraps(method)
        def checked(self: _G, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
            context = self.rights_context
            principal = context.actor.principal
            if principal is None or principal.anonymous or not principal.can(permission):
                check(context, permission)
                return method(self, *args, **kwargs)

            def verify(session: Session) -> None:
                users.authorise(session, principal, permission)

            with guarded(verify) as guard:
                result = method(self, *args, **kwargs)
            if not guard.done:
                with context.db.read() as s:
                    verify(s)
            return result

        setattr(checked, _NEEDS, permission)
        return checked

    return decorate


def permission_of(method: object) -> Permission | None:
    """The right ``@needs`` put on ``method`` (None: not guarded by it)."""
    found = getattr(method, _NEEDS, None)
    return found if isinstance(found, Permission) else None
