"""Which registry person the visit belongs to: picked in the name field's search, or read from
a CCCD QR scanned into the name or ID number field.

Citizens are picked, not retyped: a picked citizen (or the one record holding a scanned card's
number) stays attached while the clerk corrects phone, address, dates or spelling; changing the
name (other than accents and case) or an ID number the record already had detaches it, so a
different person is never silently merged into the record (``PickedCitizen``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date

from PySide6.QtCore import QObject
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot

from reception_desk.domain.classification import IdDocType
from reception_desk.domain.identity import CccdQr
from reception_desk.domain.identity import PersonKey
from reception_desk.domain.identity import looks_like_cccd_qr
from reception_desk.domain.identity import parse_cccd_qr
from reception_desk.domain.identity import person_key
from reception_desk.domain.identity import same_person
from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.services.citizens.dto import CitizenSummary
from reception_desk.services.desk import Desk
from reception_desk.texts import message as citizen_message
from reception_desk.ui.visit_form.sections import CitizenSection

#: Who the identity fields name (folded name, paper type, normalised number).
IdentityKey = PersonKey

#: What a picked citizen fills in.
CITIZEN_INPUTS = frozenset({
    "citizen_name", "id_doc_type", "id_number", "id_issue_date", "id_issue_place", "sex",
    "birth_date", "province", "ward_code", "address_detail", "phone",
})
#: What a scanned card fills in (with the registry record of its number, if there is one).
CARD_INPUTS = frozenset({
    "citizen_name", "id_doc_type", "id_number", "birth_date", "sex", "address_detail",
    "id_issue_date", "phone", "id_issue_place", "province", "ward_code",
})

_QR_START = re.compile(r"[0-9]{12}\|")


def identity_key(name: str, doc_type: IdDocType, number: str) -> IdentityKey:
    return person_key(name, doc_type, number)


class PickedCitizen:
    """The registry record the visit is attached to, and whom the fields named when it was."""

    def __init__(self) -> None:
        self.citizen_id: int | None = None
        #: The identity fields when the record was attached; None: trust ``citizen_id`` as is.
        self.key: IdentityKey | None = None
        #: The record's version as the fields showed it (the save compares-and-sets it).
        self.version: int | None = None

    def attach(self, citizen_id: int | None, key: IdentityKey | None,
               version: int | None = None) -> None:
        self.citizen_id = citizen_id
        self.key = key
        self.version = version if citizen_id is not None else None

    def current(self, now: IdentityKey) -> int | None:
        """The picked citizen, unless the clerk has since typed another person: a changed name
        (accents and case aside) or a changed paper number that the record already had.
        Phone, address, dates, sex and a number added to a record without one keep it."""
        if self.citizen_id is None or self.key is None:
            return self.citizen_id
        return self.citizen_id if same_person(self.key, now) else None


def scanned_payload(text: str) -> tuple[str, str] | None:
    """A scanner typed a CCCD QR payload into a field (after any text already there):
    (the text before it, the payload), or None when the text holds no payload."""
    found = _QR_START.search(text)
    if found is None or not looks_like_cccd_qr(text[found.start():]):
        return None
    return text[: found.start()], text[found.start():]


class CitizenPicker(QObject):
    """Fills the citizen section from a registry record or a chip card, and keeps the record.

    The inputs change inside ``filling()`` (the form's "the program, not the clerk, edits"
    block); then ``filled(names)`` says which fields were filled, and ``notice(text, error)``
    gives the form's message line a sentence (a card read, a scan refused).
    """

    filled = Signal(object)  # frozenset[str]
    notice = Signal(str, bool)
    #: A card was read: its printed address, and the commune of the registry record it matched
    #: (None: no record, or none recorded).
    card_read = Signal(str, object)

    def __init__(self, section: CitizenSection, desk: Desk, today: Callable[[], date],
                 filling: Callable[[], AbstractContextManager[None]]) -> None:
        super().__init__(section)
        self._section = section
        self._desk = desk
        self._today = today
        self._filling = filling
        self._picked = PickedCitizen()
        search = section.citizen_search
        search.citizen_picked.connect(self._on_search_citizen_picked)
        search.qr_scanned.connect(self._on_search_qr_scanned)
        search.qr_rejected.connect(self._on_search_qr_rejected)
        section.id_number.editingFinished.connect(self._on_id_number_editing_finished)

    def identity(self) -> IdentityKey:
        """Whom the identity fields now name."""
        section = self._section
        return identity_key(section.citizen_name.text(), section.doc_type(),
                            section.id_number.text())

    def citizen_id(self) -> int | None:
        """The record the visit belongs to (None: a new person, made when the visit is saved)."""
        return self._picked.current(self.identity())

    def citizen_version(self) -> int | None:
        """The attached record's version as the fields showed it (None: no record)."""
        return self._picked.version if self.citizen_id() is not None else None

    def attach(self, citizen_id: int | None, version: int | None = None) -> None:
        """The fields as they are now belong to record ``citizen_id`` at ``version`` (a draft
        was opened)."""
        self._picked.attach(citizen_id, self.identity() if citizen_id is not None else None,
                            version)

    def adopt_version(self, version: int | None) -> None:
        """Another counter changed the record and the clerk was told which fields: the typed
        values stay, and saving again knowingly writes them over version ``version``."""
        if self._picked.citizen_id is not None:
            self._picked.version = version

    def show_note(self) -> None:
        self._section.show_linked(self.citizen_id() is not None)

    def fill_from_citizen(self, citizen: CitizenSummary) -> None:
        """A citizen picked from the registry: their identity and contact fill the section."""
        with self._filling():
            self._section.show_citizen(citizen)
            self._picked.attach(citizen.id, self.identity(), citizen.version)
        self.filled.emit(CITIZEN_INPUTS)

    def fill_from_qr(self, qr: CccdQr) -> None:
        """A chip card's QR: number, name, birth date, sex, address and issue date. A registry
        record with that number (exactly one) is attached, so no duplicate person is made."""
        known = self._desk.citizens.by_id_number(qr.id_number)
        with self._filling():
            self._section.show_card(qr)
            self._picked.attach(None, None)
            if len(known) == 1:
                self._section.complete_from(known[0])
                self._picked.attach(known[0].id, self.identity(), known[0].version)
        self.filled.emit(CARD_INPUTS)
        self.notice.emit(_("Card read: {name}, {number}.").format(
            name=qr.full_name, number=qr.id_number), False)
        self.card_read.emit(qr.address, known[0].ward_code if len(known) == 1 else None)

    @Slot(object)
    def _on_search_citizen_picked(self, citizen: CitizenSummary) -> None:
        self.fill_from_citizen(citizen)

    @Slot(object)
    def _on_search_qr_scanned(self, qr: CccdQr) -> None:
        self.fill_from_qr(qr)

    @Slot(str)
    def _on_search_qr_rejected(self, text: str) -> None:
        self.notice.emit(text, True)

    @Slot()
    def _on_id_number_editing_finished(self) -> None:
        """A scanner typed a QR payload into the ID number field (it ends with Enter)."""
        id_number = self._section.id_number
        scanned = scanned_payload(id_number.text())
        if scanned is None:
            return
        before, payload = scanned
        try:
            qr = parse_cccd_qr(payload, today=self._today())
        except UserError as exc:
            id_number.setText(before)  # a bad scan changes nothing
            self.notice.emit(citizen_message(exc.code, exc.params), True)
            return
        self.fill_from_qr(qr)
