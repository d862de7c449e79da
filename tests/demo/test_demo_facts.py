"""The demo's premature second complaints and the case facts the statutory reports read.

- A few second complaints (khiếu nại lần hai) come while the first is accepted and not yet
  decided, within its time limit (LEGAL.md §6.4 (b)): the hotspot list flags them
  ("bypass_second") and 02/XLD counts them as "đang giải quyết" (col 19).
- The report facts (đủ điều kiện xử lý, đôn đốc, phúc đáp; migration 0013) and legal facts
  (contested decision's date, learned day, entrusted verification; migration 0014) are ones the
  case page would save: every demo case passes the services' own checks unchanged, and its
  caches are what the services replay with its facts.
- The forms' columns that read them are not empty on a demo database.
- Repeat denunciations past the commune's time limit (03/XLD col 18) and a third time (01/XLD col
  12), complaints and denunciations in the tư pháp and Đảng, đoàn thể fields (02/XLD cols 13–14,
  03/XLD cols 15–16), administrative denunciations on policies, land and civil servants (03/XLD
  cols 10–12) and petitions and reflections in the tư pháp field (04/XLD col 11): every link is
  one the case page would make (``link_case``); every field is one the visit form offers for the
  visit's type, with a content that fits it.
- Same seed, same data.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy import text
from sqlmodel import col

from reception_desk.demo import facts as demo_facts
from reception_desk.demo import generator as demo
from reception_desk.demo import topics as demo_topics
from reception_desk.domain import periods
from reception_desk.domain import report_forms as rf
from reception_desk.domain.dates import office_day
from reception_desk.domain.hotspots import IsoWeek
from reception_desk.errors import UserError
from reception_desk.services.cases.dto import CaseReportFacts
from reception_desk.services.cases.dto import LegalFacts
from reception_desk.services.cases.dto import LinkKind
from reception_desk.services.cases.events import set_legal_facts
from reception_desk.services.cases.history import case_caches
from reception_desk.services.cases.history import event_of
from reception_desk.services.cases.history import stage_deadline
from reception_desk.services.cases.history import state_of
from reception_desk.services.cases.opening import link_case
from reception_desk.services.cases.report_facts import set_report_facts
from reception_desk.services.context import Actor
from reception_desk.services.hotspots.weekly import weekly_list
from reception_desk.services.office.rules import deadline_rules
from reception_desk.services.office.rules import office_calendar
from reception_desk.services.office.setup import list_fields
from reception_desk.services.office.setup import save_field
from reception_desk.services.reports import xld
from reception_desk.storage.database import Database
from reception_desk.storage.database import open_database
from reception_desk.storage.models import CaseEventRow
from reception_desk.storage.models import CaseFile
from tests.conftest import Clock

NOW = Clock().moment
TODAY = office_day(NOW)
ACTOR = Actor("demo")


def _generate(path: Path, visits: int, seed: int, cases: int | None = None) -> Database:
    db = open_database(f"sqlite:///{path}")
    with db.session() as s:
        demo.generate(s, visits, seed=seed, actor=ACTOR, now=NOW, cases=cases)
    return db


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A year and a half of a commune's books: 6,000 visits, 1,200 cases."""
    db = _generate(tmp_path_factory.mktemp("demo") / "office.sqlite3", 6000, seed=21)
    yield db
    db.dispose()


def _cases_and_events(db: Database) -> tuple[dict[int, CaseFile], dict[int, list[CaseEventRow]]]:
    with db.read() as s:
        cases = {c.id: c for c in s.scalars(select(CaseFile))}
        events: dict[int, list[CaseEventRow]] = {}
        for row in s.scalars(select(CaseEventRow).order_by(col(CaseEventRow.case_id),
                                                           col(CaseEventRow.position))):
            events.setdefault(row.case_id, []).append(row)
        s.expunge_all()
    return cases, events


def _decided_on(rows: list[CaseEventRow]) -> dt.date | None:
    return next((r.document_date or office_day(r.moment) for r in rows if r.kind == "decide"),
                None)


def test_premature_second_complaints_come_while_the_first_is_pending(office: Database) -> None:
    cases, events = _cases_and_events(office)
    seconds = [c for c in cases.values() if c.link_kind == "second_complaint"]
    premature, timely = [], []
    for second in seconds:
        assert second.previous_case_id is not None
        first_rows = events[second.previous_case_id]
        decided = _decided_on(first_rows)
        if decided is not None and decided <= second.received_on:
            timely.append(second)
            continue
        premature.append(second)
        # Lodged after the first one's acceptance, before its decision, within its time limit
        # (30 days from acceptance, Luật KN 2011 Art. 28): the first is still in hand.
        accepted = next(office_day(r.moment) for r in first_rows if r.kind == "accept")
        assert accepted < second.received_on <= accepted + dt.timedelta(days=25)
        assert not [r for r in first_rows if accepted < office_day(r.moment) <= second.received_on
                    and r.kind not in ("verify", "dialogue", "suspend", "resume", "extend",
                                       "assess_complexity")]
        # The office does not take it up: it returns, refuses or files it (or has not yet).
        handling = [r.kind for r in events[second.id][1:2]]
        assert handling in ([], ["return_guide"], ["refuse"], ["file"])
        assert "lần hai" in second.content
    assert timely and len(premature) >= 3
    assert len(premature) < len(timely)  # the exception, not the rule


def test_a_small_demo_shows_a_premature_second_complaint_among_its_hotspots(
        tmp_path: Path) -> None:
    db = _generate(tmp_path / "small.sqlite3", 400, seed=5, cases=80)
    try:
        with db.read() as s:
            listing = weekly_list(s, IsoWeek.of(TODAY), TODAY)
    finally:
        db.dispose()
    reasons = {r.value for row in listing.active for r in row.reasons}
    assert "bypass_second" in reasons


def test_every_case_fact_is_one_the_case_page_would_save(office: Database) -> None:
    """Replayed through ``set_report_facts`` and ``set_legal_facts`` with its own values, each
    demo case is accepted and left unchanged; its caches are the services' replay with them."""
    cases, events = _cases_and_events(office)
    recorded: Counter[str] = Counter()
    with office.session() as s:
        calendar, rules = office_calendar(s), deadline_rules(s)
        for case_id, case in cases.items():
            for name in ("eligible", "urged_on", "reply_received_on", "decision_on",
                         "decision_learned_on", "entrusted_verification"):
                recorded[name] += getattr(case, name) is not None
            assert case.entrusted_verification in (None, True)  # never False (migration 0014)
            state = state_of(case, [event_of(r) for r in events[case_id]])
            cached = case_caches(state, calendar, rules)
            assert {k: getattr(case, k) for k in cached} == cached, case_id
            try:
                _, changes = set_report_facts(
                    s, case_id, CaseReportFacts(case.eligible, case.urged_on,
                                                case.reply_received_on),
                    case.version, ACTOR, NOW)
                assert not changes.cases
                _, changes = set_legal_facts(
                    s, LegalFacts(case_id, case.decision_on, case.decision_learned_on,
                                  bool(case.entrusted_verification), case.version), ACTOR, NOW)
                assert not changes.cases
            except UserError as exc:  # pragma: no cover - the failure names the case
                pytest.fail(f"case {case_id}: {exc}")
        s.rollback()
    n = len(cases)
    # Realistic shares: most eligibility recorded, some urging, replies, decision dates.
    assert recorded["eligible"] > n // 2
    assert 0 < recorded["urged_on"] < n // 10
    assert 0 < recorded["reply_received_on"] < n // 5
    assert 0 < recorded["decision_on"] < n // 2
    assert 0 < recorded["decision_learned_on"] <= recorded["decision_on"]
    assert 0 < recorded["entrusted_verification"] < n // 20
    # A few eligible=False on petitions returned with guidance (the clerk's own judgement).
    assert any(c.eligible is False and events[c.id][1].kind == "return_guide"
               for c in cases.values() if len(events[c.id]) > 1)
    # Some complaints were lodged after the 90-day limitation (Luật KN 2011 Art. 9).
    assert any(c.decision_learned_on is not None
               and (c.received_on - c.decision_learned_on).days > 90 for c in cases.values())


def test_the_forms_columns_that_read_them_are_not_empty(office: Database) -> None:
    window = periods.whole_year(TODAY.year)  # with petitions carried over from 2025
    with office.read() as s:
        values = {form: xld.compute(s, window, form) for form in rf.PETITION_COLUMNS}
    filled = {
        rf.ReportForm.XLD_01: (21, 22),  # đôn đốc; văn bản phúc đáp
        rf.ReportForm.XLD_02: (19, 26, 27),  # đang giải quyết (premature second); đôn đốc; phúc đáp
        rf.ReportForm.XLD_03: (26, 27),
        rf.ReportForm.XLD_04: (18,),
        rf.ReportForm.KQGQ_01: (2, 3, 4, 5, 6),
    }
    for form, columns in filled.items():
        result = values[form]
        assert rf.broken_identities(form, result.values) == [], form
        for number in columns:
            assert (result.value(number) or 0) > 0, (form.value, number)
    # Recorded ineligibility takes petitions out of "đủ điều kiện" (01/XLD col 6 < handled).
    assert (values[rf.ReportForm.XLD_01].value(6) or 0) < (
        values[rf.ReportForm.XLD_01].value(4) or 0)


def test_every_link_is_one_the_case_page_would_make(office: Database) -> None:
    """Each linked case names the case it follows, and ``link_case`` accepts the link as it is
    (same kinds, no cycle)."""
    cases, _events = _cases_and_events(office)
    linked = [c for c in cases.values() if c.link_kind is not None]
    assert linked
    with office.session() as s:
        for case in linked:
            assert case.previous_case_id is not None, case.id
            try:
                link_case(s, case.id, case.previous_case_id, LinkKind(case.link_kind), ACTOR, NOW)
            except UserError as exc:  # pragma: no cover - the failure names the case
                pytest.fail(f"case {case.id}: {exc}")
        s.rollback()


def test_overdue_denunciations_are_denounced_again_after_their_time_limit(
        office: Database) -> None:
    """A "tố cáo tiếp" on an unconcluded denunciation comes after the time limit in force on its
    day of receipt (the services' replay of the original's events until then), before anything
    else was done on the original."""
    cases, events = _cases_and_events(office)
    overdue = []
    for case in cases.values():
        if case.link_kind == "repeat_denunciation":
            decided = _decided_on(events[case.previous_case_id or 0])
            if decided is None or decided > case.received_on:
                overdue.append(case)
    assert len(overdue) >= 2
    with office.read() as s:
        calendar, rules = office_calendar(s), deadline_rules(s)
    for repeat in overdue:
        original = cases[repeat.previous_case_id or 0]
        before = [event_of(r) for r in events[original.id]
                  if office_day(r.moment) < repeat.received_on]
        assert len(before) == len([r for r in events[original.id]
                                   if office_day(r.moment) <= repeat.received_on]), repeat.id
        state = state_of(original, before)
        assert state.stage.value in ("accepted", "verifying", "dialogue"), repeat.id
        deadline = stage_deadline(state, calendar, rules)
        assert deadline is not None and deadline.due is not None
        assert deadline.due < repeat.received_on, repeat.id
        assert "quá thời hạn" in repeat.content
        handling = [r.kind for r in events[repeat.id][1:2]]
        assert handling in ([], ["return_guide"], ["accept"])


def test_the_rarer_columns_are_filled_over_the_demo(office: Database) -> None:
    """Over the demo's whole span: the petitions decided twice or more, the overdue repeat
    denunciations and the rarer fields, each a few (realistic, not most)."""
    window = periods.custom(TODAY - dt.timedelta(days=3650), TODAY)
    with office.read() as s:
        values = {form: xld.compute(s, window, form) for form in rf.PETITION_COLUMNS}
    filled = {
        rf.ReportForm.XLD_01: (12,),  # đã giải quyết nhiều lần (a third denunciation)
        rf.ReportForm.XLD_02: (13, 14),  # lĩnh vực tư pháp; Đảng, đoàn thể
        # hành chính: chế độ, chính sách; đất đai, nhà cửa; công chức, công vụ (migration 0017);
        # tư pháp; Đảng, đoàn thể; tố cáo tiếp quá hạn
        rf.ReportForm.XLD_03: (10, 11, 12, 15, 16, 18),
        rf.ReportForm.XLD_04: (11,),  # tư pháp (migration 0017)
    }
    for form, columns in filled.items():
        result = values[form]
        assert rf.broken_identities(form, result.values) == [], form
        eligible = result.value(6 if form is rf.ReportForm.XLD_01 else 8) or 0  # đơn; vụ việc
        for number in columns:
            assert 0 < (result.value(number) or 0) < eligible / 5, (form.value, number)


def test_every_field_is_one_the_visit_form_offers(office: Database) -> None:
    """A visit's field is an active entry of its petition type or of none (as the form lists
    them); a matter opened in a rarer field has a content that fits it."""
    with office.read() as s:
        mismatched = s.execute(text(
            "SELECT v.id, v.petition_type, v.field_code FROM visit v "
            "JOIN field_category f ON f.code = v.field_code "
            "WHERE NOT f.active OR (f.petition_type IS NOT NULL "
            "AND f.petition_type != v.petition_type)")).all()
        opened = s.execute(text(
            "SELECT field_code, content FROM case_file WHERE link_kind IS NULL "
            "AND field_code IN ('tc.hc.chinh_sach', 'tc.hc.dat_dai', 'tc.hc.cong_vu', "
            "'pakn.tu_phap')")).all()
    assert mismatched == []
    contents: dict[str, set[str]] = {}
    for options in demo_topics.RARE_FIELDS.values():
        for code, _share, texts in options:
            contents.setdefault(code, set()).update(texts)
    assert {code for code, _content in opened} == {
        "tc.hc.chinh_sach", "tc.hc.dat_dai", "tc.hc.cong_vu", "pakn.tu_phap"}
    for code, content in opened:
        assert content in contents[code], (code, content)


def test_a_retired_field_is_not_recorded(tmp_path: Path) -> None:
    """An office that retired an entry (Settings → Lĩnh vực) gets no demo visit under it: the
    form would not offer it; the others still come."""
    db = open_database(f"sqlite:///{tmp_path / 'retired.sqlite3'}")
    try:
        with db.session() as s:
            for entry in list_fields(s):
                if entry.code in ("tc.hc.cong_vu", "pakn.tu_phap"):
                    save_field(s, replace(entry, active=False), ACTOR, NOW)
            s.commit()
            demo.generate(s, 1500, seed=8, actor=ACTOR, now=NOW)
        with db.read() as s:
            used = Counter(s.scalars(text(
                "SELECT field_code FROM visit WHERE field_code IS NOT NULL")))
    finally:
        db.dispose()
    assert used["tc.hc.cong_vu"] == used["pakn.tu_phap"] == 0
    assert used["tc.hc.dat_dai"] > 0 and used["kn.tu_phap"] > 0


def _dump(db: Database) -> dict[str, list[Any]]:
    tables = ("citizen", "visit", "visit_document", "case_file", "case_event", "case_citizen",
              "directive", "dialogue", "counter")
    with db.read() as s:
        dump: dict[str, list[Any]] = {
            t: [tuple(r) for r in s.execute(text(f"SELECT * FROM {t} ORDER BY 1"))]
            for t in tables}
        dump["facts"] = [dict(r._mapping) for r in s.execute(text(
            f"SELECT id, link_kind, {', '.join(demo_facts.COLUMNS)} FROM case_file ORDER BY id"))]
    return dump


def test_same_seed_same_data(tmp_path: Path) -> None:
    dumps = []
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        db = _generate(tmp_path / f"{name}.sqlite3", 1500, seed=seed)
        try:
            dumps.append(_dump(db))
        finally:
            db.dispose()
    same, also_same, other = dumps
    assert same == also_same
    assert same["case_file"] != other["case_file"]
    assert same["facts"] != other["facts"]
    for name in demo_facts.COLUMNS:  # the dumps hold each new column's values
        assert any(row[name] is not None for row in same["facts"]), name
