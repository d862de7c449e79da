"""Words for hotspots and directives: reason and trend labels, explanations, week names.

No Qt here. English msgids marked with ``N_`` (named placeholders), Vietnamese in
resources/locale/vi/LC_MESSAGES/parts/hotspots.po. The printed pack has its own fixed Vietnamese
wording (printing.weekly_pack); these are the screen's words, in the user's language. The error
sentences of hotspots and directives are in ``reception_desk.texts.hotspots``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from reception_desk.domain.deadlines import DueStatus
from reception_desk.domain.hotspots import Explanation
from reception_desk.domain.hotspots import IsoWeek
from reception_desk.domain.hotspots import Reason
from reception_desk.domain.hotspots import Trend
from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.printing.explanations import explanation_text

REASON_LABELS: dict[Reason, str] = {
    Reason.OVERDUE: N_("Overdue"),
    Reason.LONG_RUNNING: N_("Long-running"),
    Reason.CROWD: N_("Crowd"),
    Reason.REPEAT: N_("Repeated visits"),
    Reason.BYPASS: N_("Level bypass"),
    Reason.BYPASS_SECOND: N_("Bypass: early second complaint"),
    Reason.BYPASS_SIMULTANEOUS: N_("Bypass: several levels at once"),
    Reason.SENSITIVE_FIELD: N_("Sensitive field"),
    Reason.COMPLEX: N_("Complex"),
    Reason.INCIDENT: N_("Disorder"),
    Reason.NO_DIALOGUE: N_("No dialogue"),
}

TREND_LABELS: dict[Trend, str] = {
    Trend.NEW: N_("New"),
    Trend.CONTINUING: N_("Continuing"),
    Trend.COOLED: N_("Cooled down"),
}

#: A marker readable without colour: ▲ new, ● continuing, ▽ cooled down.
TREND_MARKERS: dict[Trend, str] = {Trend.NEW: "▲", Trend.CONTINUING: "●", Trend.COOLED: "▽"}

DUE_LABELS: dict[DueStatus, str] = {
    DueStatus.ON_TIME: N_("On time"),
    DueStatus.DUE_SOON: N_("Due soon"),
    DueStatus.OVERDUE: N_("Overdue"),
}

EXPLANATIONS: dict[str, str] = {
    "overdue.stage": N_("Overdue by {days} days (deadline of the current stage: {due_on})"),
    "long_running.age": N_("Open for {days} days since reception (threshold {threshold} days)"),
    "long_running.levels": N_("Handled at {levels} levels"),
    "long_running.age_levels": N_(
        "Open for {days} days since reception (threshold {threshold} days) and handled at "
        "{levels} levels"),
    "crowd.visits": N_(
        "Crowd: {visits} crowd visits, at most {people} people (threshold {threshold} people "
        "or a delegation), last on {last_on}"),
    "repeat.window": N_("Repeated visits: {visits} visits within {window} days"),
    "bypass.higher_level": N_(
        "Level bypass: a matter within the commune's competence reached the {level} on {on}, "
        "before the commune's decision or deadline"),
    "bypass_second.premature": N_(
        "Level bypass (operational definition (b), not law): second-time complaint {second} "
        "lodged on {on}, before the first-time decision on complaint {first} or the expiry of "
        "its deadline"),
    "bypass_simultaneous.levels": N_(
        "Level bypass (operational definition (c), not law): the matter also reached the "
        "{level} on {on}, within {window} days of the commune's reception ({levels} levels "
        "at once; a ground for not processing the petition, TT 07/2014 Art. 6(2)(b))"),
    "sensitive_field.field": N_("Sensitive field: {field}"),
    "complex.criteria": N_("Complex: {count} complexity criteria recorded (points {letters})"),
    "incident.visits": N_("Disorder at the reception: {visits} visits, last on {last_on}"),
    "no_dialogue.missing": N_(
        "No dialogue held on a complaint that needs one ({basis}); resolution deadline "
        "{due_on}"),
}

LEVELS: dict[str, str] = {
    "district": N_("district level"),
    "province": N_("province level"),
    "ministry_central": N_("central level"),
    "court": N_("court"),
    "police_procuracy": N_("police or procuracy"),
    "party": N_("Party body"),
    "other": N_("other body"),
}

POLICY_NOTE = N_("Local policy of the office, not law: no legal text defines a hot spot.")


def reason_label(reason: Reason) -> str:
    return _(REASON_LABELS[reason])


def trend_label(trend: Trend) -> str:
    return _(TREND_LABELS[trend])


def due_label(status: DueStatus | None) -> str:
    return _(DUE_LABELS[status]) if status is not None else _("No due date")


def format_day(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def week_label(week: IsoWeek) -> str:
    return _("Week {week} ({first} – {last})").format(
        week=f"{week.week:02d}/{week.year}", first=week.monday.strftime("%d/%m"),
        last=week.sunday.strftime("%d/%m/%Y"))


def explain(explanation: Explanation, field_labels: Mapping[str, str] | None = None) -> str:
    """The sentence of a hotspot explanation in the user's language."""
    return explanation_text(explanation, EXPLANATIONS, LEVELS, field_labels, day=format_day,
                            translate=_)

