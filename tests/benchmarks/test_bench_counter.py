"""Counter time of a common visit (issue 16, item 4): a card scanned in serial mode, then the
content, the type, the field, the direction and Ctrl+P (save and print the receipt), all from
the keyboard.

Targets: ≤ 25 keystrokes after the scan; ≤ 100 ms of app time per keystroke (p95), printed
beside a floor from the same run: the same keystrokes into a bare QPlainTextEdit and QComboBox.
App time of a keystroke = its key events delivered + the event loop drained (what the clerk
waits for before the next key shows). The clerk's own pace is not counted; the timers the form
starts (citizen search, repeat look-up, draft autosave) run in the pauses between keys.

Run with: RD_BENCH=1 QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -s -q \
    tests/benchmarks/test_bench_counter.py
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.ui.main_window import MainWindow
from reception_desk.ui.scanner import ScannerChoice
from tests.benchmarks.conftest import p95
from tests.benchmarks.conftest import report
from tests.conftest import sample_draft
from tests.ui.helpers import show_active
from tests.ui.helpers import vietnamese_theme
from tests.ui.scanner_pty import PtyScanner

MAX_KEYSTROKES = 25
KEY_BUDGET_MS = 100.0
#: A clerk's pause between keys (the form's timers run then, as at a real counter).
PACE_MS = 150
CONTENT = "Xin cấp sổ đỏ"
CARD = ("037185001234|163456789|Trần Thị Hồng Nhung|12041985|Nữ|"
        "Thôn 3, Xã Ea Tu, Thành phố Buôn Ma Thuột, Đắk Lắk|03052021")
CTRL = Qt.KeyboardModifier.ControlModifier
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")

#: The keystrokes after the scan: (text, key, modifiers); text keys type their character.
Stroke = tuple[str, Qt.Key, Qt.KeyboardModifier]


def _script() -> list[Stroke]:
    none = Qt.KeyboardModifier.NoModifier
    strokes: list[Stroke] = [(ch, Qt.Key.Key_unknown, none) for ch in CONTENT]
    strokes.append(("", Qt.Key.Key_Tab, none))  # → type
    strokes += [("", Qt.Key.Key_Down, none)] * 3  # kiến nghị
    strokes.append(("", Qt.Key.Key_Tab, none))  # → field
    strokes += [("", Qt.Key.Key_Down, none)] * 2  # Phản ánh, kiến nghị › Đất đai, xây dựng
    strokes += [("", Qt.Key.Key_Tab, none)] * 2  # → within competence → direction
    strokes.append(("", Qt.Key.Key_Down, none))  # the first direction
    strokes.append(("", Qt.Key.Key_P, CTRL))  # save and print the receipt
    return strokes


def _stroke(qtbot, stroke: Stroke) -> float:  # type: ignore[no-untyped-def]
    """Deliver one keystroke to the focused widget; its app time in ms."""
    text, key, modifiers = stroke
    start = time.perf_counter()
    target = QApplication.focusWidget()
    assert target is not None
    if text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, key, modifiers, text))
    else:
        qtbot.keyClick(target, key, modifiers)
    QApplication.processEvents()
    return (time.perf_counter() - start) * 1000


def _floor(qtbot) -> list[float]:  # type: ignore[no-untyped-def]
    """The same keystrokes into bare Qt widgets (a text box, two combo boxes)."""
    host = QWidget()
    qtbot.addWidget(host)
    box = QVBoxLayout(host)
    text = QPlainTextEdit(host)
    text.setTabChangesFocus(True)
    combos = [QComboBox(host), QComboBox(host)]
    for combo in combos:
        combo.addItems([f"Mục {i}" for i in range(12)])
    for widget in (text, *combos):
        box.addWidget(widget)
    show_active(qtbot, host, 1366, 728)
    text.setFocus()
    times = []
    for stroke in _script()[:-1]:  # Ctrl+P has nothing to do there
        times.append(_stroke(qtbot, stroke))
        qtbot.wait(PACE_MS)
    host.close()
    return times


def _visit(qtbot, window: MainWindow, scanner: PtyScanner, card: str,  # type: ignore[no-untyped-def]
           name: str) -> tuple[float, list[float], float, int]:
    """One scripted visit: (scan ms, app ms per keystroke, first key to receipt s, visit id)."""
    form = window.form
    started = time.perf_counter()
    with qtbot.waitSignal(window.scanner.card_scanned, timeout=5000):
        scanner.write(card.encode() + b"\r\n")
    QApplication.processEvents()
    scan_ms = (time.perf_counter() - started) * 1000
    assert form.citizen_name.text() == name
    # The scan brings the window forward and hands the focus over to the content.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.content, timeout=3000)
    times: list[float] = []
    opened: list[int] = []
    form.receipt_opened.connect(opened.append)
    first_key = time.perf_counter()
    for stroke in _script():
        times.append(_stroke(qtbot, stroke))
        if stroke[1] != Qt.Key.Key_P:
            qtbot.wait(PACE_MS)
    to_receipt_s = time.perf_counter() - first_key
    form.receipt_opened.disconnect(opened.append)
    if not opened:
        pytest.fail(f"not saved: {form.banner_text()}")
    for widget in QApplication.topLevelWidgets():
        if widget is not window and widget.isVisible():
            widget.close()  # the receipt preview
    QApplication.processEvents()
    return scan_ms, times, to_receipt_s, opened[0]


def test_counter_time_of_a_common_visit(qtbot, qapp, sqlite_desk, tmp_path):
    vietnamese_theme(qapp)
    desk = sqlite_desk
    for i in range(30):  # a register with some people in it, as at a real counter
        desk.log_visit(sample_draft(desk, citizen_name=f"Công dân số {i}",
                                    id_number=f"0370850{i:05d}"))
    floor = _floor(qtbot)

    scanner = PtyScanner(tmp_path)
    window = MainWindow(desk)
    qtbot.addWidget(window)
    show_active(qtbot, window, 1366, 728)
    window.scanner.configure(ScannerChoice(enabled=True, port=str(scanner.path)))
    window.show_form()
    QApplication.processEvents()
    second = CARD.replace("037185001234", "037185004321").replace("Hồng Nhung", "Thu Hà")
    try:
        runs = [("first visit after start (cold)",
                 _visit(qtbot, window, scanner, CARD, "Trần Thị Hồng Nhung")),
                ("next visit (warm)", _visit(qtbot, window, scanner, second, "Trần Thị Thu Hà"))]
    finally:
        window.scanner.stop()
        scanner.close()

    keystrokes = len(_script())
    print(f"\ncounter time, common visit: scan + {keystrokes} keystrokes "
          f"(target ≤ {MAX_KEYSTROKES}); the clerk's pauses of {PACE_MS} ms are not app time")
    for title, (scan_ms, times, to_receipt_s, visit_id) in runs:
        visit = desk.visit(visit_id)
        assert visit.content == CONTENT
        assert visit.field_code == "pakn.dat_dai"
        assert visit.direction is not None
        print(f"  {title}: first key to receipt shown {to_receipt_s:.2f} s")
        report(f"{title}: card read and form filled (serial scan)", scan_ms)
        report(f"{title}: keystroke app time p95 (Ctrl+P included)", p95(times), p95(floor),
               KEY_BUDGET_MS)
        report(f"{title}: keystroke app time max while typing", max(times[:-1]), max(floor))
        report(f"{title}: Ctrl+P, save + receipt preview shown", times[-1])
        report(f"{title}: app time of all keystrokes", sum(times), sum(floor))
    assert keystrokes <= MAX_KEYSTROKES
    for _title, (_scan, times, _to_receipt, _id) in runs:
        assert p95(times) <= KEY_BUDGET_MS
