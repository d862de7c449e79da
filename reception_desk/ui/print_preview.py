"""Print preview over PDF bytes (QtPdf): print through the system dialog, save as PDF.

The PDF shown is exactly the one printed and saved: pages are rendered by ``QPdfDocument`` into
the printer's painter. Keyboard: Ctrl+P print, Ctrl+S save as PDF, Esc close.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from typing import TypeVar

from PySide6.QtCore import QBuffer
from PySide6.QtCore import QByteArray
from PySide6.QtCore import QIODevice
from PySide6.QtCore import QMarginsF
from PySide6.QtCore import QObject
from PySide6.QtCore import QRectF
from PySide6.QtCore import QSize
from PySide6.QtCore import QSizeF
from PySide6.QtCore import Qt
from PySide6.QtCore import QThread
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QPageLayout
from PySide6.QtGui import QPageSize
from PySide6.QtGui import QPainter
from PySide6.QtGui import QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.errors import KnownError
from reception_desk.errors import UserError
from reception_desk.errors import file_error
from reception_desk.services.documents.desk import DocType
from reception_desk.services.documents.desk import Paper
from reception_desk.services.documents.desk import PrintedDocument
from reception_desk.texts import message_for
from reception_desk.ui.changes import announce
from reception_desk.ui.messages_documents import text

if TYPE_CHECKING:
    from reception_desk.services.desk import Desk

# Rendering at the printer's full 600–1200 dpi would build 100+ MB images per page; 300 dpi is
# sharp for text and QR codes on office laser printers.
MAX_PRINT_DPI = 300

D = TypeVar("D", bound=QDialog)


class PrintPreviewDialog(QDialog):
    """Shows a PDF; prints it or saves it. ``render`` re-renders it for another paper."""

    printed = Signal()  # pages were sent to a printer
    saved = Signal(str)  # the PDF was written to this path
    paper_changed = Signal(str)  # Paper value

    def __init__(
        self,
        pdf: bytes,
        *,
        title: str,
        file_name: str = "document.pdf",
        papers: Sequence[Paper] = (),
        paper: Paper | None = None,
        render: Callable[[Paper], bytes] | None = None,
        note: str = "",
        parent: QWidget | None = None,
        rendering: bool = False,
    ) -> None:
        """``rendering``: ``pdf`` is still being made off the UI thread (``show_progress``,
        ``show_first_page``, ``finish_rendering``); printing and saving wait for it."""
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.setWindowTitle(text("preview.title", document=title))
        self.resize(820, 900)
        self._pdf = b""
        self._file_name = file_name
        self._render = render
        # Kept for the dialog's lifetime: a temporary QPrinter crashes print dialogs (STACK.md).
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self._buffer = QBuffer(self)
        self.document = QPdfDocument(self)

        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)

        self.paper_box = QComboBox(self)
        self.paper_box.setObjectName("paperBox")
        for p in papers:
            self.paper_box.addItem(text(f"paper.{p.value}"), p.value)
        if paper is not None and paper in papers:
            self.paper_box.setCurrentIndex(list(papers).index(paper))
        paper_label = QLabel(text("preview.paper"), self)
        paper_label.setBuddy(self.paper_box)
        show_papers = len(papers) > 1 and render is not None
        paper_label.setVisible(show_papers)
        self.paper_box.setVisible(show_papers)
        self.paper_box.currentIndexChanged.connect(self._on_paper_box_changed)

        self.pages_label = QLabel(self)
        self.pages_label.setObjectName("pagesLabel")
        self.note_label = QLabel(note, self)
        self.note_label.setVisible(bool(note))
        self.status_label = QLabel(text("preview.shortcuts"), self)
        self.status_label.setObjectName("statusLabel")

        self.print_button = QPushButton(text("preview.print"), self)
        self.print_button.setDefault(True)
        self.save_button = QPushButton(text("preview.save"), self)
        self.close_button = QPushButton(text("preview.close"), self)
        self.print_button.clicked.connect(self.print_with_dialog)
        self.save_button.clicked.connect(self.save_as_pdf)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_with_dialog)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_as_pdf)

        top = QHBoxLayout()
        top.addWidget(paper_label)
        top.addWidget(self.paper_box)
        top.addWidget(self.pages_label)
        top.addWidget(self.note_label)
        top.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label)
        buttons.addStretch(1)
        for b in (self.print_button, self.save_button, self.close_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.setTabOrder(self.paper_box, self.print_button)
        self.setTabOrder(self.print_button, self.save_button)
        self.setTabOrder(self.save_button, self.close_button)
        self.rendering = False
        self._percent = 0
        self._job: _LogbookJob | None = None
        if rendering:
            self.show_progress(0)
        else:
            self.load(pdf)
        self.print_button.setFocus()

    # --- a document still being rendered --------------------------------------------------
    def show_progress(self, percent: int) -> None:
        """The document is being made: ``percent`` done; printing and saving wait."""
        self.rendering = True
        self._percent = percent
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)
        key = "preview.first_page" if self._pdf else "preview.rendering"
        self.pages_label.setText(text(key, percent=percent))

    def show_first_page(self, pdf: bytes) -> None:
        """The document's first page, shown while the rest is made."""
        self.load(pdf)
        self.show_progress(self._percent)

    def finish_rendering(self, pdf: bytes) -> None:
        """The whole document: shown, and ready to print and save."""
        self.rendering = False
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self.load(pdf)

    def rendering_failed(self, error: Exception) -> None:
        self.rendering = False
        self.pages_label.setText(text("preview.load_failed"))
        self.status_label.setText(message_for(error) if isinstance(error, UserError | KnownError)
                                  else str(error))

    def done(self, result: int) -> None:
        """Closing while the rest renders stops the rendering first."""
        if self._job is not None:
            self._job.stop()
            self._job = None
        super().done(result)

    # --- content ---------------------------------------------------------------------------
    @property
    def pdf(self) -> bytes:
        return self._pdf

    @property
    def page_count(self) -> int:
        return int(self.document.pageCount())

    def load(self, pdf: bytes) -> None:
        """Show ``pdf`` (replacing what was shown)."""
        self._pdf = pdf
        self.document.close()
        if self._buffer.isOpen():
            self._buffer.close()
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        if self.document.status() is QPdfDocument.Status.Error:
            self.pages_label.setText(text("preview.load_failed"))
            return
        self.pages_label.setText(text("preview.pages", count=self.page_count))

    def current_paper(self) -> Paper | None:
        value = self.paper_box.currentData()
        return Paper(value) if value else None

    @Slot(int)
    def _on_paper_box_changed(self, _index: int) -> None:
        paper = self.current_paper()
        if paper is None or self._render is None:
            return
        self.load(self._render(paper))
        self.paper_changed.emit(paper.value)

    # --- printing --------------------------------------------------------------------------
    def _fit_printer(self, printer: QPrinter) -> None:
        """The printer's page = the PDF's page (margins are in the PDF itself)."""
        if self.page_count == 0:
            return
        size = self.document.pagePointSize(0)
        w, h = size.width(), size.height()
        orientation = (QPageLayout.Orientation.Landscape if w > h
                       else QPageLayout.Orientation.Portrait)
        page = QPageSize(QSizeF(min(w, h), max(w, h)), QPageSize.Unit.Point, "",
                         QPageSize.SizeMatchPolicy.FuzzyMatch)
        printer.setFullPage(True)
        printer.setPageLayout(QPageLayout(page, orientation, QMarginsF(0, 0, 0, 0)))

    def print_to(self, printer: QPrinter) -> None:
        """Render every page into ``printer`` (a real printer or a PDF file)."""
        self._fit_printer(printer)
        painter = QPainter()
        if not painter.begin(printer):
            raise KnownError("print.failed")
        try:
            dpi = min(printer.resolution(), MAX_PRINT_DPI)
            for index in range(self.page_count):
                if index:
                    printer.newPage()
                size = self.document.pagePointSize(index)
                pixels = QSize(round(size.width() / 72 * dpi), round(size.height() / 72 * dpi))
                image = self.document.render(index, pixels)
                painter.drawImage(QRectF(painter.viewport()), image)
        finally:
            painter.end()
        self.printed.emit()
        self.status_label.setText(text("preview.printed"))

    @Slot()
    def print_with_dialog(self) -> None:
        """The system print dialog; prints when the user accepts it."""
        if self.rendering:
            return
        self._fit_printer(self.printer)
        dialog = QPrintDialog(self.printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(self.printer)

    @Slot()
    def save_as_pdf(self) -> str:
        """Ask where, then write the PDF bytes as shown; returns the path ("" if cancelled)."""
        if self.rendering:
            return ""
        start = str(Path.home() / self._file_name)
        path, _filter = QFileDialog.getSaveFileName(self, text("preview.save_title"), start,
                                                    text("preview.pdf_filter"))
        if not path:
            return ""
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            Path(path).write_bytes(self._pdf)
        except OSError as exc:  # a full USB stick, a read-only folder: said, not a crash
            self.status_label.setText(message_for(file_error(exc, path, writing=True)))
            return ""
        self.status_label.setText(text("preview.saved", file=path))
        self.saved.emit(path)
        return path


# --- helpers the screens call ------------------------------------------------------------------


def _doc_title(printed: PrintedDocument) -> str:
    doc = printed.document
    return text("doc.numbered", kind=text(f"doc.{doc.doc_type.value}"), number=doc.number_text)


def _file_name(printed: PrintedDocument) -> str:
    doc = printed.document
    stem = {DocType.RECEIPT: "bien-nhan", DocType.REFUSAL: "thong-bao-tu-choi",
            DocType.APPOINTMENT: "phieu-hen", DocType.TRANSFER: "phieu-chuyen-don"}
    copy = "-ban-sao" if printed.is_copy else ""
    return f"{stem[doc.doc_type]}-{doc.number:02d}-{doc.year}{copy}.pdf"


def preview_document(desk: Desk, printed: PrintedDocument,
                     parent: QWidget | None = None) -> PrintPreviewDialog:
    """A preview of an issued document; changing the paper re-renders the same document."""
    doc = printed.document

    def render(paper: Paper) -> bytes:
        return desk.documents.render(doc.id, paper, printed.is_copy).pdf

    return PrintPreviewDialog(
        printed.pdf, title=_doc_title(printed), file_name=_file_name(printed),
        papers=doc.doc_type.papers, paper=printed.paper, render=render,
        note=text("preview.copy_note") if printed.is_copy else "", parent=parent)


def open_window_modal(dialog: D) -> D:
    """Show ``dialog`` window-modally without blocking (never ``exec()``), deleted on close."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def show_document(desk: Desk, printed: PrintedDocument,
                  parent: QWidget | None = None) -> PrintPreviewDialog:
    """The preview of an issued document, shown window-modally (never blocks)."""
    return open_window_modal(preview_document(desk, printed, parent))


def print_visit_receipt(desk: Desk, visit_id: int,
                        parent: QWidget | None = None) -> PrintPreviewDialog:
    """Ctrl+P on the (saved) visit: issue its receipt, or reuse the unchanged one as a copy,
    and open the preview window-modally (never blocks). Raises ``UserError`` (voided visit,
    office not set up) for the caller to show."""
    printed, _changes = announce(desk, desk.documents.issue_receipt(visit_id, Paper.A4))
    return show_document(desk, printed, parent)


class _Stopped(Exception):
    """The preview was closed: the rendering stops at its next progress report."""


class _LogbookJob(QObject):
    """Renders logbook pages on a thread of its own, telling the preview as it goes."""

    progressed = Signal(int)
    first_page = Signal(object)  # bytes
    finished = Signal(object)  # bytes
    failed = Signal(object)  # the error

    def __init__(self, desk: Desk, date_from: date, date_to: date) -> None:
        super().__init__()
        self._desk = desk
        self._range = (date_from, date_to)
        self._stopped = False
        self.thread = QThread()
        self.moveToThread(self.thread)
        self.thread.started.connect(self.run)

    def _progress(self, percent: int) -> None:
        if self._stopped:
            raise _Stopped
        self.progressed.emit(percent)

    @Slot()
    def run(self) -> None:
        try:
            pages = self._desk.documents.logbook(
                *self._range, progress=self._progress, first_page=self.first_page.emit)
        except _Stopped:
            pass
        except (UserError, KnownError, OSError) as exc:
            self.failed.emit(exc)
        else:
            self.finished.emit(pages.pdf)
        finally:
            self.thread.quit()

    def stop(self) -> None:
        """Stop at the next progress report and wait for the thread to end."""
        self._stopped = True
        self.thread.quit()
        self.thread.wait()


def preview_logbook(desk: Desk, date_from: date, date_to: date,
                    parent: QWidget | None = None) -> PrintPreviewDialog:
    """Logbook pages for a date range (landscape A4, layout by the office setting/date).

    The preview opens at once; the pages are rendered off the UI thread, the first page shown
    as soon as it is laid out, the rest with progress (a year's book takes seconds). Printing
    and saving wait for the whole book; an error (no right, a reversed range) is said in the
    preview."""
    name = f"so-tiep-cong-dan-{date_from:%Y%m%d}-{date_to:%Y%m%d}.pdf"
    dialog = PrintPreviewDialog(b"", title=text("doc.logbook"), file_name=name,
                                parent=parent, rendering=True)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    job = _LogbookJob(desk, date_from, date_to)
    job.progressed.connect(dialog.show_progress)
    job.first_page.connect(dialog.show_first_page)
    job.finished.connect(dialog.finish_rendering)
    job.failed.connect(dialog.rendering_failed)
    dialog._job = job
    dialog.show()
    job.thread.start()
    return dialog


def preview_minutes(pdf: bytes, title: str, file_name: str,
                    render: Callable[[Paper], bytes], parent: QWidget) -> PrintPreviewDialog:
    """Minutes for signature (issue 14): A4 or A5, window-modal, never blocking."""
    return open_window_modal(PrintPreviewDialog(
        pdf, title=title, file_name=file_name, papers=(Paper.A4, Paper.A5), paper=Paper.A4,
        render=render, parent=parent))
