"""The old-logbook import wizard, by keyboard (ui/legacy_import, issue 15): a TT 04/2021 book
recognised with its TCVN3/VNI text converted in the preview; an unknown home-made layout mapped
column by column, checked, its bad row skipped and imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QInputDialog
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func
from sqlalchemy import select

from reception_desk.domain.legacy_layout import LegacyField
from reception_desk.i18n import current_language
from reception_desk.i18n import set_language
from reception_desk.storage.models import Visit
from reception_desk.ui.legacy_import import LegacyImportWizard
from reception_desk.ui.legacy_import.wizard import CONFIRM
from reception_desk.ui.legacy_import.wizard import MAPPING
from reception_desk.ui.legacy_import.wizard import PROGRESS
from reception_desk.ui.legacy_import.wizard import REPORT
from tests.conftest import make_desk
from tests.legacy.files import tt04_book
from tests.legacy.files import unknown_book
from tests.ui.helpers import first_administrator
from tests.ui.helpers import focused
from tests.ui.helpers import press
from tests.ui.helpers import shot
from tests.ui.helpers import type_text

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture(autouse=True)
def _vietnamese():  # type: ignore[no-untyped-def]
    before = current_language()
    set_language("vi")
    yield
    set_language(before)


@pytest.fixture
def desk(sqlite_url):  # type: ignore[no-untyped-def]
    d = make_desk(sqlite_url)
    first_administrator(d.access)
    yield d
    d.close()


def _open(qtbot, desk, path: Path) -> LegacyImportWizard:  # type: ignore[no-untyped-def]
    wizard = LegacyImportWizard(desk)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    assert focused() is wizard.path_edit
    type_text(None, str(path))
    # Next: the sheets are read, then the columns shown.
    alt(qtbot, Qt.Key.Key_T, lambda: wizard.stack.currentIndex() == MAPPING)  # &Tiếp
    return wizard


def alt(qtbot, key: Qt.Key, until) -> None:  # type: ignore[no-untyped-def]
    """A mnemonic (it clicks its button after a short animation), then wait for its effect."""
    press(qtbot, key, ALT)
    qtbot.waitUntil(until, timeout=30_000)


def _visits(desk) -> int:  # type: ignore[no-untyped-def]
    with desk.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Visit)) or 0)


def test_a_standard_book_is_recognised_and_previewed_converted(qtbot, desk, tmp_path: Path):
    wizard = _open(qtbot, desk, tt04_book(tmp_path / "so-2019.xlsx"))
    assert wizard.stack.currentIndex() == MAPPING
    assert [wizard.sheet_combo.itemText(i) for i in range(wizard.sheet_combo.count())] == [
        "Năm 2019", "Ghi chú"]
    assert "Sổ theo TT 04/2021 (12 cột)" in wizard.mapping_page.layout_label.text()
    mapping = wizard.mapping_page.mapping()
    assert mapping[2] is LegacyField.NAME_ADDRESS and mapping[9] is LegacyField.TRANSFER
    preview = wizard.mapping_page.preview
    assert preview.rowCount() == 5
    assert preview.item(0, 3).text() == "Nguyễn Văn An"
    assert preview.item(0, 5).text() == "037085001234"
    assert "đã chuyển từ mã TCVN3" in preview.item(0, 11).text()
    assert "số giấy tờ bị mất số 0 đầu" in preview.item(0, 11).text()
    assert preview.item(2, 6).text() == "Khiếu nại quyết định thu hồi đất"  # VNI
    assert preview.item(4, 3).text() == "TRẦN VĂN CƯỜNG"  # .VnTimeH capitals
    wizard.resize(1280, 760)
    assert wizard.grab().save(shot(tmp_path, "legacy-mapping-tt04.png"))
    # Re-mapping a column is seen at once in the preview: the notes column not imported.
    wizard.mapping_page.set_field(11, None)
    assert LegacyField.NOTES not in wizard.mapping_page.mapping().values()


def test_an_unknown_layout_mapped_checked_and_imported(qtbot, desk, tmp_path: Path):
    wizard = _open(qtbot, desk, unknown_book(tmp_path / "so-tu-ke.xlsx", rows=4, bad=True))
    assert wizard.stack.currentIndex() == MAPPING
    page = wizard.mapping_page
    assert page.mapping() == {}
    assert "Không nhận ra dòng tiêu đề" in page.preview.item(0, 0).text()
    # The first column by keyboard: focus its chooser and pick "Ngày tiếp" with the arrows.
    combo = page.combos[0]
    combo.setFocus()
    target = combo.findData(LegacyField.DATE.value)
    press(qtbot, Qt.Key.Key_Down, times=target)
    assert page.mapping() == {0: LegacyField.DATE}
    for column, f in ((1, LegacyField.NAME), (2, LegacyField.ADDRESS),
                      (3, LegacyField.CONTENT), (4, LegacyField.TYPE)):
        page.set_field(column, f)
    preview = page.preview
    # The home-made heading row is passed over; the rows read as they will be stored.
    assert [preview.item(r, 3).text() for r in (0, 1)] == ["Trần Văn Khải 0",
                                                            "Trần Văn Khải 1"]
    assert preview.item(0, 2).text() == "01/03/2019"
    assert "“30/2/2019” không phải là ngày." in preview.item(4, 11).text()
    assert "Mẫu sổ nhận ra: mẫu khác." in page.layout_label.text()
    wizard.resize(1280, 760)
    assert wizard.grab().save(shot(tmp_path, "legacy-mapping-unknown.png"))

    alt(qtbot, Qt.Key.Key_T, lambda: wizard.run is not None)  # the dry run, in the background
    assert wizard.stack.currentIndex() == REPORT
    assert [(wizard.problems.item(r, 0).text(), wizard.problems.item(r, 1).text())
            for r in range(wizard.problems.rowCount())] == [("6", "A")]
    assert wizard.grab().save(shot(tmp_path, "legacy-report.png"))
    # Refused: a bad row, not skipped (the message box is closed by the keyboard).
    seen: list[str] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            qtbot.keyClick(box, Qt.Key.Key_Escape)
        else:
            QTimer.singleShot(50, close_box)

    QTimer.singleShot(50, close_box)
    press(qtbot, Qt.Key.Key_T, ALT)
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert "Có 1 dòng có lỗi" in seen[0]
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert wizard.stack.currentIndex() == REPORT
    assert wizard.write_rejected(tmp_path / "loai.csv") == 1
    # Fixed here (the file is kept): the row is checked again and has no problem left.
    wizard.problems.setFocus()
    wizard.problems.setCurrentCell(0, 2)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QInputDialog):
            assert dialog.textValue() == "30/2/2019"
            dialog.setTextValue("28/2/2019")
            qtbot.keyClick(dialog, Qt.Key.Key_Return)
        else:
            QTimer.singleShot(50, answer)

    QTimer.singleShot(50, answer)
    alt(qtbot, Qt.Key.Key_S, lambda: wizard.run is not None and not wizard.run.bad_rows)
    assert wizard.problems.rowCount() == 0 and wizard.fixes == {(6, 0): "28/2/2019"}
    assert not wizard.skip_box.isEnabled()
    wizard.activateWindow()  # back from the dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    alt(qtbot, Qt.Key.Key_T, lambda: wizard.stack.currentIndex() == CONFIRM)
    assert "5 lượt tiếp" in wizard.confirm_label.text() and _visits(desk) == 0
    alt(qtbot, Qt.Key.Key_N, lambda: wizard.outcome is not None)  # &Nhập, with progress
    assert wizard.stack.currentIndex() == PROGRESS
    assert wizard.outcome is not None and wizard.outcome.visits_created == 5
    assert _visits(desk) == 5
    assert "Lần nhập số 1" in wizard.progress_label.text()
    # Undone here (asked first, answered by the keyboard): the visits and the registry records
    # only this import made are voided, and the summary counts both.
    assert wizard.undo_button.isVisible()
    assert wizard.grab().save(shot(tmp_path, "legacy-imported.png"))
    questions: list[str] = []

    def yes() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            questions.append(box.text())
            button = box.button(QMessageBox.StandardButton.Yes)  # No is the default
            button.setFocus()
            qtbot.keyClick(button, Qt.Key.Key_Space)
        else:
            QTimer.singleShot(50, yes)

    QTimer.singleShot(50, yes)
    press(qtbot, Qt.Key.Key_H, ALT)  # &Hủy lần nhập này
    qtbot.waitUntil(lambda: wizard.undone is not None, timeout=30_000)
    assert "Hủy lần nhập số 1? 5 lượt tiếp" in questions[0]
    created = wizard.outcome.citizens_created
    assert created > 0 and wizard.undone.citizens_voided == created
    assert wizard.progress_label.text() == (
        f"Đã hủy lần nhập số 1: 5 lượt tiếp và {created} hồ sơ công dân chỉ do lần nhập này "
        "tạo ra được đánh dấu hủy.")
    assert not wizard.undo_button.isVisible()
    assert wizard.grab().save(shot(tmp_path, "legacy-undone.png"))
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    press(qtbot, Qt.Key.Key_Escape)
    assert not wizard.isVisible()
