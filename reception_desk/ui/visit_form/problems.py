"""The domain's problems placed next to the fields they are about.

Every check is the domain's (``check_visit`` and the desk's refusals); this module only decides
where a problem shows and how it reads: "members.N" goes to the crowd table the person is typed
in, rows are counted as that table shows them, and a number the clerk may accept anyway opens
the line for the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QWidget

from reception_desk.domain.problems import Problem
from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.texts import MESSAGES
from reception_desk.texts import is_overridable
from reception_desk.texts import message_for
from reception_desk.ui.visit_form.crowd import CrowdSection
from reception_desk.ui.visit_form.fields import FIELD_ORDER
from reception_desk.ui.visit_form.fields import FieldCells
from reception_desk.ui.visit_form.fields import plain
from reception_desk.ui.widgets import DocumentsTable

# Leaving one of these re-checks the identity number (its checks read sex and birth date).
_ID_INPUTS = {"sex", "birth_date", "id_doc_type", "id_override_reason"}
# Fields whose problems the clerk may accept with the reason line (the card shows it so).
_OVERRIDABLE = ("id_number", "citizen_name")


def to_error(problem: Problem) -> UserError:
    return UserError(problem.code, field=problem.field, **problem.params)


def row_of(problem_field: str | None) -> int | None:
    """Row index of a table problem ("documents.2", "members.0")."""
    if problem_field and "." in problem_field:
        tail = problem_field.split(".", 1)[1]
        return int(tail) if tail.isdigit() else None
    return None


@dataclass(frozen=True)
class ProblemDisplay:
    """Shows problems under the form's fields (``FieldCells``) and in the crowd section, and
    takes the keyboard to the first faulty one."""

    cells: FieldCells
    scroll: QScrollArea
    crowd: CrowdSection
    documents: DocumentsTable
    override_cell: QWidget  # the reason line for a number the clerk may accept anyway
    override_reason: QLineEdit
    #: The fields now showing a problem the reason line may accept.
    overridden: set[str] = field(default_factory=set)

    def show_all(self, errors: list[UserError], banner: Callable[[str], None]) -> None:
        """Every message next to its field, the others (or how many there are) in the
        ``banner``; the first faulty field gets the focus."""
        self.clear()
        by_field, general = self.sort(errors)
        for name, field_errors in by_field.items():
            self.set_field_errors(name, field_errors)
        if general:
            banner("\n".join(message_for(e) for e in general))
        elif by_field:
            count = sum(len(v) for v in by_field.values())
            banner(_("Not saved: {count} entries need attention (marked in red).").format(
                count=count))
        first = next((n for n in FIELD_ORDER if n in by_field), None)
        if first is not None:
            self._focus_field(first, by_field[first])

    def _focus_field(self, name: str, errors: list[UserError]) -> None:
        target: QWidget = self.cells[name].editor
        if name == "id_number" and errors and all(is_overridable(e) for e in errors):
            target = self.override_reason  # the number may be right: ask for the reason
        if name == "documents":
            row = row_of(errors[0].field)
            rows = self.documents.filled_rows()
            if row is not None and row < len(rows):
                self.documents.setCurrentCell(rows[row], 0)
        if name in {"representatives", "participants"}:
            self.crowd.details.show()
            row = next((r for r in map(row_of, (e.field for e in errors)) if r is not None),
                       None)
            if row is not None:
                self.crowd.focus_member(row)
        self.scroll.ensureWidgetVisible(self.cells[name].cell)
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def to_recheck(self, name: str, touched: set[str]) -> set[str]:
        """The fields to check again when the keyboard leaves field ``name``: only it (if the
        clerk edited it or it shows messages), so fields not reached yet stay quiet."""
        def shown(n: str) -> bool:
            return bool(self.cells.messages(n))

        wanted = {name} if name in touched or shown(name) else set()
        if name in _ID_INPUTS and ("id_number" in touched or shown("id_number")):
            wanted.add("id_number")
        if name == "id_override_reason" and shown("citizen_name"):
            wanted.add("citizen_name")
        # A requirement that a choice switched off clears at once; a new one waits for saving.
        if name == "kind" and shown("presiding_leader_id"):
            wanted.add("presiding_leader_id")
        if name == "direction" and shown("target_body"):
            wanted.add("target_body")
        return wanted

    def refresh(self, wanted: Iterable[str], problems: list[Problem]) -> None:
        """Show, for each ``wanted`` field, its part of ``problems`` (the draft checked again)."""
        for target in wanted:
            errors = [to_error(p) for p in problems if self.display_field(p.field) == target]
            self.set_field_errors(target, errors)

    def display_field(self, problem_field: str | None) -> str | None:
        """The form field that shows a problem of ``problem_field``: "members.N" goes to the
        table the person is typed in (representatives or participants)."""
        if problem_field is None:
            return None
        head = problem_field.split(".", 1)[0]
        if head == "documents":
            return head
        if head == "members":
            row = row_of(problem_field)
            where = self.crowd.member_position(row) if row is not None else None
            return where[0] if where is not None else "representatives"
        return problem_field

    def sort(self, errors: list[UserError]) -> tuple[dict[str, list[UserError]],
                                                     list[UserError]]:
        """The errors by the field that shows them, and those no field shows."""
        by_field: dict[str, list[UserError]] = {}
        general: list[UserError] = []
        for error in errors:
            name = self.display_field(error.field)
            if name is not None and name in self.cells:
                by_field.setdefault(name, []).append(error)
            else:
                general.append(error)
        return by_field, general

    def set_field_errors(self, name: str, errors: list[UserError]) -> None:
        """Show ``errors`` next to field ``name`` (an empty list clears it)."""
        self.cells.show(name, [self.message(e) for e in errors])
        if name in _OVERRIDABLE:
            if any(is_overridable(e) for e in errors):
                self.overridden.add(name)
                self.override_cell.show()
            else:
                self.overridden.discard(name)
                if not self.overridden and not self.override_reason.text().strip():
                    self.override_cell.hide()
            self._name_the_reason()

    def _name_the_reason(self) -> None:
        """The reason line says what it accepts: the number, the name, or both."""
        caption = self.cells["id_override_reason"].caption
        if caption is None:
            return
        if self.overridden == {"citizen_name"}:
            text = _("Reason for &accepting this name")
        elif self.overridden == {"citizen_name", "id_number"}:
            text = _("Reason for &accepting this number and name")
        else:
            text = _("Reason for &accepting this number")
        if caption.text() != text:
            caption.setText(text)
            self.override_reason.setAccessibleName(plain(text))

    def clear(self) -> None:
        for name in self.cells.names():
            if self.cells.messages(name):
                self.set_field_errors(name, [])

    def message(self, error: UserError) -> str:
        row = row_of(error.field)
        if row is not None and error.field and error.field.startswith("members."):
            # Rows are counted in the table the person is typed in, not in draft.members.
            where = self.crowd.member_position(row)
            if where is not None:
                row = where[1]
                error = UserError(error.code, field=error.field, **{**error.params,
                                                                    "row": row + 1})
        text = message_for(error)
        if row is not None and "{row}" not in MESSAGES.get(error.code, ""):
            text = _("Row {row}: {message}").format(row=row + 1, message=text)
        return text
