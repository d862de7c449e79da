"""The visit form refuses impossible dates, impossible ID numbers and scanned QR text typed into
the wrong field, with the message at the field and nothing saved (issue 12).

Sources: TT 07/2016/TT-BCA Art. 7 (LEGAL.md §10); chip-card QR payload LEGAL.md §10.1.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from reception_desk.config import OFFICE_TZ
from reception_desk.domain.classification import IdDocType
from reception_desk.domain.classification import Sex
from reception_desk.i18n import set_language
from reception_desk.services.visits.dto import VisitQuery
from reception_desk.ui.theme import apply_theme
from reception_desk.ui.visit_form import VisitForm
from tests.conftest import sample_draft
from tests.ui.helpers import press
from tests.ui.helpers import type_text

CTRL = Qt.KeyboardModifier.ControlModifier
QR = "037085001234|162345678|Nguyễn Văn Đức|12041985|Nam|Thôn Đông, xã Bắc Lý|03052021"
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")


@pytest.fixture(autouse=True)
def vietnamese(qapp):  # type: ignore[no-untyped-def]
    set_language("vi")
    apply_theme(qapp)
    yield
    set_language("vi")


@pytest.fixture
def form(qtbot, sqlite_desk):  # type: ignore[no-untyped-def]
    widget = VisitForm(sqlite_desk)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    widget.focus_first_field()
    return widget


def _nothing_saved(desk) -> bool:  # type: ignore[no-untyped-def]
    today = desk.now().astimezone(OFFICE_TZ).date()
    return desk.visit_page(VisitQuery(date_from=date(2014, 1, 1), date_to=today), 0, 10) == []


@pytest.mark.parametrize(
    ("overrides", "field", "expected"),
    [
        pytest.param({"birth_date": date(1800, 4, 12)}, "birth_date",
                     "Ngày sinh không thể trước ngày 01/01/1900", id="birth-1800"),
        pytest.param({"id_issue_date": date(1980, 1, 1)}, "id_issue_date",
                     "Giấy tờ không thể được cấp trước ngày sinh", id="issued-before-birth"),
        pytest.param({"id_issue_date": date(1800, 1, 1), "birth_date": None}, "id_issue_date",
                     "Ngày cấp không thể trước ngày 01/01/1900", id="issued-1800"),
        pytest.param({"id_number": "037485001234", "birth_date": None}, "id_number",
                     "Chữ số thứ 4 (4) ứng với năm sinh từ 2100", id="century-2100"),
        pytest.param({"id_doc_type": IdDocType.LEGACY_CMND, "id_number": "000000000"},
                     "id_number", "Số toàn chữ số 0", id="cmnd-zeros"),
        pytest.param({"address_detail": QR}, "address_detail", "mã QR", id="qr-in-address"),
        pytest.param({"content": QR}, "content", "mã QR", id="qr-in-content"),
        pytest.param({"content": "\u200b\u200c\u200d"}, "content",
                     "Chưa nhập tóm tắt nội dung vụ việc.", id="zero-width-content"),
    ],
)
def test_bad_value_gets_a_message_at_its_field_and_nothing_is_saved(
        qtbot, form, sqlite_desk, overrides, field, expected):  # type: ignore[no-untyped-def]
    form.set_draft(sample_draft(sqlite_desk, **overrides))
    with qtbot.assertNotEmitted(form.visit_logged):
        assert form.save() is None
    messages = form.field_messages(field)
    assert any(expected in m for m in messages), messages
    assert form.field_widget(field).property("invalid") is True
    assert _nothing_saved(sqlite_desk)


def test_birth_after_the_visit_is_refused(qtbot, form, sqlite_desk):  # type: ignore[no-untyped-def]
    """Born on the reception day's morrow but before today: the visit was earlier that week."""
    draft = sample_draft(sqlite_desk)
    draft.received_at = draft.received_at.replace(day=draft.received_at.day - 3)
    draft.birth_date = date(2026, 11, 26)
    draft.id_issue_date = None
    form.set_draft(draft)
    assert form.save() is None
    assert any("Ngày sinh sau ngày tiếp" in m for m in form.field_messages("birth_date"))
    assert _nothing_saved(sqlite_desk)


def test_a_cut_qr_scan_typed_into_the_name_is_not_saved_as_a_name(
        qtbot, form, sqlite_desk):  # type: ignore[no-untyped-def]
    draft = sample_draft(sqlite_desk)
    form.set_draft(draft)
    form.citizen_name.setFocus()
    form.citizen_name.selectAll()
    type_text(None, "037085001234||Nguyễn Văn Đức|12041985|Nam")  # five fields, no Enter
    with qtbot.assertNotEmitted(form.visit_logged):
        press(qtbot, Qt.Key.Key_S, CTRL)
    assert any("mã QR" in m for m in form.field_messages("citizen_name"))
    assert _nothing_saved(sqlite_desk)


def test_zero_width_marks_never_reach_the_stored_name(qtbot, form, sqlite_desk):  # type: ignore[no-untyped-def]
    form.set_draft(sample_draft(sqlite_desk, citizen_name="Nguy\u200bễn Văn\u200e Đức",
                                sex=Sex.MALE))
    with qtbot.waitSignal(form.visit_logged) as logged:
        press(qtbot, Qt.Key.Key_S, CTRL)
    assert sqlite_desk.visit(logged.args[0]).citizen_name == "Nguyễn Văn Đức"
