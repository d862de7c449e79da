"""The logbook's columns and ``VisitTableModel``: the visits of a ``VisitQuery`` as a paged table.

Rows come from ``Desk.visit_page`` in pages kept in a small LRU cache, so the table shows 100,000
visits as fast as 30; voided visits are struck out, and a visit owing a transfer shows its day and
status in the handling column.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtGui import QColor
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from reception_desk.domain.deadlines import DueStatus
from reception_desk.errors import UserError
from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.services.desk import Desk
from reception_desk.services.visits.dto import VisitQuery
from reception_desk.services.visits.dto import VisitRow
from reception_desk.services.visits.dto import VisitSort
from reception_desk.texts.access import withheld_text
from reception_desk.texts.labels import label
from reception_desk.ui.due_status import ALERT_MARKER
from reception_desk.ui.due_status import STATUS_COLOURS
from reception_desk.ui.due_status import status_text
from reception_desk.ui.paged_table import PAGE_SIZE
from reception_desk.ui.paged_table import ColumnSpec
from reception_desk.ui.paged_table import IdRole
from reception_desk.ui.paged_table import PagedTableModel

#: Reveal the masked identity of the selected visit (with a reason, recorded), and who did.
REVEAL_SHORTCUT = "Ctrl+Shift+I"
WHO_VIEWED_SHORTCUT = "Ctrl+Shift+W"

VisitIdRole = IdRole


def _single_line(text: str) -> str:
    return " ".join(text.split())


def _stt(row: VisitRow) -> str:
    return row.stt


def _shown(row: VisitRow, value: str) -> str:
    """A cell of the sender's identity: a denouncer under secrecy reads "(kept secret)"."""
    return withheld_text() if row.identity_secret else value


def _name(row: VisitRow) -> str:
    if row.identity_secret:
        return withheld_text()
    if row.citizen_visit_count > 1:
        return _("{name} ({count} visits)").format(name=row.citizen_name,
                                                   count=row.citizen_visit_count)
    return row.citizen_name


def _name_tip(row: VisitRow) -> str:
    if row.identity_masked:
        return _("Masked: {key} reveals it with a reason (recorded)").format(
            key=REVEAL_SHORTCUT)
    if row.citizen_visit_count > 1:
        return _("{name}: {count} visits in the logbook").format(name=row.citizen_name,
                                                               count=row.citizen_visit_count)
    return row.citizen_name


def _handling(row: VisitRow) -> str:
    """The handling direction; for a visit that owes a transfer (Luật TC Art. 24(2), issue 12)
    its transfer day and status until a transfer slip is issued (⚠ when due soon or overdue)."""
    handling = label(row.direction)
    due = row.transfer_due
    if due is None:
        return handling
    if due.slip_issued:
        return _("{handling} · transfer slip issued").format(handling=handling)
    text = _("{handling} · transfer by {due}: {status}").format(
        handling=handling, due=due.due.strftime("%d/%m/%Y"),
        status=status_text(due.status, due.working_days_left, False))
    return f"{ALERT_MARKER} {text}" if due.alert else text


def _handling_tip(row: VisitRow) -> str:
    due = row.transfer_due
    if due is None or due.slip_issued:
        return _handling(row)
    return _("{text}. Basis: {basis} ({days} working days from the reception day).").format(
        text=_handling(row), basis=due.basis, days=due.days)


COLUMNS: tuple[ColumnSpec[VisitRow, VisitSort], ...] = (
    ColumnSpec("stt", N_("No."), _stt, 125, VisitSort.STT,
               align=Qt.AlignmentFlag.AlignRight),
    ColumnSpec("time", N_("Received"), lambda r: r.received_at.strftime("%d/%m/%Y %H:%M"), 120,
               VisitSort.TIME),
    ColumnSpec("kind", N_("Kind"), lambda r: label(r.kind), 100, VisitSort.KIND,
               tooltip=lambda r: label(r.kind)),
    ColumnSpec("name", N_("Citizen"), _name, 190, VisitSort.NAME, tooltip=_name_tip),
    ColumnSpec("id_number", N_("ID number"), lambda r: _shown(r, r.id_number), 120),
    ColumnSpec("address", N_("Address"), lambda r: _shown(r, _single_line(r.address)), 170,
               tooltip=lambda r: _shown(r, r.address)),
    ColumnSpec("content", N_("Content"), lambda r: _single_line(r.content), 300,
               tooltip=lambda r: r.content),
    ColumnSpec("type", N_("Type"), lambda r: label(r.petition_type), 100,
               VisitSort.TYPE),
    ColumnSpec("people", N_("People"), lambda r: str(r.people_count), 70, VisitSort.PEOPLE,
               align=Qt.AlignmentFlag.AlignRight),
    ColumnSpec("direction", N_("Handling"), _handling, 150, tooltip=_handling_tip),
    ColumnSpec("target", N_("Guided / transferred to"), lambda r: _single_line(r.target_body),
               200, tooltip=lambda r: r.target_body),
)

COLUMN_INDEX = {spec.key: i for i, spec in enumerate(COLUMNS)}
_VOID_GREY = QColor(128, 128, 128)
_VOID_MARK = QColor(170, 30, 30)


class VisitTableModel(PagedTableModel[VisitQuery, VisitRow]):
    """Read-only table of visits matching ``query``, fetched page by page from the desk.

    Voided visits are struck out, their STT marked, and their void reason is the tooltip.
    """

    def __init__(self, desk: Desk, query: VisitQuery | None = None,
                 page_size: int = PAGE_SIZE, parent: QWidget | None = None) -> None:
        # STT order never changes: a refresh keeps the pages holding no changed visit.
        super().__init__(COLUMNS, desk.count_visits, desk.visit_page, query or VisitQuery(),
                         page_size=page_size, stable_sorts={VisitSort.STT}, parent=parent)
        self._desk = desk
        self._void_reasons: dict[int, str] = {}
        self._struck = QFont()
        self._struck.setStrikeOut(True)
        self._bold = QFont()
        self._bold.setBold(True)

    def forget(self, changed_ids: Iterable[int] | None) -> None:
        if changed_ids is None:
            self._void_reasons.clear()
            return
        for visit_id in changed_ids:
            self._void_reasons.pop(visit_id, None)

    def visit_row(self, row: int) -> VisitRow | None:
        """The visit shown at ``row`` (None if out of range or gone since the count)."""
        return self.row_at(row)

    def visit_id(self, row: int) -> int | None:
        return self.id_at(row)

    def _void_reason(self, visit_id: int) -> str:
        if visit_id not in self._void_reasons:
            try:
                self._void_reasons[visit_id] = self._desk.visit(visit_id).void_reason
            except UserError:
                self._void_reasons[visit_id] = ""
        return self._void_reasons[visit_id]

    def cell(self, item: VisitRow, spec: ColumnSpec[VisitRow, VisitSort], role: int) -> object:
        is_stt = spec.key == "stt"
        if item.voided:
            if role == Qt.ItemDataRole.DisplayRole and is_stt:
                return _("{stt} VOIDED").format(stt=spec.text(item))
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("VOIDED: {reason}").format(reason=self._void_reason(item.id))
            if role == Qt.ItemDataRole.FontRole:
                return self._bold if is_stt else self._struck
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(_VOID_MARK if is_stt else _VOID_GREY)
        elif (spec.key == "direction" and item.transfer_due is not None and item.transfer_due.alert
              and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole)):
            colours = STATUS_COLOURS[item.transfer_due.status or DueStatus.OVERDUE]
            return QBrush(colours[0] if role == Qt.ItemDataRole.BackgroundRole else colours[1])
        return super().cell(item, spec, role)

