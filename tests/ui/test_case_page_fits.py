"""The case page on a 1366×768 laptop (the review of stop 21: a complaint's page grew to 1,097 px
and its timeline kept two rows). The page opens over the main window maximised on that screen:
it gets the screen less the taskbar and its own title bar. With every section filled, in both
languages, nothing is squeezed below its need or cut off, the timeline shows at least eight rows,
and every tab can be brought forward by its key. Screenshots for a human look (RD_SCREENSHOTS)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QAbstractButton
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QWidget

from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import EventKind
from reception_desk.i18n import set_language
from reception_desk.services.cases.dto import EventDraft
from reception_desk.services.cases.dto import NewCase
from reception_desk.ui.cases import CaseDialog
from reception_desk.ui.cases.case_dialog import TITLE_BAR
from reception_desk.ui.paged_table import ROW_HEIGHT
from tests.ui.cases_data import populate
from tests.ui.cases_data import with_every_section
from tests.ui.helpers import shot

TASKBAR = 40
#: What the case page gets on a 1366×768 screen: less the taskbar and its title bar.
ROOM = QSize(1366, 768 - TASKBAR - TITLE_BAR)


@pytest.fixture
def case_ids(sqlite_desk, clock):  # type: ignore[no-untyped-def]
    ids = populate(sqlite_desk)
    return {**with_every_section(sqlite_desk, clock, ids), "second": ids["second"],
            "petition": ids["petition"]}


def _squeezed(dialog: QWidget) -> list[str]:
    """Shown controls lower than they need (a wrapped label: its lines at its width), or
    reaching out of the page."""
    out = []
    page = QRect(0, 0, dialog.width(), dialog.height())
    for widget in (*dialog.findChildren(QLabel), *dialog.findChildren(QAbstractButton),
                   *dialog.findChildren(QLineEdit), *dialog.findChildren(QComboBox)):
        if not widget.isVisibleTo(dialog) or widget.parent() is None:
            continue
        need = widget.minimumSizeHint().height()
        if isinstance(widget, QLabel) and widget.wordWrap() and widget.text():
            need = widget.heightForWidth(widget.width())
        where = QRect(widget.mapTo(dialog, widget.rect().topLeft()), widget.size())
        if widget.height() < need or not page.contains(where):
            text = widget.text() if hasattr(widget, "text") else ""
            out.append(f"{type(widget).__name__} {text[:40]!r}: {widget.height()} < {need} "
                       f"or {where} outside")
    return out


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("name", ["complaint", "denunciation", "second", "petition"])
def test_the_case_page_fits_a_1366x768_screen_with_every_section(
        qtbot, sqlite_desk, case_ids, language: str, name: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    set_language(language)
    try:
        dialog = CaseDialog(sqlite_desk, case_ids[name])
        qtbot.addWidget(dialog)
        hint = dialog.minimumSizeHint()
        assert hint.width() <= ROOM.width() and hint.height() <= ROOM.height(), hint
        dialog.resize(ROOM)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.size() == ROOM
        tabs = dialog.sections
        shown = [i for i in range(tabs.count()) if tabs.isTabVisible(i)]
        for index in shown:
            # Each tab's key brings it forward and puts the focus in it.
            tabs.shortcuts[index].activated.emit()
            QApplication.processEvents()
            assert tabs.currentIndex() == index
            assert dialog.timeline.viewport().height() >= dialog.timeline.MIN_ROWS * ROW_HEIGHT
            assert not _squeezed(dialog), (tabs.tabText(index), _squeezed(dialog))
            if name in ("complaint", "denunciation"):
                assert dialog.grab().save(shot(
                    tmp_path, f"case-{name}-{language}-tab{index + 1}-1366x768.png"))
        # Only what the case has: no dialogue but for a complaint, directives where given.
        pages = {tabs.widget(i) for i in shown}
        assert (dialog.dialogue_page in pages) is (name in ("complaint", "second"))
        assert (dialog.directives_page in pages) is (name in ("complaint", "denunciation"))
    finally:
        set_language("vi")


def test_the_page_opens_on_what_asks_for_attention(qtbot, sqlite_desk, case_ids) -> None:  # type: ignore[no-untyped-def]
    """An open directive first; a missing dialogue next (a second complaint accepted on 5 Oct:
    its 45 days near their end); else the complainants."""
    flagged, _ = sqlite_desk.cases.open_case(NewCase(
        case_type=CaseType.COMPLAINT_SECOND, title="Khiếu nại quyết định thu hồi đất",
        received_on=date(2026, 10, 2)))
    sqlite_desk.cases.record_event(EventDraft(case_id=flagged.id, kind=EventKind.ACCEPT,
                                              document_date=date(2026, 10, 5)))
    for case_id, expected in ((case_ids["complaint"], "directives_page"),
                              (flagged.id, "dialogue_page"),
                              (case_ids["second"], "people_page"),
                              (case_ids["petition"], "people_page")):
        dialog = CaseDialog(sqlite_desk, case_id)
        qtbot.addWidget(dialog)
        assert dialog.sections.currentWidget() is getattr(dialog, expected), expected


def test_a_section_s_keys_bring_its_tab_forward(qtbot, sqlite_desk, case_ids) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+K/Ctrl+E work on the selected directive, Ctrl+Shift+G/J/B on the dialogues, from
    any tab: their tab comes forward, so what they change is in view."""
    dialog = CaseDialog(sqlite_desk, case_ids["complaint"])
    qtbot.addWidget(dialog)
    dialog.show()
    tabs = dialog.sections
    for shortcut, page in ((dialog.directives_box.acknowledge_shortcut, dialog.directives_page),
                           (dialog.directives_box.done_shortcut, dialog.directives_page),
                           (dialog.dialogue_box.print_shortcut, dialog.dialogue_page)):
        tabs.setCurrentWidget(dialog.files_page)
        shortcut.activated.emit()
        assert tabs.currentWidget() is page, shortcut.key().toString()
        for child in (dialog.dialogue_box.preview, dialog.dialogue_box.open_dialog):
            if child is not None:
                child.close()
    assert not any(d.is_open for d in dialog.directives)  # acknowledged, then carried out


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("name", ["complaint", "denunciation"])
def test_every_column_of_the_directives_is_readable_at_1366x688(
        qtbot, sqlite_desk, case_ids, language: str, name: str) -> None:  # type: ignore[no-untyped-def]
    """The review of stop 22: the directives' last column (who acknowledged, when) ran past the
    list's right edge. Every column fits in the list; each but the directive's own words (elided,
    its tooltip holds them) is as wide as its title and its cells."""
    set_language(language)
    try:
        dialog = CaseDialog(sqlite_desk, case_ids[name])
        qtbot.addWidget(dialog)
        dialog.resize(ROOM)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.sections.setCurrentWidget(dialog.directives_page)
        QApplication.processEvents()
        section = dialog.directives_box
        table = section.table
        header = table.horizontalHeader()
        assert table.rowCount() >= 2
        assert header.length() <= table.viewport().width(), (header.length(),
                                                             table.viewport().width())
        assert not table.horizontalScrollBar().isVisible()
        last = table.columnCount() - 1
        assert header.sectionPosition(last) + header.sectionSize(last) \
            <= table.viewport().width()
        for column in range(table.columnCount()):
            if column == section.TEXT_COLUMN:
                assert header.sectionSize(column) >= 160
                continue
            need = max(header.sectionSizeHint(column), table.sizeHintForColumn(column))
            assert header.sectionSize(column) >= need, (
                table.horizontalHeaderItem(column).text(), header.sectionSize(column), need)
        # Every cell says its whole text in its tooltip (the directive's words when elided).
        for row in range(table.rowCount()):
            text = table.item(row, section.TEXT_COLUMN)
            assert " ".join(text.toolTip().split()) == text.text()
        # A narrower page: still nothing past the edge (the widest columns give way).
        dialog.resize(ROOM.width() - 300, ROOM.height())
        QApplication.processEvents()
        assert header.length() <= table.viewport().width()
    finally:
        set_language("vi")
