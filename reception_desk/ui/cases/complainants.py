"""The case page's citizens: who complains (and who represents them), added from the registry.

Keys: Alt+A types a name or ID number (Enter adds, in the role chosen beside it); Alt+P moves
to the list, Del removes the selected person. The desk refuses to remove the last complainant;
its refusal shows under the section. Identities come masked from the services; on a masked
person Ctrl+Shift+I opens the reveal dialog (a reason first, recorded) and Ctrl+Shift+W lists
who viewed it (with the right to read that record).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.domain.access import Permission
from reception_desk.errors import UserError
from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.services.access.dto import RecordKind
from reception_desk.services.access.dto import RecordRef
from reception_desk.services.cases.dto import Complainant
from reception_desk.services.cases.dto import ComplainantRole
from reception_desk.services.citizens.dto import CitizenSummary
from reception_desk.services.desk import Desk
from reception_desk.texts.access import withheld_text
from reception_desk.texts.cases import role_label
from reception_desk.ui.cases.forms import combo
from reception_desk.ui.cases.forms import combo_enum
from reception_desk.ui.cases.forms import current_item
from reception_desk.ui.cases.forms import error_text
from reception_desk.ui.cases.forms import setup_list_table
from reception_desk.ui.changes import announce
from reception_desk.ui.citizen_search import CitizenSearch
from reception_desk.ui.forms import buddy
from reception_desk.ui.forms import error_label
from reception_desk.ui.paged_table import ROW_HEIGHT

if TYPE_CHECKING:
    from reception_desk.domain.identity import CccdQr
    from reception_desk.ui.reveal_dialog import RevealDialog
    from reception_desk.ui.reveal_dialog import WhoViewedDialog


class ComplainantsSection(QGroupBox):
    """A small list of the case's citizens, Add (registry search) and Remove (Del).

    ``changed`` carries the case (CaseDetail) after a citizen was added or removed.
    """

    changed = Signal(object)

    COLUMNS = (N_("Full name"), N_("Role in the case"), N_("ID number"), N_("Address"))

    def __init__(self, desk: Desk, case_id: int, parent: QWidget | None = None) -> None:
        # A group's own mnemonic would not move the focus from the search field inside it.
        super().__init__(_("Complainants (Alt+P)"), parent)
        self._desk = desk
        self._case_id = case_id
        self._people: Sequence[Complainant] = ()
        self.setObjectName("caseComplainants")
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        table = self.table = QTableWidget(0, len(self.COLUMNS))
        table.setObjectName("caseComplainantTable")
        setup_list_table(table, self.COLUMNS, (185, 170, 110))
        # Three rows high: the case page keeps its room for the timeline.
        table.setFixedHeight(table.horizontalHeader().height() + 3 * ROW_HEIGHT
                             + 2 * table.frameWidth())
        layout.addWidget(table)
        row = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("caseComplainantSearch")
        self.search_edit.setPlaceholderText(_("Name or ID number, Enter to add"))
        row.addWidget(buddy(_("&Add:"), self.search_edit))
        row.addWidget(self.search_edit, 1)
        self.role_combo = combo((role_label(r), r) for r in ComplainantRole)
        row.addWidget(buddy(_("a&s:"), self.role_combo))
        row.addWidget(self.role_combo)
        self.remove_button = QPushButton(_("Remove (Del)"))
        self.remove_button.setAutoDefault(False)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        self.error_label = error_label()
        self.error_label.setObjectName("caseComplainantError")
        layout.addWidget(self.error_label)
        self.search = CitizenSearch(
            self.search_edit, self._desk, fill_name=False,
            empty_text=_("No citizen found in the registry: citizens are added when their "
                         "visit is logged."))
        self.search.citizen_picked.connect(self._on_search_citizen_picked)
        self.search.qr_scanned.connect(self._on_search_qr_scanned)
        self.remove_button.clicked.connect(self.remove)
        self.list_shortcut = QShortcut(QKeySequence("Alt+P"), self)
        self.list_shortcut.activated.connect(self._on_list_shortcut_activated)
        self.remove_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), table)
        self.remove_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_shortcut.activated.connect(self.remove)
        self.identity_dialog: RevealDialog | WhoViewedDialog | None = None
        self.reveal_shortcut = QShortcut(QKeySequence("Ctrl+Shift+I"), table)
        self.reveal_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.reveal_shortcut.activated.connect(self.reveal_selected)
        self.who_viewed_shortcut = QShortcut(QKeySequence("Ctrl+Shift+W"), table)
        self.who_viewed_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.who_viewed_shortcut.activated.connect(self.who_viewed_selected)

    # --- public ----------------------------------------------------------------------------
    def show_complainants(self, people: Sequence[Complainant],
                          select_id: int | None = None) -> None:
        """List ``people``; select the citizen ``select_id`` (else keep the row selected)."""
        self._people = people
        table = self.table
        table.setRowCount(len(people))
        for row, c in enumerate(people):
            cells = ((withheld_text(), role_label(c.role), "", "") if c.identity_secret else
                     (c.full_name, role_label(c.role), c.id_number or "—", c.address))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(" ".join(text.split()))
                item.setToolTip(_("Masked: Ctrl+Shift+I reveals it with a reason (recorded)")
                                if c.identity_masked else text)
                item.setData(Qt.ItemDataRole.UserRole, c.citizen_id)
                table.setItem(row, column, item)
        rows = {c.citizen_id: i for i, c in enumerate(people)}
        if select_id in rows:
            table.selectRow(rows[select_id])
        elif people:
            table.selectRow(min(max(table.currentRow(), 0), len(people) - 1))
        self.remove_button.setEnabled(bool(people))

    def selected_complainant(self) -> Complainant | None:
        return current_item(self.table, self._people)

    def add(self, citizen_id: int) -> bool:
        """Link the citizen in the role chosen beside the search field."""
        role = combo_enum(ComplainantRole, self.role_combo) or ComplainantRole.COMPLAINANT
        try:
            detail, _changes = announce(self._desk, self._desk.cases.add_complainant(
                self._case_id, citizen_id, role))
        except UserError as error:
            self._show_error(error)
            return False
        self.error_label.hide()
        self.search_edit.clear()
        self.role_combo.setCurrentIndex(0)
        self.changed.emit(detail)
        self.show_complainants(detail.complainants, citizen_id)
        self.search_edit.setFocus()
        return True

    @Slot()
    def remove(self) -> bool:
        """Unlink the selected citizen; the desk refuses to remove the last complainant."""
        chosen = self.selected_complainant()
        if chosen is None:
            return False
        try:
            detail, _changes = announce(self._desk, self._desk.cases.remove_complainant(
                self._case_id, chosen.citizen_id))
        except UserError as error:
            self._show_error(error)
            return False
        self.error_label.hide()
        self.changed.emit(detail)
        self.table.setFocus()
        return True

    @Slot()
    def reveal_selected(self) -> RevealDialog | None:
        """The reveal dialog for the selected person, when masked and the user may reveal."""
        chosen = self.selected_complainant()
        if (chosen is None or not chosen.identity_masked
                or not self._desk.access.can(Permission.REVEAL_IDENTITY)):
            return None
        from reception_desk.ui.reveal_dialog import RevealDialog
        from reception_desk.ui.reveal_dialog import open_identity_dialog

        dialog = RevealDialog(self._desk.access, self._ref(chosen), self)
        open_identity_dialog(self, dialog, self.table)
        return dialog

    @Slot()
    def who_viewed_selected(self) -> WhoViewedDialog | None:
        chosen = self.selected_complainant()
        if chosen is None or not self._desk.access.can(Permission.VIEW_REVEAL_LOG):
            return None
        from reception_desk.ui.reveal_dialog import WhoViewedDialog
        from reception_desk.ui.reveal_dialog import open_identity_dialog

        dialog = WhoViewedDialog(self._desk.access, self._ref(chosen), self)
        open_identity_dialog(self, dialog, self.table)
        return dialog

    # --- internals -------------------------------------------------------------------------
    def _ref(self, person: Complainant) -> RecordRef:
        return RecordRef(RecordKind.CASE, self._case_id, person.citizen_id)



    def _show_error(self, error: UserError) -> None:
        self.error_label.setText(error_text(error))
        self.error_label.show()

    @Slot(object)
    def _on_search_citizen_picked(self, citizen: CitizenSummary) -> None:
        self.add(citizen.id)

    @Slot(object)
    def _on_search_qr_scanned(self, qr: CccdQr) -> None:
        found = self._desk.citizens.by_id_number(qr.id_number)
        if len(found) == 1:
            self.add(found[0].id)
            return
        self.search_edit.setText(qr.full_name)
        self._show_error(UserError("case.citizen_not_registered", id_number=qr.id_number)
                         if not found else UserError("case.citizen_choose"))

    @Slot()
    def _on_list_shortcut_activated(self) -> None:
        self.table.setFocus()

