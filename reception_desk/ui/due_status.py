"""How a deadline status looks: a background colour AND a text marker, never colour alone.

Shared by the logbook (a visit's transfer due), the case list, the case page's deadline banner and
its directives. Outside ``ui.cases`` so that the logbook, built at start, does not load the case
screens (issue 17).
"""

from __future__ import annotations

from PySide6.QtGui import QColor

from reception_desk.domain.deadlines import DueStatus
from reception_desk.domain.deadlines import PeriodUnit
from reception_desk.i18n import _
from reception_desk.i18n import ngettext
from reception_desk.texts.cases import PAUSED

# Background + text colours per status (WCAG AA contrast for the dark text on each background).
STATUS_COLOURS: dict[DueStatus | None, tuple[QColor, QColor]] = {
    DueStatus.OVERDUE: (QColor("#f8d0d0"), QColor("#7a0000")),
    DueStatus.DUE_SOON: (QColor("#fde9b6"), QColor("#5c3d00")),
    DueStatus.ON_TIME: (QColor("#d9f0dc"), QColor("#14461d")),
}
#: Beside the days left of a case with a side limit due soon or overdue (issue 12: the refusal
#: notice, the transfer, the report to the transferring body, the 45-day đơn, the second-complaint
#: window, a complaint lodged after its limitation).
ALERT_MARKER = "⚠"


def status_text(status: DueStatus | None, working_left: int | None, paused: bool,
                unit: PeriodUnit | None = None) -> str:
    """The text marker of a deadline status (shown beside the colour)."""
    if paused:
        return _(PAUSED)
    if status is None or working_left is None:
        return "—"
    if status is DueStatus.OVERDUE:
        return ngettext("OVERDUE by {days} working day", "OVERDUE by {days} working days",
                        -working_left).format(days=-working_left)
    if working_left == 0:
        return _("Due TODAY")
    if status is DueStatus.DUE_SOON:
        return ngettext("Due soon: {days} working day left", "Due soon: {days} working days left",
                        working_left).format(days=working_left)
    return ngettext("{days} working day left", "{days} working days left",
                    working_left).format(days=working_left)
