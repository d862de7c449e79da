"""SQLModel tables. One schema for SQLite and PostgreSQL; created only through Alembic migrations.

Strings are stored NFC (services normalise them); every searchable text has a folded ``*_key``
column (domain.text.fold). Moments are UTC; dates with legal meaning are ``date``.
"""

from __future__ import annotations

from datetime import date
from datetime import datetime
from typing import Any

from sqlalchemy import JSON
from sqlalchemy import CheckConstraint
from sqlalchemy import Column
from sqlalchemy import Index
from sqlalchemy import LargeBinary
from sqlalchemy import UniqueConstraint
from sqlmodel import Field
from sqlmodel import SQLModel

# Naming convention so Alembic batch migrations on SQLite can address constraints by name.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Keyed(SQLModel):
    """A table keyed by an integer ``id`` the database assigns (written first)."""

    id: int | None = Field(default=None, primary_key=True)


class StampedRecord(Keyed):
    """A record edited in place: made when and by whom, last changed when, and the version a
    compare-and-set edit names. (In the database these columns stand where the migrations put
    them; the model lists them right after ``id``.)"""

    created_at: datetime
    created_by: str = Field(max_length=200)
    updated_at: datetime
    version: int = 1


class Setting(SQLModel, table=True):
    """Office-wide setting (office names, thresholds, taxonomies): a JSON value per key."""

    __tablename__ = "setting"
    key: str = Field(primary_key=True, max_length=100)
    value: Any = Field(sa_column=Column(JSON, nullable=False))
    updated_at: datetime
    updated_by: str = Field(max_length=200)
    #: Compare-and-set: an update names the version it read (migration 0007).
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class Staff(Keyed, table=True):
    """A person of the office: reception clerk, chairperson, vice-chair, other leader."""

    __tablename__ = "staff"
    uid: str = Field(max_length=36, unique=True)  # stable across export/import
    full_name: str = Field(max_length=200)
    position: str = Field(max_length=200)
    role: str = Field(max_length=30)  # clerk | chair | vice_chair | leader
    active: bool = True
    created_at: datetime
    #: Compare-and-set: an update names the version it read (migration 0009).
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class FieldCategory(SQLModel, table=True):
    """Office-editable taxonomy of fields (lĩnh vực), seeded from LEGAL.md §3.3."""

    __tablename__ = "field_category"
    code: str = Field(primary_key=True, max_length=60)
    parent_code: str | None = Field(default=None, max_length=60)
    label: str = Field(max_length=300)
    petition_type: str | None = Field(default=None, max_length=30)
    sensitive: bool = False
    sort_order: int = 0
    active: bool = True
    #: Compare-and-set: an update names the version it read (migration 0009).
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class Citizen(Keyed, table=True):
    """One person, many visits. ``merged_into_id`` points to the surviving record after a merge;
    ``voided_at`` marks a record struck out (an undone import's), left out of every look-up."""

    __tablename__ = "citizen"
    __table_args__ = (
        Index("ix_citizen_id_number", "id_number"),
        Index("ix_citizen_name_key", "name_key"),
        Index("ix_citizen_phone", "phone"),
    )
    uid: str = Field(max_length=36, unique=True)
    full_name: str = Field(max_length=200)
    name_key: str = Field(max_length=200)
    id_doc_type: str = Field(max_length=30)
    id_number: str = Field(default="", max_length=40)
    id_issue_date: date | None = None
    id_issue_place: str = Field(default="", max_length=200)
    sex: str | None = Field(default=None, max_length=10)
    birth_date: date | None = None
    phone: str = Field(default="", max_length=30)
    ward_code: int | None = None
    address_detail: str = Field(default="", max_length=500)
    address: str = Field(default="", max_length=700)
    merged_into_id: int | None = Field(default=None, foreign_key="citizen.id")
    created_at: datetime
    updated_at: datetime
    #: Compare-and-set: an update names the version it read (migration 0007).
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    #: Voided, never deleted (migration 0016): a record an undone old-logbook import made and
    #: nothing else holds. NULL on every other record (so out of its audited snapshot).
    voided_at: datetime | None = None
    void_reason: str | None = None
    voided_by: str | None = Field(default=None, max_length=200)


class Visit(StampedRecord, table=True):
    """A row of the Sổ tiếp công dân: the union of the TT 04/2021 and NĐ 154/2026 columns.

    The citizen's name, identity paper and address are copied at the moment of the visit: the
    logbook records what was shown at the counter, even if the citizen record changes later.
    """

    __tablename__ = "visit"
    __table_args__ = (
        UniqueConstraint("year", "seq", name="uq_visit_year_seq"),
        Index("ix_visit_reception_date", "reception_date", "seq"),
        Index("ix_visit_citizen", "citizen_id"),
        Index("ix_visit_type", "petition_type", "reception_date"),
        Index("ix_visit_kind", "kind", "reception_date"),
        # One per logbook sort (migration 0003): ORDER BY column, id walks the index.
        Index("ix_visit_sort_time", "received_at", "id"),
        # The name sort's two blocks, read from the index alone (migration 0015).
        Index("ix_visit_sort_name_shown", "citizen_name_key", "id", "petition_type",
              "id_number"),
        Index("ix_visit_withheld", "petition_type", "year", "seq", "citizen_name_key",
              "id_number"),
        Index("ix_visit_sort_type", "petition_type", "id"),
        Index("ix_visit_sort_kind", "kind", "id"),
        Index("ix_visit_sort_people", "people_count", "id"),
    )
    uid: str = Field(max_length=36, unique=True)
    year: int
    seq: int  # STT: per year, gapless, assigned inside the saving transaction
    received_at: datetime  # UTC
    reception_date: date  # local date of the reception day
    kind: str = Field(max_length=20)
    receiving_staff_id: int = Field(foreign_key="staff.id")
    presiding_leader_id: int | None = Field(default=None, foreign_key="staff.id")
    citizen_id: int = Field(foreign_key="citizen.id")
    citizen_name: str = Field(max_length=200)
    citizen_name_key: str = Field(max_length=200)
    id_doc_type: str = Field(max_length=30)
    id_number: str = Field(default="", max_length=40)
    id_override_reason: str = ""  # why a number breaking the numbering rules was accepted
    address: str = Field(default="", max_length=700)
    phone: str = Field(default="", max_length=30)
    people_count: int = 1
    content: str
    content_key: str
    petition_type: str = Field(max_length=30)
    field_code: str | None = Field(default=None, foreign_key="field_category.code")
    prior_bodies: str = ""
    within_competence: bool = False
    direction: str = Field(max_length=30)
    target_body: str = Field(default="", max_length=500)
    target_doc_number: str = Field(default="", max_length=60)
    follow_up: str = ""
    notes: str = ""
    case_id: int | None = Field(default=None, foreign_key="case_file.id", index=True)
    delegation: bool = False  # đoàn đông người (LEGAL.md §5)
    representatives: int = 0  # how many representatives spoke for the group
    incident: bool = False  # disorder at the counter (a hotspot signal)
    incident_note: str = ""
    voided_at: datetime | None = None
    void_reason: str = ""
    voided_by: str = Field(default="", max_length=200)
    #: The head's reception session the visit was received in (migration 0010; linked by
    #: services.sessions.linking, README "Sessions").
    session_id: int | None = Field(default=None, foreign_key="reception_session.id", index=True)
    # --- issue 15: visits imported from an old logbook (migration 0012) ---
    #: The import that created the visit; None for a visit logged in the app.
    legacy_batch_id: int | None = Field(default=None, index=True)
    #: The STT and year as printed in the old book: a series of its own. An imported visit never
    #: takes a number from the app's counter: its ``seq`` is negative (-1, -2 … per year), which
    #: the counter, the STT-gap check and the exchange's "highest number" all pass over.
    legacy_stt: str | None = Field(default=None, max_length=40)
    legacy_year: int | None = None


class VisitDocument(Keyed, table=True):
    """A document the citizen handed in (one line of the Giấy biên nhận)."""

    __tablename__ = "visit_document"
    visit_id: int = Field(foreign_key="visit.id", index=True)
    position: int
    name: str = Field(max_length=500)
    pages: int | None = None
    condition: str = Field(max_length=30)


class Counter(SQLModel, table=True):
    """Gapless per-year sequences (visit STT, receipt numbers…), bumped inside the transaction."""

    __tablename__ = "counter"
    scope: str = Field(primary_key=True, max_length=60)
    year: int = Field(primary_key=True)
    last_value: int = 0


class AuditEntry(Keyed, table=True):
    """Who changed what, when, with the values before and after; written in the same transaction."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)
    at: datetime
    actor: str = Field(max_length=200)
    action: str = Field(max_length=40)
    entity: str = Field(max_length=40)
    entity_id: str = Field(max_length=60)
    before: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    after: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    # The tamper-evident chain (domain/audit_chain.py): written by storage/audit_chain.py only.
    prev_hash: str = Field(default="", max_length=64)
    hash: str = Field(default="", max_length=64)
    snapshot_hash: str = Field(default="", max_length=64)  # the described record, "" for none


class AuditChainHead(SQLModel, table=True):
    """The end of the audit chain (one row, id 1): rows in it, last row, last hash.

    Updated in the transaction that appends; taking it first serialises the writers."""

    __tablename__ = "audit_chain_head"
    id: int = Field(default=1, primary_key=True)
    length: int = 0
    last_id: int | None = None
    last_hash: str = Field(max_length=64)


class VisitParticipant(Keyed, table=True):
    """A person of a group visit: representatives (with identity) and listed participants."""

    __tablename__ = "visit_participant"
    visit_id: int = Field(foreign_key="visit.id", index=True)
    position: int
    full_name: str = Field(max_length=200)
    id_doc_type: str = Field(default="none", max_length=30)
    id_number: str = Field(default="", max_length=40)
    address: str = Field(default="", max_length=700)
    phone: str = Field(default="", max_length=30)
    is_representative: bool = False
    citizen_id: int | None = Field(default=None, foreign_key="citizen.id")


class CaseFile(StampedRecord, table=True):
    """A matter (vụ việc) followed until it is resolved, at the commune or elsewhere.

    ``stage``, ``due_on`` and ``deadline_kind`` are caches of what the event log implies (the
    domain state machine replays the events); they are rewritten with every event so lists and
    hotspot queries need no replay.
    """

    __tablename__ = "case_file"
    __table_args__ = (
        UniqueConstraint("year", "seq", name="uq_case_file_year_seq"),
        Index("ix_case_file_stage_due", "stage", "due_on"),
        # The case list's sorts: the column, then the case number (migration 0004).
        Index("ix_case_file_sort_due", "due_on", "year", "seq"),
        Index("ix_case_file_sort_received", "received_on", "year", "seq"),
        Index("ix_case_file_sort_type", "case_type", "year", "seq"),
        Index("ix_case_file_sort_stage", "stage", "year", "seq"),
        Index("ix_case_file_sort_title", "title_key", "year", "seq"),
        Index("ix_case_file_sort_level", "level", "year", "seq"),
    )
    uid: str = Field(max_length=36, unique=True)
    year: int
    seq: int
    case_type: str = Field(max_length=30)
    complaint_object: str | None = Field(default=None, max_length=40)
    title: str = Field(max_length=500)
    title_key: str = Field(max_length=500)
    content: str = ""
    field_code: str | None = Field(default=None, foreign_key="field_category.code")
    respondents: str = ""  # persons or bodies complained about / denounced
    level: str = Field(default="commune", max_length=30)
    competent_body: str = Field(default="", max_length=500)
    remote: bool = False
    criteria: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    within_commune_competence: bool = True
    stage: str = Field(max_length=30)
    received_on: date
    due_on: date | None = None
    deadline_kind: str | None = Field(default=None, max_length=40)
    closed_on: date | None = None
    previous_case_id: int | None = Field(default=None, foreign_key="case_file.id")
    link_kind: str | None = Field(default=None, max_length=40)
    # Dialogue (issue 14, migration 0011): the office's record that the complainant's request and
    # the verification result still differ (None: not recorded). Luật KN 2011 Art. 30.
    verification_differs: bool | None = None
    # --- what the statutory reports need that no event says (issue 13; migration 0013) ------
    #: Đủ điều kiện xử lý, as the clerk recorded it (None: not recorded; the reports infer it
    #: from the first handling event, as for every case before migration 0013).
    eligible: bool | None = None
    #: Đôn đốc giải quyết: the day the office urged the competent body (instead of a transfer).
    urged_on: date | None = None
    #: The day a reply (văn bản phúc đáp) came from the body the case was transferred to.
    reply_received_on: date | None = None
    # Issue 12 (migration 0014): the contested decision's date and the day the complainant
    # learned of it (Luật KN Art. 9), entrusted verification (Luật TC Art. 24(1)); NULL
    # entrusted_verification = not entrusted (never stored False: snapshots leave NULL out).
    decision_on: date | None = None
    decision_learned_on: date | None = None
    entrusted_verification: bool | None = None


class CaseEventRow(Keyed, table=True):
    """One event of a case's timeline: who, when, which document."""

    __tablename__ = "case_event"
    __table_args__ = (Index("ix_case_event_case", "case_id", "position"),)
    case_id: int = Field(foreign_key="case_file.id")
    position: int
    kind: str = Field(max_length=30)
    actor: str = Field(max_length=200)
    moment: datetime
    document_number: str = Field(default="", max_length=60)
    document_date: date | None = None
    level: str | None = Field(default=None, max_length=30)
    body: str = Field(default="", max_length=500)  # the other body (sent to / received from)
    criteria: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    note: str = ""


class CaseCitizen(SQLModel, table=True):
    """Complainants, denouncers or petitioners of a case (linked citizens)."""

    __tablename__ = "case_citizen"
    case_id: int = Field(foreign_key="case_file.id", primary_key=True)
    citizen_id: int = Field(foreign_key="citizen.id", primary_key=True, index=True)
    role: str = Field(default="complainant", max_length=30)


class IssuedDocument(Keyed, table=True):
    """A printed form with its number: receipts, refusal notices, appointment and transfer slips.

    The printed content is frozen in ``payload`` so a reprint is identical (marked as a copy).
    """

    __tablename__ = "issued_document"
    __table_args__ = (
        UniqueConstraint("doc_type", "year", "number", name="uq_issued_document_number"),
    )
    doc_type: str = Field(max_length=30)
    year: int
    number: int
    symbol: str = Field(max_length=60)  # "BN-UBND", "TB-UBND", "PC-UBND"
    verification_code: str = Field(max_length=40, unique=True)
    visit_id: int | None = Field(default=None, foreign_key="visit.id", index=True)
    case_id: int | None = Field(default=None, foreign_key="case_file.id", index=True)
    payload: Any = Field(sa_column=Column(JSON, nullable=False))
    issued_at: datetime
    issued_by: str = Field(max_length=200)
    print_count: int = 1


class Directive(Keyed, table=True):
    """The chairperson's instruction (ý kiến chỉ đạo) on a case, tracked like a deadline."""

    __tablename__ = "directive"
    #: None for an instruction of a session's conclusion notice that names no case (0010).
    case_id: int | None = Field(default=None, foreign_key="case_file.id", index=True)
    text: str
    assignee_staff_id: int | None = Field(default=None, foreign_key="staff.id")
    due_on: date | None = None
    given_by: str = Field(max_length=200)
    given_at: datetime
    acknowledged_at: datetime | None = None
    acknowledged_by: str = Field(default="", max_length=200)
    done_at: datetime | None = None
    #: Migration 0010: an instruction of a Thông báo kết luận (its conclusion) and the body it
    #: is addressed to. NULL for the chair's directives on a case.
    conclusion_id: int | None = Field(default=None, foreign_key="session_conclusion.id",
                                      index=True)
    assignee_body: str | None = Field(default=None, max_length=500)


class CalendarOverrideRow(SQLModel, table=True):
    """The office's announced days off and make-up working days (holidays.VN does not know)."""

    __tablename__ = "calendar_override"
    day: date = Field(primary_key=True)
    kind: str = Field(max_length=20)  # day_off | working_day
    note: str = Field(default="", max_length=300)
    updated_at: datetime
    updated_by: str = Field(max_length=200)


class UserAccount(Keyed, table=True):
    """A person who signs in (domain.access roles). Never deleted: deactivated.

    ``username_key`` is the folded user name (unique). The password is stored only as an
    argon2id hash; failed sign-ins count towards a lockout (``locked_until``, UTC).
    """

    __tablename__ = "user_account"
    username: str = Field(max_length=60)
    username_key: str = Field(max_length=60, unique=True)
    display_name: str = Field(max_length=200)
    staff_id: int | None = Field(default=None, foreign_key="staff.id")
    role: str = Field(max_length=30)
    password_hash: str = Field(max_length=300)
    active: bool = True
    must_change_password: bool = False
    failed_attempts: int = 0
    locked_until: datetime | None = None
    last_sign_in_at: datetime | None = None
    password_changed_at: datetime
    created_at: datetime
    created_by: str = Field(max_length=200)
    updated_at: datetime


class IdentityReveal(Keyed, table=True):
    """One deliberate reveal of a protected identity: who, when, which record, why."""

    __tablename__ = "identity_reveal"
    __table_args__ = (Index("ix_identity_reveal_record", "entity", "entity_id", "at"),)
    at: datetime
    user_id: int = Field(foreign_key="user_account.id")
    user_name: str = Field(max_length=200)  # the display name then (the account may change)
    entity: str = Field(max_length=40)  # visit | citizen | case
    entity_id: str = Field(max_length=60)
    person: int = 0  # 0: the record's sender; n: the crowd member at position n - 1
    reason: str


class SecrecyWaiverRow(Keyed, table=True):
    """A denouncer of a visit agreed to disclosure of their identity (Luật TC Art. 9(1)(b)).

    The person is named by ``person_key`` (domain.access.person_key: folded name and ID
    number), so a waiver follows the person through edits of a crowd's member list.
    ``revoked_at`` set: the denouncer asked for secrecy again.
    """

    __tablename__ = "secrecy_waiver"
    __table_args__ = (
        UniqueConstraint("visit_id", "person_key", name="uq_secrecy_waiver_person"),
    )
    visit_id: int = Field(foreign_key="visit.id", index=True)
    person_key: str = Field(max_length=260)
    waived_on: date
    note: str = ""
    noted_at: datetime
    noted_by: str = Field(max_length=200)
    revoked_at: datetime | None = None
    revoked_by: str = Field(default="", max_length=200)


class AttachmentBlob(SQLModel, table=True):
    """The bytes of an attached file, once, keyed by their SHA-256 (lower-case hex).

    Content-addressed: the same scan attached twice is stored once, and a blob whose bytes no
    longer hash to its key is reported by ``check``. Kept in the database so a backup (SQLite
    online backup, pg_dump) and every PC of a shared office have them (migration 0008).
    """

    __tablename__ = "attachment_blob"
    sha256: str = Field(primary_key=True, max_length=64)
    size: int
    media_type: str = Field(max_length=100)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime


class Attachment(Keyed, table=True):
    """A file received with a visit (the scanned đơn, a document handed in) or added to a case.

    Never deleted and never re-pointed: a wrong one is voided with a reason (``voided_at``).
    """

    __tablename__ = "attachment"
    __table_args__ = (
        CheckConstraint("visit_id IS NOT NULL OR case_id IS NOT NULL", name="record"),
    )
    visit_id: int | None = Field(default=None, foreign_key="visit.id", index=True)
    case_id: int | None = Field(default=None, foreign_key="case_file.id", index=True)
    blob_sha256: str = Field(foreign_key="attachment_blob.sha256", max_length=64, index=True)
    file_name: str = Field(max_length=255)
    added_at: datetime
    added_by: str = Field(max_length=200)
    voided_at: datetime | None = None
    void_reason: str = ""
    voided_by: str = Field(default="", max_length=200)


# --- The head's reception sessions (migration 0010, issue 14) ----------------------------------


class ReceptionSession(StampedRecord, table=True):
    """A kỳ tiếp công dân of the chair, a vice chair or a delegate: planned, held or cancelled.

    Hours are minutes after midnight, office time (``domain.sessions``). ``no_citizen`` marks a
    held session at which nobody came (01/TCD ghi chú)."""

    __tablename__ = "reception_session"
    __table_args__ = (Index("ix_reception_session_day", "day", "start_minute"),)
    uid: str = Field(max_length=36, unique=True)
    status: str = Field(max_length=20)  # planned | held | cancelled
    day: date
    start_minute: int
    end_minute: int
    place: str = Field(default="", max_length=500)
    leader_staff_id: int = Field(foreign_key="staff.id")
    leader_role: str = Field(max_length=20)  # chair | vice_chair | delegate
    delegation_note: str = Field(default="", max_length=500)  # the ủy quyền paper
    matters: str = ""  # the matters expected (posted with the schedule)
    published_on: date | None = None
    no_citizen: bool = False
    outcome_note: str = ""
    cancel_reason: str = ""


class ReceptionSessionMember(Keyed, table=True):
    """A participant of a session: an officer of the commune or an invited body."""

    __tablename__ = "reception_session_member"
    session_id: int = Field(foreign_key="reception_session.id", index=True)
    position: int
    kind: str = Field(max_length=20)  # staff | body
    staff_id: int | None = Field(default=None, foreign_key="staff.id")
    name: str = Field(max_length=300)
    role_note: str = Field(default="", max_length=300)


class SessionConclusion(Keyed, table=True):
    """A Thông báo kết luận việc tiếp công dân: for the session, or for one matter (visit).

    Its instructions to bodies are ``Directive`` rows with ``conclusion_id`` (tracked like the
    chair's directives)."""

    __tablename__ = "session_conclusion"
    __table_args__ = (
        UniqueConstraint("year", "number", name="uq_session_conclusion_number"),
    )
    session_id: int = Field(foreign_key="reception_session.id", index=True)
    year: int
    number: int
    issued_on: date
    visit_id: int | None = Field(default=None, foreign_key="visit.id")
    text: str
    created_at: datetime
    created_by: str = Field(max_length=200)
    version: int = 1


# --- Dialogue on a complaint case (issue 14 item 5; migration 0011) -----------------------------


class DialogueRow(StampedRecord, table=True):
    """A dialogue (đối thoại) on a complaint case: scheduled, then held or cancelled."""

    __tablename__ = "dialogue"
    case_id: int = Field(foreign_key="case_file.id", index=True)
    status: str = Field(max_length=20)
    scheduled_at: datetime
    place: str = Field(max_length=500)
    invited_on: date | None = None  # the day the invitations went out (≥ 5 days before)
    topic: str = ""  # the matters to discuss (nội dung đối thoại)
    held_at: datetime | None = None
    result: str = ""  # kết quả đối thoại: what was agreed, what stays in dispute
    cancel_reason: str = ""


class DialogueParticipantRow(Keyed, table=True):
    """Who takes part in a dialogue, with what they said when it was held."""

    __tablename__ = "dialogue_participant"
    dialogue_id: int = Field(foreign_key="dialogue.id", index=True)
    position: int
    role: str = Field(max_length=20)
    name: str = Field(max_length=200)
    title: str = Field(default="", max_length=300)  # chức vụ, cơ quan / địa chỉ
    opinion: str = ""


class LegacyBatch(Keyed, table=True):
    """One import of an old logbook file (issue 15): what was read, by whom, and what it made.

    Undone as a whole: ``undone_at`` is set and the visits it created are voided (never deleted).
    """

    __tablename__ = "legacy_batch"
    file_name: str = Field(max_length=255)
    file_sha256: str = Field(max_length=64, index=True)
    sheet: str = Field(default="", max_length=255)
    imported_at: datetime
    imported_by: str = Field(max_length=200)
    rows_read: int = 0
    visits_created: int = 0
    citizens_created: int = 0
    rows_skipped: int = 0
    undone_at: datetime | None = None
    undone_by: str = Field(default="", max_length=200)
