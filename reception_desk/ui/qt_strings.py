"""Vietnamese for Qt's own words (standard buttons, "Show Details…"): Qt ships no Vietnamese
catalog, so the dialogs' OK / Cancel / Yes / No would stay English. The texts go through our
gettext catalog like every other string."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import QTranslator

from reception_desk.i18n import N_
from reception_desk.i18n import _

# (Qt context, Qt's English source text) -> our msgid
QT_STRINGS: dict[tuple[str, str], str] = {
    ("QPlatformTheme", "OK"): N_("OK"),
    ("QPlatformTheme", "Cancel"): N_("Cancel"),
    ("QPlatformTheme", "Close"): N_("Close"),
    ("QPlatformTheme", "&Yes"): N_("&Yes"),
    ("QPlatformTheme", "&No"): N_("&No"),
    ("QPlatformTheme", "Save"): N_("Save"),
    ("QPlatformTheme", "Apply"): N_("Apply"),
    ("QPlatformTheme", "Help"): N_("Help"),
    ("QPlatformTheme", "Discard"): N_("Discard"),
    ("QPlatformTheme", "Don't Save"): N_("Don't Save"),
    ("QPlatformTheme", "Open"): N_("Open"),
    ("QPlatformTheme", "Reset"): N_("Reset"),
    ("QPlatformTheme", "Restore Defaults"): N_("Restore Defaults"),
    ("QPlatformTheme", "Abort"): N_("Abort"),
    ("QPlatformTheme", "Retry"): N_("Retry"),
    ("QPlatformTheme", "Ignore"): N_("Ignore"),
    ("QMessageBox", "Show Details..."): N_("Show Details..."),
    ("QMessageBox", "Hide Details..."): N_("Hide Details..."),
    ("QWizard", "&Next >"): N_("&Next >"),
    ("QWizard", "< &Back"): N_("< &Back"),
    ("QWizard", "&Finish"): N_("&Finish"),
    ("QWizard", "Cancel"): N_("Cancel"),
}


class QtStringTranslator(QTranslator):
    """Answers Qt's own translation requests from our catalog."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        msgid = QT_STRINGS.get((context, source))
        # None is a null QString: "no translation here", so Qt keeps its own text. An empty
        # string would be taken as the translation (page-size names went blank and printing
        # to PDF produced 0 × 0 pages).
        return _(msgid) if msgid is not None else None

    def isEmpty(self) -> bool:
        return False


def install_qt_strings(app: QCoreApplication) -> QtStringTranslator:
    """Install the translator (keep the returned object alive for the app's lifetime)."""
    translator = QtStringTranslator(app)
    app.installTranslator(translator)
    return translator
