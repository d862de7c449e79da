"""Dialogues (đối thoại) of complaint cases in the exchange file (format 2).

An office moving to a new PC must keep the dialogues of its complaint cases: scheduled, held
(with each participant's opinion and the result) or cancelled (with the reason). A dialogue has
no uid: it is matched by its case (uid), the moment it was scheduled (``created_at``) and the
moment it was scheduled for (``scheduled_at``), neither of which ever changes. Exported from one
real SQLite database, imported into another, read back through the services and compared.
Fixed clock: Fri 27/11/2026 09:30 (Vietnam)."""

from __future__ import annotations

import json
from datetime import date
from datetime import datetime
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import select

from reception_desk.config import OFFICE_TZ
from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import EventKind
from reception_desk.domain.dialogues import Participant
from reception_desk.domain.dialogues import ParticipantRole
from reception_desk.domain.secrecy import mask_address
from reception_desk.errors import UserError
from reception_desk.services.cases.dialogue_dto import HoldDialogue
from reception_desk.services.cases.dialogue_dto import ScheduleDialogue
from reception_desk.services.cases.dialogue_rule import dialogues_of
from reception_desk.services.cases.dto import EventDraft
from reception_desk.services.cases.dto import NewCase
from reception_desk.services.exchange import jsonl as exchange
from reception_desk.services.exchange.batches import check_against
from reception_desk.storage.database import open_database
from reception_desk.storage.models import AuditEntry
from reception_desk.storage.models import CaseFile
from reception_desk.storage.models import DialogueParticipantRow
from reception_desk.storage.models import DialogueRow
from tests.conftest import Clock
from tests.conftest import assert_record_intact
from tests.conftest import make_desk
from tests.services.exchange_roundtrip import count as _count
from tests.services.exchange_roundtrip import export as _export
from tests.services.exchange_roundtrip import import_lines as _import
from tests.services.exchange_roundtrip import plain as _plain
from tests.services.exchange_roundtrip import types as _types

P = ParticipantRole
ADDRESS = "Số 12, ngõ 3, thôn Đông, xã Hòa Bình, huyện Tân Yên"
PEOPLE = (Participant(P.PRESIDING, "Lê Văn Chủ", "Chủ tịch UBND xã"),
          Participant(P.COMPLAINANT, "Trần Thị Khiếu", ADDRESS),
          Participant(P.RESPONDENT, "Phạm Văn Bị", "Công chức địa chính"),
          Participant(P.MINUTE_TAKER, "Ngô Thị Ghi", "Công chức văn phòng"))


def _at(day: date, hour: int = 8) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=OFFICE_TZ)


def _fill(desk) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """A second-time complaint with a held dialogue (opinions, result) and a cancelled one; a
    first-time complaint with a scheduled one."""
    received = date(2026, 11, 2)
    case, _ = desk.cases.open_case(NewCase(case_type=CaseType.COMPLAINT_SECOND,
                                           title="Khiếu nại thu hồi đất", received_on=received))
    desk.cases.record_event(EventDraft(case_id=case.id, kind=EventKind.ACCEPT,
                                       document_date=received + timedelta(days=2)))
    held, _ = desk.cases.schedule_dialogue(ScheduleDialogue(
        case.id, _at(date(2026, 11, 26)), "Hội trường UBND xã", PEOPLE, topic="Thu hồi đất",
        invited_on=date(2026, 11, 18)))
    said = tuple(Participant(p.role, p.name, p.position, f"Ý kiến của {p.name}")
                 for p in PEOPLE)
    desk.cases.hold_dialogue(HoldDialogue(held.id, _at(date(2026, 11, 26), 9), said,
                                          "Hai bên thống nhất đo đạc lại."))
    dropped, _ = desk.cases.schedule_dialogue(ScheduleDialogue(
        case.id, _at(date(2026, 12, 3)), "Phòng họp UBND xã", PEOPLE))
    desk.cases.cancel_dialogue(dropped.id, "Người khiếu nại xin hoãn vì ốm")
    other, _ = desk.cases.open_case(NewCase(case_type=CaseType.COMPLAINT_FIRST,
                                            title="Khiếu nại quyết định xử phạt",
                                            received_on=received))
    desk.cases.record_event(EventDraft(case_id=other.id, kind=EventKind.ACCEPT,
                                       document_date=received + timedelta(days=3)))
    planned, _ = desk.cases.schedule_dialogue(ScheduleDialogue(
        other.id, _at(date(2026, 12, 8), 14), "Nhà văn hóa thôn Đông", PEOPLE[:2]))
    return {"case": case.id, "other": other.id, "held": held.id, "planned": planned.id}








def _dialogues(db) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """case uid → its dialogues as the case page's Đối thoại tab reads them."""
    with db.read() as s:
        cases = s.execute(select(CaseFile.id, CaseFile.uid)).all()
        return {uid: _plain(dialogues_of(s, cid)) for cid, uid in cases}






def test_dialogues_survive_a_round_trip_and_a_reimport_creates_nothing(sqlite_desk, tmp_path):
    desk = sqlite_desk
    now = desk.now()
    _fill(desk)
    first = _export(desk.db, now)
    assert json.loads(first[0])["version"] == exchange.VERSION == 2
    assert _types(first).count("dialogue") == 3
    target = open_database(f"sqlite:///{tmp_path / 'copy.sqlite3'}")
    try:
        report, changes = _import(target, first, now)
        assert report.created["dialogue"] == 3
        assert changes.cases
        assert _dialogues(target) == _dialogues(desk.db)
        assert sum(len(v) for v in _dialogues(target).values()) == 3
        assert _count(target, DialogueParticipantRow) == _count(desk.db, DialogueParticipantRow)
        assert _export(target, now)[1:] == first[1:]
        report, changes = _import(target, first, now)
        assert report.created == {} and report.updated == {}
        assert not changes.cases
        assert _count(target, DialogueRow) == 3
        assert _count(target, DialogueParticipantRow) == _count(desk.db, DialogueParticipantRow)
        with target.read() as s:
            audited = {(e, a) for e, a in s.execute(
                select(AuditEntry.entity, AuditEntry.action)).all()}
        assert ("dialogue", "import") in audited
        assert_record_intact(SimpleNamespace(db=target))
    finally:
        target.dispose()


def test_dialogues_cross_into_postgresql_and_back(sqlite_desk, request, tmp_path):
    """The same moments match on either engine: SQLite → PostgreSQL → SQLite, nothing new."""
    now = sqlite_desk.now()
    _fill(sqlite_desk)
    first = _export(sqlite_desk.db, now)
    middle = open_database(request.getfixturevalue("postgres_server").new_database())
    last = open_database(f"sqlite:///{tmp_path / 'back.sqlite3'}")
    try:
        _import(middle, first, now)
        assert _dialogues(middle) == _dialogues(sqlite_desk.db)
        report, _ = _import(middle, first, now)
        assert report.created == {} and report.updated == {}
        _import(last, _export(middle, now), now)
        assert _dialogues(last) == _dialogues(sqlite_desk.db)
        assert_record_intact(SimpleNamespace(db=middle))
    finally:
        middle.dispose()
        last.dispose()


def test_a_later_export_updates_the_dialogue_in_place(tmp_path):
    clock = Clock()
    a = make_desk(f"sqlite:///{tmp_path / 'a.sqlite3'}", clock)
    b = open_database(f"sqlite:///{tmp_path / 'b.sqlite3'}")
    try:
        ids = _fill(a)
        _import(b, _export(a.db, clock()), clock())
        # On the old PC afterwards: the planned dialogue is cancelled.
        a.cases.cancel_dialogue(ids["planned"], "Cơ quan có thẩm quyền đã thụ lý lại")
        report, _changes = _import(b, _export(a.db, clock()), clock())
        assert report.created == {}
        assert report.updated == {"dialogue": 1}
        assert _dialogues(b) == _dialogues(a.db)
        assert_record_intact(SimpleNamespace(db=b))
    finally:
        a.close()
        b.dispose()


def test_a_version_1_file_still_imports(sqlite_desk, tmp_path):
    now = sqlite_desk.now()
    _fill(sqlite_desk)
    lines = _export(sqlite_desk.db, now)
    header = json.loads(lines[0])
    header["version"] = 1
    old = [json.dumps(header, ensure_ascii=False)] + [
        line for line in lines[1:] if json.loads(line)["type"] != "dialogue"]
    target = open_database(f"sqlite:///{tmp_path / 'copy.sqlite3'}")
    try:
        report, _ = _import(target, old, now)
        assert report.created["case"] == 2 and "dialogue" not in report.created
        assert _count(target, DialogueRow) == 0
        assert_record_intact(SimpleNamespace(db=target))
    finally:
        target.dispose()


def test_a_bad_dialogue_line_is_refused_with_its_line(sqlite_desk, tmp_path):
    now = sqlite_desk.now()
    _fill(sqlite_desk)
    lines = _export(sqlite_desk.db, now)
    at = _types(lines).index("dialogue") + 1
    good = json.loads(lines[at])
    bad = {**good, "status": "postponed"}
    lines[at] = json.dumps(bad, ensure_ascii=False)
    target = open_database(f"sqlite:///{tmp_path / 'copy.sqlite3'}")
    try:
        with pytest.raises(UserError) as info:
            _import(target, lines, now)
        assert (at + 1, "import.bad_value") in {
            (e["line"], e["code"]) for e in info.value.params["errors"]}
        # Held without a result, with nobody presiding: the form's rules, on the line.
        bad = {**good, "status": "held", "result": " ",
               "participants": [p for p in good["participants"] if p["role"] != "presiding"]}
        lines[at] = json.dumps(bad, ensure_ascii=False)
        with pytest.raises(UserError) as info:
            _import(target, lines, now)
        found = {(e["line"], e["code"]) for e in info.value.params["errors"]}
        assert {(at + 1, "dialogue.result_required"),
                (at + 1, "dialogue.presiding_required")} <= found
        # A dialogue of a case that is nowhere: found by the read-only check before any batch.
        lines[at] = json.dumps({**good, "case": "no-such-case"}, ensure_ascii=False)
        with pytest.raises(UserError) as info:
            check_against(target, exchange.parse_file(lines, now))
        assert [(e["line"], e["code"], e["key"]) for e in info.value.params["errors"]] == [
            (at + 1, "import.unknown_reference", "case")]
        assert _count(target, DialogueRow) == 0
    finally:
        target.dispose()


def test_a_masked_export_masks_the_complainants_address_as_the_cases(sqlite_desk):
    """Names stay in clear (as a complaint case's complainants'); a complainant's address is
    partial, as every citizen's not under secrecy; the officials' titles stay readable."""
    _fill(sqlite_desk)
    lines = _export(sqlite_desk.db, sqlite_desk.now(), masked=True)
    dialogues = [r for r in map(json.loads, lines[1:]) if r["type"] == "dialogue"]
    assert len(dialogues) == 3
    assert ADDRESS not in "\n".join(lines)
    for record in dialogues:
        people = {p["role"]: p for p in record["participants"]}
        assert people["complainant"]["name"] == "Trần Thị Khiếu"
        assert people["complainant"]["title"] == mask_address(ADDRESS)
        assert people["presiding"]["title"] == "Chủ tịch UBND xã"
    assert ADDRESS in "\n".join(_export(sqlite_desk.db, sqlite_desk.now()))
