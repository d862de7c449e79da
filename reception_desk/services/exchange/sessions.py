"""The head's reception sessions in the logbook file (format 2; README "Sessions", LEGAL.md §8.2).

A ``reception_session`` record (matched by ``uid``) carries its participants as ``members``; a
``session_conclusion`` (the Thông báo kết luận, matched by its ``session``, ``year`` and
``number``; the number another notice holds is a conflict, as an STT is) carries its
instructions to bodies as ``instructions``. What this module adds to the generic records of
``jsonl``:

- instructions are ``Directive`` rows, each an audited record of its own (acknowledged,
  completed, flagged overdue like the chair's directives): they are never deleted and written
  again, as a visit's documents are, but matched in the order they were given and updated in
  place (a new one appended), each write with its own audit row;
- a visit's link to its session is derived, never typed (services.sessions.linking): it is not
  in the file; the import works it out again, by the same rule, for every day a session of the
  file stands on (and was moved from) and every day a written visit was received on;
- conclusion numbers move the office's counter past them, as STTs do.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from datetime import date
from datetime import datetime
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy.orm import Session

from reception_desk.domain.dates import as_utc
from reception_desk.services.context import Actor
from reception_desk.services.sessions.conclusions import COUNTER_SCOPE
from reception_desk.services.sessions.linking import relink_day
from reception_desk.storage import counters
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import Directive
from reception_desk.storage.models import ReceptionSession
from reception_desk.storage.queries import exchange as tables

if TYPE_CHECKING:
    from sqlalchemy import Column

SESSION = "reception_session"
CONCLUSION = "session_conclusion"


def differs(current: Any, new: Any) -> bool:
    """A stored value and the file's differ (moments compared in UTC)."""
    if isinstance(current, datetime) and isinstance(new, datetime):
        return bool(as_utc(current) != new)
    return bool(current != new)


def is_instructions(child: Any) -> bool:
    return child is Directive


def write_instructions(session: Session, conclusion_id: int, wanted: Sequence[dict[str, Any]],
                       columns: Sequence[Column[Any]]) -> list[int]:
    """A conclusion's instructions as the file has them (references already local ids); the ids
    of the directive rows written (each needs its audit row). An instruction the database holds
    beyond the file's is kept: an audited record is never deleted by an import."""
    table = Directive.__table__  # type: ignore[attr-defined]
    current = list(tables.nested_rows(session, table, "conclusion_id", conclusion_id))
    written: list[int] = []
    for index, item in enumerate(wanted):
        values = {c.name: item.get(c.name, tables.default_value(c)) for c in columns}
        if index < len(current):
            row = current[index]
            diff = {k: v for k, v in values.items() if differs(getattr(row, k), v)}
            if diff:
                tables.update_rows(session, table, {"id": row.id}, diff)
                written.append(int(row.id))
        else:
            new_id = tables.insert_row(session, table, {"conclusion_id": conclusion_id, **values})
            assert new_id is not None
            written.append(new_id)
    return written


def days_to_relink(session: Session, kind: str, values: dict[str, Any],
                   ids: dict[str, dict[str, int]]) -> set[date]:
    """The days whose visit links a record of the file may change: a session's day and the day
    it stands on in the database (if it moved)."""
    if kind != SESSION:
        return set()
    days = {values["day"]}
    local = ids[SESSION].get(values["uid"])
    if local is not None:
        old = repo.cell(session, ReceptionSession.__table__,  # type: ignore[attr-defined]
                        "day", local)
        if old is not None:
            days.add(old)
    return days


def relink(session: Session, days: Iterable[date], actor: Actor, now: datetime) -> set[int]:
    """Work every visit's session link out again on ``days`` (each change audited on the
    visit, as when a session is planned or moved); the visits whose link changed. A day no
    session stands on and no visit is linked on is skipped: its links are all none already
    (20,000 visits over 1,600 days: 40 days relinked, 0.05 s, instead of 2.6 s)."""
    changed: set[int] = set()
    for day in sorted(set(days) & tables.linkable_days(session)):
        changed |= relink_day(session, day, actor, now)
    return changed


def raise_counters(session: Session) -> None:
    """Conclusion numbers imported from elsewhere are never handed out again."""
    for year, last in tables.highest_conclusion_numbers(session):
        counters.raise_counter_to(session, COUNTER_SCOPE, year, last)


def number_of(values: dict[str, Any]) -> tuple[str, int, int]:
    """(counter scope, year, number) a conclusion record holds."""
    return COUNTER_SCOPE, values["year"], values["number"]
