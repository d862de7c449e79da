"""Old logbooks imported as historical visits: dry run, import, undo (services/legacy, issue 15)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func
from sqlalchemy import select

from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import IdDocType
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.classification import Sex
from reception_desk.domain.legacy_layout import Layout
from reception_desk.domain.legacy_layout import LegacyField
from reception_desk.errors import KnownError
from reception_desk.errors import UserError
from reception_desk.i18n import set_language
from reception_desk.services.legacy import reading
from reception_desk.storage.models import AuditEntry
from reception_desk.storage.models import Citizen
from reception_desk.storage.models import LegacyBatch
from reception_desk.storage.models import Visit
from reception_desk.texts.legacy import describe
from reception_desk.texts.legacy import rejected_heading
from reception_desk.texts.legacy import row_line
from tests.conftest import sample_draft
from tests.legacy.files import BAD_ROWS
from tests.legacy.files import ND154_ROWS
from tests.legacy.files import nd154_book
from tests.legacy.files import tt04_book
from tests.legacy.files import unknown_book

F = LegacyField


def _visits(desk) -> list[Visit]:
    with desk.db.read() as s:
        rows = list(s.scalars(select(Visit).order_by(Visit.id)))
        s.expunge_all()
        return rows


def test_a_tt04_book_dry_run_reads_every_row_and_writes_nothing(desk, tmp_path: Path):
    run = desk.legacy.dry_run(tt04_book(tmp_path / "so.xlsx"))
    assert run.sheets == ["Năm 2019", "Ghi chú"] and run.sheet == "Năm 2019"
    assert run.layout is Layout.TT04_2021
    assert run.bad_rows == []
    first, second, third, fourth, fifth = run.rows
    assert (first.row, first.stt, first.reception_date) == (6, "1", date(2019, 3, 5))
    assert (first.citizen_name, first.address) == ("Nguyễn Văn An", "Thôn Đông, xã Hòa Bình")
    assert (first.id_doc_type, first.id_number) == (IdDocType.CITIZEN_ID, "037085001234")
    assert first.content == "Tranh chấp đất đai với hộ liền kề"
    assert (first.petition_type, first.people_count, first.direction) == (
        PetitionType.COMPLAINT, 1, HandlingDirection.ACCEPT)
    assert second.reception_date == date(2019, 3, 6)  # an Excel day number
    assert (second.id_number, second.petition_type, second.people_count) == (
        "037185002345", PetitionType.PETITION, 2)
    assert (second.content, second.notes) == ("Đề nghị cấp sổ đỏ", "đã trả lời")
    assert second.direction is HandlingDirection.GUIDE
    assert (third.citizen_name, third.content) == ("Nguyễn Văn Bình",
                                                   "Khiếu nại quyết định thu hồi đất")  # VNI
    assert (third.direction, third.target_body) == (HandlingDirection.TRANSFER, "UBND huyện")
    assert third.id_doc_type is IdDocType.LEGACY_CMND
    # 2009 and no diacritics: refused at the counter, kept here as history.
    assert (fourth.reception_date, fourth.citizen_name) == (date(2009, 5, 12),
                                                            "Nguyen Van Binh")
    assert (fourth.petition_type, fourth.people_count) == (PetitionType.REFLECTION, 3)
    assert fifth.citizen_name == "TRẦN VĂN CƯỜNG"  # .VnTimeH capitals
    assert _visits(desk) == []


def test_import_keeps_the_old_stt_apart_from_the_counter_and_undo_voids(desk, tmp_path: Path):
    logged, _ = desk.log_visit(sample_draft(desk))  # the app's own STT 1 of its year
    path = tt04_book(tmp_path / "so.xlsx")
    run = desk.legacy.dry_run(path)
    outcome, changes = desk.legacy.import_rows(run)
    assert (outcome.visits_created, outcome.rows_skipped) == (5, 0)
    # The first row holds the ID number of the citizen logged above: linked, not duplicated.
    assert (outcome.citizens_created, outcome.citizens_linked) == (4, 1)
    assert len(changes.visits) == 5
    imported = [v for v in _visits(desk) if v.legacy_batch_id == outcome.batch_id]
    assert [v.legacy_stt for v in imported] == ["1", "2", "3", "4", "5"]
    assert [(v.year, v.seq) for v in imported] == [(2019, -1), (2019, -2), (2019, -3),
                                                   (2009, -1), (2019, -4)]
    assert all(v.legacy_year == v.year for v in imported)
    # The counter is untouched: the next visit of the app's year follows its own series.
    nxt, _ = desk.log_visit(sample_draft(desk))
    assert nxt.seq == logged.seq + 1
    # The same file again: recognised as imported before.
    assert desk.legacy.dry_run(path).imported_before == [outcome.batch_id]

    undone, _ = desk.legacy.undo(outcome.batch_id)
    # The four records only this import made go with it (the counter's citizen stays).
    assert (undone.visits_voided, undone.citizens_voided) == (5, 4)
    after = [v for v in _visits(desk) if v.legacy_batch_id == outcome.batch_id]
    assert len(after) == 5 and all(v.voided_at is not None for v in after)
    with desk.db.read() as s:
        batch = s.get(LegacyBatch, outcome.batch_id)
        assert batch is not None and batch.undone_at is not None
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "legacy_batch")) == 2
    with pytest.raises(UserError) as again:
        desk.legacy.undo(outcome.batch_id)
    assert again.value.code == "legacy.batch_undone"
    assert desk.legacy.dry_run(path).imported_before == []
    listed = desk.legacy.batches()
    assert [(b.id, b.visits_created, b.undone_at is not None) for b in listed] == [
        (outcome.batch_id, 5, True)]


def test_citizens_matched_by_id_number_then_by_name_on_confirmation(desk, tmp_path: Path):
    by_id, _ = desk.log_visit(sample_draft(desk, citizen_name="Phạm Thị Dung",
                                           id_number="001185012345", sex=Sex.FEMALE))
    by_name, _ = desk.log_visit(sample_draft(desk, citizen_name="Hoàng Văn Em",
                                             id_number="", address_detail="xóm Nam",
                                             id_doc_type=IdDocType.NONE))
    run = desk.legacy.dry_run(nd154_book(tmp_path / "2026.xlsx"))
    assert run.layout is Layout.ND154_2026 and run.bad_rows == []
    assert run.matches[5].how == "id" and run.matches[5].citizen_id == by_id.citizen_id
    assert run.matches[6].how == "name" and run.matches[6].citizen_id == by_name.citizen_id
    assert [r.row for r, _m in run.name_matches()] == [6]
    # Not confirmed: a new registry record; confirmed: linked.
    outcome, _ = desk.legacy.import_rows(run)
    assert (outcome.citizens_linked, outcome.citizens_created) == (1, 1)
    desk.legacy.undo(outcome.batch_id)
    outcome, _ = desk.legacy.import_rows(run, confirm_names={6})
    assert (outcome.citizens_linked, outcome.citizens_created) == (2, 0)
    imported = [v for v in _visits(desk) if v.legacy_batch_id == outcome.batch_id]
    assert [v.citizen_id for v in imported] == [by_id.citizen_id, by_name.citizen_id]
    assert imported[1].direction == "transfer" and imported[1].target_body == "Công an huyện"
    assert imported[1].people_count == 2


def test_bad_rows_are_named_nothing_is_written_and_skipped_rows_go_to_a_file(
        sqlite_desk, tmp_path: Path):
    desk = sqlite_desk
    set_language("vi")
    run = desk.legacy.dry_run(tt04_book(tmp_path / "bad.xlsx", rows=BAD_ROWS))
    assert [(r.row, [(p.code, p.field) for p in r.problems]) for r in run.bad_rows] == [
        (6, [("legacy.date_invalid", "B")]),
        (7, [("legacy.name_required", "C")]),
        (8, [("legacy.id_invalid", "D"), ("legacy.type_unmapped", "F")]),
    ]
    assert run.unmapped == {("type", "xin việc"): 1}
    with pytest.raises(UserError) as refused:
        desk.legacy.import_rows(run)
    assert refused.value.code == "legacy.rows_have_problems"
    assert _visits(desk) == []
    for suffix in (".xlsx", ".csv"):
        out = tmp_path / f"rejected{suffix}"
        assert desk.legacy.write_rejected(out, run, describe, rejected_heading()) == 3
    with (tmp_path / "rejected.csv").open(encoding="utf-8-sig") as fh:
        lines = list(csv.reader(fh))
    assert lines[0][0] == "Dòng" and lines[0][-1] == "Lỗi" and lines[1][0] == "6"
    assert "31/02/2019" in lines[1] and lines[1][-1] == "“31/02/2019” không phải là ngày."
    assert row_line(8, run.bad_rows[2].problems[1]) == (
        "Dòng 8, cột F: “xin việc” không phải loại đơn (khiếu nại, tố cáo, kiến nghị, phản ánh).")
    book = openpyxl.load_workbook(tmp_path / "rejected.xlsx")
    assert book.active is not None and book.active.max_row == 4
    outcome, _ = desk.legacy.import_rows(run, skip_bad_rows=True)
    assert (outcome.visits_created, outcome.rows_skipped) == (1, 3)


def test_an_unknown_layout_needs_a_mapping_which_can_be_saved(sqlite_desk, tmp_path: Path):
    desk = sqlite_desk
    path = unknown_book(tmp_path / "nha.xlsx")
    with pytest.raises(UserError) as refused:
        desk.legacy.dry_run(path)
    assert refused.value.code == "legacy.no_header"
    mapping = {0: F.DATE, 1: F.NAME, 2: F.ADDRESS, 3: F.CONTENT, 4: F.TYPE}
    desk.legacy.save_mapping(tmp_path / "map.json", mapping)
    loaded = desk.legacy.load_mapping(tmp_path / "map.json")
    assert loaded == mapping
    run = desk.legacy.dry_run(path, mapping=loaded)
    # The home-made heading row (words, no date under "Hôm") is skipped, not read as data.
    assert run.bad_rows == [] and [r.row for r in run.rows] == [2, 3, 4]
    assert run.good_rows[0].address == "thôn Nam"
    (tmp_path / "bad.json").write_text('{"columns": {"A": "nonsense"}}', encoding="utf-8")
    with pytest.raises(UserError) as bad:
        desk.legacy.load_mapping(tmp_path / "bad.json")
    assert bad.value.code == "legacy.mapping_invalid"


def test_csv_files_in_tcvn3_bytes_and_calamine_reading(tmp_path: Path):
    path = tmp_path / "so.csv"
    # A CSV saved from a TCVN3 sheet: 8-bit bytes, not UTF-8.
    path.write_bytes(b"STT;Ngay tiep;Ho ten;Noi dung;Loai don\n"
                     + "1;5/3/2019;NguyÔn V¨n An;§Êt ®ai;KN\n".encode("latin-1"))
    data = reading.read_sheet(path)
    assert data.rows[1] == ["1", "5/3/2019", "NguyÔn V¨n An", "§Êt ®ai", "KN"]
    book = tt04_book(tmp_path / "so.xlsx")
    via_calamine = reading._read_calamine(book, "Năm 2019", None)
    via_openpyxl = reading.read_sheet(book, "Năm 2019")
    assert via_calamine.rows[5][1] == via_openpyxl.rows[5][1] == "05/03/2019"
    assert reading.read_sheet(book, "Năm 2019", limit=4).rows[3][7] == TT04_SUB_FIRST
    with pytest.raises(UserError) as unknown:
        reading.read_sheet(book, "Năm 2020")
    assert unknown.value.code == "legacy.sheet_unknown"
    (tmp_path / "x.doc").write_bytes(b"no")
    with pytest.raises(UserError) as foreign:
        reading.sheet_names(tmp_path / "x.doc")
    assert foreign.value.code == "legacy.file_unsupported"
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    with pytest.raises(UserError) as broken:
        reading.sheet_names(tmp_path / "broken.xlsx")
    assert broken.value.code == "legacy.file_unreadable"


TT04_SUB_FIRST = "Thụ lý để giải quyết"


def test_cancel_between_batches_leaves_an_undoable_import(sqlite_desk, tmp_path: Path):
    desk = sqlite_desk
    rows = [[i, "06/03/2019", f"Người Thứ {i}", None, "Đất đai", "KN", None, "x", None, None,
             None, None] for i in range(1, 40)]
    run = desk.legacy.dry_run(tt04_book(tmp_path / "dai.xlsx", rows=rows))
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 2

    from reception_desk.services.legacy import importing

    with pytest.raises(KnownError) as stop:
        importing.apply(desk.db, run, desk.actor, desk.now(), cancelled=cancelled,
                        batch_seconds=0.0, pause=0.0, chunk_size=5)
    assert stop.value.code == "legacy.cancelled"
    written = stop.value.params["written"]
    assert 0 < written < 39
    undone, _ = desk.legacy.undo(stop.value.params["batch"])
    assert undone.visits_voided == written and undone.citizens_voided > 0


def test_no_staff_and_unknown_staff_are_refused(sqlite_desk, tmp_path: Path):
    desk = sqlite_desk
    run = desk.legacy.dry_run(nd154_book(tmp_path / "2026.xlsx", rows=ND154_ROWS[:1]))
    with pytest.raises(UserError) as unknown:
        desk.legacy.import_rows(run, staff_id=999)
    assert unknown.value.code == "legacy.staff_unknown"
    with desk.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Citizen)) == 0


def test_a_cell_fixed_in_the_wizard_is_read_instead_of_the_file(sqlite_desk, tmp_path: Path):
    desk = sqlite_desk
    path = tt04_book(tmp_path / "bad.xlsx", rows=BAD_ROWS)
    run = desk.legacy.dry_run(path, fixes={(6, 1): "28/02/2019", (7, 2): "Mai Văn Khoa"})
    assert [r.row for r in run.bad_rows] == [8]
    assert run.rows[0].reception_date == date(2019, 2, 28)
    assert run.rows[1].citizen_name == "Mai Văn Khoa"
    assert run.fixes == {(6, 1): "28/02/2019", (7, 2): "Mai Văn Khoa"}
    # The file itself is unchanged.
    assert [r.row for r in desk.legacy.dry_run(path).bad_rows] == [6, 7, 8]
