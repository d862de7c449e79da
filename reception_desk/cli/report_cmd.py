"""``reception-desk report FORM --period P | --from D --to D [--xlsx F] [--pdf F] [--json]
[--drill N]``: a statutory periodic report (01/TCD, 01/XLD, 02/XLD, 03/XLD, 04/XLD, 01/KQGQ) for
any window.

The counts carry no personal data and run without ``--user``; ``--drill N`` lists the visits or
petitions behind column N and needs an account that may view records (cli/auth.py ``needs_of``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from reception_desk.cli.auth import command_desk
from reception_desk.cli.print_cmd import write_file
from reception_desk.domain.dates import parse_day
from reception_desk.domain.periods import ReportPeriod
from reception_desk.domain.periods import custom
from reception_desk.domain.periods import parse_period
from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.services.reports.desk import parse_form
from reception_desk.texts import message_for

NAME = "report"


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        NAME, parents=[common],
        help=_("a statutory periodic report (01/TCD, 01/XLD … 01/KQGQ) for a period"))
    p.add_argument("form", metavar="FORM",
                   help=_("the form: 01/TCD, 01/XLD, 02/XLD, 03/XLD, 04/XLD or 01/KQGQ"))
    p.add_argument("--period", metavar="P",
                   help=_("2026-Q3, 2026-H1, 2026-9M, 2026 or 2026-11 (data cut-off on the 14th)"))
    p.add_argument("--from", dest="first", metavar="DAY", help=_("first day of a custom window"))
    p.add_argument("--to", dest="last", metavar="DAY", help=_("last day of a custom window"))
    p.add_argument("--xlsx", type=Path, metavar="FILE", help=_("also write the form as XLSX"))
    p.add_argument("--pdf", type=Path, metavar="FILE", help=_("also write the report as PDF"))
    p.add_argument("--number", default="", metavar="N",
                   help=_("the report's number (Số …/BC-UBND); blank to fill in by hand"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.add_argument("--drill", type=int, metavar="COLUMN",
                   help=_("list the visits or petitions counted in this column"))


def period_of(args: argparse.Namespace) -> ReportPeriod:
    if args.period and (args.first or args.last):
        raise UserError("report.period_invalid", text=f"{args.period} + --from/--to")
    if args.period:
        return parse_period(args.period)
    try:
        first, last = parse_day(args.first or ""), parse_day(args.last or "")
    except ValueError as exc:
        raise UserError("report.period_invalid", text=str(exc)) from None
    if first is None or last is None:
        raise UserError("report.period_invalid", text=args.period or "")
    return custom(first, last)


def run(args: argparse.Namespace) -> int:
    try:
        form = parse_form(args.form)
        period = period_of(args)
    except UserError as exc:
        print(message_for(exc), file=sys.stderr)
        return 2
    with command_desk(args) as desk:
        result = desk.reports.compute(form, period)
        drill = desk.reports.drill(form, period, args.drill) if args.drill else None
        if args.xlsx:
            write_file(args.xlsx, desk.reports.render_xlsx(result, args.number))
        if args.pdf:
            write_file(args.pdf, desk.reports.render_pdf(result, args.number))
    columns = {str(n): v for n, v in sorted(result.values.items()) if v is not None}
    if args.json:
        out: dict[str, Any] = {
            "form": form.value, "period": period.code, "from": period.first.isoformat(),
            "to": period.last.isoformat(), "columns": columns,
            "not_recorded": [str(n) for n in result.not_recorded],
            "sessions_from": "visits" if result.sessions_from_visits else None,
        }
        if drill is not None:
            out["drill"] = {"column": str(drill.column), "value": drill.value,
                            "visits" if drill.visits else "cases": drill.ids}
            if drill.sessions:  # columns 12, 21 (issue 14)
                out["drill"]["sessions"] = [
                    {"session": x.session_id, "day": x.day.isoformat(),
                     "leader": x.leader_name, "no_citizen": x.no_citizen}
                    for x in drill.sessions]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print(_("Form {form}, {first} to {last}").format(
        form=form.value, first=period.first.strftime("%d/%m/%Y"),
        last=period.last.strftime("%d/%m/%Y")))
    print("  ".join(f"{n}: {v}" for n, v in columns.items()))
    if result.not_recorded:
        print(_("Not recorded by the app (left blank, not 0): columns {columns}.").format(
            columns=", ".join(map(str, result.not_recorded))))
    if result.sessions_from_visits:
        print(_("Sessions (columns 12, 21) are counted from the visits: distinct day and "
                "presiding leader."))
    if drill is not None:
        print(_("Column {column} ({value}): {ids}").format(
            column=drill.column, value=drill.value,
            ids=", ".join(v.number for v in drill.visits) or
            ", ".join(c.number for c in drill.cases) or
            ", ".join(x.day.strftime("%d/%m/%Y") for x in drill.sessions) or "-"))
    return 0
