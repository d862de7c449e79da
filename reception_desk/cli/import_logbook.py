"""``reception-desk import-logbook FILE [--sheet NAME] [--mapping FILE] [--dry-run] [--json]``:
an old Excel logbook imported as historical visits (issue 15).

``--dry-run`` prints every row with a problem (row and column named), the conversions made and
what the import would create, writes nothing, and exits 1 when any row has a problem. Without
it the rows are imported as one undoable import (``--skip-bad`` imports the good rows and, with
``--rejected FILE``, writes the others there); ``--undo BATCH`` voids what an import created
(its visits, and the registry records nothing else holds; ``--json`` prints the counts);
``--list`` shows the imports made.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from reception_desk.cli.auth import command_desk
from reception_desk.config import OFFICE_TZ
from reception_desk.domain.legacy_layout import column_letter
from reception_desk.i18n import _
from reception_desk.services.desk import Desk
from reception_desk.services.legacy.dto import DryRun
from reception_desk.texts import legacy as words

NAME = "import-logbook"


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(NAME, parents=[common],
                       help=_("import an old Excel logbook (.xlsx, .xls, .ods, .csv)"))
    p.add_argument("file", metavar="FILE", type=Path, nargs="?",
                   help=_("the old logbook file"))
    p.add_argument("--sheet", metavar="NAME", help=_("the sheet to read (default: the first)"))
    p.add_argument("--mapping", metavar="FILE", type=Path,
                   help=_("a saved column mapping (JSON) instead of the headings"))
    p.add_argument("--save-mapping", metavar="FILE", type=Path,
                   help=_("save the mapping used, for the next file"))
    p.add_argument("--dry-run", action="store_true",
                   help=_("check every row and write nothing (exit 1 if a row has a problem)"))
    p.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    p.add_argument("--skip-bad", action="store_true",
                   help=_("import the good rows and skip the rows with problems"))
    p.add_argument("--rejected", metavar="FILE", type=Path,
                   help=_("write the skipped rows and their problems here (.xlsx or .csv)"))
    p.add_argument("--link-by-name", action="store_true",
                   help=_("link rows to registry records of the same name and address"))
    p.add_argument("--staff", metavar="ID", type=int,
                   help=_("the receiving officer written on the imported visits"))
    p.add_argument("--undo", metavar="BATCH", type=int,
                   help=_("undo an import: void the visits it created and the registry "
                          "records only it made"))
    p.add_argument("--list", action="store_true", help=_("list the imports made"))


def report_json(run: DryRun) -> dict[str, Any]:
    """The dry run as JSON: every row, its problems and notes, the citizen it goes to."""
    def problems(items: list[Any]) -> list[dict[str, Any]]:
        return [{"column": p.field or "", "code": p.code, "message": words.describe(p)}
                for p in items]

    rows = []
    for r in run.rows:
        match = run.matches.get(r.row)
        rows.append({
            "row": r.row, "stt": r.stt,
            "date": r.reception_date.isoformat() if r.reception_date else None,
            "name": r.citizen_name, "address": r.address, "id_doc_type": r.id_doc_type.value,
            "id_number": r.id_number, "content": r.content,
            "type": r.petition_type.value if r.petition_type else None,
            "people": r.people_count, "direction": r.direction.value,
            "target_body": r.target_body, "field": r.field_code,
            "problems": problems(r.problems), "notes": problems(r.notes_for_clerk),
            "citizen": None if match is None else {"how": match.how, "id": match.citizen_id},
        })
    return {
        "file": run.file_name, "sheet": run.sheet, "sheets": run.sheets,
        "layout": run.layout.value,
        "mapping": {column_letter(c): f.value for c, f in sorted(run.mapping.items())},
        "rows": rows,
        "unmapped": [{"field": f, "value": v, "rows": n}
                     for (f, v), n in sorted(run.unmapped.items())],
        "summary": _summary(run),
    }


def _summary(run: DryRun) -> dict[str, int]:
    matched = [m.how for m in run.matches.values()]
    return {"rows": len(run.rows), "bad_rows": len(run.bad_rows),
            "visits": len(run.good_rows), "citizens_new": run.citizens_new,
            "matched_by_id": matched.count("id"), "matched_by_name": matched.count("name"),
            "imported_before": len(run.imported_before)}


def print_report(run: DryRun) -> None:
    out = sys.stdout
    print(_("File {file}, sheet “{sheet}”: {layout}.").format(
        file=run.file_name, sheet=run.sheet, layout=words.layout_name(run.layout)), file=out)
    for col, f in sorted(run.mapping.items()):
        heading = (run.header.headings[col] if run.header is not None
                   and col < len(run.header.headings) else "")
        print(f"  {column_letter(col)}: {words.field_name(f)}"
              + (f"  ← {heading}" if heading else ""), file=out)
    for r in run.bad_rows:
        for p in r.problems:
            print(words.row_line(r.row, p), file=out)
    for (f, value), count in sorted(run.unmapped.items()):
        print(_("Not mapped ({field}): “{value}” in {count} rows.").format(
            field=f, value=value, count=count), file=out)
    s = _summary(run)
    print(_("{rows} rows read, {bad} with problems. The import would create {visits} visits "
            "and {citizens} registry records; {by_id} rows match a record by ID number, "
            "{by_name} by name and address (to confirm).").format(
        rows=s["rows"], bad=s["bad_rows"], visits=s["visits"], citizens=s["citizens_new"],
        by_id=s["matched_by_id"], by_name=s["matched_by_name"]), file=out)
    if run.imported_before:
        print(_("This file was imported before (import no. {batches}).").format(
            batches=", ".join(str(b) for b in run.imported_before)), file=out)


def run(args: argparse.Namespace) -> int:
    with command_desk(args) as desk:
        return _run(desk, args)


def _run(desk: Desk, args: argparse.Namespace) -> int:
    legacy = desk.legacy
    if args.list:
        for b in legacy.batches():
            state = (_("undone {moment} by {user}").format(
                moment=b.undone_at.astimezone(OFFICE_TZ).strftime("%H:%M %d/%m/%Y"),
                user=b.undone_by) if b.undone_at else "")
            print(_("{id}. {file} “{sheet}”: {visits} visits, {skipped} rows skipped, "
                    "{moment} by {user}").format(
                id=b.id, file=b.file_name, sheet=b.sheet, visits=b.visits_created,
                skipped=b.rows_skipped, user=b.imported_by,
                moment=b.imported_at.astimezone(OFFICE_TZ).strftime("%H:%M %d/%m/%Y"))
                + (f" ({state})" if state else ""))
        return 0
    if args.undo is not None:
        undone, _changes = legacy.undo(args.undo)
        if args.json:
            print(json.dumps({"batch": undone.batch_id, "visits_voided": undone.visits_voided,
                              "citizens_voided": undone.citizens_voided}, ensure_ascii=False))
        else:
            print(words.undone_line(undone.batch_id, undone.visits_voided,
                                    undone.citizens_voided))
        return 0
    if args.file is None:
        print(_("Name the old logbook file (or --undo BATCH, --list)."), file=sys.stderr)
        return 2
    mapping = legacy.load_mapping(args.mapping) if args.mapping else None
    report = legacy.dry_run(args.file, args.sheet, mapping)
    if args.save_mapping:
        legacy.save_mapping(args.save_mapping, report.mapping)
    if args.dry_run:
        if args.json:
            print(json.dumps(report_json(report), ensure_ascii=False, indent=2))
        else:
            print_report(report)
        return 1 if report.bad_rows else 0
    if not args.json:
        print_report(report)
    outcome, _changes = legacy.import_rows(report, confirm_names=args.link_by_name,
                                           skip_bad_rows=args.skip_bad, staff_id=args.staff)
    if args.rejected and report.bad_rows:
        legacy.write_rejected(args.rejected, report, words.describe, words.rejected_heading())
    if args.json:
        print(json.dumps({"batch": outcome.batch_id, "visits": outcome.visits_created,
                          "citizens_created": outcome.citizens_created,
                          "citizens_linked": outcome.citizens_linked,
                          "rows_skipped": outcome.rows_skipped}, ensure_ascii=False))
    else:
        print(_("Import no. {batch}: {visits} visits written, {citizens} registry records "
                "created, {linked} linked, {skipped} rows skipped. Undo it with "
                "“import-logbook --undo {batch}”.").format(
            batch=outcome.batch_id, visits=outcome.visits_created,
            citizens=outcome.citizens_created, linked=outcome.citizens_linked,
            skipped=outcome.rows_skipped))
    return 0


