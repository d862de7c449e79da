"""Composition root: arguments, logging, crash handler, language, database upgrade, windows."""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import sys
import threading
from collections.abc import Callable
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import QSettings
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QMessageBox

# First of the app's own modules: importing ``ui`` stops PySide6 reading the source of each
# module imported after it (ui/pyside_scan.py, issue 17).
from reception_desk.ui import pyside_scan  # noqa: F401

# isort: split

from reception_desk import __version__
from reception_desk.config import resolve_database_url
from reception_desk.errors import KnownError
from reception_desk.i18n import DEFAULT_LANGUAGE
from reception_desk.i18n import _
from reception_desk.i18n import set_language
from reception_desk.log import setup_logging
from reception_desk.paths import APP_NAME
from reception_desk.texts import message_for
from reception_desk.ui.crash_dialog import CrashHandler
from reception_desk.ui.gc_guard import MainThreadCollector
from reception_desk.ui.qt_strings import install_qt_strings
from reception_desk.ui.sign_in import SignInDialog
from reception_desk.ui.theme import apply_theme

if TYPE_CHECKING:  # issue 17: imported behind the sign-in dialog (_BEFORE_SIGN_IN)
    from reception_desk.services.desk import Desk
    from reception_desk.ui.main_window import MainWindow
    from reception_desk.ui.session_guard import SignInFlow

log = logging.getLogger(__name__)


#: What opening the database needs (SQLAlchemy, SQLModel, Alembic, the services): imported on a
#: thread of its own once the sign-in dialog is shown (issue 17: the dialog comes up first).
_BEFORE_SIGN_IN = ("reception_desk.storage.database", "reception_desk.services.desk",
                   "reception_desk.ui.session_guard")

#: The database is opened after the sign-in dialog's first paint, or after this long without
#: one (a platform that does not paint a hidden or minimised window).
FIRST_PAINT_WAIT_MS = 300

#: What the main window needs and the sign-in dialog does not: imported on the same thread right
#: after ``_BEFORE_SIGN_IN``, while the database is opened and the sign-in dialog waits for the
#: password (issue 17: the dialog comes up sooner). The backups' dialog, the card scanner and the
#: attachments' and citizens' services are what ``MainWindow`` imports when it is built.
_AFTER_SIGN_IN = ("reception_desk.ui.main_window", "reception_desk.ui.backup_dialog",
                  "reception_desk.ui.scanner.port", "reception_desk.ui.scanner.routing",
                  "reception_desk.services.attachments.desk",
                  "reception_desk.services.citizens.desk")

#: What the first use of a screen would otherwise load on the UI thread: imported, and the
#: statutory calendar built, on a thread of its own once the main window has been up for
#: ``AFTER_START_DELAY_MS`` (issue 17). The ``holidays`` package loads every country it knows
#: (~280 modules) for the working days behind a visit's transfer due date in the logbook; the
#: case screens are the Cases page's and the case dialog's.
_AFTER_START = ("reception_desk.domain.calendar", "reception_desk.ui.cases")
AFTER_START_DELAY_MS = 1000


def _provinces() -> None:
    """The province list the visit form shows (read from the data package once, then cached)."""
    from reception_desk.domain import geography

    geography.provinces()


def _old_ward_table() -> None:
    """The official old→new commune table the visit form maps old addresses on (~10,000 rows,
    0.1–0.2 s to read): loaded after the start, not during it, where its thread would take the
    interpreter from the main window being built."""
    from reception_desk.services.citizens.addresses import old_ward_table

    old_ward_table()


def _statutory_calendar() -> None:
    """This year's statutory days off (the ``holidays`` package loaded, the year cached)."""
    from datetime import date

    from reception_desk.domain.calendar import statutory_year

    statutory_year(date.today().year)


def _warm_up(modules: Sequence[str], then: Callable[[], None] | None = None,
             *after: Sequence[str] | Callable[[], None]) -> threading.Thread:
    """Import ``modules`` off the UI thread (an import the UI thread then asks for waits for
    this one to finish: Python's import lock), then call ``then`` (on this thread), then import
    or call each of ``after`` in turn (modules needed later, caches filled ahead of use)."""

    def imported(names: Sequence[str]) -> None:
        for name in names:
            try:
                importlib.import_module(name)
            except Exception:  # the UI thread's own import will raise it where it is seen
                log.exception("Warming up %s failed", name)

    def run() -> None:
        imported(modules)
        if then is not None:
            then()
        for step in after:
            if callable(step):
                try:
                    step()
                except Exception:  # the UI thread's own call will raise it where it is seen
                    log.exception("Warming up %s failed", step)
            else:
                imported(step)

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

    ``sign_in`` obtains the signed-in user (default: the sign-in dialog, shown before the
    database is opened; tests pass a flow, called once it is open).
    """
    collecting = gc.isenabled()
    gc.disable()  # issue 17: no collection pauses while starting (_settle_garbage)
    window = None
    try:
        window = _start(argv, app, sign_in)
    finally:
        if window is None and collecting:
            gc.enable()
    if window is not None:  # not tied to the window: collection comes back even if it is gone
        QTimer.singleShot(AFTER_START_DELAY_MS, lambda: _settle_garbage(collecting))
    return window


def _settle_garbage(collecting: bool) -> None:
    """A moment after the start: its garbage collected once, what it built (the modules, the
    windows) set aside from later collections (``gc.freeze``), automatic collection back on if
    it was (``main`` has it off: ``ui.gc_guard``). Python's collector would otherwise run its
    full pass two or three times while the start allocates (~100 ms on a modest PC), walking
    every module loaded so far each time."""
    gc.collect()
    gc.freeze()
    if collecting:
        gc.enable()


def _start(argv: Sequence[str], app: QApplication,
           sign_in: SignInFlow | None) -> MainWindow | None:
    args = parse_args(argv)
    language = args.lang or str(QSettings().value("ui/language", DEFAULT_LANGUAGE))
    set_language(language)
    install_qt_strings(app)
    apply_theme(app)
    url = resolve_database_url(args.database)
    if sign_in is None:
        desk = _open_behind_sign_in(url)
    else:
        desk = _open_desk(url)
        if desk is not None and desk.access.principal is None and sign_in(desk.access) is None:
            desk.close()
            desk = None
    if desk is None:
        return None
    from reception_desk.ui.main_window import MainWindow  # warmed up meanwhile
    from reception_desk.ui.session_guard import SessionGuard

    window = MainWindow(desk)
    SessionGuard(desk.access).attach(window)
    window.show()
    window.offer_draft()
    window.enable_automatic_backups()
    QTimer.singleShot(AFTER_START_DELAY_MS, window, warm_after_start)
    return window


def warm_after_start() -> threading.Thread:
    """What ``start`` does once the main window has been up for ``AFTER_START_DELAY_MS``: the
    modules, the calendar and the old-address table the screens' first use needs, on a thread
    (the benchmark of the logbook's first opening joins it, as a clerk who opens the logbook a
    second after start)."""
    return _warm_up(_AFTER_START, None, _statutory_calendar, _old_ward_table)


def _open_desk(url: str, before_dialogs: Callable[[], None] = lambda: None) -> Desk | None:
    """The office's database opened (upgraded, checked) and set up (None: refused or cancelled,
    the reason shown). ``before_dialogs`` runs before any message or dialog of its own."""
    from reception_desk.services.desk import Desk
    from reception_desk.storage.database import open_database

    try:
        db = open_database(url)
    except KnownError as exc:
        log.warning("Cannot open %s: %s", url, exc)
        before_dialogs()
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
    if not desk.is_set_up():
        from reception_desk.ui.setup_wizard import SetupWizard  # first run only

        before_dialogs()
        wizard = SetupWizard(desk, desk.access)  # creates and signs in the administrator
        if not wizard.exec():
            desk.close()
            return None
    return desk


class _Opening(QObject):
    """Issue 17: the database opened behind the shown sign-in dialog. The modules it needs are
    imported on a thread; the database is opened on the UI thread once they are in; the dialog
    then gets the accounts (or is closed for a refusal, the first-run wizard or the first
    administrator, which show as before)."""

    _imported = Signal()

    def __init__(self, url: str, dialog: SignInDialog) -> None:
        super().__init__()  # no parent: alive while the import thread holds it
        self.url = url
        self.dialog = dialog
        self.desk: Desk | None = None
        self.finished = False  # the database was opened or refused
        self.abandoned = False  # the dialog was closed before: nothing more to do
        self.failure: BaseException | None = None  # an unexpected error while opening
        self._begun = False
        self._imported.connect(self._open, Qt.ConnectionType.QueuedConnection)
        dialog.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._begun:
            QTimer.singleShot(0, self.begin)  # after the dialog's first paint
        return False

    @Slot()
    def begin(self) -> None:
        if self._begun:
            return
        self._begun = True
        self.dialog.removeEventFilter(self)
        _warm_up(_BEFORE_SIGN_IN, self._on_imported, _AFTER_SIGN_IN, _provinces)

    def _on_imported(self) -> None:  # on the import thread: queued to the UI thread
        self._imported.emit()

    @Slot()
    def _open(self) -> None:
        if self.abandoned:
            return
        try:
            desk = _open_desk(self.url, self.dialog.hide)
        except BaseException as exc:  # not lost in the event loop: raised by start(), as before
            self.failure = exc
            self.finished = True
            self.dialog.hide()
            return
        self.desk = desk
        self.finished = True
        if desk is None:
            self.dialog.reject()
            return
        access = desk.access
        if access.principal is None and not access.has_users():
            # An office database made before accounts: its administrator first (as before).
            from reception_desk.ui.sign_in import FirstAdministratorDialog

            self.dialog.hide()
            FirstAdministratorDialog(access).exec()
        if access.principal is not None:  # the wizard or the first administrator signed in
            self.dialog.accept()
            return
        if not self.dialog.isVisible():  # the first administrator was not created
            return
        self.dialog.set_access(access)


def _open_behind_sign_in(url: str) -> Desk | None:
    """Show the sign-in dialog first, open the database behind it; the signed-in desk, or None
    (cancelled or refused, the reason shown)."""
    dialog = SignInDialog()
    opening = _Opening(url, dialog)
    QTimer.singleShot(FIRST_PAINT_WAIT_MS, opening.begin)  # begun at the first paint, or now
    dialog.exec()
    if not opening.finished:
        opening.abandoned = True  # closed while opening: the import thread's call is dropped
        return None
    if opening.failure is not None:
        raise opening.failure
    desk = opening.desk
    if desk is not None and desk.access.principal is None:
        desk.close()
        return None
    return desk


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
