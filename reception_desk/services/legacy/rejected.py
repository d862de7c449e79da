"""The rejected-rows file: the rows an import skipped, as they were read, with their problems,
for the office to correct in the old book and import again (.xlsx, or .csv)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from reception_desk.domain.legacy_layout import column_letter
from reception_desk.domain.legacy_values import text_of
from reception_desk.domain.problems import Problem
from reception_desk.errors import UserError
from reception_desk.services.legacy.dto import DryRun


def write_rejected(path: Path, run: DryRun, describe: Callable[[Problem], str],
                   heading: tuple[str, str]) -> int:
    """Write the dry run's bad rows to ``path`` (.xlsx or .csv); returns how many.

    ``describe`` words a problem (the doors pass ``texts``), ``heading`` names the two added
    columns (row, problems) in the user's language.
    """
    width = max((len(cells) for cells in run.originals.values()), default=0)
    if run.header is not None:
        width = max(width, len(run.header.headings))
    titles = [heading[0]] + [
        (run.header.headings[c] if run.header is not None and c < len(run.header.headings)
         else "") or column_letter(c) for c in range(width)] + [heading[1]]
    lines: list[list[object]] = [list(titles)]
    for row in run.bad_rows:
        cells = run.originals.get(row.row, [])
        lines.append([row.row] + [cells[c] if c < len(cells) else None for c in range(width)]
                     + ["; ".join(describe(p) for p in row.problems)])
    try:
        if path.suffix.lower() == ".csv":
            with path.open("w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh)
                for line in lines:
                    writer.writerow([text_of(v) for v in line])
        else:
            import openpyxl

            book = openpyxl.Workbook(write_only=True)
            sheet = book.create_sheet(run.sheet[:31] or "Sheet1")
            for line in lines:
                sheet.append(line)
            book.save(path)
    except OSError as exc:
        raise UserError("legacy.rejected_unwritable", file=path.name, reason=str(exc)) from exc
    return len(lines) - 1
