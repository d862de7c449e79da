"""The weekly hotspot list on 1,000,000 visits and 200,000 cases must take ≤ 500 ms.

Run with: RD_BENCH=1 .venv/bin/python -m pytest tests/benchmarks/test_bench_hotspots.py -s
The database (cases across ten years, most closed, a few percent still open and long-running;
four visits per case on average, crowds, delegations, incidents, events at other levels) is built
once through SQLAlchemy Core and cached under RD_BENCH_CACHE (default /tmp/reception-desk-bench).
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

pytestmark = [
    pytest.mark.benchmark_db,
    pytest.mark.skipif(os.environ.get("RD_BENCH") != "1", reason="benchmark: set RD_BENCH=1"),
]

VISITS = 1_000_000
CASES = 200_000
BUDGET_MS = 500.0
TODAY = date(2026, 11, 27)
FIRST = date(2017, 1, 1)
CACHE = Path(os.environ.get("RD_BENCH_CACHE", "/tmp/reception-desk-bench"))
# A quarter of the matters in sensitive fields (land, compensation, environment).
FIELDS = ["kn.hc.dat_dai", "kn.hc.boi_thuong", "pakn.moi_truong", "kn.hc.chinh_sach", "tc.hc",
          "pakn.chinh_sach", "pakn.khac", "kn.khac", "tc.khac", "pakn.khac", "kn.hc.khac", None]
OPEN = ["received", "accepted", "verifying", "dialogue", "suspended"]
CRITERIA = ["multiple_places", "multiple_contents", "many_people", "several_bodies"]


def _build(path: Path) -> None:
    from sqlalchemy import insert

    from reception_desk.storage.database import open_database
    from reception_desk.storage.models import CaseEventRow, CaseFile, Citizen, Staff, Visit

    rng = random.Random(48)
    db = open_database(f"sqlite:///{path}")
    now = datetime(2026, 11, 27, 2, tzinfo=UTC)
    span = (TODAY - FIRST).days
    with db.session() as s:
        s.execute(insert(Staff), [{"uid": str(uuid.uuid4()), "full_name": "Trần Thị Thu",
                                   "position": "Công chức", "role": "clerk", "active": True,
                                   "created_at": now}])
        s.execute(insert(Citizen), [{
            "uid": str(uuid.uuid4()), "full_name": f"Nguyễn Văn {i}", "name_key": f"nguyen van {i}",
            "id_doc_type": "citizen_id", "id_number": f"037085{i:06d}", "id_issue_place": "",
            "phone": "", "address_detail": "", "address": "", "created_at": now,
            "updated_at": now} for i in range(1, 20_001)])
    cases: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    seqs: dict[int, int] = {}
    for cid in range(1, CASES + 1):
        received = FIRST + timedelta(days=int(span * (cid - 1) / CASES))
        age = (TODAY - received).days
        is_open = age < 90 or rng.random() < 0.01
        seqs[received.year] = seqs.get(received.year, 0) + 1
        stage = rng.choice(OPEN) if is_open else rng.choice(["closed", "closed", "filed",
                                                             "decided"])
        closed_on = None if is_open or stage == "decided" else \
            min(received + timedelta(days=rng.randint(15, 90)), TODAY)
        # Most open stages run on time; about one in seven is overdue.
        due = None
        if is_open and stage != "suspended":
            due = TODAY - timedelta(days=rng.randint(1, 30)) if rng.random() < 0.15 else \
                TODAY + timedelta(days=rng.randint(0, 40))
        crit = rng.sample(CRITERIA, k=rng.choice([0, 0, 0, 1, 2])) or None
        cases.append({
            "id": cid, "uid": str(uuid.uuid4()), "year": received.year, "seq": seqs[received.year],
            "case_type": rng.choice(["complaint_first", "denunciation", "petition"]),
            "title": f"Vụ việc số {cid}", "title_key": f"vu viec so {cid}", "content": "",
            "field_code": rng.choice(FIELDS), "respondents": "", "level": "commune",
            "competent_body": "", "remote": False, "criteria": crit,
            "within_commune_competence": rng.random() < 0.9, "stage": stage,
            "received_on": received, "due_on": due, "closed_on": closed_on, "created_at": now,
            "created_by": "bench",
            "updated_at": datetime.combine(closed_on or received, datetime.min.time(), UTC),
            "version": 1})
        moment = datetime.combine(received, datetime.min.time(), UTC)
        events.append({"case_id": cid, "position": 1, "kind": "receive", "actor": "bench",
                       "moment": moment, "document_number": "", "body": "", "note": "",
                       "level": "commune"})
        events.append({"case_id": cid, "position": 2, "kind": "accept", "actor": "bench",
                       "moment": moment + timedelta(days=5), "document_number": "", "body": "",
                       "note": "", "level": None})
        if rng.random() < 0.03:
            events.append({"case_id": cid, "position": 3, "kind": "verify", "actor": "bench",
                           "moment": moment + timedelta(days=10), "document_number": "",
                           "body": "Ban Tiếp công dân tỉnh", "note": "", "level": "province"})
        if not is_open:
            events.append({"case_id": cid, "position": 4, "kind": "decide", "actor": "bench",
                           "moment": moment + timedelta(days=14), "document_number": "1/QĐ",
                           "body": "", "note": "", "level": None})
    with db.session() as s:
        for i in range(0, len(cases), 20_000):
            s.execute(insert(CaseFile), cases[i:i + 20_000])
        for i in range(0, len(events), 50_000):
            s.execute(insert(CaseEventRow), events[i:i + 50_000])
    vseq: dict[int, int] = {}
    batch: list[dict[str, Any]] = []
    for _ in range(VISITS):
        if rng.random() < 0.8:
            cid = rng.randint(1, CASES)
            received = cases[cid - 1]["received_on"]
            on = min(received + timedelta(days=int(rng.expovariate(1 / 30))), TODAY)
        else:
            cid = None
            on = FIRST + timedelta(days=rng.randint(0, span))
        vseq[on.year] = vseq.get(on.year, 0) + 1
        r = rng.random()
        people = rng.randint(5, 40) if r < 0.02 else (2 if r < 0.1 else 1)
        batch.append({
            "uid": str(uuid.uuid4()), "year": on.year, "seq": vseq[on.year],
            "received_at": datetime.combine(on, datetime.min.time(), UTC),
            "reception_date": on, "kind": "regular", "receiving_staff_id": 1,
            "citizen_id": rng.randint(1, 20_000), "citizen_name": "Nguyễn Văn A",
            "citizen_name_key": "nguyen van a", "id_doc_type": "citizen_id", "id_number": "",
            "id_override_reason": "", "address": "", "phone": "", "people_count": people,
            "content": "Nội dung", "content_key": "noi dung", "petition_type": "petition",
            "prior_bodies": "", "within_competence": True, "direction": "accept",
            "target_body": "", "target_doc_number": "", "follow_up": "", "notes": "",
            "case_id": cid, "delegation": people >= 5 and rng.random() < 0.5,
            "incident": rng.random() < 0.003, "void_reason": "", "voided_by": "",
            "created_at": now, "created_by": "bench", "updated_at": now, "version": 1})
        if len(batch) == 50_000:
            with db.session() as s:
                s.execute(insert(Visit), batch)
            batch = []
    if batch:
        with db.session() as s:
            s.execute(insert(Visit), batch)
    db.dispose()
    conn = sqlite3.connect(path)
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()


def hotspot_database() -> Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"hotspots-{VISITS}-{CASES}-v2.sqlite3"
    if not path.exists():
        tmp = path.with_suffix(".building")
        for leftover in CACHE.glob(tmp.name + "*"):
            leftover.unlink()
        started = time.perf_counter()
        _build(tmp)
        print(f"  built {path.name} in {time.perf_counter() - started:.0f} s", flush=True)
        tmp.rename(path)
    return path


def _timed(fn: Any, runs: int = 5) -> tuple[float, Any]:
    times = []
    result = None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def test_weekly_list_on_a_million_visits() -> None:
    from reception_desk.domain.hotspots import IsoWeek
    from reception_desk.services.desk import Desk
    from reception_desk.storage.database import open_database

    path = hotspot_database()
    desk = Desk(open_database(f"sqlite:///{path}"),
                lambda: datetime(2026, 11, 27, 2, 30, tzinfo=UTC))
    try:
        with desk.db.read() as s:
            open_cases = s.execute(__import__("sqlalchemy").text(
                "SELECT count(*) FROM case_file WHERE stage IN "
                "('received','accepted','verifying','dialogue','suspended')")).scalar()
        week = IsoWeek.of(TODAY)
        desk.hotspots.weekly(week)  # warm the page cache once
        ms, listing = _timed(lambda: desk.hotspots.weekly(week))
        trend_ms, counts = _timed(lambda: desk.hotspots.trend(12), runs=3)
        pack_ms, _pack = _timed(lambda: desk.hotspots.pack(week), runs=3)
        print(f"\n  {VISITS:,} visits, {CASES:,} cases ({open_cases:,} open): "
              f"{len(listing.active):,} hotspots this week", flush=True)
        print(f"  BENCH weekly list: {ms:.1f} ms | target ≤ {BUDGET_MS:.0f} ms")
        print(f"  BENCH 12-week trend: {trend_ms:.1f} ms ({[c.count for c in counts]})")
        print(f"  BENCH weekly pack data: {pack_ms:.1f} ms", flush=True)
        assert ms <= BUDGET_MS
    finally:
        desk.close()
