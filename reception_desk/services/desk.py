"""The facade the UI talks to: each method is one unit of work returning plain data.

The UI never sees a session or an ORM object; it holds a ``Desk`` built by the composition root.
``Desk`` itself carries the office set-up, the logbook and the exchange use cases; each other
feature has its own facade (``desk.cases``, ``desk.citizens``, ``desk.documents``,
``desk.hotspots``, ``desk.access``: sign-in, accounts, secrecy; ``desk.attachments``), built
on first use from this desk as a ``context.DeskContext``.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import UTC
from datetime import date
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from reception_desk.domain.access import Permission
from reception_desk.domain.access import Principal
from reception_desk.domain.dates import office_day
from reception_desk.domain.visits import VisitDraft
from reception_desk.errors import UserError
from reception_desk.errors import file_error
from reception_desk.services.access.rights import needs
from reception_desk.services.context import Actor
from reception_desk.services.context import Changes
from reception_desk.services.context import actor_for
from reception_desk.services.office import rules as office_rules
from reception_desk.services.office import setup as office_service
from reception_desk.services.office.dto import FieldCategoryDTO
from reception_desk.services.office.dto import OfficeProfile
from reception_desk.services.office.dto import StaffDTO
from reception_desk.services.office.dto import StaffRole
from reception_desk.services.visits import reading as visit_reading
from reception_desk.services.visits import saving as visit_saving
from reception_desk.services.visits.dto import VisitDetail
from reception_desk.services.visits.dto import VisitQuery
from reception_desk.services.visits.dto import VisitRow
from reception_desk.storage.database import Database

if TYPE_CHECKING:
    from argon2 import PasswordHasher

    from reception_desk.services.access.desk import AccessDesk
    from reception_desk.services.attachments.desk import AttachmentDesk
    from reception_desk.services.cases.desk import CaseDesk
    from reception_desk.services.citizens.desk import CitizenDesk
    from reception_desk.services.documents.desk import DocumentDesk
    from reception_desk.services.exchange.jsonl import ImportReport
    from reception_desk.services.hotspots.desk import HotspotDesk
    from reception_desk.services.legacy.desk import LegacyDesk
    from reception_desk.services.reports.desk import ReportDesk
    from reception_desk.services.sessions.desk import SessionDesk


def utc_now() -> datetime:
    return datetime.now(UTC)


class Desk:
    """Use cases bound to one open database, a clock and the acting staff member."""

    def __init__(self, db: Database, clock: Callable[[], datetime] = utc_now,
                 hasher: PasswordHasher | None = None) -> None:
        self.db = db
        self._clock = clock
        self._hasher = hasher  # for desk.access (None: argon2id at the office's parameters)
        self.actor = Actor("system")

    # --- context ---------------------------------------------------------------------------
    def now(self) -> datetime:
        return self._clock()

    def today(self) -> date:
        """The office's calendar day by the desk's clock."""
        return office_day(self.now())

    def act_as(self, staff: StaffDTO | None, fallback: str = "system") -> None:
        """The staff member chosen at the counter acts (a signed-in account takes precedence)."""
        if self.actor.principal is not None:
            return
        self.actor = Actor(staff.full_name, staff.id) if staff else Actor(fallback)

    def act_for(self, principal: Principal | None) -> None:
        """The signed-in account acts from now on (``desk.access`` calls this)."""
        self.actor = actor_for(principal)

    @property
    def rights_context(self) -> Desk:
        """This desk: ``@needs`` checks its acting user."""
        return self

    @property
    def backend(self) -> str:
        return self.db.backend

    @property
    def location(self) -> str:
        """The database shown to the user (password hidden)."""
        return self.db.engine.url.render_as_string(hide_password=True)

    # --- feature facades (each takes this Desk: its database, clock and actor) ---------------
    @cached_property
    def access(self) -> AccessDesk:
        from reception_desk.services.access.desk import AccessDesk

        return AccessDesk(self, self._hasher)

    @cached_property
    def attachments(self) -> AttachmentDesk:
        from reception_desk.services.attachments.desk import AttachmentDesk

        return AttachmentDesk(self)

    @cached_property
    def cases(self) -> CaseDesk:
        from reception_desk.services.cases.desk import CaseDesk

        return CaseDesk(self)

    @cached_property
    def citizens(self) -> CitizenDesk:
        from reception_desk.services.citizens.desk import CitizenDesk

        return CitizenDesk(self)

    @cached_property
    def documents(self) -> DocumentDesk:
        from reception_desk.services.documents.desk import DocumentDesk

        return DocumentDesk(self)

    @cached_property
    def hotspots(self) -> HotspotDesk:
        from reception_desk.services.hotspots.desk import HotspotDesk

        return HotspotDesk(self)

    @cached_property
    def legacy(self) -> LegacyDesk:
        from reception_desk.services.legacy.desk import LegacyDesk

        return LegacyDesk(self)

    @cached_property
    def reports(self) -> ReportDesk:
        from reception_desk.services.reports.desk import ReportDesk

        return ReportDesk(self)

    @cached_property
    def sessions(self) -> SessionDesk:
        """The head's reception sessions, conclusions and the chair's duty (issue 14)."""
        from reception_desk.services.sessions.desk import SessionDesk

        return SessionDesk(self)

    # --- office ----------------------------------------------------------------------------
    def is_set_up(self) -> bool:
        with self.db.read() as s:
            return office_service.is_set_up(s)

    def office(self) -> OfficeProfile | None:
        with self.db.read() as s:
            return office_service.get_office(s)

    def suggested_profile(self, province_code: int, commune_code: int) -> OfficeProfile:
        return office_service.suggested_profile(province_code, commune_code)

    @needs(Permission.MANAGE_SETTINGS)
    def save_office(self, profile: OfficeProfile, expected_version: int | None = None
                    ) -> tuple[OfficeProfile, Changes]:
        with self.db.session() as s:
            return office_service.save_office(s, profile, self.actor, self.now(),
                                              expected_version)

    def tell_waits(self, callback: Callable[[bool], None] | None) -> None:
        """``callback(True)`` when a save must wait for another counter's write (SQLite), and
        ``callback(False)`` when it goes on; in the saving thread (None: tell nobody)."""
        self.db.waiting.callback = callback

    def setting_version(self, key: str) -> int:
        """The version of office setting ``key`` (0: never saved), for a compare-and-set save.
        Read it BEFORE the value it guards: a change in between is then refused, not lost."""
        with self.db.read() as s:
            return office_service.setting_version(s, key)

    def staff(self, include_inactive: bool = False) -> list[StaffDTO]:
        with self.db.read() as s:
            return office_service.list_staff(s, include_inactive)

    @needs(Permission.MANAGE_SETTINGS)
    def save_staff(
        self,
        full_name: str,
        position: str,
        role: StaffRole,
        staff_id: int | None = None,
        active: bool = True,
        expected_version: int | None = None,
    ) -> tuple[StaffDTO, Changes]:
        """``expected_version``: the member's version the screen read (``StaffDTO.version``);
        another counter's save of the row since is refused (``staff.changed_elsewhere``)."""
        with self.db.session() as s:
            return office_service.save_staff(
                s, full_name=full_name, position=position, role=role, actor=self.actor,
                now=self.now(), staff_id=staff_id, active=active,
                expected_version=expected_version,
            )

    def crowd_threshold(self) -> int:
        """The office's "đoàn đông người" size, as saving a visit checks it."""
        with self.db.read() as s:
            return office_rules.crowd_threshold(s)

    def fields(self, include_inactive: bool = False) -> list[FieldCategoryDTO]:
        with self.db.read() as s:
            return office_service.list_fields(s, include_inactive)

    @needs(Permission.MANAGE_SETTINGS)
    def save_field(self, dto: FieldCategoryDTO) -> Changes:
        """Compare-and-set on ``dto.version`` (as listed by ``fields``; 0 for a new entry):
        another counter's save since is refused (``field.changed_elsewhere``)."""
        with self.db.session() as s:
            return office_service.save_field(s, dto, self.actor, self.now())

    # --- visits ----------------------------------------------------------------------------
    @needs(Permission.LOG_VISITS)
    def log_visit(self, draft: VisitDraft, uid: str | None = None
                  ) -> tuple[VisitDetail, Changes]:
        with self.db.session() as s:
            detail, changes = visit_saving.log_visit(s, draft, self.actor, self.now(), uid)
            return visit_reading.mask_detail(s, self.actor.principal, detail, new=True), changes

    @needs(Permission.VIEW_RECORDS)
    def visit_saved(self, uid: str) -> bool:
        """A visit was saved under ``uid`` (the uid an autosaved draft was promised)."""
        with self.db.read() as s:
            return visit_reading.is_saved(s, uid)

    @needs(Permission.EDIT_VISITS)
    def update_visit(
        self, visit_id: int, draft: VisitDraft, expected_version: int
    ) -> tuple[VisitDetail, Changes]:
        with self.db.session() as s:
            draft = visit_reading.keep_masked_values(s, self.actor.principal, visit_id, draft)
            detail, changes = visit_saving.update_visit(
                s, visit_id, draft, expected_version, self.actor, self.now()
            )
            return visit_reading.mask_detail(s, self.actor.principal, detail), changes

    @needs(Permission.EDIT_VISITS)
    def void_visit(self, visit_id: int, reason: str) -> tuple[VisitDetail, Changes]:
        with self.db.session() as s:
            detail, changes = visit_saving.void_visit(s, visit_id, reason, self.actor,
                                                      self.now())
            return visit_reading.mask_detail(s, self.actor.principal, detail), changes

    @needs(Permission.VIEW_RECORDS)
    def visit(self, visit_id: int) -> VisitDetail:
        """One visit as the signed-in user may see it (identities masked by their rights)."""
        with self.db.read() as s:
            return visit_reading.shown_visit(s, visit_id, self.actor.principal, self.today())

    @needs(Permission.VIEW_RECORDS)
    def count_visits(self, query: VisitQuery) -> int:
        with self.db.read() as s:
            return visit_reading.count_visits(s, query)

    @needs(Permission.VIEW_RECORDS)
    def visit_page(self, query: VisitQuery, offset: int, limit: int) -> list[VisitRow]:
        with self.db.read() as s:
            return visit_reading.visit_page(s, query, offset, limit, self.actor.principal,
                                            self.today())

    # --- the audit chain's head ---------------------------------------------------------------
    def chain_head(self) -> str:
        """The chain head's short code (``3F2A-91C0-7B4E``; "" before any audited change), as
        the weekly pack prints it."""
        from reception_desk.services.office import integrity

        return integrity.chain_head_code(self.db)

    def find_chain_code(self, code: str) -> int | None:
        """The audit row a code printed earlier stands for; None: not in the chain (rewritten
        since, or mistyped)."""
        from reception_desk.services.office import integrity

        return integrity.find_chain_code(self.db, code)

    # --- exchange and maintenance -----------------------------------------------------------
    @needs(Permission.EXPORT_DATA)
    def export_logbook(self, path: Path, with_identities: bool = False,
                       reason: str = "") -> int:
        """Write the whole logbook as JSON Lines (via a temporary file); returns the records.

        By default the file is masked (services/exchange/masking.py: denouncers under secrecy
        withheld, personal data partial; its header says so and an import refuses it). A full
        export (``with_identities``: every identity in clear, a file that can be imported)
        needs ``VIEW_PERSONAL_DATA`` besides ``EXPORT_DATA`` and a reason
        (``secrecy.reason_required`` / ``secrecy.reason_too_short`` on ``field="reason"``).
        Either is audited (who, when, how many records, which file, masked or why) in the
        transaction that puts the file in place, so a file exists only with its audit row
        (none is left when either fails)."""
        from reception_desk.domain.secrecy import check_reason
        from reception_desk.services.access import rights
        from reception_desk.services.exchange import jsonl as exchange
        from reception_desk.services.exchange.masking import ExportMask

        why = ""
        if with_identities:
            rights.check(self, Permission.VIEW_PERSONAL_DATA)
            why = check_reason(reason)
        tmp = path.with_name(path.name + ".part")
        count = 0
        placed = False
        try:
            with self.db.read() as s, tmp.open("w", encoding="utf-8", newline="\n") as fh:
                mask = None if with_identities else ExportMask(s)
                for line in exchange.export_lines(s, self.now(), mask, why):
                    fh.write(line + "\n")
                    count += 1
            with self.db.session() as s:
                exchange.record_export(s, self.actor, self.now(), count - 1, path.name,
                                       str(path.parent.resolve()), masked=mask is not None,
                                       reason=why)
                tmp.replace(path)
                placed = True
        except BaseException as exc:  # a full disk, a read-only stick: no half file left behind
            with suppress(OSError):
                tmp.unlink(missing_ok=True)
                if placed:  # written but its audit row was not: no untraced copy
                    path.unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise file_error(exc, path, writing=True) from exc
            raise
        return count - 1

    @needs(Permission.IMPORT_DATA)
    def import_logbook(self, path: Path) -> tuple[ImportReport, Changes]:
        """Any bad line raises ``UserError("import.invalid")`` with line numbers, nothing written;
        a good file is written in short batches while counters keep saving
        (services/exchange/batches.py: ``import.interrupted`` if a counter took one of its
        records meanwhile; importing the same file again completes it)."""
        from reception_desk.services.exchange import jsonl as exchange

        try:
            with path.open(encoding="utf-8-sig") as fh:
                records = exchange.parse_file(fh, self.now())
        except UnicodeDecodeError:
            raise UserError(
                "import.invalid", errors=[{"line": 1, "code": "import.bad_json"}]
            ) from None
        except OSError as exc:
            raise file_error(exc, path, writing=False) from exc
        from reception_desk.services.exchange.batches import import_batches

        # Checked first, then written in short batches: counters keep saving meanwhile.
        return import_batches(self.db, records, self.actor, self.now())

    def close(self) -> None:
        self.db.dispose()
