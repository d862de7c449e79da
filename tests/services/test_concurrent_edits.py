"""Issue 11 item 2: two counters saving an edit of the same record at the same instant never
both succeed; exactly one wins, the other is told it changed elsewhere (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import func, select

from reception_desk.errors import UserError
from reception_desk.services.access.passwords import cheap_hasher
from reception_desk.services.desk import Desk
from reception_desk.storage.database import open_database
from reception_desk.storage.models import AuditEntry
from tests.conftest import Clock, sample_draft

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
    from reception_desk.domain.cases import CaseType, EventKind
    from reception_desk.services.cases.dto import EventDraft, NewCase

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
