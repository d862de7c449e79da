"""Every use case of every facade checks the acting user's right first (issue 10, item 2).

One table names, for each facade method that acts or reads records, the right it needs; each
role × use case is tried on one office: a role without the right is refused with
``access.denied`` naming the right, the role and the roles that have it, and nothing is written;
a role with it gets past the check. A structural test keeps the table complete: a new facade
method must be put in it, or among the reference reads every screen needs.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func
from sqlalchemy import select

from reception_desk.domain.access import PERSON_ONLY
from reception_desk.domain.access import ROLE_PERMISSIONS
from reception_desk.domain.access import AccessDenied
from reception_desk.domain.access import Permission
from reception_desk.domain.access import Principal
from reception_desk.domain.access import Role
from reception_desk.domain.access import anonymous_principal
from reception_desk.domain.calendar import OverrideKind
from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import EventKind
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.deadlines import DeadlineKind
from reception_desk.domain.deadlines import PeriodUnit
from reception_desk.domain.dialogues import DialoguePolicy
from reception_desk.domain.hotspots import IsoWeek
from reception_desk.domain.periods import quarter
from reception_desk.domain.report_forms import ReportForm
from reception_desk.errors import KnownError
from reception_desk.errors import UserError
from reception_desk.i18n import current_language
from reception_desk.i18n import set_language
from reception_desk.printing.dto import Paper
from reception_desk.services.access.rights import permission_of
from reception_desk.services.attachments.desk import AttachmentDesk
from reception_desk.services.cases.desk import CaseDesk
from reception_desk.services.cases.dialogue_dto import HoldDialogue
from reception_desk.services.cases.dialogue_dto import ScheduleDialogue
from reception_desk.services.cases.dto import CaseQuery
from reception_desk.services.cases.dto import CaseReportFacts
from reception_desk.services.cases.dto import EventDraft
from reception_desk.services.cases.dto import LegalFacts
from reception_desk.services.cases.dto import RuleEdit
from reception_desk.services.citizens.desk import CitizenDesk
from reception_desk.services.desk import Desk
from reception_desk.services.documents.codes import DocType
from reception_desk.services.documents.desk import DocumentDesk
from reception_desk.services.documents.dto import AppointmentCommand
from reception_desk.services.documents.dto import RefusalCommand
from reception_desk.services.documents.dto import TransferCommand
from reception_desk.services.hotspots.desk import HotspotDesk
from reception_desk.services.legacy.desk import LegacyDesk
from reception_desk.services.legacy.dto import DryRun
from reception_desk.services.office.backup import Backups
from reception_desk.services.office.dto import StaffRole
from reception_desk.services.reports.desk import ReportDesk
from reception_desk.services.reports.dto import ReportOptions
from reception_desk.services.sessions.desk import SessionDesk
from reception_desk.services.visits.dto import VisitQuery
from reception_desk.storage.models import AuditEntry
from reception_desk.texts import MESSAGES
from reception_desk.texts import message_for
from tests.conftest import Clock
from tests.conftest import make_desk
from tests.conftest import sample_draft
from tests.conftest import sign_in_as

P = Permission


@dataclass
class Office:
    """The records the use cases act on (made by the system, before anyone signs in)."""

    desk: Desk
    folder: Path
    visit_id: int
    other_visit_id: int
    citizen_id: int
    other_citizen_id: int
    case_id: int
    other_case_id: int
    document_id: int
    directive_id: int
    day: date
    #: Each role's account, signed in once (a use case is tried as it: ``desk.act_for``).
    principals: dict[Role, Principal] = field(default_factory=dict)


UseCase = Callable[[Office], Any]


def _backups(o: Office) -> Backups:
    return Backups(o.desk)


#: (facade, method) → the right it needs, and a call of it on the office.
def _session_draft(o: Office) -> Any:
    """A session on a staff member that does not exist: refused past the rights check."""
    from reception_desk.services.sessions.dto import SessionDraft

    return SessionDraft(o.day + timedelta(days=400), 450, 690, 10**6, place="")


def _empty_run() -> DryRun:
    """A dry run of an old logbook with no row (what a refused call would have been given)."""
    return DryRun("so-cu.xlsx", "0" * 64, "Sổ", ["Sổ"], None, {}, [])


USE_CASES: dict[tuple[str, str], tuple[Permission, UseCase]] = {
    # --- the logbook (Desk) ------------------------------------------------------------------
    ("desk", "save_office"): (P.MANAGE_SETTINGS, lambda o: o.desk.save_office(o.desk.office())),
    ("desk", "save_staff"): (P.MANAGE_SETTINGS, lambda o: o.desk.save_staff(
        "Lê Văn Mới", "Công chức", StaffRole.CLERK)),
    ("desk", "save_field"): (P.MANAGE_SETTINGS, lambda o: o.desk.save_field(o.desk.fields()[0])),
    ("desk", "log_visit"): (P.LOG_VISITS, lambda o: o.desk.log_visit(sample_draft(o.desk))),
    ("desk", "visit_saved"): (P.VIEW_RECORDS, lambda o: o.desk.visit_saved("no-such-uid")),
    ("desk", "update_visit"): (P.EDIT_VISITS, lambda o: o.desk.update_visit(
        o.visit_id, sample_draft(o.desk), 0)),
    ("desk", "void_visit"): (P.EDIT_VISITS, lambda o: o.desk.void_visit(
        o.other_visit_id, "Ghi trùng lượt tiếp, hủy theo yêu cầu")),
    ("desk", "visit"): (P.VIEW_RECORDS, lambda o: o.desk.visit(o.visit_id)),
    ("desk", "count_visits"): (P.VIEW_RECORDS, lambda o: o.desk.count_visits(VisitQuery())),
    ("desk", "visit_page"): (P.VIEW_RECORDS, lambda o: o.desk.visit_page(VisitQuery(), 0, 5)),
    ("desk", "export_logbook"): (P.EXPORT_DATA, lambda o: o.desk.export_logbook(
        o.folder / "export.jsonl")),
    ("desk", "import_logbook"): (P.IMPORT_DATA, lambda o: o.desk.import_logbook(
        o.folder / "missing.jsonl")),
    # --- cases ---------------------------------------------------------------------------------
    ("cases", "open_case"): (P.MANAGE_CASES, lambda o: o.desk.cases.open_from_visit(o.visit_id)),
    ("cases", "open_from_visit"): (P.MANAGE_CASES, lambda o: o.desk.cases.open_from_visit(
        o.visit_id, CaseType.PETITION)),
    ("cases", "record_event"): (P.MANAGE_CASES, lambda o: o.desk.cases.record_event(
        EventDraft(10**6, EventKind.VERIFY, note="Không có vụ việc này"))),
    ("cases", "link"): (P.MANAGE_CASES, lambda o: o.desk.cases.link(
        o.case_id, o.other_case_id, None)),
    ("cases", "add_complainant"): (P.MANAGE_CASES, lambda o: o.desk.cases.add_complainant(
        o.case_id, o.other_citizen_id)),
    ("cases", "remove_complainant"): (P.MANAGE_CASES, lambda o: o.desk.cases.remove_complainant(
        o.case_id, o.other_citizen_id)),
    ("cases", "set_complexity"): (P.MANAGE_CASES, lambda o: o.desk.cases.set_complexity(
        o.case_id, [])),
    ("cases", "set_remote"): (P.MANAGE_CASES, lambda o: o.desk.cases.set_remote(o.case_id, True)),
    ("cases", "set_report_facts"): (P.MANAGE_CASES, lambda o: o.desk.cases.set_report_facts(
        o.case_id, CaseReportFacts(eligible=False))),
    ("cases", "set_legal_facts"): (P.MANAGE_CASES, lambda o: o.desk.cases.set_legal_facts(
        LegalFacts(o.case_id))),
    ("cases", "case"): (P.VIEW_RECORDS, lambda o: o.desk.cases.case(o.case_id)),
    ("cases", "case_row"): (P.VIEW_RECORDS, lambda o: o.desk.cases.case_row(o.case_id)),
    ("cases", "count"): (P.VIEW_RECORDS, lambda o: o.desk.cases.count(CaseQuery())),
    ("cases", "page"): (P.VIEW_RECORDS, lambda o: o.desk.cases.page(CaseQuery(), 0, 5)),
    ("cases", "open_statuses"): (P.VIEW_RECORDS, lambda o: o.desk.cases.open_statuses()),
    ("cases", "status_counts"): (P.VIEW_RECORDS, lambda o: o.desk.cases.status_counts()),
    ("cases", "set_override"): (P.MANAGE_SETTINGS, lambda o: o.desk.cases.set_override(
        o.day + timedelta(days=30), OverrideKind.DAY_OFF, "Nghỉ bù")),
    ("cases", "remove_override"): (P.MANAGE_SETTINGS, lambda o: o.desk.cases.remove_override(
        o.day + timedelta(days=30))),
    ("cases", "save_rule"): (P.MANAGE_SETTINGS, lambda o: o.desk.cases.save_rule(
        RuleEdit(DeadlineKind.COMPLAINT_1, o.day, -1, PeriodUnit.WORKING_DAYS))),
    ("cases", "reset_rule"): (P.MANAGE_SETTINGS, lambda o: o.desk.cases.reset_rule(
        DeadlineKind.COMPLAINT_1, o.day)),
    # --- dialogues on complaint cases (issue 14) -------------------------------------------------
    ("cases", "schedule_dialogue"): (P.MANAGE_CASES, lambda o: o.desk.cases.schedule_dialogue(
        ScheduleDialogue(o.case_id, datetime(2030, 1, 7, 8, tzinfo=UTC), "Hội trường", ()))),
    ("cases", "hold_dialogue"): (P.MANAGE_CASES, lambda o: o.desk.cases.hold_dialogue(
        HoldDialogue(999_999, datetime(2030, 1, 7, 9, tzinfo=UTC), (), "Thống nhất"))),
    ("cases", "cancel_dialogue"): (P.MANAGE_CASES, lambda o: o.desk.cases.cancel_dialogue(
        999_999, "Hoãn")),
    ("cases", "dialogue"): (P.VIEW_RECORDS, lambda o: o.desk.cases.dialogue(999_999)),
    ("cases", "set_verification_differs"): (P.MANAGE_CASES,
                                            lambda o: o.desk.cases.set_verification_differs(
                                                o.case_id, None)),
    ("cases", "dialogue_policy"): (P.VIEW_RECORDS, lambda o: o.desk.cases.dialogue_policy()),
    ("cases", "save_dialogue_policy"): (P.MANAGE_SETTINGS,
                                        lambda o: o.desk.cases.save_dialogue_policy(
                                            DialoguePolicy())),
    ("documents", "visit_minutes"): (P.ISSUE_DOCUMENTS, lambda o: o.desk.documents.visit_minutes(
        o.visit_id)),
    ("documents", "dialogue_minutes"): (P.ISSUE_DOCUMENTS,
                                        lambda o: o.desk.documents.dialogue_minutes(999_999)),
    # --- citizens ------------------------------------------------------------------------------
    ("citizens", "search"): (P.VIEW_RECORDS, lambda o: o.desk.citizens.search("Nguyễn")),
    ("citizens", "by_id_number"): (P.VIEW_RECORDS, lambda o: o.desk.citizens.by_id_number(
        "037085001234")),
    ("citizens", "get"): (P.VIEW_RECORDS, lambda o: o.desk.citizens.get(o.citizen_id)),
    ("citizens", "visits"): (P.VIEW_RECORDS, lambda o: o.desk.citizens.visits(o.citizen_id)),
    ("citizens", "repeats"): (P.VIEW_RECORDS, lambda o: o.desk.citizens.repeats(
        sample_draft(o.desk))),
    ("citizens", "case_visit_counts"): (P.VIEW_RECORDS, lambda o: o.desk.citizens
                                        .case_visit_counts([o.case_id])),
    ("citizens", "merge"): (P.MERGE_CITIZENS, lambda o: o.desk.citizens.merge(
        o.citizen_id, o.citizen_id)),
    ("citizens", "global_search"): (P.VIEW_RECORDS, lambda o: o.desk.citizens.global_search(
        "Nguyễn")),
    # --- documents -----------------------------------------------------------------------------
    ("documents", "issue_receipt"): (P.ISSUE_DOCUMENTS, lambda o: o.desk.documents.issue_receipt(
        o.visit_id)),
    ("documents", "issue_refusal"): (P.ISSUE_DOCUMENTS, lambda o: o.desk.documents
                                     .issue_refusal(RefusalCommand(10**6, "Không thụ lý"))),
    ("documents", "issue_appointment"): (P.ISSUE_DOCUMENTS, lambda o: o.desk.documents
                                         .issue_appointment(AppointmentCommand(
                                             10**6, o.desk.now() + timedelta(days=3)))),
    ("documents", "issue_transfer"): (P.ISSUE_DOCUMENTS, lambda o: o.desk.documents
                                      .issue_transfer(TransferCommand(10**6))),
    ("documents", "defaults"): (P.ISSUE_DOCUMENTS, lambda o: o.desk.documents.defaults(
        o.visit_id)),
    ("documents", "reprint"): (P.ISSUE_DOCUMENTS, lambda o: o.desk.documents.reprint(
        o.document_id)),
    ("documents", "render"): (P.ISSUE_DOCUMENTS, lambda o: o.desk.documents.render(
        o.document_id, Paper.A5, True)),
    ("documents", "document"): (P.VIEW_RECORDS, lambda o: o.desk.documents.document(
        o.document_id)),
    ("documents", "for_visit"): (P.VIEW_RECORDS, lambda o: o.desk.documents.for_visit(
        o.visit_id)),
    ("documents", "latest_for_visit"): (P.VIEW_RECORDS, lambda o: o.desk.documents
                                        .latest_for_visit(o.visit_id, DocType.RECEIPT)),
    ("documents", "find"): (P.VIEW_RECORDS, lambda o: o.desk.documents.find(
        DocType.RECEIPT, 1, o.day.year)),
    ("documents", "visit_id"): (P.VIEW_RECORDS, lambda o: o.desk.documents.visit_id(
        str(o.visit_id))),
    ("documents", "logbook"): (P.PRINT_LOGBOOK, lambda o: o.desk.documents.logbook(
        o.day, o.day)),
    ("documents", "set_logbook_layout"): (P.MANAGE_SETTINGS, lambda o: o.desk.documents
                                          .set_logbook_layout("auto")),
    # --- hotspots and directives ---------------------------------------------------------------
    ("hotspots", "weekly"): (P.VIEW_HOTSPOTS, lambda o: o.desk.hotspots.weekly()),
    ("hotspots", "trend"): (P.VIEW_HOTSPOTS, lambda o: o.desk.hotspots.trend(2)),
    ("hotspots", "overdue"): (P.VIEW_HOTSPOTS, lambda o: o.desk.hotspots.overdue()),
    ("hotspots", "due_between"): (P.VIEW_HOTSPOTS, lambda o: o.desk.hotspots.due_between(
        o.day, o.day + timedelta(days=7))),
    ("hotspots", "crowd_visits"): (P.VIEW_HOTSPOTS, lambda o: o.desk.hotspots.crowd_visits()),
    ("hotspots", "pack"): (P.VIEW_HOTSPOTS, lambda o: o.desk.hotspots.pack()),
    ("hotspots", "render_pack"): (P.VIEW_HOTSPOTS, lambda o: o.desk.hotspots.render_pack(
        IsoWeek.of(o.day))),
    ("hotspots", "save_policy"): (P.MANAGE_SETTINGS, lambda o: o.desk.hotspots.save_policy(
        o.desk.hotspots.policy())),
    ("hotspots", "directives"): (P.VIEW_RECORDS, lambda o: o.desk.hotspots.directives()),
    ("hotspots", "record_directive"): (P.GIVE_DIRECTIVES, lambda o: o.desk.hotspots
                                       .record_directive(o.case_id, "Giải quyết dứt điểm",
                                                         None, None)),
    ("hotspots", "acknowledge_directive"): (P.MANAGE_CASES, lambda o: o.desk.hotspots
                                            .acknowledge_directive(o.directive_id)),
    ("hotspots", "complete_directive"): (P.MANAGE_CASES, lambda o: o.desk.hotspots
                                         .complete_directive(o.directive_id)),
    # --- backup and restore --------------------------------------------------------------------
    ("backups", "save_policy"): (P.BACKUP_RESTORE, lambda o: _backups(o).save_policy(
        _backups(o).policy())),
    ("backups", "back_up_now"): (P.BACKUP_RESTORE, lambda o: _backups(o).back_up_now(
        o.folder / "no-such-folder")),
    ("backups", "back_up_to"): (P.BACKUP_RESTORE, lambda o: _backups(o).back_up_to(
        o.folder / "no-such-folder" / "x.rdbackup")),
    ("backups", "list_backups"): (P.BACKUP_RESTORE, lambda o: _backups(o).list_backups(
        o.folder)),
    ("backups", "describe"): (P.BACKUP_RESTORE, lambda o: _backups(o).describe(
        o.folder / "missing.rdbackup")),
    ("backups", "verify"): (P.BACKUP_RESTORE, lambda o: _backups(o).verify(
        o.folder / "missing.rdbackup")),
    ("backups", "restore"): (P.BACKUP_RESTORE, lambda o: _backups(o).restore(
        o.folder / "missing.rdbackup")),
    # --- attached files (a denunciation's are confidential on top: tests/services/test_attachments)
    ("attachments", "save_settings"): (P.MANAGE_SETTINGS, lambda o: o.desk.attachments
                                       .save_settings(o.desk.attachments.settings())),
    ("attachments", "add_to_visit"): (P.LOG_VISITS, lambda o: o.desk.attachments.add_to_visit(
        o.visit_id, o.folder / "missing.pdf")),
    ("attachments", "add_to_case"): (P.MANAGE_CASES, lambda o: o.desk.attachments.add_to_case(
        o.case_id, o.folder / "missing.pdf")),
    ("attachments", "for_visit"): (P.VIEW_RECORDS, lambda o: o.desk.attachments.for_visit(
        o.visit_id)),
    ("attachments", "for_case"): (P.VIEW_RECORDS, lambda o: o.desk.attachments.for_case(
        o.case_id)),
    ("attachments", "get"): (P.VIEW_RECORDS, lambda o: o.desk.attachments.get(10**6)),
    ("attachments", "open"): (P.VIEW_RECORDS, lambda o: o.desk.attachments.open(
        10**6, folder=o.folder)),
    ("attachments", "read_bytes"): (P.VIEW_RECORDS, lambda o: o.desk.attachments.read_bytes(
        10**6)),
    # --- statutory reports: the counts are aggregate (no account needed), the records behind
    # a count are records.
    ("reports", "save_options"): (P.MANAGE_SETTINGS, lambda o: o.desk.reports.save_options(
        ReportOptions(("Thanh tra tỉnh",), 18))),
    ("reports", "drill"): (P.VIEW_RECORDS, lambda o: o.desk.reports.drill(
        ReportForm.TCD_01, quarter(o.day.year, 1), 1)),
    # --- the head's reception sessions (issue 14) ----------------------------------------------
    ("sessions", "sessions"): (P.VIEW_RECORDS, lambda o: o.desk.sessions.sessions(o.day, o.day)),
    ("sessions", "session"): (P.VIEW_RECORDS, lambda o: o.desk.sessions.session(10**6)),
    ("sessions", "visits"): (P.VIEW_RECORDS, lambda o: o.desk.sessions.visits(10**6)),
    ("sessions", "schedule"): (P.VIEW_RECORDS, lambda o: o.desk.sessions.schedule(o.day, o.day)),
    ("sessions", "duty"): (P.VIEW_RECORDS, lambda o: o.desk.sessions.duty(o.day, o.day)),
    ("sessions", "save_duty_rules"): (P.MANAGE_SETTINGS, lambda o: o.desk.sessions
                                      .save_duty_rules((), 0)),
    ("sessions", "plan"): (P.LOG_VISITS, lambda o: o.desk.sessions.plan(_session_draft(o))),
    ("sessions", "update"): (P.LOG_VISITS, lambda o: o.desk.sessions.update(
        10**6, _session_draft(o), 999)),
    ("sessions", "publish"): (P.ISSUE_DOCUMENTS, lambda o: o.desk.sessions.publish(
        o.day + timedelta(days=400), o.day + timedelta(days=400))),
    ("sessions", "hold"): (P.LOG_VISITS, lambda o: o.desk.sessions.hold(10**6, 999)),
    ("sessions", "cancel"): (P.LOG_VISITS, lambda o: o.desk.sessions.cancel(10**6, 999, "")),
    ("sessions", "record_conclusion"): (P.GIVE_DIRECTIVES, lambda o: o.desk.sessions
                                        .record_conclusion(10**6, "")),
    ("sessions", "render_schedule"): (P.ISSUE_DOCUMENTS, lambda o: o.desk.sessions
                                      .render_schedule(o.day, o.day)),
    ("sessions", "render_conclusion"): (P.ISSUE_DOCUMENTS, lambda o: o.desk.sessions
                                        .render_conclusion(10**6)),
    ("sessions", "render_empty_minutes"): (P.ISSUE_DOCUMENTS, lambda o: o.desk.sessions
                                           .render_empty_minutes(10**6)),
    # --- old logbooks (issue 15): reading a file of identities and writing visits from it
    ("legacy", "sheets"): (P.IMPORT_DATA, lambda o: o.desk.legacy.sheets(
        o.folder / "missing.xlsx")),
    ("legacy", "first_row"): (P.IMPORT_DATA, lambda o: o.desk.legacy.first_row(
        o.folder / "missing.xlsx")),
    ("legacy", "dry_run"): (P.IMPORT_DATA, lambda o: o.desk.legacy.dry_run(
        o.folder / "missing.xlsx")),
    ("legacy", "import_rows"): (P.IMPORT_DATA, lambda o: o.desk.legacy.import_rows(
        _empty_run())),
    ("legacy", "undo"): (P.IMPORT_DATA, lambda o: o.desk.legacy.undo(10**6)),
    ("legacy", "batches"): (P.IMPORT_DATA, lambda o: o.desk.legacy.batches()),
    ("legacy", "write_rejected"): (P.IMPORT_DATA, lambda o: o.desk.legacy.write_rejected(
        o.folder / "rejected.csv", _empty_run(), str, ("Dòng", "Vấn đề"))),
    ("legacy", "save_mapping"): (P.IMPORT_DATA, lambda o: o.desk.legacy.save_mapping(
        o.folder / "no-such-folder" / "m.json", {})),
    ("legacy", "load_mapping"): (P.IMPORT_DATA, lambda o: o.desk.legacy.load_mapping(
        o.folder / "missing.json")),
}

FACADES: dict[str, type] = {"desk": Desk, "cases": CaseDesk, "citizens": CitizenDesk,
                            "documents": DocumentDesk, "hotspots": HotspotDesk,
                            "backups": Backups, "attachments": AttachmentDesk,
                            "reports": ReportDesk, "sessions": SessionDesk,
                            "legacy": LegacyDesk}

#: Public facade methods no right guards, and why. Everything else must be in USE_CASES.
OPEN: dict[str, set[str]] = {
    # The acting user, the clock, the database shown: not use cases.
    "desk": {"act_as", "act_for", "now", "today", "close", "tell_waits", "setting_version",
             # Reference data every screen needs (no citizen in it).
             "is_set_up", "office", "suggested_profile", "staff", "crowd_threshold", "fields",
             # The audit chain head's short code (printed on the weekly pack for anyone to
             # keep) and whether an earlier code is in the chain: hashes, no record in them.
             "chain_head", "find_chain_code"},
    "cases": {"today", "document_required", "calendar", "rules", "deadline", "overrides",
              "rule_views"},
    # The official old→new commune table: reference data, no record in it.
    "citizens": {"old_address"},
    # verify: anyone may ask whether a printed code is genuine (the name only with the right).
    "documents": {"verify", "logbook_layout_setting", "layout_for"},
    "hotspots": {"today", "current_week", "policy"},
    # The daily copy is the system's duty whoever is signed in; the rest are plain helpers.
    # policy_version: the policy setting's version, for a compare-and-set save.
    "backups": {"policy", "policy_version", "automatic_folder", "suggested_file_name",
                "automatic_backup", "daily_backup_due", "holds_data"},
    # The office's size limit and scanner folder; the scanner folder's file names (not records);
    # void checks inside (edit visits for a visit's file, manage cases for a case's);
    # removing this desk's temporary copies.
    "attachments": {"settings", "newest_scans", "void", "forget_exports"},
    # Counts of a statutory form: aggregate, no person in them (LEGAL.md §8.1); options: the
    # recipients and submission day printed on every report.
    "reports": {"compute", "document", "render_xlsx", "render_pdf", "options", "trend"},
    # The duty figures: reference data (the law's, or the office's edits), no record in them.
    "sessions": {"today", "duty_rules"},
    "legacy": set(),
}


def _public_methods(cls: type) -> set[str]:
    return {name for name, member in inspect.getmembers(cls, inspect.isfunction)
            if not name.startswith("_")}


def test_every_facade_method_is_guarded_or_named_open():
    for facade, cls in FACADES.items():
        guarded = {name for name in _public_methods(cls)
                   if permission_of(getattr(cls, name)) is not None}
        tabled = {name for (f, name) in USE_CASES if f == facade}
        assert guarded == tabled, (facade, guarded ^ tabled)
        assert _public_methods(cls) - guarded == OPEN[facade], facade
        for name in guarded:
            assert permission_of(getattr(cls, name)) is USE_CASES[facade, name][0], name


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Office:
    folder = tmp_path_factory.mktemp("rights")
    desk = make_desk(f"sqlite:///{folder / 'office.sqlite3'}", Clock())
    # The system (nobody signed in) sets the office up: allowed everything a right guards.
    visit, _ = desk.log_visit(sample_draft(desk))
    other, _ = desk.log_visit(sample_draft(desk, citizen_name="Trần Văn Bình",
                                           id_number="037085002222",
                                           petition_type=PetitionType.COMPLAINT,
                                           field_code=None))
    case, _ = desk.cases.open_from_visit(visit.id)
    other_case, _ = desk.cases.open_from_visit(other.id)
    printed, _ = desk.documents.issue_receipt(visit.id)
    directive, _ = desk.hotspots.record_directive(case.id, "Kiểm tra, báo cáo", None, None)
    # The accounts, made by the administrator and signed in once each: the table acts as them
    # by ``desk.act_for`` instead of checking a password 480 times.
    principals = {role: sign_in_as(desk, role) for role in Role}
    return Office(desk, folder, visit.id, other.id, visit.citizen_id, other.citizen_id,
                  case.id, other_case.id, printed.document.id, directive.id,
                  desk.today(), principals)


def _audit_rows(desk: Desk) -> int:
    with desk.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
@pytest.mark.parametrize("use_case", list(USE_CASES), ids=lambda k: f"{k[0]}.{k[1]}")
def test_each_role_may_do_what_its_rights_allow_and_nothing_else(office, role, use_case):
    permission, call = USE_CASES[use_case]
    principal = office.principals[role]
    office.desk.act_for(principal)
    allowed = permission in ROLE_PERMISSIONS[role]
    assert office.desk.access.can(permission) is allowed
    before = _audit_rows(office.desk)
    try:
        call(office)
    except AccessDenied as refusal:
        assert not allowed, f"{role.value} was refused {use_case}: {refusal}"
        assert refusal.code == "access.denied"
        assert refusal.params["permission"] == permission.value
        assert refusal.params["role"] == role.value
        assert role.value not in refusal.params["allowed_roles"].split(",")
        assert _audit_rows(office.desk) == before  # refused before anything was written
        assert office.desk.actor.principal == principal
        return
    except (UserError, KnownError) as exc:
        # Past the check, the use case ran and refused its arguments (a missing record or
        # file, a number already used …): a known sentence, never a rights code. Anything
        # else (a TypeError of a test's bad call) fails: it would prove nothing.
        assert allowed, f"{role.value} was let through {use_case} without {permission.value}"
        assert not exc.code.startswith(("access.", "secrecy.")), (use_case, exc.code)
        assert exc.code in MESSAGES, (use_case, exc.code)
        return
    assert allowed, f"{role.value} was let through {use_case} without {permission.value}"


def test_the_system_may_do_everything_but_a_persons_acts(office):
    office.desk.access.sign_out()
    assert office.desk.actor.principal is None
    for permission in Permission:
        assert office.desk.access.can(permission) is (permission not in PERSON_ONLY)
    assert office.desk.count_visits(VisitQuery()) >= 2
    assert office.desk.citizens.get(office.citizen_id).id == office.citizen_id


def test_the_anonymous_principal_of_a_command_line_is_refused_every_guarded_use_case(office):
    office.desk.act_for(anonymous_principal("command line"))
    try:
        for (facade, name), (permission, call) in USE_CASES.items():
            with pytest.raises(AccessDenied) as info:
                call(office)
            assert info.value.code == "access.not_signed_in", (facade, name)
            assert info.value.params["permission"] == permission.value
        # What a command without --user may still do: the office calendar, a receipt's code.
        assert office.desk.cases.calendar() is not None
        printed = office.desk.documents.verify("NO-SUCH-CODE")
        assert not printed.genuine
    finally:
        office.desk.act_for(None)


def test_a_refusal_names_the_missing_right_and_who_has_it_in_vietnamese(office):
    was = current_language()
    set_language("vi")
    try:
        sign_in_as(office.desk, Role.INSPECTOR)
        with pytest.raises(AccessDenied) as info:
            office.desk.log_visit(sample_draft(office.desk))
        text = message_for(info.value)
        assert "(Thanh tra, kiểm tra (chỉ xem))" in text and "“ghi sổ tiếp công dân”" in text
        assert "Các vai trò có quyền này: Công chức tiếp công dân, Chủ tịch, Phó Chủ tịch" in text
        assert message_for(office.desk.access.refusal(P.LOG_VISITS)) == text
        assert office.desk.access.refusal(P.VIEW_RECORDS) is None
    finally:
        set_language(was)


def test_a_role_taken_away_counts_at_once(office):
    """The check re-reads the account: an administrator's change applies to the next call."""
    from reception_desk.services.access.dto import UserEdit

    clerk = sign_in_as(office.desk, Role.RECEIVING_CLERK)
    sign_in_as(office.desk, Role.ADMINISTRATOR)
    account = next(u for u in office.desk.access.users() if u.id == clerk.user_id)
    office.desk.act_for(clerk)  # the clerk's window, still open at the counter
    assert office.desk.count_visits(VisitQuery()) >= 2
    admin = sign_in_as(office.desk, Role.ADMINISTRATOR)
    office.desk.access.update_user(UserEdit(account.id, account.display_name, Role.INSPECTOR,
                                            account.staff_id, True))
    office.desk.act_for(clerk)
    try:
        with pytest.raises(AccessDenied) as info:
            office.desk.log_visit(sample_draft(office.desk))
        assert info.value.params["role"] == Role.INSPECTOR.value
    finally:
        office.desk.act_for(admin)
        office.desk.access.update_user(UserEdit(account.id, account.display_name,
                                                Role.RECEIVING_CLERK, account.staff_id, True))


def test_verify_gives_the_citizens_name_only_to_who_may_see_records(office):
    code = office.desk.documents.document(office.document_id).display_code
    sign_in_as(office.desk, Role.INSPECTOR)
    assert office.desk.documents.verify(code).document.citizen_name
    office.desk.act_for(anonymous_principal("command line"))
    try:
        found = office.desk.documents.verify(code)
        assert found.genuine and found.document.citizen_name == ""
    finally:
        office.desk.act_for(None)
