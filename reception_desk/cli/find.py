"""``reception-desk find TEXT``: citizens matching TEXT (name, ID, phone) and their visits."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from typing import Any

from reception_desk.cli.auth import command_desk
from reception_desk.i18n import _
from reception_desk.i18n import ngettext
from reception_desk.services.citizens.dto import CitizenSummary
from reception_desk.services.citizens.dto import CitizenVisit
from reception_desk.services.citizens.search import SEARCH_LIMIT
from reception_desk.services.desk import Desk
from reception_desk.texts.labels import label

NAME = "find"


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(NAME, parents=[common],
                       help=_("find citizens by name, ID number or phone, with their visits"))
    p.add_argument("text", metavar="TEXT", nargs="+",
                   help=_("words to look for (accents optional)"))
    p.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    p.add_argument("--limit", type=int, default=SEARCH_LIMIT, metavar="N",
                   help=_("at most N citizens"))


def _as_json(citizen: CitizenSummary, visits: list[CitizenVisit]) -> dict[str, Any]:
    return {
        "id": citizen.id,
        "name": citizen.full_name,
        "id_type": citizen.id_doc_type.value,
        "id_number": citizen.id_number,
        "phone": citizen.phone,
        "address": citizen.address,
        "birth_date": citizen.birth_date.isoformat() if citizen.birth_date else None,
        "visit_count": citizen.visit_count,
        "visits": [
            {
                "id": v.id,
                "date": v.reception_date.isoformat(),
                "stt": v.stt,
                "content": v.content,
                "type": v.petition_type.value,
                "direction": v.direction.value,
                "case_id": v.case_id,
                "voided": v.voided,
            }
            for v in visits
        ],
    }


def _with_visits(desk: Desk, found: list[CitizenSummary]
                 ) -> list[tuple[CitizenSummary, list[CitizenVisit]]]:
    """Each citizen with the visits the caller may see. The services decide what that is
    (``desk.citizens``: a person known only from denunciations under secrecy is not found, those
    visits are not listed, personal data are masked by the caller's rights)."""
    results = []
    for citizen in found:
        visits = desk.citizens.visits(citizen.id)
        results.append((replace(citizen, visit_count=len(visits)), visits))
    return results


def run(args: argparse.Namespace) -> int:
    text = " ".join(args.text)
    with command_desk(args) as desk:
        results = _with_visits(desk, desk.citizens.search(text, max(1, args.limit)))
    if args.json:
        print(json.dumps([_as_json(c, v) for c, v in results], ensure_ascii=False, indent=2))
        return 0 if results else 1
    if not results:
        print(_("No citizen matches \"{text}\".").format(text=text))
        return 1
    for citizen, visits in results:
        number = citizen.id_number or _("no ID paper")
        print(ngettext("{name} ({number}), {address}: {count} visit",
                       "{name} ({number}), {address}: {count} visits", len(visits)).format(
            name=citizen.full_name, number=number, address=citizen.address or "-",
            count=len(visits)))
        for v in visits:
            voided = " " + _("[voided]") if v.voided else ""
            print("  " + _("{date}  No. {stt}  {type}: {content}").format(
                date=v.reception_date.strftime("%d/%m/%Y"), stt=v.stt,
                type=label(v.petition_type),
                content=" ".join(v.content.split())) + voided)
    return 0
