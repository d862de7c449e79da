"""The rarer parts of the visit form, folded so that a common visit fits one 1366×768 screen.

A common visit needs the identity, the content, the type, the field and the direction (issue 16);
those stay open. The crowd, the other logbook columns (bodies that already handled it, follow-up,
notes, an incident) and the documents and attached files sit in ``Fold``s: a header line that
names its shortcut, and the part under it, shown on a click or its shortcut (which also puts the
focus in it). A fold opens by itself when a loaded visit has something in it or a problem names
one of its fields. Folded parts are skipped by Tab.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QSizePolicy
from PySide6.QtWidgets import QToolButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.i18n import _
from reception_desk.ui.attachments_panel import ADD_KEY
from reception_desk.ui.attachments_panel import SCAN_KEY

#: The folds' shortcuts, in the form's order (README "Reception form on one screen").
CROWD_KEY = "Ctrl+1"
MORE_KEY = "Ctrl+2"
DOCUMENTS_KEY = "Ctrl+3"


class Fold(QWidget):
    """A header button and the part it opens; ``names`` are the form fields inside."""

    toggled = Signal(bool)

    def __init__(self, title: str, key: str, body: QWidget, names: frozenset[str],
                 help_text: str, shortcut_parent: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self.names = names
        self.body = body
        self.key = key
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.button = QToolButton(self)
        self.button.setCheckable(True)
        self.button.setAutoRaise(True)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setArrowType(Qt.ArrowType.RightArrow)
        self.button.setText(f"{title}   ({key})")
        self.button.setToolTip(help_text)
        self.button.setAccessibleName(title)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the shortcut opens it from the keys
        self.button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.button.toggled.connect(self._on_button_toggled)
        body.setParent(self)
        body.hide()
        layout.addWidget(self.button)
        layout.addWidget(body)
        self.shortcut = QShortcut(QKeySequence(key), shortcut_parent)
        self.shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.shortcut.activated.connect(self.open_and_focus)

    def is_open(self) -> bool:
        return self.button.isChecked()

    def set_open(self, on: bool) -> None:
        self.button.setChecked(on)

    @Slot()
    def open_and_focus(self) -> None:
        """The shortcut: open the part and put the focus on its first field."""
        self.set_open(True)
        first = self.body.nextInFocusChain()
        while first is not None and first is not self.body and not (
                self.body.isAncestorOf(first) and first.isVisible()
                and first.focusPolicy() & Qt.FocusPolicy.TabFocus):
            first = first.nextInFocusChain()
        if first is not None and first is not self.body:
            first.setFocus(Qt.FocusReason.ShortcutFocusReason)

    @Slot(bool)
    def _on_button_toggled(self, on: bool) -> None:
        self.body.setVisible(on)
        self.button.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.toggled.emit(on)


class FormFolds(QObject):
    """The form's three folds: the crowd, more about the case, documents and files."""

    def __init__(self, form: QWidget, body: QWidget, crowd: QWidget, more: QWidget,
                 documents: QWidget, attachments: QWidget, names: _FoldNames) -> None:
        super().__init__(form)
        files = QWidget(body)
        box = QVBoxLayout(files)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(documents)
        box.addWidget(attachments)
        self.crowd = Fold(
            _("Several people with the same content"), CROWD_KEY, crowd, names.crowd,
            _("Number of people, delegation, representatives and participants (logbook "
              "column 7). {key} opens the part and goes to its first field.").format(
                  key=CROWD_KEY), form, body)
        self.more = Fold(
            _("More about the case: bodies that already handled it, follow-up, notes, "
              "incident"), MORE_KEY, more, names.more,
            _("Logbook columns 8, 12 and 13 and an incident at the counter. {key} opens the "
              "part and goes to its first field.").format(key=MORE_KEY), form, body)
        self.documents = Fold(
            _("Documents received and attached files"), DOCUMENTS_KEY, files, names.documents,
            _("The documents the citizen handed in (for the receipt) and the scanned files. "
              "{key} opens the part and goes to its first field.").format(key=DOCUMENTS_KEY),
            form, body)
        self.all = (self.crowd, self.more, self.documents)
        # The attachment keys (add a file, the newest scan) work folded too: show what they add.
        wanted = {QKeySequence(ADD_KEY), QKeySequence(SCAN_KEY)}
        for shortcut in form.findChildren(QShortcut):
            if shortcut.key() in wanted:
                shortcut.activated.connect(self._on_attachment_key_activated)

    @Slot()
    def _on_attachment_key_activated(self) -> None:
        self.documents.set_open(True)

    def follow_crowd(self, people_count: int) -> None:
        """More than one person: the crowd's part opens (its rules and tables show)."""
        if people_count > 1:
            self.crowd.set_open(True)

    def open_for(self, fields: set[str]) -> None:
        """Open the folds holding one of ``fields`` (a problem names them)."""
        for fold in self.all:
            if fold.names & fields:
                fold.set_open(True)

    def show_filled(self, filled: set[str]) -> None:
        """A loaded draft: the folds holding a filled field open, the others fold."""
        for fold in self.all:
            fold.set_open(bool(fold.names & filled))


class _FoldNames:
    """Which form fields each fold holds."""

    def __init__(self, crowd: frozenset[str], more: frozenset[str],
                 documents: frozenset[str]) -> None:
        self.crowd = crowd
        self.more = more
        self.documents = documents


FOLD_NAMES = _FoldNames(
    crowd=frozenset({"people_count", "delegation", "representatives", "participants"}),
    more=frozenset({"prior_bodies", "follow_up", "notes", "incident", "incident_note"}),
    documents=frozenset({"documents"}),
)


def filled_fold_fields(people_count: int, members: int, texts: dict[str, str],
                       incident: bool, documents: int) -> set[str]:
    """The folded fields a draft fills (a crowd of more than one, any text, documents)."""
    filled = {name for name, text in texts.items() if text.strip()}
    if people_count > 1 or members:
        filled.add("people_count")
    if incident:
        filled.add("incident")
    if documents:
        filled.add("documents")
    return filled
