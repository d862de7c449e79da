"""The attachments section of the visit form and the case page: the scanned đơn and the
documents received, stored in the database (``desk.attachments``).

Keyboard first: Ctrl+Shift+A adds a file (a file dialog), Ctrl+Shift+N attaches the newest file
of the office's scanner folder, Enter on a scanner file attaches it; in the list, Enter opens
the file with the system's viewer and Delete voids it (with a reason). A denunciation's file is
listed with its name withheld to a user who may not open it; one who may (the chairperson, a
vice-chair) gives a reason first, logged like any reveal of a denouncer's identity.

On a new visit the files chosen are kept with the form and attached when the visit is saved
(``attach_pending``); on a saved visit or a case they are attached at once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtCore import QFileSystemWatcher
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import QUrl
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QBrush
from PySide6.QtGui import QColor
from PySide6.QtGui import QDesktopServices
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QInputDialog
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.config import OFFICE_TZ
from reception_desk.errors import KnownError
from reception_desk.errors import UserError
from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.services.attachments.dto import AttachmentDTO
from reception_desk.services.attachments.dto import ScanFile
from reception_desk.services.desk import Desk
from reception_desk.texts import message_for
from reception_desk.texts import size_text
from reception_desk.ui.changes import announce
from reception_desk.ui.forms import error_label
from reception_desk.ui.forms import read_only_rows
from reception_desk.ui.forms import show_error

ADD_KEY = "Ctrl+Shift+A"
SCAN_KEY = "Ctrl+Shift+N"
_GREY = QColor("#777777")


def open_with_system(path: Path) -> None:
    """Hand the written file to the system's viewer (PDF reader, image viewer)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _local(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(OFFICE_TZ).strftime("%H:%M %d/%m/%Y")


class AttachmentsPanel(QGroupBox):
    """The files of one visit (or case), the scanner folder's newest files, and the keys.

    Signals: ``changed()`` after a file was attached or voided; ``pending_changed()`` when the
    files kept for a visit not saved yet change (the form's draft autosave keeps their paths).
    """

    changed = Signal()
    pending_changed = Signal()

    COLUMNS = (N_("File"), N_("Size"), N_("Added"), N_("By"), N_("State"))

    def __init__(self, desk: Desk, shortcut_parent: QWidget | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(_("Attachments (scanned đơn, documents received)"), parent)
        self._desk = desk
        self._visit_id: int | None = None
        self._case_id: int | None = None
        self._pending: list[Path] = []
        self._items: list[AttachmentDTO] = []
        self._scans: list[ScanFile] = []
        #: How an opened file is shown (tests keep the paths instead of starting a viewer).
        self.opener: Callable[[Path], None] = open_with_system
        self.file_dialog: QFileDialog | None = None
        self.reason_dialog: QInputDialog | None = None
        # The scanner list follows the folder: a new scan shows up without a key press.
        self._watcher = QFileSystemWatcher(self)
        self._watched = ""
        self._watch_timer = QTimer(self)
        self._watch_timer.setSingleShot(True)
        self._watch_timer.setInterval(300)  # a scanner writes in bursts: list once it is done
        self._watcher.directoryChanged.connect(self._on_watcher_directory_changed)
        self._watch_timer.timeout.connect(self._fill_scans)
        self._build(shortcut_parent or self)
        self.show_record(None)

    # --- construction ----------------------------------------------------------------------
    def _build(self, shortcut_parent: QWidget) -> None:
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        read_only_rows(self.table, [_(c) for c in self.COLUMNS], (280, 80, 120, 220))
        self.table.setAccessibleName(_("Attached files"))
        self.table.setMinimumHeight(90)
        self.table.setMaximumHeight(170)
        self.table.setTabKeyNavigation(False)
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(self.open_selected)
        layout.addWidget(self.table)

        self.scan_label = QLabel(self)
        self.scans = QListWidget(self)
        self.scans.setAccessibleName(_("Newest files in the scanner folder"))
        self.scans.setMaximumHeight(90)
        self.scans.installEventFilter(self)
        self.scans.itemActivated.connect(self._on_scans_item_activated)
        layout.addWidget(self.scan_label)
        layout.addWidget(self.scans)

        buttons = QHBoxLayout()
        self.add_button = QPushButton(_("Add file… ({key})").format(key=ADD_KEY), self)
        self.scan_button = QPushButton(_("Attach newest scan ({key})").format(key=SCAN_KEY),
                                       self)
        self.open_button = QPushButton(_("Open (Enter)"), self)
        self.void_button = QPushButton(_("Void… (Del)"), self)
        for button in (self.add_button, self.scan_button, self.open_button, self.void_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setEnabled(False)
        layout.addWidget(self.note)
        self.error_label = error_label(self)
        layout.addWidget(self.error_label)

        self.add_button.clicked.connect(self.choose_file)
        self.scan_button.clicked.connect(self.attach_newest_scan)
        self.open_button.clicked.connect(self.open_selected)
        self.void_button.clicked.connect(self.void_selected)
        for keys, slot in ((ADD_KEY, self.choose_file), (SCAN_KEY, self.attach_newest_scan)):
            shortcut = QShortcut(QKeySequence(keys), shortcut_parent)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # --- which record ----------------------------------------------------------------------
    @property
    def visit_id(self) -> int | None:
        return self._visit_id

    @property
    def pending(self) -> list[Path]:
        """Files chosen for a visit not saved yet (attached by ``attach_pending``)."""
        return list(self._pending)

    @property
    def items(self) -> list[AttachmentDTO]:
        return list(self._items)

    def show_record(self, visit_id: int | None = None, case_id: int | None = None) -> None:
        """Show a saved visit's (or a case's) files; neither: a new visit (files wait for the
        save). Files waiting for a new visit are dropped when another record is shown."""
        self._visit_id, self._case_id = visit_id, case_id
        self._pending = []
        show_error(self.error_label, "")
        self.refresh()

    def refresh(self) -> None:
        """Read the record's files and the scanner folder again."""
        self._items = []
        if self._visit_id is not None or self._case_id is not None:
            try:
                self._items = (self._desk.attachments.for_visit(self._visit_id)
                               if self._visit_id is not None
                               else self._desk.attachments.for_case(self._case_id or 0))
            except (UserError, KnownError) as exc:
                show_error(self.error_label, message_for(exc))
        self._fill_table()
        self._fill_scans()
        saved = self._visit_id is not None or self._case_id is not None
        self.note.setText("" if saved else _(
            "Files added now are attached when the visit is saved."))
        self.note.setVisible(not saved)

    def _fill_table(self) -> None:
        rows: list[tuple[list[str], bool, str]] = []
        for item in self._items:
            state = _("In force")
            if item.voided:
                state = _("Voided: {reason}").format(reason=item.void_reason)
            elif item.confidential and not item.can_open:
                state = _("Confidential (denunciation)")
            elif item.confidential:
                state = _("Confidential: opening is logged")
            rows.append(([item.file_name, size_text(item.size), _local(item.added_at),
                          item.added_by, state], item.voided, item.file_name))
        for path in self._pending:
            rows.append(([path.name, "", "", "", _("Attached when the visit is saved")],
                         False, path.name))
        self.table.setRowCount(len(rows))
        for r, (cells, greyed, _name) in enumerate(rows):
            for c, value in enumerate(cells):
                cell = QTableWidgetItem(value)
                if greyed:
                    cell.setForeground(QBrush(_GREY))
                self.table.setItem(r, c, cell)
        if rows and self.table.currentRow() < 0:
            self.table.setCurrentCell(0, 0)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.open_button.setEnabled(bool(self._items))
        self.void_button.setEnabled(bool(self._items) or bool(self._pending))

    def _fill_scans(self) -> None:
        self.scans.clear()
        self._scans = []
        folder = ""
        try:
            folder = self._desk.attachments.settings().scanner_folder
            self._scans = self._desk.attachments.newest_scans() if folder else []
        except KnownError as exc:
            show_error(self.error_label, message_for(exc))
        except UserError:
            folder = ""  # not signed in: the list stays empty
        for scan in self._scans:
            entry = QListWidgetItem(_("{name} — {size}, {moment}").format(
                name=scan.name, size=size_text(scan.size), moment=_local(scan.modified)))
            self.scans.addItem(entry)
        if self._scans:
            self.scans.setCurrentRow(0)
        self.scan_label.setText(
            _("From the scanner folder {folder} (Enter attaches the file):").format(
                folder=folder) if folder else
            _("No scanner folder is set (Settings → Attachments)."))
        self.scans.setVisible(bool(folder))
        self.scan_button.setEnabled(bool(self._scans))
        wanted = folder if folder and Path(folder).is_dir() else ""
        if wanted != self._watched:
            if self._watcher.directories():
                self._watcher.removePaths(self._watcher.directories())
            if wanted:
                self._watcher.addPath(wanted)
            self._watched = wanted

    @Slot(str)
    def _on_watcher_directory_changed(self, _path: str) -> None:
        self._watch_timer.start()

    def tab_widgets(self) -> list[QWidget]:
        """The panel's widgets in keyboard order (for the page's tab chain)."""
        return [self.table, self.scans, self.add_button, self.scan_button, self.open_button,
                self.void_button]

    # --- adding ----------------------------------------------------------------------------
    @Slot()
    def choose_file(self) -> None:
        """The file dialog (non-blocking); the chosen files are attached."""
        dialog = QFileDialog(self, _("Attach files"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilters([_("Scans and documents (*.pdf *.jpg *.jpeg *.png *.tif *.tiff "
                                 "*.doc *.docx *.odt)"), _("All files (*)")])
        folder = self._desk_scanner_folder()
        if folder:
            dialog.setDirectory(folder)
        dialog.filesSelected.connect(self._on_file_dialog_files_selected)
        self.file_dialog = dialog
        dialog.open()

    def _desk_scanner_folder(self) -> str:
        try:
            return self._desk.attachments.settings().scanner_folder
        except (UserError, KnownError):
            return ""

    @Slot(list)
    def _on_file_dialog_files_selected(self, files: list[str]) -> None:
        for name in files:
            if not self.add_path(Path(name)):
                break

    @Slot()
    def attach_newest_scan(self) -> None:
        self.refresh()
        if self._scans:
            self.add_path(self._scans[0].path)
        else:
            show_error(self.error_label, _("The scanner folder has no new file."))

    @Slot(QListWidgetItem)
    def _on_scans_item_activated(self, _item: QListWidgetItem) -> None:
        row = self.scans.currentRow()
        if 0 <= row < len(self._scans):
            self.add_path(self._scans[row].path)

    def add_path(self, path: Path) -> bool:
        """Attach ``path`` now (a saved record) or keep it for the save (a new visit)."""
        show_error(self.error_label, "")
        if self._visit_id is None and self._case_id is None:
            if path not in self._pending:
                self._pending.append(path)
                self.pending_changed.emit()
            self._fill_table()
            return True
        try:
            if self._visit_id is not None:
                announce(self._desk, self._desk.attachments.add_to_visit(self._visit_id, path))
            else:
                announce(self._desk, self._desk.attachments.add_to_case(self._case_id or 0,
                                                                        path))
        except (UserError, KnownError) as exc:
            show_error(self.error_label, message_for(exc))
            return False
        self.refresh()
        self.table.setCurrentCell(len(self._items) - 1, 0)
        self.changed.emit()
        return True

    def restore_pending(self, paths: object) -> list[str]:
        """A restored draft's files (its saved paths): those still there are kept for the save
        again; the names of those gone are returned and said on the panel."""
        missing: list[str] = []
        for raw in paths if isinstance(paths, list) else []:
            if not isinstance(raw, str) or not raw:
                continue
            path = Path(raw)
            if path.is_file():
                if path not in self._pending:
                    self._pending.append(path)
            else:
                missing.append(path.name)
        self._fill_table()
        if missing:
            show_error(self.error_label, _(
                "Files picked for this visit before the program stopped are no longer where "
                "they were; pick them again: {files}").format(files=", ".join(missing)))
        return missing

    def attach_pending(self, visit_id: int) -> tuple[int, list[str]]:
        """The visit was saved: attach the files kept for it. Returns how many were attached
        and the messages of those refused (they stay listed for another try)."""
        waiting, self._pending = self._pending, []
        self._visit_id = visit_id
        done, refused, problems = 0, [], []
        for path in waiting:
            try:
                announce(self._desk, self._desk.attachments.add_to_visit(visit_id, path))
                done += 1
            except (UserError, KnownError) as exc:
                refused.append(path)
                problems.append(f"{path.name}: {message_for(exc)}")
        self._pending = refused
        if done:
            self.changed.emit()
        return done, problems

    # --- opening and voiding ---------------------------------------------------------------
    def current(self) -> AttachmentDTO | None:
        row = self.table.currentRow()
        return self._items[row] if 0 <= row < len(self._items) else None

    @Slot()
    def open_selected(self) -> None:
        item = self.current()
        if item is None:
            return
        if item.confidential and item.can_open:
            self._ask(_("Open a confidential file"),
                      _("This file belongs to a denunciation. Opening it is logged: say why "
                        "you open it."), lambda reason: self.open_attachment(item.id, reason))
            return
        self.open_attachment(item.id)

    def open_attachment(self, attachment_id: int, reason: str = "") -> Path | None:
        show_error(self.error_label, "")
        try:
            opened = self._desk.attachments.open(attachment_id, reason)
        except (UserError, KnownError) as exc:
            show_error(self.error_label, message_for(exc))
            return None
        self.opener(opened.path)
        return opened.path

    @Slot()
    def void_selected(self) -> None:
        row = self.table.currentRow()
        if row >= len(self._items) and row - len(self._items) < len(self._pending):
            del self._pending[row - len(self._items)]  # not attached yet: just dropped
            self._fill_table()
            self.pending_changed.emit()
            return
        item = self.current()
        if item is None or item.voided:
            return
        self._ask(_("Void the attachment"),
                  _("The file stays stored and listed as voided. Why is it voided?"),
                  lambda reason: self.void_attachment(item.id, reason))

    def void_attachment(self, attachment_id: int, reason: str) -> bool:
        try:
            announce(self._desk, self._desk.attachments.void(attachment_id, reason))
        except (UserError, KnownError) as exc:
            show_error(self.error_label, message_for(exc))
            return False
        show_error(self.error_label, "")
        self.refresh()
        self.changed.emit()
        return True

    def _ask(self, title: str, label: str, then: Callable[[str], object]) -> None:
        """A reason, asked without blocking (``reason_dialog``); ``then`` runs when given."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setOkButtonText(_("OK"))
        dialog.setCancelButtonText(_("Cancel"))
        dialog.resize(480, dialog.sizeHint().height())
        dialog.textValueSelected.connect(lambda text: then(text))
        dialog.finished.connect(self._on_reason_dialog_finished)
        self.reason_dialog = dialog
        dialog.open()

    @Slot(int)
    def _on_reason_dialog_finished(self, _result: int) -> None:
        self.window().activateWindow()
        self.table.setFocus()  # the keyboard goes back to the list

    # --- keys ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the list: Enter opens, Delete voids; in the scanner list Enter attaches (the
        list's own ``itemActivated``). Handled here so the page around never sees them."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                    not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.open_selected()
                return True
            if event.key() == Qt.Key.Key_Delete:
                self.void_selected()
                return True
        if watched is self.scans and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._on_scans_item_activated(self.scans.currentItem())
                return True
        return super().eventFilter(watched, event)


