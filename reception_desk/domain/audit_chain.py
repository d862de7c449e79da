"""The tamper-evident record: canonical forms and the SHA-256 chain of audit rows (no I/O).

Every audit row is a link of one chain, in the order the rows were committed::

    hash = SHA-256( prev_hash ‖ 0x1E ‖ content ‖ 0x1E ‖ snapshot )

- ``prev_hash`` is the previous row's ``hash`` (64 hex digits; ``GENESIS`` for the first row);
- ``content`` is the canonical JSON of what the row says: ``[at, actor, action, entity,
  entity_id, before, after]``, with ``at`` as stored (UTC, ``YYYY-MM-DD HH:MM:SS.ffffff``) and
  ``before``/``after`` as the JSON texts stored in the row (or null). The row's id is not part
  of it: the links alone fix the order, so a deleted, inserted or moved row breaks them;
- ``snapshot`` is the digest of the record the row describes (a visit, case, citizen, issued
  document or directive), as stored when the change was committed (``record_digest``), or ""
  when the row describes no such record (settings, staff, the database itself).

A record's snapshot covers its full stored content except derived search keys: every column of
its row and, for a visit, its document lines and group members; for a case, its events and its
citizens (see storage/audit_chain.py ``SNAPSHOTS``). So "the last audit row of visit 12" states
exactly what visit 12 holds; a later edit made outside the application no longer matches it.

Values are compared in one backend-independent form (``plain``): moments as UTC text with
microseconds, dates as ISO text, booleans as 0/1, JSON as its stored text; positionally, in
each kind's fixed column order (lists rather than objects: three times faster to encode, which
matters for a check over a million rows). Trailing NULLs are left out, so a column appended to
a kind later (NULL in older rows) leaves the snapshots of those rows unchanged.
"""

from __future__ import annotations

import hashlib
import json
import json.encoder
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Sequence
from datetime import UTC
from datetime import date
from datetime import datetime
from decimal import Decimal
from typing import Any

GENESIS = "0" * 64
FORMAT = "rd-chain-1"
_SEP = b"\x1e"


def _fallback(value: Any) -> Any:
    # A value no column of ours holds (a BLOB written by hand, …): still hashed, never a crash.
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$bytes": bytes(value).hex()}
    return {"$repr": repr(value)}


# One encoder for every call (json.dumps with options builds a new one each time: a third of
# the cost of a check over a million rows). CPython's C encoder is built once too (JSONEncoder
# builds it again on every call) and without the check for circular containers (values read
# from a database hold none): a quarter faster, the very same text.
_PY_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"),
                              default=_fallback).encode
_MAKE_C_ENCODER = getattr(json.encoder, "c_make_encoder", None)  # None without the C module
_C_ENCODER = (_MAKE_C_ENCODER(None, _fallback, json.encoder.encode_basestring, None, ":", ",",
                              False, False, True)
              if _MAKE_C_ENCODER is not None else None)


def _c_encode(value: Any) -> str:
    return "".join(_C_ENCODER(value, 0))  # type: ignore[misc]


_ENCODE = _PY_ENCODE if _C_ENCODER is None else _c_encode


def canonical_json(value: Any) -> str:
    """One spelling of a JSON value: no spaces, no escapes of non-ASCII letters."""
    return _ENCODE(value)


def moment_text(moment: datetime) -> str:
    """A moment as SQLite stores it: UTC wall time with microseconds, no offset."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def plain(value: Any) -> Any:
    """A stored value in the form SQLite hands it back (PostgreSQL returns typed values)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return moment_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def audit_content(at: str, actor: Any, action: Any, entity: Any, entity_id: Any,
                  before: str | None, after: str | None) -> bytes:
    """The canonical content of an audit row: values as stored (``at`` as ``moment_text``,
    ``before``/``after`` the stored JSON text or None)."""
    return canonical_json([at, actor, action, entity, entity_id, before,
                           after]).encode("utf-8")


def link_hash(prev_hash: str, content: bytes, snapshot: str) -> str:
    """The row's hash: chained to the previous one, over its content and its record."""
    return hashlib.sha256(b"".join((prev_hash.encode("ascii", "replace"), _SEP, content, _SEP,
                                    snapshot.encode("ascii", "replace")))).hexdigest()


def _trimmed(values: Sequence[Any]) -> tuple[Any, ...]:
    """The values with trailing NULLs left out (a column appended later, NULL in older rows,
    leaves their digests unchanged)."""
    end = len(values)
    while end and values[end - 1] is None:
        end -= 1
    return tuple(values[:end])


def _sorted_rows(rows: list[tuple[Any, ...]]) -> None:
    """Child rows in one order whatever order they were read in: by their values (position
    first), or by their canonical text when values cannot be compared (a NULL against a number
    after equal positions)."""
    try:
        rows.sort()
    except TypeError:
        rows.sort(key=canonical_json)


def record_digest(entity: str, values: Sequence[Any] | None,
                  children: Sequence[Iterable[Sequence[Any]]] = ()) -> str:
    """``record_raw_digest`` as 64 hex digits, as audit rows store it."""
    if values is None:
        return absent_digest(entity)
    return record_raw_digest(entity, values, children).hex()


def record_raw_digest(entity: str, values: Sequence[Any] | None,
                      children: Sequence[Iterable[Sequence[Any]]] = ()) -> bytes:
    """The snapshot digest of a record: its values in its kind's column order, then each of its
    child lists (rows as values in column order), SHA-256 over the canonical JSON of
    ``[FORMAT, entity, values, [list, …]]``.

    ``values`` None means the record does not exist (deleted, or never written). Rows of a list
    are sorted (``_sorted_rows``), so the order they were read in does not matter, but a
    swapped position or value does. A kind without child lists passes none.
    """
    if values is None:
        return bytes.fromhex(absent_digest(entity))
    payload: list[Any] = [FORMAT, entity,
                          _trimmed(values) if values and values[-1] is None else values]
    if children:
        lists = []
        for rows in children:
            kept = [_trimmed(row) if row and row[-1] is None else tuple(row) for row in rows]
            if len(kept) > 1:
                _sorted_rows(kept)
            lists.append(kept)
        payload.append(lists)
    return hashlib.sha256(_ENCODE(payload).encode("utf-8")).digest()


_ABSENT: dict[str, str] = {}


def absent_digest(entity: str) -> str:
    """The snapshot of a record that does not exist (an audit row about a deleted record)."""
    digest = _ABSENT.get(entity)
    if digest is None:
        digest = hashlib.sha256(canonical_json([FORMAT, entity, None]).encode()).hexdigest()
        _ABSENT[entity] = digest
    return digest


def head_code(chain_hash: str) -> str:
    """The chain head's short code: its first 12 hex digits, upper case, in groups of four
    (``3F2A-91C0-7B4E``), to print on the weekly pack and compare later."""
    text = chain_hash[:12].upper()
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def code_prefix(code: str) -> str:
    """The hash prefix a short code stands for (lower case hex, separators dropped)."""
    return "".join(ch for ch in code.lower() if ch in "0123456789abcdef")


# --- checking the chain ---------------------------------------------------------------------------


_EMPTY = bytes(32)


class DigestTable:
    """The latest snapshot digest (32 raw bytes) of each record id of one entity.

    One bytearray, 32 bytes per id (1,000,000 visits: 32 MB, not the ~150 MB of a dict of
    strings); an id far beyond the others goes to a small dict instead.
    """

    _WIDTH = 32
    _DENSE_LIMIT = 50_000_000

    def __init__(self) -> None:
        self._data = bytearray()
        self._sparse: dict[int, bytes] = {}

    def put(self, record_id: int, raw: bytes) -> None:
        if len(raw) != self._WIDTH or raw == _EMPTY:  # not a digest: held, never matching
            raw = b"\xff" * self._WIDTH
        if 0 <= record_id < self._DENSE_LIMIT:
            end = (record_id + 1) * self._WIDTH
            data = self._data
            if len(data) < end:
                data.extend(bytes(max(end - len(data), len(data) // 2)))
            data[end - self._WIDTH:end] = raw
        else:
            self._sparse[record_id] = raw

    def get(self, record_id: int) -> bytes | None:
        if 0 <= record_id < self._DENSE_LIMIT:
            start = record_id * self._WIDTH
            raw = self._data[start:start + self._WIDTH]
            if len(raw) < self._WIDTH or raw == _EMPTY:
                return None
            return bytes(raw)
        return self._sparse.get(record_id)

    def take(self, record_id: int) -> bytes | None:
        """The digest of ``record_id``, removed from the table (what stays was not seen)."""
        raw = self.get(record_id)
        if raw is not None:
            if 0 <= record_id < self._DENSE_LIMIT:
                start = record_id * self._WIDTH
                self._data[start:start + self._WIDTH] = _EMPTY
            else:
                del self._sparse[record_id]
        return raw

    def ids(self) -> list[int]:
        """Every id holding a digest, ascending."""
        width = self._WIDTH
        data = self._data
        dense = [i for i in range(len(data) // width)
                 if data[i * width:(i + 1) * width] != _EMPTY]
        return sorted(dense + list(self._sparse))


class ChainWalker:
    """Feed it the audit rows in id order; it recomputes every link and says where it breaks.

    Findings are (code, params) pairs:

    - ``check.audit_row_altered``: the row's content (or its record snapshot) no longer gives its
      hash: it was edited, or written by hand (an inserted row);
    - ``check.audit_chain_broken``: an intact row does not follow the row before it: rows were
      deleted or moved just before it (a moved row is intact: the id is not hashed, the links
      give the order);
    - at the end (``finish``), against the chain head kept beside the chain: rows missing at the
      end, rows added after the head, a trail removed entirely, a head removed or rewritten.

    It also keeps, per snapshot entity, the latest snapshot of each record (``latest``).
    """

    def __init__(self, entities: Iterable[str]) -> None:
        self.latest: dict[str, DigestTable] = {e: DigestTable() for e in entities}
        self.count = 0
        self.last_id: int | None = None
        self.last_hash = GENESIS
        self._last_intact = GENESIS

    def feed(self, row_id: int, at: Any, actor: Any, action: Any, entity: Any, entity_id: Any,
             before: str | None, after: str | None, prev_hash: Any, row_hash: Any,
             snapshot: Any) -> list[tuple[str, dict[str, Any]]]:
        """Check one row (the rows in AUDIT_COLUMNS order)."""
        return list(self.walk([(row_id, at, actor, action, entity, entity_id, before, after,
                                prev_hash, row_hash, snapshot)]))

    def walk(self, rows: Iterable[Sequence[Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
        """Check the rows in id order, yielding the findings (state in locals: this loop runs
        once per audit row, millions of times)."""
        latest = self.latest
        last_hash, last_intact, last_id, count = (self.last_hash, self._last_intact,
                                                  self.last_id, self.count)
        fromhex = bytes.fromhex
        sha256, encode = hashlib.sha256, _ENCODE
        try:
            for row in rows:
                (row_id, at, actor, action, entity, entity_id, before, after, prev, row_hash,
                 snap) = row
                if prev.__class__ is not str:
                    prev = ""
                if row_hash.__class__ is not str:
                    row_hash = ""
                if snap.__class__ is not str:
                    snap = ""
                # link_hash(prev, audit_content(…), snap), hashed from one text encoded once
                # (the same bytes: both hashes are ASCII; otherwise the long way).
                if prev.isascii() and snap.isascii():
                    text = encode([at, actor, action, entity, entity_id, before, after])
                    digest = sha256(f"{prev}\x1e{text}\x1e{snap}".encode()).hexdigest()
                else:
                    digest = link_hash(prev, audit_content(at, actor, action, entity, entity_id,
                                                           before, after), snap)
                if digest != row_hash:
                    yield ("check.audit_row_altered",
                           {"id": row_id, "entity": entity, "entity_id": entity_id})
                else:
                    if prev != last_hash and prev != last_intact:
                        yield ("check.audit_chain_broken",
                               {"id": row_id, "entity": entity, "entity_id": entity_id,
                                "previous_id": last_id})
                    last_intact = row_hash
                if snap and len(snap) == 64:
                    table = latest.get(entity)
                    if table is not None:
                        # try/except, not contextlib.suppress: this runs millions of times.
                        try:  # noqa: SIM105
                            table.put(int(entity_id), fromhex(snap))
                        except (TypeError, ValueError):
                            pass  # not a number or not hex: that row is reported as altered
                count += 1
                last_id = row_id
                last_hash = row_hash
        finally:
            self.last_hash, self._last_intact, self.last_id, self.count = (
                last_hash, last_intact, last_id, count)

    def finish(self, head_length: int | None, head_last_id: int | None,
               head_hash: str | None) -> list[tuple[str, dict[str, Any]]]:
        """Compare the end of the chain with its head (None: the head row is gone)."""
        findings: list[tuple[str, dict[str, Any]]] = []
        if self.count == 0:
            findings.append(("check.audit_trail_missing", {"expected": head_length or 0}))
        if head_length is None:
            findings.append(("check.chain_head_missing", {"found": self.count}))
            return findings
        if self.count and self.last_hash != head_hash:
            last = self.last_id or 0
            if head_last_id is not None and last < head_last_id:
                findings.append(("check.audit_tail_missing",
                                 {"last_id": last, "head_id": head_last_id}))
            elif head_last_id is not None and last > head_last_id:
                findings.append(("check.audit_tail_added",
                                 {"last_id": last, "head_id": head_last_id}))
            else:
                findings.append(("check.chain_head_mismatch", {"last_id": last}))
        if self.count != head_length:
            findings.append(("check.audit_count", {"expected": head_length,
                                                   "found": self.count}))
        return findings
