"""Backup and restore for people who are not technical (Tools ▸ Backup and restore…).

One keyboard-only dialog: "Back up now" into any folder (a USB stick) with an optional
passphrase; the automatic backup folder and how many days to keep; the list of backups with
Verify and Restore…. ``AutomaticBackups`` gives the main window its daily backup (first start of
the day, and a check every hour for a program left open overnight) and the backup at closing
(with progress and a Cancel button; cancelling loses nothing: the previous backups stay).

Slow work runs in ``BackgroundJobs``; progress comes back through a queued signal.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from PySide6.QtCore import QEventLoop
from PySide6.QtCore import QObject
from PySide6.QtCore import QSettings
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QInputDialog
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QProgressBar
from PySide6.QtWidgets import QProgressDialog
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.config import OFFICE_TZ
from reception_desk.errors import KnownError
from reception_desk.errors import UserError
from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.services.office.backup import MAX_KEEP
from reception_desk.services.office.backup import BackupInfo
from reception_desk.services.office.backup import BackupPolicy
from reception_desk.services.office.backup import Backups
from reception_desk.services.office.backup import RestoreResult
from reception_desk.services.office.backup import VerifyResult
from reception_desk.texts import format_count
from reception_desk.texts import message_for
from reception_desk.texts.backup import phase_label
from reception_desk.ui.background import BackgroundJobs
from reception_desk.ui.changes import announce
from reception_desk.ui.forms import changed_version
from reception_desk.ui.forms import read_only_rows

if TYPE_CHECKING:
    from reception_desk.services.desk import Desk

log = logging.getLogger(__name__)

#: The daily backup waits this long after start-up (the first minutes belong to the counter).
DAILY_DELAY_MS = 60_000
#: A program left open overnight makes its daily backup within the hour.
DAILY_CHECK_MS = 3_600_000
#: A close-time backup shorter than this shows no progress window at all.
CLOSE_PROGRESS_DELAY_MS = 700
LAST_FOLDER_KEY = "backup/last_folder"

REASONS = {
    "close": N_("At closing"),
    "daily": N_("Daily"),
    "manual": N_("By hand"),
}


def phase_text(phase: str) -> str:
    return phase_label(phase) + "…"


def when_text(info: BackupInfo) -> str:
    return info.created_at.astimezone(OFFICE_TZ).strftime("%d/%m/%Y %H:%M")


def size_text(size: int) -> str:
    return _("{size} MB").format(size=format_count(max(1, round(size / 1_000_000))))


def error_text(exc: Exception) -> str:
    if isinstance(exc, UserError | KnownError):
        return message_for(exc)
    return _("The file could not be read or written: {detail}").format(detail=str(exc))


class _ProgressRelay(QObject):
    """Carries ``progress(phase, done, total)`` from the worker to the UI thread (queued)."""

    reported = Signal(str, "qlonglong", "qlonglong")


class _Task:
    """A cancel flag and a progress callback for one job."""

    def __init__(self, relay: _ProgressRelay) -> None:
        self.stop = threading.Event()
        self._relay = relay

    def progress(self, phase: str, done: int, total: int) -> None:
        self._relay.reported.emit(phase, done, total)

    def cancelled(self) -> bool:
        return self.stop.is_set()


class BackupDialog(QDialog):
    """Back up now, the automatic backups, and restore — every control reachable by keyboard."""

    restored = Signal(object)  # RestoreResult
    backup_made = Signal(object)  # BackupInfo

    def __init__(self, desk: Desk, parent: QWidget | None = None,
                 settings: QSettings | None = None, at_start: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("backupDialog")
        self._at_start = at_start  # opened because the database could not be: no restart after
        self.setWindowTitle(_("Backup and restore"))
        self.resize(800, 780)
        self._desk = desk
        self._backups = Backups(desk)
        self._settings = settings if settings is not None else QSettings()
        self._jobs = BackgroundJobs(self)
        self._relay = _ProgressRelay(self)
        self._relay.reported.connect(self._on_relay_reported)
        self._task: _Task | None = None
        self._extra: list[BackupInfo] = []
        self.last_error: str = ""
        #: The policy setting's version as read (before the value): the save compares-and-sets it.
        self.policy_version = self._backups.policy_version()
        policy = self._backups.policy()

        # --- back up now -------------------------------------------------------------------
        now_box = QGroupBox(_("Back up now"), self)
        self.folder_edit = QLineEdit(self)
        self.folder_edit.setObjectName("backupFolder")
        remembered = self._settings.value(LAST_FOLDER_KEY)
        self.folder_edit.setText(str(remembered) if remembered else
                                 str(self._backups.automatic_folder(policy)))
        folder_label = QLabel(_("Save &in folder:"), self)
        folder_label.setBuddy(self.folder_edit)
        self.browse_button = QPushButton(_("&Choose…"), self)
        self.pass_edit = QLineEdit(self)
        self.pass_edit.setObjectName("passphrase")
        self.pass_edit.setEchoMode(QLineEdit.EchoMode.Password)
        pass_label = QLabel(_("&Passphrase (optional):"), self)
        pass_label.setBuddy(self.pass_edit)
        self.repeat_edit = QLineEdit(self)
        self.repeat_edit.setObjectName("passphraseRepeat")
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        repeat_label = QLabel(_("Passphrase &again:"), self)
        repeat_label.setBuddy(self.repeat_edit)
        pass_note = QLabel(_(
            "Without a passphrase anyone who holds the file can read the logbook. A forgotten "
            "passphrase cannot be recovered: keep it in a safe place."), self)
        pass_note.setWordWrap(True)
        self.backup_button = QPushButton(_("&Back up now"), self)
        self.backup_button.setObjectName("backupNow")
        grid = QGridLayout(now_box)
        grid.addWidget(folder_label, 0, 0)
        grid.addWidget(self.folder_edit, 0, 1)
        grid.addWidget(self.browse_button, 0, 2)
        grid.addWidget(pass_label, 1, 0)
        grid.addWidget(self.pass_edit, 1, 1)
        grid.addWidget(repeat_label, 2, 0)
        grid.addWidget(self.repeat_edit, 2, 1)
        grid.addWidget(pass_note, 3, 1)
        grid.addWidget(self.backup_button, 2, 2)

        # --- automatic backups ---------------------------------------------------------------
        auto_box = QGroupBox(_("Automatic backups"), self)
        auto_note = QLabel(_(
            "Reception Desk makes a backup when it closes and at the first start of each day, "
            "and keeps the last one of each day."), self)
        auto_note.setWordWrap(True)
        self.auto_folder_edit = QLineEdit(policy.folder, self)
        self.auto_folder_edit.setObjectName("autoFolder")
        self.auto_folder_edit.setPlaceholderText(str(self._backups.automatic_folder(
            BackupPolicy(keep=policy.keep))))
        auto_label = QLabel(_("Fol&der:"), self)
        auto_label.setBuddy(self.auto_folder_edit)
        self.auto_browse_button = QPushButton(_("C&hoose…"), self)
        self.keep_spin = QSpinBox(self)
        self.keep_spin.setObjectName("keepDays")
        self.keep_spin.setRange(1, MAX_KEEP)
        self.keep_spin.setValue(policy.keep)
        self.keep_spin.setSuffix(_(" days"))
        keep_label = QLabel(_("&Keep the last:"), self)
        keep_label.setBuddy(self.keep_spin)
        self.save_policy_button = QPushButton(_("&Save these settings"), self)
        auto_grid = QGridLayout(auto_box)
        auto_grid.addWidget(auto_note, 0, 0, 1, 3)
        auto_grid.addWidget(auto_label, 1, 0)
        auto_grid.addWidget(self.auto_folder_edit, 1, 1)
        auto_grid.addWidget(self.auto_browse_button, 1, 2)
        auto_grid.addWidget(keep_label, 2, 0)
        auto_grid.addWidget(self.keep_spin, 2, 1, Qt.AlignmentFlag.AlignLeft)
        auto_grid.addWidget(self.save_policy_button, 2, 2)

        # --- restore ---------------------------------------------------------------------------
        restore_box = QGroupBox(_("Restore"), self)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("backupList")
        read_only_rows(self.table, [_("Made on"), _("Visits"), _("Size"), _("Kind"), _("Note")])
        self.table.setTabKeyNavigation(False)
        self.table.setMinimumHeight(self.table.fontMetrics().height() * 12)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        list_label = QLabel(_("Backups in the automatic &folder (newest first):"), self)
        list_label.setBuddy(self.table)
        self.other_button = QPushButton(_("&Other file…"), self)
        self.verify_button = QPushButton(_("&Verify"), self)
        self.restore_button = QPushButton(_("&Restore…"), self)
        self.restore_button.setObjectName("restoreButton")
        restore_row = QHBoxLayout()
        restore_row.addWidget(self.other_button)
        restore_row.addStretch(1)
        restore_row.addWidget(self.verify_button)
        restore_row.addWidget(self.restore_button)
        restore_note = QLabel(_(
            "A backup is checked before anything changes; the current database is kept beside "
            "the restored one. Reception Desk closes after a restore: start it again."), self)
        restore_note.setWordWrap(True)
        restore_layout = QVBoxLayout(restore_box)
        restore_layout.addWidget(list_label)
        restore_layout.addWidget(self.table, 1)
        restore_layout.addLayout(restore_row)
        restore_layout.addWidget(restore_note)

        # --- progress and status -------------------------------------------------------------
        self.status = QLabel(self)
        self.status.setObjectName("backupStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(_("S&top"), self)
        self.cancel_button.setVisible(False)
        status_row = QHBoxLayout()
        status_row.addWidget(self.progress, 1)
        status_row.addWidget(self.cancel_button)
        buttons = QDialogButtonBox(self)
        close = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setAutoDefault(False)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(now_box)
        layout.addWidget(auto_box)
        layout.addWidget(restore_box, 1)
        layout.addWidget(self.status)
        layout.addLayout(status_row)
        layout.addWidget(buttons)

        for button, slot in ((self.browse_button, self._on_browse_clicked),
                             (self.backup_button, self._on_backup_clicked),
                             (self.auto_browse_button, self._on_auto_browse_clicked),
                             (self.save_policy_button, self._on_save_policy_clicked),
                             (self.other_button, self._on_other_clicked),
                             (self.verify_button, self._on_verify_clicked),
                             (self.restore_button, self._on_restore_clicked),
                             (self.cancel_button, self._on_cancel_clicked)):
            button.setAutoDefault(False)
            button.clicked.connect(slot)
        self.repeat_edit.returnPressed.connect(self._on_backup_clicked)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.refresh_list()
        self.backup_button.setFocus()

    # --- the list ----------------------------------------------------------------------------
    def refresh_list(self) -> None:
        listed = self._backups.list_backups()
        known = {info.path for info in listed}
        rows = [info for info in self._extra if info.path not in known] + listed
        self._rows = rows
        self.table.setRowCount(len(rows))
        for row, info in enumerate(rows):
            if info.problem is not None:
                cells = [when_text(info), "", size_text(info.size), "", message_for(info.problem)]
            else:
                note = info.path.name
                if info.encrypted:
                    note = _("protected by a passphrase") + " · " + note
                cells = [when_text(info), format_count(info.visits or 0), size_text(info.size),
                         _(REASONS.get(info.reason, info.reason)), note]
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(str(info.path))
                if column in (1, 2):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        if rows:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        row = self.table.currentRow()
        rows = getattr(self, "_rows", [])
        return rows[row] if 0 <= row < len(rows) else None

    @Slot()
    def _update_buttons(self) -> None:
        busy = self._task is not None
        chosen = self.selected() is not None
        for button in (self.backup_button, self.save_policy_button, self.other_button):
            button.setEnabled(not busy)
        self.verify_button.setEnabled(not busy and chosen)
        self.restore_button.setEnabled(not busy and chosen)
        self.cancel_button.setVisible(busy)

    # --- running jobs ------------------------------------------------------------------------
    def is_busy(self) -> bool:
        return self._task is not None

    def _start(self, fn: Callable[[_Task], Any], on_done: Callable[[Any], None],
               first_line: str) -> None:
        task = _Task(self._relay)
        self._task = task
        self.last_error = ""
        self.status.setText(first_line)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self._update_buttons()

        def done(result: Any) -> None:
            self._finish()
            on_done(result)

        self._jobs.submit(lambda: fn(task), done, self._on_job_failed)

    def _finish(self) -> None:
        self._task = None
        self.progress.setVisible(False)
        self._update_buttons()

    def _on_job_failed(self, error: Exception) -> None:
        self._finish()
        if not isinstance(error, UserError | KnownError | OSError):
            raise error  # a bug: the crash handler shows it
        self.last_error = error_text(error)
        self.status.setText(self.last_error)
        log.warning("Backup or restore refused: %s", error)

    @Slot(str, "qlonglong", "qlonglong")
    def _on_relay_reported(self, phase: str, done: int, total: int) -> None:
        if self._task is None:
            return
        if total > 0:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(done * 1000 / total))
        else:
            self.progress.setRange(0, 0)
        self.status.setText(phase_text(phase))

    @Slot()
    def _on_cancel_clicked(self) -> None:
        if self._task is not None:
            self._task.stop.set()
            self.status.setText(_("Stopping…"))

    def wait(self, msecs: int = -1) -> bool:
        """Block until the running job is over (tests, closing)."""
        return self._jobs.wait(msecs)

    def reject(self) -> None:
        if self._task is not None:  # Esc while working stops the work first
            self._on_cancel_clicked()
            return
        super().reject()

    # --- back up now -------------------------------------------------------------------------
    @Slot()
    def _on_browse_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Save the backup in"),
                                                  self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    @Slot()
    def _on_backup_clicked(self) -> None:
        if self._task is not None:
            return
        passphrase = self.pass_edit.text()
        if passphrase != self.repeat_edit.text():
            self.last_error = message_for(KnownError("backup.passphrase_mismatch"))
            self.status.setText(self.last_error)
            self.repeat_edit.setFocus()
            return
        folder = Path(self.folder_edit.text().strip()).expanduser()
        self._settings.setValue(LAST_FOLDER_KEY, str(folder))

        def job(task: _Task) -> BackupInfo:
            return self._backups.back_up_now(folder, passphrase or None, task.progress,
                                             task.cancelled)

        self._start(job, self._on_backup_done, _("Backing up…"))

    def _on_backup_done(self, info: BackupInfo) -> None:
        self.pass_edit.clear()
        self.repeat_edit.clear()
        self.status.setText(_("Backup written: {file} ({visits} visits, {size}).").format(
            file=info.path, visits=format_count(info.visits or 0), size=size_text(info.size)))
        if info.path.parent == self._backups.automatic_folder():
            self.refresh_list()
        else:
            self._extra.insert(0, info)
            self.refresh_list()
        self.backup_made.emit(info)

    # --- automatic backups -------------------------------------------------------------------
    @Slot()
    def _on_auto_browse_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, _("Folder of the automatic backups"),
            self.auto_folder_edit.text() or self.auto_folder_edit.placeholderText())
        if folder:
            self.auto_folder_edit.setText(folder)

    @Slot()
    def _on_save_policy_clicked(self) -> None:
        policy = BackupPolicy(keep=self.keep_spin.value(),
                              folder=self.auto_folder_edit.text().strip())
        try:
            announce(self._desk, self._backups.save_policy(policy, self.policy_version))
        except (UserError, KnownError) as exc:
            if isinstance(exc, UserError) and self.policy_version is not None:
                # Another counter saved meanwhile: the typed values stay; saving again replaces
                # its values with them, knowingly (the message said so).
                self.policy_version = changed_version(exc, self.policy_version)
            self.last_error = message_for(exc)
            self.status.setText(self.last_error)
            return
        if self.policy_version is not None:
            self.policy_version += 1
        self.status.setText(_("Saved: automatic backups go to {folder}, the last {keep} days "
                              "are kept.").format(folder=self._backups.automatic_folder(),
                                                  keep=policy.keep))
        self.refresh_list()

    # --- verify and restore ------------------------------------------------------------------
    @Slot()
    def _on_other_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose a backup"), self.folder_edit.text(),
            _("Reception Desk backups (*.rdbackup);;All files (*)"))
        if path:
            self.add_file(Path(path))

    def add_file(self, path: Path) -> None:
        """Put a backup from elsewhere (a USB stick) at the top of the list and select it."""
        try:
            info = self._backups.describe(path)
        except KnownError as exc:
            self.last_error = message_for(exc)
            self.status.setText(self.last_error)
            return
        self._extra = [i for i in self._extra if i.path != path]
        self._extra.insert(0, info)
        self.refresh_list()
        self.table.setFocus()

    def _passphrase_for(self, info: BackupInfo, purpose: str) -> tuple[bool, str | None]:
        """(go on?, the passphrase): asked only for a protected backup; go on is False when the
        user cancels the question."""
        if not info.encrypted:
            return True, None
        text, ok = QInputDialog.getText(
            self, purpose, _("This backup is protected. Passphrase:"),
            QLineEdit.EchoMode.Password)
        return bool(ok and text), text or None

    def _usable(self) -> BackupInfo | None:
        info = self.selected()
        if info is None:
            return None
        if info.problem is not None:
            self.last_error = message_for(info.problem)
            self.status.setText(self.last_error)
            return None
        return info

    def _check(self, info: BackupInfo, purpose: str, check: Callable[..., Any],
               on_done: Callable[[Any], None], first_line: str) -> None:
        """Ask the passphrase of a protected backup (for ``purpose``), then run ``check`` (the
        desk's verify or restore) on ``info`` off the UI thread; ``on_done`` gets its result."""
        go_on, secret = self._passphrase_for(info, purpose)
        if not go_on:
            return

        def job(task: _Task) -> Any:
            return check(info.path, secret, task.progress, task.cancelled)

        self._start(job, on_done, first_line)

    @Slot()
    def _on_verify_clicked(self) -> None:
        info = self._usable()
        if info is None or self._task is not None:
            return
        self._check(info, _("Verify a backup"), self._backups.verify, self._on_verify_done,
                    _("Verifying…"))

    def _on_verify_done(self, result: VerifyResult) -> None:
        info = result.backup
        if result.checked:
            line = _("The backup of {date} is sound: its files are intact and its database "
                     "({visits} visits) passed the check.")
        else:
            line = _("The backup of {date} is intact ({visits} visits).")
        self.status.setText(line.format(date=when_text(info),
                                        visits=format_count(info.visits or 0)))

    @Slot()
    def _on_restore_clicked(self) -> None:
        info = self._usable()
        if info is None or self._task is not None:
            return
        answer = QMessageBox.question(
            self, _("Restore a backup"),
            _("Replace the database by the backup of {date} ({visits} visits)?\n\nThe backup is "
              "checked first; if it is not sound nothing changes. The current database is kept "
              "beside the restored one. Close Reception Desk on the other computers first. "
              "Reception Desk closes when the restore is done.").format(
                date=when_text(info), visits=format_count(info.visits or 0)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._check(info, _("Restore a backup"), self._backups.restore, self._on_restore_done,
                    _("Restoring…"))

    def _on_restore_done(self, result: RestoreResult) -> None:
        self.status.setText(_("Restored."))
        kept = result.kept or _("(there was none)")
        if self._at_start:
            text = _("The backup of {date} is restored. The database it replaced is kept as "
                     "{kept}.")
        else:
            text = _("The backup of {date} is restored. The database it replaced is kept as "
                     "{kept}.\n\nReception Desk will now close: start it again to continue.")
        QMessageBox.information(self, _("Restore a backup"),
                                text.format(date=when_text(result.backup), kept=kept))
        self.restored.emit(result)
        self.accept()


def offer_restore_at_start(url: str, problem: str) -> bool:
    """The database cannot be opened: say why and offer to restore a backup. True when one was
    restored (the caller opens the database again)."""
    from reception_desk.services.office.backup import desk_for_restore

    answer = QMessageBox.critical(
        None, _("Reception Desk"),
        problem + "\n\n" + _("Restore a backup of the database now?"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    desk = desk_for_restore(url)
    try:
        dialog = BackupDialog(desk, at_start=True)
        restored: list[object] = []
        dialog.restored.connect(restored.append)
        dialog.exec()
        dialog.wait()
        return bool(restored)
    finally:
        desk.db.engine.dispose()


class AutomaticBackups(QObject):
    """The daily and close-time backups of a main window (``start()`` switches them on)."""

    finished = Signal(object)  # BackupInfo of a daily backup
    failed = Signal(str)  # what to tell the user about a failed daily backup

    def __init__(self, desk: Desk, parent: QWidget) -> None:
        super().__init__(parent)
        self._window = parent
        self._backups = Backups(desk)
        self._jobs = BackgroundJobs(self)
        self._relay = _ProgressRelay(self)
        self._task: _Task | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(DAILY_CHECK_MS)
        self._timer.timeout.connect(self.run_daily_if_due)
        self.enabled = False

    def start(self, first_check_ms: int = DAILY_DELAY_MS) -> None:
        self.enabled = True
        QTimer.singleShot(first_check_ms, self.run_daily_if_due)
        self._timer.start()

    def stop(self) -> None:
        """No more automatic backups (after a restore the program closes without one)."""
        self.enabled = False
        self._timer.stop()
        if self._task is not None:
            self._task.stop.set()

    def is_busy(self) -> bool:
        return self._jobs.is_busy()

    def wait(self, msecs: int = -1) -> bool:
        return self._jobs.wait(msecs)

    @Slot()
    def run_daily_if_due(self) -> None:
        if not self.enabled or self._jobs.is_busy():
            return
        try:
            due = self._backups.daily_backup_due()
        except OSError:
            due = True
        if not due:
            return
        task = _Task(self._relay)
        self._task = task
        self._jobs.submit(
            lambda: self._backups.automatic_backup("daily", task.progress, task.cancelled),
            lambda info: self._on_daily_done(task, info),
            lambda error: self._on_daily_failed(task, error))

    def _on_daily_done(self, task: _Task, info: BackupInfo) -> None:
        if self._task is task:
            self._task = None
        log.info("Daily backup written to %s", info.path)
        self.finished.emit(info)

    def _on_daily_failed(self, task: _Task, error: Exception) -> None:
        if self._task is task:
            self._task = None
        if not isinstance(error, UserError | KnownError | OSError):
            raise error
        log.warning("Daily backup failed: %s", error)
        if not (isinstance(error, KnownError) and error.code == "backup.cancelled"):
            self.failed.emit(error_text(error))

    def back_up_on_close(self) -> BackupInfo | None:
        """The backup at closing, with a progress window and Stop; returns when it is over.

        A daily backup still running is stopped first (this one is newer). Stopping or a
        failure loses nothing: the earlier backups stay and the database is untouched.
        """
        if not self.enabled:
            return None
        if self._task is not None:
            self._task.stop.set()
        task = _Task(self._relay)
        self._task = task
        dialog = QProgressDialog(_("Backing up before closing…"), _("S&top"), 0, 1000,
                                 self._window)
        dialog.setWindowTitle(_("Backup"))
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(CLOSE_PROGRESS_DELAY_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(task.stop.set)

        def report(phase: str, done: int, total: int) -> None:
            dialog.setLabelText(_("Backing up before closing…") + "\n" + phase_text(phase))
            if total > 0:
                dialog.setMaximum(1000)
                dialog.setValue(int(done * 1000 / total))

        self._relay.reported.connect(report)
        loop = QEventLoop(self)
        outcome: dict[str, Any] = {}

        def done(info: BackupInfo) -> None:
            outcome["info"] = info
            loop.quit()

        def failed(error: Exception) -> None:
            outcome["error"] = error
            loop.quit()

        self._jobs.submit(
            lambda: self._backups.automatic_backup("close", task.progress, task.cancelled),
            done, failed)
        loop.exec()
        self._relay.reported.disconnect(report)
        dialog.close()
        dialog.deleteLater()
        self._task = None
        error = outcome.get("error")
        if error is None:
            return outcome.get("info")
        if not isinstance(error, UserError | KnownError | OSError):
            raise error
        log.warning("Backup at closing not made: %s", error)
        quiet = isinstance(error, KnownError) and error.code in {
            "backup.cancelled", "backup.pg_tools_missing"}
        if not quiet:
            QMessageBox.warning(self._window, _("Backup"), _(
                "No backup was made at closing: {reason}").format(reason=error_text(error)))
        return None
