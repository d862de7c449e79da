"""The chairperson's view: ranked list with reasons and markers, filter, trend chart, a directive
recorded with the keyboard and acknowledged; 1280×800 screenshots (RD_SCREENSHOTS=DIR collects
them)."""

from __future__ import annotations

import threading
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog

from reception_desk.domain.hotspots import Reason
from reception_desk.i18n import set_language
from reception_desk.ui.hotspots import DirectiveDialog
from reception_desk.ui.hotspots import HotspotPage
from tests.services.hotspot_data import add_case
from tests.services.hotspot_data import add_event
from tests.services.hotspot_data import add_visit
from tests.ui.helpers import shot


def _type(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Vietnamese text one key event per character (keyClicks aborts on non-ASCII)."""
    for ch in text:
        QApplication.sendEvent(widget, QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_unknown,
                                                 Qt.KeyboardModifier.NoModifier, ch))


def _fill(desk) -> dict[str, int]:  # type: ignore[no-untyped-def]
    overdue = add_case(desk, title="Khiếu nại Quyết định thu hồi đất của hộ ông Đức",
                       received_on=date(2026, 5, 4), due_on=date(2026, 11, 20),
                       field_code="kn.hc.dat_dai", criteria=["many_people", "several_bodies"])
    crowd = add_case(desk, title="Phản ánh khói bụi xưởng gỗ thôn Đông",
                     received_on=date(2026, 11, 2), due_on=date(2026, 12, 20))
    add_visit(desk, crowd, date(2026, 11, 24), people=14, delegation=True, incident=True)
    bypass = add_case(desk, title="Tố cáo cán bộ địa chính", received_on=date(2026, 10, 1),
                      due_on=date(2026, 12, 10), case_type="denunciation")
    add_event(desk, bypass, "verify", date(2026, 11, 18), level="province")
    add_case(desk, title="Kiến nghị sửa đường", received_on=date(2026, 11, 20),
             due_on=date(2026, 12, 30))
    return {"overdue": overdue, "crowd": crowd, "bypass": bypass}


def _loaded(qtbot, page: HotspotPage) -> HotspotPage:  # type: ignore[no-untyped-def]
    """Wait for the worker to deliver the list and the trend."""
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=10_000)
    return page


def test_lists_ranks_filters_and_charts(qtbot, sqlite_desk, tmp_path) -> None:  # type: ignore[no-untyped-def]
    set_language("vi")
    ids = _fill(sqlite_desk)
    page = HotspotPage(sqlite_desk)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    model = page.model
    with qtbot.waitSignals([page.week_loaded, page.trend_loaded], timeout=10_000):
        pass
    assert not page.is_busy() and not page.busy_bar.isVisible()
    assert model.rowCount() == 3
    ranked = [model.row_at(i) for i in range(3)]
    # crowd 4 + disorder 5 = 9; overdue 3 + long-running 2 + sensitive 1 + complex 2 = 8
    assert ranked[0].case.id == ids["crowd"] and ranked[0].rank == 1
    assert ranked[1].case.id == ids["overdue"] and ranked[1].score == 8
    assert "Đông người" in model.index(0, 5).data()
    assert "Gây rối" in page.detail.toPlainText()
    assert "▲" in model.index(0, 1).data()  # the crowd came this week
    # Filter by reason.
    page.reason_box.setCurrentIndex(page.reason_box.findData(Reason.BYPASS.value))
    assert model.rowCount() == 1 and model.row_at(0).case.id == ids["bypass"]
    page.reason_box.setCurrentIndex(0)
    assert model.rowCount() == 3
    # Trend: 12 bars, this week's count last.
    assert len(page._trend) == 12 and page._trend[-1].count == 3
    assert page.chart.series()
    assert page.grab().save(shot(tmp_path, "hotspots_page.png"))


def test_directive_recorded_with_keyboard_and_acknowledged(qtbot, sqlite_desk) -> None:  # type: ignore[no-untyped-def]
    set_language("vi")
    ids = _fill(sqlite_desk)
    page = HotspotPage(sqlite_desk)
    qtbot.addWidget(page)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    _loaded(qtbot, page)
    page.table.setFocus()
    page.table.selectRow(0)
    case_id = page.selected_hotspot().case.id
    recorded: list[int] = []
    page.directive_recorded.connect(recorded.append)

    def fill_dialog() -> None:
        dialog = page.findChild(DirectiveDialog)
        assert isinstance(dialog, DirectiveDialog) and dialog.isVisible()
        if QApplication.activeWindow() is not dialog:
            with qtbot.waitActive(dialog):
                dialog.activateWindow()
        _type(dialog.text_edit, "Tổ chức đối thoại với các hộ dân trước ngày 04/12")
        qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Tab)  # to the assignee box
        assert dialog.assignee_box.hasFocus()
        qtbot.keyClick(dialog.assignee_box, Qt.Key.Key_Down)
        qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    QTimer.singleShot(100, fill_dialog)
    qtbot.keyClick(page.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(recorded) == 1
    [d] = sqlite_desk.hotspots.directives()
    assert d.case_id == case_id and d.assignee_staff_id is not None
    assert d.text.startswith("Tổ chức đối thoại")
    assert page.directive_table.rowCount() == 1
    assert "chưa nhận" in page.directive_table.item(0, 4).text().lower()
    acknowledged: list[int] = []
    page.directive_acknowledged.connect(acknowledged.append)
    if QApplication.activeWindow() is not page:
        with qtbot.waitActive(page):
            page.activateWindow()
    page.directive_table.setFocus()
    qtbot.keyClick(page.directive_table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert acknowledged == [d.id]
    assert sqlite_desk.hotspots.directives()[0].acknowledged_at is not None
    assert "đã nhận" in page.directive_table.item(0, 4).text().lower()
    assert ids


def test_directive_problem_shown_in_dialog(qtbot, sqlite_desk) -> None:  # type: ignore[no-untyped-def]
    set_language("vi")
    _fill(sqlite_desk)
    page = _loaded(qtbot, HotspotPage(sqlite_desk))
    qtbot.addWidget(page)
    dialog = page.open_directive_dialog()
    assert dialog is not None
    assert not page.save_directive(dialog, page.selected_hotspot().case.id)  # empty text
    assert dialog.error_label.text()
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_pack_preview_opens(qtbot, sqlite_desk) -> None:  # type: ignore[no-untyped-def]
    _fill(sqlite_desk)
    page = HotspotPage(sqlite_desk)
    qtbot.addWidget(page)
    _loaded(qtbot, page)
    dialog = page.pack_dialog()
    qtbot.addWidget(dialog)
    assert dialog.document.pageCount() >= 1


def test_the_week_is_computed_off_the_ui_thread(qtbot, sqlite_desk, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """DESIGN.md §4: the list (~0.4 s) and the trend (~0.8 s on 1M visits / 200k cases) run in
    a worker; the page shows a busy bar and its event loop keeps running. The small test
    database computes in milliseconds, so the worker is first held by a job of the test's own,
    waiting on an event: the page is seen while its real loads queue behind it, then they run."""
    set_language("vi")
    _fill(sqlite_desk)
    page = _loaded(qtbot, HotspotPage(sqlite_desk))
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    current = str(page.week())
    held, release = threading.Event(), threading.Event()
    workers: list[threading.Thread] = []
    ignored: list[object] = []

    def hold() -> None:
        workers.append(threading.current_thread())
        held.set()
        release.wait(10)

    page._loads.submit(hold, ignored.append)
    try:
        assert held.wait(10)
        page.week_box.setCurrentIndex(1)  # another week: its loads queue behind the held job
        assert str(page.week()) != current
        assert page.is_busy() and page.busy_bar.isVisible()
        assert page.busy_label.text() == "Đang tính các điểm nóng của tuần…"
        assert page.model.rowCount() == 0 and "Đang tính" in page.summary_label.text()
        ticks: list[int] = []
        timer = QTimer(page)
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start(20)
        qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=5000)  # the event loop keeps running
        page.grab().save(shot(tmp_path, "hotspots_page_busy.png"))
        # Back to this week before the worker is free: the older week's loads never run.
        loaded: list[str] = []
        page.week_loaded.connect(loaded.append)
        page.trend_loaded.connect(loaded.append)
        when_listed: list[tuple[bool, str, int]] = []
        page.week_loaded.connect(lambda _week: when_listed.append(
            (page.is_busy(), page.busy_label.text(), page.model.rowCount())))
        page.week_box.setCurrentIndex(0)
    finally:
        release.set()
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=10_000)
    assert loaded == [current, current]
    assert str(page._trend[-1].week) == current
    # When the list is shown the trend is still to come, and the bar says so.
    [(busy, label, rows)] = when_listed
    assert busy and "12 tuần" in label and rows == 3
    assert not page.busy_bar.isVisible()
    assert ignored == []  # the held job's result came after its week was left: dropped
    assert workers and all(t is not threading.main_thread() for t in workers)


def test_pack_is_rendered_in_the_worker_then_previewed(qtbot, sqlite_desk) -> None:  # type: ignore[no-untyped-def]
    _fill(sqlite_desk)
    page = _loaded(qtbot, HotspotPage(sqlite_desk))
    qtbot.addWidget(page)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    page.table.setFocus()
    seen: list[int] = []

    def close_preview() -> None:
        dialog = page.pack_preview
        if dialog is not None and dialog.isVisible():
            seen.append(dialog.document.pageCount())
            dialog.reject()

    closer = QTimer(page)
    closer.timeout.connect(close_preview)
    closer.start(30)
    qtbot.keyClick(page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert page.is_busy() and page.busy_label.isVisible()  # rendering, the page still usable
    assert not page.request_pack()  # one pack at a time
    qtbot.waitUntil(lambda: bool(seen) and not page.is_busy(), timeout=15_000)
    assert seen[0] >= 1 and page.pack_preview is None


def test_hotspot_table_model_passes_the_model_tester(qtbot, qtmodeltester, sqlite_desk
                                                     ) -> None:  # type: ignore[no-untyped-def]
    set_language("vi")
    _fill(sqlite_desk)
    page = _loaded(qtbot, HotspotPage(sqlite_desk))
    qtbot.addWidget(page)
    assert page.model.rowCount() == 3
    qtmodeltester.check(page.model)
