"""Changes drive refresh (issue 9): what a use case run from a screen changed reaches every page
through the desk's one ``ChangeFeed``, and each page re-reads only what the ``Changes`` names."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from reception_desk.domain.cases import ComplexityCriterion
from reception_desk.domain.cases import EventKind
from reception_desk.i18n import set_language
from reception_desk.services.cases.dto import EventDraft
from reception_desk.services.context import Changes
from reception_desk.ui.cases import CaseDialog
from reception_desk.ui.cases import CasesPage
from reception_desk.ui.changes import announce
from reception_desk.ui.changes import change_feed
from reception_desk.ui.citizen_search import CitizenSearch
from reception_desk.ui.logbook import LogbookPage
from reception_desk.ui.visit_form import VisitForm
from tests.conftest import sample_draft
from tests.ui.cases_data import populate
from tests.ui.test_logbook import add_visits

PAGE = 5


@pytest.fixture(autouse=True)
def vietnamese():  # type: ignore[no-untyped-def]
    set_language("vi")
    yield
    set_language("vi")


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def logbook(qtbot, sqlite_desk, settings):  # type: ignore[no-untyped-def]
    """30 visits of today in pages of five, every page read once (and kept)."""
    add_visits(sqlite_desk, 30)
    page = LogbookPage(sqlite_desk, settings, page_size=PAGE)
    qtbot.addWidget(page)
    model = page.model
    for row in range(0, model.rowCount(), PAGE):
        model.row_at(row)
    assert sorted(model.cached_pages()) == list(range(6))
    return page


def _reads(model) -> list[int]:  # type: ignore[no-untyped-def]
    """The numbers of the pages the model reads from now on."""
    reads: list[int] = []
    model.page_read.connect(reads.append)
    return reads


def test_announce_hands_the_result_back_and_skips_empty_changes(qtbot, sqlite_desk):  # type: ignore[no-untyped-def]
    feed = change_feed(sqlite_desk)
    assert change_feed(sqlite_desk) is feed
    with qtbot.waitSignal(feed.changed) as told:
        result = announce(sqlite_desk, ("detail", Changes(visits={7})))
    assert result == ("detail", Changes(visits={7}))
    assert told.args == [Changes(visits={7})]
    with qtbot.assertNotEmitted(feed.changed):
        assert announce(sqlite_desk, Changes()) == Changes()
    with pytest.raises(TypeError):
        announce(sqlite_desk, ("no changes here",))


def test_saving_a_visit_re_reads_only_the_logbook_page_holding_it(qtbot, logbook, sqlite_desk):  # type: ignore[no-untyped-def]
    model = logbook.model
    row = 17  # the fourth page
    target = model.row_at(row)
    form = VisitForm(sqlite_desk)
    qtbot.addWidget(form)
    assert form.load_visit(target.id)
    form.content.setPlainText("Đề nghị sửa đường liên thôn bị sạt lở.")
    reads = _reads(model)
    with qtbot.waitSignal(form.visit_updated), \
            qtbot.waitSignal(change_feed(sqlite_desk).changed) as told:
        assert form.save() == target.id
    assert target.id in told.args[0].visits
    assert reads == [row // PAGE]  # the page holding the visit, and no other
    assert sorted(model.cached_pages()) == list(range(6))
    assert model.row_at(row).content == "Đề nghị sửa đường liên thôn bị sạt lở."
    assert reads == [row // PAGE]  # the kept pages answer without reading


def test_a_visit_of_another_day_leaves_the_logbook_pages_alone(qtbot, logbook, sqlite_desk):  # type: ignore[no-untyped-def]
    """Logged for a new citizen on a day the logbook does not show: nothing to read again."""
    model = logbook.model
    reads = _reads(model)
    earlier = sqlite_desk.now().replace(day=2)
    with qtbot.waitSignal(change_feed(sqlite_desk).changed):
        announce(sqlite_desk, sqlite_desk.log_visit(sample_draft(
            sqlite_desk, citizen_name="Lý Văn Tám", id_number="037085099999",
            received_at=earlier)))
    assert reads == []
    assert sorted(model.cached_pages()) == list(range(6))


def test_a_new_visit_shown_by_the_logbook_resets_it(qtbot, logbook, sqlite_desk):  # type: ignore[no-untyped-def]
    resets: list[int] = []
    logbook.model.modelReset.connect(lambda: resets.append(1))
    with qtbot.waitSignal(logbook.model.modelReset):
        announce(sqlite_desk, sqlite_desk.log_visit(sample_draft(sqlite_desk)))
    assert resets == [1] and logbook.model.rowCount() == 31
    assert logbook.count_label.text() == "31 lượt tiếp"


def test_voiding_in_the_logbook_re_reads_its_page_only(qtbot, logbook, sqlite_desk):  # type: ignore[no-untyped-def]
    model = logbook.model
    logbook.table.selectRow(8)
    target = logbook.selected_visit()
    reads = _reads(model)
    dialog = logbook.void_selected()
    assert dialog is not None
    dialog.reason_edit.setPlainText("Ghi trùng")
    with qtbot.waitSignal(logbook.visit_voided):
        dialog.buttons.accepted.emit()
    assert reads == [1]
    assert logbook.selected_visit().voided and logbook.selected_visit().id == target.id


def test_sorted_by_a_column_an_edit_can_change_every_page_is_read_anew(qtbot, logbook, sqlite_desk):  # type: ignore[no-untyped-def]
    model = logbook.model
    model.sort(3)  # by citizen name: an edited visit may move to any page
    for row in range(0, model.rowCount(), PAGE):
        model.row_at(row)
    target = model.row_at(2)
    visit = sqlite_desk.visit(target.id)
    reads = _reads(model)
    with qtbot.waitSignal(change_feed(sqlite_desk).changed):
        announce(sqlite_desk, sqlite_desk.update_visit(
            target.id, replace(visit.to_draft(), content="Nội dung mới"), visit.version))
    assert reads == [] and model.cached_pages() == []  # read again as the view asks for them
    assert model.row_at(2).content == "Nội dung mới"


@pytest.fixture
def case_ids(sqlite_desk):  # type: ignore[no-untyped-def]
    return populate(sqlite_desk)


def test_editing_case_a_does_not_reload_case_b(qtbot, sqlite_desk, case_ids):  # type: ignore[no-untyped-def]
    a = CaseDialog(sqlite_desk, case_ids["transferred_complaint"])
    b = CaseDialog(sqlite_desk, case_ids["petition"])
    qtbot.addWidget(a)
    qtbot.addWidget(b)
    a.criteria_checks[ComplexityCriterion.MULTIPLE_CONTENTS].setChecked(True)
    with qtbot.waitSignal(a.reloaded) as reloaded, qtbot.assertNotEmitted(b.reloaded):
        assert a.save_complexity()
    assert reloaded.args == [case_ids["transferred_complaint"]]
    assert a.detail.criteria == {ComplexityCriterion.MULTIPLE_CONTENTS}


def test_a_case_changed_elsewhere_reloads_its_open_page_and_the_list(qtbot, sqlite_desk,
                                                                      case_ids, settings):  # type: ignore[no-untyped-def]
    """The hotspots page, another counter's window: whoever records, the open page follows."""
    case_id = case_ids["from_visit"]
    page = CasesPage(sqlite_desk, settings)
    qtbot.addWidget(page)
    dialog = page.open_case(case_id)
    before = dialog.timeline.rowCount()
    kind = dialog.detail.allowed_events[0]
    draft = EventDraft(case_id=case_id, kind=kind, note="Ghi từ nơi khác",
                       document_number="5/TB-UBND" if kind is not EventKind.ASSESS_COMPLEXITY
                       else "", document_date=sqlite_desk.today(),
                       expected_version=dialog.detail.version)
    with qtbot.waitSignal(dialog.reloaded), qtbot.waitSignal(page.case_changed) as changed:
        announce(sqlite_desk, sqlite_desk.cases.record_event(draft))
    assert changed.args == [case_id]
    assert dialog.timeline.rowCount() == before + 1
    dialog.reject()


def test_citizen_search_results_follow_a_saved_visit(qtbot, sqlite_desk):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLineEdit

    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    search = CitizenSearch(edit, sqlite_desk)
    edit.setText("Quách")
    search.search_now()
    assert search.results() == []
    edit.setFocus()
    search.popup.show()
    with qtbot.waitSignal(change_feed(sqlite_desk).changed):
        announce(sqlite_desk, sqlite_desk.log_visit(sample_draft(
            sqlite_desk, citizen_name="Quách Thị Nga", id_number="037085012399")))
    assert [c.full_name for c in search.results()] == ["Quách Thị Nga"]


def test_global_search_reads_again_when_reopened_after_a_change(qtbot, sqlite_desk):  # type: ignore[no-untyped-def]
    from reception_desk.ui.global_search import GlobalSearchDialog

    dialog = GlobalSearchDialog(sqlite_desk)
    qtbot.addWidget(dialog)
    dialog.open_search()
    dialog.query.setText("Quách")
    dialog.search_now()
    assert not dialog.results().citizens
    dialog.hide()
    announce(sqlite_desk, sqlite_desk.log_visit(sample_draft(
        sqlite_desk, citizen_name="Quách Thị Nga", id_number="037085012399")))
    assert not dialog.results().citizens  # hidden: nothing read yet
    dialog.open_search()
    assert [c.full_name for c in dialog.results().citizens] == ["Quách Thị Nga"]


def test_the_main_window_follows_staff_and_office_changes(qtbot, sqlite_desk):  # type: ignore[no-untyped-def]
    from dataclasses import replace as changed

    from reception_desk.services.office.dto import StaffRole
    from reception_desk.ui.main_window import MainWindow

    window = MainWindow(sqlite_desk)
    qtbot.addWidget(window)
    before = window.staff_combo.count()
    announce(sqlite_desk, sqlite_desk.save_staff("Mai Thị Hoa", "Công chức", StaffRole.CLERK))
    assert window.staff_combo.count() == before + 1
    combo = window.staff_combo
    assert any("Mai Thị Hoa" in combo.itemText(i) for i in range(combo.count()))
    receiving = window.form.receiving_staff
    assert any("Mai Thị Hoa" in receiving.itemText(i) for i in range(receiving.count()))
    office = sqlite_desk.office()
    announce(sqlite_desk, sqlite_desk.save_office(changed(office, commune_name="Xã Yên Hòa")))
    assert window.windowTitle().endswith("Xã Yên Hòa")


def test_the_hotspots_page_recomputes_when_shown_after_visits_changed(qtbot, sqlite_desk):  # type: ignore[no-untyped-def]
    from reception_desk.ui.hotspots import HotspotPage

    page = HotspotPage(sqlite_desk)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=10_000)
    loaded: list[str] = []
    page.week_loaded.connect(loaded.append)
    announce(sqlite_desk, sqlite_desk.log_visit(sample_draft(sqlite_desk)))
    assert loaded == [] and not page.is_busy()  # hidden: nothing computed for nobody
    with qtbot.waitSignal(page.week_loaded, timeout=10_000):
        page.show()
    assert len(loaded) == 1
    # A policy saved in the settings recomputes at once.
    with qtbot.waitSignal(page.week_loaded, timeout=10_000):
        announce(sqlite_desk, sqlite_desk.hotspots.save_policy(sqlite_desk.hotspots.policy()))
