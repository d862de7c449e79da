"""Counting a petition form's column over fact rows (the drill-down, and the check of the SQL
counts)."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence

from reception_desk.domain.periods import ReportPeriod
from reception_desk.domain.report_forms.base import Measure
from reception_desk.domain.report_forms.base import ReportForm
from reception_desk.domain.report_forms.forms import FORM_SCOPE
from reception_desk.domain.report_forms.forms import PETITION_COLUMNS
from reception_desk.domain.report_forms.forms import sum_columns
from reception_desk.domain.report_forms.petitions import EligibleAnd
from reception_desk.domain.report_forms.petitions import PetitionFact
from reception_desk.domain.report_forms.petitions import XldColumn
from reception_desk.domain.report_forms.petitions import eligible


def xld_column(number: int, form: ReportForm = ReportForm.XLD_01) -> XldColumn:
    """Column ``number`` of a petition form (01/XLD, 02–04/XLD, 01/KQGQ)."""
    return next(c for c in PETITION_COLUMNS[form] if c.number == number)


def _representatives(facts: Iterable[PetitionFact]) -> list[PetitionFact]:
    """One petition a matter: its latest (highest id), by case id."""
    latest: dict[int, PetitionFact] = {}
    for f in facts:
        if f.matter_id not in latest or f.case_id > latest[f.matter_id].case_id:
            latest[f.matter_id] = f
    return sorted(latest.values(), key=lambda f: f.case_id)


class _Pool:
    """The petitions of one form's scope in a window, eligibility tested once each."""

    def __init__(self, facts: Sequence[PetitionFact], window: ReportPeriod,
                 form: ReportForm) -> None:
        scope = FORM_SCOPE.get(form)
        self.window = window
        self.facts = [f for f in facts if scope is None or f.case_type in scope]
        self.eligible = [f for f in self.facts if eligible(f, window)]
        self.matters = _representatives(self.eligible)

    def members(self, col: XldColumn) -> list[PetitionFact]:
        """The petitions behind ``col`` (a matter column: one a matter; the eligible
        classification columns take each matter as its latest eligible petition stands)."""
        test, w = col.test, self.window
        by_matter = col.measure is Measure.PETITION_MATTERS
        if test is None:
            return []
        if isinstance(test, EligibleAnd):
            return [f for f in (self.matters if by_matter else self.eligible) if test.holds(f, w)]
        if test is eligible:
            return self.matters if by_matter else self.eligible
        chosen = [f for f in self.facts if test(f, w)]
        return _representatives(chosen) if by_matter else chosen


def xld_members(col: XldColumn, facts: Sequence[PetitionFact], window: ReportPeriod,
                form: ReportForm = ReportForm.XLD_01) -> list[PetitionFact]:
    """The petitions behind ``col`` of ``form`` (a SUM column: those of its parts)."""
    pool = _Pool(facts, window, form)
    if col.measure is Measure.SUM:
        seen: dict[int, PetitionFact] = {}
        for part in col.sum_of:
            for f in pool.members(xld_column(part, form)):
                seen.setdefault(f.case_id, f)
        return sorted(seen.values(), key=lambda f: f.case_id)
    return pool.members(col)


def xld_value(col: XldColumn, facts: Sequence[PetitionFact], window: ReportPeriod,
              form: ReportForm = ReportForm.XLD_01) -> int | None:
    """``col`` of ``form`` counted over ``facts`` (the drill-down's count)."""
    if col.measure is Measure.SUM:
        return sum(xld_value(xld_column(p, form), facts, window, form) or 0 for p in col.sum_of)
    if col.measure in (Measure.NOTE, Measure.NOT_RECORDED):
        return None
    return len(xld_members(col, facts, window, form))


def xld_values(facts: Sequence[PetitionFact], window: ReportPeriod,
               form: ReportForm = ReportForm.XLD_01) -> dict[int, int | None]:
    """Every column of a petition form over ``facts`` (as ``xld_value`` column by column,
    testing each petition's eligibility once)."""
    pool = _Pool(facts, window, form)
    columns = PETITION_COLUMNS[form]
    values: dict[int, int | None] = {}
    for col in columns:
        if col.measure in (Measure.SUM, Measure.NOTE, Measure.NOT_RECORDED):
            values[col.number] = None
        else:
            values[col.number] = len(pool.members(col))
    sum_columns(values, columns)
    return values
