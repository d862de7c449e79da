"""Findings of the tamper-evident record (services/office/integrity.py): the audit chain, every
record against its last audited state, and the numbering of the three books.

A finding about a record carries ``entity`` and ``id`` (and the ``stt`` or ``number`` a person
looks for); ``{record}`` names it ("Visit 12/2026 (id 57)"). A finding about an audit row carries
``entity`` and ``entity_id`` of the record it describes: ``{subject}``. The older database
findings (schema, integrity, foreign keys, logbook gaps) are in ``system``. Vietnamese in
parts/integrity.po.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.texts.filling import Params
from reception_desk.texts.filling import fill

MESSAGES: dict[str, str] = {
    "check.unreadable": N_("The database could not be read to the end: {detail}"),
    "check.stt_duplicate": N_("{record}: its number is used twice in the logbook."),
    "check.counter_ahead": N_(
        "The {year} logbook counter is at {counter} but the last visit is number {max}: "
        "visits at the end are missing."
    ),
    "check.case_number_gap": N_(
        "Case numbers of {year} have gaps: {count} cases, highest number {max}, first "
        "missing {first}."
    ),
    "check.case_number_duplicate": N_("{record}: its number is used twice."),
    "check.case_counter_behind": N_(
        "The {year} case counter ({counter}) is behind the highest case number {max}."
    ),
    "check.case_counter_ahead": N_(
        "The {year} case counter is at {counter} but the last case is number {max}: cases at "
        "the end are missing."
    ),
    "check.document_number_gap": N_(
        "Numbers of issued documents ({kind}, {year}) have gaps: {count} documents, "
        "highest number {max}, first missing {first}."
    ),
    "check.document_number_duplicate": N_("{record}: its number is used twice."),
    "check.document_counter_behind": N_(
        "The {year} counter of {kind} documents ({counter}) is behind the highest number "
        "{max}."
    ),
    "check.document_counter_ahead": N_(
        "The {year} counter of {kind} documents is at {counter} but the last one issued is "
        "number {max}: documents at the end are missing."
    ),
    "check.record_altered": N_(
        "{record} no longer matches its last audited state: it was changed outside the "
        "application."
    ),
    "check.record_unaudited": N_(
        "{record} has no audit row: it was written outside the application."
    ),
    "check.record_missing": N_(
        "{record} is in the audit trail but no longer in the database: it was deleted."
    ),
    "check.audit_row_altered": N_(
        "Audit row {id} (about {subject}) does not match its hash: it was edited or written "
        "outside the application."
    ),
    "check.audit_chain_broken": N_(
        "The audit trail is broken before row {id} (about {subject}): rows were deleted, "
        "inserted or moved there."
    ),
    "check.audit_trail_missing": N_(
        "The audit trail is empty: it was removed ({expected} rows were recorded)."
    ),
    "check.chain_head_missing": N_(
        "The end of the audit chain is not recorded any more ({found} audit rows found)."
    ),
    "check.audit_tail_missing": N_(
        "The last audit rows after row {last_id} were deleted (the chain ended at row "
        "{head_id})."
    ),
    "check.audit_tail_added": N_(
        "Audit rows after row {head_id} up to {last_id} were added outside the application."
    ),
    "check.chain_head_mismatch": N_(
        "The end of the audit chain (row {last_id}) does not match its recorded head."
    ),
    "check.audit_count": N_("The audit chain holds {found} rows; {expected} were recorded."),
    "check.more": N_("…and {count} more of the same kind ({code})."),
    "check.attachment_blob_altered": N_(
        "The stored file {fingerprint}… no longer matches its SHA-256 fingerprint: its content was "
        "changed outside the application (attachments {attachments})."
    ),
    "check.attachment_blob_missing": N_(
        "{record}: the stored file it refers to is gone: it was deleted outside the "
        "application."
    ),
}

#: How a finding names a record: (with its number, with its id only).
_RECORDS: dict[str, tuple[str, str]] = {
    "visit": (N_("Visit {stt} (id {id})"), N_("Visit id {id}")),
    "case": (N_("Case {number} (id {id})"), N_("Case id {id}")),
    "citizen": (N_("Citizen record {id}"), N_("Citizen record {id}")),
    "issued_document": (N_("Document {number} (id {id})"), N_("Document id {id}")),
    "directive": (N_("Directive {id}"), N_("Directive {id}")),
    "attachment": (N_("Attachment {id}"), N_("Attachment {id}")),
}


def record_name(entity: Any, record_id: Any, raw: Mapping[str, Any] | None = None) -> str:
    """``Visit 12/2026 (id 57)``, ``Citizen record 8``; the raw names of anything else."""
    forms = _RECORDS.get(str(entity))
    if forms is None:
        return f"{entity} {record_id}"
    raw = raw or {}
    numbered = "stt" in raw or "number" in raw
    values = Params({k: v for k, v in raw.items() if isinstance(v, str | int)})
    values["id"] = str(record_id)
    return fill(_(forms[0] if numbered else forms[1]), values, f"{entity} {record_id}")


def finding_params(code: str, raw: Mapping[str, Any]) -> dict[str, str]:
    """``record`` and ``subject`` of a check finding that concerns a record or an audit row
    (and the code of the findings a ``check.more`` stands for)."""
    if code == "check.more":  # ``code`` is the code of the findings left out
        return {"code": str(raw.get("code", code))}
    if not code.startswith("check.") or "entity" not in raw:
        return {}
    named = {"record": record_name(raw["entity"], raw.get("id"), raw)}
    if "entity_id" in raw:
        named["subject"] = record_name(raw["entity"], raw["entity_id"])
    return named
