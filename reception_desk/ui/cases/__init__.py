"""Cases (vụ việc) against their legal deadlines: the case list and the case page.

- ``page``: ``CasesPage``, the list with quick filters, counts and search.
- ``table_model``: the list's columns and ``CaseTableModel``, paged from the desk over SQL.
- ``status``: how a deadline status looks (colour AND text marker, never colour alone).
- ``case_dialog``: ``CaseDialog``, one case and the next event to record; its sections are
  ``timeline`` (deadline banner, events), ``directives`` (the chairperson's, Ctrl+K/Ctrl+E),
  ``complainants`` and ``links``; ``sections`` holds all but the timeline and the next-step form
  as tabs (Ctrl+1…Ctrl+6), so that the page fits a 1366×768 screen.
- ``link_dialog``: the picker of the earlier case a case follows; ``new_case_dialog``: open a
  case from a visit or standalone.
- ``forms``: the pieces those forms share (typed day, refusal sentence, enum combo boxes).
"""

from reception_desk.ui.cases.case_dialog import CaseDialog
from reception_desk.ui.cases.forms import error_text
from reception_desk.ui.cases.forms import parse_day
from reception_desk.ui.cases.link_dialog import LinkCaseDialog
from reception_desk.ui.cases.new_case_dialog import NewCaseDialog
from reception_desk.ui.cases.page import CasesPage
from reception_desk.ui.cases.status import STATUS_COLOURS
from reception_desk.ui.cases.status import status_text
from reception_desk.ui.cases.table_model import COLUMN_INDEX
from reception_desk.ui.cases.table_model import COLUMNS
from reception_desk.ui.cases.table_model import CaseTableModel
from reception_desk.ui.cases.table_model import StatusRole

__all__ = [
    "COLUMNS", "COLUMN_INDEX", "STATUS_COLOURS", "CaseDialog", "CaseTableModel", "CasesPage",
    "LinkCaseDialog", "NewCaseDialog", "StatusRole", "error_text", "parse_day", "status_text",
]
