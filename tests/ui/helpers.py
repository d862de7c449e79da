"""Keyboard helpers for widget tests, and where their screenshots go.

``qtbot.keyClicks`` aborts the whole pytest process on any non-ASCII character (STACK.md), so
Vietnamese is typed as one ``QKeyEvent`` per character carrying the text and ``Key_unknown``.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QWidget

_SPECIAL = {"\n": Qt.Key.Key_Return, "\t": Qt.Key.Key_Tab}


def shot(tmp_path: Path, name: str) -> str:
    """The file for a screenshot taken for a human look: in the test's own ``tmp_path`` (pytest
    keeps the last runs' folders), or in the folder RD_SCREENSHOTS names to collect a run's."""
    folder = Path(os.environ.get("RD_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / name)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def type_text(widget: QWidget | None, text: str) -> None:
    """Type ``text`` into ``widget`` (None: whatever has the focus, re-read for every character,
    so typing into a table cell reaches the editor it opens)."""
    for ch in text:
        target = widget if widget is not None else focused()
        code = _SPECIAL.get(ch, Qt.Key.Key_unknown)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                target, QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, ch))
    QApplication.processEvents()


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:  # type: ignore[no-untyped-def]
    """Press ``key`` on the focused widget, through QTest (so shortcuts and Tab work)."""
    for _ in range(times):
        qtbot.keyClick(focused(), key, modifier)
        QApplication.processEvents()  # cell editors commit through queued calls


def tab(qtbot, times: int = 1) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, Qt.Key.Key_Tab, times=times)


def first_administrator(access):  # type: ignore[no-untyped-def]
    """The sign-in flow of an office without accounts: create the administrator, sign in."""
    from reception_desk.domain.access import Role
    from reception_desk.services.access.dto import NewUser

    access.create_first_administrator(NewUser("admin", "Quản trị viên", Role.ADMINISTRATOR,
                                              "mật khẩu 2026"))
    return access.sign_in("admin", "mật khẩu 2026")


def show_active(qtbot, widget: QWidget, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    """Show ``widget`` at ``width``×``height`` as the active window, so keys reach it."""
    widget.resize(width, height)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(widget.isActiveWindow)


def vietnamese_theme(qapp) -> None:  # type: ignore[no-untyped-def]
    """The UI in Vietnamese with the app's theme, as the screens are shipped."""
    from reception_desk.i18n import set_language
    from reception_desk.ui.theme import apply_theme

    set_language("vi")
    apply_theme(qapp)
