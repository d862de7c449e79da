"""``reception-desk hotspots [--week YYYY-Www] [--json] [--pdf FILE]``: the weekly hotspot list."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from reception_desk.cli.auth import command_desk
from reception_desk.cli.print_cmd import write_file
from reception_desk.domain.hotspots import IsoWeek
from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.printing.weekly_pack import explain_vi
from reception_desk.texts import message_for

NAME = "hotspots"


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(NAME, parents=[common],
                       help=_("list the cases that could become hot spots this week"))
    p.add_argument("--week", metavar="YYYY-Www",
                   help=_("ISO week, e.g. 2026-W48 (default: the current week)"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.add_argument("--pdf", type=Path, metavar="FILE",
                   help=_("also write the weekly review pack (A4 PDF)"))


def _json_value(value: object) -> object:
    return value.isoformat() if hasattr(value, "isoformat") else value


def run(args: argparse.Namespace) -> int:
    try:
        week = IsoWeek.parse(args.week) if args.week else None
    except UserError as exc:
        print(message_for(exc), file=sys.stderr)
        return 2
    with command_desk(args) as desk:
        listing = desk.hotspots.weekly(week)
        labels = {f.code: f.label for f in desk.fields(include_inactive=True)}
        if args.pdf:
            write_file(args.pdf, desk.hotspots.render_pack(listing.week))
    if args.json:
        out = [{
            "case": row.case.number,
            "case_id": row.case.id,
            "title": row.case.title,
            "rank": row.rank,
            "score": row.score,
            "trend": row.trend.value,
            "reasons": [f.reason.value for f in row.flags],
            "explanations": [explain_vi(f.explanation, labels) for f in row.flags],
            "evidence": [{"reason": f.reason.value, "visits": list(f.visit_ids),
                          "events": list(f.event_ids),
                          "params": {k: _json_value(v) for k, v in
                                     f.explanation.params.items()}} for f in row.flags],
        } for row in listing.rows]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print(_("Hot spot list of week {week} (as of {day}): {count} cases").format(
        week=str(listing.week), day=listing.reference_day.isoformat(),
        count=len(listing.active)))
    trends = {"new": _("new"), "continuing": _("continuing"), "cooled": _("cooled down")}
    for row in listing.rows:
        rank = str(row.rank) if row.rank else "-"
        print(f"{rank:>3}  [{row.score:>2}] {row.case.number}  {row.case.title}  "
              f"({trends[row.trend.value]})")
        for f in row.flags:
            print(f"       - {explain_vi(f.explanation, labels)}")
    if args.pdf:
        print(_("Weekly review pack written to {file}.").format(file=args.pdf))
    return 0
