"""The lists typed one item a line that the dialogs share: invited bodies of a session, the people
of a dialogue, the bodies informed by an issued form.

``LinesEdit`` is multi-line text where Tab moves on and Enter starts a new line (Ctrl+Enter is
the dialog's), also for free text (a conclusion, a result); ``lines()`` gives its non-empty
lines, trimmed. ``people(role, lines)`` reads
"Name, title" lines (the title may be left out) as a dialogue's participants.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QWidget

from reception_desk.domain.dialogues import Participant
from reception_desk.domain.dialogues import ParticipantRole


class LinesEdit(QPlainTextEdit):
    """Multi-line text where Tab moves on; ``lines()`` reads it one item a line. ``rows``: the
    height of that many lines (plus two more before it stops growing), else Qt's own."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *,
                 rows: int | None = None) -> None:
        super().__init__(text, parent)
        self.setTabChangesFocus(True)
        if rows is not None:
            spacing = self.fontMetrics().lineSpacing()
            height = spacing * rows + 14
            self.setMinimumHeight(height)
            self.setMaximumHeight(height + spacing * 2)

    def lines(self) -> list[str]:
        """The non-empty lines, trimmed."""
        return [line.strip() for line in self.toPlainText().splitlines() if line.strip()]

    def set_lines(self, lines: Iterable[str]) -> None:
        self.setPlainText("\n".join(lines))


def people(role: ParticipantRole, lines: Iterable[str]) -> list[Participant]:
    """One participant a line "Name, title" (the title may be left out)."""
    out = []
    for line in lines:
        name, _sep, title = line.partition(",")
        if name.strip():
            out.append(Participant(role, name.strip(), title.strip()))
    return out
