"""Reading an old logbook file: .xlsx, .xls, .ods or .csv, every sheet (issue 15).

.xlsx is read with openpyxl in read-only mode (values, and the font of cells with Vietnamese
text: a TCVN3 upper-case font such as .VnTimeH draws small letters as capitals); .xls and .ods
with python-calamine (values only). Merged ranges (python-calamine knows them for every format)
are filled with their top-left value, so a heading merged over three columns names each of them
and a date merged over the day's rows dates each row. CSV: UTF-8, else the 8-bit bytes as
Latin-1 code points, which is exactly how TCVN3/VNI text looks in a spreadsheet.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from reception_desk.domain.legacy_layout import LegacyField
from reception_desk.domain.legacy_layout import mapping_from_json
from reception_desk.domain.legacy_layout import mapping_to_json
from reception_desk.domain.legacy_text import is_upper_font
from reception_desk.errors import UserError

SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")


@dataclass
class SheetData:
    """A sheet's cells as values (None for empty), row by row."""

    name: str
    rows: list[list[Any]]
    #: (row index, column index) of the cells typed in a TCVN3 upper-case font.
    upper: set[tuple[int, int]] = field(default_factory=set)

    def upper_fonts(self, row: int) -> list[bool]:
        if not self.upper:
            return []
        width = len(self.rows[row]) if row < len(self.rows) else 0
        return [(row, col) in self.upper for col in range(width)]


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SPREADSHEETS:
        raise UserError("legacy.file_unsupported", file=path.name)
    return suffix


def sheet_names(path: Path) -> list[str]:
    """The sheets of a file, in order (a CSV file has one, named after the file)."""
    kind = _kind(path)
    try:
        if kind == ".csv":
            return [path.stem]
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(str(path))
        try:
            return list(book.sheet_names)
        finally:
            book.close()
    except OSError as exc:
        raise UserError("legacy.file_unreadable", file=path.name, reason=str(exc)) from exc
    except Exception as exc:  # a damaged or foreign file: calamine raises its own errors
        raise UserError("legacy.file_unreadable", file=path.name, reason=str(exc)) from exc


def read_sheet(path: Path, sheet: str | None = None, limit: int | None = None,
               progress: Callable[[int], None] | None = None) -> SheetData:
    """The cells of ``sheet`` (None: the first), at most ``limit`` rows."""
    kind = _kind(path)
    try:
        if kind == ".csv":
            return _read_csv(path, limit)
        name = sheet if sheet is not None else sheet_names(path)[0]
        if name not in sheet_names(path):
            raise UserError("legacy.sheet_unknown", file=path.name, sheet=name)
        merged = _merged_ranges(path, name)
        if kind in (".xlsx", ".xlsm"):
            data = _read_xlsx(path, name, limit, progress)
        else:
            data = _read_calamine(path, name, limit)
    except UserError:
        raise
    except Exception as exc:  # damaged, encrypted or not a spreadsheet at all
        raise UserError("legacy.file_unreadable", file=path.name, reason=str(exc)) from exc
    _fill_merged(data, merged)
    return data


def _merged_ranges(path: Path, name: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    try:
        ranges = book.get_sheet_by_name(name).merged_cell_ranges
    finally:
        book.close()
    return list(ranges or [])


def _fill_merged(data: SheetData, ranges: list[tuple[tuple[int, int], tuple[int, int]]]
                 ) -> None:
    rows = data.rows
    for (top, left), (bottom, right) in ranges:
        if top >= len(rows):
            continue
        first = rows[top]
        value = first[left] if left < len(first) else None
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= right:
                row.extend([None] * (right + 1 - len(row)))
            for c in range(left, right + 1):
                row[c] = value
                if (top, left) in data.upper:
                    data.upper.add((r, c))


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return value if value.strip() else None
    return value


def _read_xlsx(path: Path, name: str, limit: int | None,
               progress: Callable[[int], None] | None) -> SheetData:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        ws = book[name]
        rows: list[list[Any]] = []
        upper: set[tuple[int, int]] = set()
        for index, cells in enumerate(ws.iter_rows()):
            if limit is not None and index >= limit:
                break
            row: list[Any] = []
            for col, cell in enumerate(cells):
                value = getattr(cell, "value", None)
                if isinstance(value, str) and not value.isascii():
                    font = getattr(cell, "font", None)
                    if is_upper_font(getattr(font, "name", None)):
                        upper.add((index, col))
                row.append(_clean(value))
            rows.append(row)
            if progress is not None and index % 5000 == 0:
                progress(index)
        return SheetData(name, rows, upper)
    finally:
        book.close()


def _read_calamine(path: Path, name: str, limit: int | None) -> SheetData:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    try:
        sheet = book.get_sheet_by_name(name)
        raw = sheet.to_python(nrows=limit) if limit is not None else sheet.to_python()
    finally:
        book.close()
    return SheetData(name, [[_clean(v) for v in row] for row in raw])


def _read_csv(path: Path, limit: int | None) -> SheetData:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")  # the legacy fonts' code points (module docstring)
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[Any]] = []
    for index, row in enumerate(csv.reader(io.StringIO(text), dialect)):
        if limit is not None and index >= limit:
            break
        rows.append([_clean(v) for v in row])
    return SheetData(path.stem, rows)


def iter_sheets(path: Path) -> Iterator[SheetData]:
    for name in sheet_names(path):
        yield read_sheet(path, name)


def save_mapping(path: Path, mapping: dict[int, LegacyField]) -> None:
    """Write a column mapping as JSON (column letters → field codes), for the next file."""
    try:
        path.write_text(json.dumps({"columns": mapping_to_json(mapping)}, ensure_ascii=False,
                                   indent=2), encoding="utf-8")
    except OSError as exc:
        raise UserError("legacy.mapping_unwritable", file=path.name, reason=str(exc)) from exc


def load_mapping(path: Path) -> dict[int, LegacyField]:
    """A mapping saved by ``save_mapping``; ``legacy.mapping_invalid`` if it is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        columns = data["columns"] if isinstance(data, dict) and "columns" in data else data
        if not isinstance(columns, dict):
            raise ValueError("not an object")
        return mapping_from_json(columns)
    except OSError as exc:
        raise UserError("legacy.mapping_invalid", file=path.name, reason=str(exc)) from exc
    except (ValueError, KeyError) as exc:
        raise UserError("legacy.mapping_invalid", file=path.name, reason=str(exc)) from exc
