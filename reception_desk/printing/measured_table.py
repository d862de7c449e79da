"""A long table measured once, for lists that run over many pages (the weekly pack's hotspots).

A plain ReportLab ``Table`` that does not fit splits itself at each page end and re-measures
every remaining row each time: quadratic in the rows (the weekly pack with 6,000 flagged cases
took ~20 s). ``MeasuredTable`` wraps every cell once, keeps the row heights, and at a page end
hands the frame a ``Table`` of the rows that fit, with those heights fixed, so laying out N rows
costs N measures. The approach is the logbook's (printing/logbook.py ``_pages``) as a flowable,
so it can follow and precede other text on a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph
from reportlab.platypus import Table
from reportlab.platypus import TableStyle

from reception_desk.printing.layout import cell_padding
from reception_desk.printing.layout import table_style

#: Cell padding (points): left, right, top, bottom. Measures and the drawn table use the same.
PADDING = (3.0, 3.0, 3.0, 3.0)
# A hair of slack absorbs float rounding between our sums and the frame's.
_SLACK = 1.0


class OnceParagraph(Paragraph):  # type: ignore[misc]
    """A table cell's Paragraph that lays its lines out once per width: the table measures the
    cell, and drawing it asks for the same width again."""

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._wrapped is None or self._wrapped[0] != availWidth:
            self._wrapped = (availWidth, super().wrap(availWidth, availHeight))
        return self._wrapped[1]


def cell(text: str, style: ParagraphStyle, width: float) -> OnceParagraph | str:
    """A body cell of a column ``width`` wide: short plain text stays a string (drawn by the
    table in the style's font, given by ``body_font``), anything else a Paragraph."""
    if "<" not in text and "&" not in text and "\n" not in text and (
            stringWidth(text, style.fontName, style.fontSize)
            <= width - PADDING[0] - PADDING[1]):
        return text
    return OnceParagraph(text, style)


def body_font(style: ParagraphStyle, center_cols: Sequence[int], first_row: int = 1
              ) -> list[Any]:
    """Style commands that draw string cells (see ``cell``) like Paragraphs in ``style``."""
    return [("FONT", (0, first_row), (-1, -1), style.fontName, style.fontSize, style.leading),
            *[("ALIGN", (i, first_row), (i, -1), "CENTER") for i in center_cols]]


def _row_height(cells: Sequence[Any], widths: Sequence[float], leading: float) -> float:
    """The height ``Table`` would give the row (content + padding), measured once."""
    left, right, top, bottom = PADDING
    height = leading
    for cell, width in zip(cells, widths, strict=True):
        if isinstance(cell, Flowable):
            height = max(height, cell.wrap(width - left - right, 1e9)[1])
        elif cell:
            height = max(height, leading * len(str(cell).split("\n")))
    return height + top + bottom


class MeasuredTable(Flowable):  # type: ignore[misc]  # ReportLab ships no type hints
    """Heading rows repeated on every page, body rows measured once and packed per page.

    ``lead`` (a section title) is kept with the first body rows: it never ends a page alone.
    A row taller than ``page_height`` gets a table of its own that may split inside the row.
    """

    def __init__(self, head: Sequence[Sequence[Any]], rows: Sequence[Sequence[Any]],
                 widths: Sequence[float], style_cmds: Sequence[Any], *, leading: float,
                 page_height: float, lead: Flowable | None = None) -> None:
        super().__init__()
        self._widths = list(widths)
        self._style: TableStyle = table_style([*style_cmds, *cell_padding(*PADDING)])
        self._head = [list(r) for r in head]
        probe = Table(self._head, colWidths=self._widths)
        probe.setStyle(self._style)
        probe.wrap(sum(self._widths), 1e9)
        self._head_heights: list[float] = list(probe._rowHeights)
        self._rows = [list(r) for r in rows]
        self._heights = [_row_height(r, self._widths, leading) for r in self._rows]
        self._page_height = page_height
        self._lead = lead

    def _rest(self, start: int) -> MeasuredTable:
        """The rows from ``start`` on, measures carried over (no lead: it is already placed)."""
        rest: MeasuredTable = object.__new__(MeasuredTable)
        Flowable.__init__(rest)
        rest._widths, rest._style, rest._head = self._widths, self._style, self._head
        rest._head_heights, rest._page_height = self._head_heights, self._page_height
        rest._rows, rest._heights = self._rows[start:], self._heights[start:]
        rest._lead = None
        return rest

    def _lead_height(self, width: float) -> float:
        if self._lead is None:
            return 0.0
        return float(self._lead.wrap(width, 1e9)[1]) + float(self._lead.getSpaceAfter())

    def _table(self, start: int, stop: int) -> Table:
        table = Table(self._head + self._rows[start:stop], colWidths=self._widths,
                      rowHeights=self._head_heights + self._heights[start:stop],
                      repeatRows=len(self._head))
        table.setStyle(self._style)
        return table

    # --- Flowable --------------------------------------------------------------------------
    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = sum(self._widths)
        self.height = (self._lead_height(availWidth) + sum(self._head_heights)
                       + sum(self._heights))
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lead = self._lead_height(availWidth)
        room = availHeight - lead - sum(self._head_heights) - _SLACK
        fit, used = 0, 0.0
        while fit < len(self._rows) and used + self._heights[fit] <= room:
            used += self._heights[fit]
            fit += 1
        if fit == 0:
            full_room = self._page_height - lead - sum(self._head_heights) - _SLACK
            if self._rows and self._heights[0] > full_room:
                # Taller than a page: its own table, split inside the row by ReportLab.
                table = Table(self._head + self._rows[:1], colWidths=self._widths,
                              repeatRows=len(self._head), splitInRow=36)
                table.setStyle(self._style)
                return [*([self._lead] if self._lead else []), table, self._rest(1)]
            return []  # not even one row here: the next page
        out: list[Flowable] = [self._lead] if self._lead is not None else []
        out.append(self._table(0, fit))
        if fit < len(self._rows):
            out.append(self._rest(fit))
        return out

    def draw(self) -> None:
        table = self._table(0, len(self._rows))
        table.wrapOn(self.canv, self.width, 1e9)
        table.drawOn(self.canv, 0, 0)
        if self._lead is not None:
            self._lead.wrapOn(self.canv, self.width, 1e9)
            self._lead.drawOn(self.canv, 0, self.height - self._lead.height)
