"""The crash handler logs the error and shows a dialog whose details can be copied."""

from __future__ import annotations

import logging
import sys

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

from reception_desk.i18n import set_language
from reception_desk.ui.crash_dialog import CrashDialog, CrashHandler, crash_details


def _boom() -> tuple[type[BaseException], BaseException, object]:
    try:
        raise RuntimeError("ổ cứng đầy")
    except RuntimeError:
        return sys.exc_info()  # type: ignore[return-value]


def test_dialog_shows_vietnamese_text_and_copyable_details(qtbot, tmp_path):
    set_language("vi")
    details = crash_details(*_boom())  # type: ignore[arg-type]
    dialog = CrashDialog(details, tmp_path / "reception-desk.log")
    qtbot.addWidget(dialog)
    assert "lỗi" in dialog.text().lower()
    assert "RuntimeError: ổ cứng đầy" in dialog.detailedText()
    assert str(tmp_path / "reception-desk.log") in dialog.informativeText()
    copy = next(b for b in dialog.findChildren(QPushButton) if "Sao chép" in b.text())
    copy.click()
    assert "ổ cứng đầy" in QGuiApplication.clipboard().text()


def test_handler_logs_before_showing(qtbot, tmp_path, monkeypatch, caplog):
    shown: list[str] = []
    monkeypatch.setattr(CrashDialog, "exec", lambda self: shown.append(self.details) or 0)
    handler = CrashHandler(tmp_path / "log")
    with caplog.at_level(logging.ERROR, logger="reception_desk.crash"):
        handler(*_boom())  # type: ignore[arg-type]
    assert "ổ cứng đầy" in caplog.text
    assert shown and "RuntimeError" in shown[0]
