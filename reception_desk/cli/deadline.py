"""``reception-desk deadline KIND START [--complex] [--remote] [--extensions N] [--json]``.

The legal deadline calculator clerks can use too. The office's announced days off and make-up
working days (and its figures for unverified rules) are read from the database when
``--database`` is given or the default database exists (opened like for every command: refused
if too new or damaged, migrated if older); otherwise the statutory calendar (holidays.VN) with
the shipped announced swaps (LEGAL.md §4.4) and the statutory rule table apply.
Each day off listed says where it comes from: statute, announced swap or office edit.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from datetime import timedelta
from pathlib import Path
from typing import Any

from reception_desk.cli.auth import command_desk
from reception_desk.cli.auth import for_command_line
from reception_desk.config import DATABASE_ENV
from reception_desk.domain.calendar import DayInfo
from reception_desk.domain.calendar import DayOrigin
from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.calendar import days_off_in
from reception_desk.domain.deadlines import DEFAULT_RULES
from reception_desk.domain.deadlines import Deadline
from reception_desk.domain.deadlines import DeadlineKind
from reception_desk.domain.deadlines import DeadlineRule
from reception_desk.domain.deadlines import PeriodUnit
from reception_desk.domain.deadlines import compute_deadline
from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.paths import default_database_path
from reception_desk.texts import message_for
from reception_desk.texts.cases import case_label
from reception_desk.texts.cases import format_day
from reception_desk.texts.cases import weekday_name

NAME = "deadline"

# The command-line names (issue 4) and the domain's codes.
KINDS: dict[str, DeadlineKind] = {
    "intake-notice": DeadlineKind.INTAKE_NOTICE,
    "complaint-acceptance": DeadlineKind.COMPLAINT_ACCEPTANCE,
    "complaint-1": DeadlineKind.COMPLAINT_1,
    "complaint-2": DeadlineKind.COMPLAINT_2,
    "denunciation-processing": DeadlineKind.DENUNCIATION_PROCESSING,
    "denunciation-transfer": DeadlineKind.DENUNCIATION_TRANSFER,
    "denunciation-resolution": DeadlineKind.DENUNCIATION_RESOLUTION,
    "refusal-notice": DeadlineKind.REFUSAL_NOTICE,
    "complaint-limitation": DeadlineKind.COMPLAINT_LIMITATION,
    "second-complaint-window": DeadlineKind.SECOND_COMPLAINT_WINDOW,
    "report-to-transferring-body": DeadlineKind.REPORT_TO_TRANSFERRING_BODY,
    "unprocessed-petition": DeadlineKind.UNPROCESSED_PETITION,
}


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(NAME, parents=[common],
                       help=_("compute a legal deadline (working days, holidays, Tết)"))
    # Plain strings: bad values get our own Vietnamese message (argparse's is English).
    p.add_argument("kind", metavar="KIND", nargs="?", default="",
                   help=_("one of: {choices}").format(choices=", ".join(KINDS)))
    p.add_argument("start", metavar="START", nargs="?", default="",
                   help=_("the day the period runs from, YYYY-MM-DD (not counted)"))
    p.add_argument("--complex", action="store_true", help=_("complex case (criteria a–g)"))
    p.add_argument("--especially-complex", action="store_true",
                   help=_("especially complex case (two or more criteria)"))
    p.add_argument("--several-places", action="store_true",
                   help=_("verification at several places or entrusted (denunciation intake)"))
    p.add_argument("--remote", action="store_true", help=_("remote, hard-to-travel area"))
    p.add_argument("--extensions", default="0", metavar="N",
                   help=_("extensions decided (denunciations: 0–2)"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))


def _parse(args: argparse.Namespace) -> tuple[DeadlineKind, date, int]:
    if not args.kind or not args.start:
        raise UserError("cli.deadline_arguments_missing", choices=", ".join(KINDS))
    kind = KINDS.get(str(args.kind).strip().lower())
    if kind is None:
        raise UserError("cli.deadline_kind_unknown", value=args.kind, choices=", ".join(KINDS))
    try:
        start = date.fromisoformat(str(args.start).strip())
    except ValueError:
        raise UserError("cli.deadline_date_invalid", value=args.start) from None
    try:
        extensions = int(str(args.extensions).strip())
    except ValueError:
        raise UserError("cli.deadline_extensions_invalid", value=args.extensions) from None
    if extensions < 0:
        raise UserError("cli.deadline_extensions_invalid", value=args.extensions)
    return kind, start, extensions


def _office_data(args: argparse.Namespace) -> tuple[WorkingCalendar, tuple[DeadlineRule, ...], str]:
    """The office calendar and rules if a database is at hand, else the statutory ones.

    The database is opened through every command's door (``command_desk``): one too new, damaged
    or holding no logbook is refused with the same message, an older one is backed up and
    migrated first."""
    if (not args.database and not os.environ.get(DATABASE_ENV)
            and not Path(default_database_path()).exists()):
        return WorkingCalendar(), DEFAULT_RULES, "statutory"
    with command_desk(args) as desk:
        return desk.cases.calendar(), desk.cases.rules(), "office"


def _holidays(deadline: Deadline, calendar: WorkingCalendar) -> list[DayInfo]:
    """Days off in the period other than ordinary weekends, with their origin."""
    if deadline.due is None:
        return []
    infos = (calendar.day_info(d)
             for d in days_off_in(calendar, deadline.start + timedelta(days=1), deadline.due))
    return [i for i in infos if i.origin is not DayOrigin.ORDINARY]


def _json(deadline: Deadline, name: str, args: argparse.Namespace, source: str,
          days_off: list[DayInfo]) -> str:
    assert deadline.due is not None
    return json.dumps({
        "kind": name,
        "start": deadline.start.isoformat(),
        "due": deadline.due.isoformat(),
        "unit": deadline.unit.value,
        "days": deadline.days,
        "variant": deadline.variant.value,
        "extensions": deadline.extensions,
        "basis": deadline.basis,
        "complex": bool(args.complex or args.especially_complex),
        "especially_complex": bool(args.especially_complex),
        "remote": bool(args.remote),
        "calendar": source,
        "holidays": [i.day.isoformat() for i in days_off],
        "holiday_origins": {i.day.isoformat(): i.origin.value for i in days_off},
    }, ensure_ascii=False)


def _human(deadline: Deadline, source: str, days_off: list[DayInfo]) -> str:
    assert deadline.due is not None
    lines = [
        _("{kind}: due {weekday} {due}").format(
            kind=case_label(deadline.kind), weekday=weekday_name(deadline.due),
            due=format_day(deadline.due)),
        (_("{days} working days after {start} (the start day is not counted)")
         if deadline.unit is PeriodUnit.WORKING_DAYS else
         _("{days} calendar days after {start} (the start day is not counted; a last day "
           "that is a day off moves to the next working day)")).format(
            days=deadline.days, start=format_day(deadline.start)),
        _("Variant: {variant}").format(variant=case_label(deadline.variant)),
        _("Legal basis: {basis}").format(basis=deadline.basis),
    ]
    if days_off:
        lines.append(_("Holidays and announced days off in the period: {days}").format(
            days=", ".join(f"{format_day(i.day)} ({case_label(i.origin)})" for i in days_off)))
    lines.append(_("Calendar: the office's (holidays plus announced days off)")
                 if source == "office" else
                 _("Calendar: statutory holidays and the announced swaps shipped with the app "
                   "(no office edits)"))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    try:
        kind, start, extensions = _parse(args)
        calendar, rules, source = _office_data(args)
        deadline = compute_deadline(kind, start, calendar, complex=args.complex,
                                    especially_complex=args.especially_complex,
                                    several_places=args.several_places,
                                    remote=args.remote, extensions=extensions, rules=rules)
    except UserError as exc:  # database trouble (KnownError) is worded by the CLI's handler
        print(message_for(for_command_line(exc)), file=sys.stderr)
        return 2
    days_off = _holidays(deadline, calendar)
    name = next(k for k, v in KINDS.items() if v is kind)
    print(_json(deadline, name, args, source, days_off) if args.json
          else _human(deadline, source, days_off))
    return 0
