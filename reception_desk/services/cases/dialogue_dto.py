"""What the dialogue use cases take and give (issue 14 item 5)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from datetime import datetime

from reception_desk.domain.dialogues import DialogueStatus
from reception_desk.domain.dialogues import MissingDialogue
from reception_desk.domain.dialogues import Participant
from reception_desk.domain.dialogues import ParticipantRole
from reception_desk.domain.dialogues import Requirement
from reception_desk.domain.dialogues import invitation_short


@dataclass(frozen=True)
class DialogueDTO:
    id: int
    case_id: int
    status: DialogueStatus
    scheduled_at: datetime  # office time zone
    place: str
    invited_on: date | None
    topic: str
    held_at: datetime | None  # office time zone
    result: str
    cancel_reason: str
    participants: tuple[Participant, ...]
    created_by: str
    version: int

    @property
    def invitation_short(self) -> bool:
        """The invitations left fewer than 5 days before the dialogue (LEGAL.md §4.2: NĐ
        124/2020 Art. 28(1) as amended by NĐ 155/2026 [T])."""
        return self.invited_on is not None and invitation_short(self.scheduled_at.date(),
                                                                self.invited_on)

    @property
    def presiding(self) -> Participant | None:
        return next((p for p in self.participants if p.role is ParticipantRole.PRESIDING), None)


@dataclass(frozen=True)
class DialogueSummary:
    """The dialogue part of the case page: the rule's answer, its basis, the flag, the list."""

    requirement: Requirement
    basis: str
    verification_differs: bool | None
    flag: MissingDialogue | None
    dialogues: tuple[DialogueDTO, ...]


@dataclass(frozen=True)
class ScheduleDialogue:
    """Schedule a dialogue on a complaint case."""

    case_id: int
    scheduled_at: datetime  # aware
    place: str
    participants: Sequence[Participant]
    topic: str = ""
    invited_on: date | None = None


@dataclass(frozen=True)
class HoldDialogue:
    """Record a scheduled dialogue as held: when, each participant's opinion (the whole list,
    as it sat), and the result."""

    dialogue_id: int
    held_at: datetime  # aware
    participants: Sequence[Participant]
    result: str
    expected_version: int | None = None
