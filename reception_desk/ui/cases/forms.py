"""Small pieces the case forms share: a typed day, the sentence for a refusal, combo boxes that
hold enum values, the read-only lists of the case page and the link picker."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from datetime import date
from datetime import datetime
from enum import StrEnum
from typing import TypeVar

from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QTableWidget

from reception_desk.errors import ReceptionDeskError
from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.texts import message_for as case_message
from reception_desk.ui.forms import read_only_rows
from reception_desk.ui.paged_table import ROW_HEIGHT

_E = TypeVar("_E", bound=StrEnum)
_T = TypeVar("_T")


def parse_day(text: str) -> date | None:
    """Read "dd/mm/yyyy" (also d/m/yyyy, dd.mm.yyyy, yyyy-mm-dd); None if empty."""
    text = text.strip()
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise UserError("ui.date_unreadable", text=text)


def error_text(error: ReceptionDeskError) -> str:
    """The sentence shown for a refusal of the cases desk (or an unreadable day)."""
    if error.code == "ui.date_unreadable":
        return _("\"{text}\" is not a date: write it as dd/mm/yyyy.").format(**error.params)
    return case_message(error)


def setup_list_table(table: QTableWidget, titles: Sequence[str], widths: Sequence[int], *,
                     single: bool = True, tab_keys: bool = False) -> None:
    """A read-only list of whole rows, one line each, without row numbers; the given widths
    for the first columns, the last one stretches. ``tab_keys``: Tab moves between cells
    instead of leaving the table."""
    read_only_rows(table, [_(t) for t in titles], widths, single=single)
    table.setTabKeyNavigation(tab_keys)
    table.setWordWrap(False)
    table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)


def fit_columns(table: QTableWidget, stretch: int, floor: int = 160) -> None:
    """Size a list's columns to the room it has: each column but ``stretch`` as wide as its
    title and its cells, ``stretch`` (the free text: elided, its tooltip says it all) takes the
    rest, at least ``floor`` pixels. Where the others do not fit beside that, the widest of them
    give way (their cells elided too: every cell of these lists has its text as tooltip); no
    column runs past the viewport. Call it after filling the list and when it is resized."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    need = {c: max(header.sectionSizeHint(c), table.sizeHintForColumn(c))
            for c in range(table.columnCount()) if c != stretch}
    room = table.viewport().width() - floor
    excess = sum(need.values()) - room
    while excess > 0 and need:
        # The widest gives way down to the next widest (or by what is still too much).
        widest = max(need, key=need.__getitem__)
        others = [w for c, w in need.items() if c != widest]
        cut = min(excess, max(need[widest] - max(others, default=0), 1))
        cut = min(cut, need[widest] - header.minimumSectionSize())
        if cut <= 0:
            break
        need[widest] -= cut
        excess -= cut
    for column, width in need.items():
        header.resizeSection(column, width)


def search_edit(placeholder: str) -> QLineEdit:
    """The search field of a case list: what it finds, said inside it, and a clear button."""
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    return edit


def current_item(table: QTableWidget, items: Sequence[_T]) -> _T | None:
    """The item listed in the table's current row (None when no row is current)."""
    row = table.currentRow()
    return items[row] if 0 <= row < len(items) else None


# Item data is never None: PySide6 mishandles None's reference count when ``currentData()``
# returns it many times (fatal "deallocating None"), so "no value" is stored as "".
_NONE = ""


def combo(items: Iterable[tuple[str, object]]) -> QComboBox:
    """A combo box of (text, value) items; a None value may be among them."""
    box = QComboBox()
    for text, data in items:
        box.addItem(text, _NONE if data is None else data)
    return box


def combo_value(box: QComboBox) -> object:
    """The current item's value (None for the "no value" item)."""
    data = box.currentData()
    return None if data == _NONE else data


def combo_enum(enum: type[_E], box: QComboBox) -> _E | None:
    """The combo's current StrEnum value (Qt returns StrEnum data as plain str)."""
    data = combo_value(box)
    return None if data is None else enum(data)
