"""The last administrator locked out: recovery by whoever holds the database itself.

``reception-desk reset-admin USER`` (cli/reset_admin.py) gives an administrator account a
one-time password, to be changed at the next sign-in. It needs no sign-in, so it is bound to
what already gives every record away, and adds no new door to the secrets:

- the database must be reached as its owner: a SQLite file opened on this computer, or a
  PostgreSQL server as a superuser (who can read and rewrite every table anyway); a role that
  is only allowed to use the application's tables is refused;
- the person types the office's name (its commune or its body, as printed on its documents),
  so it is a deliberate act on the right office, not a slip in a script;
- it is refused while another active administrator exists: that administrator resets the
  password in Settings (``users.reset_password``);
- it writes an audit row in the chain (who ran it at the operating system, on which computer),
  so the recovery shows in the record like any other change of an account; the password is
  never written anywhere but as its hash.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from sqlalchemy.orm import Session

from reception_desk.domain.access import Role
from reception_desk.domain.access import check_password
from reception_desk.domain.access import username_key
from reception_desk.domain.text import fold
from reception_desk.errors import UserError
from reception_desk.services.access.passwords import hash_password
from reception_desk.services.access.users import _audit_dict
from reception_desk.services.context import require_aware
from reception_desk.services.office.setup import get_office
from reception_desk.storage import repositories as repo
from reception_desk.storage.queries import users as q

ACTION = "recover_administrator"
# Lower-case letters and digits that cannot be mistaken for one another when read aloud or
# copied from a screen (no 0/o, 1/l/i).
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


@dataclass(frozen=True)
class Recovered:
    """The account given a one-time password, and that password (shown once, never stored)."""

    username: str
    display_name: str
    password: str


def one_time_password() -> str:
    """Four groups of four characters (``k7fq-2mxd-9pha-w3ne``): about 79 bits."""
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(4))


def office_names(session: Session) -> list[str]:
    """The names the office may be typed as (its commune, its body); empty when not set up."""
    office = get_office(session)
    if office is None:
        return []
    return [name for name in (office.commune_name, office.body_name) if name.strip()]


def recover_administrator(session: Session, username: str, typed_office: str, *,
                          operator: str, computer: str, now: datetime,
                          hasher: PasswordHasher) -> Recovered:
    """Give the administrator ``username`` a one-time password (see the module docstring).

    The database must be reached as its owner (``storage.queries.users.connected_as_owner``:
    a local SQLite file, a PostgreSQL superuser). ``operator`` and ``computer``: the
    operating-system account and host, for the audit row. Refusals: ``recovery.not_owner``,
    ``recovery.not_set_up``, ``recovery.office_mismatch``, ``recovery.unknown_administrator``
    (naming the administrator accounts), ``recovery.other_administrator`` (naming them).
    """
    require_aware(now)
    if not q.connected_as_owner(session):
        raise UserError("recovery.not_owner")
    q.lock_accounts(session)
    names = office_names(session)
    if not names or not q.count_users(session):
        raise UserError("recovery.not_set_up")
    if fold(typed_office) not in {fold(name) for name in names}:
        raise UserError("recovery.office_mismatch", field="office")
    administrators = sorted((row for row in q.list_users(session)
                             if row.role == Role.ADMINISTRATOR.value), key=lambda a: a.username)
    row = q.user_by_key(session, username_key(username)) if username.strip() else None
    if row is None or row.role != Role.ADMINISTRATOR.value:
        raise UserError("recovery.unknown_administrator", field="username",
                        username=username.strip(),
                        administrators=", ".join(a.username for a in administrators))
    others = [a.username for a in administrators if a.active and a.id != row.id]
    if others:
        raise UserError("recovery.other_administrator", administrators=", ".join(others))
    password = check_password(one_time_password(), row.username)
    before = _audit_dict(row)
    row.password_hash = hash_password(hasher, password)
    row.must_change_password = True
    row.active = True  # the last administrator: deactivated by hand, it is needed again
    row.failed_attempts, row.locked_until = 0, None
    row.password_changed_at = row.updated_at = now
    session.flush()
    repo.add_audit(session, at=now, actor=f"{operator}@{computer}", action=ACTION,
                   entity="user_account", entity_id=row.id, before=before,
                   after={**_audit_dict(row), "operator": operator, "computer": computer})
    return Recovered(row.username, row.display_name, password)
