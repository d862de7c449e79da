"""The case list's columns and its model, paged from ``desk.cases.page``.

Filter and sort run in SQL; statuses are computed for the shown rows only. The number, deadline
and days-left cells are coloured by deadline status and say it in words too; a case with an
overdue open directive carries the ⚑ marker.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QWidget

from reception_desk.domain.deadlines import DueStatus
from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.services.cases.dto import CaseQuery
from reception_desk.services.cases.dto import CaseRow
from reception_desk.services.cases.dto import CaseSort
from reception_desk.services.desk import Desk
from reception_desk.texts.access import shown_name
from reception_desk.texts.cases import case_label
from reception_desk.texts.cases import format_day
from reception_desk.texts.cases import weekday_name
from reception_desk.ui.cases.status import ALERT_MARKER
from reception_desk.ui.cases.status import DIRECTIVE_MARKER
from reception_desk.ui.cases.status import PAUSED_COLOURS
from reception_desk.ui.cases.status import STATUS_COLOURS
from reception_desk.ui.cases.status import status_text
from reception_desk.ui.paged_table import PAGE_SIZE
from reception_desk.ui.paged_table import ColumnSpec
from reception_desk.ui.paged_table import IdRole
from reception_desk.ui.paged_table import PagedTableModel

CaseIdRole = IdRole
StatusRole = Qt.ItemDataRole.UserRole + 2


def complainant_text(row: CaseRow) -> str:
    """The first complainant, and how many others there are."""
    if row.complainant_count > 1:
        return _("{name} and {count} others").format(name=shown_name(row.complainant),
                                                     count=row.complainant_count - 1)
    return shown_name(row.complainant)


def _level(row: CaseRow) -> str:
    if row.competent_body:
        return _("{level}: {body}").format(level=case_label(row.level), body=row.competent_body)
    return case_label(row.level)


def _deadline(row: CaseRow) -> str:
    if row.due_on is None:
        return "—"
    return _("{weekday} {day}").format(weekday=weekday_name(row.due_on),
                                       day=format_day(row.due_on))


def _left(row: CaseRow) -> str:
    text = status_text(row.status, row.working_days_left, row.paused)
    if row.paused and row.status is not None:  # suspended after its period ran out
        text = f"{text} · {status_text(row.status, row.working_days_left, False)}"
    if row.directive_overdue:
        text = f"{DIRECTIVE_MARKER} {text}"
    if row.alerts:  # the marker first: the cell is narrow, the tip says it all
        first = row.alerts[0]
        alert = _("{marker} {kind}: {status}").format(
            marker=ALERT_MARKER, kind=case_label(first.kind),
            status=status_text(first.status, first.working_days_left, False))
        if len(row.alerts) > 1:
            alert += " " + _("(+{count} more)").format(count=len(row.alerts) - 1)
        text = f"{alert} · {text}"
    return text


def _left_tip(row: CaseRow) -> str:
    lines = []
    if row.directive_overdue:
        lines.append(_("{marker} A directive of the chairperson on this case is overdue.").format(
            marker=DIRECTIVE_MARKER))
    for alert in row.alerts:
        assert alert.due is not None
        lines.append(_("{marker} {kind}: due {weekday} {due} — {status}. Basis: {basis}").format(
            marker=ALERT_MARKER, kind=case_label(alert.kind), weekday=weekday_name(alert.due),
            due=format_day(alert.due),
            status=status_text(alert.status, alert.working_days_left, False),
            basis=alert.basis))
    return "\n".join(lines)


def left_status(row: CaseRow) -> DueStatus | None:
    """The colour of the days-left cell: the status the row shows (the worst of the stage's
    and the alerts'; the status counts count the case under it)."""
    return row.shown_status


def _deadline_tip(row: CaseRow) -> str:
    if row.deadline_kind is None:
        return ""
    return case_label(row.deadline_kind)


COLUMNS: tuple[ColumnSpec[CaseRow, CaseSort], ...] = (
    ColumnSpec("number", N_("Case no."), lambda r: r.number, 72, CaseSort.NUMBER,
               align=Qt.AlignmentFlag.AlignRight),
    ColumnSpec("type", N_("Case type"), lambda r: case_label(r.case_type), 125, CaseSort.TYPE),
    ColumnSpec("title", N_("Title"), lambda r: r.title, 260, CaseSort.TITLE,
               tooltip=lambda r: r.title),
    ColumnSpec("complainant", N_("Complainant"), complainant_text, 150),
    ColumnSpec("level", N_("Where it is"), _level, 145, CaseSort.LEVEL, tooltip=_level),
    ColumnSpec("stage", N_("Stage"), lambda r: case_label(r.stage), 160, CaseSort.STAGE,
               tooltip=lambda r: case_label(r.stage)),
    ColumnSpec("deadline", N_("Deadline"), _deadline, 145, CaseSort.DUE, tooltip=_deadline_tip),
    ColumnSpec("left", N_("Days left"), _left, 180, tooltip=_left_tip),
)
COLUMN_INDEX = {spec.key: i for i, spec in enumerate(COLUMNS)}


class CaseTableModel(PagedTableModel[CaseQuery, CaseRow]):
    """Read-only table of the cases matching ``query``, fetched page by page from the desk.

    The number and deadline cells are coloured by deadline status (the text says it too).
    """

    def __init__(self, desk: Desk, query: CaseQuery | None = None,
                 page_size: int = PAGE_SIZE, parent: QWidget | None = None) -> None:
        super().__init__(COLUMNS, desk.cases.count, desk.cases.page, query or CaseQuery(),
                         page_size=page_size, parent=parent)

    def case_row(self, row: int) -> CaseRow | None:
        """The case shown at ``row`` (None if out of range or gone since the count)."""
        return self.row_at(row)

    def cell(self, item: CaseRow, spec: ColumnSpec[CaseRow, CaseSort], role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return " ".join(spec.text(item).split())
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            if spec.key == "left" and left_status(item) is not None:
                colours = STATUS_COLOURS.get(left_status(item))
            else:
                colours = PAUSED_COLOURS if item.paused else STATUS_COLOURS.get(item.status)
            if colours is None or spec.key not in ("number", "deadline", "left"):
                return None
            return QBrush(colours[0] if role == Qt.ItemDataRole.BackgroundRole else colours[1])
        if role == StatusRole:
            return item.status.value if item.status else None
        return super().cell(item, spec, role)
