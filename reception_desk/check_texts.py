"""What `reception-desk check` says about each finding (Vietnamese by default, English).

Qt-free, so the command line (and any screen listing findings) can use it.
"""

from __future__ import annotations

import string
from typing import Any

from reception_desk.i18n import _
from reception_desk.services.maintenance import Finding


def _texts() -> dict[str, str]:
    return {
        "check.too_new": _("The database is newer than this program (schema {revision})."),
        "check.not_migrated": _("The database schema {revision} is older than {head}: open it "
                                "with the app to upgrade it."),
        "check.unreadable": _("The database could not be read to the end: {detail}"),
        "check.integrity": _("Integrity problem: {detail}"),
        "check.foreign_key": _("Broken reference in table {table}."),
        "check.stt_gap": _("Logbook numbering of {year} has gaps: {count} visits, highest "
                           "number {max}."),
        "check.stt_duplicate": _("{record}: its number is used twice in the logbook."),
        "check.counter_behind": _("The {year} counter is behind the highest number {max}."),
        "check.counter_ahead": _("The {year} logbook counter is at {counter} but the last "
                                 "visit is number {max}: visits at the end are missing."),
        "check.case_number_gap": _("Case numbers of {year} have gaps: {count} cases, highest "
                                   "number {max}, first missing {first}."),
        "check.case_number_duplicate": _("{record}: its number is used twice."),
        "check.case_counter_behind": _("The {year} case counter ({counter}) is behind the "
                                       "highest case number {max}."),
        "check.case_counter_ahead": _("The {year} case counter is at {counter} but the last "
                                      "case is number {max}: cases at the end are missing."),
        "check.document_number_gap": _("Numbers of issued documents ({kind}, {year}) have "
                                       "gaps: {count} documents, highest number {max}, first "
                                       "missing {first}."),
        "check.document_number_duplicate": _("{record}: its number is used twice."),
        "check.document_counter_behind": _("The {year} counter of {kind} documents "
                                           "({counter}) is behind the highest number {max}."),
        "check.document_counter_ahead": _("The {year} counter of {kind} documents is at "
                                          "{counter} but the last one issued is number {max}: "
                                          "documents at the end are missing."),
        "check.record_altered": _("{record} no longer matches its last audited state: it was "
                                  "changed outside the application."),
        "check.record_unaudited": _("{record} has no audit row: it was written outside the "
                                    "application."),
        "check.record_missing": _("{record} is in the audit trail but no longer in the "
                                  "database: it was deleted."),
        "check.audit_row_altered": _("Audit row {id} (about {subject}) does not match its "
                                     "hash: it was edited or written outside the "
                                     "application."),
        "check.audit_chain_broken": _("The audit trail is broken before row {id} (about "
                                      "{subject}): rows were deleted, inserted or moved "
                                      "there."),
        "check.audit_trail_missing": _("The audit trail is empty: it was removed ({expected} "
                                       "rows were recorded)."),
        "check.chain_head_missing": _("The end of the audit chain is not recorded any more "
                                      "({found} audit rows found)."),
        "check.audit_tail_missing": _("The last audit rows after row {last_id} were deleted "
                                      "(the chain ended at row {head_id})."),
        "check.audit_tail_added": _("Audit rows after row {head_id} up to {last_id} were "
                                    "added outside the application."),
        "check.chain_head_mismatch": _("The end of the audit chain (row {last_id}) does not "
                                       "match its recorded head."),
        "check.audit_count": _("The audit chain holds {found} rows; {expected} were "
                               "recorded."),
        "check.more": _("…and {count} more of the same kind ({code})."),
    }


def _records() -> dict[str, tuple[str, str]]:
    # (with its number, with its id only)
    return {
        "visit": (_("Visit {stt} (id {id})"), _("Visit id {id}")),
        "case": (_("Case {number} (id {id})"), _("Case id {id}")),
        "citizen": (_("Citizen record {id}"), _("Citizen record {id}")),
        "issued_document": (_("Document {number} (id {id})"), _("Document id {id}")),
        "directive": (_("Directive {id}"), _("Directive {id}")),
    }


class _Params(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, params: dict[str, Any]) -> str:
    try:
        return string.Formatter().vformat(template, (), _Params(params))
    except (ValueError, IndexError, KeyError):
        return template


def record_name(entity: Any, record_id: Any, params: dict[str, Any] | None = None) -> str:
    """``Visit 12/2026 (id 57)``, ``Citizen record 8``; the raw names of anything else."""
    forms = _records().get(str(entity))
    if forms is None:
        return f"{entity} {record_id}"
    params = params or {}
    labelled = "stt" in params or "number" in params
    return _fill(forms[0] if labelled else forms[1], {**params, "id": record_id})


def finding_line(finding: Finding) -> str:
    """One line about ``finding`` in the chosen language."""
    params: dict[str, Any] = {k: v for k, v in finding.params.items() if v is not None}
    params.setdefault("revision", "-")
    if "entity" in params and finding.code.startswith(("check.record_", "check.stt_",
                                                       "check.case_", "check.document_")):
        params["record"] = record_name(params["entity"], params.get("id"), params)
    if "entity_id" in params:
        params["subject"] = record_name(params.get("entity"), params["entity_id"])
    template = _texts().get(finding.code, _("Problem {code}"))
    return _fill(template, {**params, "code": params.get("code", finding.code)})
