"""Small input widgets the forms share: a label with its buddy, the red line of a refusal, a place
picker, a date box that may stay empty, and the table of documents handed in at the counter."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtCore import QEvent
from PySide6.QtCore import QMimeData
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QObject
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import QStringListModel
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QIntValidator
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QCompleter
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QStyledItemDelegate
from PySide6.QtWidgets import QStyleOptionViewItem
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QWidget

from reception_desk.domain.classification import DocumentCondition
from reception_desk.domain.dates import parse_day as parse_date
from reception_desk.domain.geography import Place
from reception_desk.domain.geography import filter_places
from reception_desk.domain.text import clean_line
from reception_desk.domain.text import fold
from reception_desk.domain.visits import MAX_PAGES
from reception_desk.domain.visits import DocumentLine
from reception_desk.i18n import _
from reception_desk.texts.labels import label

# --------------------------------------------------------------------------------------------
# Place picker
# --------------------------------------------------------------------------------------------

_MAX_SUGGESTIONS = 60
_KEEP = object()


class PlaceCombo(QComboBox):
    """A province or commune chosen by typing part of its name, with or without accents.

    "yen phu", "Yên Phú" and "xa yen phu" all find "Xã Yên Phú" (geography.matches: every typed
    word starts a word of the name). Leaving the box with text that matches picks the first
    match, as the suggestion list showed it; blank text means "not chosen".
    """

    place_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self._places: tuple[Place, ...] = ()
        self._suggestions: list[Place] = []
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setMaxVisibleItems(12)
        self.setCompleter(self._completer)
        self._completer.activated[str].connect(self._on_completer_activated)
        edit = self.lineEdit()
        edit.textEdited.connect(self._on_line_text_edited)
        edit.editingFinished.connect(self._on_line_editing_finished)
        self.currentIndexChanged.connect(self._on_self_current_index_changed)
        self._completer.popup().installEventFilter(self)
        # While the suggestions are open Qt delivers no focus-out to us, so Tab from the box
        # is noticed through the application's focus change instead.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_app_focus_changed)

    # --- data --------------------------------------------------------------------------------
    def set_places(self, places: Sequence[Place]) -> None:
        self.blockSignals(True)
        try:
            self._places = tuple(places)
            self.clear()
            for place in self._places:
                self.addItem(place.full_name, place.code)
            self.setCurrentIndex(-1)
        finally:
            self.blockSignals(False)
        self.place_changed.emit()

    def places(self) -> tuple[Place, ...]:
        return self._places

    def code(self) -> int | None:
        """The chosen place; typed text not yet confirmed counts as its first match."""
        found = self._resolve_text()
        if found is _KEEP:
            index = self.currentIndex()
            return int(self.itemData(index)) if index >= 0 else None
        return found  # type: ignore[return-value]

    def _resolve_text(self) -> object:
        """The code the typed text stands for, None for blank, or _KEEP for "no match"."""
        text = self.currentText()
        index = self.currentIndex()
        if index >= 0 and text == self.itemText(index):
            return int(self.itemData(index))
        if not text.strip():
            return None
        folded = fold(text)
        exact = [p for p in self._places if fold(p.full_name) == folded or p.key == folded]
        found = exact or self.matches(text)
        return found[0].code if found else _KEEP

    def set_code(self, code: int | None) -> None:
        index = self.findData(code) if code is not None else -1
        if index != self.currentIndex():
            self.setCurrentIndex(index)
        elif index < 0:
            self.setEditText("")

    def place(self) -> Place | None:
        code = self.code()
        return next((p for p in self._places if p.code == code), None)

    # --- typing --------------------------------------------------------------------------------
    def matches(self, text: str) -> list[Place]:
        return filter_places(self._places, text)

    def resolve(self) -> None:
        """Turn the typed text into a choice (first match), or restore the current one."""
        self._completer.popup().hide()
        found = self._resolve_text()
        index = self.currentIndex()
        if found is _KEEP:
            self.setEditText(self.itemText(index) if index >= 0 else "")
        elif found is None:
            self.setCurrentIndex(-1)
            self.setEditText("")
        else:
            self._select(int(found))  # type: ignore[call-overload]

    def _select(self, code: int) -> None:
        index = self.findData(code)
        if index == self.currentIndex():
            self.setEditText(self.itemText(index))
        else:
            self.setCurrentIndex(index)

    @Slot(str)
    def _on_line_text_edited(self, text: str) -> None:
        self._suggestions = self.matches(text)[:_MAX_SUGGESTIONS]
        self._model.setStringList([p.full_name for p in self._suggestions])
        if self._suggestions and text.strip():
            self._completer.complete()
        else:
            self._completer.popup().hide()

    @Slot(str)
    def _on_completer_activated(self, text: str) -> None:
        place = next((p for p in self._suggestions if p.full_name == text), None)
        if place is not None:
            self._select(place.code)

    @Slot()
    def _on_line_editing_finished(self) -> None:
        if self._completer.popup().isVisible():
            return
        self.resolve()

    @Slot(int)
    def _on_self_current_index_changed(self, _index: int) -> None:
        self.place_changed.emit()

    def focusOutEvent(self, event):  # type: ignore[no-untyped-def]
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            # After Qt's own focus-out handling, which may still write the typed text back.
            QTimer.singleShot(0, self, self._on_resolve_timer)

    @Slot(QWidget, QWidget)
    def _on_app_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        popup = self._completer.popup()
        ours = (self, self.lineEdit(), popup)
        if old in ours and new not in ours:
            popup.hide()
            QTimer.singleShot(0, self, self._on_resolve_timer)

    @Slot()
    def _on_resolve_timer(self) -> None:
        if not self.hasFocus():
            self.resolve()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Tab pressed while the suggestions are open moves the focus on without a focus-out
        # of ours (the popup had it): settle the choice when the popup closes.
        if (watched is self._completer.popup() and event.type() == QEvent.Type.Hide
                and not self.hasFocus()):
            QTimer.singleShot(0, self, self._on_resolve_timer)
        return super().eventFilter(watched, event)


# --------------------------------------------------------------------------------------------
# Optional date
# --------------------------------------------------------------------------------------------


def format_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value is not None else ""


class DateLineEdit(QLineEdit):
    """A date typed as dd/mm/yyyy that may stay empty (birth dates are often unknown)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(_("dd/mm/yyyy"))
        self.setMaxLength(20)
        self.editingFinished.connect(self._on_self_editing_finished)

    def date(self) -> date | None:
        """The date, or None when blank or unreadable (see ``is_readable``)."""
        try:
            return parse_date(self.text())
        except ValueError:
            return None

    def is_readable(self) -> bool:
        try:
            parse_date(self.text())
        except ValueError:
            return False
        return True

    def set_date(self, value: date | None) -> None:
        self.setText(format_date(value))

    @Slot()
    def _on_self_editing_finished(self) -> None:
        value = self.date()
        if value is not None and self.text() != format_date(value):
            self.setText(format_date(value))


# --------------------------------------------------------------------------------------------
# Small editable tables: documents handed in, members of a group
# --------------------------------------------------------------------------------------------

_VALUE_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Column:
    """One column of a ``RowTable``: "text", "int" (blank allowed), "enum" or "check"."""

    title: str
    kind: str = "text"
    enum_type: type[Enum] | None = None
    default: object = None
    max_int: int = 0
    width: int = 0  # 0: stretch


class _RowDelegate(QStyledItemDelegate):
    """Editors per column kind; Enter in an editor commits and tells the table (to add a row)."""

    return_pressed = Signal(int)  # row

    def __init__(self, table: RowTable) -> None:
        super().__init__(table)
        self._table = table
        self.open_editor: QWidget | None = None

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        column = self._table.columns[index.column()]
        editor: QWidget
        if column.kind == "int":
            line = QLineEdit(parent)
            line.setValidator(QIntValidator(0, column.max_int or 2**31 - 1, line))
            editor = line
        elif column.kind == "enum" and column.enum_type is not None:
            combo = QComboBox(parent)
            for member in column.enum_type:
                combo.addItem(label(member), member.value)
            editor = combo
        else:
            editor = super().createEditor(parent, option, index)
        editor.setAccessibleName(column.title)
        editor.setProperty("rowTableRow", index.row())
        self.open_editor = editor
        editor.destroyed.connect(self._on_editor_destroyed)
        return editor

    @Slot()
    def _on_editor_destroyed(self) -> None:
        self.open_editor = None

    def finish_editing(self) -> None:
        """Commit and close the open cell editor, if any (saving with a cell still open)."""
        editor = self.open_editor
        if editor is not None:
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            found = editor.findData(index.data(_VALUE_ROLE))
            editor.setCurrentIndex(max(found, 0))
            return
        super().setEditorData(editor, index)

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), _VALUE_ROLE)
            model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)
            return
        super().setModelData(editor, model, index)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and isinstance(editor, QWidget)
        ):
            if isinstance(editor, QComboBox) and editor.view().isVisible():
                return super().eventFilter(editor, event)
            row = editor.property("rowTableRow")
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
            if row is not None:
                self.return_pressed.emit(int(row))
            return True
        return super().eventFilter(editor, event)


class RowTable(QTableWidget):
    """A few rows typed at the counter, keyboard only.

    Insert adds a row, Delete or Ctrl+D removes the current one, Enter on the last row adds the
    next one; typing on a cell starts editing it (F2 too), Space ticks a tick-box cell. Tab leaves
    the table unless a cell is being edited (then it moves to the next cell).
    """

    rows_changed = Signal()

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(0, len(columns), parent)
        self.columns = tuple(columns)
        self.setHorizontalHeaderLabels([c.title for c in self.columns])
        header = self.horizontalHeader()
        for index, column in enumerate(self.columns):
            if column.width:
                header.setSectionResizeMode(index, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(index, column.width)
            else:
                header.setSectionResizeMode(index, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setTabKeyNavigation(False)
        self._delegate = _RowDelegate(self)
        self._delegate.return_pressed.connect(self._on_delegate_return_pressed)
        self.setItemDelegate(self._delegate)
        self.itemChanged.connect(self._on_self_item_changed)
        self._loading = False

    def fit_rows(self, rows: int) -> None:
        """Tall enough for ``rows`` rows without scrolling."""
        self.setMinimumHeight(self.horizontalHeader().sizeHint().height()
                              + rows * self.verticalHeader().defaultSectionSize() + 4)

    # --- values ---------------------------------------------------------------------------------
    def row_values(self, row: int) -> list[object]:
        values: list[object] = []
        for col, column in enumerate(self.columns):
            item = self.item(row, col)
            if column.kind == "check":
                values.append(bool(item and item.checkState() == Qt.CheckState.Checked))
            elif column.kind == "enum" and column.enum_type is not None:
                raw = item.data(_VALUE_ROLE) if item else None
                values.append(column.enum_type(raw) if raw else column.default)
            elif column.kind == "int":
                text = item.text().strip() if item else ""
                values.append(int(text) if text.isdigit() else None)
            else:
                values.append(item.text() if item else "")
        return values

    def append_row(self, values: Sequence[object] | None = None) -> int:
        row = self.rowCount()
        values = list(values) if values is not None else [c.default for c in self.columns]
        was_loading, self._loading = self._loading, True
        try:
            self.insertRow(row)
            for col, (column, value) in enumerate(zip(self.columns, values, strict=True)):
                item = QTableWidgetItem()
                if column.kind == "check":
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                                  | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
                elif column.kind == "enum":
                    if isinstance(value, Enum):
                        item.setText(label(value))
                        item.setData(_VALUE_ROLE, value.value)
                elif column.kind == "int":
                    item.setText("" if value is None else str(value))
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                else:
                    item.setText(str(value or ""))
                self.setItem(row, col, item)
        finally:
            self._loading = was_loading
        return row

    def set_rows(self, rows: Sequence[Sequence[object]]) -> None:
        self._loading = True
        try:
            self.setRowCount(0)
            for values in rows:
                self.append_row(values)
        finally:
            self._loading = False

    def row_is_blank(self, row: int) -> bool:
        """Scratch rows (nothing typed) are not data; subclasses say what counts."""
        return False

    def filled_rows(self) -> list[int]:
        return [row for row in range(self.rowCount()) if not self.row_is_blank(row)]

    # --- keyboard ------------------------------------------------------------------------------
    def add_row(self) -> int:
        """Append a blank row and put the cursor on its first cell."""
        row = self.append_row()
        self.setCurrentCell(row, 0)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.rows_changed.emit()
        return row

    def remove_current_row(self) -> None:
        row = self.currentRow()
        if row < 0:
            return
        self.removeRow(row)
        if self.rowCount():
            self.setCurrentCell(min(row, self.rowCount() - 1), max(self.currentColumn(), 0))
        self.rows_changed.emit()

    def commit_current_edit(self) -> None:
        if self.state() == QAbstractItemView.State.EditingState:
            self._delegate.finish_editing()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing:
            key, mods = event.key(), event.modifiers()
            if key == Qt.Key.Key_Insert:
                self.add_row()
                return
            if key == Qt.Key.Key_Delete or (
                key == Qt.Key.Key_D and mods & Qt.KeyboardModifier.ControlModifier
            ):
                self.remove_current_row()
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                mods & Qt.KeyboardModifier.ControlModifier
            ):
                self._after_return(self.currentRow())
                return
        super().keyPressEvent(event)

    def _after_return(self, row: int) -> None:
        if row < 0 or row >= self.rowCount() - 1:
            if row >= 0 and self.row_is_blank(row):
                return  # Enter on an empty last row must not pile up blank rows
            self.add_row()
        else:
            self.setCurrentCell(row + 1, 0)

    @Slot(int)
    def _on_delegate_return_pressed(self, row: int) -> None:
        self._after_return(row)

    @Slot(QTableWidgetItem)
    def _on_self_item_changed(self, _item: QTableWidgetItem) -> None:
        if not self._loading:
            self.rows_changed.emit()


class DocumentsTable(RowTable):
    """Name, pages and original/copy of each document the citizen hands in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [
                Column(_("Document name")),
                Column(_("Pages"), "int", max_int=MAX_PAGES, width=80),
                Column(_("Original or copy"), "enum", DocumentCondition, DocumentCondition.COPY,
                       width=210),
            ],
            parent,
        )

    def row_is_blank(self, row: int) -> bool:
        name, pages, _condition = self.row_values(row)
        return not clean_line(str(name)) and pages is None

    def documents(self) -> list[DocumentLine]:
        """Every row that holds something (blank rows are scratch space)."""
        out = []
        for row in self.filled_rows():
            name, pages, condition = self.row_values(row)
            out.append(DocumentLine(str(name), pages, condition))  # type: ignore[arg-type]
        return out

    def set_documents(self, documents: Sequence[DocumentLine]) -> None:
        self.set_rows([[d.name, d.pages, d.condition] for d in documents])


# --------------------------------------------------------------------------------------------
# Multi-line text
# --------------------------------------------------------------------------------------------

#: The most text one paste may bring in. Qt lays out an unbroken line in time quadratic in its
#: length (1 MB without spaces: 25 s frozen; 50,000 characters: 0.07 s), and no stored field takes
#: more than MAX_TEXT (20,000), so the rest of a bigger paste could never be saved anyway.
PASTE_LIMIT = 50_000


class PlainTextField(QPlainTextEdit):
    """Multi-line text where Tab moves on (as in every other field) and a huge paste is cut."""

    paste_truncated = Signal(int, int)  # characters pasted, characters kept

    def __init__(self, parent: QWidget | None = None, lines: int = 3) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._lines = lines
        margins = self.contentsMargins()
        height = (
            self.fontMetrics().lineSpacing() * lines
            + 2 * int(self.document().documentMargin())
            + margins.top()
            + margins.bottom()
            + 4
        )
        self.setMinimumHeight(height)
        self.setMaximumHeight(height + self.fontMetrics().lineSpacing())

    def insertFromMimeData(self, source: QMimeData) -> None:
        text = source.text() if source.hasText() else ""
        if len(text) > PASTE_LIMIT:
            self.insertPlainText(text[:PASTE_LIMIT])
            self.paste_truncated.emit(len(text), PASTE_LIMIT)
            return
        super().insertFromMimeData(source)
