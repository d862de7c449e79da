"""Tables over SQL that can grow (visits, cases): one paged model, its view and its header state.

``PagedTableModel`` shows the rows matching a query without loading them all: it asks a count
function for the number of rows and a page function ``(query, offset, limit)`` for the rows of one
page, and keeps the last pages read in a small LRU cache (DESIGN.md §4). Columns are declared once
(``ColumnSpec``); a column with an SQL sort key sorts by re-running the query with that key.
After a change (``refresh`` with the ids that changed) only the cached pages holding a changed
row are read again, when the sort cannot move rows (``stable_sorts``) and the count is unchanged.
``PagedTableView`` is the table set up for it (fixed row height, whole-row selection, no editing),
``HeaderState`` keeps the column layout and sort in QSettings and ``TextFilter`` applies a search
box shortly after typing stops.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace
from typing import Any
from typing import Generic
from typing import Protocol
from typing import TypeVar

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtCore import QByteArray
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QObject
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import QSettings
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QWidget

from reception_desk.i18n import _
from reception_desk.ui.timers import single_shot_timer

#: Rows read per page: a screenful at ``ROW_HEIGHT`` is 30-40 rows, and every row of a page costs
#: its masking, transfer due date and counts in the service, so the first page is read at once
#: (issue 17: 100 rows, from 200, halves opening the logbook on a day).
PAGE_SIZE = 100
#: Pages kept (the same 6,400 rows as 32 pages of 200).
CACHED_PAGES = 64
ROW_HEIGHT = 26
FILTER_DELAY_MS = 250
HEADER_SAVE_DELAY_MS = 500

#: The row's database id (every paged model answers it).
IdRole = Qt.ItemDataRole.UserRole + 1

_ANY_INDEX = QModelIndex | QPersistentModelIndex


class RowWithId(Protocol):
    """A row DTO: anything with the database id of what it shows."""

    @property
    def id(self) -> int: ...


class SortableQuery(Protocol):
    """A frozen dataclass query with an SQL sort key and a direction."""

    @property
    def sort(self) -> Any: ...

    @property
    def descending(self) -> bool: ...


R = TypeVar("R", bound=RowWithId)
Q = TypeVar("Q", bound=SortableQuery)
K = TypeVar("K")


@dataclass(frozen=True)
class ColumnSpec(Generic[R, K]):
    """One column, declared once: header, cell text, tooltip, alignment and SQL sort key."""

    key: str
    title: str  # English msgid, translated when shown
    text: Callable[[R], str]
    width: int
    sort: K | None = None
    tooltip: Callable[[R], str] | None = None
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft


class PagedTableModel(QAbstractTableModel, Generic[Q, R]):
    """Read-only rows matching ``query``, counted and fetched page by page in SQL.

    Subclasses change what a cell shows by overriding ``cell`` (and may drop their own caches in
    ``forget``); everything about paging, sorting and refreshing lives here. ``stable_sorts``
    names the sort keys no edit can change (a row sorted by one keeps its place): under those a
    refresh re-reads only the pages holding a changed row.
    """

    page_read = Signal(int)  # the number of a page just read from the database

    def __init__(self, columns: Sequence[ColumnSpec[R, Any]], count: Callable[[Q], int],
                 page: Callable[[Q, int, int], Sequence[R]], query: Q, *,
                 page_size: int = PAGE_SIZE, cached_pages: int = CACHED_PAGES,
                 stable_sorts: Iterable[Any] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stable_sorts = frozenset(stable_sorts)
        self.columns = tuple(columns)
        self._count_rows = count
        self._read_page = page
        self._query = query
        self._page_size = page_size
        self._cached_pages = cached_pages
        self._pages: OrderedDict[int, Sequence[R]] = OrderedDict()
        self._count = count(query)

    # --- query -----------------------------------------------------------------------------
    @property
    def query(self) -> Q:
        return self._query

    @property
    def page_size(self) -> int:
        return self._page_size

    def set_query(self, query: Q) -> None:
        """Show the rows matching ``query`` (re-runs it in SQL)."""
        self.beginResetModel()
        self._query = query
        self._pages.clear()
        self.forget(None)
        self._count = self._count_rows(query)
        self.endResetModel()

    def refresh(self, changed_ids: Iterable[int] | None = None, *,
                stale: Callable[[R], bool] | None = None) -> None:
        """Re-read from the database; ``changed_ids`` names rows known to have changed, ``stale``
        marks other rows whose cells changed (a citizen's visit count).

        A changed number of matching rows resets the model. Otherwise the view keeps its
        selection and scroll position (only ``dataChanged`` is emitted) and, when the sort keeps
        every row in its place (``stable_sorts``), only the cached pages holding a changed row
        are read again; the rest are kept. Without ``changed_ids`` and ``stale``, or when a page
        read again no longer holds the same rows, every page is read again.
        """
        count = self._count_rows(self._query)
        if count != self._count:
            self.beginResetModel()
            self._count = count
            self._pages.clear()
            self.forget(None)
            self.endResetModel()
            return
        ids = None if changed_ids is None else set(changed_ids)
        if (ids is None and stale is None) or not self._refresh_pages(ids or set(), stale):
            self.forget(ids)
            self._pages.clear()
            self._changed_rows(0, count - 1)

    def _refresh_pages(self, ids: set[int], stale: Callable[[R], bool] | None) -> bool:
        """Read again the cached pages holding a changed row; False when that is not enough
        (the sort may move rows, several changed rows are not all in view, or a page read again
        holds other rows than before)."""
        if self._query.sort not in self._stable_sorts:
            return False
        if len(ids) > 1 and not ids <= {r.id for page in self._pages.values() for r in page}:
            return False  # several rows changed: some may have left the query, others joined

        def touched(row: R) -> bool:
            return row.id in ids or (stale is not None and stale(row))

        for number, page in list(self._pages.items()):
            hit = [r.id for r in page if touched(r)]
            if not hit:
                continue
            fresh = self._load(number)
            if [r.id for r in fresh] != [r.id for r in page]:
                return False
            self.forget(hit)
            self._pages[number] = fresh
            first = number * self._page_size
            self._changed_rows(first, first + len(fresh) - 1)
        return True

    def _changed_rows(self, first: int, last: int) -> None:
        if last >= first:
            self.dataChanged.emit(self.index(first, 0),
                                  self.index(last, len(self.columns) - 1))

    def forget(self, changed_ids: Iterable[int] | None) -> None:
        """Drop what a subclass caches about ``changed_ids`` (None: about every row)."""

    # --- rows ------------------------------------------------------------------------------
    def _page(self, number: int) -> Sequence[R]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        page = self._pages[number] = self._load(number)
        while len(self._pages) > self._cached_pages:
            self._pages.popitem(last=False)
        return page

    def _load(self, number: int) -> Sequence[R]:
        page = self._read_page(self._query, number * self._page_size, self._page_size)
        self.page_read.emit(number)
        return page

    def row_at(self, row: int) -> R | None:
        """The row DTO shown at ``row`` (None if out of range or gone since the count)."""
        if not 0 <= row < self._count:
            return None
        page = self._page(row // self._page_size)
        offset = row % self._page_size
        return page[offset] if offset < len(page) else None

    def id_at(self, row: int) -> int | None:
        found = self.row_at(row)
        return found.id if found is not None else None

    def row_of(self, row_id: int) -> int | None:
        """The row showing ``row_id`` among the pages already fetched (None if not loaded)."""
        for number, page in self._pages.items():
            for offset, item in enumerate(page):
                if item.id == row_id:
                    return number * self._page_size + offset
        return None

    def cached_pages(self) -> list[int]:
        """Numbers of the pages held, least recently used first."""
        return list(self._pages)

    # --- sorting ---------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL; columns without an SQL sort key are ignored."""
        key = self.columns[column].sort if 0 <= column < len(self.columns) else None
        if key is None:
            return
        query = replace(self._query,  # type: ignore[type-var]
                        sort=key, descending=order == Qt.SortOrder.DescendingOrder)
        if query != self._query:
            self.set_query(query)

    def sort_column(self) -> int:
        """The column showing the current SQL sort (-1 if none shows it)."""
        for i, spec in enumerate(self.columns):
            if spec.sort is not None and spec.sort == self._query.sort:
                return i
        return -1

    def sort_order(self) -> Qt.SortOrder:
        return (Qt.SortOrder.DescendingOrder if self._query.descending
                else Qt.SortOrder.AscendingOrder)

    def is_sortable(self, column: int) -> bool:
        return 0 <= column < len(self.columns) and self.columns[column].sort is not None

    # --- QAbstractTableModel ---------------------------------------------------------------
    def rowCount(self, parent: _ANY_INDEX = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _ANY_INDEX = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: _ANY_INDEX) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        spec = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return _(spec.title)
        if role == Qt.ItemDataRole.ToolTipRole:
            if spec.sort is None:
                return _("{column} (cannot be sorted)").format(column=_(spec.title))
            return _("{column}: click to sort").format(column=_(spec.title))
        return None

    def data(self, index: _ANY_INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.column() < len(self.columns):
            return None
        item = self.row_at(index.row())
        if item is None:
            return None
        return self.cell(item, self.columns[index.column()], role)

    def cell(self, item: R, spec: ColumnSpec[R, Any], role: int) -> object:
        """What one cell shows for ``role``: the column's text, tooltip, alignment and the id."""
        if role == Qt.ItemDataRole.DisplayRole:
            return spec.text(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (spec.tooltip(item) or None) if spec.tooltip else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(spec.align | Qt.AlignmentFlag.AlignVCenter)
        if role == IdRole:
            return item.id
        return None


class PagedTableView(QTableView):
    """The table of a paged model: whole rows, no editing, fixed row height, SQL sort."""

    def __init__(self, model: PagedTableModel[Any, Any], *, row_height: int = ROW_HEIGHT,
                 alternating_rows: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._paged = model
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(alternating_rows)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setCornerButtonEnabled(False)
        # A fixed height lets the view place 100,000 rows without asking for any (STACK.md).
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(row_height)
        vertical.setMinimumSectionSize(row_height)
        vertical.hide()
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        for i, spec in enumerate(model.columns):
            header.resizeSection(i, spec.width)
        # Enabling sorting sorts by the header's indicator: set to the query's own sort first,
        # so nothing is counted or read again (issue 17: a count of the day's visits at start).
        header.setSortIndicator(model.sort_column(), model.sort_order())
        self.setSortingEnabled(True)

    @property
    def paged_model(self) -> PagedTableModel[Any, Any]:
        return self._paged

    def current_item(self) -> Any:
        """The row DTO of the current row (None if there is none)."""
        index = self.currentIndex()
        return self._paged.row_at(index.row()) if index.isValid() else None

    def select_id(self, row_id: int) -> bool:
        """Make the row showing ``row_id`` current if it is among the loaded rows."""
        row = self._paged.row_of(row_id)
        if row is None:
            return False
        self.selectRow(row)
        self.scrollTo(self._paged.index(row, 0))
        return True

    def refresh(self, changed_ids: Iterable[int] | None = None, *,
                stale: Callable[[Any], bool] | None = None) -> None:
        """Re-read the model, keeping the current row where the model could not."""
        current = self.current_item()
        self._paged.refresh(changed_ids, stale=stale)
        if current is not None and not self.currentIndex().isValid():
            self.select_id(current.id)


class HeaderState(QObject):
    """Keeps a table's column widths, order and sort in QSettings under ``key``.

    Saves shortly after each change (and at once on ``flush``); a click on a column the SQL
    cannot sort puts the sort indicator back on the column that shows the real order.
    """

    def __init__(self, table: PagedTableView, settings: QSettings, key: str,
                 delay_ms: int = HEADER_SAVE_DELAY_MS) -> None:
        super().__init__(table)
        self._table = table
        self._model = table.paged_model
        self._settings = settings
        self._key = key
        self._save_timer = single_shot_timer(self, delay_ms, self._on_save_timer_timeout)
        # Connected after the view's own sort connection, so the model has already sorted.
        header = table.horizontalHeader()
        header.sortIndicatorChanged.connect(self._on_header_sort_indicator_changed)
        header.sectionResized.connect(self._on_header_section_resized)
        header.sectionMoved.connect(self._on_header_section_moved)

    def restore(self) -> None:
        """Apply the saved layout, and re-run the saved sort in SQL."""
        state = self._settings.value(self._key)
        header = self._table.horizontalHeader()
        if isinstance(state, QByteArray | bytes) and header.restoreState(QByteArray(state)):
            column = header.sortIndicatorSection()
            if self._model.is_sortable(column):
                self._model.sort(column, header.sortIndicatorOrder())
            else:
                header.setSortIndicator(self._model.sort_column(), self._model.sort_order())

    def save(self) -> None:
        """Write the column layout now."""
        self._save_timer.stop()
        self._settings.setValue(self._key, self._table.horizontalHeader().saveState())
        self._settings.sync()

    def flush(self) -> None:
        """Write a change still waiting for its delay (when the page hides or closes)."""
        if self._save_timer.isActive():
            self.save()

    @Slot(int, Qt.SortOrder)
    def _on_header_sort_indicator_changed(self, column: int, _order: Qt.SortOrder) -> None:
        if not self._model.is_sortable(column):
            header = self._table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(self._model.sort_column(), self._model.sort_order())
            header.blockSignals(False)
        self._save_timer.start()

    @Slot(int, int, int)
    def _on_header_section_resized(self, _section: int, _old: int, _new: int) -> None:
        self._save_timer.start()

    @Slot(int, int, int)
    def _on_header_section_moved(self, _section: int, _old: int, _new: int) -> None:
        self._save_timer.start()

    @Slot()
    def _on_save_timer_timeout(self) -> None:
        self.save()


class TextFilter(QObject):
    """A search box applied ``delay_ms`` after typing stops, at once on Enter.

    Enter also moves to the table (selecting its first row) when anything matched.
    """

    def __init__(self, edit: QLineEdit, table: QTableView, apply: Callable[[], None],
                 delay_ms: int = FILTER_DELAY_MS) -> None:
        super().__init__(edit)
        self._table = table
        self._apply = apply
        self._timer = single_shot_timer(self, delay_ms, apply)
        edit.textChanged.connect(self._on_edit_text_changed)
        edit.returnPressed.connect(self._on_edit_return_pressed)

    def stop(self) -> None:
        """Forget pending typing (the filters are being applied now anyway)."""
        self._timer.stop()

    @Slot(str)
    def _on_edit_text_changed(self, _text: str) -> None:
        self._timer.start()

    @Slot()
    def _on_edit_return_pressed(self) -> None:
        self._apply()
        model = self._table.model()
        if model is not None and model.rowCount():
            self._table.setFocus()
            if not self._table.currentIndex().isValid():
                self._table.selectRow(0)
