"""An old address on a scanned card or typed puts the new commune on the picker; a split ward
offers its candidates with the hamlet text, none picked (issue 16, item 2). A scanned name that
lost its accents is flagged at the field at once and not saved without a reason (item 1)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reception_desk.i18n import set_language
from reception_desk.ui.theme import apply_theme
from reception_desk.ui.visit_form import VisitForm
from reception_desk.ui.visit_form.address_choice import OldAddressChooser
from tests.conftest import sample_draft
from tests.ui.helpers import focused
from tests.ui.helpers import press
from tests.ui.helpers import shot
from tests.ui.helpers import tab
from tests.ui.helpers import type_text

CTRL = Qt.KeyboardModifier.ControlModifier
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")

SPLIT_ADDRESS = "Xóm 2, X. Cổ Bi, H. Gia Lâm, TP. Hà Nội"
ONE_ADDRESS = "Thôn 3, Xã Ea Tu, Thành phố Buôn Ma Thuột, Đắk Lắk"


def _qr(address: str, name: str = "Nguyễn Văn Đức") -> str:
    return f"037085001234|163456789|{name}|12041985|Nam|{address}|03052021"


@pytest.fixture(autouse=True)
def vietnamese(qapp):  # type: ignore[no-untyped-def]
    set_language("vi")
    apply_theme(qapp)
    yield


@pytest.fixture
def form(qtbot, sqlite_desk):  # type: ignore[no-untyped-def]
    form = VisitForm(sqlite_desk)
    qtbot.addWidget(form)
    form.resize(1366, 768)
    form.show()
    form.activateWindow()
    qtbot.waitExposed(form)
    qtbot.waitUntil(form.isActiveWindow)
    form.focus_first_field()
    return form


def _chooser(form: VisitForm) -> OldAddressChooser:
    return form.old_address


def _fill_the_matter(form: VisitForm, desk) -> None:  # type: ignore[no-untyped-def]
    """The rest of a valid visit, from a sample draft, keeping the identity and place."""
    sample = sample_draft(desk)
    form.content.setPlainText(sample.content)
    form.petition_type.setCurrentIndex(form.petition_type.findData(sample.petition_type.value))
    form.field_code.setCurrentIndex(form.field_code.findData(sample.field_code))
    form.direction.setCurrentIndex(form.direction.findData(sample.direction.value))


def test_a_split_ward_on_a_card_offers_the_candidates_and_picks_none(qtbot, form, sqlite_desk,
                                                                     tmp_path):
    type_text(None, _qr(SPLIT_ADDRESS) + "\n")
    chooser = _chooser(form)
    qtbot.waitUntil(chooser.isVisible)
    items = [chooser.choices.item(i).text() for i in range(chooser.choices.count())]
    assert items == ["Phường Phúc Lợi, Thành phố Hà Nội — cho “Xóm 2”",
                     "Xã Gia Lâm, Thành phố Hà Nội — cho “Xóm 2”",
                     "Xã Phù Đổng, Thành phố Hà Nội — cho “Xóm 2”"]
    assert "đã được chia vào 3 xã, phường mới" in chooser.note.text()
    assert "Xã Cổ Bi, Huyện Gia Lâm, Thành phố Hà Nội" in chooser.note.text()
    assert form.ward.code() is None  # none picked for the clerk
    assert form.province.code() == 1  # Hà Nội
    assert focused() is chooser.choices
    form.grab().save(shot(tmp_path, "split-ward-choice.png"))
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    assert not chooser.isVisible()
    assert form.ward.code() == 565  # Xã Gia Lâm
    assert focused() is form.phone
    assert form.address_detail.text() == SPLIT_ADDRESS  # recorded as printed on the card
    _fill_the_matter(form, sqlite_desk)
    with qtbot.waitSignal(form.visit_logged) as logged:
        press(qtbot, Qt.Key.Key_S, CTRL)
    visit = sqlite_desk.visit(logged.args[0])
    assert (visit.citizen.ward_code, visit.citizen.address_detail) == (565, SPLIT_ADDRESS)


def test_escape_leaves_the_commune_to_the_picker(qtbot, form):
    type_text(None, _qr(SPLIT_ADDRESS) + "\n")
    chooser = _chooser(form)
    qtbot.waitUntil(chooser.isVisible)
    press(qtbot, Qt.Key.Key_Escape)
    assert not chooser.isVisible()
    assert form.ward.code() is None
    assert focused() is form.ward


def test_an_old_address_with_one_new_commune_fills_the_picker(qtbot, form):
    type_text(None, _qr(ONE_ADDRESS) + "\n")
    chooser = _chooser(form)
    assert form.ward.code() == 24163  # Phường Tân An
    assert form.province.code() == 66  # Đắk Lắk
    assert chooser.isVisible() and not chooser.choices.isVisible()
    assert chooser.note.text() == (
        "Địa chỉ cũ (Xã Ea Tu, Thành phố Buôn Ma Thuột, Tỉnh Đắk Lắk): nay là Phường Tân An, "
        "Tỉnh Đắk Lắk.")
    assert form.address_detail.text() == ONE_ADDRESS


def test_a_typed_old_address_is_mapped_when_the_clerk_leaves_the_field(qtbot, form):
    form.address_detail.setFocus()
    type_text(None, "Thôn Đông, Xã Văn Khê, Huyện Mê Linh, Thành phố Hà Nội")
    tab(qtbot)
    chooser = _chooser(form)
    assert chooser.choices.count() == 4
    assert focused() is chooser.choices
    # Another address typed over it: the list no longer applies.
    form.address_detail.setFocus()
    form.address_detail.selectAll()
    type_text(None, "Thôn 3, X. Ea Tu, TP. Buôn Ma Thuột, Đắk Lắk")
    assert not chooser.isVisible()
    tab(qtbot)
    assert form.ward.code() == 24163


def test_a_scanned_name_without_its_accents_is_flagged_and_needs_a_reason(qtbot, form,
                                                                          sqlite_desk,
                                                                          tmp_path):
    type_text(None, _qr(ONE_ADDRESS, name="Trn Th Hng Nhung") + "\n")
    form.grab().save(shot(tmp_path, "mangled-name.png"))
    (message,) = form.field_messages("citizen_name")
    assert message.startswith("“Trn, Th, Hng” không thể có trong họ tên tiếng Việt")
    assert form.field_widget("id_override_reason").isVisible()
    assert form._cells["id_override_reason"].caption.text() == "Lý do chấp nhận họ tên này"
    _fill_the_matter(form, sqlite_desk)
    assert form.save() is None  # never silently saved
    form.id_override_reason.setFocus()
    type_text(None, "Đã đối chiếu thẻ: họ tên in đúng như vậy")
    tab(qtbot)
    assert form.field_messages("citizen_name") == []
    visit_id = form.save()
    assert visit_id is not None
    assert sqlite_desk.visit(visit_id).citizen.full_name == "Trn Th Hng Nhung"


def test_a_split_ward_keeps_the_commune_a_clerk_chose_for_the_registry_record(qtbot, form,
                                                                               sqlite_desk):
    desk = sqlite_desk
    desk.log_visit(sample_draft(desk, ward_code=541, address_detail=SPLIT_ADDRESS))  # Phù Đổng
    type_text(None, _qr(SPLIT_ADDRESS) + "\n")
    chooser = _chooser(form)
    assert form.draft().citizen_id is not None  # the registry record of the card's number
    assert form.ward.code() == 541
    assert chooser.isVisible() and not chooser.choices.isVisible()
    assert "hồ sơ công dân đã ghi Xã Phù Đổng" in chooser.note.text()


def test_tabbing_through_a_shown_draft_changes_no_commune(qtbot, form, sqlite_desk):
    office_commune = sqlite_desk.office().commune_code
    form.set_draft(sample_draft(sqlite_desk, ward_code=office_commune,
                                address_detail="Thôn 3, Xã Ea Tu, TP. Buôn Ma Thuột, Đắk Lắk"))
    form.address_detail.setFocus()
    tab(qtbot)
    assert form.ward.code() == office_commune
    assert not _chooser(form).isVisible()
