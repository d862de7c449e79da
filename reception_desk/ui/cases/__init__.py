"""Cases (vụ việc) against their legal deadlines: the case list and the case page."""

from reception_desk.ui.cases.page import (
    COLUMN_INDEX,
    COLUMNS,
    STATUS_COLOURS,
    CaseDialog,
    CasesPage,
    CaseTableModel,
    LinkCaseDialog,
    NewCaseDialog,
    StatusRole,
    error_text,
    parse_day,
    status_text,
)

__all__ = [
    "COLUMNS", "COLUMN_INDEX", "STATUS_COLOURS", "CaseDialog", "CaseTableModel", "CasesPage",
    "LinkCaseDialog", "NewCaseDialog", "StatusRole", "error_text", "parse_day", "status_text",
]
