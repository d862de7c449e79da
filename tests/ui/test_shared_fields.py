"""The day-and-time and one-item-a-line fields the sessions, dialogue and document dialogs share
(ui.datetime_row, ui.participants)."""

from __future__ import annotations

from datetime import UTC
from datetime import date
from datetime import datetime

from PySide6.QtCore import QDate
from PySide6.QtCore import QDateTime
from PySide6.QtCore import QTime

from reception_desk.config import OFFICE_TZ
from reception_desk.domain.dialogues import Participant
from reception_desk.domain.dialogues import ParticipantRole
from reception_desk.ui.datetime_row import from_minutes
from reception_desk.ui.datetime_row import from_qdate
from reception_desk.ui.datetime_row import office_moment
from reception_desk.ui.datetime_row import time_edit
from reception_desk.ui.datetime_row import to_minutes
from reception_desk.ui.datetime_row import to_qdate
from reception_desk.ui.datetime_row import to_qdatetime
from reception_desk.ui.participants import LinesEdit
from reception_desk.ui.participants import people


def test_a_moment_shows_as_the_office_wall_clock_and_reads_back_aware(qtbot):
    # 01:30 UTC is 08:30 in Hà Nội (UTC+7, no daylight saving)
    shown = to_qdatetime(datetime(2026, 11, 27, 1, 30, 45, tzinfo=UTC))
    assert shown == QDateTime(QDate(2026, 11, 27), QTime(8, 30))
    back = office_moment(shown)
    assert back == datetime(2026, 11, 27, 8, 30, tzinfo=OFFICE_TZ)
    assert back.tzinfo is OFFICE_TZ


def test_days_and_session_hours_round_trip(qtbot):
    assert to_qdate(date(2026, 2, 28)) == QDate(2026, 2, 28)
    assert from_qdate(QDate(2026, 12, 31)) == date(2026, 12, 31)
    assert to_minutes(QTime(7, 30)) == 450
    assert from_minutes(690) == QTime(11, 30)
    assert from_minutes(24 * 60) == QTime(23, 0)  # the day's end stays a time of that day
    edit = time_edit()
    qtbot.addWidget(edit)
    edit.setTime(from_minutes(450))
    assert edit.displayFormat() == "HH:mm" and edit.text() == "07:30"


def test_lines_edit_gives_trimmed_non_empty_lines_and_tab_moves_on(qtbot):
    edit = LinesEdit("  Công an xã \n\n   \nHội Nông dân")
    qtbot.addWidget(edit)
    assert edit.tabChangesFocus()
    assert edit.lines() == ["Công an xã", "Hội Nông dân"]
    edit.set_lines(["Mặt trận", "Đoàn thanh niên"])
    assert edit.toPlainText() == "Mặt trận\nĐoàn thanh niên"


def test_people_read_name_and_title_a_line(qtbot):
    assert people(ParticipantRole.BODY, ["Lê Văn Chủ, Chủ tịch UBND xã", "Ngô Thị Ghi",
                                         "", " , no name"]) == [
        Participant(ParticipantRole.BODY, "Lê Văn Chủ", "Chủ tịch UBND xã"),
        Participant(ParticipantRole.BODY, "Ngô Thị Ghi", "")]
