"""Hotspots (điểm nóng): automatic, explained flags on open cases, scored and ranked per ISO week.

No law defines a hotspot (LEGAL.md §11): every threshold and weight here is **local policy**, kept
as office settings, anchored on legal signals — overdue stages (§4.3), crowds of 5 or more
(§5; TT 07/2014 Art. 6(4), Luật TCD Art. 29), ≥ 2 complexity criteria ("đặc biệt phức tạp",
§4.2; NĐ 31/2019 Art. 3(3)), matters that passed several levels (Luật TCD Art. 30(2)),
level-bypassing (§6.4 (a), (b) and (c): operational definitions, not law), land, compensation,
religion and ethnic matters (TT 07/2014 Art. 27; §11), disorder at the counter (Luật TCD
Art. 30(3)).

Each rule takes a ``CaseSnapshot`` (the case, the visits and the events the service chose to load),
the ``HotspotPolicy`` and the reference day ``today``; it returns a ``Flag`` (reason code, a
structured explanation with a key and parameters, the evidence ids) or None. No user text here:
the UI and the printing layer turn explanation keys into sentences.

A case is judged "as of" a day: open on that day (received, not yet ended), visits and events up
to that day only. Past weeks are judged from the stored case caches (stage deadline, end date):
a stage deadline that was replaced by a later stage's is not seen in past weeks.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import timedelta
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from reception_desk.domain.cases import ComplexityCriterion
from reception_desk.domain.cases import EventKind
from reception_desk.domain.cases import HandlingLevel
from reception_desk.domain.crowds import DEFAULT_CROWD_THRESHOLD
from reception_desk.domain.crowds import is_crowd
from reception_desk.errors import UserError


class Reason(StrEnum):
    """Why a case is flagged; stable codes (JSON, settings, filters)."""

    OVERDUE = "overdue"
    LONG_RUNNING = "long_running"
    CROWD = "crowd"
    REPEAT = "repeat"
    BYPASS = "bypass"  # LEGAL.md §6.4 (a)
    BYPASS_SECOND = "bypass_second"  # §6.4 (b): 2nd-time complaint before the 1st is due/decided
    BYPASS_SIMULTANEOUS = "bypass_simultaneous"  # §6.4 (c): lodged with several levels at once
    SENSITIVE_FIELD = "sensitive_field"
    COMPLEX = "complex"
    INCIDENT = "incident"
    NO_DIALOGUE = "no_dialogue"  # issue 14: a complaint that needs a dialogue has none held


class Trend(StrEnum):
    """A hotspot of a week against the week before."""

    NEW = "new"
    CONTINUING = "continuing"
    COOLED = "cooled"  # flagged the week before, no longer this week


#: Levels above the commune in the administrative hierarchy (a matter "going up", LEGAL.md §6.4).
HIGHER_LEVELS = frozenset({HandlingLevel.DISTRICT, HandlingLevel.PROVINCE,
                           HandlingLevel.MINISTRY_CENTRAL})

#: Weights of the default policy: disorder and crowds weigh most (Luật TCD Art. 18(3), 30).
DEFAULT_WEIGHTS: Mapping[Reason, int] = MappingProxyType({
    Reason.INCIDENT: 5,
    Reason.CROWD: 4,
    Reason.BYPASS: 3,
    Reason.BYPASS_SECOND: 3,
    Reason.BYPASS_SIMULTANEOUS: 3,
    Reason.OVERDUE: 3,
    Reason.COMPLEX: 2,
    Reason.REPEAT: 2,
    Reason.LONG_RUNNING: 2,
    Reason.SENSITIVE_FIELD: 1,
    Reason.NO_DIALOGUE: 2,
})

POLICY_BASIS = "local_policy"  # never law: LEGAL.md §11 found no official criteria

#: The reasons of the first policy version. A stored policy lists the reasons it knew
#: (``known``; absent = these): a reason added later is on until the office switches it off.
_FIRST_REASONS = frozenset({Reason.OVERDUE, Reason.LONG_RUNNING, Reason.CROWD, Reason.REPEAT,
                            Reason.BYPASS, Reason.SENSITIVE_FIELD, Reason.COMPLEX,
                            Reason.INCIDENT})


@dataclass(frozen=True)
class HotspotPolicy:
    """The office's hotspot thresholds and weights: LOCAL POLICY, not law (LEGAL.md §11).

    ``visit_lookback_days``: crowd and incident visits older than this (before the reference day)
    no longer flag a case. ``enabled``: the reasons in use. ``simultaneous_days``: another level
    reached within this many days (either side) of the commune's receipt counts as "lodged with
    several levels simultaneously" (LEGAL.md §6.4 (c), an operational definition).
    """

    long_running_days: int = 180
    long_running_levels: int = 2
    crowd_threshold: int = DEFAULT_CROWD_THRESHOLD
    crowd_delegation: bool = True
    repeat_visits: int = 3
    repeat_window_days: int = 90
    complex_criteria: int = 2
    visit_lookback_days: int = 365
    simultaneous_days: int = 30
    weights: Mapping[Reason, int] = field(default_factory=lambda: DEFAULT_WEIGHTS)
    enabled: frozenset[Reason] = frozenset(Reason)
    basis: str = POLICY_BASIS

    def weight(self, reason: Reason) -> int:
        return int(self.weights.get(reason, 1))

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict (for the settings table and the audit trail)."""
        return {
            "basis": self.basis,
            "long_running_days": self.long_running_days,
            "long_running_levels": self.long_running_levels,
            "crowd_threshold": self.crowd_threshold,
            "crowd_delegation": self.crowd_delegation,
            "repeat_visits": self.repeat_visits,
            "repeat_window_days": self.repeat_window_days,
            "complex_criteria": self.complex_criteria,
            "visit_lookback_days": self.visit_lookback_days,
            "simultaneous_days": self.simultaneous_days,
            "weights": {r.value: self.weight(r) for r in Reason},
            "enabled": sorted(r.value for r in self.enabled),
            "known": sorted(r.value for r in Reason),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> HotspotPolicy:
        """The policy stored as ``to_json`` made it; missing keys take the defaults.

        Raises ``UserError("hotspot.policy_invalid", field=…)`` on a bad value.
        """
        if not data:
            return cls()
        base = cls()
        values: dict[str, Any] = {}
        limits = {
            "long_running_days": (1, 36500),
            "long_running_levels": (2, 10),
            "crowd_threshold": (2, 10000),
            "repeat_visits": (2, 1000),
            "repeat_window_days": (1, 3650),
            "complex_criteria": (1, len(ComplexityCriterion)),
            "visit_lookback_days": (1, 36500),
            "simultaneous_days": (1, 365),
        }
        for key, (low, high) in limits.items():
            raw = data.get(key, getattr(base, key))
            if isinstance(raw, bool) or not isinstance(raw, int) or not low <= raw <= high:
                raise UserError("hotspot.policy_invalid", field=key, low=low, high=high)
            values[key] = raw
        delegation = data.get("crowd_delegation", base.crowd_delegation)
        if not isinstance(delegation, bool):
            raise UserError("hotspot.policy_invalid", field="crowd_delegation")
        values["crowd_delegation"] = delegation
        weights = dict(DEFAULT_WEIGHTS)
        for key, raw in (data.get("weights") or {}).items():
            try:
                reason = Reason(key)
            except ValueError:
                raise UserError("hotspot.policy_invalid", field="weights", reason=key) from None
            if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw <= 100:
                raise UserError("hotspot.policy_invalid", field="weights", reason=key,
                                low=0, high=100)
            weights[reason] = raw
        values["weights"] = MappingProxyType(weights)
        enabled_raw = data.get("enabled")
        if enabled_raw is not None:
            known_raw = data.get("known")
            try:
                enabled = frozenset(Reason(x) for x in enabled_raw)
                known = (_FIRST_REASONS if known_raw is None
                         else frozenset(Reason(x) for x in known_raw if x in _REASON_VALUES))
            except (TypeError, ValueError):
                raise UserError("hotspot.policy_invalid", field="enabled") from None
            # Reasons this version added since the policy was stored start switched on.
            values["enabled"] = enabled | (frozenset(Reason) - known)
        return cls(**values)


_REASON_VALUES = frozenset(r.value for r in Reason)


# --------------------------------------------------------------------------- inputs

# The per-case values below are plain (unfrozen) slotted dataclasses: a frozen one costs several
# times more to build, and a week builds tens of thousands of them (as in domain.deadlines).
# Treat them as values all the same: never mutate one.


@dataclass(slots=True)
class VisitFact:
    """A (non-voided) visit on a case, as far as hotspots care."""

    id: int
    on: date
    people: int = 1
    delegation: bool = False
    incident: bool = False


@dataclass(slots=True)
class EventFact:
    """A case event, as far as hotspots care: ``level`` of the body concerned (or None)."""

    id: int
    kind: EventKind
    on: date
    level: HandlingLevel | None = None


@dataclass(slots=True)
class ComplaintLink:
    """A first-time complaint and the second-time complaint lodged after it (case link
    "second_complaint"), with what the rule of LEGAL.md §6.4 (b) compares: the day the second was
    lodged, the first's decision day and its resolution deadline (None while no resolution
    deadline runs: not accepted yet, or decided; the cached stage deadline only keeps the
    current one)."""

    first_id: int
    second_id: int
    lodged_on: date
    first_decided_on: date | None = None
    first_due_on: date | None = None
    first_number: str = ""  # "12/2026", for the explanation
    second_number: str = ""


@dataclass(slots=True)
class CaseSnapshot:
    """A case with the visits and events the rules look at.

    ``ended_on``: the day the office's work on it ended (closed, filed, decided, transferred…),
    None while open. ``due_on``: the deadline of its current stage (None: no running limit or
    the clock is stopped). The service may pass only the visits and events that can matter
    (crowds, incidents, recent visits; events at other levels and decisions).
    """

    id: int
    received_on: date
    ended_on: date | None = None
    due_on: date | None = None
    within_commune_competence: bool = True
    field_code: str | None = None
    criteria: frozenset[ComplexityCriterion] = frozenset()
    visits: tuple[VisitFact, ...] = ()
    events: tuple[EventFact, ...] = ()
    #: A complaint that needs a dialogue and has none held: the first day the missing dialogue
    #: flags it (``warn_working_days`` before ``due_on``) and the article it rests on
    #: (domain.dialogues; the service computes both). None: nothing to flag.
    dialogue_warn_from: date | None = None
    dialogue_basis: str = ""
    complaint_links: tuple[ComplaintLink, ...] = ()

    def is_open_on(self, day: date) -> bool:
        return self.received_on <= day and (self.ended_on is None or self.ended_on > day)


# --------------------------------------------------------------------------- outputs


@dataclass(slots=True)
class Explanation:
    """Why, in data: ``key`` names a sentence template ("long_running.age"), ``params`` fill it."""

    key: str
    params: Mapping[str, int | str | date]


@dataclass(slots=True)
class Flag:
    """One reason a case is a hotspot, with its evidence (visit and event ids)."""

    reason: Reason
    explanation: Explanation
    visit_ids: tuple[int, ...] = ()
    event_ids: tuple[int, ...] = ()


@dataclass(slots=True)
class Hotspot:
    """A flagged case of a week: its flags, score, rank and trend against the week before."""

    case_id: int
    flags: tuple[Flag, ...]
    score: int
    rank: int = 0
    trend: Trend = Trend.NEW

    @property
    def reasons(self) -> tuple[Reason, ...]:
        return tuple(f.reason for f in self.flags)


Rule = Callable[[CaseSnapshot, HotspotPolicy, date, frozenset[str]], Flag | None]


# --------------------------------------------------------------------------- rules


_KEYS: dict[tuple[Reason, str], str] = {}


def _explain(reason: Reason, key: str, /, **params: int | str | date) -> Explanation:
    # Enum ``.value`` is slow in a loop over every open case: keys are built once.
    full = _KEYS.get((reason, key))
    if full is None:
        full = _KEYS[(reason, key)] = f"{reason.value}.{key}"
    return Explanation(full, params)


def rule_overdue(case: CaseSnapshot, policy: HotspotPolicy, today: date,
                 sensitive: frozenset[str]) -> Flag | None:
    """Past the deadline of its current stage: the deadline day itself is still on time
    (LEGAL.md §4.3: overdue when today is *past* the computed deadline)."""
    due = case.due_on
    if due is None or not due < today:
        return None
    return Flag(Reason.OVERDUE, _explain(Reason.OVERDUE, "stage", due_on=due,
                                         days=(today - due).days))


def rule_long_running(case: CaseSnapshot, policy: HotspotPolicy, today: date,
                      sensitive: frozenset[str]) -> Flag | None:
    """Open ``long_running_days`` or more, or handled at ``long_running_levels`` or more levels
    (Luật TCD Art. 30(2): "đã qua nhiều cấp"). The commune is always one level: the case is in
    its book."""
    days_open = (today - case.received_on).days
    by_age = days_open >= policy.long_running_days
    if case.events:
        level_events = [e for e in case.events
                        if e.on <= today and e.level is not None
                        and e.level is not HandlingLevel.COMMUNE]
        levels = len({HandlingLevel.COMMUNE} | {e.level for e in level_events})
    else:  # the usual case: skip the set building
        level_events, levels = [], 1
    by_levels = levels >= policy.long_running_levels
    if by_age and by_levels:
        explanation = _explain(Reason.LONG_RUNNING, "age_levels", days=days_open,
                               threshold=policy.long_running_days, levels=levels)
    elif by_age:
        explanation = _explain(Reason.LONG_RUNNING, "age", days=days_open,
                               threshold=policy.long_running_days)
    elif by_levels:
        explanation = _explain(Reason.LONG_RUNNING, "levels", levels=levels)
    else:
        return None
    return Flag(Reason.LONG_RUNNING, explanation,
                event_ids=tuple(e.id for e in level_events) if by_levels else ())


@lru_cache(maxsize=64)
def _days_before(today: date, days: int) -> date:
    return today - timedelta(days=days)


def _recent(case: CaseSnapshot, policy: HotspotPolicy, today: date) -> list[VisitFact]:
    if not case.visits:
        return []
    start = _days_before(today, policy.visit_lookback_days)
    return [v for v in case.visits if start < v.on <= today]


def rule_crowd(case: CaseSnapshot, policy: HotspotPolicy, today: date,
               sensitive: frozenset[str]) -> Flag | None:
    """A visit of ``crowd_threshold`` or more people, or a delegation (đoàn đông người, §5)."""
    if not case.visits:
        return None
    hits = [v for v in _recent(case, policy, today)
            if is_crowd(v.people, policy.crowd_threshold)
            or (policy.crowd_delegation and v.delegation)]
    if not hits:
        return None
    biggest = max(v.people for v in hits)
    return Flag(Reason.CROWD, _explain(Reason.CROWD, "visits", visits=len(hits), people=biggest,
                                       threshold=policy.crowd_threshold,
                                       last_on=max(v.on for v in hits)),
                visit_ids=tuple(v.id for v in hits))


def rule_repeat(case: CaseSnapshot, policy: HotspotPolicy, today: date,
                sensitive: frozenset[str]) -> Flag | None:
    """``repeat_visits`` or more visits on the matter in the ``repeat_window_days`` days ending on
    ``today`` (both ends counted: with 90 days, today − 89 is the first day in the window)."""
    if len(case.visits) < policy.repeat_visits:
        return None
    first = _days_before(today, policy.repeat_window_days - 1)
    hits = [v for v in case.visits if first <= v.on <= today]
    if len(hits) < policy.repeat_visits:
        return None
    return Flag(Reason.REPEAT, _explain(Reason.REPEAT, "window", visits=len(hits),
                                        window=policy.repeat_window_days),
                visit_ids=tuple(v.id for v in hits))


def rule_bypass(case: CaseSnapshot, policy: HotspotPolicy, today: date,
                sensitive: frozenset[str]) -> Flag | None:
    """Vượt cấp (LEGAL.md §6.4 (a), an operational definition): while the matter is within the
    commune's competence, it reached a higher level before the commune decided and before the
    commune's deadline ran out. The commune's own transfer is not a bypass; a higher level reached
    on or after the commune's decision day, or after its deadline, is the citizen's right (Luật KN
    Art. 7, 33)."""
    if not case.within_commune_competence or not case.events:
        return None
    decided = [e.on for e in case.events if e.kind is EventKind.DECIDE and e.on <= today]
    decided_on = min(decided) if decided else None
    hits = [e for e in case.events
            if e.on <= today and e.level in HIGHER_LEVELS and e.kind is not EventKind.TRANSFER
            and (decided_on is None or e.on < decided_on)
            and (case.due_on is None or e.on <= case.due_on)]
    if not hits:
        return None
    first = min(hits, key=lambda e: (e.on, e.id))
    assert first.level is not None
    return Flag(Reason.BYPASS, _explain(Reason.BYPASS, "higher_level", level=first.level.value,
                                        on=first.on),
                event_ids=tuple(e.id for e in hits))


def rule_bypass_second(case: CaseSnapshot, policy: HotspotPolicy, today: date,
                       sensitive: frozenset[str]) -> Flag | None:
    """Vượt cấp (LEGAL.md §6.4 (b), an operational definition, not law): a second-time complaint
    lodged before the first-time decision was issued and before the first-time deadline expired.
    Luật KN 2011 Art. 33(1) opens the second complaint only on the first decision or on the
    expiry of the first deadline without one; the deadline day itself is still within it.
    Flags either case of the pair (the first complaint or the second) while it is open."""
    if not case.complaint_links:
        return None
    hits = []
    for link in case.complaint_links:
        lodged = link.lodged_on
        if lodged > today:
            continue
        decided = link.first_decided_on
        if decided is not None and decided <= today and decided <= lodged:
            continue  # lodged on or after the first decision: the complainant's right
        if link.first_due_on is not None and lodged > link.first_due_on:
            continue  # the first deadline had expired without a decision
        hits.append(link)
    if not hits:
        return None
    first = min(hits, key=lambda link: (link.lodged_on, link.second_id))
    return Flag(Reason.BYPASS_SECOND, _explain(Reason.BYPASS_SECOND, "premature",
                                               on=first.lodged_on, first=first.first_number,
                                               second=first.second_number))


def rule_bypass_simultaneous(case: CaseSnapshot, policy: HotspotPolicy, today: date,
                             sensitive: frozenset[str]) -> Flag | None:
    """Vượt cấp (LEGAL.md §6.4 (c), an operational definition, not law): the same matter lodged
    with several levels simultaneously — another level (not the commune's own transfer) seized
    of it within ``simultaneous_days`` days before or after the commune received it, and before
    the commune's decision (going on after a decision is the citizen's right, Luật KN Art. 7,
    33). Also a "không đủ điều kiện xử lý" ground for the đơn (TT 07/2014 Art. 6(2)(b)).
    Whatever the competence: the commune's own matter and one it must send on alike."""
    if not case.events:
        return None
    window = policy.simultaneous_days
    received = case.received_on
    decided = [e.on for e in case.events if e.kind is EventKind.DECIDE and e.on <= today]
    decided_on = min(decided) if decided else None
    hits = [e for e in case.events
            if e.on <= today and e.level is not None and e.level is not HandlingLevel.COMMUNE
            and e.kind is not EventKind.TRANSFER and abs((e.on - received).days) <= window
            and (decided_on is None or e.on < decided_on)]
    if not hits:
        return None
    levels = sorted({e.level.value for e in hits if e.level is not None})
    first = min(hits, key=lambda e: (e.on, e.id))
    assert first.level is not None
    return Flag(Reason.BYPASS_SIMULTANEOUS,
                _explain(Reason.BYPASS_SIMULTANEOUS, "levels", level=first.level.value,
                         on=first.on, levels=len(levels) + 1, window=window),
                event_ids=tuple(e.id for e in hits))


def rule_sensitive_field(case: CaseSnapshot, policy: HotspotPolicy, today: date,
                         sensitive: frozenset[str]) -> Flag | None:
    """The case's field is on the office's sensitive list (FieldCategory.sensitive)."""
    if case.field_code is None or case.field_code not in sensitive:
        return None
    return Flag(Reason.SENSITIVE_FIELD, _explain(Reason.SENSITIVE_FIELD, "field",
                                                 field=case.field_code))


_LETTERS = {c: c.letter for c in ComplexityCriterion}


def rule_complex(case: CaseSnapshot, policy: HotspotPolicy, today: date,
                 sensitive: frozenset[str]) -> Flag | None:
    """``complex_criteria`` or more complexity criteria recorded (default 2: "đặc biệt phức tạp",
    NĐ 31/2019 Art. 3(3))."""
    count = len(case.criteria)
    if count < policy.complex_criteria:
        return None
    letters = ", ".join(sorted(_LETTERS[c] for c in case.criteria))
    return Flag(Reason.COMPLEX, _explain(Reason.COMPLEX, "criteria", count=count, letters=letters))


def rule_incident(case: CaseSnapshot, policy: HotspotPolicy, today: date,
                  sensitive: frozenset[str]) -> Flag | None:
    """Disorder recorded at a visit (Luật TCD Art. 30(3))."""
    if not case.visits:
        return None
    hits = [v for v in _recent(case, policy, today) if v.incident]
    if not hits:
        return None
    return Flag(Reason.INCIDENT, _explain(Reason.INCIDENT, "visits", visits=len(hits),
                                          last_on=max(v.on for v in hits)),
                visit_ids=tuple(v.id for v in hits))


def rule_no_dialogue(case: CaseSnapshot, policy: HotspotPolicy, today: date,
                     sensitive: frozenset[str]) -> Flag | None:
    """A complaint needing a dialogue (Luật KN 2011 Art. 30/39 as LEGAL.md §8.2 cites them; the
    office's dialogue policy) with none held and its deadline near or passed. The law, not local
    policy, says a dialogue is needed; only the warning window is the office's."""
    start = case.dialogue_warn_from
    if start is None or today < start:
        return None
    return Flag(Reason.NO_DIALOGUE, _explain(Reason.NO_DIALOGUE, "missing",
                                             due_on=case.due_on or start,
                                             basis=case.dialogue_basis))


RULES: Mapping[Reason, Rule] = MappingProxyType({
    Reason.OVERDUE: rule_overdue,
    Reason.LONG_RUNNING: rule_long_running,
    Reason.CROWD: rule_crowd,
    Reason.REPEAT: rule_repeat,
    Reason.BYPASS: rule_bypass,
    Reason.BYPASS_SECOND: rule_bypass_second,
    Reason.BYPASS_SIMULTANEOUS: rule_bypass_simultaneous,
    Reason.SENSITIVE_FIELD: rule_sensitive_field,
    Reason.COMPLEX: rule_complex,
    Reason.INCIDENT: rule_incident,
    Reason.NO_DIALOGUE: rule_no_dialogue,
})


# --------------------------------------------------------------------------- evaluation


def flags_for(case: CaseSnapshot, policy: HotspotPolicy, today: date,
              sensitive_fields: frozenset[str] = frozenset()) -> tuple[Flag, ...]:
    """Every enabled rule's flag for ``case`` as of ``today`` (empty if the case is not open)."""
    return _flags(case, _rules(policy), policy, today, sensitive_fields)


def _rules(policy: HotspotPolicy) -> list[Rule]:
    return [rule for reason, rule in RULES.items() if reason in policy.enabled]


def _flags(case: CaseSnapshot, rules: Sequence[Rule], policy: HotspotPolicy, today: date,
           sensitive_fields: frozenset[str]) -> tuple[Flag, ...]:
    if case.received_on > today or (case.ended_on is not None and case.ended_on <= today):
        return ()
    out = []
    for rule in rules:
        flag = rule(case, policy, today, sensitive_fields)
        if flag is not None:
            out.append(flag)
    return tuple(out)


def _weights(policy: HotspotPolicy) -> dict[str, int]:
    # Keyed by the plain string: hashing a StrEnum member runs Python code, a str does not.
    return {r.value: policy.weight(r) for r in Reason}


def score(flags: Iterable[Flag], policy: HotspotPolicy) -> int:
    return sum(policy.weight(f.reason) for f in flags)


def _sort_key(h: Hotspot) -> tuple[int, int, int]:
    # Highest score first, then the most reasons, then the oldest case id (usually the oldest case).
    return (-h.score, -len(h.flags), h.case_id)


def evaluate(cases: Iterable[CaseSnapshot], policy: HotspotPolicy, today: date,
             sensitive_fields: frozenset[str] = frozenset()) -> list[Hotspot]:
    """The ranked hotspots as of ``today`` (rank 1 = most urgent); trend left as NEW."""
    found = []
    rules = _rules(policy)
    weights = _weights(policy)
    for case in cases:
        flags = _flags(case, rules, policy, today, sensitive_fields)
        if flags:
            found.append(Hotspot(case.id, flags, sum(weights[f.explanation.key.split(".", 1)[0]]
                                                     for f in flags)))
    found.sort(key=_sort_key)
    return [Hotspot(h.case_id, h.flags, h.score, rank, h.trend)
            for rank, h in enumerate(found, start=1)]


def count_hotspots(cases: Iterable[CaseSnapshot], policy: HotspotPolicy, today: date,
                   sensitive_fields: frozenset[str] = frozenset()) -> int:
    """``len(evaluate(cases, policy, today, sensitive_fields))`` without ranking them: a case
    counts at the first rule that flags it (the trend's weekly counts)."""
    rules = _rules(policy)
    n = 0
    for case in cases:
        if case.received_on > today or (case.ended_on is not None and case.ended_on <= today):
            continue
        for rule in rules:
            if rule(case, policy, today, sensitive_fields) is not None:
                n += 1
                break
    return n


def compare(current: Sequence[Hotspot], previous: Sequence[Hotspot]) -> list[Hotspot]:
    """``current`` marked NEW or CONTINUING against ``previous``, followed by the cases of
    ``previous`` that cooled down (their last week's flags, unranked: rank 0)."""
    before = {h.case_id: h for h in previous}
    now_ids = {h.case_id for h in current}
    out = [Hotspot(h.case_id, h.flags, h.score, h.rank,
                   Trend.CONTINUING if h.case_id in before else Trend.NEW) for h in current]
    out += [Hotspot(h.case_id, h.flags, h.score, 0, Trend.COOLED)
            for h in previous if h.case_id not in now_ids]
    return out


# --------------------------------------------------------------------------- ISO weeks


@dataclass(frozen=True, order=True, slots=True)
class IsoWeek:
    """An ISO 8601 week (Monday to Sunday)."""

    year: int
    week: int

    @classmethod
    def of(cls, day: date) -> IsoWeek:
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        """ "2026-W48" (also "2026W48", "2026-w48"); ``UserError("hotspot.bad_week")`` if not."""
        raw = text.strip().upper().replace("-W", "W")
        try:
            year_s, week_s = raw.split("W")
            week = cls(int(year_s), int(week_s))
            week.monday  # noqa: B018 - validates the week number for that year
        except ValueError:
            raise UserError("hotspot.bad_week", field="week", text=text) from None
        return week

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def sunday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 7)

    def shifted(self, weeks: int) -> IsoWeek:
        return IsoWeek.of(self.monday + timedelta(weeks=weeks))

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"


def reference_day(week: IsoWeek, today: date) -> date:
    """The day a week is judged on: its Sunday, or ``today`` while the week is still running."""
    return min(week.sunday, today)


def _any_flag(case: CaseSnapshot, rules: Sequence[Rule], policy: HotspotPolicy, today: date,
              sensitive_fields: frozenset[str]) -> bool:
    if case.received_on > today or (case.ended_on is not None and case.ended_on <= today):
        return False
    return any(rule(case, policy, today, sensitive_fields) is not None for rule in rules)


# Cheapest rules first when only "flagged or not" matters.
_QUICK_ORDER = (Reason.SENSITIVE_FIELD, Reason.COMPLEX, Reason.OVERDUE, Reason.LONG_RUNNING,
                Reason.BYPASS, Reason.BYPASS_SECOND, Reason.BYPASS_SIMULTANEOUS, Reason.REPEAT,
                Reason.CROWD, Reason.INCIDENT)


def marked(cases: Sequence[CaseSnapshot], policy: HotspotPolicy, day: date, previous_day: date,
           sensitive_fields: frozenset[str] = frozenset()) -> list[Hotspot]:
    """``compare(evaluate(…, day), evaluate(…, previous_day))`` with less work: a case flagged on
    ``day`` only needs to know whether any rule fired the day before (first hit wins); only
    the others are judged in full, to list the ones that cooled down."""
    current = evaluate(cases, policy, day, sensitive_fields)
    now_ids = {h.case_id for h in current}
    quick = [RULES[r] for r in _QUICK_ORDER if r in policy.enabled]
    before = {c.id for c in cases
              if c.id in now_ids and _any_flag(c, quick, policy, previous_day, sensitive_fields)}
    cooled = evaluate([c for c in cases if c.id not in now_ids], policy, previous_day,
                      sensitive_fields)
    out = [Hotspot(h.case_id, h.flags, h.score, h.rank,
                   Trend.CONTINUING if h.case_id in before else Trend.NEW) for h in current]
    out += [Hotspot(h.case_id, h.flags, h.score, 0, Trend.COOLED) for h in cooled]
    return out


def weekly(cases: Sequence[CaseSnapshot], policy: HotspotPolicy, week: IsoWeek, today: date,
           sensitive_fields: frozenset[str] = frozenset()) -> list[Hotspot]:
    """The ranked list of ``week`` with trends against the week before (cooled ones last)."""
    return marked(cases, policy, reference_day(week, today),
                  reference_day(week.shifted(-1), today), sensitive_fields)


def weekly_counts(cases: Sequence[CaseSnapshot], policy: HotspotPolicy,
                  weeks: Sequence[IsoWeek], today: date,
                  sensitive_fields: frozenset[str] = frozenset()) -> list[tuple[IsoWeek, int]]:
    """How many hotspots each week had (for a trend chart)."""
    out = []
    for week in weeks:
        day = reference_day(week, today)
        rules = _rules(policy)
        n = sum(1 for c in cases if _flags(c, rules, policy, day, sensitive_fields))
        out.append((week, n))
    return out
