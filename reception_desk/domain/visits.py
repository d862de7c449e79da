"""The logbook entry as the clerk fills it in, and the checks it must pass before it is saved."""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from datetime import timedelta

from reception_desk.domain import classification as kinds
from reception_desk.domain.crowds import DEFAULT_CROWD_THRESHOLD
from reception_desk.domain.crowds import check_crowd
from reception_desk.domain.dates import office_day
from reception_desk.domain.identity import check_id_number
from reception_desk.domain.names import mangled_words
from reception_desk.domain.problems import Problem
from reception_desk.domain.text import looks_like_qr_payload
from reception_desk.domain.text import visible

MAX_NAME = 200
MAX_LINE = 500
MAX_TEXT = 20_000  # a pasted đơn can be long, but not a whole book
MAX_PEOPLE = 100_000
MAX_PAGES = 10_000
# Luật Tiếp công dân 2013 (and its logbook, TT 06/2014 then TT 04/2021 Mẫu 03) took effect on
# 01/07/2014: an earlier reception date is a typo (a visit "in 2001"), not a record of this book.
EARLIEST_VISIT = date(2014, 7, 1)
# The personal number's century digit starts at 1900 (TT 07/2016/TT-BCA Art. 7, LEGAL.md §10):
# nobody received at the counter was born before; an identity paper is not older either.
EARLIEST_BIRTH = date(1900, 1, 1)
EARLIEST_ISSUE = date(1900, 1, 1)
# Fields where a scanned QR payload (LEGAL.md §10.1) must never be stored as text.
QR_GUARDED_FIELDS = ("citizen_name", "address_detail", "content")
# Clocks of two counters drift: a visit a few minutes "in the future" is not a typo.
CLOCK_TOLERANCE = timedelta(minutes=10)
_PHONE = re.compile(r"^\+?[0-9 .\-()]{8,20}$")


@dataclass
class DocumentLine:
    """One document handed in: name, page count, original or copy."""

    name: str = ""
    pages: int | None = None
    condition: kinds.DocumentCondition = kinds.DocumentCondition.COPY


@dataclass
class GroupMember:
    """A person of a group visit: a representative (identity required) or a listed participant."""

    full_name: str = ""
    id_doc_type: kinds.IdDocType = kinds.IdDocType.CITIZEN_ID
    id_number: str = ""
    address: str = ""
    phone: str = ""
    is_representative: bool = False


@dataclass
class VisitDraft:
    """Every field of both legal logbook layouts (LEGAL.md §2.1 a and b)."""

    received_at: datetime | None = None  # timezone-aware
    kind: kinds.VisitKind = kinds.VisitKind.REGULAR
    receiving_staff_id: int | None = None
    presiding_leader_id: int | None = None
    citizen_id: int | None = None  # picked from the registry; None creates a citizen
    # The picked record's version as the form showed it: saving compares-and-sets it, so a
    # visit never silently writes over another counter's correction of the record.
    citizen_version: int | None = None
    citizen_name: str = ""
    id_doc_type: kinds.IdDocType = kinds.IdDocType.CITIZEN_ID
    id_number: str = ""
    id_override_reason: str = ""
    id_issue_date: date | None = None
    id_issue_place: str = ""
    sex: kinds.Sex | None = None
    birth_date: date | None = None
    ward_code: int | None = None
    address_detail: str = ""
    phone: str = ""
    people_count: int = 1
    content: str = ""
    petition_type: kinds.PetitionType | None = None
    field_code: str | None = None
    prior_bodies: str = ""
    within_competence: bool = False
    direction: kinds.HandlingDirection | None = None
    target_body: str = ""
    target_doc_number: str = ""
    follow_up: str = ""
    notes: str = ""
    documents: list[DocumentLine] = field(default_factory=list)
    # Crowd visits (LEGAL.md §5): the group and who speaks for it.
    delegation: bool = False
    members: list[GroupMember] = field(default_factory=list)
    # Disorder at the counter (threats, scuffle): recorded for the hotspot review.
    incident: bool = False
    incident_note: str = ""
    # The matter (vụ việc) this visit belongs to, when the clerk linked it to an existing one.
    case_id: int | None = None

    @property
    def representatives(self) -> list[GroupMember]:
        return [m for m in self.members if m.is_representative]


def _unwritten(text: str, field_name: str, required: str) -> Problem | None:
    """A required text not really written: a scanned QR payload pasted in, or nothing visible
    (the ``required`` problem)."""
    if looks_like_qr_payload(text):
        return Problem("text.qr_payload", field_name)
    if not visible(text):
        return Problem(required, field_name)
    return None


def check_visit(
    draft: VisitDraft, now: datetime, crowd_threshold: int = DEFAULT_CROWD_THRESHOLD
) -> list[Problem]:
    """Every problem of ``draft``, each tied to its field. ``now`` is timezone-aware.

    ``crowd_threshold`` is the office's "đoàn đông người" size (unverified in law: a setting).
    """
    problems: list[Problem] = []
    add = problems.append
    if draft.received_at is None:
        add(Problem("visit.time_required", "received_at"))
    elif draft.received_at > now + CLOCK_TOLERANCE:
        add(Problem("visit.time_in_future", "received_at"))
    elif draft.received_at.date() < EARLIEST_VISIT:
        add(Problem("visit.time_too_old", "received_at", {"earliest": EARLIEST_VISIT}))
    if draft.receiving_staff_id is None:
        add(Problem("visit.staff_required", "receiving_staff_id"))
    if draft.kind.needs_presiding_leader and draft.presiding_leader_id is None:
        add(Problem("visit.leader_required", "presiding_leader_id"))

    name = visible(draft.citizen_name)
    if unwritten := _unwritten(draft.citizen_name, "citizen_name", "citizen.name_required"):
        add(unwritten)
    elif len(name) > MAX_NAME:
        add(Problem("text.too_long", "citizen_name", {"max": MAX_NAME, "actual": len(name)}))
    elif not any(ch.isalpha() for ch in name):
        add(Problem("citizen.name_invalid", "citizen_name"))
    elif not draft.id_override_reason.strip() and (odd := mangled_words(name)):
        # A keyboard-mode scan that lost the accents ("Trn Th Hng"): the clerk checks the card.
        add(Problem("citizen.name_mangled", "citizen_name",
                    {"words": ", ".join(odd), "overridable": True}))
    if looks_like_qr_payload(draft.address_detail):
        add(Problem("text.qr_payload", "address_detail"))
    problems.extend(check_identity(draft))
    problems.extend(check_dates(draft, now))
    if draft.phone.strip() and not _PHONE.match(draft.phone.strip()):
        add(Problem("citizen.phone_invalid", "phone"))

    if not 1 <= draft.people_count <= MAX_PEOPLE:
        add(Problem("visit.people_invalid", "people_count", {"max": MAX_PEOPLE}))
    else:
        problems.extend(check_crowd(draft.people_count, len(draft.representatives),
                                    draft.delegation, threshold=crowd_threshold))
    for index, member in enumerate(draft.members):
        where = f"members.{index}"
        if not member.full_name.strip():
            add(Problem("member.name_required", where, {"row": index + 1}))
        elif len(member.full_name) > MAX_NAME:
            add(Problem("text.too_long", where, {"max": MAX_NAME, "actual": len(member.full_name)}))
        if member.is_representative or member.id_number.strip():
            # Representatives answer for the group before the law: their identity is checked.
            check = check_id_number(member.id_doc_type, member.id_number)
            if check.hard_problems:
                first = check.hard_problems[0]
                add(Problem(first.code, where, {**first.params, "row": index + 1}))
    if draft.incident and not draft.incident_note.strip():
        add(Problem("visit.incident_note_required", "incident_note"))
    if unwritten := _unwritten(draft.content, "content", "visit.content_required"):
        add(unwritten)
    if draft.petition_type is None:
        add(Problem("visit.type_required", "petition_type"))
    if draft.direction is None:
        add(Problem("visit.direction_required", "direction"))
    elif (draft.direction is kinds.HandlingDirection.TRANSFER
          and draft.petition_type is kinds.PetitionType.COMPLAINT):
        # Luật TCD 2013 Art. 26(1): a complaint outside the office's competence is answered by
        # guiding the complainant to the competent body, not by transferring the đơn.
        add(Problem("visit.complaint_is_guided", "direction"))
    elif draft.direction.needs_target_body and not draft.target_body.strip():
        add(Problem("visit.target_required", "target_body"))

    for field_name, max_len in (
        ("content", MAX_TEXT),
        ("prior_bodies", MAX_TEXT),
        ("follow_up", MAX_TEXT),
        ("notes", MAX_TEXT),
        ("address_detail", MAX_LINE),
        ("target_body", MAX_LINE),
        ("id_issue_place", MAX_NAME),
        ("target_doc_number", 60),
        ("incident_note", MAX_TEXT),
    ):
        value: str = getattr(draft, field_name)
        if len(value) > max_len:
            add(Problem("text.too_long", field_name, {"max": max_len, "actual": len(value)}))

    for index, doc in enumerate(draft.documents):
        if not doc.name.strip():
            add(Problem("document.name_required", f"documents.{index}", {"row": index + 1}))
        elif len(doc.name) > MAX_LINE:
            add(Problem("text.too_long", f"documents.{index}", {"max": MAX_LINE,
                                                                "actual": len(doc.name)}))
        if doc.pages is not None and not 1 <= doc.pages <= MAX_PAGES:
            add(Problem("document.pages_invalid", f"documents.{index}",
                        {"row": index + 1, "max": MAX_PAGES}))
    return problems


def check_dates(draft: VisitDraft, now: datetime) -> list[Problem]:
    """Birth and issue dates against each other, the visit and the calendar (issue 12).

    All hard: no paper can be right about a birth after the visit, a birth before 1900 or an
    identity paper issued before its holder was born.
    """
    problems: list[Problem] = []
    add = problems.append
    birth, issued = draft.birth_date, draft.id_issue_date
    visit_day = office_day(draft.received_at if draft.received_at is not None else now)
    if birth is not None:
        if birth > now.date():
            add(Problem("citizen.birth_in_future", "birth_date"))
        elif birth > visit_day:
            add(Problem("citizen.birth_after_visit", "birth_date", {"visit_day": visit_day}))
        elif birth < EARLIEST_BIRTH:
            add(Problem("citizen.birth_too_old", "birth_date", {"earliest": EARLIEST_BIRTH}))
    if issued is not None:
        if issued > now.date():
            add(Problem("citizen.issue_in_future", "id_issue_date"))
        elif issued < EARLIEST_ISSUE:
            add(Problem("citizen.issue_too_old", "id_issue_date", {"earliest": EARLIEST_ISSUE}))
        elif birth is not None and issued < birth:
            add(Problem("citizen.issue_before_birth", "id_issue_date", {"birth_date": birth}))
    return problems


def check_identity(draft: VisitDraft) -> list[Problem]:
    """Identity-paper problems: hard ones always; structural ones unless a reason overrides them.

    A structural mismatch carries ``overridable=True`` so the form can offer the reason box.
    """
    check = check_id_number(
        draft.id_doc_type, draft.id_number, sex=draft.sex, birth_date=draft.birth_date
    )
    if check.hard_problems:
        return [check.hard_problems[0]]
    if check.soft_problems and not draft.id_override_reason.strip():
        return [Problem(p.code, p.field, {**p.params, "overridable": True})
                for p in check.soft_problems]
    return []
