"""JSON Lines export/import: lossless round trip, idempotent re-import, all-or-nothing errors."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func
from sqlalchemy import select

from reception_desk.demo import generator as demo
from reception_desk.errors import UserError
from reception_desk.services.context import Actor
from reception_desk.services.exchange import jsonl as exchange
from reception_desk.storage.database import open_database
from reception_desk.storage.models import Visit
from tests.conftest import Clock
from tests.conftest import sample_draft

ACTOR = Actor("kiểm thử")


def _export(db, now) -> list[str]:
    with db.read() as s:
        return list(exchange.export_lines(s, now))


def _import(db, lines, now):
    records = exchange.parse_file(lines)
    with db.session() as s:
        return exchange.import_records(s, records, ACTOR, now)


def _fill_every_table(desk) -> None:
    """A case with events and a directive, a crowd visit, a receipt, an office day off."""
    from datetime import date

    from reception_desk.domain.calendar import OverrideKind
    from reception_desk.domain.cases import EventKind
    from reception_desk.domain.cases import HandlingLevel
    from reception_desk.domain.classification import IdDocType
    from reception_desk.domain.visits import GroupMember
    from reception_desk.services.cases.dto import EventDraft

    crowd, _ = desk.log_visit(sample_draft(desk, people_count=7, delegation=True, members=[
        GroupMember("Trần Văn Bảy", IdDocType.CITIZEN_ID, "037080001122", "Thôn Đông", "",
                    True),
        GroupMember("Lê Thị Tám", IdDocType.NONE, "", "Thôn Tây", "", False),
    ]))
    case, _ = desk.cases.open_from_visit(crowd.id)
    desk.cases.record_event(EventDraft(case.id, EventKind.TRANSFER, "12/PC-UBND",
                                       date(2026, 11, 27), HandlingLevel.PROVINCE,
                                       "Thanh tra tỉnh"))
    desk.hotspots.record_directive(case.id, "Làm việc với các hộ dân", None, date(2026, 12, 4))
    desk.documents.issue_receipt(crowd.id)
    desk.cases.set_override(date(2026, 12, 31), OverrideKind.DAY_OFF, "Nghỉ bù theo thông báo")


def test_round_trip_is_lossless_and_reimport_is_idempotent(desk, tmp_path):
    now = desk.now()
    visit, _ = desk.log_visit(sample_draft(desk))
    desk.void_visit(visit.id, "Ghi trùng")
    _fill_every_table(desk)
    with desk.db.session() as s:
        demo.generate(s, 120, seed=7, actor=ACTOR, now=now)
    first = _export(desk.db, now)
    target = open_database(f"sqlite:///{tmp_path / 'copy.sqlite3'}")
    try:
        report, _ = _import(target, first, now)
        assert report.created["visit"] == 122
        for kind in ("case", "case_event", "case_citizen", "directive", "issued_document",
                     "calendar_override"):
            assert report.created.get(kind), kind
        second = _export(target, now)
        assert second[1:] == first[1:]  # everything but the header's export time
        report, changes = _import(target, first, now)
        assert report.created == {} and report.updated == {} and not changes.visits
        assert _export(target, now)[1:] == first[1:]
    finally:
        target.dispose()


def test_a_file_with_one_bad_line_writes_nothing(sqlite_desk, tmp_path):
    now = sqlite_desk.now()
    sqlite_desk.log_visit(sample_draft(sqlite_desk))
    sqlite_desk.log_visit(sample_draft(sqlite_desk, citizen_name="Lê Thị Hoa"))
    lines = _export(sqlite_desk.db, now)
    last_visit = max(i for i, line in enumerate(lines) if '"type": "visit"' in line)
    broken = json.loads(lines[last_visit])
    broken["received_at"] = "not a date"
    lines[last_visit] = json.dumps(broken, ensure_ascii=False)
    lines.append("{not json")
    target = open_database(f"sqlite:///{tmp_path / 'copy.sqlite3'}")
    try:
        with pytest.raises(UserError) as info:
            _import(target, lines, now)
        errors = info.value.params["errors"]
        assert [(e["line"], e["code"]) for e in errors] == [
            (last_visit + 1, "import.bad_value"), (len(lines), "import.bad_json")]
        with target.read() as s:
            assert s.scalar(select(func.count()).select_from(Visit)) == 0
    finally:
        target.dispose()


def test_unknown_format_and_newer_version_are_refused():
    with pytest.raises(UserError) as info:
        exchange.parse_file(['{"format": "something-else", "version": 1}'])
    assert info.value.params["errors"][0]["code"] == "import.not_logbook"
    with pytest.raises(UserError) as info:
        exchange.parse_file(['{"format": "reception-desk-logbook", "version": 99}'])
    assert info.value.params["errors"][0]["code"] == "import.version_too_new"


def test_stt_taken_by_another_visit_is_a_conflict(tmp_path):
    clock = Clock()
    from tests.conftest import make_desk

    a = make_desk(f"sqlite:///{tmp_path / 'a.sqlite3'}", clock)
    b = make_desk(f"sqlite:///{tmp_path / 'b.sqlite3'}", clock)
    try:
        a.log_visit(sample_draft(a))
        b.log_visit(sample_draft(b))
        with pytest.raises(UserError) as info:
            _import(b.db, _export(a.db, clock()), clock())
        codes = {e["code"] for e in info.value.params["errors"]}
        assert "import.number_taken" in codes
    finally:
        a.close()
        b.close()


def test_an_export_is_audited_with_who_when_how_many_and_the_file(sqlite_desk, clock,
                                                                  tmp_path):
    """The exchange file holds every identity in clear: writing it is an act on secret data,
    kept in the audit chain (who, when, how many records, which file)."""
    from reception_desk.domain.access import Role
    from reception_desk.domain.dates import as_utc
    from reception_desk.storage.models import AuditEntry
    from tests.conftest import sign_in_as

    sqlite_desk.log_visit(sample_draft(sqlite_desk))
    sign_in_as(sqlite_desk, Role.ADMINISTRATOR)
    target = tmp_path / "so-tiep-cong-dan.jsonl"
    count = sqlite_desk.export_logbook(target)
    assert count == len(target.read_text(encoding="utf-8").splitlines()) - 1 > 0
    with sqlite_desk.db.read() as s:
        rows = s.execute(select(AuditEntry.actor, AuditEntry.entity, AuditEntry.at,
                                AuditEntry.after).where(AuditEntry.action == "export")).all()
    assert len(rows) == 1
    row = rows[0]
    assert row.actor == "Quản trị viên" and row.entity == "database"
    assert as_utc(row.at) == as_utc(clock())
    after = row.after if isinstance(row.after, dict) else json.loads(row.after)
    assert after == {"records": count, "file": target.name,
                     "folder": str(tmp_path.resolve()), "masked": True}
    assert not list(tmp_path.glob("*.part"))
