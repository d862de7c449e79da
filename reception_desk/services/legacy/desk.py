"""``LegacyDesk``: importing the office's old Excel logbooks (``desk.legacy``, issue 15).
Depends on the ``DeskContext`` protocol, not on ``services.desk``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reception_desk.domain.access import Permission
from reception_desk.domain.dates import office_day
from reception_desk.domain.legacy_layout import LegacyField
from reception_desk.domain.problems import Problem
from reception_desk.services.access.rights import needs
from reception_desk.services.context import Changes
from reception_desk.services.facade import Facade
from reception_desk.services.legacy import importing
from reception_desk.services.legacy import reading
from reception_desk.services.legacy import rejected
from reception_desk.services.legacy.dto import BatchDTO
from reception_desk.services.legacy.dto import DryRun
from reception_desk.services.legacy.dto import ImportOutcome
from reception_desk.services.legacy.dto import UndoOutcome


class LegacyDesk(Facade):
    """Read, check, import and undo old logbooks (``desk.legacy``)."""

    @needs(Permission.IMPORT_DATA)
    def sheets(self, path: Path) -> list[str]:
        """The sheets of an old logbook file."""
        return reading.sheet_names(path)

    @needs(Permission.IMPORT_DATA)
    def first_row(self, path: Path, sheet: str | None = None) -> list[str]:
        """The texts of a sheet's first row: the column names a wizard shows when no logbook
        heading is recognised."""
        data = reading.read_sheet(path, sheet, limit=1)
        first = data.rows[0] if data.rows else []
        return ["" if v is None else str(v) for v in first]

    @needs(Permission.IMPORT_DATA)
    def dry_run(self, path: Path, sheet: str | None = None,
                mapping: dict[int, LegacyField] | None = None, limit: int | None = None,
                progress: Callable[[int, int], None] | None = None,
                fixes: dict[tuple[int, int], str] | None = None) -> DryRun:
        """Every row of the sheet with its problems and what the import would create;
        nothing is written. ``fixes``: cells corrected in the wizard (the file is not
        changed)."""
        ctx = self._desk
        return importing.dry_run(ctx.db, path, office_day(ctx.now()), sheet, mapping, limit,
                                 progress, fixes)

    @needs(Permission.IMPORT_DATA)
    def import_rows(self, run: DryRun, *, confirm_names: bool | set[int] = False,
                    skip_bad_rows: bool = False, staff_id: int | None = None,
                    progress: Callable[[int, int], None] | None = None,
                    cancelled: Callable[[], bool] | None = None,
                    ) -> tuple[ImportOutcome, Changes]:
        """Write a dry run's good rows as one audited, undoable import."""
        ctx = self._desk
        return importing.apply(ctx.db, run, ctx.actor, ctx.now(), confirm_names=confirm_names,
                               skip_bad_rows=skip_bad_rows, staff_id=staff_id,
                               progress=progress, cancelled=cancelled)

    @needs(Permission.IMPORT_DATA)
    def undo(self, batch_id: int) -> tuple[UndoOutcome, Changes]:
        """Void what an import created (never deleted): its visits and the registry records
        that exist only because of it; mark it undone."""
        ctx = self._desk
        return importing.undo(ctx.db, batch_id, ctx.actor, ctx.now())

    @needs(Permission.IMPORT_DATA)
    def batches(self) -> list[BatchDTO]:
        """Every import of an old logbook, newest first."""
        return importing.list_batches(self._desk.db)

    @needs(Permission.IMPORT_DATA)
    def write_rejected(self, path: Path, run: DryRun, describe: Callable[[Problem], str],
                       heading: tuple[str, str]) -> int:
        """Write the rows the import skips, with their problems, to .xlsx or .csv."""
        return rejected.write_rejected(path, run, describe, heading)

    @needs(Permission.IMPORT_DATA)
    def save_mapping(self, path: Path, mapping: dict[int, LegacyField]) -> None:
        reading.save_mapping(path, mapping)

    @needs(Permission.IMPORT_DATA)
    def load_mapping(self, path: Path) -> dict[int, LegacyField]:
        return reading.load_mapping(path)
