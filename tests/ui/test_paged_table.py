"""The generic paged model over a small in-memory source that counts its queries (no database:
the logbook and case tests run the same model over SQL)."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import replace
from enum import StrEnum
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtCore import Qt

from reception_desk.ui.paged_table import ColumnSpec
from reception_desk.ui.paged_table import HeaderState
from reception_desk.ui.paged_table import IdRole
from reception_desk.ui.paged_table import PagedTableModel
from reception_desk.ui.paged_table import PagedTableView


class Sort(StrEnum):
    ID = "id"
    NAME = "name"


@dataclass(frozen=True)
class Row:
    id: int
    name: str
    size: int


@dataclass(frozen=True)
class Query:
    text: str = ""
    sort: Sort = Sort.ID
    descending: bool = False


COLUMNS = (
    ColumnSpec[Row, Sort]("id", "No.", lambda r: str(r.id), 60, Sort.ID,
                          align=Qt.AlignmentFlag.AlignRight),
    ColumnSpec[Row, Sort]("name", "Name", lambda r: r.name, 120, Sort.NAME,
                          tooltip=lambda r: f"name {r.name}"),
    ColumnSpec[Row, Sort]("size", "Size", lambda r: str(r.size), 60),  # no SQL sort
)


class Source:
    """Stands in for the SQL: filters, sorts and slices, and records every page asked for."""

    def __init__(self, count: int) -> None:
        self.rows = [Row(i, f"n{(i * 7919) % count:05d}", i % 5) for i in range(1, count + 1)]
        self.counts = 0
        self.pages: list[tuple[Query, int, int]] = []

    def _matching(self, query: Query) -> list[Row]:
        rows = [r for r in self.rows if query.text in r.name]
        key = (lambda r: r.id) if query.sort is Sort.ID else (lambda r: r.name)
        return sorted(rows, key=key, reverse=query.descending)

    def count(self, query: Query) -> int:
        self.counts += 1
        return len(self._matching(query))

    def page(self, query: Query, offset: int, limit: int) -> list[Row]:
        self.pages.append((query, offset, limit))
        return self._matching(query)[offset:offset + limit]


def _model(source: Source, page_size: int = 10, cached_pages: int = 3,
           query: Query | None = None) -> PagedTableModel[Query, Row]:
    return PagedTableModel(COLUMNS, source.count, source.page, query or Query(),
                           page_size=page_size, cached_pages=cached_pages)


def test_model_passes_qtmodeltester(qtmodeltester):  # type: ignore[no-untyped-def]
    model = _model(Source(23), page_size=4)
    assert model.rowCount() == 23 and model.columnCount() == 3
    qtmodeltester.check(model, force_py=True)


def test_cells_follow_the_column_specs():  # type: ignore[no-untyped-def]
    model = _model(Source(5))
    index = model.index(2, 1)
    assert model.data(index) == model.row_at(2).name
    assert model.data(index, Qt.ItemDataRole.ToolTipRole) == f"name {model.row_at(2).name}"
    assert model.data(model.index(2, 0), Qt.ItemDataRole.ToolTipRole) is None
    assert model.data(model.index(2, 0), IdRole) == 3
    assert model.data(model.index(2, 0), Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Name"
    assert model.headerData(3, Qt.Orientation.Horizontal) is None
    assert model.data(model.index(9, 0)) is None


def test_paging_across_a_page_boundary():  # type: ignore[no-untyped-def]
    source = Source(25)
    model = _model(source, page_size=10)
    assert [model.id_at(r) for r in (0, 9, 10, 19, 20, 24)] == [1, 10, 11, 20, 21, 25]
    assert [(offset, limit) for _q, offset, limit in source.pages] == [(0, 10), (10, 10),
                                                                       (20, 10)]
    assert model.id_at(25) is None and model.id_at(-1) is None
    # rows already fetched are served from the cache
    model.row_at(3)
    model.row_at(15)
    assert len(source.pages) == 3
    assert model.row_of(17) == 16 and model.row_of(99) is None


def test_least_recently_used_page_is_evicted():  # type: ignore[no-untyped-def]
    source = Source(100)
    model = _model(source, page_size=10, cached_pages=3)
    for row in (0, 10, 20):
        model.row_at(row)
    model.row_at(5)  # page 0 used again: page 1 is now the oldest
    model.row_at(30)
    assert model.cached_pages() == [2, 0, 3]
    assert model.row_of(15) is None  # page 1 is gone
    asked = len(source.pages)
    model.row_at(15)
    assert len(source.pages) == asked + 1 and model.cached_pages() == [0, 3, 1]


def test_sort_requeries_in_the_source():  # type: ignore[no-untyped-def]
    source = Source(30)
    model = _model(source, page_size=8)
    model.row_at(0)
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert model.query == Query(sort=Sort.NAME, descending=True)
    assert resets == [1] and model.cached_pages() == []
    shown = [model.row_at(r).name for r in range(model.rowCount())]
    assert shown == sorted((r.name for r in source.rows), reverse=True)
    assert source.pages[-1][0] == model.query
    assert model.sort_column() == 1 and model.sort_order() == Qt.SortOrder.DescendingOrder
    before = model.query
    model.sort(2, Qt.SortOrder.AscendingOrder)  # no SQL sort key: ignored
    model.sort(1, Qt.SortOrder.DescendingOrder)  # same query: nothing re-read
    assert model.query == before and resets == [1]


def test_refresh_keeps_rows_when_the_count_is_unchanged():  # type: ignore[no-untyped-def]
    source = Source(12)
    model = _model(source, page_size=5)
    model.row_at(7)
    resets, changes = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda top, bottom: changes.append((top.row(), bottom.row())))
    source.rows[7] = replace(source.rows[7], name="renamed")
    model.refresh({8})
    assert resets == [] and changes == [(0, 11)]
    assert model.row_at(7).name == "renamed"
    source.rows.append(Row(13, "new", 0))
    model.refresh()
    assert resets == [1] and model.rowCount() == 13


def test_under_a_stable_sort_refresh_reads_only_the_pages_holding_a_changed_row():  # type: ignore[no-untyped-def]
    source = Source(30)
    model = PagedTableModel(COLUMNS, source.count, source.page, Query(), page_size=5,
                            cached_pages=10, stable_sorts={Sort.ID})
    for row in range(0, 30, 5):
        model.row_at(row)
    reads: list[int] = []
    model.page_read.connect(reads.append)
    changes = []
    model.dataChanged.connect(lambda top, bottom: changes.append((top.row(), bottom.row())))
    source.rows[12] = replace(source.rows[12], name="renamed")  # id 13, row 12: page 2
    model.refresh({13})
    assert reads == [2] and changes == [(10, 14)]
    assert model.row_at(12).name == "renamed" and reads == [2]
    # A row marked stale by the caller (not by id) is read again too.
    model.refresh(set(), stale=lambda r: r.id == 27)
    assert reads == [2, 5]
    # Several changed rows, one not in view: they may have swapped places, all is read again.
    model.refresh({3, 99})
    assert model.cached_pages() == [] and reads == [2, 5]


def test_a_page_read_again_with_other_rows_drops_every_page():  # type: ignore[no-untyped-def]
    source = Source(20)
    model = PagedTableModel(COLUMNS, source.count, source.page, Query(), page_size=5,
                            cached_pages=10, stable_sorts={Sort.ID})
    for row in range(0, 20, 5):
        model.row_at(row)
    # Row 7 left the query and another came in: the count stays, page 1 holds other rows.
    source.rows[6] = Row(100, "moved", 0)
    model.refresh({7})
    assert model.cached_pages() == []
    assert [model.row_at(r).id for r in range(5, 10)] == [6, 8, 9, 10, 11]


def test_set_query_filters(qtbot):  # type: ignore[no-untyped-def]
    source = Source(40)
    model = _model(source, page_size=7)
    model.set_query(Query(text="n0001"))
    assert model.rowCount() == len([r for r in source.rows if "n0001" in r.name])
    assert all("n0001" in model.row_at(r).name for r in range(model.rowCount()))


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


def test_view_and_header_state(qtbot, settings):  # type: ignore[no-untyped-def]
    source = Source(50)
    view = PagedTableView(_model(source, query=Query(sort=Sort.NAME)))
    qtbot.addWidget(view)
    header = view.horizontalHeader()
    assert header.sortIndicatorSection() == 1
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    state = HeaderState(view, settings, "test/header")
    header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    assert view.paged_model.query == Query(sort=Sort.ID, descending=True)
    header.setSortIndicator(2, Qt.SortOrder.AscendingOrder)  # unsortable: indicator goes back
    assert header.sortIndicatorSection() == 0
    header.resizeSection(1, 222)
    state.flush()
    assert settings.contains("test/header")
    again = PagedTableView(_model(source))
    qtbot.addWidget(again)
    HeaderState(again, settings, "test/header").restore()
    assert again.horizontalHeader().sectionSize(1) == 222
    assert again.paged_model.query == Query(sort=Sort.ID, descending=True)
    again.selectRow(4)
    chosen = again.current_item()
    again.refresh({chosen.id})
    assert again.current_item() == chosen
    assert again.select_id(45) and again.currentIndex().row() == 5  # ids descend from 50
