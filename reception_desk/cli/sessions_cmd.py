"""``reception-desk sessions [--month YYYY-MM | --from D --to D] [--json]``: the head's reception
sessions of a span and the chair's duty (met / scheduled / at risk / missed) over it (issue 14).

Lists sessions (days, hours, leaders, visits): it needs an account that may view records."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from reception_desk.cli.auth import command_desk
from reception_desk.domain.dates import parse_day
from reception_desk.domain.sessions import DutyState
from reception_desk.domain.sessions import PublicityWarning
from reception_desk.domain.sessions import SessionStatus
from reception_desk.errors import ReceptionDeskError
from reception_desk.errors import UserError
from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.texts import message_for

NAME = "sessions"


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(NAME, parents=[common],
                       help=_("the leaders' reception sessions and the chair's duty"))
    p.add_argument("--month", metavar="YYYY-MM", help=_("a month (default: this month)"))
    p.add_argument("--from", dest="first", metavar="DAY", help=_("first day of a custom window"))
    p.add_argument("--to", dest="last", metavar="DAY", help=_("last day of a custom window"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))


def span_of(args: argparse.Namespace, today: date) -> tuple[date, date]:
    from reception_desk.services.sessions.notices import month_end

    if args.first or args.last:
        try:
            first, last = parse_day(args.first or ""), parse_day(args.last or "")
        except ValueError as exc:
            raise UserError("session.bad_span", text=str(exc)) from None
        if first is None or last is None:
            raise UserError("session.bad_span", text=f"{args.first} {args.last}")
        return first, last
    if args.month:
        try:
            year, month = (int(x) for x in args.month.split("-"))
            first = date(year, month, 1)
        except ValueError:
            raise UserError("session.bad_span", text=args.month) from None
        return first, month_end(first)
    first = today.replace(day=1)
    return first, month_end(first)


def run(args: argparse.Namespace) -> int:
    with command_desk(args) as desk:
        try:
            first, last = span_of(args, desk.today())
            schedule = desk.sessions.schedule(first, last)
        except ReceptionDeskError as exc:
            print(message_for(exc), file=sys.stderr)
            return 2
    if args.json:
        print(json.dumps({
            "from": first.isoformat(), "to": last.isoformat(),
            "sessions": [{"id": s.id, "day": s.day.isoformat(), "hours": s.hours,
                          "status": s.status.value, "leader": s.leader_name,
                          "leader_role": s.leader_role.value, "no_citizen": s.no_citizen,
                          "published_on": s.published_on.isoformat() if s.published_on
                          else None, "visits": s.visit_count,
                          "warnings": [w.value for w in s.warnings],
                          "conclusions": [c.label for c in s.conclusions]}
                         for s in schedule.sessions],
            "duty": [{"period": p.label, "from": p.first.isoformat(), "to": p.last.isoformat(),
                      "unit": p.unit.value, "required": p.required,
                      "held": [d.isoformat() for d in p.held_days],
                      "planned": [d.isoformat() for d in p.planned_days],
                      "state": p.state.value, "source": p.rule.source}
                     for p in schedule.duty],
        }, ensure_ascii=False, indent=2))
        return 0
    print(_("Sessions from {first} to {last}").format(first=f"{first:%d/%m/%Y}",
                                                     last=f"{last:%d/%m/%Y}"))
    for s in schedule.sessions:
        extra = f" — {_('nobody came')}" if s.no_citizen else ""
        warn = "; ".join(_(_WARNINGS[w]) for w in s.warnings)
        print(f"  {s.day:%d/%m/%Y} {s.hours}  {s.leader_name}  {_(_STATUS[s.status])}{extra}"
              f"  ({s.visit_count})" + (f"  ! {warn}" if warn else ""))
    for p in schedule.duty:
        print(_("{period}: {held} of {required} days held — {state}").format(
            period=p.label, held=len(p.held_days), required=p.required,
            state=_(_STATES[p.state])))
    return 0


_STATES = {DutyState.MET: N_("met"), DutyState.SCHEDULED: N_("scheduled"),
           DutyState.AT_RISK: N_("at risk"), DutyState.MISSED: N_("missed")}
_STATUS = {SessionStatus.PLANNED: N_("planned"), SessionStatus.HELD: N_("held"),
           SessionStatus.CANCELLED: N_("cancelled")}
_WARNINGS = {PublicityWarning.DAY_OFF: N_("on a day off"),
             PublicityWarning.LATE_NOTICE: N_("posted fewer than 5 working days ahead"),
             PublicityWarning.NOT_PUBLISHED: N_("not posted, already too late")}
