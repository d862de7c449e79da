"""Revealing a protected identity (a reason first; logged and audited), and "who viewed this
identity" for the chairperson.

Opened from a record: Ctrl+Shift+I (reveal) and Ctrl+Shift+W (who viewed) on a logbook row,
and on a case's complainant. The dialog shows the identity as the user may see it; the reveal
asks the services, which refuse a user without the right and name it.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.config import OFFICE_TZ
from reception_desk.domain.access import Permission
from reception_desk.domain.secrecy import REASON_MIN
from reception_desk.domain.secrecy import IdentityField
from reception_desk.domain.secrecy import MaskedIdentity
from reception_desk.domain.secrecy import Shown
from reception_desk.domain.secrecy import apply_plan
from reception_desk.errors import UserError
from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.services.access.desk import AccessDesk
from reception_desk.services.access.dto import RecordRef
from reception_desk.services.access.dto import RevealEntry
from reception_desk.texts.access import withheld_text
from reception_desk.ui.forms import error_label
from reception_desk.ui.forms import form_row
from reception_desk.ui.forms import problems_text
from reception_desk.ui.forms import show_error
from reception_desk.ui.forms import wrapped_label
from reception_desk.ui.users_dialog import FocusDialog

FIELD_TITLES: dict[IdentityField, str] = {
    IdentityField.NAME: N_("Full name:"),
    IdentityField.ID_NUMBER: N_("ID number:"),
    IdentityField.PHONE: N_("Phone:"),
    IdentityField.ADDRESS: N_("Address:"),
    IdentityField.BIRTH_DATE: N_("Birth date:"),
}


class IdentityView(QWidget):
    """The five identity fields as read-only labels (withheld ones worded)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.values: dict[IdentityField, QLabel] = {}
        for field in IdentityField:
            label = QLabel()
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            form.addRow(_(FIELD_TITLES[field]), label)
            self.values[field] = label

    def show_identity(self, masked: MaskedIdentity) -> None:
        for field, label in self.values.items():
            label.setText(masked.text(field, withheld_text()))


def fill_viewers(table: QTableWidget, entries: list[RevealEntry]) -> None:
    table.setRowCount(0)
    for entry in entries:
        row = table.rowCount()
        table.insertRow(row)
        when = entry.at.astimezone(OFFICE_TZ).strftime("%H:%M %d/%m/%Y")
        who = f"{entry.user_name} ({entry.username})"
        person = "" if entry.person == 0 else _("member {number}").format(number=entry.person)
        for column, text in enumerate((when, who, person, entry.reason)):
            table.setItem(row, column, QTableWidgetItem(text))


def viewers_table() -> QTableWidget:
    table = QTableWidget(0, 4)
    table.setHorizontalHeaderLabels([_("When"), _("Who"), _("Person"), _("Reason")])
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    for column in range(3):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
    table.setTabKeyNavigation(False)
    return table


class RevealDialog(FocusDialog):
    """Reason, Enter, the identity in clear; and who viewed it before (with the right)."""

    def __init__(self, access: AccessDesk, ref: RecordRef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._access = access
        self._ref = ref
        self.setWindowTitle(_("Reveal identity"))
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label(_(
            "The identity of a denouncer is kept secret (Luật Tố cáo, Art. 9 and 56). Seeing it "
            "is recorded with your name, the time and your reason, and the chairperson can read "
            "that record.")))
        self.identity_view = IdentityView()
        layout.addWidget(self.identity_view)
        form = QFormLayout()
        self.reason_edit = QLineEdit()
        self.reason_edit.setMaxLength(500)
        self.reason_edit.setPlaceholderText(
            _("e.g. Inviting the denouncer to supplement evidence (at least {count} "
              "characters)").format(count=REASON_MIN))
        form_row(form, _("&Reason:"), self.reason_edit)
        layout.addLayout(form)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        self.revealed_label = wrapped_label()
        self.revealed_label.hide()
        layout.addWidget(self.revealed_label)
        self.viewers_box = QGroupBox(_("Who viewed this identity"))
        box_layout = QVBoxLayout(self.viewers_box)
        self.viewers = viewers_table()
        box_layout.addWidget(self.viewers)
        layout.addWidget(self.viewers_box)
        self.viewers_box.setVisible(access.can(Permission.VIEW_REVEAL_LOG))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Close)
        self.reveal_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.reveal_button.setText(_("&Reveal"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self.buttons.accepted.connect(self.reveal)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # Without the viewers list the dialog keeps its natural height.
        self.resize(620, 520 if self.viewers_box.isVisibleTo(self) else self.sizeHint().height())
        self._load()
        self.initial_focus = self.reason_edit

    def _load(self) -> None:
        try:
            shown = self._access.identity(self._ref)
        except UserError as error:
            show_error(self.error_label, problems_text(error))
            self.reveal_button.setEnabled(False)
            return
        self.identity_view.show_identity(shown.masked)
        self._refresh_viewers()

    def _fit_height(self) -> None:
        """A wrapped message needs room: grow to fit (the viewers list, when shown, has it)."""
        if not self.viewers_box.isVisibleTo(self):
            width = self.width()
            self.adjustSize()
            self.resize(width, self.heightForWidth(width) if self.hasHeightForWidth()
                        else self.sizeHint().height())

    def _refresh_viewers(self) -> None:
        if self._access.can(Permission.VIEW_REVEAL_LOG):
            fill_viewers(self.viewers, self._access.who_viewed(self._ref))

    @Slot()
    def reveal(self) -> None:
        show_error(self.error_label, "")
        try:
            revealed = self._access.reveal(self._ref, self.reason_edit.text())
        except UserError as error:
            show_error(self.error_label, problems_text(error))
            self._fit_height()
            self.reason_edit.setFocus()
            self.reason_edit.selectAll()
            return
        self.identity_view.show_identity(
            apply_plan(revealed.identity, {f: Shown.CLEAR for f in IdentityField}))
        principal = self._access.principal
        self.revealed_label.setText(_("Shown to {name} at {time}; this look is recorded.").format(
            name=principal.display_name if principal else "",
            time=self._access.now().astimezone(OFFICE_TZ).strftime("%H:%M %d/%m/%Y")))
        self.revealed_label.show()
        self.reason_edit.setReadOnly(True)
        self.reveal_button.setEnabled(False)
        self._refresh_viewers()
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setFocus()


class WhoViewedDialog(FocusDialog):
    """Every reveal of a record's identities: when, who, which person, why."""

    def __init__(self, access: AccessDesk, ref: RecordRef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Who viewed this identity"))
        layout = QVBoxLayout(self)
        self.viewers = viewers_table()
        layout.addWidget(self.viewers)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 360)
        try:
            fill_viewers(self.viewers, access.who_viewed(ref))
        except UserError as error:
            show_error(self.error_label, problems_text(error))
        self.initial_focus = self.viewers


class IdentityDialogHost(Protocol):
    """A page that opens the reveal and who-viewed dialogs (the logbook, a case's
    complainants): the open one is on ``identity_dialog`` (None once closed)."""

    identity_dialog: RevealDialog | WhoViewedDialog | None


def open_identity_dialog(host: IdentityDialogHost, dialog: RevealDialog | WhoViewedDialog,
                         focus: QWidget) -> None:
    """Open ``dialog`` window-modal (deleted on close), kept on ``host.identity_dialog`` while
    it is open; once closed, the keyboard goes back to ``focus`` (the table it was asked from)."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    host.identity_dialog = dialog

    def finished(_result: int) -> None:
        host.identity_dialog = None
        focus.setFocus()

    dialog.finished.connect(finished)
    dialog.open()
