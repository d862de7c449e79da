"""Earlier visits and cases of the person or matter being typed, and the case the visit joins.

While the name or ID number is filled, the repeat banner above the content lists earlier visits
and cases (300 ms after the last change); Alt+L or Ctrl+L (or the banner's button) links the
visit to the matter, and the line under the banner says which case it is part of, with Unlink.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from reception_desk.domain.visits import VisitDraft
from reception_desk.errors import KnownError
from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.services.citizens.dto import RepeatReport
from reception_desk.services.desk import Desk
from reception_desk.texts import message_for
from reception_desk.ui.repeat_banner import LINK_KEYS
from reception_desk.ui.repeat_banner import RepeatBanner

REPEAT_DEBOUNCE_MS = 300


class RepeatLink(QObject):
    """The repeat banner, the linked-case line and the keys that link a case.

    ``case_chosen(id)``: the clerk asked to link a case (banner button or key); the form links
    it with ``set_case``. ``lookup_failed(text)``: the registry could not be asked.
    """

    case_chosen = Signal(int)
    lookup_failed = Signal(str)

    def __init__(self, desk: Desk, body: QWidget, keys_host: QWidget,
                 draft: Callable[[], VisitDraft], editing: Callable[[], int | None]) -> None:
        super().__init__(keys_host)
        self._desk = desk
        self._host = keys_host
        self._draft = draft
        self._editing = editing
        self.case_id: int | None = None
        self._case_numbers: dict[int, str] = {}
        self.banner = RepeatBanner(body, context=Qt.ShortcutContext.WidgetShortcut)
        self.case_row = self._build_case_row(body)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REPEAT_DEBOUNCE_MS)
        # The banner's own keys would be live in the whole main window (and clash with other
        # pages' Ctrl+L): the form's keys work while the focus is in the form and the banner shows.
        self._shortcuts: list[QShortcut] = []
        for sequence in LINK_KEYS:
            shortcut = QShortcut(QKeySequence(sequence), keys_host)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.setEnabled(False)
            shortcut.activated.connect(self._on_shortcut_activated)
            self._shortcuts.append(shortcut)
        self.banner.link_requested.connect(self.case_chosen)
        self._timer.timeout.connect(self._on_timer_timeout)

    def _build_case_row(self, body: QWidget) -> QWidget:
        """"Part of case 3/2026 (unlink)": the matter this visit is linked to, if any."""
        row = QWidget(body)
        line = QHBoxLayout(row)
        line.setContentsMargins(4, 0, 4, 0)
        self.case_label = QLabel(row)
        self.case_label.setObjectName("caseLink")
        self.case_label.setStyleSheet("QLabel#caseLink { color: #1b5e20; font-weight: bold; }")
        self.unlink_button = QPushButton(_("Unlink"), row)
        self.unlink_button.setAccessibleName(_("Unlink the visit from the case"))
        self.unlink_button.setAutoDefault(False)
        line.addWidget(self.case_label)
        line.addWidget(self.unlink_button)
        line.addStretch(1)
        row.hide()
        return row

    # --- looking up --------------------------------------------------------------------------
    def schedule(self, identity_typed: bool) -> None:
        """Look for earlier visits and cases once typing pauses (only with a name or number)."""
        if identity_typed:
            self._timer.start()
        else:
            self._timer.stop()
            self.show_report(None)

    def check_now(self) -> None:
        """Run the pending look-up at once."""
        self._timer.stop()
        self._on_timer_timeout()

    @Slot()
    def _on_timer_timeout(self) -> None:
        draft = self._draft()
        if not (draft.citizen_name.strip() or draft.id_number.strip()):
            self.show_report(None)
            return
        try:
            report = self._desk.citizens.repeats(draft, exclude_visit_id=self._editing())
        except KnownError as exc:  # the database is gone: say so, keep typing possible
            self.lookup_failed.emit(message_for(exc))
            return
        self.show_report(report)

    def show_report(self, report: RepeatReport | None) -> None:
        if report is not None:
            self._case_numbers.update({c.id: c.number for c in report.cases})
        self.banner.set_report(report)
        self.banner.set_linked(self.case_id)
        for shortcut in self._shortcuts:
            shortcut.setEnabled(not self.banner.report().empty)

    # --- the linked case ---------------------------------------------------------------------
    def set_case(self, case_id: int | None) -> bool:
        """Link the visit to ``case_id`` (None: a new matter); False if it already was."""
        if case_id == self.case_id:
            return False
        self.case_id = case_id
        self.banner.set_linked(case_id)
        self.show_case()
        return True

    def load(self, case_id: int | None) -> None:
        """A draft was opened: its case, and no report until the next look-up."""
        self.case_id = case_id
        self.show_case()
        self.banner.set_report(None)

    def show_case(self) -> None:
        case_id = self.case_id
        if case_id is None:
            self.case_row.hide()
            return
        self.case_label.setText(_("Part of case {number}").format(
            number=self._case_number(case_id)))
        self.case_row.show()

    def _case_number(self, case_id: int) -> str:
        if case_id not in self._case_numbers:
            try:
                self._case_numbers[case_id] = self._desk.cases.case(case_id).number
            except (UserError, KnownError):
                return f"#{case_id}"
        return self._case_numbers[case_id]

    @Slot()
    def _on_shortcut_activated(self) -> None:
        if self.banner.isVisibleTo(self._host):
            case_id = self.banner.case_to_link()
            if case_id is not None:
                self.case_chosen.emit(case_id)
