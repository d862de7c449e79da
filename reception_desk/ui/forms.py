"""Pieces every form and dialog builds the same way: the red message line under a field, the
message banner, a wrapped note, a captioned row of a form layout, a row of buttons that Enter
never presses, OK/Cancel, Close, date boxes, the value of a choice.

One home for each, so the forms and dialogs cannot drift apart; ``ui.theme`` holds the colours
and ``ui.widgets`` the input widgets.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import TypeVar

from PySide6.QtCore import QDate
from PySide6.QtCore import QDateTime
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDateEdit
from PySide6.QtWidgets import QDateTimeEdit
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.errors import UserError
from reception_desk.errors import ValidationFailed
from reception_desk.i18n import _
from reception_desk.texts import message_for

E = TypeVar("E", bound=Enum)

DATE_FORMAT = "dd/MM/yyyy"
DATE_TIME_FORMAT = "dd/MM/yyyy HH:mm"


def buddy(text: str, widget: QWidget) -> QLabel:
    """A field's label whose mnemonic (the letter after "&") moves the focus to ``widget``."""
    caption = QLabel(text)
    caption.setBuddy(widget)
    return caption


def wrapped_label(text: str = "", *, name: str | None = None) -> QLabel:
    """A label whose text wraps at the width it is given: a note above or under a form, a
    summary, a result."""
    label = QLabel(text)
    if name is not None:
        label.setObjectName(name)
    label.setWordWrap(True)
    return label


def heading_label(text: str = "", *, scale: float = 1.4, name: str | None = None) -> QLabel:
    """A window's or a card's title: bold, ``scale`` times the usual size."""
    label = QLabel(text)
    if name is not None:
        label.setObjectName(name)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


# --- messages beside fields ----------------------------------------------------------------------

def error_label(parent: QWidget | None = None, *, name: str | None = None) -> QLabel:
    """The message line under a field: red, wrapped, selectable with the mouse, hidden while
    it has nothing to say (``show_error``)."""
    label = QLabel(parent)
    if name is not None:
        label.setObjectName(name)
    label.setProperty("role", "fieldError")  # red: the app's style sheet (ui.theme)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def show_error(label: QLabel, text: str) -> None:
    """Show ``text`` in a message line; empty text hides it."""
    label.setText(text)
    label.setVisible(bool(text))


def problems_of(error: UserError) -> list[UserError]:
    """The single problems behind a refusal (a ``ValidationFailed`` carries several)."""
    return list(error.problems) if isinstance(error, ValidationFailed) else [error]


#: Refusals of a compare-and-set save: another counter saved the record first (issue 11).
CHANGED_ELSEWHERE = frozenset({"setting.changed_elsewhere", "citizen.changed_elsewhere",
                               "staff.changed_elsewhere", "field.changed_elsewhere"})


def changed_version(error: UserError, version: int) -> int:
    """The version a screen holds after ``error``: a compare-and-set refusal carries the record's
    version now, which the screen takes so that saving again (what was typed is kept, and the
    message told the clerk) knowingly replaces the other counter's values."""
    if error.code in CHANGED_ELSEWHERE and isinstance(error.params.get("version"), int):
        return int(error.params["version"])
    return version


def problems_text(error: UserError) -> str:
    """Every problem behind a refusal, one sentence a line."""
    return "\n".join(message_for(p) for p in problems_of(error))


def form_row(form: QFormLayout, title: str, editor: QWidget,
             error: QLabel | None = None) -> QLabel:
    """A captioned row: ``title`` (Alt plus its underlined letter jumps to ``editor``), the
    editor, and under it its message line when one is given. Returns the caption."""
    caption = QLabel(title)
    caption.setBuddy(editor)
    if error is None:
        form.addRow(caption, editor)
        return caption
    box = QVBoxLayout()
    box.setSpacing(2)
    box.addWidget(editor)
    box.addWidget(error)
    form.addRow(caption, box)
    return caption


def show_refusal(label: QLabel, error: UserError, field: QLineEdit) -> None:
    """Show the desk's refusal in ``label`` and select ``field`` (the one it names) to type
    again: a sign-in, an unlock, a password change."""
    show_error(label, problems_text(error))
    field.setFocus()
    field.selectAll()


def banner_label(parent: QWidget | None = None, *, name: str | None = None) -> QLabel:
    """The message line of a page or dialog, drawn by the theme's banner rule: red on pink
    (property ``tone`` "error") or green ("success"); hidden until it has something to say."""
    label = QLabel(parent)
    if name is not None:
        label.setObjectName(name)
    label.setProperty("role", "banner")
    label.setProperty("tone", "error")
    label.setWordWrap(True)
    label.hide()
    return label


# --- buttons -------------------------------------------------------------------------------------

def button_row(*buttons: QPushButton, lead: QWidget | None = None) -> QHBoxLayout:
    """A row of buttons that Enter never presses: after ``lead`` (stretching) if given, else
    packed to the left."""
    row = QHBoxLayout()
    if lead is not None:
        row.addWidget(lead, 1)
    for button in buttons:
        button.setAutoDefault(False)
        row.addWidget(button)
    if lead is None:
        row.addStretch(1)
    return row


def ok_cancel(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    """OK (named ``ok_text``) and Cancel; Cancel rejects ``dialog``, OK is the caller's."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
    buttons.rejected.connect(dialog.reject)
    return buttons


def close_buttons(dialog: QDialog) -> QDialogButtonBox:
    """A lone Close (Esc too) that rejects ``dialog`` and that Enter never presses: Enter in a
    field or a list belongs to that field or list."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    close = buttons.button(QDialogButtonBox.StandardButton.Close)
    close.setText(_("Close"))
    close.setAutoDefault(False)
    close.setDefault(False)
    buttons.rejected.connect(dialog.reject)
    return buttons


def active_toggle_text(active: bool) -> str:
    """The label of the button that takes a record (a staff member, a field) out of use or
    back into use."""
    return _("&Deactivate") if active else _("&Reactivate")


# --- dates ---------------------------------------------------------------------------------------

def date_edit(day: QDate | None = None, parent: QWidget | None = None) -> QDateEdit:
    """A day, calendar popup, typed as dd/mm/yyyy."""
    edit = QDateEdit(day, parent) if day is not None else QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    return edit


def date_time_edit(moment: QDateTime | None = None,
                   parent: QWidget | None = None) -> QDateTimeEdit:
    """A day and time, calendar popup, typed as dd/mm/yyyy hh:mm."""
    edit = QDateTimeEdit(moment, parent) if moment is not None else QDateTimeEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_TIME_FORMAT)
    return edit


# --- choices -------------------------------------------------------------------------------------

def combo_int(combo: QComboBox) -> int | None:
    """The current item's data as a whole number (None: the blank item)."""
    data = combo.currentData()
    return int(data) if data is not None else None


def combo_enum(combo: QComboBox, enum_type: type[E]) -> E | None:
    """The current item's data as a member of ``enum_type`` (None: the blank item)."""
    data = combo.currentData()
    return enum_type(data) if data is not None else None


def select_data(combo: QComboBox, value: object) -> None:
    """Make the item holding ``value`` (an enum member: its value) current; the first item
    when none holds it."""
    if isinstance(value, Enum):
        value = value.value
    index = combo.findData(value) if value is not None else combo.findData(None)
    combo.setCurrentIndex(max(index, 0) if combo.count() else -1)


def read_only_rows(table: QTableWidget, titles: Sequence[str], widths: Sequence[int] = (), *,
                   single: bool = True) -> None:
    """A table the user reads and picks whole rows from: the column ``titles`` (translated),
    no cell editing, no row numbers; ``widths`` for the first columns, the last one stretches.
    ``single``: one row at a time."""
    table.setHorizontalHeaderLabels(list(titles))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    for i, width in enumerate(widths):
        header.resizeSection(i, width)
    header.setStretchLastSection(True)
