"""The report screen's trend (issue 13): a form's main columns over the 12 report months
(15th–14th) up to the chosen period, drawn with QtCharts. The chart view takes the keyboard
focus (Tab); its series are named in the UI language and its months read "MM/yyyy"."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis
from PySide6.QtCharts import QChart
from PySide6.QtCharts import QChartView
from PySide6.QtCharts import QLineSeries
from PySide6.QtCharts import QValueAxis
from PySide6.QtCore import QPointF
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget

from reception_desk.domain.report_forms import ReportForm
from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.services.reports.dto import Trend

_VISITS = {4: N_("Regular reception visits"), 13: N_("Visits received by the head"),
           22: N_("Visits received by delegation")}
_PETITIONS = {3: N_("Petitions received in the period"), 4: N_("Petitions handled"),
              6: N_("Petitions eligible for handling"), 8: N_("Matters eligible for handling")}
_RESOLVED = {3: N_("Complaints accepted in the period"), 5: N_("Resolved by a decision"),
             6: N_("Withdrawn")}


def series_name(form: ReportForm, column: int) -> str:
    """The legend's name of ``column`` of ``form`` (with its column number)."""
    names = (_VISITS if form is ReportForm.TCD_01
             else _RESOLVED if form is ReportForm.KQGQ_01 else _PETITIONS)
    return _("{name} (column {column})").format(name=_(names[column]), column=column)


class TrendChart(QChartView):
    """A line per main column, a point per report month."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportTrend")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(_("Trend over 12 report months"))
        self.trend: Trend | None = None
        self.setChart(QChart())

    def show_trend(self, trend: Trend) -> None:
        self.trend = trend
        chart = QChart()
        chart.setTitle(_("{form}: trend over {count} report months (15th to 14th)").format(
            form=trend.form.value, count=len(trend.months)))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        months = QBarCategoryAxis()
        months.append([f"{m:02d}/{y}" for y, m in trend.months])
        months.setTitleText(_("Report month"))
        counts = QValueAxis()
        counts.setLabelFormat("%d")
        counts.setTitleText(_("Count"))
        top = max((max(v) for v in trend.values.values() if v), default=0)
        counts.setRange(0, max(4, top + 1))
        counts.setTickCount(min(max(4, top + 1), 10) + 1 if top < 10 else 6)
        chart.addAxis(months, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(counts, Qt.AlignmentFlag.AlignLeft)
        for column, values in trend.values.items():
            series = QLineSeries()
            series.setName(series_name(trend.form, column))
            series.setPointsVisible(True)
            for index, value in enumerate(values):
                series.append(QPointF(index, value))
            chart.addSeries(series)
            series.attachAxis(months)
            series.attachAxis(counts)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()

    def series_names(self) -> list[str]:
        return [s.name() for s in self.chart().series()]
