"""The crash handler logs the error and shows a dialog whose details can be copied."""

from __future__ import annotations

import logging
import sys

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

from reception_desk.i18n import set_language
from reception_desk.ui.crash_dialog import CrashDialog
from reception_desk.ui.crash_dialog import CrashHandler
from reception_desk.ui.crash_dialog import crash_details


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


def test_qt_standard_buttons_speak_vietnamese(qtbot):
    """Qt ships no Vietnamese catalog: its own button texts come from ours."""
    from PySide6.QtWidgets import QApplication
    from PySide6.QtWidgets import QDialogButtonBox
    from PySide6.QtWidgets import QMessageBox

    from reception_desk.ui.qt_strings import install_qt_strings

    set_language("vi")
    translator = install_qt_strings(QApplication.instance())
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close
                               | QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        texts = {b.text() for b in box.buttons()}
        assert texts == {"Đóng", "Hủy bỏ"}
        question = QMessageBox(QMessageBox.Icon.Question, "?", "?",
                               QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        qtbot.addWidget(question)
        assert {b.text() for b in question.buttons()} == {"&Có", "&Không"}
    finally:
        QApplication.instance().removeTranslator(translator)


def test_qt_strings_leave_every_other_qt_text_alone(qtbot):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QPageSize
    from PySide6.QtWidgets import QApplication

    from reception_desk.ui.qt_strings import install_qt_strings

    translator = install_qt_strings(QApplication.instance())
    try:
        assert QCoreApplication.translate("QPageSize", "A4") == "A4"
        assert QPageSize(QPageSize.PageSizeId.A4).name() == "A4"
    finally:
        QApplication.instance().removeTranslator(translator)
