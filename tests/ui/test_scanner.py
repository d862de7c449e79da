"""The card scanner in serial mode: a pseudo-terminal stands in for the scanner (QSerialPort
opens its slave side as it opens /dev/ttyACM0), the cards reach the visit form or the open
citizen search, and the port comes back after an unplug."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from reception_desk.ui.main_window import MainWindow
from reception_desk.ui.scanner import ScannerChoice
from reception_desk.ui.scanner import ScannerState
from reception_desk.ui.scanner import SerialScanner
from reception_desk.ui.settings import SettingsDialog
from tests.ui.helpers import shot
from tests.ui.helpers import show_active
from tests.ui.helpers import vietnamese_theme
from tests.ui.scanner_pty import PtyScanner

QR = ("001090012345|012345678|Trần Thị Hồng Nhung|17051990|Nữ|"
      "Thôn 3, Xã Yên Phú, Huyện Ý Yên, Nam Định|10082021")
PAYLOAD = QR.encode() + b"\r\n"
RETRY_MS = 40


@pytest.fixture(autouse=True)
def vietnamese(qapp):  # type: ignore[no-untyped-def]
    vietnamese_theme(qapp)


@pytest.fixture
def pty_scanner(tmp_path: Path) -> Iterator[PtyScanner]:
    fake = PtyScanner(tmp_path)
    yield fake
    fake.close()


@pytest.fixture
def scanner(qtbot, sqlite_desk, pty_scanner) -> Iterator[SerialScanner]:  # type: ignore[no-untyped-def]
    reader = SerialScanner(sqlite_desk.today, retry_ms=RETRY_MS)
    reader.configure(ScannerChoice(enabled=True, port=str(pty_scanner.path), baud=9600))
    assert reader.state() is ScannerState.CONNECTED, reader.status_text()
    yield reader
    reader.stop()


def test_a_whole_payload_is_one_card_with_its_vietnamese_letters(qtbot, scanner, pty_scanner):
    with qtbot.waitSignal(scanner.card_scanned, timeout=3000) as caught:
        pty_scanner.write(PAYLOAD)
    card = caught.args[0]
    assert card.full_name == "Trần Thị Hồng Nhung"
    assert card.id_number == "001090012345"
    assert card.address == "Thôn 3, Xã Yên Phú, Huyện Ý Yên, Nam Định"


def test_a_payload_split_over_several_reads(qtbot, scanner, pty_scanner):
    cards: list[object] = []
    scanner.card_scanned.connect(cards.append)
    cut = PAYLOAD.index("ầ".encode()) + 1  # inside a two-byte letter
    sent = 0
    for end in (7, cut, len(PAYLOAD) - 2):  # all but the CR LF
        pty_scanner.write(PAYLOAD[sent:end])
        sent = end
        qtbot.waitUntil(lambda held=sent: scanner.pending_bytes() == held, timeout=3000)
        assert cards == []
    with qtbot.waitSignal(scanner.card_scanned, timeout=3000):
        pty_scanner.write(PAYLOAD[sent:])
    assert [c.full_name for c in cards] == ["Trần Thị Hồng Nhung"]  # type: ignore[attr-defined]


def test_garbage_is_a_vietnamese_message_and_the_next_scan_still_reads(
        qtbot, scanner, pty_scanner):
    with qtbot.waitSignal(scanner.scan_rejected, timeout=3000) as caught:
        pty_scanner.write(b"\xff\xfe\x81\x00garbage\r\n")
    assert "UTF-8" in caught.args[0] and "máy quét" in caught.args[0].lower()
    with qtbot.waitSignal(scanner.scan_rejected, timeout=3000) as caught:
        pty_scanner.write(b"\x01\x02\x1b[0m\r\n")  # control characters: a wrong baud rate
    assert "tốc độ" in caught.args[0].lower()
    with qtbot.waitSignal(scanner.scan_rejected, timeout=3000) as caught:
        pty_scanner.write(b"https://dichvucong.gov.vn\r\n")
    assert "CCCD" in caught.args[0]
    with qtbot.waitSignal(scanner.card_scanned, timeout=3000):
        pty_scanner.write(PAYLOAD)
    assert scanner.state() is ScannerState.CONNECTED


def test_unplug_then_replug_reconnects_on_its_own(qtbot, scanner, pty_scanner):
    pty_scanner.write(PAYLOAD[:10])  # half a scan when the cable is pulled
    qtbot.waitUntil(lambda: scanner.pending_bytes() == 10, timeout=3000)
    with qtbot.waitSignal(scanner.status_changed, timeout=3000):
        pty_scanner.unplug()
    assert scanner.state() is ScannerState.WAITING
    assert "thử lại" in scanner.status_text()
    assert scanner.pending_bytes() == 0
    # Still absent: the retries keep failing quietly (no crash, still waiting).
    qtbot.wait(RETRY_MS * 3)
    assert scanner.state() is ScannerState.WAITING
    pty_scanner.replug()
    qtbot.waitUntil(lambda: scanner.state() is ScannerState.CONNECTED, timeout=3000)
    with qtbot.waitSignal(scanner.card_scanned, timeout=3000) as caught:
        pty_scanner.write(PAYLOAD)
    assert caught.args[0].full_name == "Trần Thị Hồng Nhung"


def test_a_missing_port_waits_and_switching_off_stops_trying(qtbot, sqlite_desk, tmp_path):
    reader = SerialScanner(sqlite_desk.today, retry_ms=RETRY_MS)
    reader.configure(ScannerChoice(enabled=True, port=str(tmp_path / "absent"), baud=115200))
    assert reader.state() is ScannerState.WAITING
    reader.configure(ScannerChoice(enabled=False, port=str(tmp_path / "absent")))
    assert reader.state() is ScannerState.OFF
    assert "bàn phím" in reader.status_text()


@pytest.fixture
def window(qtbot, sqlite_desk, pty_scanner):  # type: ignore[no-untyped-def]
    win = MainWindow(sqlite_desk)
    qtbot.addWidget(win)
    win.scanner.configure(ScannerChoice(enabled=True, port=str(pty_scanner.path)))
    show_active(qtbot, win, 1366, 728)
    yield win
    win.scanner.stop()


def test_a_card_goes_to_the_visit_form_whatever_has_the_focus(qtbot, window, pty_scanner):
    assert window.scanner_status.isVisible()
    window.show_logbook()
    QApplication.processEvents()
    assert window.tabs.currentWidget() is not window.form
    with qtbot.waitSignal(window.scanner.card_scanned, timeout=3000):
        pty_scanner.write(PAYLOAD)
    assert window.tabs.currentWidget() is window.form
    form = window.form
    assert form.citizen_name.text() == "Trần Thị Hồng Nhung"
    assert form.id_number.text() == "001090012345"
    assert form.draft().address_detail.startswith("Thôn 3")
    qtbot.waitUntil(lambda: form.content.hasFocus(), timeout=3000)
    assert form.content.toPlainText() == ""  # nothing of the payload was typed anywhere


def test_a_refused_scan_shows_on_the_form(qtbot, window, pty_scanner):
    window.show_form()
    with qtbot.waitSignal(window.scanner.scan_rejected, timeout=3000):
        pty_scanner.write(b"\xc3\x28broken\r\n")
    assert "UTF-8" in window.form.banner_text()
    assert window.form.citizen_name.text() == ""


def test_a_card_goes_to_the_citizen_search_while_it_is_open(qtbot, window, pty_scanner):
    window._on_search_triggered()
    search = window._search
    assert search is not None and search.isVisible()
    with qtbot.waitSignal(window.scanner.card_scanned, timeout=3000):
        pty_scanner.write(PAYLOAD)
    assert search.query.text() == "001090012345"
    assert window.form.citizen_name.text() == ""
    search.hide()


def test_settings_tab_chooses_the_port_and_tests_a_scan(qtbot, window, pty_scanner, tmp_path):
    settings = QSettings(str(tmp_path / "scanner.ini"), QSettings.Format.IniFormat)
    window.scanner.configure(ScannerChoice())
    dialog = SettingsDialog(window.desk, settings, window, scanner=window.scanner)
    qtbot.addWidget(dialog)
    dialog.resize(980, 660)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.scanner_tab)
    tab = dialog.scanner_tab
    assert not tab.port.isEnabled()
    tab.enabled.setChecked(True)
    tab.port.setEditText(str(pty_scanner.path))
    tab.baud.setCurrentIndex(tab.baud.findData(115200))
    tab.apply()
    assert window.scanner.state() is ScannerState.CONNECTED
    assert ScannerChoice.load(settings) == ScannerChoice(True, str(pty_scanner.path), 115200)
    tab.test_button.click()
    assert window.scanner.testing
    with qtbot.waitSignal(window.scanner.card_scanned, timeout=3000):
        pty_scanner.write(PAYLOAD)
    assert "Trần Thị Hồng Nhung" in tab.result.text()
    assert "10/08/2021" in tab.result.text()
    assert window.form.citizen_name.text() == ""  # the test scan went to the tab only
    assert not window.scanner.testing
    QApplication.processEvents()
    dialog.grab().save(shot(tmp_path, "scanner-settings.png"))
    with qtbot.waitSignal(window.scanner.card_scanned, timeout=3000):
        pty_scanner.write(PAYLOAD)  # the test is over: cards go to the form again
    assert window.form.citizen_name.text() == "Trần Thị Hồng Nhung"
    dialog.close()
