"""The head's reception sessions and their conclusion notices in the exchange file (format 2).

An office moving to a new PC (or merging two PCs' records) must keep its kỳ tiếp công dân, their
participants, the Thông báo kết luận and the instructions it gave (LEGAL.md §8.2). Exported from
one real database, imported into another, read back through the services and compared. The
clock: Fri 27/11/2026 09:30 (Vietnam)."""

from __future__ import annotations

import json
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import select

from reception_desk.domain.classification import PetitionType
from reception_desk.domain.classification import VisitKind
from reception_desk.domain.sessions import ParticipantKind
from reception_desk.errors import UserError
from reception_desk.i18n import current_language
from reception_desk.i18n import set_language
from reception_desk.services.exchange import jsonl as exchange
from reception_desk.services.exchange.batches import check_against
from reception_desk.services.sessions import planning
from reception_desk.services.sessions.dto import InstructionDraft
from reception_desk.services.sessions.dto import MemberLine
from reception_desk.services.sessions.dto import SessionDraft
from reception_desk.storage.database import open_database
from reception_desk.storage.models import AuditEntry
from reception_desk.storage.models import Directive
from reception_desk.storage.models import ReceptionSession
from reception_desk.storage.models import SessionConclusion
from reception_desk.storage.models import Visit
from reception_desk.texts import message_for
from tests.conftest import Clock
from tests.conftest import assert_record_intact
from tests.conftest import make_desk
from tests.conftest import sample_draft
from tests.services.exchange_roundtrip import ACTOR
from tests.services.exchange_roundtrip import count as _count
from tests.services.exchange_roundtrip import export as _export
from tests.services.exchange_roundtrip import import_lines as _import
from tests.services.exchange_roundtrip import plain as _plain
from tests.services.exchange_roundtrip import types as _types

D = date
FIRST, LAST = D(2026, 11, 1), D(2026, 12, 31)
SECRET_NAME = "Phạm Thị Yến"


def _staff(desk, role: str) -> int:  # type: ignore[no-untyped-def]
    return next(s.id for s in desk.staff() if s.role.value == role)


def _draft(desk, day: date, start: int = 450, end: int = 690, **kw: Any  # type: ignore[no-untyped-def]
           ) -> SessionDraft:
    values: dict[str, Any] = dict(
        place="Phòng tiếp công dân, trụ sở UBND xã", matters="Đất đai, xây dựng",
        members=[MemberLine(ParticipantKind.STAFF, "", _staff(desk, "clerk"), "ghi biên bản"),
                 MemberLine(ParticipantKind.BODY, "Công an xã")])
    values.update(kw)
    return SessionDraft(day, start, end, _staff(desk, "chair"), **values)


def _fill_sessions(desk) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """A held session with a linked visit, a conclusion for that visit (two instructions, one
    acknowledged and done) and one for the whole session; a published planned session next
    week; a cancelled one."""
    chair = _staff(desk, "chair")
    held, _ = desk.sessions.plan(_draft(desk, D(2026, 11, 27), 480, 660))
    visit, _ = desk.log_visit(sample_draft(desk, kind=VisitKind.PERIODIC,
                                           presiding_leader_id=chair))
    desk.cases.open_from_visit(visit.id)
    held, _ = desk.sessions.hold(held.id, desk.sessions.session(held.id).version,
                                 outcome_note="Tiếp 1 lượt công dân")
    matter, _ = desk.sessions.record_conclusion(
        held.id, "Giao Công an xã và công chức địa chính kiểm tra hiện trạng thửa đất số 215.",
        [InstructionDraft("Công an xã", "Xác minh việc lấn chiếm lối đi", D(2026, 12, 4)),
         InstructionDraft("", "Đo đạc, báo cáo kết quả", D(2026, 12, 11),
                          assignee_staff_id=_staff(desk, "clerk"))],
        visit_id=visit.id)
    desk.hotspots.acknowledge_directive(matter.instructions[0].id)
    desk.hotspots.complete_directive(matter.instructions[0].id)
    whole, _ = desk.sessions.record_conclusion(
        held.id, "Kỳ tiếp diễn ra đúng kế hoạch; các bộ phận báo cáo kết quả trước 15/12.")
    planned, _ = desk.sessions.plan(_draft(desk, D(2026, 12, 3), matters="Môi trường"))
    desk.sessions.publish(D(2026, 12, 1), D(2026, 12, 6))
    dropped, _ = desk.sessions.plan(_draft(desk, D(2026, 12, 10)))
    desk.sessions.cancel(dropped.id, dropped.version, "Chủ tịch đi công tác tỉnh")
    return {"held": held.id, "visit": visit.id, "matter": matter.id, "whole": whole.id,
            "planned": planned.id}








def _sessions(db, today: date) -> list[Any]:  # type: ignore[no-untyped-def]
    with db.read() as s:
        return _plain(planning.list_sessions(s, FIRST, LAST, today))


def _linked(db) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    """visit uid → uid of the session it is linked to."""
    with db.read() as s:
        return dict(s.execute(select(Visit.uid, ReceptionSession.uid).outerjoin(
            ReceptionSession, ReceptionSession.id == Visit.session_id)).all())






def test_sessions_and_conclusions_survive_a_round_trip(desk, database_url, request, tmp_path):
    """From SQLite into PostgreSQL, and from PostgreSQL into SQLite."""
    now = desk.now()
    _fill_sessions(desk)
    first = _export(desk.db, now)
    assert json.loads(first[0])["version"] == exchange.VERSION == 2
    assert _types(first).count("reception_session") == 3
    assert _types(first).count("session_conclusion") == 2
    if database_url.startswith("sqlite"):
        target = open_database(request.getfixturevalue("postgres_server").new_database())
    else:
        target = open_database(f"sqlite:///{tmp_path / 'copy.sqlite3'}")
    try:
        report, changes = _import(target, first, now)
        assert report.created["reception_session"] == 3
        assert report.created["session_conclusion"] == 2
        assert changes.sessions
        today = desk.today()
        assert _sessions(target, today) == _sessions(desk.db, today)
        assert _linked(target) == _linked(desk.db)
        assert _count(target, Directive) == _count(desk.db, Directive)
        assert _export(target, now)[1:] == first[1:]
        # Imported again: recognised, nothing duplicated, nothing rewritten.
        report, changes = _import(target, first, now)
        assert report.created == {} and report.updated == {}
        assert not changes.sessions and not changes.visits
        assert _count(target, ReceptionSession) == 3
        assert _count(target, SessionConclusion) == 2
        assert _count(target, Directive) == _count(desk.db, Directive)
        # Every imported session, conclusion and instruction has its audit row: the chain
        # check finds nothing changed outside the application.
        with target.read() as s:
            audited = {(e, a) for e, a in s.execute(
                select(AuditEntry.entity, AuditEntry.action)).all()}
        assert {("reception_session", "import"), ("session_conclusion", "import"),
                ("directive", "import")} <= audited
        assert_record_intact(SimpleNamespace(db=target))
    finally:
        target.dispose()


def test_a_later_export_updates_the_sessions_and_instructions_in_place(tmp_path):
    clock = Clock()
    a = make_desk(f"sqlite:///{tmp_path / 'a.sqlite3'}", clock)
    b = open_database(f"sqlite:///{tmp_path / 'b.sqlite3'}")
    try:
        ids = _fill_sessions(a)
        _import(b, _export(a.db, clock()), clock())
        # On the old PC afterwards: the second instruction is done, the planned session moved.
        notice = a.sessions.session(ids["held"]).conclusions[0]
        a.hotspots.complete_directive(notice.instructions[1].id)
        planned = a.sessions.session(ids["planned"])
        a.sessions.update(planned.id, _draft(a, D(2026, 12, 4), matters="Môi trường"),
                          planned.version)
        report, _changes = _import(b, _export(a.db, clock()), clock())
        assert report.created == {}
        assert report.updated == {"reception_session": 1, "session_conclusion": 1}
        assert _sessions(b, a.today()) == _sessions(a.db, a.today())
        assert _count(b, Directive) == _count(a.db, Directive)
        assert_record_intact(SimpleNamespace(db=b))
    finally:
        a.close()
        b.dispose()


def test_merging_maps_staff_and_visits_and_links_the_visits_again(tmp_path):
    """Into another office PC with its own staff and records: references follow the uids, the
    visits link to the imported session by the rule, the conclusion numbers move the counter."""
    clock = Clock()
    a = make_desk(f"sqlite:///{tmp_path / 'a.sqlite3'}", clock)
    b = make_desk(f"sqlite:///{tmp_path / 'b.sqlite3'}", clock)
    try:
        _fill_sessions(a)
        _import(b.db, _export(a.db, clock()), clock())
        assert _sessions(b.db, b.today()) == _sessions(a.db, a.today())
        assert _linked(b.db) == _linked(a.db)
        # A conclusion recorded on the new PC takes the next number, not one imported.
        held, _ = b.sessions.plan(_draft(b, D(2026, 11, 26), 480, 660))
        held, _ = b.sessions.hold(held.id, held.version)
        notice, _ = b.sessions.record_conclusion(held.id, "Không phát sinh vụ việc mới.")
        assert notice.number == 3
        assert_record_intact(b)
    finally:
        a.close()
        b.close()


def test_a_conclusion_number_held_by_another_notice_is_a_conflict(tmp_path):
    clock = Clock()
    a = make_desk(f"sqlite:///{tmp_path / 'a.sqlite3'}", clock)
    b = make_desk(f"sqlite:///{tmp_path / 'b.sqlite3'}", clock)
    try:
        _fill_sessions(a)
        held, _ = b.sessions.plan(_draft(b, D(2026, 11, 26), 480, 660))
        held, _ = b.sessions.hold(held.id, held.version)
        b.sessions.record_conclusion(held.id, "Không phát sinh vụ việc mới.")
        lines = _export(a.db, clock())
        with pytest.raises(UserError) as info:
            _import(b.db, lines, clock())
        errors = info.value.params["errors"]
        taken = [e for e in errors if e["code"] == "import.number_taken"]
        assert taken and all(_types(lines)[e["line"] - 2] == "session_conclusion" for e in taken)
        assert _count(b.db, ReceptionSession) == 1  # nothing written
    finally:
        a.close()
        b.close()


def test_a_version_1_file_still_imports(sqlite_desk, tmp_path):
    """A file written before sessions were exchanged: no session lines, format 1."""
    now = sqlite_desk.now()
    _fill_sessions(sqlite_desk)
    lines = _export(sqlite_desk.db, now)
    header = json.loads(lines[0])
    header["version"] = 1
    old = [json.dumps(header, ensure_ascii=False)] + [
        line for line in lines[1:]
        if json.loads(line)["type"] not in ("reception_session", "session_conclusion")]
    target = open_database(f"sqlite:///{tmp_path / 'copy.sqlite3'}")
    try:
        report, _ = _import(target, old, now)
        assert report.created["visit"] == 1 and "reception_session" not in report.created
        assert _count(target, ReceptionSession) == 0
        assert_record_intact(SimpleNamespace(db=target))
    finally:
        target.dispose()


def test_a_file_of_a_newer_format_is_refused_in_vietnamese():
    header = {"format": exchange.FORMAT, "version": exchange.VERSION + 1}
    with pytest.raises(UserError) as info:
        exchange.parse_file([json.dumps(header)])
    error = info.value.params["errors"][0]
    assert error["code"] == "import.version_too_new"
    assert error["supported"] == exchange.VERSION
    before = current_language()
    set_language("vi")
    try:
        text = message_for(info.value)
    finally:
        set_language(before)
    assert "phiên bản mới hơn" in text and str(exchange.VERSION + 1) in text


def test_a_bad_session_line_is_refused_with_its_line(sqlite_desk, tmp_path):
    now = sqlite_desk.now()
    _fill_sessions(sqlite_desk)
    lines = _export(sqlite_desk.db, now)
    at = _types(lines).index("reception_session") + 1
    bad = json.loads(lines[at])
    bad["status"], bad["end_minute"] = "postponed", bad["start_minute"] - 1
    lines[at] = json.dumps(bad, ensure_ascii=False)
    at2 = _types(lines).index("session_conclusion") + 1
    bad2 = json.loads(lines[at2])
    bad2["session"] = "no-such-session"
    lines[at2] = json.dumps(bad2, ensure_ascii=False)
    target = open_database(f"sqlite:///{tmp_path / 'copy.sqlite3'}")
    try:
        with pytest.raises(UserError) as info:
            _import(target, lines, now)
        found = {(e["line"], e["code"]) for e in info.value.params["errors"]}
        assert (at + 1, "import.bad_value") in found
        with pytest.raises(UserError) as info:
            bad["status"], bad["end_minute"] = "held", bad["start_minute"] + 60
            lines[at] = json.dumps(bad, ensure_ascii=False)
            _import(target, lines, now)
        found = {(e["line"], e["code"]) for e in info.value.params["errors"]}
        assert (at2 + 1, "import.unknown_reference") in found
        assert _count(target, ReceptionSession) == 0
        # A participant who is on no staff list: found by the read-only check the doors run
        # before any batch is written (not half way through the import).
        lines[at2] = json.dumps({**bad2, "session": bad["uid"]}, ensure_ascii=False)
        bad["members"][0]["staff"] = "no-such-officer"
        lines[at] = json.dumps(bad, ensure_ascii=False)
        with pytest.raises(UserError) as info:
            check_against(target, exchange.parse_file(lines, now))
        assert [(e["line"], e["code"], e["key"]) for e in info.value.params["errors"]] == [
            (at + 1, "import.unknown_reference", "staff")]
    finally:
        target.dispose()


def test_a_masked_export_withholds_a_secret_denouncers_conclusion(sqlite_desk):
    """The conclusion notice of a denunciation under secrecy is a document issued for a secret
    record: its text is withheld like the payload of such a record's receipt; any other
    notice stays readable."""
    desk = sqlite_desk
    chair = _staff(desk, "chair")
    held, _ = desk.sessions.plan(_draft(desk, D(2026, 11, 27), 480, 660))
    secret, _ = desk.log_visit(sample_draft(
        desk, kind=VisitKind.PERIODIC, presiding_leader_id=chair,
        petition_type=PetitionType.DENUNCIATION, field_code=None, citizen_name=SECRET_NAME,
        id_number="037085005678", content="Tố cáo cán bộ thu tiền trái quy định."))
    held, _ = desk.sessions.hold(held.id, desk.sessions.session(held.id).version)
    desk.sessions.record_conclusion(
        held.id, f"Bà {SECRET_NAME} tố cáo cán bộ địa chính; giao Thanh tra xác minh.",
        [InstructionDraft("Thanh tra huyện", "Xác minh nội dung tố cáo", D(2026, 12, 4))],
        visit_id=secret.id)
    other, _ = desk.sessions.plan(_draft(desk, D(2026, 11, 20), 480, 660))
    other, _ = desk.sessions.hold(other.id, other.version)
    desk.sessions.record_conclusion(other.id, "Kỳ tiếp không phát sinh vụ việc phức tạp.")
    lines = _export(desk.db, desk.now(), masked=True)
    text = "\n".join(lines)
    assert SECRET_NAME not in text
    notices = {r["number"]: r for r in map(json.loads, lines[1:])
               if r["type"] == "session_conclusion"}
    assert notices[1]["text"] == "***" and notices[1]["visit"] == json.loads(next(
        line for line in lines[1:] if json.loads(line)["type"] == "visit"))["uid"]
    assert notices[2]["text"] == "Kỳ tiếp không phát sinh vụ việc phức tạp."
    assert json.loads(lines[0])["masking"]["secret_conclusions"] == "withheld"
    # The full export keeps it (an importable file, every identity in clear).
    assert SECRET_NAME in "\n".join(_export(desk.db, desk.now()))


def test_the_doors_import_in_batches_and_link_the_visits_at_the_end(sqlite_desk, clock,
                                                                   tmp_path):
    """The menu's and the command line's path: ``export_logbook`` (full) then
    ``import_logbook`` writes in short batches (here one record each): the sessions, the
    conclusions, their instructions and the visit links all arrive, audited."""
    from reception_desk.domain.access import Role
    from reception_desk.services.desk import Desk
    from reception_desk.services.exchange.batches import import_batches
    from tests.conftest import sign_in_as

    _fill_sessions(sqlite_desk)
    sign_in_as(sqlite_desk, Role.CHAIRPERSON)
    path = tmp_path / "so-tiep-cong-dan.jsonl"
    sqlite_desk.export_logbook(path, with_identities=True,
                               reason="Chuyển sổ sang máy tính mới của bộ phận")
    target = Desk(open_database(f"sqlite:///{tmp_path / 'copy.sqlite3'}"), clock)
    try:
        with path.open(encoding="utf-8") as fh:
            records = exchange.parse_file(fh, sqlite_desk.now())
        report, changes = import_batches(target.db, records, ACTOR, sqlite_desk.now(),
                                         batch_seconds=0, pause=0)
        assert report.created["session_conclusion"] == 2 and changes.visits
        today = sqlite_desk.today()
        assert _sessions(target.db, today) == _sessions(sqlite_desk.db, today)
        assert _linked(target.db) == _linked(sqlite_desk.db)
        report, _changes = target.import_logbook(path)  # the door, again: nothing new
        assert report.created == {} and report.updated == {}
        assert_record_intact(target)
    finally:
        target.close()
