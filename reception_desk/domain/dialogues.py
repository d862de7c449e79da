"""Dialogue (đối thoại) on a complaint case: its life (scheduled → held | cancelled), who takes
part, and the rule that says which complaint cases need one before their decision.

What LEGAL.md holds, and how sure it is:
- §8.2: "Complaint dialogue (Luật KN Art. 30, 39) [P from memory, verify]: minutes record
  participants, opinions and result, signed or fingerprinted (reasons noted on refusal), kept in
  the case file." The articles are cited from memory: WHEN a dialogue is required is not
  verified against the text. The rule below is therefore office-editable data
  (``DialoguePolicy``, kept in the settings table) whose default reads Luật KN 2011 as commonly
  cited: a first-time complaint needs a dialogue when the complainant's request and the result of
  verification still differ (Art. 30); a second-time complaint always needs one (Art. 39).
- §4.2: the invitation goes out at least 5 days before the dialogue (NĐ 155/2026 amending NĐ
  124/2020 Art. 28(1)) [T]. The default warning window (``warn_working_days`` = 5) follows it:
  with fewer than five working days left before the resolution deadline, a dialogue not yet
  held can no longer be invited in time.
- §2.4: the minutes are "Biên bản đối thoại" (NĐ 124/2020 Mẫu 14 as amended) [T].

No Qt, no SQL: plain values and functions; the services load and store them.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from enum import StrEnum
from typing import Any

from reception_desk.domain.cases import CaseType
from reception_desk.errors import UserError

#: Setting key of the office's dialogue policy (JSON of ``DialoguePolicy.to_json``).
POLICY_KEY = "dialogue_policy"

#: Where the rule comes from, as the case page and the hotspot reason name it.
BASIS_FIRST = "Luật Khiếu nại 2011 Điều 30"
BASIS_SECOND = "Luật Khiếu nại 2011 Điều 39"
BASIS_INVITATION = "NĐ 124/2020 Điều 28(1), sửa đổi bởi NĐ 155/2026"
#: LEGAL.md §8.2 cites both articles "[P from memory, verify]": the rule is office data.
BASIS_CONFIDENCE = "unverified"

MAX_TEXT = 4000
MAX_WARN_WORKING_DAYS = 60


class DialogueStatus(StrEnum):
    SCHEDULED = "scheduled"  # đã lên lịch
    HELD = "held"  # đã tổ chức
    CANCELLED = "cancelled"  # đã hủy


class ParticipantRole(StrEnum):
    """Who sits at the dialogue (LEGAL.md §8.2: participants, opinions, result)."""

    PRESIDING = "presiding"  # người chủ trì (người giải quyết khiếu nại hoặc người được giao)
    COMPLAINANT = "complainant"  # người khiếu nại (hoặc người đại diện, người được ủy quyền)
    RESPONDENT = "respondent"  # người bị khiếu nại
    BODY = "body"  # cơ quan, tổ chức, cá nhân có quyền, nghĩa vụ liên quan
    MINUTE_TAKER = "minute_taker"  # thư ký, người ghi biên bản


class Need(StrEnum):
    """When a kind of complaint needs a dialogue, as the office sets it."""

    ALWAYS = "always"
    WHEN_DIFFERS = "when_differs"  # request and verification result still differ
    NEVER = "never"


class Requirement(StrEnum):
    """Whether this case needs a dialogue before its decision."""

    REQUIRED = "required"
    NOT_REQUIRED = "not_required"
    UNKNOWN = "unknown"  # depends on the verification result, not recorded yet


@dataclass(frozen=True)
class DialoguePolicy:
    """The office's dialogue rule: DEFAULTS from Luật KN 2011 Art. 30 and 39 as LEGAL.md §8.2
    cites them (unverified), editable in the settings."""

    first_time: Need = Need.WHEN_DIFFERS
    second_time: Need = Need.ALWAYS
    warn_working_days: int = 5
    confidence: str = BASIS_CONFIDENCE

    def to_json(self) -> dict[str, Any]:
        return {"first_time": self.first_time.value, "second_time": self.second_time.value,
                "warn_working_days": self.warn_working_days, "confidence": self.confidence}

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> DialoguePolicy:
        """The stored policy; missing keys take the defaults. ``dialogue.policy_invalid`` names
        the bad field."""
        if not data:
            return cls()
        base = cls()
        values: dict[str, Any] = {}
        for key in ("first_time", "second_time"):
            try:
                values[key] = Need(data.get(key, getattr(base, key).value))
            except ValueError:
                raise UserError("dialogue.policy_invalid", field=key) from None
        days = data.get("warn_working_days", base.warn_working_days)
        if isinstance(days, bool) or not isinstance(days, int) or not (
                0 <= days <= MAX_WARN_WORKING_DAYS):
            raise UserError("dialogue.policy_invalid", field="warn_working_days", low=0,
                            high=MAX_WARN_WORKING_DAYS)
        values["warn_working_days"] = days
        values["confidence"] = str(data.get("confidence", base.confidence))
        return cls(**values)


@dataclass(frozen=True)
class RuleAnswer:
    """Whether a case needs a dialogue, and the article the answer rests on ("" if none)."""

    requirement: Requirement
    basis: str = ""


def requirement(case_type: CaseType, verification_differs: bool | None,
                policy: DialoguePolicy = DialoguePolicy()) -> RuleAnswer:
    """Does a case of ``case_type`` need a dialogue before its decision?

    ``verification_differs``: the office's record that the complainant's request and the result
    of verification still differ (None: not recorded yet). Denunciations, petitions and
    reflections have no dialogue (the case machine refuses one: ``case.dialogue_only_for_
    complaints``).
    """
    if case_type is CaseType.COMPLAINT_FIRST:
        need, basis = policy.first_time, BASIS_FIRST
    elif case_type is CaseType.COMPLAINT_SECOND:
        need, basis = policy.second_time, BASIS_SECOND
    else:
        return RuleAnswer(Requirement.NOT_REQUIRED)
    if need is Need.ALWAYS:
        return RuleAnswer(Requirement.REQUIRED, basis)
    if need is Need.NEVER:
        return RuleAnswer(Requirement.NOT_REQUIRED, basis)
    if verification_differs is None:
        return RuleAnswer(Requirement.UNKNOWN, basis)
    return RuleAnswer(Requirement.REQUIRED if verification_differs else
                      Requirement.NOT_REQUIRED, basis)


class MissingReason(StrEnum):
    """Why a case that needs a dialogue is flagged."""

    DECIDED_WITHOUT = "decided_without"  # the decision came with no dialogue held before it
    DEADLINE_NEAR = "deadline_near"  # within the warning window of its deadline, none held
    DEADLINE_PASSED = "deadline_passed"  # the resolution deadline passed, none held


@dataclass(frozen=True)
class MissingDialogue:
    """A flag: the case needs a dialogue and has none held (in time)."""

    reason: MissingReason
    basis: str
    due: date | None = None
    working_days_left: int | None = None
    decided_on: date | None = None


def missing_dialogue(answer: RuleAnswer, held_on: Iterable[date], *, decided_on: date | None,
                     due: date | None, working_days_left: int | None,
                     policy: DialoguePolicy = DialoguePolicy()) -> MissingDialogue | None:
    """The flag of a case that needs a dialogue and has none held before its decision, or, still
    undecided, none held with at most ``policy.warn_working_days`` working days left before
    ``due`` (its resolution deadline; ``working_days_left`` negative once passed)."""
    if answer.requirement is not Requirement.REQUIRED:
        return None
    held = sorted(held_on)
    if decided_on is not None:
        if any(d <= decided_on for d in held):
            return None
        return MissingDialogue(MissingReason.DECIDED_WITHOUT, answer.basis,
                               decided_on=decided_on)
    if held:
        return None
    if due is None or working_days_left is None:
        return None
    if working_days_left < 0:
        return MissingDialogue(MissingReason.DEADLINE_PASSED, answer.basis, due=due,
                               working_days_left=working_days_left)
    if working_days_left <= policy.warn_working_days:
        return MissingDialogue(MissingReason.DEADLINE_NEAR, answer.basis, due=due,
                               working_days_left=working_days_left)
    return None


# --- a dialogue's life -------------------------------------------------------------------------

@dataclass(frozen=True)
class Participant:
    role: ParticipantRole
    name: str
    position: str = ""  # chức vụ, cơ quan; for a complainant: address or "đại diện"
    opinion: str = ""  # ý kiến phát biểu at the dialogue


def check_schedule(case_type: CaseType, at: datetime, place: str,
                   participants: Iterable[Participant]) -> None:
    """Raise ``UserError`` when a dialogue cannot be scheduled like this."""
    if not case_type.is_complaint:
        raise UserError("dialogue.only_for_complaints", case_type=case_type.value)
    if at.tzinfo is None:
        raise ValueError("moments must be timezone-aware")
    if not place.strip():
        raise UserError("dialogue.place_required", field="place")
    people = list(participants)
    for p in people:
        if not p.name.strip():
            raise UserError("dialogue.participant_name_required", field="participants")
    roles = {p.role for p in people}
    if ParticipantRole.PRESIDING not in roles:
        raise UserError("dialogue.presiding_required", field="participants")
    if ParticipantRole.COMPLAINANT not in roles:
        raise UserError("dialogue.complainant_required", field="participants")


def check_hold(status: DialogueStatus, scheduled_at: datetime, held_at: datetime,
               now: datetime, result: str) -> None:
    """Raise ``UserError`` when the dialogue cannot be recorded as held like this."""
    if status is not DialogueStatus.SCHEDULED:
        raise UserError("dialogue.not_scheduled", status=status.value)
    if held_at > now:
        raise UserError("dialogue.held_in_future", field="held_at")
    if not result.strip():
        raise UserError("dialogue.result_required", field="result")
    if len(result) > MAX_TEXT:
        raise UserError("text.too_long", field="result", max=MAX_TEXT, actual=len(result))


def check_cancel(status: DialogueStatus, reason: str) -> None:
    if status is not DialogueStatus.SCHEDULED:
        raise UserError("dialogue.not_scheduled", status=status.value)
    if not reason.strip():
        raise UserError("dialogue.reason_required", field="reason")


def invitation_short(scheduled_on: date, invited_on: date) -> bool:
    """True when the invitation leaves fewer than 5 days before the dialogue (LEGAL.md §4.2:
    ≥ 5 days, NĐ 124/2020 Art. 28(1) as amended by NĐ 155/2026 [T])."""
    return (scheduled_on - invited_on).days < INVITATION_DAYS


INVITATION_DAYS = 5
