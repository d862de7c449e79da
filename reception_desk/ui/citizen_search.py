"""Search-as-you-type popup for a line edit, and CCCD QR scans typed into it by a USB scanner.

Attach it to the name field of the visit form::

    search = CitizenSearch(name_edit, desk, today=lambda: desk.now().date())
    search.citizen_picked.connect(form.fill_from_citizen)   # a CitizenSummary
    search.qr_scanned.connect(form.fill_from_qr)            # a domain.identity.CccdQr

Keys while the list shows: Up/Down choose, Enter picks, Esc closes. Focus never leaves the line
edit, so typing goes on while results refresh (~120 ms after the last key).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import QPoint
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QVBoxLayout

from reception_desk.domain.identity import CccdQr
from reception_desk.domain.identity import looks_like_cccd_qr
from reception_desk.domain.identity import parse_cccd_qr
from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.i18n import ngettext
from reception_desk.services.citizens.dto import CitizenSummary
from reception_desk.services.context import Changes
from reception_desk.services.desk import Desk
from reception_desk.texts import message
from reception_desk.ui.changes import change_feed

DEBOUNCE_MS = 120
MIN_CHARS = 1
ROLE = Qt.ItemDataRole.UserRole
_QR_START = re.compile(r"[0-9]{12}\|")


def citizen_lines(c: CitizenSummary) -> str:
    """Two lines for a result: name and paper number; address, visits and the last visit."""
    first = c.full_name + (f"  ·  {c.id_number}" if c.id_number else "")
    visits = ngettext("{count} visit", "{count} visits", c.visit_count).format(
        count=c.visit_count)
    if c.last_visit is not None:
        visits = _("{visits}, last on {date}").format(
            visits=visits, date=c.last_visit.strftime("%d/%m/%Y"))
    second = "  ·  ".join(p for p in (c.address, c.phone, visits) if p)
    return f"{first}\n{second}"


class _Popup(QFrame):
    """The floating result list; never takes the focus from the line edit."""

    def __init__(self, parent: QLineEdit) -> None:
        super().__init__(parent, Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFrameShape(QFrame.Shape.Box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.setSpacing(0)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setContentsMargins(6, 4, 6, 4)
        self.list = QListWidget(self)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setAlternatingRowColors(True)
        self.list.setUniformItemSizes(True)
        layout.addWidget(self.status)
        layout.addWidget(self.list)


class CitizenSearch(QObject):
    """Registry search and QR-scan recognition for one ``QLineEdit``.

    ``today`` gives the date QR dates are checked against (no clock reads below the UI: pass
    ``lambda: desk.now().date()``). With ``fill_name`` a good scan leaves the card's name in the
    line edit; a bad one leaves the text as it was before the scan. ``empty_text`` replaces the
    "a new record will be created" line where picking cannot create one (a case's complainants).
    """

    citizen_picked = Signal(object)  # CitizenSummary
    qr_scanned = Signal(object)  # CccdQr
    qr_rejected = Signal(str)  # the message shown

    def __init__(
        self,
        line_edit: QLineEdit,
        desk: Desk,
        today: Callable[[], date] | None = None,
        *,
        fill_name: bool = True,
        limit: int = 20,
        empty_text: str | None = None,
    ) -> None:
        super().__init__(line_edit)
        self._edit = line_edit
        self._desk = desk
        self._today = today or (lambda: desk.now().date())
        self._fill_name = fill_name
        self._limit = limit
        self._empty_text = empty_text  # shown when nothing matches (default: a new record)
        self._results: list[CitizenSummary] = []
        self._suppress = False
        self.popup = _Popup(line_edit)
        self.popup.list.itemClicked.connect(self._on_list_item_clicked)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        line_edit.textEdited.connect(self._on_edit_text_edited)
        line_edit.installEventFilter(self)
        change_feed(desk).changed.connect(self._on_changes)

    # --- public ----------------------------------------------------------------------------
    def results(self) -> list[CitizenSummary]:
        return list(self._results)

    def is_open(self) -> bool:
        return self.popup.isVisible()

    def close_popup(self) -> None:
        self.popup.hide()

    def search_now(self) -> None:
        """Run the pending search at once (tests, or a caller that cannot wait)."""
        self._timer.stop()
        self._on_timer_timeout()

    # --- events ----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # While a window is torn down Qt may still deliver events to a filter whose Python
        # side is already being destroyed: then there is nothing left to do.
        edit = getattr(self, "_edit", None)
        if edit is None or watched is not edit:
            return False
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._key(event)
        if event.type() == QEvent.Type.FocusOut:
            QTimer.singleShot(0, self._hide_unless_focused)
        return False

    def _hide_unless_focused(self) -> None:
        edit = getattr(self, "_edit", None)
        if edit is not None and not edit.hasFocus():
            self.popup.hide()

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if looks_like_cccd_qr(self._payload(self._edit.text())):
                self._timer.stop()
                self._handle_qr(self._edit.text())
                return True
            if self.is_open() and self.popup.list.currentItem() is not None:
                self._pick(self.popup.list.currentRow())
                return True
            return False
        if not self.is_open():
            if key == Qt.Key.Key_Down and self._edit.text().strip():
                self.search_now()
                return True
            return False
        count = self.popup.list.count()
        if key == Qt.Key.Key_Escape:
            self.popup.hide()
            return True
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and count:
            row = self.popup.list.currentRow()
            row = (row + (1 if key == Qt.Key.Key_Down else -1)) % count if row >= 0 else 0
            self.popup.list.setCurrentRow(row)
            return True
        if key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp) and count:
            step = 5 if key == Qt.Key.Key_PageDown else -5
            self.popup.list.setCurrentRow(max(0, min(count - 1,
                                                     self.popup.list.currentRow() + step)))
            return True
        return False

    @Slot(str)
    def _on_edit_text_edited(self, text: str) -> None:
        if self._suppress:
            return
        self._timer.start()

    @Slot()
    def _on_timer_timeout(self) -> None:
        text = self._edit.text()
        if "|" in text:
            # A scanner is typing: wait for the whole payload (Enter, or the pause after it).
            if looks_like_cccd_qr(self._payload(text)):
                self._handle_qr(text)
            return
        if len(text.strip()) < MIN_CHARS:
            self._results = []
            self.popup.hide()
            return
        self._results = self._desk.citizens.search(text, self._limit)
        self._show_results()

    @Slot(object)
    def _on_changes(self, changes: Changes) -> None:
        """Records changed (a visit saved, a merge) while the results show: search again."""
        if changes.citizens and self.is_open():
            self.search_now()

    @Slot(QListWidgetItem)
    def _on_list_item_clicked(self, item: QListWidgetItem) -> None:
        self._pick(self.popup.list.row(item))

    # --- internals -------------------------------------------------------------------------
    def _show_results(self) -> None:
        lst = self.popup.list
        lst.clear()
        for c in self._results:
            item = QListWidgetItem(citizen_lines(c))
            item.setData(ROLE, c.id)
            item.setToolTip(c.address)
            lst.addItem(item)
        if not self._results:
            self.popup.status.setText(self._empty_text or _(
                "No citizen found: a new record will be created."))
        else:
            self.popup.status.setText(
                _("Up/Down to choose, Enter to pick, Esc to close"))
        self.popup.status.setStyleSheet("")
        self.popup.status.show()
        if self._results:
            lst.setCurrentRow(0)
        self._place_popup()

    def _place_popup(self) -> None:
        edit = self._edit
        width = max(edit.width(), 520)
        rows = min(max(self.popup.list.count(), 1), 8)
        row_height = max(self.popup.list.sizeHintForRow(0), edit.fontMetrics().height() * 2 + 6)
        self.popup.list.setFixedHeight(rows * row_height + 4 if self.popup.list.count() else 0)
        self.popup.list.setVisible(bool(self.popup.list.count()))
        self.popup.setFixedWidth(width)
        self.popup.adjustSize()
        self.popup.move(edit.mapToGlobal(QPoint(0, edit.height())))
        self.popup.show()
        self.popup.raise_()

    def _pick(self, row: int) -> None:
        if not 0 <= row < len(self._results):
            return
        citizen = self._results[row]
        self.popup.hide()
        self._set_text(citizen.full_name)
        self.citizen_picked.emit(citizen)

    def _set_text(self, text: str) -> None:
        self._suppress = True
        try:
            self._edit.setText(text)
        finally:
            self._suppress = False

    def _handle_qr(self, payload: str) -> None:
        before, data = self._split_scan(payload)
        try:
            qr: CccdQr = parse_cccd_qr(data, today=self._today())
        except UserError as exc:
            self._set_text(before)
            text = message(exc.code, exc.params)
            self._show_error(text)
            self.qr_rejected.emit(text)
            return
        self._set_text(qr.full_name if self._fill_name else before)
        self.popup.hide()
        self.qr_scanned.emit(qr)

    @staticmethod
    def _split_scan(text: str) -> tuple[str, str]:
        """(what the field held before the scan, the scanned payload): a payload starts with
        the 12-digit number and its first '|'."""
        found = _QR_START.search(text)
        if found is None:
            return text, ""
        return text[: found.start()], text[found.start():]

    def _payload(self, text: str) -> str:
        return self._split_scan(text)[1]

    def _show_error(self, text: str) -> None:
        self.popup.list.clear()
        self._results = []
        self.popup.status.setText(text)
        self.popup.status.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self._place_popup()
