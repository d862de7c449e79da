"""The crash handler: an unexpected error is logged and shown with details the clerk can copy."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QWidget

from reception_desk import __version__
from reception_desk.i18n import _

log = logging.getLogger("reception_desk.crash")


def crash_details(exc_type: type[BaseException], exc: BaseException,
                  tb: TracebackType | None) -> str:
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    return f"Reception Desk {__version__}, Python {sys.version.split()[0]}\n\n{text}"


class CrashDialog(QMessageBox):
    """Says what happened in plain words; the technical details are one click away."""

    def __init__(self, details: str, log_path: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(_("Unexpected error"))
        self.setText(_("Reception Desk hit an unexpected error. What you saved is safe; the "
                       "form you were typing is kept as a draft."))
        where = str(log_path) if log_path else "-"
        self.setInformativeText(_("Please send the details below to your technical support. "
                                  "They are also in the log file: {path}").format(path=where))
        self.setDetailedText(details)
        copy = self.addButton(_("&Copy details"), QMessageBox.ButtonRole.ActionRole)
        copy.clicked.disconnect()
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
        self.addButton(QMessageBox.StandardButton.Close)
        self.details = details


class CrashHandler:
    """Installed as ``sys.excepthook`` by the app: log first, then show the dialog (once)."""

    def __init__(self, log_path: Path | None) -> None:
        self.log_path = log_path
        self._showing = False
        self.last_details: str | None = None

    def __call__(self, exc_type: type[BaseException], exc: BaseException,
                 tb: TracebackType | None) -> None:
        details = crash_details(exc_type, exc, tb)
        self.last_details = details
        log.error("Unhandled exception\n%s", details)
        if self._showing or QGuiApplication.instance() is None:
            if sys.__stderr__ is not None:  # no window to show it in: say it on the console
                sys.__stderr__.write(details)
            return
        self._showing = True
        try:
            CrashDialog(details, self.log_path).exec()
        finally:
            self._showing = False

    def install(self) -> None:
        sys.excepthook = self
