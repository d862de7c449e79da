"""The keyboard-shortcut overlay (F1)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.i18n import N_
from reception_desk.i18n import _

SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("F2", N_("Reception form")),
    ("F3", N_("Logbook")),
    ("F4", N_("Cases")),
    ("F6", N_("Hotspots: the chairperson's weekly review")),
    ("Ctrl+Shift+C", N_("Open a case from the selected visit")),
    ("F7", N_("Statutory reports 01/TCD, 01/XLD (double-click a count for its records)")),
    ("F8", N_("The leaders' reception schedule and the chair's duty")),
    ("Ctrl+N", N_("New visit (blank form)")),
    ("Ctrl+S / Ctrl+Enter", N_("Save the visit")),
    ("Tab / Shift+Tab", N_("Next / previous field")),
    (N_("Alt + underlined letter"), N_("Jump to that field")),
    ("Ctrl+L", N_("Logbook: search box")),
    ("Enter", N_("Logbook: open the selected visit")),
    ("Delete", N_("Logbook: void the selected visit (with a reason)")),
    ("F5", N_("Logbook: refresh")),
    ("Ctrl+R", N_("Logbook: print the receipt of the selected visit")),
    ("Ctrl+Shift+R", N_("Logbook: refusal notice for the selected visit")),
    ("Ctrl+Shift+H", N_("Logbook: appointment slip for the selected visit")),
    ("Ctrl+Shift+T", N_("Logbook: transfer slip for the selected visit")),
    ("Ctrl+Shift+D", N_("Logbook: documents issued for the selected visit")),
    ("Ctrl+Shift+B", N_("Logbook: minutes of the selected visit, for signature; case page: "
                        "minutes of the selected dialogue")),
    ("Ctrl+Shift+G / Ctrl+Shift+J", N_("Case page: schedule a dialogue / record it held")),
    ("Ctrl+Shift+I", N_("Logbook: reveal the masked identity of the selected visit (with a "
                        "reason, recorded)")),
    ("Ctrl+Shift+W", N_("Logbook: who viewed the identity of the selected visit")),
    ("Alt+L / Ctrl+L", N_("Reception form: link the visit to the matter the banner shows")),
    ("Alt+1 … Alt+5", N_("Cases: open / due this week / overdue / closed / all")),
    ("Ctrl+Enter", N_("Case page: record the event")),
    ("Ctrl+Shift+L", N_("Case page: link to an earlier case")),
    ("Alt+A / Delete", N_("Case page: add / remove a complainant")),
    ("Ctrl+K / Ctrl+E", N_("Directives: acknowledge / mark carried out")),
    ("Ctrl+D", N_("Hotspots: record a directive")),
    ("Ctrl+PgUp / Ctrl+PgDown", N_("Hotspots: previous / next week")),
    ("Ctrl+P", N_("Save the visit and print its receipt")),
    ("Ctrl+1 / Ctrl+2 / Ctrl+3", N_("Reception form: open several people with the same "
                                    "content / more about the case / documents and files")),
    ("Ctrl+F", N_("Find citizens, visits and cases")),
    ("Ctrl+Shift+P", N_("Print logbook pages of the shown days")),
    ("Ctrl+Shift+V", N_("Verify a receipt")),
    ("Ctrl+E / Ctrl+I", N_("Export / import the logbook")),
    ("Ctrl+,", N_("Settings")),
    ("F1", N_("This list")),
    ("Ctrl+Q", N_("Exit")),
)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Keyboard shortcuts"))
        table = QTableWidget(len(SHORTCUTS), 2, self)
        table.setHorizontalHeaderLabels([_("Keys"), _("Action")])
        for row, (keys, action) in enumerate(SHORTCUTS):
            table.setItem(row, 0, QTableWidgetItem(_(keys)))
            table.setItem(row, 1, QTableWidgetItem(_(action)))
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.table = table
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        self.resize(640, 720)
