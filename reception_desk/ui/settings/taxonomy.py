"""Fields tab: the field taxonomy (lĩnh vực) as a tree of groups and entries.

New entries get a stable code from their label (``field_code``); entries are renamed, marked
sensitive (the hotspot policy flags cases in them) or taken out of use, never deleted."""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTreeWidget
from PySide6.QtWidgets import QTreeWidgetItem
from PySide6.QtWidgets import QWidget

from reception_desk.domain.text import fold
from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.services.desk import Desk
from reception_desk.services.office.dto import FieldCategoryDTO
from reception_desk.texts import message_for
from reception_desk.ui.changes import announce
from reception_desk.ui.forms import active_toggle_text
from reception_desk.ui.forms import changed_version
from reception_desk.ui.forms import form_row
from reception_desk.ui.forms import problems_of
from reception_desk.ui.forms import show_error
from reception_desk.ui.settings.records import RecordDialog
from reception_desk.ui.settings.records import RecordsTab


def field_code(label: str, parent_code: str | None, taken: set[str]) -> str:
    """A stable storage code from the label: "pakn.nuoc_sach" (folded, unique)."""
    slug = re.sub(r"[^a-z0-9]+", "_", fold(label)).strip("_")[:40] or "linh_vuc"
    base = f"{parent_code}.{slug}" if parent_code else slug
    code, n = base, 2
    while code in taken:
        code, n = f"{base}_{n}", n + 1
    return code


class FieldDialog(RecordDialog):
    """Name (and sensitivity) of a new or existing taxonomy entry."""

    field_saved = Signal(str)

    def __init__(self, tab: FieldsTab, field: FieldCategoryDTO | None,
                 parent_code: str | None, parent: QWidget | None = None) -> None:
        super().__init__(_("Rename field") if field else _("Add field"), 440, parent)
        self._tab = tab
        self._field = field
        self._parent_code = parent_code
        form = self.form
        self.label_edit = QLineEdit(field.label if field else "")
        form_row(form, _("&Name:"), self.label_edit)
        if parent_code and not field:
            parent_label = tab.label_of(parent_code)
            form.addRow(_("Under:"), QLabel(parent_label))
        self.sensitive_check = QCheckBox(_("&Sensitive (land, religion, ethnicity …)"))
        self.sensitive_check.setChecked(field.sensitive if field else False)
        form.addRow("", self.sensitive_check)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self._lay_out(self.label_edit)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        text = self.label_edit.text()
        sensitive = self.sensitive_check.isChecked()
        try:
            if self._field is None:
                code = self._tab.add_field(self._parent_code, text, sensitive)
            else:
                code = self._field.code
                self._tab.save(replace(self._field, label=text, sensitive=sensitive))
        except UserError as error:
            if self._field is not None and self._field.version is not None:
                # Changed elsewhere: what was typed stays; saving again overwrites, knowingly.
                self._field = replace(self._field, version=changed_version(
                    error, self._field.version))
            show_error(self.error_label, "\n".join(message_for(p) for p in problems_of(error)))
            return
        self.field_saved.emit(code)
        self.accept()


class FieldsTab(RecordsTab):
    field_saved = Signal(str)

    LABEL, CODE, SENSITIVE, STATUS = range(4)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self._fields: dict[str, FieldCategoryDTO] = {}
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([_("Field"), _("Code"), _("Sensitive"), _("Status")])
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setSectionResizeMode(self.LABEL, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.resizeSection(self.CODE, 170)
        header.resizeSection(self.SENSITIVE, 90)
        header.resizeSection(self.STATUS, 130)
        self.add_top_button = QPushButton(_("Add &group…"))
        self.add_child_button = QPushButton(_("Add &under selected…"))
        self.rename_button = QPushButton(_("Re&name…"))
        self.sensitive_button = QPushButton(_("Mark &sensitive"))
        self.toggle_button = QPushButton(active_toggle_text(active=True))
        self._lay_out(self.tree, (self.add_top_button, self.add_child_button,
                                  self.rename_button, self.sensitive_button, self.toggle_button))
        self.reload()
        self.add_top_button.clicked.connect(self._on_add_top_button_clicked)
        self.add_child_button.clicked.connect(self._on_add_child_button_clicked)
        self.rename_button.clicked.connect(self._on_rename_button_clicked)
        self.sensitive_button.clicked.connect(self._on_sensitive_button_clicked)
        self.toggle_button.clicked.connect(self._on_toggle_button_clicked)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemActivated.connect(self._on_tree_item_activated)

    # --- data ------------------------------------------------------------------------------
    def reload(self, select_code: str | None = None) -> None:
        current = self.selected()
        select_code = select_code or (current.code if current else None)
        fields = self._desk.fields(include_inactive=True)
        self._fields = {f.code: f for f in fields}
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        for entry in fields:  # tree order: parents first
            parent = items.get(entry.parent_code) if entry.parent_code else None
            item = QTreeWidgetItem(parent) if parent else QTreeWidgetItem(self.tree)
            item.setText(self.LABEL, entry.label)
            item.setText(self.CODE, entry.code)
            item.setText(self.SENSITIVE, _("Yes") if entry.sensitive else "")
            item.setText(self.STATUS, _("In use") if entry.active else _("Not in use"))
            item.setData(self.LABEL, Qt.ItemDataRole.UserRole, entry.code)
            if not entry.active:
                for column in range(4):
                    item.setForeground(column, Qt.GlobalColor.gray)
            items[entry.code] = item
        self.tree.expandAll()
        if select_code in items:
            self.tree.setCurrentItem(items[select_code])
        elif self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._update_buttons()

    def label_of(self, code: str) -> str:
        entry = self._fields.get(code)
        return entry.label if entry else code

    def field(self, code: str) -> FieldCategoryDTO:
        return self._fields[code]

    def selected(self) -> FieldCategoryDTO | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        return self._fields.get(item.data(self.LABEL, Qt.ItemDataRole.UserRole))

    def select(self, code: str) -> None:
        self.reload(code)

    def save(self, entry: FieldCategoryDTO) -> None:
        """Write one entry through the desk (raises UserError) and show the result."""
        announce(self._desk, self._desk.save_field(entry))
        self.reload(entry.code)
        self.field_saved.emit(entry.code)

    def add_field(self, parent_code: str | None, label: str, sensitive: bool = False) -> str:
        parent = self._fields.get(parent_code) if parent_code else None
        code = field_code(label, parent_code, set(self._fields))
        self.save(FieldCategoryDTO(
            code=code, parent_code=parent_code, label=label,
            petition_type=parent.petition_type if parent else None,
            sensitive=sensitive or (parent.sensitive if parent else False),
            active=True, depth=(parent.depth + 1) if parent else 0,
            version=0))  # new: refused if another counter took the code meanwhile
        return code

    def _save_shown(self, entry: FieldCategoryDTO) -> None:
        if not self._change(lambda: self.save(entry)):
            self.reload(entry.code)  # changed elsewhere: the tree shows it as it is now

    def open_dialog(self, entry: FieldCategoryDTO | None, parent_code: str | None) -> FieldDialog:
        return self._open_dialog(FieldDialog(self, entry, parent_code, self))

    @Slot()
    def _update_buttons(self) -> None:
        entry = self.selected()
        for button in (self.add_child_button, self.rename_button, self.sensitive_button,
                       self.toggle_button):
            button.setEnabled(entry is not None)
        self.toggle_button.setText(active_toggle_text(active=entry is None or entry.active))
        self.sensitive_button.setText(_("Not &sensitive") if entry and entry.sensitive
                                      else _("Mark &sensitive"))

    # --- slots -----------------------------------------------------------------------------
    @Slot()
    def _on_add_top_button_clicked(self) -> None:
        self.open_dialog(None, None)

    @Slot()
    def _on_add_child_button_clicked(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.open_dialog(None, entry.code)

    @Slot()
    def _on_rename_button_clicked(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.open_dialog(entry, entry.parent_code)

    @Slot()
    def _on_sensitive_button_clicked(self) -> None:
        entry = self.selected()
        if entry is not None:
            self._save_shown(replace(entry, sensitive=not entry.sensitive))

    @Slot()
    def _on_toggle_button_clicked(self) -> None:
        entry = self.selected()
        if entry is not None:
            self._save_shown(replace(entry, active=not entry.active))


    @Slot(QTreeWidgetItem, int)
    def _on_tree_item_activated(self, _item: QTreeWidgetItem, _column: int) -> None:
        self._on_rename_button_clicked()
