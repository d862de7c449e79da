"""Language tab: Vietnamese or English, a per-computer preference kept in QSettings that takes
effect after a restart."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QRadioButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.i18n import DEFAULT_LANGUAGE
from reception_desk.i18n import _

LANGUAGE_KEY = "ui/language"
LANGUAGES = (("vi", "Tiếng Việt"), ("en", "English"))  # each in its own language


class LanguageTab(QWidget):
    language_changed = Signal(str)

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        layout = QVBoxLayout(self)
        current = str(settings.value(LANGUAGE_KEY, DEFAULT_LANGUAGE))
        self.buttons: dict[str, QRadioButton] = {}
        for code, name in LANGUAGES:
            button = QRadioButton(name)
            button.setChecked(code == current)
            button.toggled.connect(self._on_button_toggled)
            layout.addWidget(button)
            self.buttons[code] = button
        note = QLabel(_("The new language takes effect the next time the program starts."))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addStretch(1)

    def language(self) -> str:
        return next((code for code, b in self.buttons.items() if b.isChecked()),
                    DEFAULT_LANGUAGE)

    @Slot(bool)
    def _on_button_toggled(self, checked: bool) -> None:
        if not checked:
            return
        language = self.language()
        self._settings.setValue(LANGUAGE_KEY, language)
        self._settings.sync()
        self.language_changed.emit(language)
