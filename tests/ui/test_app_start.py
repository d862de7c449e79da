"""Issue 17: the sign-in dialog comes up first; the database is opened behind it, and whatever
stopped the start before (a refused database, the first run, no administrator) still does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import QSettings
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QMessageBox

from reception_desk.app import start
from reception_desk.domain.access import Role
from reception_desk.i18n import set_language
from reception_desk.services.access.dto import NewUser
from reception_desk.ui.sign_in import LAST_USER_KEY
from reception_desk.ui.sign_in import FirstAdministratorDialog
from reception_desk.ui.sign_in import SignInDialog
from tests.conftest import make_desk
from tests.ui.helpers import type_text

ROOT = Path(__file__).resolve().parents[2]
PW = "mật khẩu 2026"


@pytest.fixture(autouse=True)
def _vietnamese():
    set_language("vi")


@pytest.fixture
def forget_last_user():  # type: ignore[no-untyped-def]
    """A sign-in remembers the name (QSettings): forgotten after the test."""
    yield
    QSettings().remove(LAST_USER_KEY)


@pytest.fixture
def office_db(tmp_path: Path, clock) -> Path:  # type: ignore[no-untyped-def]
    """A set-up office with its administrator."""
    path = tmp_path / "office.sqlite3"
    desk = make_desk(f"sqlite:///{path}", clock)
    desk.access.create_first_administrator(NewUser("admin", "Quản trị viên",
                                                   Role.ADMINISTRATOR, PW))
    desk.close()
    return path


class _Shown(QObject):
    """Records the sign-in dialogs shown in this process."""

    def __init__(self) -> None:
        super().__init__()
        self.dialogs: list[SignInDialog] = []

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(obj, SignInDialog):
            self.dialogs.append(obj)
        return False


@pytest.fixture
def shown(qtbot):  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    watch = _Shown()
    app.installEventFilter(watch)
    yield watch
    app.removeEventFilter(watch)


def _visible_sign_in() -> list[SignInDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, SignInDialog) and w.isVisible()]


_FRESH_PROCESS = r"""
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([sys.argv[0]])
from reception_desk.app import start
seen = {}

class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Show and type(obj).__name__ == "SignInDialog" \
                and "shown" not in seen:
            seen["shown"] = True
            seen["sqlalchemy_at_show"] = "sqlalchemy" in sys.modules
            obj.ready.connect(lambda: ready(obj))
        return False

def ready(dialog):
    completer = dialog.username_edit.completer()
    seen["names"] = completer.model().stringList() if completer else []
    seen["sqlalchemy_when_ready"] = "sqlalchemy" in sys.modules
    QTimer.singleShot(0, dialog.reject)

watch = Watch()
app.installEventFilter(watch)
seen["window"] = start(["--database", sys.argv[1]], app) is not None
print(json.dumps(seen))
"""


def test_the_sign_in_dialog_is_shown_before_sqlalchemy_is_imported(office_db, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(tmp_path / var.lower())
    out = subprocess.run([sys.executable, "-c", _FRESH_PROCESS, str(office_db)], cwd=ROOT,
                         env=env, check=True, capture_output=True, text=True, timeout=120)
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["shown"] and seen["sqlalchemy_at_show"] is False
    # The database was then opened behind it and the names offered; cancelled: no window.
    assert seen["sqlalchemy_when_ready"] is True
    assert seen["names"] == ["admin"]
    assert seen["window"] is False


def test_enter_before_the_database_is_open_waits_and_then_signs_in(qtbot, office_db, clock,
                                                                   forget_last_user):
    dialog = SignInDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.username_edit.setText("admin")  # typed while the database opens
    type_text(dialog.password_edit, PW)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.principal is None
    assert dialog.status_label.isVisible()
    assert dialog.status_label.text() == "Đang mở cơ sở dữ liệu…"
    desk = make_desk(f"sqlite:///{office_db}", clock)
    try:
        dialog.set_access(desk.access)
        assert dialog.principal is not None and dialog.principal.username == "admin"
        assert desk.access.principal is not None
        assert not dialog.isVisible()
    finally:
        desk.close()


def test_a_corrupt_database_is_refused_in_vietnamese_after_the_dialog_shows(qtbot, tmp_path,
                                                                          monkeypatch, shown):
    bad = tmp_path / "broken.sqlite3"
    bad.write_bytes(b"not a database" * 200)
    messages: list[str] = []

    def critical(*args: object) -> None:
        assert not _visible_sign_in()  # the message stands alone, as before
        messages.append(str(args[2]))

    monkeypatch.setattr(QMessageBox, "critical", critical)
    assert start(["--database", str(bad)], QApplication.instance()) is None
    assert shown.dialogs  # the sign-in dialog came first
    assert messages and "cơ sở dữ liệu" in messages[0].lower()
    assert not _visible_sign_in()


def test_the_first_run_wizard_still_comes_on_a_new_database(qtbot, tmp_path, monkeypatch,
                                                            shown):
    from reception_desk.ui.setup_wizard import SetupWizard

    ran: list[bool] = []

    def wizard_exec(self: SetupWizard) -> int:
        ran.append(not _visible_sign_in())
        return 0  # cancelled

    monkeypatch.setattr(SetupWizard, "exec", wizard_exec)
    assert start(["--database", str(tmp_path / "new.sqlite3")], QApplication.instance()) is None
    assert shown.dialogs and ran == [True]


def test_an_office_without_accounts_still_creates_its_administrator_first(qtbot, tmp_path,
                                                                         clock, monkeypatch,
                                                                         shown):
    path = tmp_path / "office.sqlite3"
    make_desk(f"sqlite:///{path}", clock).close()
    ran: list[bool] = []

    def first_exec(self: FirstAdministratorDialog) -> int:
        ran.append(not _visible_sign_in())
        self.fields.username_edit.setText("admin")
        return 0  # cancelled: nobody signed in

    monkeypatch.setattr(FirstAdministratorDialog, "exec", first_exec)
    assert start(["--database", str(path)], QApplication.instance()) is None
    assert shown.dialogs and ran == [True]


def test_an_unexpected_error_while_opening_is_raised_by_start(qtbot, office_db, monkeypatch):
    import reception_desk.storage.database as database

    def broken(url: str) -> None:
        raise OSError("disk unplugged")

    monkeypatch.setattr(database, "open_database", broken)
    with pytest.raises(OSError, match="disk unplugged"):
        start(["--database", str(office_db)], QApplication.instance())
    assert not _visible_sign_in()
