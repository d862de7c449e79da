"""Issue 11 item 2: two counters saving an edit of the same record at the same instant never
both succeed; exactly one wins, the other is told it changed elsewhere (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import func
from sqlalchemy import select

from reception_desk.errors import UserError
from reception_desk.services.access.passwords import cheap_hasher
from reception_desk.services.desk import Desk
from reception_desk.storage.database import open_database
from reception_desk.storage.models import AuditEntry
from tests.conftest import Clock
from tests.conftest import sample_draft

ROUNDS = 20


@pytest.fixture
def other(desk: Desk) -> Iterator[Desk]:
    """A second counter: its own Desk (own engine, own connections) on the same database."""
    second = Desk(open_database(desk.db.url), Clock(), hasher=cheap_hasher())
    second.act_as(desk.staff()[0])
    yield second
    second.close()


Save = Callable[[int, Desk, threading.Barrier], Any]


def race(desks: tuple[Desk, Desk], save: Save) -> list[Any]:
    """Run ``save(n, desk, barrier)`` on both counters, which meet at the barrier; each outcome
    is the value returned or the exception raised."""
    barrier = threading.Barrier(2, timeout=60)
    outcomes: list[Any] = [None, None]

    def counter(n: int) -> None:
        try:
            outcomes[n] = save(n, desks[n], barrier)
        except BaseException as exc:  # judged in the main thread
            outcomes[n] = exc

    threads = [threading.Thread(target=counter, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return outcomes


def split(outcomes: list[Any]) -> tuple[list[Any], list[BaseException]]:
    errors = [o for o in outcomes if isinstance(o, BaseException)]
    return [o for o in outcomes if not isinstance(o, BaseException)], errors


def audit_count(desk: Desk, action: str) -> int:
    with desk.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "visit", AuditEntry.action == action)) or 0)


def test_two_counters_editing_one_visit_at_once_never_lose_an_edit(desk, other):
    visit, _ = desk.log_visit(sample_draft(desk))
    for round_ in range(ROUNDS):

        def save(n: int, d: Desk, barrier: threading.Barrier, round_: int = round_) -> Any:
            read = d.visit(visit.id)  # both counters read the same version ...
            draft = read.to_draft()
            draft.content = f"Nội dung quầy {n}, lượt {round_}"
            barrier.wait()  # ... and save at the same instant
            return d.update_visit(visit.id, draft, read.version)[0]

        before = desk.visit(visit.id).version
        won, lost = split(race((desk, other), save))
        assert len(won) == 1 and len(lost) == 1, (round_, won, lost)
        assert isinstance(lost[0], UserError), lost[0]
        assert lost[0].code == "visit.changed_elsewhere"
        now = desk.visit(visit.id)
        assert now.version == before + 1
        assert now.content == won[0].content  # the winner's edit is what is stored
    assert audit_count(desk, "update") == ROUNDS


def test_two_counters_voiding_one_visit_at_once_void_it_once(desk, other):
    for round_ in range(ROUNDS):
        visit, _ = desk.log_visit(sample_draft(desk, content=f"Lượt {round_}: nội dung cần hủy"))

        def save(n: int, d: Desk, barrier: threading.Barrier, visit: Any = visit) -> Any:
            d.visit(visit.id)
            barrier.wait()
            return d.void_visit(visit.id, f"Quầy {n} ghi trùng")[0]

        won, lost = split(race((desk, other), save))
        assert len(won) == 1 and len(lost) == 1, (round_, won, lost)
        assert isinstance(lost[0], UserError), lost[0]
        assert lost[0].code in {"visit.changed_elsewhere", "visit.already_voided"}
        now = desk.visit(visit.id)
        assert now.version == visit.version + 1 and now.void_reason == won[0].void_reason
    assert audit_count(desk, "void") == ROUNDS


def test_an_edit_racing_a_void_does_not_undo_it(desk, other):
    for round_ in range(ROUNDS // 2):
        visit, _ = desk.log_visit(sample_draft(desk, content=f"Lượt {round_}: sửa hay hủy"))

        def save(n: int, d: Desk, barrier: threading.Barrier, visit: Any = visit) -> Any:
            read = d.visit(visit.id)
            barrier.wait()
            if n == 0:
                return d.void_visit(visit.id, "Ghi trùng")[0]
            draft = read.to_draft()
            draft.content = "Nội dung đã sửa"
            return d.update_visit(visit.id, draft, read.version)[0]

        voided, edited = race((desk, other), save)
        won, lost = split([voided, edited])
        assert won, (round_, lost)  # at least one counter saves
        for error in lost:
            assert isinstance(error, UserError), error
            assert error.code in {"visit.changed_elsewhere", "visit.voided_cannot_edit"}
        now = desk.visit(visit.id)
        # Whatever was acknowledged is what is stored: nothing written over, nothing un-voided.
        assert now.version == visit.version + len(won)
        assert now.voided == (not isinstance(voided, BaseException))
        edit_kept = not isinstance(edited, BaseException)
        assert now.content == ("Nội dung đã sửa" if edit_kept else visit.content)


def test_two_counters_recording_on_one_case_at_once_never_lose_an_event(desk, other):
    from reception_desk.domain.cases import CaseType
    from reception_desk.domain.cases import EventKind
    from reception_desk.services.cases.dto import EventDraft
    from reception_desk.services.cases.dto import NewCase

    for round_ in range(ROUNDS // 2):
        case, _ = desk.cases.open_case(NewCase(
            case_type=CaseType.COMPLAINT_FIRST, title=f"Khiếu nại số {round_}",
            received_on=desk.today()))

        def save(n: int, d: Desk, barrier: threading.Barrier, case: Any = case) -> Any:
            read = d.cases.case(case.id)
            barrier.wait()
            kind = EventKind.ACCEPT if n == 0 else EventKind.REFUSE
            return d.cases.record_event(EventDraft(case.id, kind, note=f"Quầy {n}",
                                                   expected_version=read.version))[0]

        won, lost = split(race((desk, other), save))
        assert len(won) == 1 and len(lost) == 1, (round_, won, lost)
        assert isinstance(lost[0], UserError) and lost[0].code == "case.changed_elsewhere"
        now = desk.cases.case(case.id)
        assert now.version == case.version + 1 and now.stage == won[0].stage


def test_two_counters_opening_a_case_from_one_visit_at_once_make_one_case(desk, other):
    from reception_desk.domain.classification import PetitionType
    from reception_desk.storage.models import CaseFile

    for round_ in range(ROUNDS // 2):
        visit, _ = desk.log_visit(sample_draft(desk, petition_type=PetitionType.COMPLAINT,
                                               content=f"Lượt {round_}: khiếu nại"))

        def save(n: int, d: Desk, barrier: threading.Barrier, visit: Any = visit) -> Any:
            d.visit(visit.id)
            barrier.wait()
            return d.cases.open_from_visit(visit.id)[0]

        won, lost = split(race((desk, other), save))
        assert len(won) == 1 and len(lost) == 1, (round_, won, lost)
        assert isinstance(lost[0], UserError), lost[0]
        assert lost[0].code == "case.visit_already_linked"
        assert desk.visit(visit.id).version == visit.version + 1
    with desk.db.read() as s:
        assert int(s.scalar(select(func.count()).select_from(CaseFile)) or 0) == ROUNDS // 2


# --- citizens and settings (migration 0007's versions) -------------------------------------------


def _citizen_visit(desk: Desk, **overrides: Any) -> Any:
    """A first visit, then a draft of a second visit of the same citizen, picked from the
    registry as the form does (with the record's version)."""
    first, _ = desk.log_visit(sample_draft(desk))
    picked = desk.citizens.get(first.citizen_id)
    return picked, sample_draft(desk, citizen_id=picked.id, citizen_version=picked.version,
                                **overrides)


def test_a_visit_that_would_undo_another_counters_correction_is_refused_and_can_be_resaved(desk):
    picked, second_clerk = _citizen_visit(desk, content="Lần hai: hỏi tiến độ giải quyết")
    # The first clerk corrects the phone and address on a visit of the same person.
    first_clerk = sample_draft(desk, citizen_id=picked.id, citizen_version=picked.version,
                               phone="0987 654 321", address_detail="Thôn Tây, số 3",
                               content="Lần ba: bổ sung giấy tờ")
    desk.log_visit(first_clerk)
    visits_before = desk.count_visits(_all_visits())
    with pytest.raises(UserError) as refused:
        desk.log_visit(second_clerk)  # its fields still show the phone and address as picked
    assert refused.value.code == "citizen.changed_elsewhere"
    assert refused.value.params["fields"] == ["phone", "address"]
    from reception_desk.i18n import current_language
    from reception_desk.i18n import set_language
    from reception_desk.texts import message_for

    was = current_language()
    set_language("vi")
    try:
        text = message_for(refused.value)
    finally:
        set_language(was)
    assert "số điện thoại, địa chỉ" in text and "Quầy khác vừa sửa" in text
    assert desk.count_visits(_all_visits()) == visits_before  # nothing saved, no STT used
    assert desk.citizens.get(picked.id).phone == "0987 654 321"  # the correction stands
    # Told which fields, the clerk checks with the citizen and saves again: kept as typed.
    again = replace(second_clerk, citizen_version=refused.value.params["version"])
    saved, _ = desk.log_visit(again)
    assert saved.phone == "0912 345 678"
    assert desk.citizens.get(picked.id).phone == "0912 345 678"


def test_a_stale_version_alone_refuses_nothing(desk):
    picked, second_clerk = _citizen_visit(desk)
    # Another counter changed the record to exactly what this clerk types: nothing to undo.
    desk.log_visit(sample_draft(desk, citizen_id=picked.id, citizen_version=picked.version,
                                phone="0987 654 321"))
    saved, _ = desk.log_visit(replace(second_clerk, phone="0987 654 321"))
    assert saved.citizen_id == picked.id


def _all_visits() -> Any:
    from reception_desk.services.visits.dto import VisitQuery

    return VisitQuery()


def test_two_counters_correcting_one_citizen_at_once_never_lose_a_correction(desk, other):
    picked, _ = _citizen_visit(desk)
    for round_ in range(ROUNDS):

        def save(n: int, d: Desk, barrier: threading.Barrier, round_: int = round_) -> Any:
            read = d.citizens.get(picked.id)  # both counters pick the same record ...
            draft = sample_draft(d, citizen_id=read.id, citizen_version=read.version,
                                 phone=f"09{n}{round_:02d} 000 111",
                                 content=f"Lượt {round_}, quầy {n}: bổ sung")
            barrier.wait()  # ... and save a correction at the same instant
            return d.log_visit(draft)[0]

        before = desk.citizens.get(picked.id).version
        won, lost = split(race((desk, other), save))
        assert len(won) == 1 and len(lost) == 1, (round_, won, lost)
        assert isinstance(lost[0], UserError), lost[0]
        assert lost[0].code == "citizen.changed_elsewhere"
        assert lost[0].params["fields"] == ["phone"]
        now = desk.citizens.get(picked.id)
        assert now.version == before + 1 and now.phone == won[0].phone


def test_two_merges_of_one_pair_at_once_merge_once(desk, other):
    for round_ in range(ROUNDS // 2):
        a, _ = desk.log_visit(sample_draft(desk, id_number="", citizen_name=f"Lê Văn Tám {round_}",
                                           id_doc_type=_none_shown()))
        b, _ = desk.log_visit(sample_draft(desk, id_number="", citizen_name=f"Lê Văn Tám {round_}",
                                           id_doc_type=_none_shown(), phone="0988 111 222"))

        def save(n: int, d: Desk, barrier: threading.Barrier, a: Any = a, b: Any = b) -> Any:
            d.citizens.get(a.citizen_id)
            barrier.wait()
            pair = (a.citizen_id, b.citizen_id) if n == 0 else (b.citizen_id, a.citizen_id)
            return d.citizens.merge(*pair)[0]

        won, lost = split(race((desk, other), save))
        assert len(won) == 1 and len(lost) == 1, (round_, won, lost)
        assert isinstance(lost[0], UserError), lost[0]
        assert lost[0].code in {"citizen.changed_elsewhere", "citizen.already_merged"}


def _none_shown() -> Any:
    from reception_desk.domain.classification import IdDocType

    return IdDocType.NONE


def test_two_counters_saving_one_setting_at_once_never_lose_a_save(desk, other):
    from reception_desk.services.office.setup import OFFICE_KEY

    for round_ in range(ROUNDS):

        def save(n: int, d: Desk, barrier: threading.Barrier, round_: int = round_) -> Any:
            version = d.setting_version(OFFICE_KEY)  # read first, then the value
            profile = replace(d.office(), place_name=f"Nơi {round_}-{n}")
            barrier.wait()
            return d.save_office(profile, version)[0]

        before = desk.setting_version(OFFICE_KEY)
        won, lost = split(race((desk, other), save))
        assert len(won) == 1 and len(lost) == 1, (round_, won, lost)
        assert isinstance(lost[0], UserError), lost[0]
        assert lost[0].code == "setting.changed_elsewhere"
        assert lost[0].params == {"setting": OFFICE_KEY, "version": before + 1}
        assert desk.setting_version(OFFICE_KEY) == before + 1
        assert desk.office().place_name == won[0].place_name


def test_two_counters_saving_a_setting_without_naming_versions_still_never_both_win(desk, other):
    """Callers that name no version (the command line, a policy saved in one step) are still
    refused when another save lands between their read and their write."""
    from reception_desk.services.documents.logbook import LOGBOOK_LAYOUT_SETTING

    for round_ in range(ROUNDS // 2):

        def save(n: int, d: Desk, barrier: threading.Barrier) -> Any:
            barrier.wait()
            return d.documents.set_logbook_layout("tt04_2021" if n else "nd154_2026")

        before = desk.setting_version(LOGBOOK_LAYOUT_SETTING)
        won, lost = split(race((desk, other), save))
        for error in lost:  # on SQLite the writers queue: both may win, one after the other
            assert isinstance(error, UserError) and error.code == "setting.changed_elsewhere"
        assert desk.setting_version(LOGBOOK_LAYOUT_SETTING) == before + len(won), round_


def test_a_visit_of_a_record_merged_meanwhile_is_told_once(desk):
    from reception_desk.domain.classification import IdDocType

    a, _ = desk.log_visit(sample_draft(desk, id_doc_type=IdDocType.NONE, id_number=""))
    b, _ = desk.log_visit(sample_draft(desk, id_doc_type=IdDocType.NONE, id_number="",
                                       phone="0988 111 222"))
    picked = desk.citizens.get(b.citizen_id)  # a clerk picks the second record ...
    draft = sample_draft(desk, id_doc_type=IdDocType.NONE, id_number="", citizen_id=picked.id,
                         citizen_version=picked.version, phone=picked.phone, content="Lần hai")
    desk.citizens.merge(a.citizen_id, b.citizen_id)  # ... which is merged into the first
    with pytest.raises(UserError) as told:
        desk.log_visit(draft)
    assert told.value.code == "citizen.changed_elsewhere"
    assert told.value.params["fields"] == ["phone", "merged"]
    saved, _ = desk.log_visit(replace(draft, citizen_version=told.value.params["version"]))
    assert saved.citizen_id == a.citizen_id


def test_two_counters_saving_a_setting_never_saved_before_at_once(desk, other):
    """The first save of a setting inserts its row: of two at the same instant one inserts, the
    other is refused (not an integrity error)."""
    from reception_desk.domain.hotspots import HotspotPolicy
    from reception_desk.services.office.rules import POLICY_KEY

    assert desk.setting_version(POLICY_KEY) == 0

    def save(n: int, d: Desk, barrier: threading.Barrier) -> Any:
        version = d.setting_version(POLICY_KEY)
        policy = replace(HotspotPolicy(), repeat_visits=3 + n)
        barrier.wait()
        return d.hotspots.save_policy(policy, version)[0]

    won, lost = split(race((desk, other), save))
    assert len(won) == 1 and len(lost) == 1, (won, lost)
    assert isinstance(lost[0], UserError) and lost[0].code == "setting.changed_elsewhere"
    assert lost[0].params["setting"] == POLICY_KEY
    assert desk.setting_version(POLICY_KEY) == 1
    assert desk.hotspots.policy().repeat_visits == won[0].repeat_visits
