"""The old-logbook import wizard: file and sheet → columns mapped, with a live preview →
the dry run's report (every row's problems; fix a cell here, skip the rows, go back and
map again, or cancel) →
confirm → progress with Cancel, then (once something was written) "Undo this import" (Alt+H in
Vietnamese). Keyboard only: every step's controls have mnemonics and the
buttons are Alt+B (back), Alt+N (next), Esc (close).

Nothing is written before "Import" on the confirm step; the import is one undoable unit
(services/legacy). Slow reads and the import run in ``BackgroundJobs``.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QInputDialog
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QProgressBar
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QStackedWidget
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.domain.legacy_layout import column_index
from reception_desk.domain.legacy_values import text_of
from reception_desk.errors import KnownError
from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.services.legacy.dto import DryRun
from reception_desk.services.legacy.dto import ImportOutcome
from reception_desk.services.legacy.dto import UndoOutcome
from reception_desk.texts import legacy as words
from reception_desk.texts import message_for
from reception_desk.ui.background import BackgroundJobs
from reception_desk.ui.changes import announce
from reception_desk.ui.forms import buddy
from reception_desk.ui.forms import form_row
from reception_desk.ui.forms import wrapped_label
from reception_desk.ui.legacy_import.mapping_page import MappingPage

if TYPE_CHECKING:
    from reception_desk.services.desk import Desk

FILE, MAPPING, REPORT, CONFIRM, PROGRESS = range(5)
#: Sheet rows read for the mapping step's preview (the heading can sit a few rows down).
PREVIEW_READ = 40


class _Progress(QObject):
    moved = Signal(int, int)


class LegacyImportWizard(QDialog):
    """File ▸ Import old logbook…"""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle(_("Import an old logbook"))
        self.resize(1000, 680)
        self.jobs = BackgroundJobs(self)
        self.run: DryRun | None = None
        self.preview_run: DryRun | None = None
        self.outcome: ImportOutcome | None = None
        #: The import written here (done, or stopped part way), which "Undo" voids.
        self.batch_id: int | None = None
        self.undone: UndoOutcome | None = None
        self._written = 0
        #: Cells corrected here: (sheet row number, column index) → text (the file is kept).
        self.fixes: dict[tuple[int, int], str] = {}
        self._stop = threading.Event()
        self._progress = _Progress(self)
        self._progress.moved.connect(self._on_progress)

        self.stack = QStackedWidget()
        self.stack.addWidget(self._file_page())
        self.mapping_page = MappingPage()
        self.mapping_page.mapping_changed.connect(self.refresh_preview)
        self.stack.addWidget(self.mapping_page)
        self.stack.addWidget(self._report_page())
        self.stack.addWidget(self._confirm_page())
        self.stack.addWidget(self._progress_page())

        self.step_label = QLabel()
        self.back_button = QPushButton(_("&Back"))
        self.next_button = QPushButton(_("&Next"))
        self.next_button.setDefault(True)
        self.close_button = QPushButton(_("Close"))
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.step_label, 1)
        for b in (self.back_button, self.next_button, self.close_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self._show(FILE)

    # --- pages --------------------------------------------------------------------------------
    def _file_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.addRow(wrapped_label(_(
            "Choose the old logbook (.xlsx, .xls, .ods or .csv). Text typed in TCVN3 or VNI "
            "fonts is converted to Unicode; nothing is written before you confirm.")))
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName(_("Old logbook file"))
        self.path_edit.editingFinished.connect(self.load_sheets)
        browse = QPushButton(_("&Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form.addRow(buddy(_("&File:"), self.path_edit), row)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setAccessibleName(_("Sheet"))
        form_row(form, _("&Sheet:"), self.sheet_combo)
        self.mapping_edit = QLineEdit()
        self.mapping_edit.setAccessibleName(_("Saved column mapping (optional)"))
        form_row(form, _("Saved &mapping (optional):"), self.mapping_edit)
        self.file_problem = wrapped_label()
        form.addRow(self.file_problem)
        return page

    def _report_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.summary_label = wrapped_label()
        layout.addWidget(self.summary_label)
        self.problems = QTableWidget(0, 3)
        self.problems.setHorizontalHeaderLabels([_("Row"), _("Column"), _("Problem")])
        self.problems.horizontalHeader().setStretchLastSection(True)
        self.problems.verticalHeader().setVisible(False)
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(buddy(_("&Rows with problems:"), self.problems))
        layout.addWidget(self.problems, 1)
        self.skip_box = QCheckBox(_("S&kip the rows with problems (the office can correct "
                                    "them in the old book and import them later)"))
        self.link_box = QCheckBox(_("&Link rows to registry records of the same name and "
                                    "address"))
        self.rejected_button = QPushButton(_("&Write the rejected rows to a file…"))
        self.rejected_button.clicked.connect(self._write_rejected)
        self.fix_button = QPushButton(_("&Fix the selected cell…"))
        self.fix_button.clicked.connect(self._fix_selected)
        for w in (self.fix_button, self.skip_box, self.link_box, self.rejected_button):
            layout.addWidget(w)
        return page

    def _confirm_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.confirm_label = wrapped_label()
        layout.addWidget(self.confirm_label)
        layout.addStretch(1)
        return page

    def _progress_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.progress_label = QLabel(_("Importing…"))
        self.progress_bar = QProgressBar()
        self.cancel_button = QPushButton(_("&Stop the import"))
        self.cancel_button.clicked.connect(self._stop.set)
        self.undo_button = QPushButton(_("&Undo this import"))
        self.undo_button.clicked.connect(self.undo_import)
        self.undo_button.hide()
        for w in (self.progress_label, self.progress_bar, self.cancel_button, self.undo_button):
            layout.addWidget(w)
        layout.addStretch(1)
        return page

    # --- navigation ---------------------------------------------------------------------------
    def _show(self, step: int) -> None:
        self.stack.setCurrentIndex(step)
        names = [_("1. File"), _("2. Columns"), _("3. Check"), _("4. Confirm"), _("5. Import")]
        self.step_label.setText(names[step])
        self.back_button.setEnabled(step in (MAPPING, REPORT, CONFIRM))
        self.next_button.setEnabled(step != PROGRESS)
        self.next_button.setText(_("&Import") if step == CONFIRM else _("&Next"))
        if step == MAPPING and self.mapping_page.combos:
            self.mapping_page.columns.setFocus()
        elif step == FILE:
            self.path_edit.setFocus()

    @Slot()
    def go_back(self) -> None:
        self._show(max(FILE, self.stack.currentIndex() - 1))

    @Slot()
    def go_next(self) -> None:
        step = self.stack.currentIndex()
        if step == FILE:
            self.start_mapping()
        elif step == MAPPING:
            self.start_dry_run()
        elif step == REPORT:
            self._confirm()
        elif step == CONFIRM:
            self.start_import()

    def _path(self) -> Path:
        return Path(self.path_edit.text().strip())

    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import an old logbook"), "",
            _("Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv)"))
        if path:
            self.path_edit.setText(path)
            self.load_sheets()

    @Slot()
    def load_sheets(self) -> None:
        self.sheet_combo.clear()
        self.file_problem.clear()
        if not self.path_edit.text().strip():
            return
        try:
            self.sheet_combo.addItems(self.desk.legacy.sheets(self._path()))
        except (UserError, KnownError) as error:
            self.file_problem.setText(message_for(error))

    def _error(self, error: Exception) -> None:
        if isinstance(error, UserError | KnownError):
            QMessageBox.warning(self, _("Import an old logbook"), message_for(error))
            return
        raise error

    # --- mapping and preview ------------------------------------------------------------------
    def start_mapping(self) -> None:
        self.fixes.clear()
        if self.sheet_combo.count() == 0:
            self.load_sheets()
            if self.sheet_combo.count() == 0:
                return
        saved = None
        if self.mapping_edit.text().strip():
            try:
                saved = self.desk.legacy.load_mapping(Path(self.mapping_edit.text().strip()))
            except (UserError, KnownError) as error:
                self.file_problem.setText(message_for(error))
                return
        run, problem = self._read_preview(saved)
        if run is None and saved is None:
            # No heading recognised: every column is shown unmapped, for the clerk to map.
            headings = self._first_row_texts()
            self.mapping_page.show_columns(headings, {}, problem)
            self.mapping_page.show_preview(None, problem)
        else:
            assert run is not None
            headings = (run.header.headings if run.header is not None
                        else self._first_row_texts())
            self.mapping_page.show_columns(headings, run.mapping, self._layout_text(run))
            self.mapping_page.show_preview(run, problem)
        self._show(MAPPING)

    def _first_row_texts(self) -> list[str]:
        return self.desk.legacy.first_row(self._path(), self.sheet_combo.currentText())

    def _read_preview(self, mapping: Any) -> tuple[DryRun | None, str]:
        try:
            run = self.desk.legacy.dry_run(self._path(), self.sheet_combo.currentText(),
                                           mapping, limit=PREVIEW_READ)
        except (UserError, KnownError) as error:
            return None, message_for(error)
        self.preview_run = run
        return run, ""

    @Slot()
    def refresh_preview(self) -> None:
        run, problem = self._read_preview(self.mapping_page.mapping() or None)
        self.mapping_page.show_preview(run, problem)
        self.mapping_page.layout_label.setText(problem or self._layout_text(run))

    @staticmethod
    def _layout_text(run: DryRun | None) -> str:
        if run is None:
            return ""
        return _("Recognised layout: {layout}.").format(layout=words.layout_name(run.layout))

    # --- dry run --------------------------------------------------------------------------------
    def start_dry_run(self) -> None:
        mapping = self.mapping_page.mapping()
        path, sheet = self._path(), self.sheet_combo.currentText()
        fixes = dict(self.fixes)
        self.run = None
        self.next_button.setEnabled(False)
        self.summary_label.setText(_("Reading every row…"))
        self._show(REPORT)
        self.next_button.setEnabled(False)
        self.jobs.submit(lambda: self.desk.legacy.dry_run(path, sheet, mapping, fixes=fixes),
                         self._dry_run_done, self._dry_run_failed)

    def _dry_run_failed(self, error: Exception) -> None:
        self._show(MAPPING)
        self._error(error)

    def _dry_run_done(self, run: object) -> None:
        assert isinstance(run, DryRun)
        self.run = run
        lines = [(r.row, p) for r in run.bad_rows for p in r.problems]
        self.problems.setRowCount(len(lines))
        for i, (row, p) in enumerate(lines):
            for c, text in enumerate((str(row), p.field or "", words.describe(p))):
                self.problems.setItem(i, c, QTableWidgetItem(text))
        matched = [m.how for m in run.matches.values()]
        text = _("{rows} rows read, {bad} with problems. The import would create {visits} "
                 "visits and {citizens} registry records; {by_id} rows match a record by ID "
                 "number, {by_name} by name and address (to confirm).").format(
            rows=len(run.rows), bad=len(run.bad_rows), visits=len(run.good_rows),
            citizens=run.citizens_new, by_id=matched.count("id"),
            by_name=matched.count("name"))
        if run.imported_before:
            text += " " + _("This file was imported before (import no. {batches}).").format(
                batches=", ".join(str(b) for b in run.imported_before))
        self.summary_label.setText(text)
        has_bad = bool(run.bad_rows)
        self.fix_button.setEnabled(has_bad)
        self.skip_box.setEnabled(has_bad)
        self.rejected_button.setEnabled(has_bad)
        self.link_box.setEnabled(matched.count("name") > 0)
        self.next_button.setEnabled(True)
        self.problems.setFocus()

    def _fix_selected(self) -> None:
        """Correct the cell of the selected problem line, then check again."""
        line = self.problems.currentRow()
        if self.run is None or line < 0:
            return
        row = int(self.problems.item(line, 0).text())
        letter = self.problems.item(line, 1).text()
        if not letter:
            return
        col = column_index(letter)
        cells = self.run.originals.get(row, [])
        current = self.fixes.get((row, col), text_of(cells[col]) if col < len(cells) else "")
        value, ok = QInputDialog.getText(
            self, _("Fix a cell"), _("Row {row}, column {column}:").format(row=row,
                                                                         column=letter),
            text=current)
        if ok:
            self.fix_cell(row, col, value)

    def fix_cell(self, row: int, col: int, value: str) -> None:
        """Read ``value`` for the cell (sheet row number, column index) and check again."""
        self.fixes[(row, col)] = value
        self.start_dry_run()

    def _write_rejected(self) -> None:
        if self.run is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Write the rejected rows"), "", _("Spreadsheets (*.xlsx *.csv)"))
        if path:
            self.write_rejected(Path(path))

    def write_rejected(self, path: Path) -> int:
        assert self.run is not None
        try:
            return self.desk.legacy.write_rejected(path, self.run, words.describe,
                                                   words.rejected_heading())
        except (UserError, KnownError) as error:
            self._error(error)
            return 0

    # --- confirm and import -------------------------------------------------------------------
    def _confirm(self) -> None:
        run = self.run
        if run is None:
            return
        if run.bad_rows and not self.skip_box.isChecked():
            QMessageBox.warning(self, _("Import an old logbook"), message_for(
                UserError("legacy.rows_have_problems", count=len(run.bad_rows))))
            return
        self.confirm_label.setText(_(
            "{visits} visits from “{file}” (sheet “{sheet}”) will be written as one import, "
            "keeping the old book's numbers apart from this year's STT; {skipped} rows are "
            "skipped. The whole import can be undone later.").format(
            visits=len(run.good_rows), file=run.file_name, sheet=run.sheet,
            skipped=len(run.bad_rows)))
        self._show(CONFIRM)

    def start_import(self) -> None:
        run = self.run
        assert run is not None
        self._stop.clear()
        self._show(PROGRESS)
        self.progress_bar.setRange(0, max(1, len(run.good_rows)))
        skip, link = self.skip_box.isChecked(), self.link_box.isChecked()
        moved = self._progress.moved.emit
        self.jobs.submit(
            lambda: self.desk.legacy.import_rows(run, confirm_names=link, skip_bad_rows=skip,
                                                 progress=moved, cancelled=self._stop.is_set),
            self._import_done, self._import_failed)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(1, total))
        self.progress_bar.setValue(done)

    def _import_done(self, result: object) -> None:
        outcome, _changes = announce(self.desk, result)  # type: ignore[misc]
        self.outcome = outcome
        self.cancel_button.setEnabled(False)
        self.progress_label.setText(_(
            "Import no. {batch}: {visits} visits written, {citizens} registry records "
            "created, {linked} linked, {skipped} rows skipped. Undo it with "
            "“import-logbook --undo {batch}”.").format(
            batch=outcome.batch_id, visits=outcome.visits_created,
            citizens=outcome.citizens_created, linked=outcome.citizens_linked,
            skipped=outcome.rows_skipped))
        self._offer_undo(outcome.batch_id, outcome.visits_created)
        self.close_button.setFocus()

    def _import_failed(self, error: Exception) -> None:
        self.cancel_button.setEnabled(False)
        if isinstance(error, UserError | KnownError):
            self.progress_label.setText(message_for(error))
            if isinstance(error, KnownError) and error.code == "legacy.cancelled":
                self._offer_undo(int(error.params["batch"]), int(error.params["written"]))
            return
        raise error

    def _offer_undo(self, batch_id: int, visits: int) -> None:
        self.batch_id, self._written = batch_id, visits
        self.undo_button.show()
        self.undo_button.setEnabled(True)

    @Slot()
    def undo_import(self) -> None:
        """Void what this import wrote (asked first): its visits and the registry records only
        it made."""
        batch = self.batch_id
        if batch is None:
            return
        if QMessageBox.question(
                self, _("Import an old logbook"), words.undo_question(batch, self._written),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return
        self.undo_button.setEnabled(False)
        self.jobs.submit(lambda: self.desk.legacy.undo(batch), self._undo_done,
                         self._undo_failed)

    def _undo_done(self, result: object) -> None:
        undone, _changes = announce(self.desk, result)  # type: ignore[misc]
        self.undone = undone
        self.undo_button.hide()
        self.progress_label.setText(words.undone_line(
            undone.batch_id, undone.visits_voided, undone.citizens_voided))
        self.close_button.setFocus()

    def _undo_failed(self, error: Exception) -> None:
        if isinstance(error, UserError | KnownError):
            self.progress_label.setText(message_for(error))
            return
        raise error

    def done(self, result: int) -> None:
        self._stop.set()
        self.jobs.cancel()
        self.jobs.wait()
        super().done(result)
