"""Where a card scanned in serial mode goes: the citizen search when it is open, else the
visit form, whatever widget has the keyboard focus (nothing is typed into it)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QLineEdit

from reception_desk.domain.identity import CccdQr
from reception_desk.ui.scanner.port import SerialScanner
from reception_desk.ui.visit_form import VisitForm


class ScanRouter(QObject):
    """Sends the scanner's cards and refusals to the open search dialog or the visit form.

    ``show_form`` brings the form's page forward; ``search`` gives the citizen search dialog
    if one was made (it takes a card while visible: its query becomes the card's number).
    While the settings tab tests a scan (``scanner.testing``) nothing is routed.
    """

    def __init__(self, scanner: SerialScanner, form: VisitForm, show_form: Callable[[], None],
                 search: Callable[[], QDialog | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._scanner = scanner
        self._form = form
        self._show_form = show_form
        self._search = search
        scanner.card_scanned.connect(self._on_scanner_card_scanned)
        scanner.scan_rejected.connect(self._on_scanner_scan_rejected)

    def _open_search(self) -> QDialog | None:
        dialog = self._search()
        return dialog if dialog is not None and dialog.isVisible() else None

    @Slot(object)
    def _on_scanner_card_scanned(self, card: CccdQr) -> None:
        if self._scanner.testing:
            return
        dialog = self._open_search()
        query = getattr(dialog, "query", None)
        if dialog is not None and isinstance(query, QLineEdit):
            query.setText(card.id_number)
            search_now = getattr(dialog, "search_now", None)
            if callable(search_now):
                search_now()
            query.setFocus()
            return
        self._show_form()
        self._form.take_card(card)

    @Slot(str)
    def _on_scanner_scan_rejected(self, text: str) -> None:
        if self._scanner.testing:
            return
        if self._open_search() is None:
            self._show_form()
        self._form.show_notice(text, error=True)
