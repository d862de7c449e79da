"""The backup dialog driven by keyboard only, and the main window's automatic backups."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QProgressDialog
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget
from sqlalchemy import text

from reception_desk.i18n import set_language
from reception_desk.services.office.backup import BackupPolicy
from reception_desk.services.office.backup import Backups
from reception_desk.storage.backup import sqlite
from reception_desk.storage.backup.manifest import read_manifest
from reception_desk.ui.backup_dialog import BackupDialog
from reception_desk.ui.main_window import MainWindow
from tests.conftest import sample_draft
from tests.ui.helpers import first_administrator
from tests.ui.helpers import focused
from tests.ui.helpers import press
from tests.ui.helpers import type_text

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def _vietnamese():
    set_language("vi")


@pytest.fixture
def dialog(qtbot, sqlite_desk, tmp_path):  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    d = BackupDialog(sqlite_desk, settings=settings)
    qtbot.addWidget(d)
    _show(qtbot, d)
    yield d
    d.wait(10000)


def _show(qtbot, window: QWidget) -> None:  # type: ignore[no-untyped-def]
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _visits(desk) -> int:  # type: ignore[no-untyped-def]
    with desk.db.read() as s:
        return int(s.execute(text("SELECT count(*) FROM visit")).scalar_one())


def _mnemonic(widget: QWidget) -> str:
    """The underlined letter that reaches ``widget``: its own (a button) or its label's."""
    if isinstance(widget, QAbstractButton):
        text = widget.text()
    else:
        (label,) = [w for w in widget.window().findChildren(QLabel) if w.buddy() is widget]
        text = label.text()
    return text[text.index("&") + 1].upper()


def _alt(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Alt + the widget's underlined letter (in the language in force). On a button Qt
    "animates" the click, which lands 100 ms later."""
    press(qtbot, Qt.Key(ord(_mnemonic(widget))), ALT)
    if isinstance(widget, QAbstractButton):
        qtbot.wait(200)


def _replace_text(qtbot, value: str) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(None, value)


def test_back_up_now_to_a_stick_with_a_passphrase_by_keyboard(qtbot, dialog, sqlite_desk,
                                                              tmp_path):
    sqlite_desk.log_visit(sample_draft(sqlite_desk))
    stick = tmp_path / "usb"
    stick.mkdir()
    _alt(qtbot, dialog.folder_edit)
    assert focused() is dialog.folder_edit
    _replace_text(qtbot, str(stick))
    _alt(qtbot, dialog.pass_edit)
    type_text(None, "bí mật")
    _alt(qtbot, dialog.repeat_edit)
    assert focused() is dialog.repeat_edit
    type_text(None, "bí mật")
    _alt(qtbot, dialog.backup_button)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20000)
    (made,) = stick.glob("*.rdbackup")
    assert read_manifest(made).encrypted
    assert "Đã sao lưu" in dialog.status.text()
    assert dialog.pass_edit.text() == ""  # the passphrase does not linger on screen
    assert dialog.selected() is not None and dialog.selected().path == made


def test_different_passphrases_write_nothing(qtbot, dialog, tmp_path):
    dialog.folder_edit.setText(str(tmp_path))
    _alt(qtbot, dialog.pass_edit)
    type_text(None, "một")
    _alt(qtbot, dialog.repeat_edit)
    type_text(None, "hai\n")
    assert "khác nhau" in dialog.status.text()
    assert not list(tmp_path.glob("*.rdbackup"))


def test_a_missing_folder_is_told_not_crashed(qtbot, dialog, tmp_path):
    dialog.folder_edit.setText(str(tmp_path / "unplugged"))
    _alt(qtbot, dialog.backup_button)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20000)
    assert "không tồn tại" in dialog.last_error


def test_automatic_policy_is_saved_from_the_keyboard(qtbot, dialog, sqlite_desk, tmp_path):
    _alt(qtbot, dialog.keep_spin)
    assert focused() is dialog.keep_spin
    _replace_text(qtbot, "5")
    _alt(qtbot, dialog.auto_folder_edit)
    type_text(None, str(tmp_path))
    _alt(qtbot, dialog.save_policy_button)
    assert Backups(sqlite_desk).policy() == BackupPolicy(keep=5, folder=str(tmp_path))
    assert "5" in dialog.status.text()


def test_restore_from_the_list_after_confirmation(qtbot, sqlite_desk, tmp_path, monkeypatch):
    Backups(sqlite_desk).automatic_backup("daily")
    sqlite_desk.log_visit(sample_draft(sqlite_desk))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    d = BackupDialog(sqlite_desk, settings=QSettings(str(tmp_path / "s.ini"),
                                                     QSettings.Format.IniFormat))
    qtbot.addWidget(d)
    _show(qtbot, d)
    assert d.table.rowCount() == 1 and "Hằng ngày" in d.table.item(0, 3).text()
    restored: list[object] = []
    d.restored.connect(restored.append)
    _alt(qtbot, d.table)
    assert focused() is d.table
    _alt(qtbot, d.restore_button)
    qtbot.waitUntil(lambda: bool(restored), timeout=20000)
    assert _visits(sqlite_desk) == 0
    assert told and "khởi động lại" in told[0]


def test_a_damaged_backup_is_listed_with_its_problem_and_not_restored(qtbot, sqlite_desk,
                                                                      tmp_path):
    backups = Backups(sqlite_desk)
    info = backups.automatic_backup("daily")
    info.path.write_bytes(info.path.read_bytes()[:-200])
    sqlite_desk.log_visit(sample_draft(sqlite_desk))
    d = BackupDialog(sqlite_desk, settings=QSettings(str(tmp_path / "s.ini"),
                                                     QSettings.Format.IniFormat))
    qtbot.addWidget(d)
    _show(qtbot, d)
    assert "hỏng" in d.table.item(0, 4).text()
    _alt(qtbot, d.table)
    _alt(qtbot, d.restore_button)
    assert "hỏng" in d.last_error
    assert _visits(sqlite_desk) == 1


def test_verify_reports_a_sound_backup(qtbot, dialog, sqlite_desk):
    Backups(sqlite_desk).automatic_backup("close")
    dialog.refresh_list()
    _alt(qtbot, dialog.verify_button)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20000)
    assert "đã qua kiểm tra" in dialog.status.text()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_control_has_its_own_underlined_letter(qtbot, sqlite_desk, tmp_path, language):
    set_language(language)
    d = BackupDialog(sqlite_desk, settings=QSettings(str(tmp_path / "s.ini"),
                                                     QSettings.Format.IniFormat))
    qtbot.addWidget(d)
    controls = [d.folder_edit, d.browse_button, d.pass_edit, d.repeat_edit, d.backup_button,
                d.auto_folder_edit, d.auto_browse_button, d.keep_spin, d.save_policy_button,
                d.table, d.other_button, d.verify_button, d.restore_button, d.cancel_button]
    letters = [_mnemonic(w) for w in controls]
    assert len(set(letters)) == len(letters), letters


def test_render_the_dialog(qtbot, sqlite_desk, tmp_path):
    """The dialog as a clerk sees it, for a look (saved beside the test's files)."""
    backups = Backups(sqlite_desk)
    backups.automatic_backup("daily")
    backups.back_up_now(backups.automatic_folder(), passphrase="k")
    d = BackupDialog(sqlite_desk, settings=QSettings(str(tmp_path / "s.ini"),
                                                     QSettings.Format.IniFormat))
    qtbot.addWidget(d)
    _show(qtbot, d)
    image = d.grab()
    assert image.save(str(tmp_path / "backup-dialog.png"))
    assert d.table.rowCount() == 2


# --- the main window's automatic backups -------------------------------------------------------


def test_daily_backup_at_start_and_a_backup_at_closing(qtbot, sqlite_desk, clock):
    window = MainWindow(sqlite_desk)
    qtbot.addWidget(window)
    window.show()
    folder = Backups(sqlite_desk).automatic_folder()
    window.automatic_backups.start(first_check_ms=0)
    qtbot.waitUntil(lambda: folder.exists() and len(list(folder.iterdir())) == 1, timeout=20000)
    window.automatic_backups.wait(10000)
    (daily,) = folder.iterdir()
    assert read_manifest(daily).reason == "daily"
    clock.moment += timedelta(days=1)
    sqlite_desk.log_visit(sample_draft(sqlite_desk))
    window.close()
    latest = max(folder.iterdir())
    assert read_manifest(latest).reason == "close"
    assert read_manifest(latest).visits == 1


def test_a_failed_backup_at_closing_is_told_and_the_window_still_closes(qtbot, sqlite_desk,
                                                                        tmp_path, monkeypatch):
    stick = tmp_path / "stick"
    stick.mkdir()
    Backups(sqlite_desk).save_policy(BackupPolicy(keep=3, folder=str(stick)))
    stick.rmdir()
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    window = MainWindow(sqlite_desk)
    qtbot.addWidget(window)
    window.show()
    window.automatic_backups.start(first_check_ms=3_600_000)
    window.close()
    assert not window.isVisible()
    assert warned and "không tồn tại" in warned[0]


def test_stopping_the_backup_at_closing_closes_at_once_and_keeps_earlier_backups(
        qtbot, sqlite_desk, monkeypatch):
    from PySide6.QtCore import Qt as QtCore

    backups = Backups(sqlite_desk)
    earlier = backups.automatic_backup("daily").path
    for _ in range(3):
        sqlite_desk.log_visit(sample_draft(sqlite_desk))
    monkeypatch.setattr(sqlite, "PAGES_PER_STEP", 1)
    window = MainWindow(sqlite_desk)
    qtbot.addWidget(window)
    window.show()
    window.automatic_backups.start(first_check_ms=3_600_000)
    # Each page copied takes a while (a slow disk), so the progress window shows up.
    window.automatic_backups._relay.reported.connect(
        lambda *_a: time.sleep(0.05), QtCore.ConnectionType.DirectConnection)
    pressed: list[bool] = []

    def press_stop() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog) and widget.isVisible():
                pressed.append(True)
                widget.findChild(QPushButton).click()  # the Stop button
                return
        QTimer.singleShot(50, press_stop)

    QTimer.singleShot(50, press_stop)
    started = time.monotonic()
    window.close()
    assert pressed and time.monotonic() - started < 10
    assert not window.isVisible()
    folder = backups.automatic_folder()
    assert list(folder.iterdir()) == [earlier]
    assert not list(Path(sqlite_desk.db.engine.url.database).parent.glob(".rd-backup-*"))



def test_a_damaged_database_at_start_offers_the_backups(qtbot, tmp_path, clock, monkeypatch):
    from reception_desk.app import start
    from tests.conftest import make_desk

    path = tmp_path / "office.sqlite3"
    desk = make_desk(f"sqlite:///{path}", clock)
    desk.log_visit(sample_draft(desk))
    Backups(desk).automatic_backup("daily")
    desk.close()
    path.write_bytes(b"not a database" * 300)
    asked: list[str] = []
    told: list[str] = []

    def critical(*args, **_kwargs):  # type: ignore[no-untyped-def]
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "critical", critical)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))

    def choose_the_newest_backup() -> None:
        shown = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, BackupDialog) and w.isVisible()]
        if not shown:
            QTimer.singleShot(50, choose_the_newest_backup)
            return
        assert shown[0].selected() is not None
        shown[0].restore_button.click()

    QTimer.singleShot(50, choose_the_newest_backup)
    window = start(["--database", str(path)], QApplication.instance(),
                   sign_in=first_administrator)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    try:
        assert asked and "sao lưu" in asked[0]
        assert told and "khởi động lại" not in told[0]
        assert _visits(window.desk) == 1
        (kept,) = tmp_path.glob("office.before-restore-*.sqlite3")
        assert kept.read_bytes().startswith(b"not a database")
    finally:
        window.automatic_backups.stop()
        window.desk.close()
