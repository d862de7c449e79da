"""Print preview (QtPdf) and the verification dialog, offscreen; no modal exec() anywhere."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QFileDialog

import tests.printing.rd_pdf_probe as probe
from reception_desk.i18n import set_language
from reception_desk.services.documents.desk import Paper
from reception_desk.ui.print_preview import PrintPreviewDialog
from reception_desk.ui.print_preview import preview_logbook
from reception_desk.ui.print_preview import print_visit_receipt
from reception_desk.ui.verify_dialog import VerifyDialog
from tests.conftest import sample_draft


@pytest.fixture(autouse=True)
def _vietnamese():  # type: ignore[no-untyped-def]
    set_language("vi")
    yield
    set_language("en")


@pytest.fixture
def visit_id(sqlite_desk) -> int:  # type: ignore[no-untyped-def]
    visit, _ = sqlite_desk.log_visit(sample_draft(sqlite_desk))
    return int(visit.id)


def test_receipt_preview_loads_the_pdf_and_shows_the_page_count(qtbot, sqlite_desk, visit_id):
    dialog = print_visit_receipt(sqlite_desk, visit_id)
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    assert dialog.page_count == 1
    assert dialog.pages_label.text() == "Số trang: 1"
    assert "01/BN-UBND" in dialog.windowTitle()
    assert dialog.document.getAllText(0).text().count("Nguyễn Văn Đức") >= 1
    assert [dialog.paper_box.itemData(i) for i in range(dialog.paper_box.count())] == [
        "a4", "a5", "thermal_80mm"]
    assert dialog.paper_box.isVisible()


def test_changing_the_paper_rerenders_the_same_document(qtbot, sqlite_desk, visit_id):
    dialog = print_visit_receipt(sqlite_desk, visit_id)
    qtbot.addWidget(dialog)
    seen: list[str] = []
    dialog.paper_changed.connect(seen.append)
    dialog.paper_box.setCurrentIndex(2)
    assert seen == ["thermal_80mm"]
    (width, _h), = probe.page_sizes(dialog.pdf)
    assert width == pytest.approx(80 * probe.MM, abs=0.5)
    assert probe.has(dialog.pdf, "Số: 01/BN-UBND")  # same number, nothing new issued
    assert [d.number for d in sqlite_desk.documents.for_visit(visit_id)] == [1]


def test_second_ctrl_p_on_an_unchanged_visit_shows_the_copy(qtbot, sqlite_desk, visit_id):
    first = print_visit_receipt(sqlite_desk, visit_id)
    qtbot.addWidget(first)
    second = print_visit_receipt(sqlite_desk, visit_id)
    qtbot.addWidget(second)
    assert second.note_label.isVisibleTo(second)
    assert probe.has(second.pdf, "BẢN SAO") and not probe.has(first.pdf, "BẢN SAO")


def test_save_as_pdf_writes_the_bytes(qtbot, sqlite_desk, visit_id, tmp_path, monkeypatch):
    dialog = print_visit_receipt(sqlite_desk, visit_id)
    qtbot.addWidget(dialog)
    target = tmp_path / "bien-nhan"
    asked: list[str] = []

    def fake_save(parent, caption, start, filters):  # type: ignore[no-untyped-def]
        asked.append(start)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    with qtbot.waitSignal(dialog.saved) as blocker:
        QApplication.sendEvent(dialog, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_S,
                                                 Qt.KeyboardModifier.ControlModifier))
        if not asked:  # shortcuts need an active window; offscreen may not give one
            dialog.save_as_pdf()
    assert blocker.args == [str(target) + ".pdf"]
    assert (tmp_path / "bien-nhan.pdf").read_bytes() == dialog.pdf
    assert asked[0].endswith("bien-nhan-01-2026.pdf")


def test_cancelled_save_writes_nothing(qtbot, sqlite_desk, visit_id, monkeypatch):
    dialog = print_visit_receipt(sqlite_desk, visit_id)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a: ("", "")))
    assert dialog.save_as_pdf() == ""


def test_printing_to_a_pdf_file_printer_produces_the_pages(qtbot, sqlite_desk, visit_id,
                                                           tmp_path):
    dialog = print_visit_receipt(sqlite_desk, visit_id)
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    with qtbot.waitSignal(dialog.printed):
        dialog.print_to(printer)
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert probe.page_sizes(data) == [pytest.approx((595.3, 841.9), abs=1.5)]
    assert len(probe.qr_codes(data, dpi=300)) == 1  # the QR survives the raster at 300 dpi


def test_logbook_preview_is_landscape_and_prints_landscape(qtbot, sqlite_desk, visit_id,
                                                           tmp_path):
    day = sqlite_desk.visit(visit_id).reception_date
    dialog = preview_logbook(sqlite_desk, day, day)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.rendering, timeout=30_000)
    assert dialog.page_count == 1 and not dialog.paper_box.isVisibleTo(dialog)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "logbook.pdf"))
    dialog.print_to(printer)
    (w, h), = probe.page_sizes((tmp_path / "logbook.pdf").read_bytes())
    assert w > h


def test_escape_closes_the_preview(qtbot):
    from datetime import datetime

    from reception_desk.printing.dto import OfficeHeader
    from reception_desk.printing.dto import ReceiptData
    from reception_desk.printing.receipt import render_receipt

    pdf = render_receipt(ReceiptData(
        office=OfficeHeader(body_name="ỦY BAN NHÂN DÂN\nXÃ YÊN PHÚ", place_name="Yên Phú"),
        issued_at=datetime(2026, 2, 5, 9, 30), place="Trụ sở", receiver_name="A",
        receiver_position="B", provider_name="C", address="D", documents=()), Paper.A4)
    dialog = PrintPreviewDialog(pdf, title="x")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def test_verify_dialog_genuine_and_not_found(qtbot, sqlite_desk, visit_id):
    printed, _ = sqlite_desk.documents.issue_receipt(visit_id)
    dialog = VerifyDialog(sqlite_desk)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.code_edit, printed.document.display_code.lower())  # ASCII only
    with qtbot.waitSignal(dialog.verified) as blocker:
        qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Return)
    assert blocker.args[0].genuine
    assert "01/BN-UBND" in dialog.verdict.text()
    assert "Nguyễn Văn Đức" in dialog.details.text()
    assert dialog.check("ZZZZZ-ZZZZZ").genuine is False
    assert "color:#b71c1c" in dialog.verdict.text() and dialog.details.text() == ""
    assert dialog.check(printed.document.qr_payload).genuine  # a scanner's text
    assert dialog.check("   ") is None


def test_save_into_a_missing_folder_is_said_not_crashed(qtbot, sqlite_desk, visit_id, tmp_path,
                                                        monkeypatch):
    dialog = print_visit_receipt(sqlite_desk, visit_id)
    qtbot.addWidget(dialog)
    target = tmp_path / "no-such-folder" / "bien-nhan.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a: (str(target), "")))
    assert dialog.save_as_pdf() == ""
    assert "không tồn tại" in dialog.status_label.text() or "does not exist" in \
        dialog.status_label.text()
    assert not target.exists()


def test_logbook_preview_shows_the_first_page_while_the_rest_renders(qtbot, sqlite_desk,
                                                                      monkeypatch):
    """Issue 17: the preview opens at once, the book renders off the UI thread with progress,
    the first page shows before the rest, printing waits, and the book is the service's."""
    from datetime import timedelta

    from reception_desk.ui.print_preview import PrintPreviewDialog

    for i in range(40):
        sqlite_desk.log_visit(sample_draft(
            sqlite_desk, citizen_name=f"Nguyễn Văn Thử {i}",
            received_at=sqlite_desk.now() - timedelta(minutes=60 - i),
            content="Khiếu nại việc thu hồi đất nông nghiệp không bồi thường. " * 6))
    day = sqlite_desk.today()
    seen: list[str] = []
    for name in ("show_first_page", "finish_rendering", "show_progress"):
        original = getattr(PrintPreviewDialog, name)

        def spy(self, value, _original=original, _name=name):  # type: ignore[no-untyped-def]
            seen.append(_name)
            return _original(self, value)

        monkeypatch.setattr(PrintPreviewDialog, name, spy)
    dialog = preview_logbook(sqlite_desk, day, day)
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and not dialog.print_button.isEnabled()
    assert dialog.save_as_pdf() == ""  # saving waits for the whole book
    qtbot.waitUntil(lambda: not dialog.rendering, timeout=60_000)
    assert seen.index("show_first_page") < seen.index("finish_rendering")
    assert "show_progress" in seen[seen.index("show_first_page"):]
    assert dialog.print_button.isEnabled() and dialog.page_count > 1
    assert dialog.pdf == sqlite_desk.documents.logbook(day, day).pdf


def test_closing_the_logbook_preview_while_it_renders_stops_the_rendering(qtbot, sqlite_desk):
    from datetime import timedelta

    for i in range(30):
        sqlite_desk.log_visit(sample_draft(
            sqlite_desk, citizen_name=f"Lê Văn Thử {i}",
            received_at=sqlite_desk.now() - timedelta(minutes=40 - i)))
    day = sqlite_desk.today()
    dialog = preview_logbook(sqlite_desk, day, day)
    job = dialog._job
    assert job is not None
    dialog.close()
    assert job.thread.isFinished()
