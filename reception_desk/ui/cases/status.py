"""How a deadline status looks: a background colour AND a text marker, never colour alone.

Shared by the case list, the case page's deadline banner and its directives, and the legend of
the list's filter bar. The colours, the alert marker and ``status_text`` live in
``ui.due_status`` (the logbook uses them without loading the case screens) and are re-exported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor

from reception_desk.domain.deadlines import DueStatus
from reception_desk.i18n import _
from reception_desk.texts.cases import PAUSED
from reception_desk.texts.cases import case_label
from reception_desk.ui.due_status import ALERT_MARKER
from reception_desk.ui.due_status import STATUS_COLOURS
from reception_desk.ui.due_status import status_text

if TYPE_CHECKING:
    from reception_desk.services.cases.dto import StatusCounts

__all__ = ["ALERT_MARKER", "DIRECTIVE_MARKER", "DONE_COLOURS", "PAUSED_COLOURS", "STATUS_COLOURS",
           "legend_html", "status_text"]

PAUSED_COLOURS = (QColor("#e4e4ea"), QColor("#33334a"))
DONE_COLOURS = (QColor("#f0f0f0"), QColor("#555555"))
#: Beside the days left of a case whose open directive is past its due date.
DIRECTIVE_MARKER = "⚑"


def legend_html(counts: StatusCounts) -> str:
    """The coloured chips that explain the colours, each with its count of open cases."""
    chips = []
    for status, count in ((DueStatus.OVERDUE, counts.overdue),
                          (DueStatus.DUE_SOON, counts.due_soon),
                          (DueStatus.ON_TIME, counts.on_time)):
        bg, fg = STATUS_COLOURS[status]
        chips.append(f'<span style="background:{bg.name()}; color:{fg.name()};">'
                     f'&nbsp;{case_label(status)}: {count}&nbsp;</span>')
    bg, fg = PAUSED_COLOURS
    chips.append(f'<span style="background:{bg.name()}; color:{fg.name()};">'
                 f'&nbsp;{_(PAUSED)}: {counts.paused}&nbsp;</span>')
    chips.append(_("{marker} overdue directive").format(marker=DIRECTIVE_MARKER))
    chips.append(_("{marker} another limit due soon or overdue").format(marker=ALERT_MARKER))
    return " ".join(chips)
