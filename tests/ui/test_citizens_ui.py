"""Citizen widgets (pytest-qt): search popup, QR scan, repeat banner, crowd section, Ctrl+F."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QWidget

from reception_desk.domain.classification import IdDocType
from reception_desk.domain.classification import Sex
from reception_desk.domain.visits import GroupMember
from reception_desk.i18n import set_language
from reception_desk.ui.citizen_search import CitizenSearch
from reception_desk.ui.global_search import GlobalSearchDialog
from reception_desk.ui.merge_dialog import MergeDialog
from reception_desk.ui.repeat_banner import RepeatBanner
from reception_desk.ui.theme import apply_theme
from reception_desk.ui.visit_form import CrowdSection
from tests.conftest import sample_draft
from tests.ui.helpers import shot

QR = ("037085001234|163456789|Nguyễn Văn Đức|12041985|Nam|Thôn Đông, xã Bắc Lý, tỉnh Ninh Bình"
      "|03052021")


@pytest.fixture(autouse=True)
def _vietnamese(qapp):  # type: ignore[no-untyped-def]
    apply_theme(qapp)
    set_language("vi")
    yield
    set_language("en")


def type_text(widget: QWidget, text: str) -> None:
    """One key event per character: qtbot.keyClicks aborts on non-ASCII (STACK.md)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, ch))


def key(widget: QWidget, k: Qt.Key, mod=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, k, mod))
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyRelease, k, mod))


@pytest.fixture
def people(sqlite_desk):  # type: ignore[no-untyped-def]
    desk = sqlite_desk
    duc, _ = desk.log_visit(sample_draft(desk))
    desk.log_visit(sample_draft(desk, citizen_name="Nguyễn Văn Đông", id_number="037085005678"))
    desk.log_visit(sample_draft(desk, citizen_name="Trần Thị Mai", id_number="037185004321",
                                sex=Sex.FEMALE))
    return desk, duc


def test_popup_picks_a_citizen_with_the_keyboard(qtbot, people):
    desk, duc = people
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    search = CitizenSearch(edit, desk)
    type_text(edit, "nguyễn v đ")
    qtbot.waitUntil(search.is_open, timeout=2000)
    assert [c.full_name for c in search.results()] == ["Nguyễn Văn Đông", "Nguyễn Văn Đức"]
    assert "1 lượt tiếp" in search.popup.list.item(1).text()
    with qtbot.waitSignal(search.citizen_picked) as picked:
        key(edit, Qt.Key.Key_Down)
        key(edit, Qt.Key.Key_Return)
    assert picked.args[0].id == duc.citizen_id
    assert edit.text() == "Nguyễn Văn Đức"
    assert not search.is_open()
    # Esc closes without picking.
    type_text(edit, " ")
    search.search_now()
    assert search.is_open()
    key(edit, Qt.Key.Key_Escape)
    assert not search.is_open()


def test_qr_payload_typed_by_a_scanner_fills(qtbot, people):
    desk, _duc = people
    edit = QLineEdit()
    qtbot.addWidget(edit)
    search = CitizenSearch(edit, desk, today=lambda: desk.now().date())
    with qtbot.waitSignal(search.qr_scanned) as scanned:
        type_text(edit, QR)
        key(edit, Qt.Key.Key_Return)
    qr = scanned.args[0]
    assert (qr.id_number, qr.full_name, qr.sex) == ("037085001234", "Nguyễn Văn Đức", Sex.MALE)
    assert qr.birth_date.isoformat() == "1985-04-12"
    assert qr.issue_date.isoformat() == "2021-05-03"
    assert edit.text() == "Nguyễn Văn Đức"


def test_qr_scan_after_the_debounce_without_enter(qtbot, people):
    desk, _duc = people
    edit = QLineEdit()
    qtbot.addWidget(edit)
    search = CitizenSearch(edit, desk, today=lambda: desk.now().date())
    with qtbot.waitSignal(search.qr_scanned, timeout=2000):
        type_text(edit, QR)


def test_malformed_qr_changes_nothing_and_says_why(qtbot, people):
    desk, _duc = people
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    search = CitizenSearch(edit, desk, today=lambda: desk.now().date())
    type_text(edit, "Lê Văn")
    bad = QR.replace("12041985", "31021985")  # 31 February
    scanned = []
    search.qr_scanned.connect(scanned.append)
    with qtbot.waitSignal(search.qr_rejected) as rejected:
        type_text(edit, bad)
        key(edit, Qt.Key.Key_Return)
    assert scanned == []
    assert edit.text() == "Lê Văn"
    assert "31021985" in rejected.args[0]
    assert search.popup.status.text() == rejected.args[0]


def test_repeat_banner_appears_for_a_returning_citizen_and_links(qtbot, people):
    from tests.services.test_citizens import add_case

    desk, duc = people
    case_id = add_case(desk, "Cấp giấy chứng nhận thửa 215", citizen_id=duc.citizen_id)
    desk.log_visit(sample_draft(desk, citizen_id=duc.citizen_id, case_id=case_id,
                                content="Hỏi tiến độ cấp giấy chứng nhận thửa 215.",
                                received_at=desk.now() - timedelta(minutes=1)))
    window = QWidget()
    qtbot.addWidget(window)
    banner = RepeatBanner(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    banner.set_report(desk.citizens.repeats(sample_draft(desk, content="Hỏi lại")))
    assert banner.isVisible()
    assert "Công dân này đã đến 2 lần" in banner.title.text()
    assert banner.table.rowCount() == 2
    assert banner.table.item(0, 3).text() == "1/2026"
    with qtbot.waitSignal(banner.link_requested) as linked:
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert linked.args == [case_id]
    with qtbot.waitSignal(banner.link_requested) as linked:
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert linked.args == [case_id]
    banner.set_linked(case_id)
    assert "1/2026" in banner.linked_label.text()
    # The linked visit is saved with the case: the case now has two visits.
    visit, _ = desk.log_visit(sample_draft(desk, citizen_id=duc.citizen_id, case_id=case_id))
    assert visit.case_id == case_id
    assert desk.citizens.case_visit_counts([case_id]) == {case_id: 2}
    banner.set_report(desk.citizens.repeats(sample_draft(
        desk, citizen_name="Hoàng Văn Nam", id_number="037085009999",
        content="Phản ánh tiếng ồn xưởng gỗ")))
    assert not banner.isVisible()


@pytest.mark.parametrize(("people", "reps", "delegation", "expected"), [
    (4, 0, False, None),
    (4, 0, True, "từ 5 người trở lên"),
    (5, 0, True, "phải cử người đại diện"),
    (5, 1, False, "đoàn đông người"),
    (5, 2, True, None),
    (10, 3, True, "tối đa 2 người đại diện"),
    (11, 3, True, None),
    (11, 5, True, None),
    (11, 6, True, "tối đa 5 người đại diện"),
])
def test_crowd_rule_messages(qtbot, people, reps, delegation, expected):
    crowd = CrowdSection()
    qtbot.addWidget(crowd)
    members = [GroupMember(f"Người đại diện {i}", IdDocType.CITIZEN_ID, f"03708500{i:04d}",
                           is_representative=True) for i in range(reps)]
    crowd.set_members(members, people_count=people, delegation=delegation)
    messages = crowd.rule_messages()
    if expected is None:
        assert messages == []
    else:
        assert any(expected in m for m in messages), messages
        assert expected in crowd.rules.text()
    assert len(crowd.representatives()) == reps


def test_crowd_rules_update_live_and_emit_changed(qtbot):
    crowd = CrowdSection()
    qtbot.addWidget(crowd)
    with qtbot.waitSignal(crowd.changed):
        crowd.set_people_count(6)
    assert any("đại diện" in m for m in crowd.rule_messages())
    crowd.set_delegation(True)
    crowd._add_rep_row(GroupMember(is_representative=True))
    crowd.reps.item(0, 0).setText("Lê Văn Tám")
    crowd.reps.item(0, 2).setText("037085001234")
    assert crowd.rule_messages() == []
    assert crowd.delegation() is True
    assert crowd.members()[0].id_number == "037085001234"


def test_paste_participants_from_a_spreadsheet(qtbot):
    crowd = CrowdSection()
    qtbot.addWidget(crowd)
    crowd.show()
    pasted = ("STT\tHọ và tên\tSố CCCD\tĐịa chỉ\tSố điện thoại\n"
              "1\tNguyễn Văn An\t037085001234\tThôn Đông\t0912345678\n"
              "2\tTrần Thị Bình\t37185004321\tThôn Đông\t0987654321\n"
              "3\t\t037085009999\tThôn Tây\t\n"
              "4\tLê Văn Cường\t037085001234\tThôn Tây\t12ab\n")
    QGuiApplication.clipboard().setText(pasted)
    crowd.participants.setFocus()
    with qtbot.waitSignal(crowd.changed):
        key(crowd.participants, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    listed = crowd.participants_list()
    assert [m.full_name for m in listed] == ["Nguyễn Văn An", "Trần Thị Bình", "",
                                             "Lê Văn Cường"]
    assert listed[1].id_number == "037185004321"  # the spreadsheet's lost zero restored
    report = crowd.paste_report.text()
    assert "Dòng 3" in report and "Dòng 4" in report and "Dòng 5" in report
    assert crowd.people_count() == 4
    assert crowd.rule_messages() == []  # 4 people: no Art. 29 duty, not a delegation


def test_global_search_groups_and_opens_with_enter(qtbot, people):
    desk, _duc = people
    dialog = GlobalSearchDialog(desk)
    qtbot.addWidget(dialog)
    dialog.open_search()
    type_text(dialog.query, "giay chung nhan")
    dialog.search_now()
    assert len(dialog.results().visits) == 3
    with qtbot.waitSignal(dialog.visit_open_requested) as opened:
        key(dialog.query, Qt.Key.Key_Return)
    assert opened.args[0] == dialog.results().visits[0].id
    dialog.query.clear()
    type_text(dialog.query, "tran thi")
    dialog.search_now()
    with qtbot.waitSignal(dialog.citizen_picked) as picked:
        key(dialog.query, Qt.Key.Key_Return)
    assert picked.args[0].full_name == "Trần Thị Mai"


def test_merge_dialog_merges_after_confirmation(qtbot, people):
    desk, duc = people
    dup, _ = desk.log_visit(sample_draft(desk, id_doc_type=IdDocType.NONE, id_number="",
                                         sex=None))
    asked = []
    dialog = MergeDialog(desk, confirm=lambda text: asked.append(text) or True)
    qtbot.addWidget(dialog)
    dialog.set_pair(duc.citizen_id, dup.citizen_id)
    with qtbot.waitSignal(dialog.merged) as merged:
        dialog.merge_button.click()
    assert "Nguyễn Văn Đức" in asked[0]
    assert merged.args[0].survivor.visit_count == 2
    dialog.set_pair(duc.citizen_id, duc.citizen_id)
    dialog.merge_button.click()
    assert dialog.error.text() == "Chọn hai công dân khác nhau để gộp."


def test_screenshots_of_banner_and_crowd_section(qtbot, people, tmp_path):
    """Rendered with realistic data for a look (RD_SCREENSHOTS=folder to collect them)."""
    from tests.services.test_citizens import add_case

    desk, duc = people
    case_id = add_case(desk, "Cấp giấy chứng nhận quyền sử dụng đất thửa 215",
                       citizen_id=duc.citizen_id)
    desk.log_visit(sample_draft(desk, citizen_id=duc.citizen_id, case_id=case_id,
                                content="Hỏi tiến độ cấp giấy chứng nhận quyền sử dụng đất "
                                        "thửa số 215, đã quá hạn hẹn trả lời."))
    desk.log_visit(sample_draft(desk, citizen_name="Hoàng Thị Ánh", id_number="037185000777",
                                sex=Sex.FEMALE,
                                content="Kiến nghị cấp giấy chứng nhận quyền sử dụng đất cho "
                                        "thửa số 216."))
    banner = RepeatBanner()
    qtbot.addWidget(banner)
    banner.resize(900, 10)
    banner.set_report(desk.citizens.repeats(sample_draft(desk)))
    banner.set_linked(case_id)
    banner.adjustSize()
    banner.resize(900, banner.sizeHint().height())
    assert banner.grab().save(shot(tmp_path, "repeat_banner.png"))

    crowd = CrowdSection()
    qtbot.addWidget(crowd)
    crowd.resize(900, 640)
    crowd.set_members([
        GroupMember("Phạm Văn Thưởng", IdDocType.CITIZEN_ID, "037068001122",
                    "Thôn Đông, xã Bắc Lý", "0912 111 222", True),
        GroupMember("Đỗ Thị Ngọc Ánh", IdDocType.LEGACY_CMND, "163456789",
                    "Thôn Đông, xã Bắc Lý", "0987 333 444", True),
        GroupMember("Vũ Đức Hiếu", IdDocType.CITIZEN_ID, "037082004455", is_representative=True),
    ], people_count=8, delegation=True)
    crowd.paste_participants("Ủy viên Bùi Thị Huệ\t037175006677\tXóm Mới\t0911222333\n"
                             "Ngô Quang Vĩnh\t3708500\tXóm Mới\t\n")
    assert "Dòng 2: Số phải có 12 chữ số" in crowd.paste_report.text()
    crowd.show()
    assert crowd.grab().save(shot(tmp_path, "crowd_section.png"))
