"""Undoing an old-logbook import voids the registry records it created that nothing else holds
(services/legacy/importing.undo): they leave the registry search, the ID look-up and the repeat
banner; records that existed before, or got a visit or a case since, stay."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from sqlalchemy import insert
from sqlalchemy import select

from reception_desk.domain.access import Role
from reception_desk.domain.classification import IdDocType
from reception_desk.domain.classification import Sex
from reception_desk.services.office.maintenance import check_database
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import AuditEntry
from reception_desk.storage.models import Citizen
from reception_desk.storage.models import VisitParticipant
from tests.conftest import sample_draft
from tests.conftest import sign_in_as
from tests.legacy.files import tt04_book

# The TT 04/2021 sample book (tests/legacy/files.py): row 1 is the counter's citizen (linked by
# ID number); rows 2-5 create four registry records.
HOA, BINH, BINH_UNACCENTED, CUONG = ("Lê Thị Hoa", "Nguyễn Văn Bình", "Nguyen Van Binh",
                                     "TRẦN VĂN CƯỜNG")


def _registry(desk) -> dict[str, Citizen]:
    with desk.db.read() as s:
        rows = list(s.scalars(select(Citizen)))
        s.expunge_all()
    return {c.full_name: c for c in rows}


def test_undo_voids_the_citizens_only_the_import_made(desk, tmp_path: Path):
    before, _ = desk.log_visit(sample_draft(desk))  # the citizen row 1 links to
    outcome, _ = desk.legacy.import_rows(desk.legacy.dry_run(tt04_book(tmp_path / "so.xlsx")))
    assert (outcome.citizens_created, outcome.citizens_linked) == (4, 1)
    made = _registry(desk)
    # Since the import: Bình came to the counter, a case was opened on Bình's old visit.
    desk.log_visit(sample_draft(
        desk, citizen_id=made[BINH_UNACCENTED].id, citizen_name=BINH_UNACCENTED,
        id_doc_type=IdDocType.NONE, id_number="", id_issue_date=None, id_issue_place=""))
    old_visit = next(v for v in desk.citizens.visits(made[BINH].id or 0))
    desk.cases.open_from_visit(old_visit.id)
    assert {c.full_name for c in desk.citizens.search("hoa")} == {HOA}
    assert [c.full_name for c in desk.citizens.by_id_number("037185002345")] == [HOA]

    result, changes = desk.legacy.undo(outcome.batch_id)

    assert (result.visits_voided, result.citizens_voided) == (5, 2)
    after = _registry(desk)
    voided = {name for name, c in after.items() if c.voided_at is not None}
    assert voided == {HOA, CUONG}
    assert all(after[n].void_reason and after[n].voided_by for n in voided)
    assert len(after) == len(made)  # voided, never deleted
    assert {made[HOA].id, made[CUONG].id} <= changes.citizens
    # Gone from the registry's doors ...
    assert desk.citizens.search("hoa") == []
    assert desk.citizens.by_id_number("037185002345") == []
    banner = desk.citizens.repeats(sample_draft(desk, citizen_name=HOA,
                                                id_number="037185002345"))
    assert not [v for v in banner.visits if v.reasons & {"id", "name"}]
    assert banner.person_visit_count == 0 and banner.cases == ()
    # ... and not offered to the next import of the same book: it makes Hoa and Cường again
    # (and the unaccented Bình, matched by name only, unconfirmed), links the other two.
    again, _ = desk.legacy.import_rows(desk.legacy.dry_run(tmp_path / "so.xlsx"))
    assert (again.citizens_created, again.citizens_linked) == (3, 2)
    # The others stay: the counter's citizen, Bình with a visit since, Bình with a case.
    assert {c.full_name for c in desk.citizens.search("binh")} >= {BINH, BINH_UNACCENTED}
    assert [c.id for c in desk.citizens.by_id_number(before.id_number)] == [before.citizen_id]
    with desk.db.read() as s:
        audited = set(s.scalars(select(AuditEntry.entity_id).where(
            AuditEntry.entity == "citizen", AuditEntry.action == "void")))
    assert audited == {str(made[HOA].id), str(made[CUONG].id)}
    assert check_database(desk.db) == []


def test_records_of_an_undone_import_that_a_later_one_linked_go_with_the_later(
        desk, tmp_path: Path):
    desk.log_visit(sample_draft(desk))
    book = tt04_book(tmp_path / "so.xlsx")
    first, _ = desk.legacy.import_rows(desk.legacy.dry_run(book))
    second, _ = desk.legacy.import_rows(desk.legacy.dry_run(book), confirm_names=True)
    assert (second.citizens_created, second.citizens_linked) == (0, 5)
    # The first import's records hold the second's (live) visits: they stay.
    result, _ = desk.legacy.undo(first.batch_id)
    assert (result.visits_voided, result.citizens_voided) == (5, 0)
    assert [c.full_name for c in desk.citizens.by_id_number("037185002345")] == [HOA]
    # Undoing the second leaves them to nothing: voided with it; the counter's citizen stays.
    result, changes = desk.legacy.undo(second.batch_id)
    assert (result.visits_voided, result.citizens_voided) == (5, 4)
    assert len(changes.citizens) == 4
    assert desk.citizens.by_id_number("037185002345") == []
    assert desk.citizens.search("binh") == []
    assert [c.full_name for c in desk.citizens.search("duc")] == ["Nguyễn Văn Đức"]
    listed = {b.id: b for b in desk.legacy.batches()}
    assert listed[second.batch_id].undone_at is not None
    assert check_database(desk.db) == []


def test_a_record_named_by_a_write_still_under_way_stays(desk, tmp_path: Path):
    """Another counter's transaction names Hoa's record (a group member) and has not committed
    when the undo starts: the undo waits for it (PostgreSQL: the records' row locks; SQLite:
    the write lock), then sees the member and keeps the record."""
    logged, _ = desk.log_visit(sample_draft(desk))
    outcome, _ = desk.legacy.import_rows(desk.legacy.dry_run(tt04_book(tmp_path / "so.xlsx")))
    hoa = _registry(desk)[HOA]
    results: list[object] = []
    with desk.db.session() as other:  # commits, with its audit row, when the block ends
        other.execute(insert(VisitParticipant.__table__).values(  # type: ignore[attr-defined]
            visit_id=logged.id, position=9, full_name=HOA, id_doc_type="citizen_id",
            id_number="037185002345", address="", phone="", is_representative=False,
            citizen_id=hoa.id))
        repo.add_audit(other, at=desk.now(), actor="test", action="update", entity="visit",
                       entity_id=logged.id)
        undo = threading.Thread(target=lambda: results.append(
            desk.legacy.undo(outcome.batch_id)[0]))
        undo.start()
        time.sleep(1.0)
        assert undo.is_alive() and results == []  # waiting for the other transaction
    undo.join(timeout=60)
    (result,) = results
    assert (result.visits_voided, result.citizens_voided) == (5, 3)  # type: ignore[attr-defined]
    assert _registry(desk)[HOA].voided_at is None


def test_a_record_picked_before_the_undo_is_not_written_to_after_it(desk, tmp_path: Path):
    """The clerk picked Hoa's record from the search, then the import was undone: the visit
    gets a new record of what was typed, the voided one stays as it was."""
    outcome, _ = desk.legacy.import_rows(desk.legacy.dry_run(tt04_book(tmp_path / "so.xlsx")))
    (picked,) = desk.citizens.by_id_number("037185002345")
    desk.legacy.undo(outcome.batch_id)
    saved, changes = desk.log_visit(sample_draft(
        desk, citizen_id=picked.id, citizen_version=picked.version, citizen_name=HOA,
        id_number="037185002345", sex=Sex.FEMALE))
    assert saved.citizen_id != picked.id and saved.citizen_id in changes.citizens
    assert [c.id for c in desk.citizens.by_id_number("037185002345")] == [saved.citizen_id]
    voided = _registry_by_id(desk)[picked.id]
    assert voided.voided_at is not None and voided.phone == picked.phone
    assert check_database(desk.db) == []


def _registry_by_id(desk) -> dict[int | None, Citizen]:
    with desk.db.read() as s:
        rows = list(s.scalars(select(Citizen)))
        s.expunge_all()
    return {c.id: c for c in rows}


def test_a_document_issued_or_a_file_attached_on_an_imported_visit_keeps_its_record(
        desk, tmp_path: Path):
    outcome, _ = desk.legacy.import_rows(desk.legacy.dry_run(tt04_book(tmp_path / "so.xlsx")))
    made = _registry(desk)
    visit_of = {name: desk.citizens.visits(made[name].id or 0)[0].id for name in (HOA, BINH)}
    desk.documents.issue_receipt(visit_of[HOA])
    scan = tmp_path / "don.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40)
    sign_in_as(desk, Role.RECEIVING_CLERK)
    desk.attachments.add_to_visit(visit_of[BINH], scan)
    sign_in_as(desk, Role.ADMINISTRATOR)
    result, _ = desk.legacy.undo(outcome.batch_id)
    # Five records made (no counter visit before); Hoa (a receipt) and Bình (a scan) stay.
    assert (result.visits_voided, result.citizens_voided) == (5, 3)
    after = _registry(desk)
    assert {n for n, c in after.items() if c.voided_at is None} == {HOA, BINH}
    assert check_database(desk.db) == []
