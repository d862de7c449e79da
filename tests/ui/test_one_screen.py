"""A common visit on one 1366×768 screen (issue 16, item 3): the identity, content, type, field
and direction lie in the visible part of the form without scrolling; the rarer parts fold and
open by shortcut; Tab follows the legal logbook's columns."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QWidget

from reception_desk.ui.main_window import MainWindow
from reception_desk.ui.visit_form import VisitForm
from tests.conftest import sample_draft
from tests.ui.helpers import focused
from tests.ui.helpers import press
from tests.ui.helpers import shot
from tests.ui.helpers import show_active
from tests.ui.helpers import tab
from tests.ui.helpers import vietnamese_theme

CTRL = Qt.KeyboardModifier.ControlModifier
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")

#: The fields of a common visit (issue 16): identity, content, type, field, direction.
COMMON = ("citizen_name", "sex", "birth_date", "province", "ward_code", "address_detail",
          "phone", "id_doc_type", "id_number", "id_issue_date", "id_issue_place", "content",
          "petition_type", "field_code", "within_competence", "direction")
SPLIT_CARD = ("037085001234|163456789|Trần Thị Hồng Nhung|12041985|Nữ|"
              "Xóm 2, X. Cổ Bi, H. Gia Lâm, TP. Hà Nội|03052021")


@pytest.fixture(autouse=True)
def vietnamese(qapp):  # type: ignore[no-untyped-def]
    vietnamese_theme(qapp)


@pytest.fixture
def window(qtbot, sqlite_desk) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = MainWindow(sqlite_desk)
    qtbot.addWidget(win)
    show_active(qtbot, win, 1366, 728)  # a 1366×768 screen less the taskbar
    win.show_form()
    QApplication.processEvents()
    yield win


def _visible_rect(form: VisitForm, widget: QWidget) -> QRect:
    viewport = form._scroll.viewport()
    top_left = widget.mapTo(viewport, widget.rect().topLeft())
    return QRect(top_left, widget.size())


def _assert_on_screen(form: VisitForm, names: tuple[str, ...]) -> None:
    viewport = form._scroll.viewport().rect()
    assert form._scroll.verticalScrollBar().value() == 0
    for name in names:
        editor = form.field_widget(name)
        assert editor.isVisible(), name
        assert viewport.contains(_visible_rect(form, editor)), (
            name, _visible_rect(form, editor), viewport)


def test_a_common_visit_needs_no_scrolling_at_1366x728(window):
    form = window.form
    assert window.size().width() == 1366 and window.size().height() == 728
    _assert_on_screen(form, COMMON)
    for fold in form.folds.all:  # the rarer parts: folded, their headers on screen too
        assert not fold.is_open()
        assert form._scroll.viewport().rect().contains(_visible_rect(form, fold.button))


def test_still_on_one_screen_after_a_card_is_read(window):
    form = window.form
    from reception_desk.domain.identity import parse_cccd_qr

    card = parse_cccd_qr(SPLIT_CARD.replace("Xóm 2, X. Cổ Bi, H. Gia Lâm, TP. Hà Nội",
                                            "Thôn 3, Xã Ea Tu, Thành phố Buôn Ma Thuột, "
                                            "Đắk Lắk"), today=window.desk.today())
    form.take_card(card)
    QApplication.processEvents()
    assert form.citizen_name.text() == "Trần Thị Hồng Nhung"
    assert focused() is form.content
    _assert_on_screen(form, COMMON)


def test_tab_follows_the_logbook_columns(qtbot, window):
    form = window.form
    expected = ["citizen_name", "sex", "birth_date", "province", "ward_code",  # column 3
                "address_detail", "phone",
                "id_doc_type", "id_number", "id_issue_date", "id_issue_place",  # column 4
                "content",  # 5
                "petition_type", "field_code",  # 6
                "within_competence",  # 9 (7 and 8 are folded)
                "direction"]  # 10, 11 (the body is off until a direction needs one)
    assert focused() is form.citizen_name
    seen = ["citizen_name"]
    for _ in expected[1:]:
        tab(qtbot)
        seen.append(focused().objectName())
    assert seen == expected
    tab(qtbot)
    assert focused() is form._print_button  # folded parts are skipped


def test_tab_order_with_every_part_open_is_the_logbook_order(qtbot, window):
    from reception_desk.ui.visit_form import FIELD_ORDER

    form = window.form
    for fold in form.folds.all:
        fold.set_open(True)
    form.incident.setChecked(True)
    form.direction.setCurrentIndex(2)  # a direction with a target body
    QApplication.processEvents()
    order = [n for n in FIELD_ORDER if n not in ("received_at", "kind", "receiving_staff_id",
                                                 "presiding_leader_id", "id_override_reason")]
    position = {name: index for index, name in enumerate(order)}
    form.citizen_name.setFocus()
    reached: list[str] = []
    for _ in range(60):
        name = focused().objectName()
        if name in position and (not reached or reached[-1] != name):
            reached.append(name)
        if name == "documents":
            break
        tab(qtbot)
    assert reached == [n for n in order if n in reached]
    assert {"people_count", "prior_bodies", "follow_up", "notes", "documents"} <= set(reached)


@pytest.mark.parametrize(("key", "fold", "first"), [
    (Qt.Key.Key_1, "crowd", "people_count"),
    (Qt.Key.Key_2, "more", "prior_bodies"),
    (Qt.Key.Key_3, "documents", "documents"),
])
def test_each_folded_part_opens_by_its_shortcut(qtbot, window, key, fold, first):
    form = window.form
    part = getattr(form.folds, fold)
    assert not part.is_open()
    assert part.key in part.button.text() and part.key in part.button.toolTip()
    press(qtbot, key, CTRL)
    assert part.is_open()
    assert focused() is form.field_widget(first)


def test_the_attachment_keys_open_the_documents_part(qtbot, window):
    """Ctrl+Shift+N (the newest scan; no scanner folder set: a message) shows the part."""
    form = window.form
    from reception_desk.ui.attachments_panel import SCAN_KEY

    assert SCAN_KEY == "Ctrl+Shift+N"
    press(qtbot, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert form.folds.documents.is_open()


def test_a_loaded_visit_opens_the_parts_it_fills_and_the_next_one_folds_them(window):
    form = window.form
    form.set_draft(sample_draft(window.desk, follow_up="Hẹn trả lời sau 10 ngày"))
    assert form.folds.more.is_open()
    assert not form.folds.crowd.is_open()
    form.clear_form()
    assert not any(fold.is_open() for fold in form.folds.all)


def test_a_problem_in_a_folded_field_opens_its_part(qtbot, window):
    form = window.form
    form.set_draft(sample_draft(window.desk, incident=True, incident_note=""))
    form.folds.more.set_open(False)
    with qtbot.assertNotEmitted(form.visit_logged):
        press(qtbot, Qt.Key.Key_S, CTRL)
    assert form.field_messages("incident_note")  # an incident needs its note
    assert form.folds.more.is_open()
    assert focused() is form.incident_note


def test_screenshots_at_1366x768(qtbot, sqlite_desk, tmp_path):
    win = MainWindow(sqlite_desk)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.show_form()
    QApplication.processEvents()
    assert win.grab().save(shot(tmp_path, "counter-form-1366x768.png"))
    from reception_desk.domain.identity import parse_cccd_qr

    win.form.take_card(parse_cccd_qr(SPLIT_CARD, today=sqlite_desk.today()))
    qtbot.waitUntil(lambda: win.form.old_address.choices.count() > 1, timeout=10000)
    QApplication.processEvents()
    assert win.grab().save(shot(tmp_path, "counter-split-ward-1366x768.png"))
