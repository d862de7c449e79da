"""Tamper tests (issue 10 item 5): alterations made behind the application's back, straight in
the database file with sqlite3 (and on PostgreSQL), are each reported by ``check`` with the
record they concern; an untouched database checks clean."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from reception_desk.demo import generator as demo
from reception_desk.domain.audit_chain import audit_content
from reception_desk.domain.audit_chain import link_hash
from reception_desk.services.context import Actor
from reception_desk.services.office.dto import Finding
from reception_desk.services.office.integrity import chain_head_code
from reception_desk.services.office.integrity import check_record
from reception_desk.services.office.integrity import find_chain_code
from reception_desk.services.office.maintenance import check_database
from reception_desk.storage.database import Database
from reception_desk.storage.database import open_database
from reception_desk.storage.models import Visit
from tests.conftest import Clock
from tests.conftest import make_desk
from tests.conftest import sample_draft


def _office(database_url: str) -> str:
    """An office database with four visits (the second voided), a case opened on the first,
    a receipt for the first; closed again, so only the tamperer has it open."""
    desk = make_desk(database_url, Clock())
    first, _ = desk.log_visit(sample_draft(desk))
    second, _ = desk.log_visit(sample_draft(desk, citizen_name="Lê Thị Hoa",
                                            id_number="037085004321"))
    desk.void_visit(second.id, "Ghi trùng với lượt trước")
    desk.log_visit(sample_draft(desk, citizen_name="Phạm Văn Nam", id_number="037085007777"))
    desk.cases.open_from_visit(first.id)
    desk.documents.issue_receipt(first.id)
    desk.log_visit(sample_draft(desk, citizen_name="Đỗ Thị Mai", id_number="037085001111"))
    assert check_record(desk.db) == []
    desk.close()
    return database_url


@pytest.fixture
def office(database_url: str) -> str:
    return _office(database_url)


@pytest.fixture
def sqlite_office(sqlite_url: str) -> str:
    return _office(sqlite_url)


def tamper(url: str, *statements: str) -> None:
    """Run SQL as a person with the file (sqlite3) or the server (psql-like) would."""
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
        try:
            for statement in statements:
                conn.execute(statement)
            conn.commit()
        finally:
            conn.close()
        return
    db = Database(url)
    try:
        with db.engine.begin() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        db.dispose()


def query(url: str, sql: str) -> list[tuple[Any, ...]]:
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        db.dispose()


def check(url: str) -> list[Finding]:
    db = Database(url)
    try:
        return check_database(db)
    finally:
        db.dispose()


def has(findings: list[Finding], finding_code: str, **params: Any) -> bool:
    return any(f.code == finding_code and all(f.params.get(k) == v for k, v in params.items())
               for f in findings)


def audit_id(url: str, entity: str, entity_id: int, action: str) -> int:
    (found,) = query(url, f"SELECT id FROM audit_entry WHERE entity = '{entity}' AND "
                          f"entity_id = '{entity_id}' AND action = '{action}'")
    return int(found[0])


# --- the twelve alterations (SQLite file, sqlite3) ----------------------------------------------


def test_untouched_database_checks_clean(office):
    assert check(office) == []


def test_edited_visit_content(sqlite_office):
    tamper(sqlite_office, "UPDATE visit SET content = 'Nội dung khác' WHERE seq = 3")
    assert has(check(sqlite_office), "check.record_altered", entity="visit", id=3, stt="3/2026")


def test_edited_audit_row(sqlite_office):
    row = audit_id(sqlite_office, "visit", 3, "create")
    tamper(sqlite_office, f"UPDATE audit_entry SET actor = 'Người khác' WHERE id = {row}")
    assert has(check(sqlite_office), "check.audit_row_altered", id=row, entity="visit",
               entity_id="3")


def test_deleted_audit_row(sqlite_office):
    row = audit_id(sqlite_office, "visit", 2, "create")
    tamper(sqlite_office, f"DELETE FROM audit_entry WHERE id = {row}")
    findings = check(sqlite_office)
    assert has(findings, "check.audit_chain_broken", previous_id=row - 1)
    assert has(findings, "check.audit_count")


def test_whole_audit_trail_removed(sqlite_office):
    tamper(sqlite_office, "DELETE FROM audit_entry")
    findings = check(sqlite_office)
    assert has(findings, "check.audit_trail_missing")
    for seq in (1, 2, 3, 4):
        assert has(findings, "check.record_unaudited", entity="visit", stt=f"{seq}/2026")
    assert has(findings, "check.record_unaudited", entity="case", number="1/2026")
    assert has(findings, "check.record_unaudited", entity="issued_document", id=1)


def test_whole_audit_trail_and_its_head_removed(sqlite_office):
    tamper(sqlite_office, "DELETE FROM audit_entry", "DELETE FROM audit_chain_head")
    findings = check(sqlite_office)
    assert has(findings, "check.audit_trail_missing")
    assert has(findings, "check.chain_head_missing")
    assert has(findings, "check.record_unaudited", entity="visit", stt="1/2026")


def test_unvoided_visit(sqlite_office):
    tamper(sqlite_office, "UPDATE visit SET voided_at = NULL, void_reason = '', voided_by = '' "
                          "WHERE seq = 2")
    assert has(check(sqlite_office), "check.record_altered", entity="visit", id=2, stt="2/2026")


def test_two_swapped_stts(sqlite_office):
    tamper(sqlite_office,
           "UPDATE visit SET seq = -1 WHERE id = 1",
           "UPDATE visit SET seq = 1 WHERE id = 3",
           "UPDATE visit SET seq = 3 WHERE id = 1")
    findings = check(sqlite_office)
    assert has(findings, "check.record_altered", entity="visit", id=1, stt="3/2026")
    assert has(findings, "check.record_altered", entity="visit", id=3, stt="1/2026")


def test_backdated_visit(sqlite_office):
    tamper(sqlite_office, "UPDATE visit SET received_at = '2026-11-02 02:00:00.000000', "
                          "reception_date = '2026-11-02' WHERE seq = 4")
    assert has(check(sqlite_office), "check.record_altered", entity="visit", id=4, stt="4/2026")


def test_deleted_last_visit(sqlite_office):
    tamper(sqlite_office, "DELETE FROM visit_document WHERE visit_id = 4",
           "DELETE FROM visit WHERE id = 4")
    findings = check(sqlite_office)
    assert has(findings, "check.record_missing", entity="visit", id=4, stt="4/2026")
    assert has(findings, "check.counter_ahead", year=2026, counter=4, max=3)


def test_inserted_audit_row(sqlite_office):
    tamper(sqlite_office, "INSERT INTO audit_entry (at, actor, action, entity, entity_id, "
                          "before, after, prev_hash, hash, snapshot_hash) VALUES "
                          "('2026-11-27 03:00:00.000000', 'Thu', 'update', 'visit', '3', NULL, "
                          "'{\"content\":\"x\"}', '', '', '')")
    (row,) = query(sqlite_office, "SELECT max(id) FROM audit_entry")
    findings = check(sqlite_office)
    assert has(findings, "check.audit_row_altered", id=row[0], entity="visit", entity_id="3")
    assert has(findings, "check.audit_tail_added")


def test_inserted_audit_row_with_a_correct_link_is_still_past_the_head(sqlite_office):
    """Someone who knows the algorithm chains a row on, but the head still ends before it."""
    (last,) = query(sqlite_office, "SELECT hash FROM audit_entry ORDER BY id DESC LIMIT 1")
    at = "2026-11-27 03:00:00.000000"
    content = audit_content(at, "Thu", "update", "setting", "office", None, '"x"')
    forged = link_hash(last[0], content, "")
    tamper(sqlite_office, "INSERT INTO audit_entry (at, actor, action, entity, entity_id, "
                          "before, after, prev_hash, hash, snapshot_hash) VALUES "
                          f"('{at}', 'Thu', 'update', 'setting', 'office', NULL, '\"x\"', "
                          f"'{last[0]}', '{forged}', '')")
    findings = check(sqlite_office)
    assert has(findings, "check.audit_tail_added")
    assert not has(findings, "check.audit_row_altered")


def test_reordered_audit_rows(sqlite_office):
    a = audit_id(sqlite_office, "visit", 1, "create")
    b = audit_id(sqlite_office, "visit", 3, "create")
    columns = ("at", "actor", "action", "entity", "entity_id", "before", "after", "prev_hash",
               "hash", "snapshot_hash")
    swap = ", ".join(f"{c} = (SELECT {c} FROM audit_entry WHERE id = {{other}})" for c in columns)
    tamper(sqlite_office,
           "CREATE TEMP TABLE keep AS SELECT * FROM audit_entry",
           f"UPDATE audit_entry SET {swap.format(other=b).replace('audit_entry', 'keep')} "
           f"WHERE id = {a}",
           f"UPDATE audit_entry SET {swap.format(other=a).replace('audit_entry', 'keep')} "
           f"WHERE id = {b}")
    findings = check(sqlite_office)
    assert has(findings, "check.audit_chain_broken", id=a)
    assert has(findings, "check.audit_chain_broken", id=b)


def test_edited_citizen(sqlite_office):
    tamper(sqlite_office, "UPDATE citizen SET phone = '0999 999 999' WHERE id = 2")
    assert has(check(sqlite_office), "check.record_altered", entity="citizen", id=2)


def test_edited_issued_document_number(sqlite_office):
    tamper(sqlite_office, "UPDATE issued_document SET number = 7 WHERE id = 1")
    findings = check(sqlite_office)
    assert has(findings, "check.record_altered", entity="issued_document", id=1,
               number="07/BN-UBND")
    assert has(findings, "check.document_counter_behind", doc_type="receipt", counter=1, max=7)
    assert has(findings, "check.document_number_gap", doc_type="receipt", first=1)


def test_edited_case_event(sqlite_office):
    tamper(sqlite_office, "UPDATE case_event SET moment = '2026-10-01 02:00:00.000000'")
    assert has(check(sqlite_office), "check.record_altered", entity="case", id=1,
               number="1/2026")


def test_edited_document_line_of_a_visit(sqlite_office):
    tamper(sqlite_office, "UPDATE visit_document SET pages = 9 WHERE visit_id = 3")
    assert has(check(sqlite_office), "check.record_altered", entity="visit", id=3)


def test_a_visit_written_outside_the_application(sqlite_office):
    columns = [c.name for c in Visit.__table__.columns if c.name not in ("id", "uid", "seq")]
    names = ", ".join(columns)
    tamper(sqlite_office, f"INSERT INTO visit (id, uid, seq, {names}) "
                          f"SELECT 5, 'u-5', 5, {names} FROM visit WHERE id = 4")
    findings = check(sqlite_office)
    assert has(findings, "check.record_unaudited", entity="visit", id=5, stt="5/2026")
    assert has(findings, "check.counter_behind", year=2026, max=5)


# --- the main alterations on PostgreSQL as well -------------------------------------------------


@pytest.mark.parametrize("statements, code, about", [
    (["UPDATE visit SET content = 'Nội dung khác' WHERE seq = 3"],
     "check.record_altered", {"entity": "visit", "id": 3, "stt": "3/2026"}),
    (["UPDATE visit SET voided_at = NULL, void_reason = '' WHERE seq = 2"],
     "check.record_altered", {"entity": "visit", "id": 2}),
    (["UPDATE visit SET reception_date = '2026-11-02' WHERE seq = 4"],
     "check.record_altered", {"entity": "visit", "id": 4}),
    (["DELETE FROM visit_document WHERE visit_id = 4", "DELETE FROM visit WHERE id = 4"],
     "check.record_missing", {"entity": "visit", "id": 4, "stt": "4/2026"}),
    (["UPDATE citizen SET address = 'Nơi khác' WHERE id = 1"],
     "check.record_altered", {"entity": "citizen", "id": 1}),
    (["UPDATE issued_document SET number = 7"],
     "check.record_altered", {"entity": "issued_document", "id": 1}),
    (["UPDATE audit_entry SET actor = 'Người khác' WHERE entity = 'visit' AND entity_id = '3'"],
     "check.audit_row_altered", {"entity": "visit", "entity_id": "3"}),
    (["DELETE FROM audit_entry WHERE entity = 'citizen' AND entity_id = '2'"],
     "check.audit_chain_broken", {}),
    (["DELETE FROM audit_entry"], "check.audit_trail_missing", {}),
], ids=["content", "unvoided", "backdated", "deleted_last", "citizen", "document_number",
        "audit_edited", "audit_deleted", "trail_removed"])
def test_main_alterations_on_both_databases(office, statements, code, about):
    tamper(office, *statements)
    findings = check(office)
    assert has(findings, code, **about), findings


def test_swapped_stts_on_both_databases(office):
    tamper(office, "UPDATE visit SET seq = -1 WHERE id = 1",
           "UPDATE visit SET seq = 1 WHERE id = 3", "UPDATE visit SET seq = 3 WHERE id = 1")
    findings = check(office)
    assert has(findings, "check.record_altered", entity="visit", id=1, stt="3/2026")
    assert has(findings, "check.record_altered", entity="visit", id=3, stt="1/2026")


# --- what check survives, the head code, the demo -----------------------------------------------


def test_findings_are_capped_per_code(sqlite_office):
    tamper(sqlite_office, "DELETE FROM audit_entry")
    db = Database(sqlite_office)
    try:
        findings = check_record(db, limit=2)
    finally:
        db.dispose()
    unaudited = [f for f in findings if f.code == "check.record_unaudited"]
    assert len(unaudited) == 2
    assert has(findings, "check.more", code="check.record_unaudited")


def test_a_damaged_database_is_reported_not_raised(sqlite_office, tmp_path: Path):
    tamper(sqlite_office, "DROP TABLE audit_chain_head")
    findings = check(sqlite_office)
    assert has(findings, "check.table_missing", table="audit_chain_head")
    path = Path(sqlite_office.removeprefix("sqlite:///"))
    data = bytearray(path.read_bytes())
    for offset in range(8192, len(data) - 4096, 8192):  # garbage over every other page
        data[offset:offset + 4096] = b"\xa5" * 4096
    path.write_bytes(bytes(data))
    findings = check(sqlite_office)
    assert findings and all(isinstance(f, Finding) for f in findings)


def test_progress_is_reported_to_the_end(office):
    seen: list[tuple[int, int]] = []
    db = Database(office)
    try:
        assert check_database(db, lambda done, total: seen.append((done, total))) == []
    finally:
        db.dispose()
    assert seen and seen[-1][0] == seen[-1][1] > 0


def test_head_code_is_found_again_until_the_chain_is_rewritten(office):
    db = open_database(office)
    try:
        code = chain_head_code(db)
        assert len(code) == 14 and code.count("-") == 2
        row = find_chain_code(db, code)
        assert row is not None
    finally:
        db.dispose()
    tamper(office, f"UPDATE audit_entry SET hash = 'ab' WHERE id = {row}")
    db = Database(office)
    try:
        assert find_chain_code(db, code) is None
        assert find_chain_code(db, "12") is None  # too short to stand for a link
    finally:
        db.dispose()


def test_untouched_demo_database_checks_clean(sqlite_url):
    db = open_database(sqlite_url)
    try:
        with db.session() as s:
            demo.generate(s, 600, seed=5, actor=Actor("demo"), now=Clock().moment)
        with db.session() as s:  # a second run continues the numbering
            demo.generate(s, 150, seed=6, actor=Actor("demo"), now=Clock().moment)
        assert check_database(db) == []
    finally:
        db.dispose()
