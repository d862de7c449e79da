"""The demo's received cases overdue only by a side limit (demo/waiting.py).

- A demo database has open cases still waiting for acceptance whose stage limit runs but a side
  limit the case list alerts on is past: first complaints lodged after their limitation, and a
  denunciation outside the commune's competence not yet transferred.
- The Cases page's status counts (``desk.cases.status_counts()``) count them overdue, and the
  "Overdue" quick filter lists them, as many as the chip counts.
- Each is one the visit form and the case page would save: its opening visit passes the form's
  checks, its legal facts ``set_legal_facts``, its caches are the services' replay.
- Only at the end of the demo's time span; same seed, same cases.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy import text

from reception_desk.demo import waiting as demo_waiting
from reception_desk.domain.cases import CaseStage
from reception_desk.domain.deadlines import DeadlineKind
from reception_desk.domain.deadlines import DueStatus
from reception_desk.domain.visits import check_visit
from reception_desk.errors import UserError
from reception_desk.services.cases.counts import side_overdue_ids
from reception_desk.services.cases.counts import side_raised
from reception_desk.services.cases.dto import CaseFilter
from reception_desk.services.cases.dto import CaseQuery
from reception_desk.services.cases.dto import LegalFacts
from reception_desk.services.cases.events import set_legal_facts
from reception_desk.services.cases.history import case_caches
from reception_desk.services.cases.history import event_of
from reception_desk.services.cases.history import state_of
from reception_desk.services.desk import Desk
from reception_desk.services.office.rules import deadline_rules
from reception_desk.services.office.rules import office_calendar
from reception_desk.services.visits.reading import get_visit
from reception_desk.storage.database import Database
from reception_desk.storage.models import CaseEventRow
from reception_desk.storage.models import CaseFile
from reception_desk.storage.models import Visit
from tests.demo.test_demo_facts import ACTOR
from tests.demo.test_demo_facts import NOW
from tests.demo.test_demo_facts import TODAY
from tests.demo.test_demo_facts import _generate


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A short demo (1,500 visits) whose last days hold both kinds."""
    db = _generate(tmp_path_factory.mktemp("waiting") / "small.sqlite3", 1500, seed=3)
    yield db
    db.dispose()


def _side_only(db: Database) -> tuple[tuple[int, ...], dict[int, CaseFile]]:
    with db.read() as s:
        ids = side_overdue_ids(side_raised(s, TODAY, office_calendar(s), deadline_rules(s)))
        cases = {c.id: c for c in s.scalars(select(CaseFile).where(CaseFile.id.in_(ids)))}
        s.expunge_all()
    return ids, cases


def test_a_demo_leaves_received_cases_overdue_only_by_a_side_limit(small: Database) -> None:
    ids, cases = _side_only(small)
    kinds: dict[str, int] = {}
    for case in cases.values():
        assert case.stage == CaseStage.RECEIVED.value  # still waiting for acceptance, "now"
        assert case.due_on is not None and case.due_on >= TODAY  # its stage's limit still runs
        assert (TODAY - case.received_on).days <= 16  # the end of the demo's time span
        if case.case_type == "complaint_first":
            assert case.decision_learned_on is not None
            assert (case.received_on - case.decision_learned_on).days > 90  # lodged too late
            kinds["late"] = kinds.get("late", 0) + 1
        else:
            assert case.case_type == "denunciation" and not case.within_commune_competence
            kinds["untransferred"] = kinds.get("untransferred", 0) + 1
    assert kinds.get("late", 0) >= 1 and kinds.get("untransferred", 0) >= 1
    with small.read() as s:
        open_cases = s.scalar(text(
            "SELECT count(*) FROM case_file WHERE stage NOT IN "
            "('closed', 'filed', 'decided', 'transferred', 'refused', 'returned_guided', "
            "'withdrawn')"))
    assert len(ids) < open_cases / 5  # a small share of the open cases


def test_the_cases_page_counts_and_lists_them_overdue(small: Database) -> None:
    ids, cases = _side_only(small)
    desk = Desk(small, lambda: NOW)
    desk.act_as(desk.staff()[0])
    counts = desk.cases.status_counts()
    assert counts.overdue == counts.stage_overdue + len(ids)
    overdue = CaseQuery(filter=CaseFilter.OVERDUE)
    assert desk.cases.count(overdue) == counts.overdue
    rows = desk.cases.page(overdue, 0, counts.overdue + 10)
    listed = {r.id: r for r in rows}
    assert len(rows) == counts.overdue
    for case_id, case in cases.items():
        row = listed[case_id]
        assert row.status is not DueStatus.OVERDUE and row.shown_status is DueStatus.OVERDUE
        wanted = (DeadlineKind.COMPLAINT_LIMITATION if case.case_type == "complaint_first"
                  else DeadlineKind.DENUNCIATION_TRANSFER)
        assert (wanted, DueStatus.OVERDUE) in [(a.kind, a.status) for a in row.alerts]


def test_each_is_one_the_form_and_the_case_page_would_save(small: Database) -> None:
    _ids, cases = _side_only(small)
    with small.session() as s:
        calendar, rules = office_calendar(s), deadline_rules(s)
        for case_id, case in cases.items():
            events = [event_of(r) for r in s.scalars(
                select(CaseEventRow).where(CaseEventRow.case_id == case_id)
                .order_by(CaseEventRow.position))]
            assert [e.kind.value for e in events] == ["receive"]
            cached = case_caches(state_of(case, events), calendar, rules)
            assert {k: getattr(case, k) for k in cached} == cached
            try:
                _, changes = set_legal_facts(
                    s, LegalFacts(case_id, case.decision_on, case.decision_learned_on,
                                  bool(case.entrusted_verification), case.version), ACTOR, NOW)
            except UserError as exc:  # pragma: no cover - the failure names the case
                pytest.fail(f"case {case_id}: {exc}")
            assert not changes.cases
            visit_id = s.scalar(select(Visit.id).where(Visit.case_id == case_id)
                                .order_by(Visit.received_at).limit(1))
            assert visit_id is not None
            detail = get_visit(s, visit_id)
            assert check_visit(detail.to_draft(), NOW) == [], case_id
            if case.case_type == "denunciation":  # the transfer the clerk intends, no slip yet
                assert detail.direction.value == "transfer" and not detail.within_competence
                assert detail.target_body in demo_waiting.TRANSFER_BODIES
                assert detail.target_doc_number == ""
        s.rollback()


def _waiting(db: Database) -> list[tuple[Any, ...]]:
    ids, _cases = _side_only(db)
    with db.read() as s:
        return [tuple(r) for r in s.execute(text(
            "SELECT id, case_type, received_on, decision_on, decision_learned_on, "
            f"within_commune_competence FROM case_file WHERE id IN ({', '.join(map(str, ids))})"
            " ORDER BY id"))]


def test_same_seed_same_waiting_cases(small: Database, tmp_path: Path) -> None:
    again = _generate(tmp_path / "again.sqlite3", 1500, seed=3)
    try:
        assert _waiting(again) == _waiting(small)
    finally:
        again.dispose()

