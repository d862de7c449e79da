"""Settings → Reports: the recipients and the submission day typed with the keyboard and
saved; a save over another counter's is refused and the next one overwrites."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from reception_desk.i18n import set_language
from reception_desk.services.reports.dto import ReportOptions
from reception_desk.ui.settings import SettingsDialog
from tests.ui.helpers import focused
from tests.ui.helpers import press
from tests.ui.helpers import shot
from tests.ui.helpers import type_text


def test_recipients_and_day_saved_from_the_reports_tab(qtbot, sqlite_desk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    set_language("vi")
    dialog = SettingsDialog(sqlite_desk)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.report_options_tab)
    tab = dialog.report_options_tab
    tab.recipients_edit.setFocus()
    tab.recipients_edit.selectAll()
    type_text(tab.recipients_edit, "Thanh tra tỉnh Ninh Bình")
    qtbot.keyClick(tab.recipients_edit, Qt.Key.Key_Return)
    type_text(tab.recipients_edit, "Lưu: VT")
    press(qtbot, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    assert focused() is tab.day_box
    tab.day_box.selectAll()
    type_text(None, "18")
    assert tab.save()
    assert sqlite_desk.reports.options() == ReportOptions(("Thanh tra tỉnh Ninh Bình", "Lưu: VT"),
                                                          18)
    assert tab.status_label.text()
    dialog.grab().save(shot(tmp_path, "settings-reports.png"))
    # Another counter saves meanwhile: this tab's next save is refused, the one after wins.
    sqlite_desk.reports.save_options(ReportOptions(("Thanh tra tỉnh",), None))
    tab.day_box.setValue(20)
    assert not tab.save() and tab.error_label.text()
    assert tab.save()
    assert sqlite_desk.reports.options().submission_day == 20
