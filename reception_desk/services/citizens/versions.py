"""Compare-and-set on a citizen's registry record (issue 11: nothing lost).

Every update of a ``citizen`` row — the record behind a visit being saved, a merge — first claims
the record's next version in SQL (``UPDATE … WHERE id = :id AND version = :read``). When another
counter changed the record since it was read, no row matches and the update is refused with
``citizen.changed_elsewhere``, naming the fields in which the record now differs from what this
counter would write, so the clerk can check them with the citizen before saving again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from reception_desk.errors import UserError
from reception_desk.storage.models import Citizen
from reception_desk.storage.queries import citizens as registry

#: The record's fields as a clerk knows them (texts/citizens names each), in form order; the
#: stored columns behind each (a folded key, a commune code and the composed address line are
#: parts of what the clerk sees as the name or the address).
FIELD_COLUMNS: dict[str, tuple[str, ...]] = {
    "citizen_name": ("full_name",),
    "id_number": ("id_doc_type", "id_number"),
    "id_issue_date": ("id_issue_date",),
    "id_issue_place": ("id_issue_place",),
    "sex": ("sex",),
    "birth_date": ("birth_date",),
    "phone": ("phone",),
    "address": ("ward_code", "address_detail", "address"),
    "merged": ("merged_into_id",),
}


def differing_fields(citizen: Citizen, wanted: Mapping[str, Any] | None) -> list[str]:
    """The clerk's names of the fields in which ``citizen`` differs from ``wanted`` (column
    values); every field when nothing particular was going to be written."""
    if wanted is None:
        return []
    return [name for name, columns in FIELD_COLUMNS.items()
            if any(c in wanted and getattr(citizen, c) != wanted[c] for c in columns)]


def claim(session: Session, citizen: Citizen, expected: int,
          wanted: Mapping[str, Any] | None = None) -> None:
    """Take ``citizen``'s next version if it is still at ``expected``, or refuse.

    ``wanted``: the column values this update is about to write (the refusal names the fields
    where the record, as another counter left it, differs from them). ``citizen`` is refreshed
    either way: on success it is the row this transaction now holds, at its new version.
    """
    assert citizen.id is not None
    claimed = registry.claim_version(session, citizen.id, expected)
    session.refresh(citizen)
    if not claimed:
        fields = differing_fields(citizen, wanted)
        raise UserError("citizen.changed_elsewhere", fields=fields, version=citizen.version)
