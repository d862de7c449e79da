"""An old address (printed before July 2025) put on the new commune picker (issue 16, item 2).

When a scanned card or a typed address names a pre-2025 commune, the official table
(``desk.citizens.old_address``) gives the new commune: one → the picker takes it; several (a
split ward) → a list under the address row offers them with the hamlet text, focused, and
nothing is picked until the clerk chooses (↑/↓, Enter; Esc leaves the picker as it is). The
address detail stays as printed on the card.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QVBoxLayout

from reception_desk.domain import geography
from reception_desk.domain.old_addresses import AddressMatch
from reception_desk.domain.old_addresses import Candidate
from reception_desk.i18n import _
from reception_desk.services.desk import Desk
from reception_desk.ui.visit_form.sections import CitizenSection

#: What choosing a commune fills in (the form rechecks and notes them).
PLACE_INPUTS = frozenset({"province", "ward_code"})
_CHOOSER_ROW = 5  # below the phone row of the citizen section's grid


class OldAddressChooser(QFrame):
    """Maps the address to the new commune; lists the candidates of a split ward."""

    placed = Signal(object)  # frozenset[str]: the place inputs, filled by the program

    def __init__(self, section: CitizenSection, desk: Desk,
                 filling: Callable[[], AbstractContextManager[None]]) -> None:
        super().__init__(section)
        self._section = section
        self._desk = desk
        self._filling = filling
        self._offered = ""  # the address text last mapped
        self.setObjectName("old_address_chooser")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 4, 6, 4)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.choices = QListWidget(self)
        self.choices.setAccessibleName(_("New commune of the old address"))
        self.choices.itemActivated.connect(self._on_choices_item_activated)
        self.choices.installEventFilter(self)
        box.addWidget(self.note)
        box.addWidget(self.choices)
        section.grid.addWidget(self, _CHOOSER_ROW, 0, 1, 4)
        section.address_detail.textChanged.connect(self._on_address_text_changed)
        self.hide()
        # The table loads once per process (0.1–0.2 s): the app loads it on a thread a second
        # after the start (``app.warm_after_start``), not while the window is being built.

    # --- offering --------------------------------------------------------------------------
    @Slot(str, object)
    def offer(self, address: str, recorded: int | None = None) -> AddressMatch | None:
        """Map ``address`` (a card's, or typed): one new commune is put on the picker, several
        are listed for the clerk, unless ``recorded`` (the commune the citizen's registry record
        already holds, chosen by a clerk before) is one of them. Returns the match (None:
        nothing to map)."""
        self._offered = address
        if not address.strip():
            self.hide()
            return None
        found = self._desk.citizens.old_address(address)
        if not found.candidates:
            self.hide()
            return found
        kept = next((c for c in found.candidates if c.ward_code == recorded), None)
        if found.single is not None:
            self._place(found.single)
            self._show_single(found)
        elif kept is not None:
            self._place(kept)
            self.note.setText(_(
                "The old commune ({old}) was split; the citizen's record already names {ward}, "
                "one of its new communes: kept.").format(old="; ".join(found.old_units),
                                                         ward=kept.ward))
            self.choices.hide()
            self.show()
        else:
            self._show_split(found)
        return found

    @Slot()
    def offer_typed(self) -> None:
        """The clerk left the address field: map it when they typed a new text (a draft or a
        record shown, or the field merely passed through, changes no commune)."""
        line = self._section.address_detail
        text = line.text()
        if line.isModified() and text != self._offered:
            line.setModified(False)
            self.offer(text)

    def _show_single(self, found: AddressMatch) -> None:
        single = found.single
        if found.is_new or single is None:
            self.hide()
            return
        old = "; ".join(found.old_units)
        if single.exact:
            text = _("Old address ({old}): now {ward}, {province}.")
        else:
            text = _("Old address ({old}): now {ward}, {province}; the old commune was only "
                     "partly merged into it: check with the citizen.")
        self.note.setText(text.format(old=old, ward=single.ward, province=single.province))
        self.choices.hide()
        self.show()

    def _show_split(self, found: AddressMatch) -> None:
        hamlet = found.parsed.detail or _("(no hamlet given)")
        self.note.setText(_(
            "The old commune ({old}) was split into {count} new communes: choose the one of "
            "“{hamlet}” (↑/↓, Enter; Esc: choose later in the picker).").format(
            old="; ".join(found.old_units), count=len(found.candidates), hamlet=hamlet))
        self.choices.clear()
        for candidate in found.candidates:
            item = QListWidgetItem(_("{ward}, {province} — for “{hamlet}”").format(
                ward=candidate.ward, province=candidate.province, hamlet=hamlet))
            item.setData(Qt.ItemDataRole.UserRole, candidate.ward_code)
            self.choices.addItem(item)
        self.choices.setCurrentRow(0)
        rows = self.choices.count()
        self.choices.setFixedHeight(self.choices.sizeHintForRow(0) * rows
                                    + 2 * self.choices.frameWidth() + 2)
        self.choices.show()
        self.show()
        # The picker keeps no commune that may be wrong: the province of the candidates only.
        first = geography.commune(found.candidates[0].ward_code)
        with self._filling():
            self._section.province.set_code(first.province_code if first else None)
            self._section.fill_communes(None)
        self.placed.emit(PLACE_INPUTS)
        self.choices.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- choosing --------------------------------------------------------------------------
    def _place(self, candidate: Candidate) -> None:
        with self._filling():
            self._section.set_place(candidate.ward_code)
        self.placed.emit(PLACE_INPUTS)

    def choose(self, ward_code: int) -> None:
        """The clerk chose ``ward_code`` from the list: the picker takes it, the list closes."""
        with self._filling():
            self._section.set_place(ward_code)
        self.hide()
        self.placed.emit(PLACE_INPUTS)
        self._section.phone.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot(QListWidgetItem)
    def _on_choices_item_activated(self, item: QListWidgetItem) -> None:
        self.choose(int(item.data(Qt.ItemDataRole.UserRole)))

    @Slot(str)
    def _on_address_text_changed(self, text: str) -> None:
        if self.isVisible() and text != self._offered:
            self.hide()  # another address (or the form cleared): the list no longer applies

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.choices and isinstance(event, QKeyEvent)
                and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape):
            self.hide()
            self._section.ward.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return super().eventFilter(watched, event)
