"""The logbook (Sổ tiếp công dân) as a table over SQL: paged, sorted and filtered by the database.

- ``model``: the columns and ``VisitTableModel``, which holds the current ``VisitQuery`` and reads
  its rows page by page from ``Desk.visit_page``;
- ``page``: ``LogbookPage``, the filters, the count and the actions on the selected visit;
- ``void_dialog``: ``VoidDialog``, the reason a visit is voided.
"""

from reception_desk.ui.logbook.model import COLUMN_INDEX
from reception_desk.ui.logbook.model import COLUMNS
from reception_desk.ui.logbook.model import REVEAL_SHORTCUT
from reception_desk.ui.logbook.model import WHO_VIEWED_SHORTCUT
from reception_desk.ui.logbook.model import VisitIdRole
from reception_desk.ui.logbook.model import VisitTableModel
from reception_desk.ui.logbook.page import DOCUMENT_SHORTCUTS
from reception_desk.ui.logbook.page import HEADER_STATE_KEY
from reception_desk.ui.logbook.page import LogbookPage
from reception_desk.ui.logbook.page import reception_today
from reception_desk.ui.logbook.void_dialog import VoidDialog

__all__ = [
    "COLUMNS", "COLUMN_INDEX", "DOCUMENT_SHORTCUTS", "HEADER_STATE_KEY", "REVEAL_SHORTCUT",
    "WHO_VIEWED_SHORTCUT", "LogbookPage", "VisitIdRole", "VisitTableModel", "VoidDialog",
    "reception_today",
]
