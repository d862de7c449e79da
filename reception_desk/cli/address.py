"""``reception-desk address "TEXT" [--json]``: the new commune(s) of an old address.

Reference data (the official old→new table of July 2025): no database, no account needed. A
partly merged old commune lists every candidate, none chosen (``exact`` false).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from reception_desk.domain.old_addresses import AddressMatch
from reception_desk.i18n import _
from reception_desk.services.citizens.addresses import map_old_address

NAME = "address"


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(NAME, parents=[common],
                       help=_("map an address printed before July 2025 to the new commune"))
    p.add_argument("text", metavar="TEXT", help=_("the address, as printed on the card"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))


def describe(found: AddressMatch) -> list[str]:
    """The human lines: what was recognised, then the new commune(s)."""
    lines: list[str] = []
    if found.old_units:
        lines.append(_("Old unit: {unit}").format(unit="; ".join(found.old_units)))
    if found.parsed.detail:
        lines.append(_("Address detail: {detail}").format(detail=found.parsed.detail))
    if not found.candidates:
        lines.append(_("No commune of the old or new structure recognised in this address."))
    elif found.is_new:
        lines.append(_("Already a commune of the new structure: {ward}, {province} (code {code})")
                     .format(ward=found.candidates[0].ward, province=found.candidates[0].province,
                             code=found.candidates[0].ward_code))
    elif found.split:
        lines.append(_("The old commune was split: choose one of {count} new communes "
                       "(none is chosen for you):").format(count=len(found.candidates)))
        for c in found.candidates:
            lines.append(f"  - {c.ward}, {c.province} ({c.ward_code})")
    else:
        c = found.candidates[0]
        if c.exact:
            lines.append(_("New commune: {ward}, {province} (code {code})").format(
                ward=c.ward, province=c.province, code=c.ward_code))
        else:
            lines.append(_("New commune: {ward}, {province} (code {code}); the old commune was "
                           "only partly merged into it: check the address").format(
                ward=c.ward, province=c.province, code=c.ward_code))
    return lines


def run(args: argparse.Namespace) -> int:
    found = map_old_address(str(args.text))
    if args.json:
        print(json.dumps([c.as_json() for c in found.candidates], ensure_ascii=False, indent=2))
    else:
        print("\n".join(describe(found)))
    return 0 if found.candidates else 1
