"""Is the record as the application left it? The audit chain, every record against its last
audited state, and the numbering of the logbook, the case register and the issued documents.

One read transaction (a consistent snapshot on both backends, so counters may keep saving),
streamed in id order: the audit rows first (``domain.audit_chain.ChainWalker`` recomputes every
link and keeps each record's latest snapshot in 32 bytes), then each table of records, whose
snapshots are recomputed and compared. Findings name the record they concern (entity, id, and
the STT or number a person looks for) and are capped per code, with a ``check.more`` finding
saying how many more there were.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from reception_desk.domain.audit_chain import ChainWalker
from reception_desk.domain.audit_chain import absent_digest
from reception_desk.domain.audit_chain import code_prefix
from reception_desk.domain.audit_chain import head_code
from reception_desk.domain.numbering import parse_document_number
from reception_desk.domain.numbering import visit_stt
from reception_desk.errors import KnownError
from reception_desk.errors import UserError
from reception_desk.services.documents.codes import DocType
from reception_desk.services.office.dto import Finding
from reception_desk.storage import audit_chain as chain
from reception_desk.storage.database import Connection
from reception_desk.storage.database import Database
from reception_desk.storage.database import DatabaseFault
from reception_desk.storage.queries import attachments as attached

Progress = Callable[[int, int], None]

# Counter scopes of the numbered books (services/visits, cases, documents).
VISIT_SCOPE, CASE_SCOPE, DOC_SCOPE = "visit", "case", "doc:"
# Notices and transfer slips share their numbers with documents recorded on case events (the
# demo numbers both from one counter): those numbers count as used too.
EVENT_KINDS = {"TB": "refusal", "PC": "transfer"}
DEFAULT_LIMIT = 100


@dataclass
class _Findings:
    limit: int
    items: list[Finding] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, code: str, params: dict[str, Any]) -> None:
        seen = self.counts.get(code, 0) + 1
        self.counts[code] = seen
        if seen <= self.limit:
            self.items.append(Finding(code, params))

    def result(self) -> list[Finding]:
        more = [Finding("check.more", {"code": code, "count": count - self.limit})
                for code, count in self.counts.items() if count > self.limit]
        return self.items + more


@dataclass
class _Ticker:
    total: int
    progress: Progress | None
    done: int = 0
    step: int = 20_000

    def tick(self, n: int = 1) -> None:
        before = self.done
        self.done += n
        if self.progress and self.done // self.step != before // self.step:
            self.progress(min(self.done, self.total), self.total)

    def end(self) -> None:
        if self.progress:
            self.progress(self.total, self.total)


def _ticking(rows: Iterator[Any], ticker: _Ticker) -> Iterator[Any]:
    count = 0
    for row in rows:
        yield row
        count += 1
        if count == 1000:
            ticker.tick(count)
            count = 0
    ticker.tick(count)


def check_record(db: Database, progress: Progress | None = None,
                 limit: int = DEFAULT_LIMIT) -> list[Finding]:
    """Every break of the record; empty when the chain, the records and their numbering are
    what the application wrote. Never raises for a damaged database: it reports it."""
    findings = _Findings(limit)
    # Millions of short-lived tuples and no reference cycle: the cyclic collector would only
    # rescan them (a few seconds over a million visits).
    collecting = gc.isenabled()
    gc.disable()
    try:
        with chain.read_snapshot(db.engine) as conn:
            _check(conn, findings, progress)
    except (DatabaseFault, KnownError) as exc:
        findings.add("check.unreadable", {"detail": str(getattr(exc, "orig", None) or exc)})
    finally:
        if collecting:
            gc.enable()
    return findings.result()


def _check(conn: Connection, findings: _Findings, progress: Progress | None) -> None:
    tables = {"audit_entry": chain.table_count(conn, "audit_entry"),
              "attachment_blob": attached.blob_count(conn)}
    for spec in chain.SNAPSHOTS.values():
        tables[spec.table] = chain.table_count(conn, spec.table)
    ticker = _Ticker(sum(tables.values()), progress)
    walker = ChainWalker(chain.SNAPSHOTS)
    for code, params in walker.walk(_ticking(chain.iter_audit_rows(conn), ticker)):
        findings.add(code, params)
    head = chain.read_head(conn)
    for code, params in walker.finish(head.length if head else None,
                                      head.last_id if head else None,
                                      head.last_hash if head else None):
        findings.add(code, params)
    numbers = _Numbering()
    for entity in chain.SNAPSHOTS:
        take = walker.latest[entity].take
        count = 0
        for record_id, digest, label in chain.iter_records(conn, entity):
            audited = take(record_id)
            if audited != digest:
                findings.add("check.record_unaudited" if audited is None
                             else "check.record_altered", _about(entity, record_id, label))
            if label and numbers.add(entity, label):
                findings.add(_code(numbers.scope(entity, label), "duplicate"),
                             _about(entity, record_id, label))
            count += 1
            if count == 1000:
                ticker.tick(count)
                count = 0
        ticker.tick(count)
        latest = walker.latest[entity]
        absent = bytes.fromhex(absent_digest(entity))
        for record_id in latest.ids():
            if latest.get(record_id) != absent:
                findings.add("check.record_missing",
                             {**_about(entity, record_id, ()), **_last_label(conn, entity,
                                                                             record_id)})
    _check_blobs(conn, findings, ticker)
    numbers.report(conn, findings)
    ticker.end()


def _check_blobs(conn: Connection, findings: _Findings, ticker: _Ticker) -> None:
    for code, params in _blob_findings(conn, ticker):
        findings.add(code, params)


def _blob_findings(conn: Connection, ticker: _Ticker) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each attached file's bytes still hash to the key they are stored under (an attachment's
    snapshot covers that key, so bytes swapped under it are found here), and no attachment
    lost its bytes."""
    for blob in attached.iter_blob_digests(conn):
        if blob.digest != blob.sha256 or blob.actual_size != blob.size:
            users = ", ".join(str(i) for i in attached.attachment_ids_of_blob(conn, blob.sha256))
            yield ("check.attachment_blob_altered",
                   {"fingerprint": blob.sha256[:12], "size": blob.actual_size,
                    "attachments": users})
        ticker.tick()
    for attachment_id in attached.attachments_without_blob(conn):
        yield ("check.attachment_blob_missing", {"entity": "attachment", "id": attachment_id})


def _about(entity: str, record_id: int, label: tuple[Any, ...]) -> dict[str, Any]:
    about: dict[str, Any] = {"entity": entity, "id": record_id}
    if entity in ("visit", "case") and len(label) == 2:
        key = "stt" if entity == "visit" else "number"
        about[key] = f"{label[1]}/{label[0]}"
    elif entity == "issued_document" and len(label) == 4:
        doc_type, year, number, symbol = label
        about |= {"doc_type": doc_type, "year": year,
                  "number": f"{number:02d}/{symbol}" if isinstance(number, int) else
                  f"{number}/{symbol}"}
    return about


def _last_label(conn: Connection, entity: str, record_id: int) -> dict[str, Any]:
    """The STT or number of a record that is gone, from what its audit rows said of it."""
    if entity not in ("visit", "case"):
        return {}
    for row in chain.audit_rows_of(conn, entity, record_id):
        try:
            after = json.loads(row) if row else None
        except ValueError:
            continue
        if isinstance(after, dict) and isinstance(after.get("seq"), int) \
                and isinstance(after.get("year"), int):
            if entity == "case":
                return {"number": f"{after['seq']}/{after['year']}"}
            old_stt, old_year = after.get("legacy_stt"), after.get("legacy_year")
            return {"stt": visit_stt(after["seq"], after["year"],
                                     old_stt if isinstance(old_stt, str) else None,
                                     old_year if isinstance(old_year, int) else None)}
    return {}


class _Numbering:
    """The numbers each book uses (one byte per number), to find gaps, duplicates and counters
    out of step."""

    def __init__(self) -> None:
        self.used: dict[tuple[str, int], bytearray] = {}

    @staticmethod
    def scope(entity: str, label: tuple[Any, ...]) -> str:
        if entity == "visit":
            return VISIT_SCOPE
        if entity == "case":
            return CASE_SCOPE
        return DOC_SCOPE + str(label[0])

    def add(self, entity: str, label: tuple[Any, ...]) -> bool:
        """Note the number of a record; True if its book already holds it (a duplicate)."""
        if entity in ("visit", "case"):
            year, seq = label
        else:
            _doc_type, year, seq, _symbol = label
        if not isinstance(year, int) or not isinstance(seq, int) or not 0 < seq < 10**8:
            return False
        key = (self.scope(entity, label), year)
        book = self.used.get(key)
        if book is None:
            book = self.used[key] = bytearray()
        if len(book) <= seq:
            book.extend(bytes(max(seq + 1 - len(book), len(book) // 2)))
        if book[seq]:
            return True
        book[seq] = 1
        return False

    def report(self, conn: Connection, findings: _Findings) -> None:
        counters = chain.counters(conn)
        shared = _event_numbers(conn) if any(s.startswith(DOC_SCOPE) for s, _y in counters) \
            else {}
        for scope, year in sorted(set(self.used) | set(counters)):
            if scope not in (VISIT_SCOPE, CASE_SCOPE) and not scope.startswith(DOC_SCOPE):
                continue
            book = self.used.get((scope, year), bytearray())
            highest = book.rfind(1) if 1 in book else 0
            counter = counters.get((scope, year), 0)
            also = shared.get((scope, year), set())
            # Up to the highest number held (a counter beyond it is "ahead", said once).
            missing = [n for n in range(1, highest + 1) if not book[n] and n not in also]
            params = {"year": year, **_book(scope)}
            if missing:
                findings.add(_code(scope, "gap"), {**params, "count": book.count(1),
                                                   "max": highest, "missing": len(missing),
                                                   "first": missing[0]})
            if counter < highest:
                findings.add(_code(scope, "behind"), {**params, "counter": counter,
                                                      "max": highest})
            elif counter > max(highest, max((n for n in also if n <= counter), default=0)):
                findings.add(_code(scope, "ahead"), {**params, "counter": counter,
                                                     "max": highest})


_CODES = {
    (VISIT_SCOPE, "gap"): "check.stt_gap",
    (VISIT_SCOPE, "duplicate"): "check.stt_duplicate",
    (VISIT_SCOPE, "behind"): "check.counter_behind",
    (VISIT_SCOPE, "ahead"): "check.counter_ahead",
    (CASE_SCOPE, "gap"): "check.case_number_gap",
    (CASE_SCOPE, "duplicate"): "check.case_number_duplicate",
    (CASE_SCOPE, "behind"): "check.case_counter_behind",
    (CASE_SCOPE, "ahead"): "check.case_counter_ahead",
    (DOC_SCOPE, "gap"): "check.document_number_gap",
    (DOC_SCOPE, "duplicate"): "check.document_number_duplicate",
    (DOC_SCOPE, "behind"): "check.document_counter_behind",
    (DOC_SCOPE, "ahead"): "check.document_counter_ahead",
}


def _code(scope: str, problem: str) -> str:
    return _CODES[(DOC_SCOPE if scope.startswith(DOC_SCOPE) else scope, problem)]


def _book(scope: str) -> dict[str, Any]:
    """A document counter's type, and the abbreviation its numbers carry (BN, TB, PH, PC)."""
    if not scope.startswith(DOC_SCOPE):
        return {}
    doc_type = scope[len(DOC_SCOPE):]
    kind = DocType(doc_type).kind if doc_type in {d.value for d in DocType} else doc_type
    return {"doc_type": doc_type, "kind": kind}


def _event_numbers(conn: Connection) -> dict[tuple[str, int], set[int]]:
    """Numbers of notices (TB) and transfer slips (PC) recorded on case events, by counter."""
    out: dict[tuple[str, int], set[int]] = {}
    # The kind each symbol part stands for ("TB-UBND" -> refusal), parsed once per symbol: a
    # number "12/TB-UBND" reads as "1/TB-UBND" with another number (hundreds of thousands of
    # events share a handful of symbols).
    kinds: dict[str, str | None] = {}
    for number, on in chain.event_document_numbers(conn):
        text = str(number)
        head, _slash, rest = text.partition("/")
        if head.isascii() and head.isdigit() and rest:
            if rest not in kinds:
                kinds[rest] = _event_kind("1/" + rest)
            doc_type, seq = kinds[rest], int(head)
        else:
            doc_type = _event_kind(text)
            seq = parse_document_number(text).number if doc_type else 0
        year = on.year if hasattr(on, "year") else _year_of(on)
        if doc_type is None or year is None:
            continue
        out.setdefault((DOC_SCOPE + doc_type, year), set()).add(seq)
    return out


def _event_kind(text: str) -> str | None:
    """The counter a number recorded on a case event shares (refusal, transfer), or None."""
    try:
        parsed = parse_document_number(text)
    except UserError:
        return None
    return EVENT_KINDS.get(parsed.symbol.split("-", 1)[0])


def _year_of(text: Any) -> int | None:
    try:
        return int(str(text)[:4])
    except ValueError:
        return None


# --- the chain head's short code --------------------------------------------------------------


def chain_head_code(db: Database) -> str:
    """The short code of the chain's last link (``3F2A-91C0-7B4E``), to print on the weekly pack
    and show in Settings: a later check finds it again unless earlier rows were rewritten.
    "" when the database has no chain yet."""
    with db.engine.connect() as conn:
        head = chain.read_head(conn)
    return head_code(head.last_hash) if head is not None else ""


def find_chain_code(db: Database, code: str) -> int | None:
    """The audit row whose hash a printed short code stands for, or None: a code printed on an
    earlier pack that is no longer found means the chain was rewritten since."""
    prefix = code_prefix(code)
    if len(prefix) < 12:
        return None
    with db.engine.connect() as conn:
        return chain.row_with_hash_prefix(conn, prefix)
