"""The mapping step: each column of the sheet, the field it goes to (recognised from the
headings, any of them changeable), and a live preview of the first rows as they will be stored,
with what was converted on the way in (TCVN3/VNI text, ID numbers, dates) and each row's
problems."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.domain.legacy_layout import LegacyField
from reception_desk.domain.legacy_layout import column_letter
from reception_desk.domain.legacy_rows import LegacyVisit
from reception_desk.i18n import _
from reception_desk.services.legacy.dto import DryRun
from reception_desk.texts import legacy as words
from reception_desk.texts.labels import label

#: How many rows the preview shows.
PREVIEW_ROWS = 12
_FIELDS = [f for f in LegacyField if f is not LegacyField.IGNORE]


def preview_cells(row: LegacyVisit) -> list[str]:
    """A row as it will be stored, in the preview's column order."""
    return [
        str(row.row), row.stt,
        row.reception_date.strftime("%d/%m/%Y") if row.reception_date else "",
        row.citizen_name, row.address, row.id_number, row.content,
        label(row.petition_type) if row.petition_type else "", str(row.people_count),
        label(row.direction), row.target_body,
        " ".join([words.describe(p) for p in row.problems]
                  + [words.describe(p) for p in row.notes_for_clerk]),
    ]


def preview_headings() -> list[str]:
    return [_("Row"), _("No. (STT in the old book)"), _("Reception date"), _("Citizen's name"),
            _("Address"), _("ID number"), _("Content"), _("Type of petition"),
            _("Number of people"), _("Handling direction (words)"),
            _("Body"), _("Problems and conversions")]


class MappingPage(QWidget):
    """Columns → fields with a preview; ``mapping_changed`` asks the wizard to read again."""

    mapping_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.layout_label = QLabel()
        self.layout_label.setWordWrap(True)
        layout.addWidget(self.layout_label)
        self.columns = QTableWidget(0, 3)
        self.columns.setHorizontalHeaderLabels([_("Column"), _("Heading in the file"),
                                                _("Imported as")])
        self.columns.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.columns.verticalHeader().setVisible(False)
        self.columns.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.columns.setAccessibleName(_("Columns of the sheet"))
        columns_label = QLabel(_("&Columns (choose what each one holds):"))
        columns_label.setBuddy(self.columns)
        layout.addWidget(columns_label)
        layout.addWidget(self.columns, 2)
        self.preview = QTableWidget(0, len(preview_headings()))
        self.preview.setHorizontalHeaderLabels(preview_headings())
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.verticalHeader().setVisible(False)
        self.preview.setAccessibleName(_("Preview of the first rows as they will be stored"))
        preview_label = QLabel(_("&Preview of the first rows as they will be stored:"))
        preview_label.setBuddy(self.preview)
        layout.addWidget(preview_label)
        layout.addWidget(self.preview, 3)
        self.combos: list[QComboBox] = []

    def show_columns(self, headings: list[str], mapping: dict[int, LegacyField],
                     layout_text: str) -> None:
        self.layout_label.setText(layout_text)
        self.columns.setRowCount(len(headings))
        self.combos = []
        for col, heading in enumerate(headings):
            self.columns.setItem(col, 0, QTableWidgetItem(column_letter(col)))
            self.columns.setItem(col, 1, QTableWidgetItem(heading))
            combo = QComboBox()
            combo.setAccessibleName(_("Column {column} imported as").format(
                column=column_letter(col)))
            combo.addItem(words.field_name(LegacyField.IGNORE), "")
            for f in _FIELDS:
                combo.addItem(words.field_name(f), f.value)
            found = mapping.get(col)
            combo.setCurrentIndex(0 if found is None else _FIELDS.index(found) + 1)
            combo.currentIndexChanged.connect(lambda _i: self.mapping_changed.emit())
            self.columns.setCellWidget(col, 2, combo)
            self.combos.append(combo)
        self.columns.resizeColumnToContents(0)
        self.columns.setColumnWidth(2, 300)

    def mapping(self) -> dict[int, LegacyField]:
        out: dict[int, LegacyField] = {}
        for col, combo in enumerate(self.combos):
            code = combo.currentData()
            if code:
                out[col] = LegacyField(code)
        return out

    def set_field(self, column: int, f: LegacyField | None) -> None:
        """Choose what ``column`` holds (the keyboard does the same through the combo)."""
        self.combos[column].setCurrentIndex(0 if f is None else _FIELDS.index(f) + 1)

    def show_preview(self, run: DryRun | None, problem: str = "",
                     on_row: Callable[[int], None] | None = None) -> None:
        rows = run.rows[:PREVIEW_ROWS] if run is not None else []
        self.preview.setRowCount(len(rows) if rows or not problem else 1)
        if not rows and problem:
            item = QTableWidgetItem(problem)
            self.preview.setItem(0, 0, item)
            self.preview.setSpan(0, 0, 1, self.preview.columnCount())
            return
        self.preview.clearSpans()
        for r, row in enumerate(rows):
            for c, text in enumerate(preview_cells(row)):
                item = QTableWidgetItem(text)
                if row.problems and c == len(preview_headings()) - 1:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.preview.setItem(r, c, item)
        self.preview.resizeColumnsToContents()
