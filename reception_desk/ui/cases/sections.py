"""The case page's secondary sections as tabs, so that the page fits one 1366×768 screen.

The summary, the deadline banner, the timeline and the form of the next step stay in view; the
complainants and links, the chairperson's directives, the complexity, the dialogue, the facts
for the reports and the limitation, and the files are tabs under the timeline. Each tab names
its shortcut (Ctrl+1 … Ctrl+6), which brings it forward and puts the focus on its first field;
Ctrl+Tab and Ctrl+PgDown walk the tabs as anywhere in Qt. A section's Alt+letters work while
its tab is shown. A tab with nothing for the case (no directive, no dialogue for a petition) is
hidden, and its shortcut with it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtCore import Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QSizePolicy
from PySide6.QtWidgets import QTabWidget
from PySide6.QtWidgets import QWidget


def side_by_side(*parts: tuple[QWidget, int]) -> QWidget:
    """One tab's page holding ``parts`` (widget, stretch) in a row."""
    page = QWidget()
    row = QHBoxLayout(page)
    row.setContentsMargins(4, 4, 4, 4)
    for widget, stretch in parts:
        row.addWidget(widget, stretch)
    return page


def first_field(page: QWidget) -> QWidget | None:
    """The first widget in ``page`` that Tab would reach (shown, enabled, taking Tab focus)."""
    widget = page.nextInFocusChain()
    while widget is not None and widget is not page:
        if (page.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            return widget
        widget = widget.nextInFocusChain()
    return None


class CaseSections(QTabWidget):
    """The tabs; ``add`` gives each the next Ctrl+digit key, set on ``shortcut_parent``."""

    def __init__(self, shortcut_parent: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseSections")
        self.setDocumentMode(True)
        # Every tab in sight: a long title is shortened rather than scrolled out of view.
        self.setUsesScrollButtons(False)
        self.setElideMode(Qt.TextElideMode.ElideRight)
        # As high as the tallest section needs; the timeline above takes what is left.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self._shortcut_parent = shortcut_parent
        self.shortcuts: list[QShortcut] = []

    def sizeHint(self) -> QSize:
        """No taller than the sections need: the timeline gets every spare line."""
        hint = super().sizeHint()
        return QSize(hint.width(), self.minimumSizeHint().height())

    def add(self, page: QWidget, title: str) -> QWidget:
        """Append ``page`` as the tab ``title (Ctrl+n)``; returns the page."""
        key = f"Ctrl+{len(self.shortcuts) + 1}"
        index = self.addTab(page, f"{title} ({key})")
        self.setTabToolTip(index, title)
        shortcut = QShortcut(QKeySequence(key), self._shortcut_parent)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda page=page: self.show_and_focus(page))
        self.shortcuts.append(shortcut)
        return page

    def shortcut_of(self, page: QWidget) -> QShortcut:
        return self.shortcuts[self.indexOf(page)]

    def set_shown(self, page: QWidget, shown: bool) -> None:
        """Show or hide the tab of ``page`` (and its shortcut); a hidden current tab gives way
        to the first one shown."""
        index = self.indexOf(page)
        self.setTabVisible(index, shown)
        self.shortcuts[index].setEnabled(shown)
        if not shown and self.currentIndex() == index:
            self.setCurrentIndex(next((i for i in range(self.count()) if self.isTabVisible(i)),
                                      0))

    def is_shown(self, page: QWidget) -> bool:
        return self.isTabVisible(self.indexOf(page))

    def bring_forward(self, page: QWidget) -> None:
        """Make ``page`` the current tab (when its tab is shown)."""
        if self.is_shown(page):
            self.setCurrentWidget(page)

    @Slot()
    def show_and_focus(self, page: QWidget) -> None:
        """The tab's shortcut: bring it forward and put the focus on its first field."""
        self.bring_forward(page)
        field = first_field(page)
        if field is not None:
            field.setFocus(Qt.FocusReason.ShortcutFocusReason)
