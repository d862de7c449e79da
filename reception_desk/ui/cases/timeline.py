"""The case page's time: the banner of the running deadline and the timeline of its events."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QWidget

from reception_desk.domain.cases import LimitationStart
from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.i18n import ngettext
from reception_desk.texts.cases import case_label
from reception_desk.texts.cases import format_day
from reception_desk.texts.cases import weekday_name
from reception_desk.ui.cases.forms import setup_list_table
from reception_desk.ui.cases.status import ALERT_MARKER
from reception_desk.ui.cases.status import PAUSED_COLOURS
from reception_desk.ui.cases.status import STATUS_COLOURS
from reception_desk.ui.cases.status import status_text
from reception_desk.ui.paged_table import ROW_HEIGHT

if TYPE_CHECKING:
    from reception_desk.services.cases.dto import DeadlineInfo
    from reception_desk.services.cases.dto import TimelineEntry


_STARTS = {
    LimitationStart.LEARNED: N_("counted from the day the complainant learned of the decision"),
    LimitationStart.DECISION_DATE: N_(
        "counted from the decision's date, as a fallback: the day the complainant learned of it "
        "is not recorded"),
}


def related_line(r: DeadlineInfo) -> str:
    """One side limit in words: due day, length, where it stands (for the complaint limitation:
    on the day the complaint was lodged, and where it was counted from), its basis."""
    assert r.due is not None
    marker = status_text(r.status, r.working_days_left, False)
    if r.start_from is not None and r.judged_on is not None:
        marker = _("{start}; on the day it was lodged ({lodged}): {marker}").format(
            start=_(_STARTS[r.start_from]), lodged=format_day(r.judged_on), marker=marker)
    text = _("Also: {kind}: due {weekday} {due} ({days} {unit}) — {marker}. Basis: {basis}").format(
        kind=case_label(r.kind), weekday=weekday_name(r.due), due=format_day(r.due),
        days=r.days, unit=case_label(r.unit), marker=marker, basis=r.basis)
    return f"{ALERT_MARKER} {text}" if r.alert else text


class DeadlineBanner(QLabel):
    """The running time limit in words, on its status colour (or: none runs in this stage)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setMargin(6)

    def show_deadline(self, info: DeadlineInfo | None,
                      related: Sequence[DeadlineInfo] = ()) -> None:
        """The stage's limit; ``related`` limits (LEGAL.md §4.2, §4.3) follow, one a line."""
        extra = "".join("\n" + related_line(r) for r in related if r.due is not None)
        if info is None:
            self.setText(_("No time limit runs in this stage.") + extra)
            self.setStyleSheet("")
            return
        paused = info.due is None
        marker = status_text(info.status, info.working_days_left, paused)
        if paused:
            text = _("{kind}: clock stopped by the suspension; {days} {unit} remain after the "
                     "continuation decision. Basis: {basis}").format(
                kind=case_label(info.kind), days=info.paused_remaining,
                unit=case_label(info.unit), basis=info.basis)
            colours = PAUSED_COLOURS
        else:
            assert info.due is not None
            text = _("{kind}: due {weekday} {due} ({days} {unit}, {variant}) — {marker}. "
                     "Basis: {basis}").format(
                kind=case_label(info.kind), weekday=weekday_name(info.due),
                due=format_day(info.due), days=info.days, unit=case_label(info.unit),
                variant=case_label(info.variant), marker=marker, basis=info.basis)
            if info.extensions:
                text += " " + ngettext("(includes {count} extension)",
                                       "(includes {count} extensions)",
                                       info.extensions).format(count=info.extensions)
            colours = STATUS_COLOURS.get(info.status, PAUSED_COLOURS)
        self.setText(text + extra)
        self.setStyleSheet(
            f"background: {colours[0].name()}; color: {colours[1].name()}; border-radius: 3px;")


class TimelineTable(QTableWidget):
    """The case's events, oldest first: legal date, event, document, level, who and when, note.

    Read-only and out of the Tab chain (the keyboard works in the forms below it).
    """

    COLUMNS = (N_("Date"), N_("Event"), N_("Document"), N_("Level / body"),
               N_("Recorded by"), N_("Note"))
    MIN_ROWS = 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(self.COLUMNS), parent)
        setup_list_table(self, self.COLUMNS, (100, 230, 200, 230, 200), single=False,
                         tab_keys=True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Never fewer than MIN_ROWS rows in view: the page's other parts give way (tabs).
        self.setMinimumHeight(self.horizontalHeader().sizeHint().height()
                              + self.MIN_ROWS * ROW_HEIGHT + 2 * self.frameWidth())

    def show_events(self, events: Sequence[TimelineEntry]) -> None:
        self.setRowCount(len(events))
        for row, e in enumerate(events):
            document = e.document_number
            if document and e.document_date is not None:
                document = _("{number} of {date}").format(
                    number=document, date=format_day(e.document_date))
            place = case_label(e.level) if e.level else ""
            if e.body:
                place = _("{level}: {body}").format(level=place, body=e.body) if place \
                    else e.body
            what = case_label(e.kind)
            if e.criteria:
                what = _("{event} ({letters})").format(
                    event=what, letters=", ".join(sorted(c.letter for c in e.criteria)))
            cells = (format_day(e.legal_date), what, document, place,
                     _("{who}, {when}").format(who=e.actor,
                                               when=e.moment.strftime("%d/%m/%Y %H:%M")),
                     e.note)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.setItem(row, column, item)
