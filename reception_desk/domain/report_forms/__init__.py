"""The statutory report forms' columns, each defined once with its legal meaning (LEGAL.md §8.1,
REPORT_FORMS.txt: the TT 01/2024/TT-TTCP templates 01/TCD, 01/XLD, 02/XLD, 03/XLD, 04/XLD and
01/KQGQ, column by column).

A column is a *spec*: what it counts (visits, persons, matters, sessions, petitions), over which
facts (a predicate), or the sum of other columns. The services count the specs over the database
(and list the records behind any column: the drill-down) from these definitions only; the
exports lay them out. A column the app cannot know is ``NOT_RECORDED``: shown as such and listed,
never a silent 0.

The package, one module a part (import from the package itself; the names below are its API):

* ``base``: the forms, what a column counts (``Measure``), 01/TCD's groups;
* ``tcd``: 01/TCD — Tổng hợp kết quả tiếp công dân, its columns and their counting over visits;
* ``petitions``: what the petition forms share — ``PetitionFact``, the tests a petition passes
  in a window (handled, eligible …), ``XldColumn``;
* ``xld``: 01/XLD — Tổng hợp kết quả xử lý đơn;
* ``xld_kinds``: 02/XLD (khiếu nại), 03/XLD (tố cáo), 04/XLD (kiến nghị, phản ánh), 01/XLD
  restricted to one kind of petition (``FORM_SCOPE``);
* ``kqgq``: 01/KQGQ, the complaints accepted (thụ lý) and how they were resolved;
* ``forms``: the tables over all forms (columns, identities, scope, trend) and ``FormResult``;
* ``petition_counts``: a petition form's columns counted over fact rows (the drill-down).

Pure: no I/O and no text for users (the Vietnamese headings are in ``reports.layout``).
"""

from __future__ import annotations

from reception_desk.domain.report_forms.base import Measure
from reception_desk.domain.report_forms.base import ReceptionGroup
from reception_desk.domain.report_forms.base import ReportForm
from reception_desk.domain.report_forms.forms import COLUMN_COUNT
from reception_desk.domain.report_forms.forms import FORM_SCOPE
from reception_desk.domain.report_forms.forms import IDENTITIES
from reception_desk.domain.report_forms.forms import PETITION_COLUMNS
from reception_desk.domain.report_forms.forms import TREND_COLUMNS
from reception_desk.domain.report_forms.forms import FormResult
from reception_desk.domain.report_forms.forms import broken_identities
from reception_desk.domain.report_forms.forms import not_recorded
from reception_desk.domain.report_forms.forms import sum_columns
from reception_desk.domain.report_forms.kqgq import KQGQ01_COLUMNS
from reception_desk.domain.report_forms.kqgq import KQGQ01_IDENTITIES
from reception_desk.domain.report_forms.kqgq import kqgq_accepted_in
from reception_desk.domain.report_forms.kqgq import kqgq_carried_over
from reception_desk.domain.report_forms.kqgq import kqgq_in_hand
from reception_desk.domain.report_forms.petition_counts import xld_column
from reception_desk.domain.report_forms.petition_counts import xld_members
from reception_desk.domain.report_forms.petition_counts import xld_value
from reception_desk.domain.report_forms.petition_counts import xld_values
from reception_desk.domain.report_forms.petitions import ACCEPTED
from reception_desk.domain.report_forms.petitions import HANDLING_EVENTS
from reception_desk.domain.report_forms.petitions import NOT_COMPETENT
from reception_desk.domain.report_forms.petitions import PetitionFact
from reception_desk.domain.report_forms.petitions import PetitionTest
from reception_desk.domain.report_forms.petitions import XldColumn
from reception_desk.domain.report_forms.petitions import carried_over
from reception_desk.domain.report_forms.petitions import eligible
from reception_desk.domain.report_forms.petitions import handled
from reception_desk.domain.report_forms.petitions import in_hand
from reception_desk.domain.report_forms.petitions import received_in
from reception_desk.domain.report_forms.petitions import replied
from reception_desk.domain.report_forms.petitions import urged
from reception_desk.domain.report_forms.tcd import TCD_COLUMNS
from reception_desk.domain.report_forms.tcd import TCD_IDENTITIES
from reception_desk.domain.report_forms.tcd import HeldSession
from reception_desk.domain.report_forms.tcd import SessionEntry
from reception_desk.domain.report_forms.tcd import TcdColumn
from reception_desk.domain.report_forms.tcd import VisitFact
from reception_desk.domain.report_forms.tcd import session_group
from reception_desk.domain.report_forms.tcd import tcd_column
from reception_desk.domain.report_forms.tcd import tcd_members
from reception_desk.domain.report_forms.tcd import tcd_session_members
from reception_desk.domain.report_forms.tcd import tcd_value
from reception_desk.domain.report_forms.xld import XLD_COLUMNS
from reception_desk.domain.report_forms.xld import XLD_IDENTITIES
from reception_desk.domain.report_forms.xld_kinds import XLD02_COLUMNS
from reception_desk.domain.report_forms.xld_kinds import XLD02_IDENTITIES
from reception_desk.domain.report_forms.xld_kinds import XLD03_COLUMNS
from reception_desk.domain.report_forms.xld_kinds import XLD03_IDENTITIES
from reception_desk.domain.report_forms.xld_kinds import XLD04_COLUMNS
from reception_desk.domain.report_forms.xld_kinds import XLD04_IDENTITIES

__all__ = [
    "ACCEPTED",
    "COLUMN_COUNT",
    "FORM_SCOPE",
    "HANDLING_EVENTS",
    "IDENTITIES",
    "KQGQ01_COLUMNS",
    "KQGQ01_IDENTITIES",
    "NOT_COMPETENT",
    "PETITION_COLUMNS",
    "TCD_COLUMNS",
    "TCD_IDENTITIES",
    "TREND_COLUMNS",
    "XLD02_COLUMNS",
    "XLD02_IDENTITIES",
    "XLD03_COLUMNS",
    "XLD03_IDENTITIES",
    "XLD04_COLUMNS",
    "XLD04_IDENTITIES",
    "XLD_COLUMNS",
    "XLD_IDENTITIES",
    "FormResult",
    "HeldSession",
    "Measure",
    "PetitionFact",
    "PetitionTest",
    "ReceptionGroup",
    "ReportForm",
    "SessionEntry",
    "TcdColumn",
    "VisitFact",
    "XldColumn",
    "broken_identities",
    "carried_over",
    "eligible",
    "handled",
    "in_hand",
    "kqgq_accepted_in",
    "kqgq_carried_over",
    "kqgq_in_hand",
    "not_recorded",
    "received_in",
    "replied",
    "session_group",
    "sum_columns",
    "tcd_column",
    "tcd_members",
    "tcd_session_members",
    "tcd_value",
    "urged",
    "xld_column",
    "xld_members",
    "xld_value",
    "xld_values",
]
