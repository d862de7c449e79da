"""What a masked logbook file shows of people: the default ``export`` (issue 10).

The rule is the screens' (``domain.secrecy.masking_plan``) for a viewer without
``VIEW_PERSONAL_DATA``:

* a denouncer under secrecy (a denunciation's sender or crowd member without a waiver in force;
  a denunciation case's complainant who waived on none of its visits) is withheld whole: the
  name, ID number, phone, address, and the link to their registry record, so nothing in the
  file ties a person to the denunciation (Luật Tố cáo Art. 9(1)(b), 56). A registry record
  known only from such denunciations is withheld too, and so is the frozen content of a
  document issued for a secret record (its payload names the sender), and the text of a
  session's conclusion notice for such a record (for its matter, or for a whole session one
  of whose visits is one: the leader's conclusion may name the sender);
* every other citizen's ID number, phone and address are partial (``mask_number``,
  ``mask_address``), the birth date, the ID card's issue date and place and the street address
  left out (NĐ 154/2026 Art. 12(2)); names stay in clear. A dialogue's complainant is masked
  as the case's complainants are (their ``title`` holds their address: partial).

The header says the file is masked (``"masked": true`` and ``"masking"``), and an import
refuses such a file (``import.masked_file``): a masked copy is for reading, never a source.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from reception_desk.domain.secrecy import WITHHELD
from reception_desk.domain.secrecy import SecrecyWaiver
from reception_desk.domain.secrecy import is_secret
from reception_desk.domain.secrecy import mask_address
from reception_desk.domain.secrecy import mask_number
from reception_desk.domain.secrecy import person_key
from reception_desk.storage.queries import exchange as tables
from reception_desk.storage.queries import users as secrecy_rows

DENUNCIATION = "denunciation"

#: What the header of a masked file says was masked (stable codes, for whoever reads the file).
SUMMARY: dict[str, str] = {
    "secret_denouncers": "withheld",  # name, numbers, address and registry link: "***"
    "secret_documents": "withheld",  # the payload of a document issued for a secret record
    "secret_conclusions": "withheld",  # the text of a session conclusion for a secret record
    "id_number": "partial",
    "phone": "partial",
    "address": "partial",
    "birth_date": "withheld",
    "id_issue": "withheld",
    "address_detail": "withheld",
    "dialogue_complainants": "as_case",  # name as the case's complainants, address partial
}

_PERSONAL = ("id_number", "phone", "address")


def _withheld(value: Any) -> Any:
    return WITHHELD if value not in (None, "") else value


def _partial(record: dict[str, Any]) -> None:
    """ID number, phone and address of a person not under secrecy, as an outsider sees them."""
    for key, mask in (("id_number", mask_number), ("phone", mask_number),
                      ("address", mask_address)):
        if isinstance(record.get(key), str) and record[key]:
            record[key] = mask(record[key])


def _mask_payload(value: Any) -> Any:
    """A frozen document of a record not under secrecy: addresses and identity papers partial."""
    if isinstance(value, dict):
        out = {k: _mask_payload(v) for k, v in value.items()}
        if {"label", "number"} <= out.keys() and isinstance(out["number"], str):
            out["number"] = mask_number(out["number"])
            out["issued_on"], out["issued_by"] = None, ""
        for key, item in out.items():
            if key == "address" and isinstance(item, str):
                out[key] = mask_address(item)
            elif key == "qr_payload" and item:
                out[key] = WITHHELD
        return out
    if isinstance(value, list):
        return [_mask_payload(v) for v in value]
    return value


class ExportMask:
    """The masking decisions for one export, read once (a few queries whatever the size)."""

    def __init__(self, session: Session) -> None:
        facts = tables.secrecy_facts(session)
        waivers = {key for key, row in secrecy_rows.active_waivers(session, None).items()
                   if row.revoked_at is None}
        case_of_visit: dict[int, int | None] = {}
        visit_type: dict[int, str] = {}
        self.secret_visits: set[int] = set()
        #: (visit id, person key) of the crowd members under secrecy
        self.secret_members: set[tuple[int, str]] = set()
        #: (case id, citizen id) of a denunciation case's complainants under secrecy
        self.secret_links: set[tuple[int, int]] = set()
        known: dict[int, bool] = {}  # citizen id → appears in anything not secret

        def seen(citizen_id: int | None, secret: bool) -> None:
            if citizen_id is not None:
                known[citizen_id] = known.get(citizen_id, False) or not secret

        for vid, cid, case_id, petition, name, number in facts["visits"]:
            visit_type[vid], case_of_visit[vid] = petition, case_id
            secret = is_secret(petition, _waiver((vid, person_key(name, number)) in waivers))
            if secret:
                self.secret_visits.add(vid)
            seen(cid, secret)
        for vid, cid, name, number in facts["members"]:
            key = person_key(name, number)
            secret = is_secret(visit_type.get(vid), _waiver((vid, key) in waivers))
            if secret:
                self.secret_members.add((vid, key))
            seen(cid, secret)
        waived_on_case: dict[int, set[str]] = defaultdict(set)
        for vid, key in waivers:
            case_id = case_of_visit.get(vid)
            if case_id is not None:
                waived_on_case[case_id].add(key)
        case_type = dict(facts["cases"])
        people = {cid: person_key(name, number) for cid, name, number in facts["citizens"]}
        for case_id, cid in facts["complainants"]:
            waived = people.get(cid, "") in waived_on_case.get(case_id, set())
            secret = is_secret(case_type.get(case_id), _waiver(waived))
            if secret:
                self.secret_links.add((case_id, cid))
            seen(cid, secret)
        self.secret_cases = {case_id for case_id, _cid in self.secret_links}
        #: Registry records known only as denouncers under secrecy.
        self.hidden_citizens = {cid for cid, shown in known.items() if not shown}
        #: Reception sessions one of whose linked visits is under secrecy.
        self.secret_sessions = {sid for vid, sid in tables.visit_sessions(session)
                                if vid in self.secret_visits}
        #: How many people the file withholds (records and crowd members).
        self.withheld_count = 0

    # --- one record at a time ------------------------------------------------------------------
    def visit(self, row: Any, record: dict[str, Any]) -> None:
        if row.id in self.secret_visits:
            self.withheld_count += 1
            for key in ("citizen", "citizen_name", *_PERSONAL, "id_override_reason"):
                record[key] = _withheld(record.get(key))
        else:
            _partial(record)
        for member in record.get("members", []):
            if (row.id, person_key(member.get("full_name", ""),
                                   member.get("id_number", ""))) in self.secret_members:
                self.withheld_count += 1
                for key in ("citizen", "full_name", *_PERSONAL):
                    member[key] = _withheld(member.get(key))
            else:
                _partial(member)

    def citizen(self, row: Any, record: dict[str, Any]) -> None:
        if row.id in self.hidden_citizens:
            self.withheld_count += 1
            for key in ("full_name", *_PERSONAL, "id_issue_place", "address_detail"):
                record[key] = _withheld(record.get(key))
        else:
            _partial(record)
            record["address_detail"] = _withheld(record.get("address_detail"))
            record["id_issue_place"] = _withheld(record.get("id_issue_place"))
        record["birth_date"] = None
        record["id_issue_date"] = None

    def case_citizen(self, row: Any, record: dict[str, Any]) -> None:
        if (row.case_id, row.citizen_id) in self.secret_links:
            self.withheld_count += 1
            record["citizen"] = WITHHELD

    def issued_document(self, row: Any, record: dict[str, Any]) -> None:
        if row.visit_id in self.secret_visits or row.case_id in self.secret_cases:
            record["payload"] = WITHHELD
        else:
            record["payload"] = _mask_payload(record.get("payload"))

    def session_conclusion(self, row: Any, record: dict[str, Any]) -> None:
        secret = (row.visit_id in self.secret_visits if row.visit_id is not None
                  else row.session_id in self.secret_sessions)
        if secret:
            record["text"] = _withheld(record.get("text"))

    def dialogue(self, row: Any, record: dict[str, Any]) -> None:
        """A dialogue's complainants as the case's: withheld whole where the case's are (a
        denunciation's, under secrecy; a dialogue is for complaints, so in practice never),
        otherwise the name in clear and the title (their address) partial. The officials at
        the table (presiding, respondent, bodies, minute taker) are named as their office."""
        for person in record.get("participants", []):
            if person.get("role") != "complainant":
                continue
            if row.case_id in self.secret_cases:
                self.withheld_count += 1
                for key in ("name", "title"):
                    person[key] = _withheld(person.get(key))
            elif isinstance(person.get("title"), str) and person["title"]:
                person["title"] = mask_address(person["title"])

    def apply(self, kind: str, row: Any, record: dict[str, Any]) -> dict[str, Any]:
        """``record`` (as the file writes it) with the identities this file may not carry."""
        masks = {"visit": self.visit, "citizen": self.citizen,
                 "case_citizen": self.case_citizen, "issued_document": self.issued_document,
                 "session_conclusion": self.session_conclusion, "dialogue": self.dialogue}
        if kind in masks:
            masks[kind](row, record)
        return record


def _waiver(waived: bool) -> SecrecyWaiver | None:
    """A stand-in waiver: ``is_secret`` asks only whether one is in force."""
    return SecrecyWaiver(date.min) if waived else None
