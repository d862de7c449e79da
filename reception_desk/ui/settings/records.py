"""What the Staff and Fields tabs share: a list of records (``RecordsTab``) edited one at a
time in a dialog opened over the tab (``RecordDialog``) and switched in or out of use, never
deleted, with a row of buttons under the list and a message line for the desk's refusals."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.services.desk import Desk
from reception_desk.texts import message_for
from reception_desk.ui.forms import button_row
from reception_desk.ui.forms import error_label
from reception_desk.ui.forms import ok_cancel
from reception_desk.ui.forms import show_error
from reception_desk.ui.forms import wrapped_label

D = TypeVar("D", bound=QDialog)


class RecordDialog(QDialog):
    """Add or edit one record: the rows of ``form``, a message line for the desk's refusals
    (``error_label``), then Save and Cancel (``buttons``; Save is the subclass's to connect)."""

    def __init__(self, title: str, width: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(width)
        self.form = QFormLayout()
        self.error_label = error_label()
        self.buttons = ok_cancel(self, _("Save"))

    def _lay_out(self, first: QWidget) -> None:
        """Put the rows, the message line and the buttons in place; typing starts in
        ``first``."""
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        first.setFocus()


class RecordsTab(QWidget):
    """A tab over a list of records (``list_view``), with ``error_label`` for refusals and at
    most one edit ``dialog`` open."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.error_label = error_label()
        self.dialog: QDialog | None = None
        self._records: QWidget = self

    def _lay_out(self, records: QWidget, buttons: Sequence[QPushButton], note: str = "") -> None:
        """The list of ``records`` (it takes the height), the row of ``buttons``, the ``note``
        if any, then the message line."""
        self._records = records
        layout = QVBoxLayout(self)
        layout.addWidget(records, 1)
        layout.addLayout(button_row(*buttons))
        if note:
            layout.addWidget(wrapped_label(note))
        layout.addWidget(self.error_label)

    def list_view(self) -> QWidget:
        """What gets the keyboard back when a dialog closes: the list of records (the tab
        before it is laid out)."""
        return self._records

    def _open_dialog(self, dialog: D) -> D:
        """Open ``dialog`` over the tab; it is deleted once closed."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _change(self, change: Callable[[], object]) -> bool:
        """Make ``change`` through the desk; a refusal shows in the message line (False)."""
        show_error(self.error_label, "")
        try:
            change()
        except UserError as error:
            show_error(self.error_label, message_for(error))
            return False
        return True

    @Slot(int)
    def _on_dialog_finished(self, _result: int) -> None:
        self.dialog = None
        self.list_view().setFocus()
