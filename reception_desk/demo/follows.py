"""Petitions that come back before or beyond the usual time (premature second complaints,
repeat denunciations): what fills the petition forms' remaining columns (the rarer fields of
the forms' field columns: demo.topics).

- A few second complaints come while the first is accepted and not yet decided (the rates and
  words here, the planning in demo.cases): the hotspot list's "bypass_second", 02/XLD col 19.
- A denunciation accepted by the commune and still not concluded after its time limit may be
  denounced again (tố cáo tiếp to the superior, Luật TC Art. 38; LEGAL.md §4): 03/XLD col 18
  ("tố cáo tiếp, quá thời hạn chưa giải quyết"). The commune is the resolver the complainant
  went past, so it mostly points the denouncer to its superior (return with guidance), sometimes
  takes the new letter up with the case in hand.
- A denouncer whose repeat denunciation was concluded too comes back more often than a first
  one (``SERIAL_RATE``): a third letter on the same matter has two conclusions before it,
  01/XLD col 12 ("đã giải quyết nhiều lần").

Drawn from their own random stream ("follows"); the same seed gives the same data.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date
from datetime import timedelta
from typing import Any

from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.cases import CaseEvent
from reception_desk.domain.cases import CaseStage
from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import ComplexityCriterion
from reception_desk.domain.cases import EventKind
from reception_desk.domain.cases import HandlingLevel
from reception_desk.domain.cases import apply_event
from reception_desk.domain.cases import current_deadline
from reception_desk.domain.cases import open_case
from reception_desk.domain.dates import office_day
from reception_desk.domain.deadlines import DeadlineRule

#: Accepted first complaints whose complainant lodges the second one before the first decision,
#: 3 to 20 days after the acceptance: well within the 30 days of Luật KN 2011 Art. 28 (LEGAL.md
#: §6.4 (b)); never later than ``PREMATURE_WITHIN_DAYS`` after the acceptance.
PREMATURE_RATE = 0.03
PREMATURE_WITHIN_DAYS = 25
#: Events of a first complaint still in hand (anything else ends its pending time).
PENDING_WORK = frozenset(k.value for k in (EventKind.VERIFY, EventKind.DIALOGUE, EventKind.SUSPEND,
                                           EventKind.RESUME, EventKind.EXTEND,
                                           EventKind.ASSESS_COMPLEXITY))
#: What the office does with a premature second complaint (its first handling): it is not the
#: commune's to take up before the first decision; the complainant is told to wait for it.
PREMATURE_HANDLING = [(EventKind.RETURN_GUIDE, 60), (EventKind.REFUSE, 25), (EventKind.FILE, 15)]
PREMATURE_CONTENT = ("Khiếu nại lần hai: chưa nhận được quyết định giải quyết khiếu nại lần đầu "
                     "về việc {title}")
PREMATURE_BODY = "Chủ tịch UBND xã (người giải quyết khiếu nại lần đầu)"
PREMATURE_NOTE = ("Chưa có quyết định giải quyết khiếu nại lần đầu, chưa hết thời hạn giải "
                  "quyết: hướng dẫn công dân chờ kết quả giải quyết lần đầu.")

#: Accepted denunciations left unconcluded past their time limit that are denounced again.
OVERDUE_REPEAT_RATE = 0.35
_OVERDUE_WITHIN_DAYS = 30  # lodged 1 to this many days after the time limit ran out
#: Concluded repeat denunciations denounced once more (a decided first one: 8 %, demo.cases).
SERIAL_RATE = 0.35
#: What the commune does first with a repeat denunciation of its own overdue case.
OVERDUE_HANDLING = [(EventKind.RETURN_GUIDE, 75), (EventKind.ACCEPT, 25)]
OVERDUE_CONTENT = ("Tố cáo tiếp: đã quá thời hạn giải quyết nhưng chưa nhận được kết luận về "
                   "việc {title}")
OVERDUE_BODY = "Chủ tịch UBND tỉnh (cấp trên trực tiếp của người giải quyết tố cáo)"
OVERDUE_NOTE = ("Tố cáo đã quá thời hạn giải quyết: hướng dẫn người tố cáo gửi đơn tố cáo tiếp "
                "đến người đứng đầu cơ quan cấp trên trực tiếp (Luật Tố cáo 2018, Điều 38).")
_OPEN_RESOLUTION = frozenset({CaseStage.ACCEPTED, CaseStage.VERIFYING, CaseStage.DIALOGUE})

def overdue_repeat_window(rng: random.Random, row: dict[str, Any],
                          events: Sequence[dict[str, Any]], calendar: WorkingCalendar,
                          rules: Sequence[DeadlineRule], today: date) -> tuple[date, date] | None:
    """(the day, the last day) a denunciation accepted by the commune (``row``, ``events``: a
    planned case) is denounced again while its time limit has run out and nothing else was
    done on it yet, or None (most). Its events are replayed as the services would: the time
    limit is the one in force then (extensions counted, a suspension stops it)."""
    if not any(e["kind"] == EventKind.ACCEPT.value for e in events) \
            or rng.random() >= OVERDUE_REPEAT_RATE:
        return None
    replay = [CaseEvent(EventKind(e["kind"]), e["actor"], e["moment"],
                        e["document_number"] or None, e["document_date"],
                        HandlingLevel(e["level"]) if e["level"] else None,
                        frozenset(ComplexityCriterion(c) for c in e["criteria"])
                        if e["criteria"] is not None else None) for e in events]
    state = open_case(CaseType.DENUNCIATION, replay[0], remote=row["remote"],
                      entrusted_verification=bool(row["entrusted_verification"]))
    for event in [*replay[1:], None]:
        until = office_day(event.moment) if event is not None else today + timedelta(days=1)
        if state.stage in _OPEN_RESOLUTION:
            deadline = current_deadline(state, calendar, rules=rules)
            if deadline is not None and deadline.due is not None \
                    and deadline.due + timedelta(days=1) < until:
                first = deadline.due + timedelta(days=1)
                last = min(until - timedelta(days=1), first + timedelta(days=_OVERDUE_WITHIN_DAYS))
                return first + timedelta(days=rng.randint(0, (last - first).days)), last
        if event is None:
            return None
        state = apply_event(state, event)
    return None


def handling(rng: random.Random, weights: list[tuple[EventKind, int]]) -> EventKind:
    """A first handling drawn from ``weights`` (``PREMATURE_HANDLING``, ``OVERDUE_HANDLING``)."""
    return rng.choices([k for k, _w in weights], [w for _k, w in weights])[0]
