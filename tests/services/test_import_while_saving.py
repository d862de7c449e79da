"""Issue 11 item 3: a long import shares the database with the counters. The file is checked
read-only first, then written in short batches, so a counter saving meanwhile waits about one
batch instead of failing; the file's numbers are reserved up front so neither takes the other's
STT."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import pytest
from sqlalchemy import func
from sqlalchemy import select

from reception_desk.errors import KnownError
from reception_desk.errors import UserError
from reception_desk.services.access.passwords import cheap_hasher
from reception_desk.services.context import Actor
from reception_desk.services.desk import Desk
from reception_desk.services.exchange import batches
from reception_desk.services.exchange import jsonl as exchange
from reception_desk.storage.database import open_database
from reception_desk.storage.models import AuditEntry
from reception_desk.storage.models import Visit
from tests.conftest import Clock
from tests.conftest import assert_record_intact
from tests.conftest import make_desk
from tests.conftest import sample_draft

ACTOR = Actor("kiểm thử")


def _export(desk: Desk) -> list[str]:
    with desk.db.read() as s:
        return list(exchange.export_lines(s, desk.now()))


def many_visits(desk: Desk, count: int, first: int = 1) -> list[str]:
    """A logbook file of ``count`` visits of one citizen: ``desk``'s export of one visit, its
    visit line repeated with new uids and STTs ``first``, ``first + 1`` …"""
    desk.log_visit(sample_draft(desk))
    lines = _export(desk)
    kept, visit = [], None
    for line in lines:
        record = json.loads(line)
        if record.get("type") == "visit":
            visit = record
        elif record.get("type") not in ("counter",):
            kept.append(line)
    assert visit is not None
    for n in range(first, first + count):
        kept.append(json.dumps({**visit, "uid": f"00000000-0000-4000-8000-{n:012d}", "seq": n},
                               ensure_ascii=False))
    return kept


def _visits(desk: Desk) -> int:
    with desk.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Visit)) or 0)


def test_a_conflicting_file_is_refused_before_anything_is_written(tmp_path):
    clock = Clock()
    a = make_desk(f"sqlite:///{tmp_path / 'a.sqlite3'}", clock)
    b = make_desk(f"sqlite:///{tmp_path / 'b.sqlite3'}", clock)
    try:
        a.log_visit(sample_draft(a))
        lines = _export(a)
        b.log_visit(sample_draft(b))  # holds STT 1 of the year as well
        path = tmp_path / "a.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        with pytest.raises(UserError) as info:
            b.import_logbook(path)
        assert info.value.code == "import.invalid"
        assert {e["code"] for e in info.value.params["errors"]} == {"import.number_taken"}
        assert _visits(b) == 1
        with b.db.read() as s:
            assert not s.scalar(select(func.count()).select_from(AuditEntry).where(
                AuditEntry.action == "import"))
        # Two records of the file itself holding one STT: refused too, nothing written.
        doubled = many_visits(a, 2)
        doubled[-1] = doubled[-1].replace('"seq": 2', '"seq": 1')
        path.write_text("\n".join(doubled) + "\n", encoding="utf-8")
        c = make_desk(f"sqlite:///{tmp_path / 'c.sqlite3'}", clock)
        try:
            with pytest.raises(UserError) as info:
                c.import_logbook(path)
            assert [e["code"] for e in info.value.params["errors"]] == ["import.number_taken"]
            assert _visits(c) == 0
        finally:
            c.close()
    finally:
        a.close()
        b.close()


def test_batches_of_one_record_write_what_one_transaction_writes(database_url, tmp_path):
    clock = Clock()
    source = make_desk(f"sqlite:///{tmp_path / 'source.sqlite3'}", clock)
    try:
        lines = many_visits(source, 30)
    finally:
        source.close()
    records = exchange.parse_file(lines, clock())
    one = make_desk(f"sqlite:///{tmp_path / 'one.sqlite3'}", clock)
    many = make_desk(database_url, clock)
    try:
        with one.db.session() as s:
            exchange.import_records(s, records, ACTOR, clock())
        reports: list[int] = []
        report, _ = batches.import_batches(many.db, records, ACTOR, clock(),
                                           progress=lambda done, _t: reports.append(done),
                                           batch_seconds=0, pause=0)
        assert report.created["visit"] == 30
        assert reports == list(range(1, len(records) + 1))  # one record per transaction
        body = [line for line in _export(one)[1:] if '"type": "staff"' not in line]
        assert [line for line in _export(many)[1:] if '"type": "staff"' not in line] == body
        assert_record_intact(many)
        # Idempotent: the same file again changes nothing.
        again, _ = batches.import_batches(many.db, records, ACTOR, clock())
        assert not again.created and not again.updated
    finally:
        one.close()
        many.close()


IMPORTED = 20_000


def test_a_counter_saves_while_an_import_of_20000_visits_runs(database_url, tmp_path):
    clock = Clock()
    source = make_desk(f"sqlite:///{tmp_path / 'source.sqlite3'}", clock)
    try:
        records = exchange.parse_file(many_visits(source, IMPORTED), clock())
    finally:
        source.close()
    office = make_desk(database_url, clock)
    counter = Desk(open_database(database_url), clock, hasher=cheap_hasher())
    counter.act_as(office.staff()[0])
    writing = threading.Event()
    stop = threading.Event()
    outcome: list[Any] = []

    def run_import() -> None:
        try:
            outcome.append(batches.import_batches(
                office.db, records, ACTOR, clock(), progress=lambda *_: writing.set(),
                cancelled=stop.is_set))
        except BaseException as exc:  # judged below
            outcome.append(exc)

    thread = threading.Thread(target=run_import)
    thread.start()
    try:
        assert writing.wait(300), outcome  # the check is done, batches are being written
        waits, saved = [], []
        for n in range(3):
            started = time.perf_counter()
            visit, _ = counter.log_visit(sample_draft(counter, content=f"Quầy lưu lần {n}"))
            waits.append(time.perf_counter() - started)
            saved.append(visit)
            time.sleep(0.3)
        assert thread.is_alive(), outcome  # the saves happened during the import
    finally:
        stop.set()
        thread.join(300)
    assert len(outcome) == 1
    assert isinstance(outcome[0], KnownError) and outcome[0].code == "import.cancelled", outcome
    # The counter's saves succeeded, past every number the file holds (reserved up front).
    assert [v.seq for v in saved] == [IMPORTED + 1, IMPORTED + 2, IMPORTED + 3]
    assert max(waits) < 10, waits  # about one batch; tests/benchmarks judge the p95 (<= 1 s)
    assert 0 < outcome[0].params["written"] < len(records)
    counter.close()
    office.close()
