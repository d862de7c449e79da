"""What every tab over one office setting shares (``SettingTab``): the setting's version read
with its value, a Save button greyed out for a user without the right to manage settings, and
the compare-and-set save.

A refusal keeps what was typed and shows the desk's sentence (by default in the tab's
``error_label``; a tab with a message line per field puts each beside its field). When another
counter saved the setting first, the refusal carries the setting's version now and the tab takes
it: saving again knowingly replaces the other counter's values (the message said so).

A tab declares its fields and lays them out, with ``status_label`` and ``save_button`` where it
wants them, and fills in ``_store`` (the desk call) and ``_announce_saved`` (its signal).
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from reception_desk.domain.access import Permission
from reception_desk.errors import KnownError
from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.services.desk import Desk
from reception_desk.texts import message_for
from reception_desk.ui.forms import changed_version
from reception_desk.ui.forms import show_error
from reception_desk.ui.rights import Rights


class SettingTab(QWidget):
    """A tab that edits one office setting (``key``) and saves it with compare-and-set."""

    #: Trouble in the environment that a save shows in ``error_label`` (the attachments tab: a
    #: scanner folder that is not there); any other propagates.
    KNOWN_TROUBLE: tuple[type[KnownError], ...] = ()

    #: The message line of a refusal (made by the tabs that show refusals in one place).
    error_label: QLabel

    def __init__(self, desk: Desk, key: str, save_text: str, parent: QWidget | None = None,
                 *, name: str = "") -> None:
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        self._desk = desk
        #: The setting's version as read (before the value): the save compares-and-sets it.
        self.version = desk.setting_version(key)
        self.status_label = QLabel()
        self.save_button = QPushButton(save_text)
        self.rights = Rights(desk.access, self)
        self.rights.gate(self.save_button, Permission.MANAGE_SETTINGS)
        self.save_button.clicked.connect(self.save)

    @Slot()
    def save(self) -> bool:
        """Save what the tab shows; False when refused (what was typed stays)."""
        self._clear_messages()
        if not self._ready():
            return False
        try:
            self._store()
        except UserError as error:
            self.version = changed_version(error, self.version)
            self._show_refusal(error)
            return False
        except self.KNOWN_TROUBLE as trouble:
            show_error(self.error_label, message_for(trouble))
            return False
        self.version += 1
        self.status_label.setText(_("Saved."))
        self._announce_saved()
        return True

    # --- what a tab fills in --------------------------------------------------------------------
    def _store(self) -> None:
        """Save the values shown through the desk with ``self.version`` (raising its refusal),
        then show them as saved."""
        raise NotImplementedError

    def _announce_saved(self) -> None:
        """Tell the listeners (the tab's own signal)."""
        raise NotImplementedError

    def _clear_messages(self) -> None:
        show_error(self.error_label, "")
        self.status_label.clear()

    def _ready(self) -> bool:
        """Checks made before asking the desk (a refusal shown here gives False)."""
        return True

    def _show_refusal(self, error: UserError) -> None:
        show_error(self.error_label, message_for(error))

