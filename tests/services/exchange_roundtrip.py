"""What the exchange round-trip tests share: export a database's lines, import lines into
another, compare records without the ids and versions that differ between two databases."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from sqlalchemy import func
from sqlalchemy import select

from reception_desk.services.context import Actor
from reception_desk.services.exchange import jsonl as exchange
from reception_desk.services.exchange.masking import ExportMask

ACTOR = Actor("kiểm thử")


def export(db, now, masked: bool = False) -> list[str]:  # type: ignore[no-untyped-def]
    with db.read() as s:
        return list(exchange.export_lines(s, now, ExportMask(s) if masked else None))


def import_lines(db, lines, now):  # type: ignore[no-untyped-def]
    records = exchange.parse_file(lines, now)
    with db.session() as s:
        return exchange.import_records(s, records, ACTOR, now)


def plain(value: Any) -> Any:
    """A DTO without database ids, nor the compare-and-set version (an update moves past
    both databases' versions, by design)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.name not in ("id", "version") and not f.name.endswith("_id")}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def count(db, model) -> int:  # type: ignore[no-untyped-def]
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)))


def types(lines: list[str]) -> list[str]:
    """The record types of an exported file's lines (its header left out)."""
    return [json.loads(line).get("type") for line in lines[1:]]
