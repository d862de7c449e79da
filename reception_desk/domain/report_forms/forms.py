"""The tables over all the forms: which columns and identities each has, what petitions each
kind form counts, the trend columns, and the computed form (``FormResult``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from reception_desk.domain.periods import ReportPeriod
from reception_desk.domain.report_forms.base import Measure
from reception_desk.domain.report_forms.base import ReportForm
from reception_desk.domain.report_forms.kqgq import KQGQ01_COLUMNS
from reception_desk.domain.report_forms.kqgq import KQGQ01_IDENTITIES
from reception_desk.domain.report_forms.petitions import COMPLAINT_TYPES
from reception_desk.domain.report_forms.petitions import DENUNCIATION_TYPES
from reception_desk.domain.report_forms.petitions import PETITION_TYPES
from reception_desk.domain.report_forms.petitions import XldColumn
from reception_desk.domain.report_forms.tcd import TCD_COLUMNS
from reception_desk.domain.report_forms.tcd import TCD_IDENTITIES
from reception_desk.domain.report_forms.tcd import TcdColumn
from reception_desk.domain.report_forms.xld import XLD_COLUMNS
from reception_desk.domain.report_forms.xld import XLD_IDENTITIES
from reception_desk.domain.report_forms.xld_kinds import XLD02_COLUMNS
from reception_desk.domain.report_forms.xld_kinds import XLD02_IDENTITIES
from reception_desk.domain.report_forms.xld_kinds import XLD03_COLUMNS
from reception_desk.domain.report_forms.xld_kinds import XLD03_IDENTITIES
from reception_desk.domain.report_forms.xld_kinds import XLD04_COLUMNS
from reception_desk.domain.report_forms.xld_kinds import XLD04_IDENTITIES

#: What each kind form and 01/KQGQ count: the petitions of these case types.
FORM_SCOPE: Mapping[ReportForm, frozenset[str]] = MappingProxyType({
    ReportForm.XLD_02: COMPLAINT_TYPES,
    ReportForm.XLD_03: DENUNCIATION_TYPES,
    ReportForm.XLD_04: PETITION_TYPES,
    ReportForm.KQGQ_01: COMPLAINT_TYPES,
})

PETITION_COLUMNS: Mapping[ReportForm, tuple[XldColumn, ...]] = MappingProxyType({
    ReportForm.XLD_01: XLD_COLUMNS,
    ReportForm.XLD_02: XLD02_COLUMNS,
    ReportForm.XLD_03: XLD03_COLUMNS,
    ReportForm.XLD_04: XLD04_COLUMNS,
    ReportForm.KQGQ_01: KQGQ01_COLUMNS,
})

COLUMN_COUNT: Mapping[ReportForm, int] = MappingProxyType({
    ReportForm.TCD_01: len(TCD_COLUMNS),
    **{form: len(columns) for form, columns in PETITION_COLUMNS.items()}})

IDENTITIES: Mapping[ReportForm, tuple[tuple[int, tuple[int, ...]], ...]] = MappingProxyType({
    ReportForm.TCD_01: TCD_IDENTITIES, ReportForm.XLD_01: XLD_IDENTITIES,
    ReportForm.XLD_02: XLD02_IDENTITIES, ReportForm.XLD_03: XLD03_IDENTITIES,
    ReportForm.XLD_04: XLD04_IDENTITIES, ReportForm.KQGQ_01: KQGQ01_IDENTITIES})


def sum_columns(values: dict[int, int | None], columns: tuple[TcdColumn, ...] |
                tuple[XldColumn, ...]) -> None:
    """Fill the SUM columns of ``values`` in place (a not-recorded part counts as 0: the form's
    total holds what is known, and the part is listed as not recorded)."""
    for col in columns:
        if col.measure is Measure.SUM:
            values[col.number] = sum(values.get(n) or 0 for n in col.sum_of)


def broken_identities(form: ReportForm, values: Mapping[int, int | None]) -> list[str]:
    """The identities of ``form`` that ``values`` break, as "6 != 14+18" (empty: all hold)."""
    broken = []
    for whole, parts in IDENTITIES[form]:
        if (values.get(whole) or 0) != sum(values.get(p) or 0 for p in parts):
            broken.append(f"{whole} != {'+'.join(map(str, parts))}")
    return broken


def not_recorded(form: ReportForm) -> tuple[int, ...]:
    """The columns of ``form`` the app does not store."""
    columns: tuple[TcdColumn, ...] | tuple[XldColumn, ...] = (
        TCD_COLUMNS if form is ReportForm.TCD_01 else PETITION_COLUMNS[form])
    return tuple(c.number for c in columns if c.measure is Measure.NOT_RECORDED)


@dataclass(frozen=True)
class FormResult:
    """A computed form: the value of every counted column (None: not counted here — a note or a
    column the app does not record, listed in ``not_recorded``)."""

    form: ReportForm
    period: ReportPeriod
    values: Mapping[int, int | None]
    not_recorded: tuple[int, ...] = ()
    #: 01/TCD: some "số kỳ tiếp" are days of visits outside any recorded session.
    sessions_from_visits: bool = False
    #: 01/TCD ghi chú: held sessions of the window at which no citizen came (issue 14).
    empty_sessions: int = 0

    def value(self, number: int) -> int | None:
        return self.values.get(number)


#: The columns each form's 12-month trend draws (the report screen's chart): its main counts.
TREND_COLUMNS: Mapping[ReportForm, tuple[int, ...]] = MappingProxyType({
    ReportForm.TCD_01: (4, 13, 22),  # lượt tiếp: thường xuyên, thủ trưởng, ủy quyền
    ReportForm.XLD_01: (3, 4, 6),  # đơn tiếp nhận, đã xử lý, đủ điều kiện
    ReportForm.XLD_02: (3, 4, 8),  # đơn tiếp nhận, đã xử lý, vụ việc đủ điều kiện
    ReportForm.XLD_03: (3, 4, 8),
    ReportForm.XLD_04: (3, 4, 8),
    ReportForm.KQGQ_01: (3, 5, 6),  # thụ lý, giải quyết bằng quyết định, rút đơn
})
