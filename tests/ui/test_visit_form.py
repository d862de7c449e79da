"""The visit form, driven from the keyboard against a real database (offscreen Qt)."""

from __future__ import annotations

import unicodedata
from datetime import date
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reception_desk.config import OFFICE_TZ
from reception_desk.domain import geography
from reception_desk.domain.classification import DocumentCondition
from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import IdDocType
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.classification import Sex
from reception_desk.domain.classification import VisitKind
from reception_desk.domain.text import fold
from reception_desk.domain.visits import MAX_TEXT
from reception_desk.domain.visits import DocumentLine
from reception_desk.domain.visits import GroupMember
from reception_desk.domain.visits import VisitDraft
from reception_desk.errors import UserError
from reception_desk.i18n import set_language
from reception_desk.services.visits.dto import VisitQuery
from reception_desk.texts import message_for
from reception_desk.texts.labels import label
from reception_desk.ui.theme import apply_theme
from reception_desk.ui.visit_form import VisitForm
from reception_desk.ui.widgets import PASTE_LIMIT
from tests.conftest import sample_draft
from tests.ui.helpers import focused
from tests.ui.helpers import press
from tests.ui.helpers import shot
from tests.ui.helpers import tab
from tests.ui.helpers import type_text

CTRL = Qt.KeyboardModifier.ControlModifier
# The offscreen platform's own notice when a completer popup opens (like the two notices
# pyproject.toml already ignores); it says nothing about our code.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")


@pytest.fixture(autouse=True)
def vietnamese(qapp):  # type: ignore[no-untyped-def]
    set_language("vi")
    apply_theme(qapp)
    yield
    set_language("vi")


def _form(qtbot, desk) -> VisitForm:  # type: ignore[no-untyped-def]
    form = VisitForm(desk)
    qtbot.addWidget(form)
    form.resize(1280, 800)
    form.show()
    form.activateWindow()
    qtbot.waitExposed(form)
    qtbot.waitUntil(form.isActiveWindow)
    form.focus_first_field()
    return form


@pytest.fixture
def form(qtbot, sqlite_desk):  # type: ignore[no-untyped-def]
    return _form(qtbot, sqlite_desk)


def _today(desk) -> date:  # type: ignore[no-untyped-def]
    return desk.now().astimezone(OFFICE_TZ).date()


def _todays_rows(desk):  # type: ignore[no-untyped-def]
    today = _today(desk)
    return desk.visit_page(VisitQuery(date_from=today, date_to=today), 0, 100)


def _assert_blank_for_next_citizen(form: VisitForm) -> None:
    assert form.is_blank()
    assert focused() is form.citizen_name
    assert form.editing_visit_id is None


# --- keyboard-only entry --------------------------------------------------------------------------


def test_keyboard_only_entry_of_every_field_saved_with_ctrl_s(qtbot, form, sqlite_desk):
    desk = sqlite_desk
    chair = next(s for s in desk.staff() if s.role.can_preside)
    second_commune = geography.communes(desk.office().province_code)[1]
    assert focused() is form.citizen_name

    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier, times=3)
    assert focused() is form.received_at  # the leader box is skipped while it is disabled
    tab(qtbot)
    press(qtbot, Qt.Key.Key_Down)  # thường xuyên → định kỳ
    tab(qtbot, 2)
    assert focused() is form.presiding_leader
    press(qtbot, Qt.Key.Key_Down)
    tab(qtbot)
    # Tab follows the logbook's columns: name and address, the paper, the content, the type...
    type_text(None, "Nguyễn Văn Đức")
    tab(qtbot)
    press(qtbot, Qt.Key.Key_Down)  # Nam
    tab(qtbot)
    type_text(None, "12/4/1985")
    tab(qtbot, 2)  # province stays the office's
    assert focused() is form.ward
    type_text(None, second_commune.key)
    tab(qtbot)
    assert form.ward.code() == second_commune.code
    assert focused() is form.address_detail
    type_text(None, "Thôn Đông, số 12")
    tab(qtbot)
    type_text(None, "0912 345 678")
    tab(qtbot)
    assert focused() is form.id_doc_type
    tab(qtbot)  # paper type stays "thẻ căn cước"
    type_text(None, "037 085 001 234")
    tab(qtbot)
    type_text(None, "03052021")
    tab(qtbot)
    type_text(None, "Cục Cảnh sát QLHC về TTXH")
    tab(qtbot)
    assert focused() is form.content
    type_text(None, "Đề nghị cấp giấy chứng nhận quyền sử dụng đất.\nThửa số 215.")
    tab(qtbot)
    assert focused() is form.petition_type
    press(qtbot, Qt.Key.Key_Down, times=3)  # kiến nghị
    tab(qtbot)
    press(qtbot, Qt.Key.Key_Down, times=2)  # Phản ánh, kiến nghị › Đất đai, xây dựng
    # The rarer parts are folded; their shortcuts open them and go to their first field.
    press(qtbot, Qt.Key.Key_2, CTRL)
    assert focused() is form.prior_bodies
    type_text(None, "UBND xã đã trả lời năm 2025")
    press(qtbot, Qt.Key.Key_1, CTRL)
    assert focused() is form.crowd.field_widget("people_count")
    press(qtbot, Qt.Key.Key_Up, times=2)  # 3 people
    tab(qtbot, 2)  # the crowd-delegation box stays unticked (fewer than 5)
    assert focused() is form.crowd.reps
    press(qtbot, Qt.Key.Key_Insert)  # a representative (Art. 29: their identity is checked)
    type_text(None, "Trần Văn An")
    tab(qtbot)  # inside a cell editor Tab moves to the next cell: the paper type
    press(qtbot, Qt.Key.Key_Right)  # the number
    type_text(None, "037085001111")
    press(qtbot, Qt.Key.Key_Return)  # commits
    tab(qtbot, 6)  # add, remove, participants list, paste, clear
    assert focused() is form.prior_bodies  # column 8, then 9: the competence
    tab(qtbot)
    press(qtbot, Qt.Key.Key_Space)  # thuộc thẩm quyền
    tab(qtbot)
    press(qtbot, Qt.Key.Key_Down, times=2)  # trả lại đơn và hướng dẫn
    tab(qtbot)
    assert focused() is form.target_body
    type_text(None, "Văn phòng đăng ký đất đai tỉnh")
    tab(qtbot)
    type_text(None, "12/UBND-TCD")
    tab(qtbot)
    type_text(None, "Hẹn trả lời trong 10 ngày làm việc")
    tab(qtbot)
    type_text(None, "Công dân đến lần đầu")
    tab(qtbot)
    press(qtbot, Qt.Key.Key_Space)  # sự việc tại nơi tiếp
    tab(qtbot)
    type_text(None, "Lớn tiếng, đã nhắc nhở")
    press(qtbot, Qt.Key.Key_3, CTRL)
    assert focused() is form.documents
    press(qtbot, Qt.Key.Key_Insert)
    type_text(None, "Đơn kiến nghị")
    tab(qtbot)  # inside a cell editor Tab moves to the next cell
    type_text(None, "2")
    tab(qtbot)
    press(qtbot, Qt.Key.Key_Down)  # bản photo → bản sao có chứng thực
    press(qtbot, Qt.Key.Key_Return)

    with qtbot.waitSignal(form.visit_logged, timeout=5000) as logged:
        press(qtbot, Qt.Key.Key_S, CTRL)
    assert form.banner_text() == "Đã lưu lượt tiếp số 1/2026."
    _assert_blank_for_next_citizen(form)

    rows = _todays_rows(desk)
    assert [r.id for r in rows] == [logged.args[0]]
    visit = desk.visit(logged.args[0])
    assert visit.kind is VisitKind.PERIODIC
    assert visit.presiding_leader_id == chair.id
    assert visit.receiving_staff_id == desk.actor.staff_id
    assert visit.citizen_name == "Nguyễn Văn Đức"
    assert visit.citizen is not None
    assert visit.citizen.sex is Sex.MALE
    assert visit.citizen.birth_date == date(1985, 4, 12)
    assert visit.id_number == "037085001234"
    assert visit.citizen.id_issue_date == date(2021, 5, 3)
    assert visit.citizen.id_issue_place == "Cục Cảnh sát QLHC về TTXH"
    assert visit.citizen.ward_code == second_commune.code
    assert visit.address.startswith("Thôn Đông, số 12, " + second_commune.in_address)
    assert visit.phone == "0912 345 678"
    assert visit.people_count == 3
    assert [(m.full_name, m.id_number, m.is_representative) for m in visit.members] == [
        ("Trần Văn An", "037085001111", True)]
    assert visit.content == "Đề nghị cấp giấy chứng nhận quyền sử dụng đất.\nThửa số 215."
    assert visit.petition_type is PetitionType.PETITION
    assert visit.field_code == "pakn.dat_dai"
    assert visit.within_competence
    assert visit.prior_bodies == "UBND xã đã trả lời năm 2025"
    assert visit.direction is HandlingDirection.GUIDE
    assert visit.target_body == "Văn phòng đăng ký đất đai tỉnh"
    assert visit.target_doc_number == "12/UBND-TCD"
    assert visit.follow_up == "Hẹn trả lời trong 10 ngày làm việc"
    assert visit.notes == "Công dân đến lần đầu"
    assert visit.incident and visit.incident_note == "Lớn tiếng, đã nhắc nhở"
    assert [(d.name, d.pages, d.condition) for d in visit.documents] == [
        ("Đơn kiến nghị", 2, DocumentCondition.CERTIFIED_COPY)]
    # The next citizen of the same reception day: official, kind and leader stay.
    next_draft = form.draft()
    assert next_draft.kind is VisitKind.PERIODIC
    assert next_draft.presiding_leader_id == chair.id
    assert next_draft.receiving_staff_id == desk.actor.staff_id
    assert next_draft.received_at == desk.now().astimezone(OFFICE_TZ).replace(microsecond=0)


def test_ctrl_enter_saves_on_both_databases_and_resets(qtbot, desk):
    form = _form(qtbot, desk)
    form.set_draft(sample_draft(desk))
    form.content.setFocus()
    with qtbot.waitSignal(form.visit_logged, timeout=5000):
        press(qtbot, Qt.Key.Key_Return, CTRL)
    assert form.content.toPlainText() == ""  # Ctrl+Enter saved instead of adding a line
    _assert_blank_for_next_citizen(form)
    form.set_draft(sample_draft(desk, citizen_name="Lê Thị Hoa"))
    form.id_number.setFocus()
    with qtbot.waitSignal(form.visit_logged, timeout=5000):
        press(qtbot, Qt.Key.Key_Enter, CTRL | Qt.KeyboardModifier.KeypadModifier)
    assert [r.citizen_name for r in _todays_rows(desk)] == ["Nguyễn Văn Đức", "Lê Thị Hoa"]
    assert form.banner_text() == "Đã lưu lượt tiếp số 2/2026."


def test_mnemonic_jumps_to_its_field(qtbot, form):
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # "Ngày &sinh"
    assert focused() is form.birth_date
    press(qtbot, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # "&Hướng xử lý"
    assert focused() is form.direction


def test_every_input_has_an_accessible_name(form):
    from reception_desk.ui.visit_form import FIELD_ORDER

    for name in FIELD_ORDER:
        widget = form.field_widget(name)
        assert widget.accessibleName().strip(), name
        assert "&" not in widget.accessibleName()


def test_escape_keeps_everything(qtbot, form):
    type_text(None, "Phạm Thị Ánh")
    press(qtbot, Qt.Key.Key_Escape)
    assert form.citizen_name.text() == "Phạm Thị Ánh"
    assert form.isVisible()


# --- validation ---------------------------------------------------------------------------------


def test_problems_show_next_to_their_fields_and_nothing_typed_is_lost(qtbot, form, sqlite_desk):
    type_text(None, "   ")
    tab(qtbot)
    form.phone.setFocus()
    type_text(None, "goi sau")
    form.follow_up.setFocus()
    type_text(None, "Chờ trả lời")
    before = form.draft()
    with qtbot.assertNotEmitted(form.visit_logged):
        press(qtbot, Qt.Key.Key_S, CTRL)
    assert form.field_messages("citizen_name") == ["Chưa nhập họ và tên công dân."]
    assert form.field_messages("id_number") == ["Chưa nhập số giấy tờ."]
    assert form.field_messages("phone") == [
        "Số điện thoại không hợp lệ: gồm 8 đến 20 chữ số (được dùng dấu cách, dấu chấm, gạch nối)."]
    assert form.field_messages("content") == ["Chưa nhập tóm tắt nội dung vụ việc."]
    assert form.field_messages("petition_type") == [
        "Chưa chọn loại đơn: khiếu nại, tố cáo, kiến nghị hay phản ánh."]
    assert form.field_messages("direction") == ["Chưa chọn hướng xử lý."]
    assert form.field_messages("follow_up") == []
    assert form.citizen_name.property("invalid") is True
    assert form.follow_up.property("invalid") in (None, False)
    assert focused() is form.citizen_name  # the first faulty field, in tab order
    assert "Chưa lưu: có 6 chỗ cần sửa" in form.banner_text()
    assert form.draft() == before
    assert _todays_rows(sqlite_desk) == []

    # Fixing a field and leaving it clears its message; the others stay until fixed.
    type_text(None, "Võ Thị Sáu")
    tab(qtbot)
    assert form.field_messages("citizen_name") == []
    assert form.citizen_name.property("invalid") is False
    assert form.field_messages("content")


@pytest.mark.parametrize(
    ("overrides", "field", "expected"),
    [
        ({"phone": "abc"}, "phone", "Số điện thoại không hợp lệ"),
        ({"birth_date": date(2030, 1, 1)}, "birth_date", "Ngày sinh không được ở tương lai."),
        ({"id_issue_date": date(2030, 1, 1)}, "id_issue_date", "Ngày cấp không được ở tương lai."),
        ({"kind": VisitKind.AD_HOC}, "presiding_leader_id", "phải ghi lãnh đạo chủ trì"),
        ({"direction": HandlingDirection.TRANSFER}, "target_body", "Chưa ghi cơ quan"),
        ({"notes": "x" * (MAX_TEXT + 1)}, "notes",
         "Quá dài: tối đa 20.000 ký tự (hiện có 20.001)."),
        ({"id_number": "03708500123"}, "id_number", "Số phải có 12 chữ số (hiện có 11)."),
        ({"id_doc_type": IdDocType.NONE}, "id_number", "loại giấy tờ là “Không xuất trình”"),
        ({"documents": [DocumentLine("", 3)]}, "documents", "Dòng 1: chưa nhập tên tài liệu."),
        ({"documents": [DocumentLine("Đơn", 20_000)]}, "documents", "Dòng 1: số trang"),
        ({"people_count": 6, "delegation": True}, "representatives",
         "6 người phải cử người đại diện"),
        ({"people_count": 6}, "delegation", "cần đánh dấu là đoàn đông người"),
        ({"members": [GroupMember("", id_number="037085001111")]}, "participants",
         "Dòng 1: chưa nhập họ tên."),
        ({"people_count": 3, "members": [
            GroupMember("Lê Văn A", id_number="037085001111", is_representative=True),
            GroupMember("Lê Văn B", id_number="037085001112"),
            GroupMember("", id_number="037085001113")]}, "participants",
         "Dòng 2: chưa nhập họ tên."),  # counted in the participants table, not in the draft
        ({"incident": True}, "incident_note", "Chưa ghi diễn biến sự việc"),
    ],
)
def test_each_problem_is_shown_next_to_its_field(qtbot, form, sqlite_desk, overrides, field,
                                                 expected):
    draft = sample_draft(sqlite_desk, **overrides)
    form.set_draft(draft)
    assert form.save() is None
    messages = form.field_messages(field)
    assert any(expected in m for m in messages), messages
    assert form.field_widget(field).property("invalid") is True
    assert form.field_widget(field).isVisible()
    assert form.draft() == form.draft()  # stable
    assert form.draft().citizen_name == draft.citizen_name


def test_unreadable_date_is_reported_by_the_form(qtbot, form, sqlite_desk):
    form.set_draft(sample_draft(sqlite_desk))
    form.birth_date.setFocus()
    form.birth_date.selectAll()
    type_text(None, "31/02/1990")
    assert form.save() is None
    assert form.field_messages("birth_date") == [
        "Không đọc được ngày: nhập theo dạng ngày/tháng/năm (ví dụ 12/04/1985)."]
    assert form.birth_date.text() == "31/02/1990"
    assert focused() is form.birth_date


def test_leaving_a_field_checks_only_that_field(qtbot, form):
    type_text(None, "Lê Văn Tám")
    tab(qtbot)  # name is fine; nothing else is nagged about
    assert all(not form.field_messages(n) for n in ("citizen_name", "content", "direction"))
    form.phone.setFocus()
    type_text(None, "12")
    tab(qtbot)
    assert form.field_messages("phone")
    assert not form.field_messages("content")
    # Leaving an untouched required field says nothing: that waits for saving.
    form.content.setFocus()
    tab(qtbot)
    assert not form.field_messages("content")


def test_id_number_checks_follow_sex_and_birth_date(qtbot, form):
    form.id_number.setFocus()
    type_text(None, "037185001234")  # digit 4 = 1: a woman born in the 1900s
    tab(qtbot)
    assert form.field_messages("id_number") == []
    form.sex.setFocus()
    press(qtbot, Qt.Key.Key_Down)  # Nam
    tab(qtbot)
    assert any("giới tính nữ" in m for m in form.field_messages("id_number"))


def test_structural_id_problem_is_accepted_with_a_reason(qtbot, form, sqlite_desk):
    form.set_draft(sample_draft(sqlite_desk, id_number="037185001234", sex=Sex.MALE))
    assert not form.field_widget("id_override_reason").isVisible()
    assert form.save() is None
    (message,) = form.field_messages("id_number")
    assert message == ("Chữ số thứ 4 (1) ứng với giới tính nữ, nhưng giới tính đã chọn là nam. "
                       "Nếu giấy tờ ghi đúng như vậy, nhập lý do vào ô bên dưới.")
    assert form.field_widget("id_override_reason").isVisible()
    assert focused() is form.id_override_reason
    type_text(None, "Đã đối chiếu thẻ căn cước: số in trên thẻ đúng như vậy")
    tab(qtbot)
    assert form.field_messages("id_number") == []
    with qtbot.waitSignal(form.visit_logged) as logged:
        press(qtbot, Qt.Key.Key_S, CTRL)
    assert sqlite_desk.visit(logged.args[0]).id_number == "037185001234"
    assert not form.field_widget("id_override_reason").isVisible()


def test_hard_id_problem_offers_no_override(form, sqlite_desk):
    form.set_draft(sample_draft(sqlite_desk, id_number="03708500123A"))
    assert form.save() is None
    assert form.field_messages("id_number") == ["Số giấy tờ chỉ gồm chữ số (có ký tự “A”)."]
    assert not form.field_widget("id_override_reason").isVisible()


def test_service_errors_without_a_field_go_to_the_banner(qtbot, form, sqlite_desk):
    visit, _ = sqlite_desk.log_visit(sample_draft(sqlite_desk))
    assert form.load_visit(visit.id)
    sqlite_desk.update_visit(visit.id, sample_draft(sqlite_desk, notes="elsewhere"), visit.version)
    type_text(None, " (sửa)")
    assert form.save() is None
    assert "vừa được người khác sửa" in form.banner_text()
    assert form.citizen_name.text().endswith(" (sửa)")


def test_huge_paste_neither_freezes_nor_crashes(qtbot, form, sqlite_desk):
    form.set_draft(sample_draft(sqlite_desk))
    form.content.setFocus()
    form.content.selectAll()
    QApplication.clipboard().setText("x" * 1_000_000)
    # What would freeze the form is laying out the whole paste: it never enters the editor.
    lengths: list[int] = []
    form.content.textChanged.connect(lambda: lengths.append(len(form.content.toPlainText())))
    with qtbot.waitSignal(form.content.paste_truncated, timeout=5000) as cut:
        form.content.paste()
    assert cut.args == [1_000_000, PASTE_LIMIT]
    type_text(None, "y")
    assert lengths and max(lengths) == PASTE_LIMIT + 1
    assert len(form.content.toPlainText()) == PASTE_LIMIT + 1
    assert "quá dài (1.000.000 ký tự)" in form.banner_text()
    assert form.save() is None
    assert form.field_messages("content") == ["Quá dài: tối đa 20.000 ký tự (hiện có 50.001)."]
    # A big paste into a one-line field is capped by the field; the domain still says why.
    form.citizen_name.setFocus()
    form.citizen_name.selectAll()
    QApplication.clipboard().setText("Đ" * 1_000_000)
    form.citizen_name.paste()
    assert form.save() is None
    assert any("Quá dài: tối đa 200 ký tự" in m for m in form.field_messages("citizen_name"))


def test_nfd_typing_is_stored_as_nfc(qtbot, form, sqlite_desk):
    form.set_draft(sample_draft(sqlite_desk, citizen_name=""))
    form.citizen_name.setFocus()
    type_text(None, unicodedata.normalize("NFD", "Phạm Thị Ngọc Ánh"))
    with qtbot.waitSignal(form.visit_logged) as logged:
        press(qtbot, Qt.Key.Key_S, CTRL)
    assert sqlite_desk.visit(logged.args[0]).citizen_name == "Phạm Thị Ngọc Ánh"
    assert unicodedata.is_normalized("NFC", sqlite_desk.visit(logged.args[0]).citizen_name)


# --- drafts and editing -------------------------------------------------------------------------


def test_set_draft_and_draft_round_trip(form, sqlite_desk):
    draft = sample_draft(
        sqlite_desk,
        kind=VisitKind.PERIODIC,
        presiding_leader_id=next(s.id for s in sqlite_desk.staff() if s.role.can_preside),
        id_override_reason="đã đối chiếu",
        people_count=7,
        delegation=True,
        members=[GroupMember("Trần Văn An", IdDocType.CITIZEN_ID, "037085001111", "Thôn Đông",
                             "0912000111", True),
                 GroupMember("Lê Thị Bình", IdDocType.NONE, "", "", "", False)],
        direction=HandlingDirection.TRANSFER,
        target_body="Thanh tra tỉnh",
        target_doc_number="5/UBND-TCD",
        incident=True,
        incident_note="Gây rối",
        notes="Ghi chú",
    )
    form.set_draft(draft)
    assert form.draft() == draft
    assert form.field_widget("id_override_reason").isVisible()
    assert form.field_widget("representatives").isVisible()
    assert form.field_widget("participants").isVisible()
    blank = VisitDraft(receiving_staff_id=draft.receiving_staff_id)
    form.set_draft(blank)
    assert form.draft().received_at is not None  # a draft without a time gets "now"
    assert form.draft().citizen_name == ""


def test_changed_is_emitted_on_edits_not_on_loading(qtbot, form, sqlite_desk):
    with qtbot.assertNotEmitted(form.changed):
        form.set_draft(sample_draft(sqlite_desk))
        form.clear_form()
    assert form.is_blank()
    with qtbot.waitSignal(form.changed):
        type_text(None, "A")
    assert not form.is_blank()
    with qtbot.waitSignal(form.changed):
        form.documents.setFocus()
        press(qtbot, Qt.Key.Key_Insert)


def test_editing_an_existing_visit(qtbot, form, sqlite_desk):
    visit, _ = sqlite_desk.log_visit(sample_draft(sqlite_desk))
    assert form.load_visit(visit.id)
    assert form.editing_visit_id == visit.id
    assert "Sửa lượt tiếp số 1/2026" in form._title.text()
    assert form.draft() == visit.to_draft()
    assert focused() is form.citizen_name
    form.notes.setFocus()
    type_text(None, "Bổ sung sau")
    with qtbot.waitSignal(form.visit_updated) as updated, qtbot.assertNotEmitted(
            form.visit_logged):
        press(qtbot, Qt.Key.Key_S, CTRL)
    assert updated.args == [visit.id]
    saved = sqlite_desk.visit(visit.id)
    assert saved.notes == "Bổ sung sau"
    assert saved.version == visit.version + 1
    assert saved.seq == visit.seq
    assert form.banner_text() == "Đã lưu thay đổi của lượt tiếp số 1/2026."
    _assert_blank_for_next_citizen(form)
    assert len(_todays_rows(sqlite_desk)) == 1


def test_a_voided_visit_is_not_opened_for_editing(form, sqlite_desk):
    visit, _ = sqlite_desk.log_visit(sample_draft(sqlite_desk))
    sqlite_desk.void_visit(visit.id, "Nhập nhầm")
    type_text(None, "Đang nhập dở")
    assert not form.load_visit(visit.id)
    assert form.banner_text() == "Lượt tiếp đã hủy thì không sửa được."
    assert form.citizen_name.text() == "Đang nhập dở"
    assert form.editing_visit_id is None


# --- pickers and tables -------------------------------------------------------------------------


def test_commune_is_found_without_accents(qtbot, form, sqlite_desk):
    province = sqlite_desk.office().province_code
    target = geography.communes(province)[2]
    form.ward.setFocus()
    form.ward.lineEdit().selectAll()
    type_text(None, "xa " + fold(target.short_name).upper())
    tab(qtbot)
    assert form.ward.code() == target.code
    assert form.ward.currentText() == target.full_name
    # Another province: the commune list follows it.
    form.province.setFocus()
    form.province.lineEdit().selectAll()
    type_text(None, "ha noi")
    tab(qtbot)
    assert form.province.place().short_name == "Hà Nội"
    assert form.ward.code() is None
    assert form.ward.count() == len(geography.communes(form.province.code()))


def test_field_list_follows_the_petition_type(qtbot, form):
    form.petition_type.setFocus()
    press(qtbot, Qt.Key.Key_Down)  # khiếu nại
    codes = [form.field_code.itemData(i) for i in range(form.field_code.count())]
    assert "kn" in codes and "pakn" in codes and "tc" not in codes


def test_documents_table_keyboard(qtbot, form):
    table = form.documents
    assert not table.isVisible()  # folded on a common visit
    press(qtbot, Qt.Key.Key_3, CTRL)
    assert focused() is table
    press(qtbot, Qt.Key.Key_Insert)
    type_text(None, "Đơn khiếu nại")
    press(qtbot, Qt.Key.Key_Return)  # commit; Enter on the last row adds the next one
    assert table.rowCount() == 2
    type_text(None, "Biên bản")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)  # on the new empty last row: no pile of blank rows
    assert table.rowCount() == 3
    assert [d.name for d in table.documents()] == ["Đơn khiếu nại", "Biên bản"]
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Delete)
    assert [d.name for d in table.documents()] == ["Đơn khiếu nại"]
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_D, CTRL)
    assert table.documents() == [] and table.rowCount() == 1
    tab(qtbot)
    assert focused() is form.attachments.table  # Tab leaves the table when not editing


# --- messages and labels ------------------------------------------------------------------------

def test_labels_in_vietnamese_and_english():
    assert label(HandlingDirection.ACCEPT) == "Thụ lý giải quyết"
    assert label(HandlingDirection.ANONYMOUS) == "Không xử lý (nặc danh)"
    assert label(HandlingDirection.TO_POLICE) == "Chuyển cơ quan điều tra/viện kiểm sát"
    assert label(VisitKind.AD_HOC) == "Đột xuất"
    assert label(IdDocType.NONE) == "Không xuất trình"
    assert label(Sex.FEMALE) == "Nữ"
    set_language("en")
    assert label(HandlingDirection.ACCEPT) == "Accept for resolution"
    assert message_for(UserError("citizen.name_required")) == "Enter the citizen's full name."


def test_form_works_in_english(qtbot, sqlite_desk):
    set_language("en")
    form = _form(qtbot, sqlite_desk)
    assert form.field_widget("citizen_name").accessibleName() == "Citizen's full name"


# --- how it looks -------------------------------------------------------------------------------


def test_screenshots_at_1280x800_and_1024x768(qtbot, form, sqlite_desk, tmp_path):
    """Renders visit_form*.png for a human look (blank, filled, with errors)."""
    assert form.font().family() == "Liberation Sans"
    form.grab().save(shot(tmp_path, "visit_form.png"))
    form.set_draft(sample_draft(sqlite_desk, citizen_name="ỦY ỄNH ẤN Nguyễn Thị Đức",
                                kind=VisitKind.PERIODIC, people_count=3))
    QApplication.processEvents()
    form.grab().save(shot(tmp_path, "visit_form_filled.png"))
    form.set_draft(sample_draft(sqlite_desk, citizen_name="", content="", phone="abc",
                                id_number="037185001234", direction=HandlingDirection.GUIDE))
    form.save()
    QApplication.processEvents()  # the layout makes room for the messages
    form.grab().save(shot(tmp_path, "visit_form_errors.png"))
    for size in ((1280, 800), (1024, 768)):
        form.resize(*size)
        QApplication.processEvents()
        assert not form._scroll.horizontalScrollBar().isVisible(), size
        assert form._save_button.isVisible()
    form.grab().save(shot(tmp_path, "visit_form_1024.png"))
    assert Path(shot(tmp_path, "visit_form_errors.png")).stat().st_size > 10_000


def test_screenshots_with_repeat_banner_and_crowd_section(qtbot, form, sqlite_desk, tmp_path):
    """Renders visit_form_repeat*.png: the banner over the content, a filled crowd."""
    desk = sqlite_desk
    first, _ = desk.log_visit(sample_draft(desk))
    case, _ = desk.cases.open_from_visit(first.id, title="Cấp giấy chứng nhận thửa 215")
    desk.log_visit(sample_draft(desk, citizen_id=first.citizen_id, case_id=case.id,
                                content="Hỏi tiến độ cấp giấy chứng nhận quyền sử dụng đất "
                                        "thửa số 215, đã quá hạn hẹn trả lời."))
    form.set_draft(sample_draft(
        desk, citizen_id=first.citizen_id, people_count=8, delegation=True,
        members=[GroupMember("Phạm Văn Thưởng", IdDocType.CITIZEN_ID, "037068001122",
                             "Thôn Đông, xã Bắc Lý", "0912 111 222", True),
                 GroupMember("Đỗ Thị Ngọc Ánh", IdDocType.LEGACY_CMND, "163456789",
                             "Thôn Đông", "0987 333 444", True),
                 GroupMember("Ủy viên Bùi Thị Huệ", IdDocType.CITIZEN_ID, "037175006677",
                             "Xóm Mới", "0911 222 333", False)]))
    form.check_repeats_now()
    form.link_case(case.id)
    assert form.repeat_banner.isVisible() and form._case_row.isVisible()
    for size, name in (((1280, 800), "visit_form_repeat"), ((1024, 768), "visit_form_repeat_1024")):
        form.resize(*size)
        QApplication.processEvents()
        assert not form._scroll.horizontalScrollBar().isVisible(), size
        form._scroll.ensureWidgetVisible(form.repeat_banner, 0, 0)
        QApplication.processEvents()
        form.grab().save(shot(tmp_path, f"{name}.png"))
        form._body.grab().save(shot(tmp_path, f"{name}_full.png"))
    assert Path(shot(tmp_path, "visit_form_repeat.png")).stat().st_size > 10_000


def test_received_at_is_the_office_wall_clock(form, sqlite_desk, clock):
    clock.moment = clock.moment.replace(hour=20, minute=15)  # 03:15 next day in Vietnam
    form.clear_form()
    received = form.draft().received_at
    assert received is not None
    assert received.tzinfo is OFFICE_TZ
    assert (received.day, received.hour, received.minute) == (28, 3, 15)
    assert form.received_at.text() == "28/11/2026 03:15"
    assert received - sqlite_desk.now() == timedelta(0)


# --- citizens, repeats, crowds, printing -------------------------------------------------------

QR = ("037085001234|163456789|Nguyễn Văn Đức|12041985|Nam|Thôn Đông, xã Bắc Lý, tỉnh Ninh Bình"
      "|03052021")


def _finish_content(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    """Content, type and direction by keyboard: what a visit needs besides the citizen."""
    form.content.setFocus()
    type_text(None, "Đề nghị cấp giấy chứng nhận quyền sử dụng đất thửa số 215.")
    tab(qtbot)
    press(qtbot, Qt.Key.Key_Down, times=3)  # kiến nghị
    form.direction.setFocus()
    press(qtbot, Qt.Key.Key_Down)  # thụ lý giải quyết


def test_picking_a_citizen_with_the_keyboard_fills_the_form_and_keeps_one_record(
        qtbot, form, sqlite_desk):
    desk = sqlite_desk
    first, _ = desk.log_visit(sample_draft(desk))
    assert focused() is form.citizen_name
    type_text(None, "nguyen van d")
    form.citizen_search.search_now()
    assert form.citizen_search.is_open()
    press(qtbot, Qt.Key.Key_Down)  # stays on the only result
    press(qtbot, Qt.Key.Key_Return)
    assert not form.citizen_search.is_open()
    assert form.citizen_name.text() == "Nguyễn Văn Đức"
    assert form.id_number.text() == "037085001234"
    assert form.birth_date.date() == date(1985, 4, 12)
    assert form.id_issue_date.date() == date(2021, 5, 3)
    assert form.id_issue_place.text() == "Cục Cảnh sát QLHC về TTXH"
    assert form.sex.currentData() == Sex.MALE.value
    assert form.phone.text() == "0912 345 678"
    assert form.ward.code() == desk.office().commune_code
    assert form.address_detail.text() == "Thôn Đông, số 12"
    assert form.draft().citizen_id == first.citizen_id
    assert form._citizen_note.isVisible()
    # A new phone number is the same person; the record is updated on saving.
    form.phone.setFocus()
    form.phone.selectAll()
    type_text(None, "0987 654 321")
    assert form.draft().citizen_id == first.citizen_id
    _finish_content(qtbot, form)
    with qtbot.waitSignal(form.visit_logged, timeout=5000) as logged:
        press(qtbot, Qt.Key.Key_S, CTRL)
    saved = desk.visit(logged.args[0])
    assert saved.citizen_id == first.citizen_id
    assert [c.id for c in desk.citizens.by_id_number("037085001234")] == [first.citizen_id]
    assert desk.citizens.get(first.citizen_id).phone == "0987 654 321"


def test_editing_the_name_or_number_of_a_picked_citizen_makes_a_new_person(form, sqlite_desk):
    desk = sqlite_desk
    first, _ = desk.log_visit(sample_draft(desk))
    form.fill_from_citizen(desk.citizens.get(first.citizen_id))
    form.citizen_name.setText("NGUYEN VAN DUC")  # spelling and case: still the same person
    assert form.draft().citizen_id == first.citizen_id
    form.citizen_name.setText("Nguyễn Văn Đông")
    assert form.draft().citizen_id is None
    form.citizen_name.setText("Nguyễn Văn Đức")
    assert form.draft().citizen_id == first.citizen_id
    form.id_number.setText("037085009999")
    assert form.draft().citizen_id is None
    assert not form._citizen_note.isVisible()


def test_a_save_that_would_undo_another_counters_correction_keeps_the_form(form, sqlite_desk):
    """Issue 11: another counter corrected the picked citizen's phone meanwhile; this save is
    refused with the field named, everything typed stays, and saving again keeps it."""
    desk = sqlite_desk
    first, _ = desk.log_visit(sample_draft(desk))
    picked = desk.citizens.get(first.citizen_id)
    form.fill_from_citizen(picked)
    form.content.setPlainText("Hỏi tiến độ giải quyết đơn lần trước")
    form.petition_type.setCurrentIndex(form.petition_type.findData(PetitionType.PETITION.value))
    form.direction.setCurrentIndex(form.direction.findData(HandlingDirection.ACCEPT.value))
    desk.log_visit(sample_draft(desk, citizen_id=picked.id, citizen_version=picked.version,
                                phone="0987 654 321"))  # the other counter's correction
    count = desk.count_visits(VisitQuery())
    assert form.save() is None
    assert desk.count_visits(VisitQuery()) == count
    assert "Quầy khác vừa sửa hồ sơ của công dân này (nay khác ở: số điện thoại)" in (
        form.banner_text())
    assert form.phone.text() == "0912 345 678"  # what the clerk had is kept
    assert form.content.toPlainText() == "Hỏi tiến độ giải quyết đơn lần trước"
    assert form.save() is not None  # checked with the citizen: saved as typed
    assert desk.citizens.get(picked.id).phone == "0912 345 678"


def test_qr_typed_into_the_name_field_fills_the_identity(qtbot, form, sqlite_desk):
    type_text(None, QR + "\n")  # a USB scanner types the payload and Enter
    assert form.citizen_name.text() == "Nguyễn Văn Đức"
    assert form.id_doc_type.currentData() == IdDocType.CITIZEN_ID.value
    assert form.id_number.text() == "037085001234"
    assert form.birth_date.date() == date(1985, 4, 12)
    assert form.sex.currentData() == Sex.MALE.value
    assert form.address_detail.text() == "Thôn Đông, xã Bắc Lý, tỉnh Ninh Bình"
    assert form.id_issue_date.date() == date(2021, 5, 3)
    assert form.draft().citizen_id is None  # nobody with this number in the registry yet


def test_qr_scanned_into_the_id_field_and_a_bad_scan_changes_nothing(qtbot, form, sqlite_desk):
    desk = sqlite_desk
    first, _ = desk.log_visit(sample_draft(desk))
    form.id_number.setFocus()
    type_text(None, QR + "\n")
    assert form.id_number.text() == "037085001234"
    assert form.citizen_name.text() == "Nguyễn Văn Đức"
    assert form.phone.text() == "0912 345 678"  # the rest from the registry record
    assert form.draft().citizen_id == first.citizen_id  # the same card: no duplicate person
    before = form.draft()
    form.id_number.setFocus()
    form.id_number.selectAll()
    type_text(None, QR.replace("12041985", "31021985") + "\n")
    assert form.id_number.text() == ""  # what the field held before the scan (it was selected)
    assert "ngày không đọc được" in form.banner_text()
    after = form.draft()
    assert (after.citizen_name, after.birth_date, after.address_detail) == (
        before.citizen_name, before.birth_date, before.address_detail)


def test_repeat_banner_for_a_returning_citizen_and_alt_l_links(qtbot, form, sqlite_desk):
    desk = sqlite_desk
    first, _ = desk.log_visit(sample_draft(desk))
    case, _ = desk.cases.open_from_visit(first.id, title="Cấp giấy chứng nhận thửa 215")
    assert not form.repeat_banner.isVisible()
    type_text(None, "Nguyễn Văn Đức")
    press(qtbot, Qt.Key.Key_Escape)  # closes the search popup, keeps the text
    form.id_number.setFocus()
    type_text(None, "037085001234")
    qtbot.waitUntil(form.repeat_banner.isVisible, timeout=3000)  # after the 300 ms pause
    report = form.repeat_banner.report()
    assert report.person_visit_count == 1
    assert report.suggested_case_id == case.id
    assert "đã đến 1 lần" in form.repeat_banner.title.text()
    assert form.linked_case_id() is None
    press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert form.linked_case_id() == case.id
    assert form._case_row.isVisible()
    assert case.number in form._case_label.text()
    assert form.draft().case_id == case.id
    form._unlink_button.click()
    assert form.draft().case_id is None and not form._case_row.isVisible()
    form.id_number.setFocus()
    press(qtbot, Qt.Key.Key_L, CTRL)
    assert form.draft().case_id == case.id
    _finish_content(qtbot, form)
    with qtbot.waitSignal(form.visit_logged, timeout=5000) as logged:
        press(qtbot, Qt.Key.Key_S, CTRL)
    assert desk.visit(logged.args[0]).case_id == case.id
    assert not form.repeat_banner.isVisible()  # blank for the next citizen
    assert not form._case_row.isVisible()
    # Editing that visit shows the case it belongs to, and not itself as an earlier visit.
    assert form.load_visit(logged.args[0])
    assert form._case_row.isVisible()
    form.check_repeats_now()
    assert logged.args[0] not in [v.id for v in form.repeat_banner.report().visits]


def test_crowd_section_rules_in_the_form(qtbot, form, sqlite_desk, tmp_path):
    desk = sqlite_desk
    form.set_draft(sample_draft(desk))
    crowd = form.crowd
    assert not crowd.details.isVisible()  # one person: no tables in the way
    reps = [GroupMember(f"Người đại diện {i}", IdDocType.CITIZEN_ID, f"0370850011{i:02d}",
                        "Thôn Đông", "", True) for i in range(6)]
    crowd.set_members(reps, people_count=11, delegation=True)
    assert crowd.details.isVisible()
    assert "11 người chỉ được cử tối đa 5 người đại diện" in crowd.rules.text()
    with qtbot.assertNotEmitted(form.visit_logged):
        press(qtbot, Qt.Key.Key_S, CTRL)
    (message,) = form.field_messages("representatives")
    assert "tối đa 5 người đại diện" in message
    assert crowd.reps.property("invalid") is True
    assert crowd.rules.text() == ""  # said once, under the table (and not "rules are met")
    assert focused() is crowd.reps
    QApplication.processEvents()
    form.grab().save(shot(tmp_path, "visit_form_crowd_errors.png"))  # for a look
    crowd.reps.setCurrentCell(5, 0)
    press(qtbot, Qt.Key.Key_Delete)
    assert len(crowd.representatives()) == 5
    assert form.field_messages("representatives") == []
    assert crowd.reps.property("invalid") is False
    crowd.paste_participants("Bùi Thị Huệ\t037175006677\tXóm Mới\t0911222333\n"
                             "Ngô Quang Vĩnh\t\tXóm Mới\t\n")
    assert crowd.rule_messages() == []
    with qtbot.waitSignal(form.visit_logged, timeout=5000) as logged:
        press(qtbot, Qt.Key.Key_S, CTRL)
    visit = desk.visit(logged.args[0])
    assert visit.people_count == 11 and visit.delegation
    assert [(m.full_name, m.is_representative) for m in visit.members] == [
        *[(f"Người đại diện {i}", True) for i in range(5)],
        ("Bùi Thị Huệ", False), ("Ngô Quang Vĩnh", False)]
    assert not crowd.details.isVisible()  # blank again for the next citizen


def test_ctrl_p_saves_and_opens_the_receipt_preview(qtbot, form, sqlite_desk):
    from reception_desk.ui.print_preview import PrintPreviewDialog

    desk = sqlite_desk
    form.set_draft(sample_draft(desk))
    form.content.setFocus()
    with qtbot.waitSignals([form.visit_logged, form.receipt_opened], timeout=5000):
        press(qtbot, Qt.Key.Key_P, CTRL)
    (dialog,) = form.findChildren(PrintPreviewDialog)
    qtbot.waitExposed(dialog)
    assert "01/BN-UBND" in dialog.windowTitle()
    assert not dialog.note_label.isVisibleTo(dialog)  # a new receipt, not a copy
    assert form.banner_text() == "Đã lưu lượt tiếp số 1/2026."
    assert form.is_blank() and form.editing_visit_id is None
    visit_id = _todays_rows(desk)[0].id
    dialog.close()
    form.activateWindow()  # what the window manager does when the preview closes
    qtbot.waitUntil(form.isActiveWindow)
    assert focused() is form.citizen_name  # ready for the next citizen

    # Opened again and unchanged: printed without saving, as a copy of the same receipt.
    assert form.load_visit(visit_id)
    with qtbot.assertNotEmitted(form.visit_updated), \
            qtbot.waitSignal(form.receipt_opened, timeout=5000):
        form._print_button.click()
    copy = [d for d in form.findChildren(PrintPreviewDialog) if d.isVisible()][-1]
    assert copy.note_label.isVisibleTo(copy)
    assert [d.number for d in desk.documents.for_visit(visit_id)] == [1]
    copy.close()


def test_ctrl_p_with_problems_neither_saves_nor_prints(qtbot, form, sqlite_desk):
    from reception_desk.ui.print_preview import PrintPreviewDialog

    form.set_draft(sample_draft(sqlite_desk, content=""))
    with qtbot.assertNotEmitted(form.receipt_opened):
        press(qtbot, Qt.Key.Key_P, CTRL)
    assert form.field_messages("content")
    assert form.findChildren(PrintPreviewDialog) == []
