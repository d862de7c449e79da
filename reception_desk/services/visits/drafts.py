"""Draft autosave: a half-filled visit form survives a crash or a power cut.

Kept in a local file (not the database): a shared PostgreSQL office database must not receive
every keystroke, and a draft belongs to the counter PC where it was typed. Written atomically
(temporary file, fsync, rename) so a power cut leaves either the old or the new draft.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict
from dataclasses import fields
from datetime import date
from datetime import datetime
from pathlib import Path
from typing import Any

from reception_desk.domain.classification import DocumentCondition
from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import IdDocType
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.classification import Sex
from reception_desk.domain.classification import VisitKind
from reception_desk.domain.visits import DocumentLine
from reception_desk.domain.visits import VisitDraft

DRAFT_FORMAT = 1

_ENUMS: dict[str, Any] = {
    "kind": VisitKind,
    "id_doc_type": IdDocType,
    "sex": Sex,
    "petition_type": PetitionType,
    "direction": HandlingDirection,
}
_DATES = {"id_issue_date", "birth_date"}


def draft_to_json(draft: VisitDraft, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    data = asdict(draft)
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, datetime | date):
            out[key] = value.isoformat()
        elif key == "documents":
            out[key] = [{**d, "condition": str(d["condition"])} for d in value]
        elif value is not None and key in _ENUMS:
            out[key] = str(value)
        else:
            out[key] = value
    return {"format": DRAFT_FORMAT, "draft": out, "extra": extra or {}}


def draft_from_json(payload: dict[str, Any]) -> tuple[VisitDraft, dict[str, Any]]:
    """Rebuild a draft; unknown or broken values are dropped rather than failing the restore."""
    raw = payload.get("draft", {})
    known = {f.name for f in fields(VisitDraft)}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in known or value is None:
            continue
        try:
            if key in _ENUMS:
                values[key] = _ENUMS[key](value)
            elif key == "received_at":
                values[key] = datetime.fromisoformat(value)
            elif key in _DATES:
                values[key] = date.fromisoformat(value)
            elif key == "documents":
                values[key] = [
                    DocumentLine(str(d.get("name", "")), d.get("pages"),
                                 DocumentCondition(d.get("condition", "copy")))
                    for d in value
                ]
            else:
                values[key] = value
        except (ValueError, TypeError, AttributeError):
            continue
    return VisitDraft(**values), dict(payload.get("extra", {}))


class DraftStore:
    """One draft file per form and database."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def save(self, draft: VisitDraft, extra: dict[str, Any] | None = None) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(draft_to_json(draft, extra), ensure_ascii=False).encode("utf-8")
        fd, tmp = tempfile.mkstemp(prefix=".draft-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def load(self) -> tuple[VisitDraft, dict[str, Any]] | None:
        try:
            payload = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return None  # a torn or foreign file is not worth a crash at start-up
        if not isinstance(payload, dict) or payload.get("format") != DRAFT_FORMAT:
            return None
        return draft_from_json(payload)

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)
