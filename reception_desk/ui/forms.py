"""Pieces every form and dialog builds the same way: the red message line under a field, a
date-and-time box, the value of a choice.

One home for each, so the forms and dialogs cannot drift apart; ``ui.theme`` holds the colours
and ``ui.widgets`` the input widgets.
"""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QLabel, QWidget

from reception_desk.ui.theme import ERROR_COLOR

E = TypeVar("E", bound=Enum)

DATE_TIME_FORMAT = "dd/MM/yyyy HH:mm"


# --- messages beside fields ----------------------------------------------------------------------

def error_label(parent: QWidget | None = None, *, name: str | None = None) -> QLabel:
    """The message line under a field: red, wrapped, selectable with the mouse, hidden while
    it has nothing to say (``show_error``)."""
    label = QLabel(parent)
    if name is not None:
        label.setObjectName(name)
    label.setProperty("role", "fieldError")
    label.setStyleSheet(f"color: {ERROR_COLOR};")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def show_error(label: QLabel, text: str) -> None:
    """Show ``text`` in a message line; empty text hides it."""
    label.setText(text)
    label.setVisible(bool(text))


# --- dates ---------------------------------------------------------------------------------------

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
