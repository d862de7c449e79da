"""Legal time limits (LEGAL.md §4) as a replaceable rule table, and the date arithmetic on them.

Counting (LEGAL.md §4.1):

- ``CALENDAR_DAYS`` ("ngày"): Civil Code Art. 147–148 — the start day is not counted; the period
  ends at the end of its last day, moved to the next working day when that day is a day off.
- ``WORKING_DAYS`` ("ngày làm việc"): only working days count, starting the day after the start.

Every rule is data (``DEFAULT_RULES``) and every function takes ``rules=`` so the office can replace
the [M]/[T]-tagged ones without a new release. Codes and enums only; no text, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import pairwise
from typing import NamedTuple

from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.errors import UserError


class PeriodUnit(StrEnum):
    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS = "working_days"


class DeadlineKind(StrEnum):
    """Stable codes of the time limits the app tracks."""

    INTAKE_NOTICE = "intake_notice"  # tell the citizen the intake result
    COMPLAINT_ACCEPTANCE = "complaint_acceptance"  # thụ lý or refuse a complaint
    COMPLAINT_1 = "complaint_1"  # resolve a first-time complaint
    COMPLAINT_2 = "complaint_2"  # resolve a second-time complaint
    COMPLAINT_DISCIPLINARY = "complaint_disciplinary"  # complaint against a disciplinary decision
    DENUNCIATION_PROCESSING = "denunciation_processing"  # log, classify, check acceptance
    DENUNCIATION_TRANSFER = "denunciation_transfer"  # transfer when not within competence
    DENUNCIATION_RESOLUTION = "denunciation_resolution"
    REFUSAL_NOTICE = "refusal_notice"  # written refusal of reception
    COMPLAINT_LIMITATION = "complaint_limitation"  # thời hiệu khiếu nại, from knowing of the act
    SECOND_COMPLAINT_WINDOW = "second_complaint_window"  # time to lodge a 2nd-time complaint
    REPORT_TO_TRANSFERRING_BODY = "report_to_transferring_body"  # result to the sending body
    UNPROCESSED_PETITION = "unprocessed_petition"  # đơn not processed: discipline trigger


class Variant(StrEnum):
    """Which length of a rule applied."""

    STANDARD = "standard"
    COMPLEX = "complex"
    REMOTE = "remote"  # vùng sâu, vùng xa đi lại khó khăn
    COMPLEX_REMOTE = "complex_remote"
    SEVERAL_PLACES = "several_places"  # Luật TC Art. 24(1): verification at several places or
    # entrusted verification


class SourceConfidence(StrEnum):
    """How well the rule's source was checked (LEGAL.md §0 tags)."""

    PRIMARY = "primary"  # [P] read in the official legal code
    TRANSCRIPTION = "transcription"  # [T] OCR transcription of a 2026 text
    SECONDARY = "secondary"  # [N] news / legal portals
    UNVERIFIED = "unverified"  # [M] background knowledge


class DueStatus(StrEnum):
    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


#: "Due soon": due within this many working days, today included (issue 4; ``due_status``).
DUE_SOON_WORKING_DAYS = 3


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    """One time limit, in force for matters received in [valid_from, valid_to] (inclusive).

    A missing variant length falls back (see ``period``); ``extension_days`` × up to
    ``max_extensions`` may be added by written extension decisions. When
    ``extensions_need_complexity`` is set (Luật TC 2018 Art. 30), a complex matter may have
    ``complex_extensions`` of them and only an especially complex one ``max_extensions``.
    ``several_places_days`` is Luật TC 2018 Art. 24(1)'s longer intake: only for verification at
    several places or entrusted verification, not for any complexity criterion.
    """

    kind: DeadlineKind
    unit: PeriodUnit
    days: int
    basis: str
    confidence: SourceConfidence
    complex_days: int | None = None
    remote_days: int | None = None
    complex_remote_days: int | None = None
    extension_days: int = 0
    max_extensions: int = 0
    valid_from: date = date.min
    valid_to: date | None = None
    several_places_days: int | None = None
    extensions_need_complexity: bool = False
    complex_extensions: int = 0

    def allowed_extensions(self, complex: bool, especially_complex: bool) -> int:
        """How many extension decisions the matter may have under this rule."""
        if not self.extensions_need_complexity:
            return self.max_extensions
        if especially_complex:
            return self.max_extensions
        return min(self.complex_extensions, self.max_extensions) if complex else 0

    def in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def period(self, complex: bool, remote: bool) -> tuple[Variant, int]:
        """The variant and length that apply.

        A rule without the asked-for variant gives the longest variant it has among those the
        matter qualifies for, so a missing figure never shortens the period below what applies.
        """
        if complex and remote and self.complex_remote_days is not None:
            return Variant.COMPLEX_REMOTE, self.complex_remote_days
        variant, days = Variant.STANDARD, self.days
        if complex and self.complex_days is not None and self.complex_days > days:
            variant, days = Variant.COMPLEX, self.complex_days
        if remote and self.remote_days is not None and self.remote_days > days:
            variant, days = Variant.REMOTE, self.remote_days
        return variant, days


# Dates the law changed on.
COMPLAINT_DECREE_2026 = date(2026, 7, 1)  # NĐ 155/2026, NĐ 154/2026, Luật 136/2025 in force

DEFAULT_RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule(DeadlineKind.INTAKE_NOTICE, PeriodUnit.WORKING_DAYS, 10,
                 "Luật TCD 2013 Art. 28(1)", SourceConfidence.PRIMARY,
                 valid_from=date(2014, 7, 1)),
    # The Law says "10 ngày" (calendar days per the Civil Code); TT 07/2013 says working days —
    # LEGAL.md §12 Q5, so this row is a prime candidate for an office override.
    DeadlineRule(DeadlineKind.COMPLAINT_ACCEPTANCE, PeriodUnit.CALENDAR_DAYS, 10,
                 "Luật KN 2011 Art. 27, 36", SourceConfidence.PRIMARY,
                 valid_from=date(2012, 7, 1), valid_to=date(2026, 6, 30)),
    DeadlineRule(DeadlineKind.COMPLAINT_ACCEPTANCE, PeriodUnit.WORKING_DAYS, 7,
                 "NĐ 155/2026 (NĐ 124/2020 Art. 16(1))", SourceConfidence.TRANSCRIPTION,
                 valid_from=COMPLAINT_DECREE_2026),
    DeadlineRule(DeadlineKind.COMPLAINT_1, PeriodUnit.CALENDAR_DAYS, 30,
                 "Luật KN 2011 Art. 28", SourceConfidence.PRIMARY,
                 complex_days=45, remote_days=45, complex_remote_days=60,
                 valid_from=date(2012, 7, 1)),
    DeadlineRule(DeadlineKind.COMPLAINT_2, PeriodUnit.CALENDAR_DAYS, 45,
                 "Luật KN 2011 Art. 37", SourceConfidence.PRIMARY,
                 complex_days=60, remote_days=60, complex_remote_days=70,
                 valid_from=date(2012, 7, 1)),
    DeadlineRule(DeadlineKind.COMPLAINT_DISCIPLINARY, PeriodUnit.CALENDAR_DAYS, 30,
                 "Luật KN 2011 Art. 50", SourceConfidence.PRIMARY,
                 complex_days=45, valid_from=date(2012, 7, 1)),
    # 10 working days only for verification at several places or entrusted verification
    # (``several_places``), not for any complexity criterion (LEGAL.md §4.4).
    DeadlineRule(DeadlineKind.DENUNCIATION_PROCESSING, PeriodUnit.WORKING_DAYS, 7,
                 "Luật TC 2018 Art. 24(1)", SourceConfidence.PRIMARY,
                 several_places_days=10, valid_from=date(2019, 1, 1)),
    DeadlineRule(DeadlineKind.DENUNCIATION_TRANSFER, PeriodUnit.WORKING_DAYS, 5,
                 "Luật TC 2018 Art. 24(2)", SourceConfidence.PRIMARY,
                 valid_from=date(2019, 1, 1)),
    DeadlineRule(DeadlineKind.DENUNCIATION_RESOLUTION, PeriodUnit.CALENDAR_DAYS, 30,
                 "Luật TC 2018 Art. 30", SourceConfidence.PRIMARY,
                 extension_days=30, max_extensions=2, extensions_need_complexity=True,
                 complex_extensions=1, valid_from=date(2019, 1, 1)),
    DeadlineRule(DeadlineKind.REFUSAL_NOTICE, PeriodUnit.WORKING_DAYS, 3,
                 "NĐ 154/2026 Art. 4(3)", SourceConfidence.TRANSCRIPTION,
                 valid_from=COMPLAINT_DECREE_2026),
    # LEGAL.md §4.2. Start: the day the complainant received or knew of the decision/act; time of
    # illness, disaster, distant work/study or other objective obstacles is not counted.
    DeadlineRule(DeadlineKind.COMPLAINT_LIMITATION, PeriodUnit.CALENDAR_DAYS, 90,
                 "Luật KN 2011 Art. 9", SourceConfidence.PRIMARY,
                 valid_from=date(2012, 7, 1)),
    # Start: expiry of the 1st-time deadline without a decision, or receipt of the 1st decision.
    DeadlineRule(DeadlineKind.SECOND_COMPLAINT_WINDOW, PeriodUnit.CALENDAR_DAYS, 30,
                 "Luật KN 2011 Art. 33(1)", SourceConfidence.PRIMARY,
                 remote_days=45, valid_from=date(2012, 7, 1)),
    # Start: the case resolved; to NA bodies, deputies, Ban TCD that transferred it.
    DeadlineRule(DeadlineKind.REPORT_TO_TRANSFERRING_BODY, PeriodUnit.WORKING_DAYS, 7,
                 "Luật TCD 2013 Art. 27(2)", SourceConfidence.PRIMARY,
                 valid_from=date(2014, 7, 1)),
    # Not processing a đơn 45 days after receipt without good reason: discipline (cách chức).
    DeadlineRule(DeadlineKind.UNPROCESSED_PETITION, PeriodUnit.CALENDAR_DAYS, 45,
                 "NĐ 154/2026 Art. 41(3)(b)", SourceConfidence.TRANSCRIPTION,
                 valid_from=COMPLAINT_DECREE_2026),
)


# Results are plain (unfrozen) slotted dataclasses: a frozen one costs 5× more to build, and the
# case list builds two per row. Treat them as values all the same.
@dataclass(slots=True)
class Deadline:
    """A computed time limit (a value: do not mutate).

    ``due`` is None while the clock is stopped by an open suspension; ``paused_remaining`` then
    says how many units (of ``unit``) will run after the continuation decision.
    """

    kind: DeadlineKind
    start: date
    due: date | None
    unit: PeriodUnit
    days: int  # total length including extensions
    variant: Variant
    basis: str
    extensions: int = 0
    paused_remaining: int | None = None

    @property
    def paused(self) -> bool:
        return self.due is None


@dataclass(slots=True)
class DeadlineStatus:
    """Where today stands against a due date (a value: do not mutate).

    ``*_days_left`` are negative once overdue.
    """

    status: DueStatus
    working_days_left: int
    calendar_days_left: int


class SuspensionInterval(NamedTuple):
    """A stopped clock: resumed_on is None while still suspended. Plain 2-tuples work too."""

    suspended_on: date
    resumed_on: date | None = None


# -- rule lookup ------------------------------------------------------------------------------

# Rule tables are small but looked up per case row: index tuples once, by identity. The entry keeps
# the tuple alive, so its id cannot be reused by another object while cached.
_INDEX_CACHE: dict[int, tuple[Sequence[DeadlineRule], dict[DeadlineKind, tuple[DeadlineRule, ...]]]]
_INDEX_CACHE = {}
_INDEX_CACHE_SIZE = 16


def _index(rules: Sequence[DeadlineRule]) -> dict[DeadlineKind, tuple[DeadlineRule, ...]]:
    hit = _INDEX_CACHE.get(id(rules))
    if hit is not None and hit[0] is rules:
        return hit[1]
    grouped: dict[DeadlineKind, list[DeadlineRule]] = {}
    for rule in rules:
        grouped.setdefault(rule.kind, []).append(rule)
    index = {k: tuple(sorted(v, key=lambda r: r.valid_from, reverse=True))
             for k, v in grouped.items()}
    if isinstance(rules, tuple):  # lists may change behind our back: never cache them
        if len(_INDEX_CACHE) >= _INDEX_CACHE_SIZE:
            _INDEX_CACHE.pop(next(iter(_INDEX_CACHE)))
        _INDEX_CACHE[id(rules)] = (rules, index)
    return index


def rule_for(kind: DeadlineKind, on: date,
             rules: Sequence[DeadlineRule] = DEFAULT_RULES) -> DeadlineRule | None:
    """The rule of ``kind`` in force for a matter received ``on`` (the latest one if several)."""
    for rule in _index(rules).get(kind, ()):
        if rule.valid_from <= on and (rule.valid_to is None or on <= rule.valid_to):
            return rule
    return None


def replace_rules(base: Iterable[DeadlineRule],
                  replacements: Iterable[DeadlineRule]) -> tuple[DeadlineRule, ...]:
    """``base`` with each rule swapped for the replacement of the same kind and ``valid_from``.

    Replacements with a new (kind, valid_from) are added. The result is a tuple, so lookups on it
    stay cached.
    """
    merged = {(r.kind, r.valid_from): r for r in base}
    for r in replacements:
        merged[(r.kind, r.valid_from)] = r
    result = tuple(merged.values())
    validate_rules(result)
    return result


def validate_rules(rules: Iterable[DeadlineRule]) -> None:
    """Raise ``UserError`` when a rule table cannot be used as is."""
    by_kind: dict[DeadlineKind, list[DeadlineRule]] = {}
    for r in rules:
        lengths = (r.days, r.complex_days, r.remote_days, r.complex_remote_days,
                   r.several_places_days)
        if any(n is not None and n <= 0 for n in lengths):
            raise UserError("deadline.rule_length_invalid", field="days", kind=r.kind)
        if r.extension_days < 0 or r.max_extensions < 0:
            raise UserError("deadline.rule_extension_invalid", field="extension_days", kind=r.kind)
        if r.valid_to is not None and r.valid_to < r.valid_from:
            raise UserError("deadline.rule_dates_reversed", field="valid_to", kind=r.kind)
        by_kind.setdefault(r.kind, []).append(r)
    for kind, group in by_kind.items():
        group.sort(key=lambda r: r.valid_from)
        for earlier, later in pairwise(group):
            if earlier.valid_to is None or earlier.valid_to >= later.valid_from:
                raise UserError("deadline.rules_overlap", field="valid_from", kind=kind,
                                valid_from=later.valid_from)


# -- arithmetic ---------------------------------------------------------------------------------

# Enum member lookups cost ~50 ns each in Python 3.11: the per-row paths use these names instead.
_WORKING = PeriodUnit.WORKING_DAYS
_STANDARD = Variant.STANDARD
_ON_TIME, _DUE_SOON, _OVERDUE = DueStatus.ON_TIME, DueStatus.DUE_SOON, DueStatus.OVERDUE


def _end_ordinal(after: int, n: int, unit: PeriodUnit, calendar: WorkingCalendar) -> int:
    """Ordinal of the last day of an ``n``-unit period counted from the day after ``after``."""
    if unit is _WORKING:
        return calendar.nth_working_ordinal(after, n) if n > 0 else after
    return calendar.next_working_ordinal(after + n)


def period_end(start: date, days: int, unit: PeriodUnit, calendar: WorkingCalendar,
               suspensions: Sequence[tuple[date, date | None]] = ()) -> tuple[date | None, int]:
    """Last day of a period of ``days`` units starting after ``start``, and the units left.

    The clock stands still from each suspension day to its continuation day, both included; it
    runs on after the continuation day as it did after the start day (LEGAL.md §4.1, NĐ 155/2026:
    counted "from the date of that decision"). So a suspension can only move the end later. With
    an open suspension the end is unknown: returns (None, units still to run).
    """
    if days < 0:
        raise ValueError("days must not be negative")
    cursor = start.toordinal()
    if not suspensions:
        return date.fromordinal(_end_ordinal(cursor, days, unit, calendar)), 0
    remaining = days
    previous_end = cursor
    for suspended_on, resumed_on in sorted(suspensions, key=lambda s: s[0]):
        s = suspended_on.toordinal()
        if s < start.toordinal():
            raise UserError("deadline.suspension_before_start", field="suspended_on",
                            suspended_on=suspended_on)
        if s < previous_end:
            raise UserError("deadline.suspension_overlaps", field="suspended_on",
                            suspended_on=suspended_on)
        if resumed_on is not None and resumed_on < suspended_on:
            raise UserError("deadline.resumed_before_suspended", field="resumed_on",
                            suspended_on=suspended_on, resumed_on=resumed_on)
        if unit is PeriodUnit.WORKING_DAYS:
            available = calendar.count_working_ordinals(cursor, s - 1)
        else:
            available = s - 1 - cursor
        if available >= remaining:
            break  # the period ran out before this suspension: it changes nothing
        remaining -= max(available, 0)
        if resumed_on is None:
            return None, remaining
        cursor = previous_end = resumed_on.toordinal()
    return date.fromordinal(_end_ordinal(cursor, remaining, unit, calendar)), 0


def compute_deadline(kind: DeadlineKind, start: date, calendar: WorkingCalendar, *,
                     received_on: date | None = None, complex: bool = False,
                     remote: bool = False, extensions: int = 0,
                     especially_complex: bool = False, several_places: bool = False,
                     suspensions: Sequence[tuple[date, date | None]] = (),
                     rules: Sequence[DeadlineRule] = DEFAULT_RULES) -> Deadline:
    """The due date of ``kind`` for a period starting the day after ``start``.

    The rule in force is chosen by ``received_on`` (the day the matter was received; defaults to
    ``start``). ``complex``/``remote`` select the variant; ``several_places`` selects Luật TC
    Art. 24(1)'s longer intake; ``extensions`` adds that many extension periods, which Luật TC
    Art. 30 allows once for a complex and twice for an especially complex matter. Raises
    ``UserError`` when no rule is in force or the extensions are not allowed.
    """
    on = start if received_on is None else received_on
    hit = _INDEX_CACHE.get(id(rules))
    index = hit[1] if hit is not None and hit[0] is rules else _index(rules)
    rule = None
    for candidate in index.get(kind, ()):
        if candidate.valid_from <= on and (candidate.valid_to is None or on <= candidate.valid_to):
            rule = candidate
            break
    if rule is None:
        raise UserError("deadline.no_rule", kind=kind, received_on=on)
    complex = complex or especially_complex
    if complex or remote:
        variant, days = rule.period(complex, remote)
    else:
        variant, days = _STANDARD, rule.days
    if several_places and rule.several_places_days is not None and rule.several_places_days > days:
        variant, days = Variant.SEVERAL_PLACES, rule.several_places_days
    if extensions:
        if not 0 <= extensions <= rule.max_extensions:
            raise UserError("deadline.extension_limit", field="extensions", kind=kind,
                            extensions=extensions, max_extensions=rule.max_extensions)
        allowed = rule.allowed_extensions(complex, especially_complex)
        if extensions > allowed and allowed == 0:
            raise UserError("deadline.extension_needs_complex", field="extensions", kind=kind,
                            extensions=extensions, basis=rule.basis)
        if extensions > allowed:
            raise UserError("deadline.second_extension_needs_especially_complex",
                            field="extensions", kind=kind, extensions=extensions,
                            basis=rule.basis)
        days += extensions * rule.extension_days
    if suspensions:
        due, left = period_end(start, days, rule.unit, calendar, suspensions)
        return Deadline(kind, start, due, rule.unit, days, variant, rule.basis, extensions,
                        left if due is None else None)
    # Fast path (the case list calls this once per row): _end_ordinal inlined.
    after = start.toordinal()
    if rule.unit is _WORKING:
        end = calendar.nth_working_ordinal(after, days) if days > 0 else after
    else:
        end = calendar.next_working_ordinal(after + days)
    return Deadline(kind, start, date.fromordinal(end), rule.unit, days, variant, rule.basis,
                    extensions)


def due_status(calendar_days_left: int, working_days_left: int,
               soon_within: int = DUE_SOON_WORKING_DAYS) -> DueStatus:
    """OVERDUE once the due day has passed, DUE_SOON with ``soon_within`` working days or fewer
    left (today included), else ON_TIME: the one due-status rule of every list and count."""
    if calendar_days_left < 0:
        return _OVERDUE
    if working_days_left <= soon_within:
        return _DUE_SOON
    return _ON_TIME


def status_for(due: date, today: date, calendar: WorkingCalendar, *,
               soon_within: int = DUE_SOON_WORKING_DAYS) -> DeadlineStatus:
    """Where ``today`` stands against ``due`` (``due_status``), with the days left.

    Working days left count (today, due]; overdue figures are negative (working days after due up
    to today).
    """
    due_o = due.toordinal()
    today_o = today.toordinal()
    calendar_left = due_o - today_o
    working_left = calendar.count_working_ordinals(today_o, due_o)
    return DeadlineStatus(due_status(calendar_left, working_left, soon_within), working_left,
                          calendar_left)


def due_soon_limit(today: date, calendar: WorkingCalendar,
                   soon_within: int = DUE_SOON_WORKING_DAYS) -> date:
    """First due date that is no longer "due soon": due dates in [today, limit) are DUE_SOON.

    ``status_for`` counts working days in (today, due]; that count stays ≤ n up to the day before
    the (n+1)-th working day after today. Lets SQL count statuses by comparing due dates.
    """
    return calendar.add_working_days(today, soon_within + 1)
