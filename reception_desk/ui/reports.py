"""The statutory periodic reports on screen (issue 13): 01/TCD, 01/XLD, 02/XLD, 03/XLD, 04/XLD and
01/KQGQ laid out like the form.

``ReportDialog(desk)``: form (Alt+F), period (Alt+K: quarter I–IV, 6 months, 9 months, year,
a month, custom), year (Alt+N), month, from/to days for a custom window, Compute (Enter). The
grid shows the template's headings, the MS row and the office's row; double-click a count (or
Enter on it) to list the visits or petitions behind it (``DrillDialog``), and open one of them
from there (``visit_open_requested``, ``case_open_requested``). Save as XLSX (Ctrl+S) or PDF
(Ctrl+P). The counts are computed in a worker thread (``ui.background``). The "Trend" page
(Alt+G) draws the form's main columns over the 12 report months up to the period
(``ui.report_trend``).
"""

from __future__ import annotations

from datetime import date

from openpyxl.utils import range_boundaries
from PySide6.QtCore import QDate
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QColor
from PySide6.QtGui import QFont
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDateEdit
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QTabWidget
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.domain import periods
from reception_desk.domain.cases import CaseStage
from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import EventKind
from reception_desk.domain.classification import VisitKind
from reception_desk.domain.periods import ReportPeriod
from reception_desk.domain.report_forms import FormResult
from reception_desk.domain.report_forms import ReceptionGroup
from reception_desk.domain.report_forms import ReportForm
from reception_desk.errors import ReceptionDeskError
from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.reports.layout import LAYOUTS
from reception_desk.reports.layout import NOT_RECORDED_MARK
from reception_desk.reports.layout import notes
from reception_desk.reports.layout import period_line
from reception_desk.services.desk import Desk
from reception_desk.services.reports.dto import Drill
from reception_desk.services.reports.dto import Trend
from reception_desk.texts import message_for
from reception_desk.texts.cases import case_label
from reception_desk.texts.labels import label
from reception_desk.ui.background import BackgroundJobs
from reception_desk.ui.report_trend import TrendChart

#: Period choices: (code, label); "month" uses the month box, "custom" the two days.
_KINDS = (
    ("q1", N_("Quarter I (15/12–14/03)")), ("q2", N_("Quarter II (15/03–14/06)")),
    ("q3", N_("Quarter III (15/06–14/09)")), ("q4", N_("Quarter IV (15/09–14/12)")),
    ("h1", N_("6 months (15/12–14/06)")), ("9m", N_("9 months (15/12–14/09)")),
    ("year", N_("Year (15/12–14/12)")), ("month", N_("Month (15th–14th)")),
    ("custom", N_("Custom days")),
)
_GROUPS = {
    ReceptionGroup.REGULAR: N_("Regular reception"),
    ReceptionGroup.HEAD: N_("The head receives"),
    ReceptionGroup.DELEGATED: N_("Delegated reception"),
}


class _Table(QTableWidget):
    """A read-only table that reports Enter on its current cell (as a double-click does)."""

    enter_pressed = Signal(int, int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_pressed.emit(self.currentRow(), self.currentColumn())
            event.accept()
            return
        super().keyPressEvent(event)


class ReportDialog(QDialog):
    """The statutory forms for a period, with drill-down, exports and the 12-month trend."""

    visit_open_requested = Signal(int)
    case_open_requested = Signal(int)
    computed = Signal()
    trend_computed = Signal()

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.result: FormResult | None = None
        self._trend_period: ReportPeriod | None = None
        self.setWindowTitle(_("Statutory reports"))
        self._jobs = BackgroundJobs(self)

        self.form_combo = QComboBox(self)
        for form in ReportForm:
            self.form_combo.addItem(form.value, form)
        self.kind_combo = QComboBox(self)
        for code, text in _KINDS:
            self.kind_combo.addItem(_(text), code)
        today = desk.today()
        current = periods.period_containing(today, periods.PeriodKind.QUARTER)
        self.year_box = QSpinBox(self)
        self.year_box.setRange(2000, 2200)
        self.year_box.setValue(current.year or today.year)
        self.kind_combo.setCurrentIndex((current.number or 1) - 1)
        self.month_box = QSpinBox(self)
        self.month_box.setRange(1, 12)
        self.month_box.setValue(today.month)
        self.first_edit = QDateEdit(QDate(today.year, today.month, 1), self)
        self.last_edit = QDateEdit(QDate(today.year, today.month, today.day), self)
        for edit in (self.first_edit, self.last_edit):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
        self.compute_button = QPushButton(_("&Compute"), self)
        self.compute_button.setDefault(True)
        self.compute_button.clicked.connect(self._on_compute_clicked)
        self.xlsx_button = QPushButton(_("Save &XLSX…"), self)
        self.pdf_button = QPushButton(_("Save &PDF…"), self)
        self.xlsx_button.clicked.connect(self._on_xlsx_clicked)
        self.pdf_button.clicked.connect(self._on_pdf_clicked)

        bar = QHBoxLayout()
        for caption_text, widget in ((_("&Form:"), self.form_combo),
                                     (_("Peri&od:"), self.kind_combo),
                                     (_("Yea&r:"), self.year_box),
                                     (_("&Month:"), self.month_box),
                                     (_("F&rom:"), self.first_edit),
                                     (_("&Until:"), self.last_edit)):
            caption = QLabel(caption_text, self)
            caption.setBuddy(widget)
            bar.addWidget(caption)
            bar.addWidget(widget)
        bar.addWidget(self.compute_button)
        bar.addStretch(1)
        bar.addWidget(self.xlsx_button)
        bar.addWidget(self.pdf_button)

        self.title_label = QLabel(self)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(self.title_label.font())
        font.setBold(True)
        self.title_label.setFont(font)
        self.grid = _Table(self)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.horizontalHeader().setVisible(False)
        self.grid.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.grid.verticalHeader().setVisible(False)
        self.grid.cellDoubleClicked.connect(self._on_grid_cell_double_clicked)
        self.grid.enter_pressed.connect(self._on_grid_cell_double_clicked)
        self.note_label = QLabel(self)
        self.note_label.setWordWrap(True)
        lines = self.fontMetrics().lineSpacing()
        self.title_label.setMinimumHeight(2 * lines + 6)
        self.note_label.setMinimumHeight(3 * lines + 6)
        self.hint_label = QLabel(_("Double-click a count (or press Enter on it) to list the "
                                   "visits or petitions behind it."), self)

        # The form's grid, and its main columns over 12 report months (QtCharts).
        self.trend_chart = TrendChart(self)
        self._trend_jobs = BackgroundJobs(self)
        self.pages = QTabWidget(self)
        self.pages.addTab(self.grid, _("The t&able"))
        self.pages.addTab(self.trend_chart, _("&Trend over 12 months"))
        self.pages.currentChanged.connect(self._on_page_changed)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.title_label)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.note_label)
        layout.addWidget(self.hint_label)

        QShortcut(QKeySequence("Ctrl+S"), self, self._on_xlsx_clicked)
        QShortcut(QKeySequence("Ctrl+P"), self, self._on_pdf_clicked)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self._on_kind_changed()
        self._set_exports_enabled(False)
        self.resize(1280, 640)

    # --- period ------------------------------------------------------------------------------
    def period(self) -> ReportPeriod:
        code = self.kind_combo.currentData()
        year = self.year_box.value()
        if code in ("q1", "q2", "q3", "q4"):
            return periods.quarter(year, int(code[1]))
        if code == "h1":
            return periods.half_year(year)
        if code == "9m":
            return periods.nine_months(year)
        if code == "year":
            return periods.whole_year(year)
        if code == "month":
            return periods.month(year, self.month_box.value())
        return periods.custom(self.first_edit.date().toPython(),  # type: ignore[arg-type]
                              self.last_edit.date().toPython())  # type: ignore[arg-type]

    def form(self) -> ReportForm:
        return ReportForm(self.form_combo.currentData())

    @Slot()
    def _on_kind_changed(self) -> None:
        code = self.kind_combo.currentData()
        self.month_box.setEnabled(code == "month")
        self.year_box.setEnabled(code != "custom")
        self.first_edit.setEnabled(code == "custom")
        self.last_edit.setEnabled(code == "custom")

    # --- computing ---------------------------------------------------------------------------
    @Slot()
    def _on_compute_clicked(self) -> None:
        try:
            form, period = self.form(), self.period()
        except ReceptionDeskError as exc:
            QMessageBox.warning(self, self.windowTitle(), message_for(exc))
            return
        self.compute_button.setEnabled(False)
        self._jobs.cancel()
        self._jobs.submit(lambda: self.desk.reports.compute(form, period), self._on_computed,
                          self._on_failed)

    def compute_now(self) -> None:
        """Compute and wait (tests, and callers that want the figures at once)."""
        self._on_compute_clicked()
        self._jobs.wait()

    def is_busy(self) -> bool:
        return self._jobs.is_busy()

    def _on_computed(self, result: FormResult) -> None:
        self.compute_button.setEnabled(True)
        self.result = result
        self._show(result)
        self._set_exports_enabled(True)
        self.computed.emit()
        if self.pages.currentWidget() is self.trend_chart:
            self.compute_trend()

    # --- the trend ---------------------------------------------------------------------------
    @Slot(int)
    def _on_page_changed(self, _index: int) -> None:
        if self.pages.currentWidget() is self.trend_chart:
            self.compute_trend()

    def compute_trend(self) -> None:
        """The chosen form's main columns over the 12 report months up to the period (in the
        background; ``trend_computed`` when drawn)."""
        try:
            form, period = self.form(), self.period()
        except ReceptionDeskError as exc:
            QMessageBox.warning(self, self.windowTitle(), message_for(exc))
            return
        trend = self.trend_chart.trend
        if trend is not None and trend.form is form and self._trend_period == period:
            return
        self._trend_period = period
        self._trend_jobs.cancel()
        self._trend_jobs.submit(lambda: self.desk.reports.trend(form, period),
                                self._on_trend_computed, self._on_failed)

    def _on_trend_computed(self, trend: Trend) -> None:
        self.trend_chart.show_trend(trend)
        self.trend_computed.emit()

    def _on_failed(self, exc: Exception) -> None:
        self.compute_button.setEnabled(True)
        text = message_for(exc) if isinstance(exc, ReceptionDeskError) else str(exc)
        QMessageBox.warning(self, self.windowTitle(), text)

    def _set_exports_enabled(self, on: bool) -> None:
        self.xlsx_button.setEnabled(on)
        self.pdf_button.setEnabled(on)

    def _show(self, result: FormResult) -> None:
        layout = LAYOUTS[result.form]
        top = layout.header_rows[0]
        rows = layout.data_row - top + 1
        self.title_label.setText(layout.title + "\n" + period_line(
            result.period.first.strftime("%d/%m/%Y"), result.period.last.strftime("%d/%m/%Y")))
        grid = self.grid
        grid.clearSpans()
        grid.clear()
        grid.setRowCount(rows)
        grid.setColumnCount(layout.last_column)
        bold = QFont(grid.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 0.85)
        for ref, text in layout.cells:
            col, row, _c, _r = range_boundaries(f"{ref}:{ref}")
            if row is None or col is None or not top <= row <= layout.ms_row:
                continue
            item = QTableWidgetItem(str(text))
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            item.setFont(bold)
            item.setToolTip(str(text))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            grid.setItem(row - top, col - 1, item)
        for merged in layout.merged:
            c0, r0, c1, r1 = range_boundaries(merged)
            if None in (c0, r0, c1, r1):
                continue
            assert c0 is not None and r0 is not None and c1 is not None and r1 is not None
            if r0 >= top and r1 <= layout.data_row:
                grid.setSpan(r0 - top, c0 - 1, r1 - r0 + 1, c1 - c0 + 1)
        data = layout.data_row - top
        office = self.desk.office()
        unit = QTableWidgetItem(office.commune_name if office else _("This office"))
        unit.setFlags(Qt.ItemFlag.ItemIsEnabled)
        grid.setItem(data, 0, unit)
        for number in range(1, layout.columns + 1):
            recorded = number not in result.not_recorded
            text = str(result.value(number) or 0) if recorded else NOT_RECORDED_MARK
            item = QTableWidgetItem(text)
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            item.setData(Qt.ItemDataRole.UserRole, number)
            if recorded:
                item.setToolTip(_("Column {column}: double-click for the records behind it")
                                .format(column=number))
            else:
                item.setBackground(QColor("#eeeeee"))
                item.setToolTip(_("Not recorded by the app (left blank, not 0)"))
            grid.setItem(data, layout.column_index(number) - 1, item)
        grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        grid.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        grid.setColumnWidth(0, 110)
        grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        grid.setWordWrap(True)
        grid.setCurrentCell(data, 1)
        self.note_label.setText(layout.note_label + " " + " ".join(
            notes(result.form, result.not_recorded, result.sessions_from_visits,
                  result.empty_sessions)))

    def data_row(self) -> int:
        assert self.result is not None
        layout = LAYOUTS[self.result.form]
        return layout.data_row - layout.header_rows[0]

    def cell_text(self, number: int) -> str:
        """What the grid shows for form column ``number``."""
        assert self.result is not None
        item = self.grid.item(self.data_row(), LAYOUTS[self.result.form].column_index(number) - 1)
        return item.text() if item is not None else ""

    # --- drill-down --------------------------------------------------------------------------
    @Slot(int, int)
    def _on_grid_cell_double_clicked(self, row: int, column: int) -> None:
        item = self.grid.item(row, column)
        number = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if self.result is None or number is None:
            return
        self.open_drill(int(number))

    def open_drill(self, number: int) -> DrillDialog | None:
        assert self.result is not None
        try:
            drill = self.desk.reports.drill(self.result.form, self.result.period, number)
        except ReceptionDeskError as exc:
            QMessageBox.warning(self, self.windowTitle(), message_for(exc))
            return None
        dialog = DrillDialog(drill, self)
        dialog.visit_open_requested.connect(self.visit_open_requested)
        dialog.case_open_requested.connect(self.case_open_requested)
        dialog.show()
        return dialog

    # --- exports -----------------------------------------------------------------------------
    @Slot()
    def _on_xlsx_clicked(self) -> None:
        self._export("xlsx", _("Excel workbook (*.xlsx)"))

    @Slot()
    def _on_pdf_clicked(self) -> None:
        self._export("pdf", _("PDF document (*.pdf)"))

    def _export(self, kind: str, filter_text: str) -> None:
        if self.result is None:
            return
        name = f"{self.result.form.value.replace('/', '-')}_{self.result.period.code}.{kind}"
        path, _filter = QFileDialog.getSaveFileName(self, self.windowTitle(), name, filter_text)
        if path:
            self.save(kind, path)

    def save(self, kind: str, path: str) -> None:
        assert self.result is not None
        try:
            data = (self.desk.reports.render_xlsx(self.result) if kind == "xlsx"
                    else self.desk.reports.render_pdf(self.result))
            with open(path, "wb") as out:
                out.write(data)
        except (ReceptionDeskError, OSError) as exc:
            text = message_for(exc) if isinstance(exc, ReceptionDeskError) else str(exc)
            QMessageBox.warning(self, self.windowTitle(), text)


class DrillDialog(QDialog):
    """The visits (01/TCD) or petitions (01/XLD) counted in one column; Enter or double-click
    opens one."""

    visit_open_requested = Signal(int)
    case_open_requested = Signal(int)

    def __init__(self, drill: Drill, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.drill = drill
        self.setWindowTitle(_("{form}, column {column}: {count} records").format(
            form=drill.form.value, column=drill.column, count=drill.size))
        self.table = _Table(self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        if drill.sessions:  # columns 12, 21: the sessions (issue 14)
            headers = [_("Day"), _("Presiding"), _("Recorded session"), _("nobody came")]
            rows = [[x.day.strftime("%d/%m/%Y"), x.leader_name,
                     _("yes") if x.session_id is not None else _("no: days of visits"),
                     _("yes") if x.no_citizen else ""] for x in drill.sessions]
        elif drill.form is ReportForm.TCD_01:
            headers = [_("No."), _("Day"), _("Kind"), _("Group"), _("Crowd"), _("People"),
                       _("Case"), _("Repeat")]
            rows = [[v.number, v.day.strftime("%d/%m/%Y"), label(VisitKind(v.kind)),
                     _(_GROUPS[ReceptionGroup(v.group)]),
                     _("yes") if v.crowd else "", str(v.people), v.case_number,
                     _("yes") if v.repeat else ""] for v in drill.visits]
        else:
            headers = [_("Case"), _("Type"), _("Received"), _("Handled"), _("Handling"),
                       _("Stage")]
            rows = [[c.number, case_label(CaseType(c.case_type)),
                     c.received_on.strftime("%d/%m/%Y"), _day(c.handled_on),
                     case_label(EventKind(c.handling)) if c.handling else "",
                     case_label(CaseStage(c.stage))] for c in drill.cases]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.cellDoubleClicked.connect(self._on_table_cell_double_clicked)
        self.table.enter_pressed.connect(self._on_table_cell_double_clicked)
        summary = QLabel(_("Value in the form: {value}").format(
            value="—" if drill.value is None else drill.value), self)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table)
        if rows:
            self.table.setCurrentCell(0, 0)
        self.resize(900, 420)

    @Slot(int, int)
    def _on_table_cell_double_clicked(self, row: int, _column: int) -> None:
        self.open_row(row)

    def open_row(self, row: int) -> None:
        if row < 0:
            return
        if self.drill.visits:
            self.visit_open_requested.emit(self.drill.visits[row].visit_id)
        elif self.drill.cases:
            self.case_open_requested.emit(self.drill.cases[row].case_id)


def _day(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""
