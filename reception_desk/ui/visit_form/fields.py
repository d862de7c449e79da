"""The form's fields by name: the captioned cell each editor sits in and the messages under it.

A field is named as the domain's problems name it ("citizen_name", "documents", "people_count");
``FieldCells`` keeps, per name, the editor, its cell, its caption and its message line, and shows
messages there. The crowd section's four fields show their messages inside the crowd section.
``FIELD_ORDER`` is the tab order, and the order in which faulty fields are visited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field

from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.ui.forms import error_label
from reception_desk.ui.forms import show_error
from reception_desk.ui.theme import set_invalid
from reception_desk.ui.visit_form.crowd import FIELD_NAMES
from reception_desk.ui.visit_form.crowd import CrowdSection

#: Order in which faulty fields are visited (the tab order) and where problems without a widget
#: of their own are shown.
#: It follows the columns of the legal logbook (NĐ 154/2026 Mẫu 03/TCD, LEGAL.md §2.1): date (2),
#: name and address (3), identity paper (4), content (5), type (6), number of people (7), bodies
#: that already handled it (8), competence (9), direction and body (10, 11), follow-up (12),
#: notes (13); then an incident and the documents received.
FIELD_ORDER = (
    "received_at", "kind", "receiving_staff_id", "presiding_leader_id",
    "citizen_name", "sex", "birth_date", "province", "ward_code", "address_detail", "phone",
    "id_doc_type", "id_number", "id_issue_date", "id_issue_place", "id_override_reason",
    "content", "petition_type", "field_code",
    "people_count", "delegation", "representatives", "participants",
    "prior_bodies", "within_competence",
    "direction", "target_body", "target_doc_number", "follow_up", "notes",
    "incident", "incident_note", "documents",
)
#: The crowd section's fields (it shows their messages itself).
CROWD_FIELDS = FIELD_NAMES
#: The crowd tables, whose messages also open the crowd details.
_MEMBER_TABLES = {"representatives", "participants"}

_MNEMONIC = re.compile(r"&(?!&)")


def plain(text: str) -> str:
    """A label without its mnemonic marker, for accessible names."""
    return _MNEMONIC.sub("", text).replace("&&", "&")


@dataclass
class FormField:
    name: str
    editor: QWidget
    error: QLabel | None  # None: the crowd section shows the field's messages
    cell: QWidget
    caption: QLabel | None = None
    messages: list[str] = field(default_factory=list)


class FieldCells:
    """Every field of the form by name (``in``, ``[name]``, ``names()``), and its messages."""

    def __init__(self) -> None:
        self._fields: dict[str, FormField] = {}
        self._crowd: CrowdSection | None = None

    def cell(self, parent: QWidget, name: str, caption: str | None, editor: QWidget) -> QWidget:
        """Caption above, editor, then the (hidden) message line: one grid cell."""
        cell = QWidget(parent)
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        label: QLabel | None = None
        if caption is not None:
            label = QLabel(caption, cell)
            label.setBuddy(editor)
            box.addWidget(label)
            editor.setAccessibleName(plain(caption))
        editor.setObjectName(name)
        editor.setParent(cell)
        box.addWidget(editor)
        error = error_label(cell, name=f"{name}_error")
        box.addWidget(error)
        box.addStretch(1)
        self._fields[name] = FormField(name, editor, error, cell, label)
        return cell

    def tick_cell(self, parent: QWidget, name: str, box: QCheckBox) -> QWidget:
        """A tick box level with its captioned neighbours."""
        cell = self.cell(parent, name, None, box)
        layout = cell.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, QLabel(" ", cell))
        box.setAccessibleName(plain(box.text()))
        return cell

    def add_crowd(self, crowd: CrowdSection) -> None:
        """The crowd section's fields, which show their messages inside the section."""
        self._crowd = crowd
        for name in CROWD_FIELDS:
            widget = crowd.field_widget(name)
            widget.setObjectName(name)
            self._fields[name] = FormField(name, widget, None, widget)

    def __contains__(self, name: object) -> bool:
        return name in self._fields

    def __getitem__(self, name: str) -> FormField:
        return self._fields[name]

    def names(self) -> list[str]:
        return list(self._fields)

    def editors(self) -> list[QWidget]:
        return [item.editor for item in self._fields.values()]

    def messages(self, name: str) -> list[str]:
        """The messages shown next to field ``name`` (none for an unknown name)."""
        item = self._fields.get(name)
        return list(item.messages) if item else []

    def show(self, name: str, texts: list[str]) -> None:
        """Show ``texts`` next to field ``name`` and mark it invalid (empty list: clear)."""
        item = self._fields[name]
        item.messages = texts
        if item.error is None:
            assert self._crowd is not None
            self._crowd.set_field_errors(name, texts)
            if texts and name in _MEMBER_TABLES:
                self._crowd.details.show()
        else:
            show_error(item.error, "\n".join(texts))
            set_invalid(item.editor, bool(texts))
            item.editor.setAccessibleDescription("\n".join(texts))

