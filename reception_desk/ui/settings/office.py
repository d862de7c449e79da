"""Office tab: the province and commune the office sits in (changed in ``PlaceDialog``) and
its names as printed on its documents, saved through the desk (``save_office``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.domain import geography
from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.services.desk import Desk
from reception_desk.services.office.dto import OfficeProfile
from reception_desk.services.office.setup import OFFICE_KEY
from reception_desk.texts import message_for
from reception_desk.ui.changes import announce
from reception_desk.ui.forms import button_row
from reception_desk.ui.forms import ok_cancel
from reception_desk.ui.forms import wrapped_label
from reception_desk.ui.settings.setting_tab import SettingTab
from reception_desk.ui.setup_wizard import OfficeFields
from reception_desk.ui.setup_wizard import PlacePicker


class PlaceDialog(QDialog):
    """Pick a province, then one of its communes (accent-insensitive filters)."""

    def __init__(self, province_code: int | None, commune_code: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Change province and commune"))
        self.resize(720, 480)
        layout = QVBoxLayout(self)
        pickers = QHBoxLayout()
        self.province_picker = PlacePicker(_("Filter, e.g. ninh binh"))
        self.commune_picker = PlacePicker(_("Filter, e.g. yen phu"))
        for title, picker in ((_("&Province:"), self.province_picker),
                              (_("&Commune:"), self.commune_picker)):
            box = QVBoxLayout()
            label = QLabel(title)
            label.setBuddy(picker.filter_edit)
            box.addWidget(label)
            box.addWidget(picker, 1)
            pickers.addLayout(box, 1)
        layout.addLayout(pickers, 1)
        self.buttons = ok_cancel(self, _("Use this place"))
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self._commune_code = commune_code
        self.province_picker.current_place_changed.connect(
            self._on_province_picker_current_place_changed)
        self.commune_picker.current_place_changed.connect(
            self._on_commune_picker_current_place_changed)
        self.province_picker.set_places(geography.provinces(), province_code)
        self.province_picker.filter_edit.setFocus()

    def codes(self) -> tuple[int, int] | None:
        province = self.province_picker.current_place()
        commune = self.commune_picker.current_place()
        if province is None or commune is None:
            return None
        return province.code, commune.code

    @Slot()
    def _on_province_picker_current_place_changed(self) -> None:
        province = self.province_picker.current_place()
        communes = geography.communes(province.code) if province else ()
        self.commune_picker.set_places(communes, self._commune_code)

    @Slot()
    def _on_commune_picker_current_place_changed(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self.codes() is not None)


class OfficeTab(SettingTab):
    office_saved = Signal()

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, OFFICE_KEY, _("Sa&ve office"), parent)
        self.place: OfficeProfile | None = desk.office()
        layout = QVBoxLayout(self)
        self.place_label = wrapped_label()
        self.change_place_button = QPushButton(_("C&hange province/commune…"))
        layout.addLayout(button_row(self.change_place_button, lead=self.place_label))
        self.fields = OfficeFields()
        layout.addWidget(self.fields)
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        self.save_button.setAutoDefault(False)
        save_row.addWidget(self.save_button)
        layout.addLayout(save_row)
        layout.addStretch(1)
        if self.place is not None:
            self.fields.fill(self.place)
        self._show_place()
        self.place_dialog: PlaceDialog | None = None
        self.change_place_button.clicked.connect(self._on_change_place_button_clicked)
        for edit in self.fields.edits.values():
            edit.returnPressed.connect(self.save)

    def _show_place(self) -> None:
        if self.place is None:
            self.place_label.setText(_("No province or commune chosen yet."))
            return
        self.place_label.setText(_("Place: {commune}, {province}").format(
            commune=self.place.commune_name, province=self.place.province_name))

    def set_place(self, province_code: int, commune_code: int) -> None:
        """Move the office; its names are refilled from the new place, to be checked and saved."""
        self.place = self._desk.suggested_profile(province_code, commune_code)
        self.fields.fill(self.place)
        self._show_place()
        self.status_label.setText(_("The names were refilled for the new place: check them, "
                                    "then save."))

    def _clear_messages(self) -> None:
        self.status_label.clear()

    def _ready(self) -> bool:
        if self.place is None:
            self.status_label.setText(_("Choose the province and commune first."))
            return False
        return self.fields.check_required()

    def _store(self) -> None:
        assert self.place is not None  # _ready
        self.place, _changes = announce(self._desk, self._desk.save_office(
            self.fields.profile(self.place), self.version))
        self.fields.fill(self.place)

    def _announce_saved(self) -> None:
        self.office_saved.emit()

    def _show_refusal(self, error: UserError) -> None:
        """Each refused name beside its field; the rest in the status line."""
        rest = self.fields.show_problems(error)
        self.status_label.setText("\n".join(message_for(p) for p in rest))

    @Slot()
    def _on_change_place_button_clicked(self) -> None:
        place = self.place
        dialog = PlaceDialog(place.province_code if place else None,
                             place.commune_code if place else None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._on_place_dialog_accepted)
        self.place_dialog = dialog
        dialog.open()

    @Slot()
    def _on_place_dialog_accepted(self) -> None:
        dialog = self.place_dialog
        self.place_dialog = None
        codes = dialog.codes() if dialog else None
        if codes is not None:
            self.set_place(*codes)
