"""Composition root: arguments, logging, crash handler, language, database upgrade, windows."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from reception_desk import __version__
from reception_desk.config import resolve_database_url
from reception_desk.errors import KnownError
from reception_desk.i18n import DEFAULT_LANGUAGE, _, set_language
from reception_desk.log import setup_logging
from reception_desk.paths import APP_NAME
from reception_desk.services.desk import Desk
from reception_desk.storage.database import open_database
from reception_desk.texts import message_for
from reception_desk.ui.crash_dialog import CrashHandler
from reception_desk.ui.gc_guard import MainThreadCollector
from reception_desk.ui.qt_strings import install_qt_strings
from reception_desk.ui.session_guard import SessionGuard, SignInFlow, interactive_sign_in
from reception_desk.ui.theme import apply_theme

if TYPE_CHECKING:
    from reception_desk.ui.main_window import MainWindow

log = logging.getLogger(__name__)


#: What the main window needs and the sign-in dialog does not: imported on a thread of its own
#: while the sign-in dialog waits for the password (issue 17: the dialog comes up sooner).
_AFTER_SIGN_IN = ("reception_desk.ui.main_window",)


def _warm_up(modules: Sequence[str]) -> threading.Thread:
    """Import ``modules`` off the UI thread (an import the UI thread then asks for waits for
    this one to finish: Python's import lock)."""

    def run() -> None:
        for name in modules:
            try:
                importlib.import_module(name)
            except Exception:  # the UI thread's own import will raise it where it is seen
                log.exception("Warming up %s failed", name)

    thread = threading.Thread(target=run, name="warm-up", daemon=True)
    thread.start()
    return thread


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="reception-desk")
    parser.add_argument("--database", metavar="URL")
    parser.add_argument("--lang", choices=("vi", "en"))
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_known_args(list(argv))[0]


def start(argv: Sequence[str], app: QApplication,
          sign_in: SignInFlow | None = None) -> MainWindow | None:
    """Everything between the command line and a usable main window (None: user cancelled).

    ``sign_in`` obtains the signed-in user (default: the sign-in dialog; tests pass a flow).
    """
    args = parse_args(argv)
    language = args.lang or str(QSettings().value("ui/language", DEFAULT_LANGUAGE))
    set_language(language)
    install_qt_strings(app)
    apply_theme(app)
    url = resolve_database_url(args.database)
    try:
        db = open_database(url)
    except KnownError as exc:
        log.warning("Cannot open %s: %s", url, exc)
        if exc.code != "database.unreadable":
            QMessageBox.critical(None, _("Reception Desk"), message_for(exc))
            return None
        # A damaged database: offer the backups (issue 11), then try again.
        from reception_desk.ui.backup_dialog import offer_restore_at_start

        if not offer_restore_at_start(url, message_for(exc)):
            return None
        try:
            db = open_database(url)
        except KnownError as again:
            QMessageBox.critical(None, _("Reception Desk"), message_for(again))
            return None
    desk = Desk(db)
    access = desk.access
    if not desk.is_set_up():
        from reception_desk.ui.setup_wizard import SetupWizard  # first run only

        wizard = SetupWizard(desk, access)  # creates and signs in the administrator
        if not wizard.exec():
            desk.close()
            return None
    _warm_up(_AFTER_SIGN_IN)
    if access.principal is None and (sign_in or interactive_sign_in)(access) is None:
        desk.close()
        return None
    from reception_desk.ui.main_window import MainWindow  # warmed up meanwhile

    window = MainWindow(desk)
    SessionGuard(access).attach(window)
    window.show()
    window.offer_draft()
    window.enable_automatic_backups()
    return window


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    log_path = setup_logging()
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    CrashHandler(log_path).install()
    collector = MainThreadCollector(app)
    collector.start()
    window = start(argv, app)
    if window is None:
        return 2
    code = app.exec()
    window.desk.close()
    collector.stop()
    return code
