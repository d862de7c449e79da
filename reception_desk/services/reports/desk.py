"""The reports' facade: ``desk.reports`` (one unit of work per method, plain data out).

Aggregate counts carry no personal data: any signed-in user (and the command line without
``--user``) may compute them. The drill-down lists the records behind a column: it needs
VIEW_RECORDS, like the logbook it opens.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from reception_desk.domain.access import Permission
from reception_desk.domain.dates import office_day
from reception_desk.domain.numbering import visit_stt
from reception_desk.domain.periods import ReportPeriod
from reception_desk.domain.periods import months_ending
from reception_desk.domain.periods import submission_date
from reception_desk.domain.report_forms import COLUMN_COUNT
from reception_desk.domain.report_forms import TREND_COLUMNS
from reception_desk.domain.report_forms import FormResult
from reception_desk.domain.report_forms import HeldSession
from reception_desk.domain.report_forms import Measure
from reception_desk.domain.report_forms import ReportForm
from reception_desk.domain.report_forms import TcdColumn
from reception_desk.domain.report_forms import VisitFact
from reception_desk.domain.report_forms import tcd_column
from reception_desk.domain.report_forms import tcd_members
from reception_desk.domain.report_forms import tcd_session_members
from reception_desk.domain.report_forms import tcd_value
from reception_desk.domain.report_forms import xld_column
from reception_desk.domain.report_forms import xld_members
from reception_desk.domain.report_forms import xld_value
from reception_desk.errors import UserError
from reception_desk.reports.dto import ReportDocument
from reception_desk.services.access.rights import needs
from reception_desk.services.context import Changes
from reception_desk.services.facade import Facade
from reception_desk.services.office.header import header_for
from reception_desk.services.reports import options as report_options
from reception_desk.services.reports import tcd
from reception_desk.services.reports import xld
from reception_desk.services.reports.dto import Drill
from reception_desk.services.reports.dto import DrillCase
from reception_desk.services.reports.dto import DrillSession
from reception_desk.services.reports.dto import DrillVisit
from reception_desk.services.reports.dto import ReportOptions
from reception_desk.services.reports.dto import Trend
from reception_desk.storage.queries import office as office_queries
from reception_desk.storage.queries import reports as q


def parse_form(text: str) -> ReportForm:
    """``01/TCD``, ``01/XLD`` … ``01/KQGQ`` (also ``TCD01``, ``01-tcd``, ``xld02``) → the form."""
    key = text.strip().upper().replace("-", "/").replace("_", "/")
    aliases = {"TCD": "01/TCD", "XLD": "01/XLD", "KQGQ": "01/KQGQ"}
    for form in ReportForm:
        number, code = form.value.split("/")
        aliases[code + number] = aliases[number + code] = form.value
    key = aliases.get(key.replace("/", ""), key)
    try:
        return ReportForm(key)
    except ValueError:
        raise UserError("report.form_unknown", form=text,
                        known=", ".join(f.value for f in ReportForm)) from None


class ReportDesk(Facade):
    """Statutory periodic reports for one ``Desk``."""

    def compute(self, form: ReportForm, period: ReportPeriod) -> FormResult:
        with self._desk.db.read() as s:
            if form is ReportForm.TCD_01:
                return tcd.compute(s, period)
            return xld.compute(s, period, form)

    def trend(self, form: ReportForm, period: ReportPeriod, months: int = 12) -> Trend:
        """``form``'s main columns (``TREND_COLUMNS``) over the ``months`` report months up to
        the one holding ``period``'s last day (aggregate counts, like ``compute``)."""
        windows = months_ending(period.last, months)
        columns = TREND_COLUMNS[form]
        counted: dict[int, list[int]] = {n: [] for n in columns}
        with self._desk.db.read() as s:
            for window in windows:
                result = (tcd.compute(s, window) if form is ReportForm.TCD_01
                          else xld.compute(s, window, form))
                for n in columns:
                    counted[n].append(result.value(n) or 0)
        return Trend(form, tuple((w.year or w.last.year, w.number or w.last.month)
                                 for w in windows),
                     {n: tuple(v) for n, v in counted.items()})

    @needs(Permission.VIEW_RECORDS)
    def drill(self, form: ReportForm, period: ReportPeriod, column: int) -> Drill:
        """The visits (01/TCD) or petitions (the other forms) counted in ``column``."""
        with self._desk.db.read() as s:
            if form is ReportForm.TCD_01:
                col = _checked(form, column, range(1, 31))
                tcd_col = tcd_column(col)
                facts = tcd.facts(s, period)
                if tcd_col.measure is Measure.SESSIONS:
                    return _session_drill(s, tcd_col, facts, tcd.held_sessions(s, period))
                members = tcd_members(tcd_col, facts)
                briefs = q.visit_briefs(s, [f.visit_id for f in members])
                visits = tuple(_drill_visit(f, briefs[f.visit_id]) for f in members)
                return Drill(form, col, tcd_value(tcd_col, facts), visits=visits)
            col = _checked(form, column, range(1, COLUMN_COUNT[form] + 1))
            xld_col = xld_column(col, form)
            petition_facts = xld.facts(s, period, form)
            chosen = xld_members(xld_col, petition_facts, period, form)
            case_rows = q.case_briefs(s, [f.case_id for f in chosen])
            cases = tuple(
                DrillCase(f.case_id, _case_number(case_rows[f.case_id][1],
                                                  case_rows[f.case_id][0]),
                          f.case_type, f.received_on, f.handled_on, f.handling,
                          str(case_rows[f.case_id][2]))
                for f in chosen)
            return Drill(form, col, xld_value(xld_col, petition_facts, period, form),
                         cases=cases)

    def options(self) -> ReportOptions:
        """The office's recipients (Nơi nhận) and submission day (no personal data)."""
        return self._read(report_options.report_options)

    @needs(Permission.MANAGE_SETTINGS)
    def save_options(self, options: ReportOptions,
                     expected_version: int | None = None) -> Changes:
        """``expected_version``: the setting's version the screen read (``setting_version``)."""
        with self._desk.db.session() as s:
            return report_options.save_report_options(s, options, self._desk.actor,
                                                      self._desk.now(), expected_version)

    def document(self, result: FormResult, number: str = "") -> ReportDocument:
        """``result`` with the office's header (signed by its chair) and recipients, dated on
        the office's submission day after the window (the setting), else today."""
        with self._desk.db.read() as s:
            office = header_for(s)
            options = report_options.report_options(s)
        issued = (submission_date(result.period.last, options.submission_day)
                  if options.submission_day else office_day(self._desk.now()))
        return ReportDocument(result, office, issued, number, options.recipients)

    def render_xlsx(self, result: FormResult, number: str = "") -> bytes:
        from reception_desk.reports.xlsx import render_xlsx

        return render_xlsx(self.document(result, number))

    def render_pdf(self, result: FormResult, number: str = "") -> bytes:
        from reception_desk.reports.pdf import render_pdf

        return render_pdf(self.document(result, number))


def _checked(form: ReportForm, column: int, allowed: range) -> int:
    if column not in allowed:
        raise UserError("report.cell_unknown", form=form.value, cell=column)
    return column


def _case_number(seq: int | None, year: int | None) -> str:
    """A case file's number "35/2026" ("" without a case). Never a visit's: see _drill_visit."""
    return "" if seq is None or year is None else f"{seq}/{year}"


def _drill_visit(fact: VisitFact, brief: tuple[Any, ...]) -> DrillVisit:
    """``fact``'s row, numbered as the logbook shows the visit (``visit_stt``: an imported
    visit by its old book's STT, never its negative seq); ``brief`` from ``q.visit_briefs``."""
    year, seq, kind, case_id, case_year, case_seq, legacy_stt, legacy_year = brief
    return DrillVisit(fact.visit_id, visit_stt(seq, year, legacy_stt, legacy_year), fact.day,
                      str(kind), fact.group.value, fact.crowd, fact.people, case_id,
                      _case_number(case_seq, case_year), fact.repeat)


def _session_drill(session: Session, col: TcdColumn, facts: Sequence[VisitFact],
                   held: Sequence[HeldSession]) -> Drill:
    """Column 12 or 21: the sessions counted (issue 14), as many as the count."""
    names = {s.id: s.full_name for s in office_queries.staff_members(session, True)}
    empty = {h.session_id for h in held if h.no_citizen}
    rows = tuple(DrillSession(sid, day, names.get(leader, "") if leader is not None else "",
                              sid in empty)
                 for sid, day, leader in tcd_session_members(col, facts, held))
    return Drill(ReportForm.TCD_01, col.number, tcd_value(col, facts, held), sessions=rows)
