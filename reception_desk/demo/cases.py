"""Synthetic cases for the demo database: legal event sequences, caches as the services write them.

Each case is opened on a logbook visit (its complainant is that visit's citizen) and walked through
the domain state machine (``open_case``, ``allowed_events``, ``apply_event``) one event at a time,
with realistic gaps between events, until the next event would fall after today: what is still
running stays open. So every stored sequence replays without error, and the ``case_file`` caches
(stage, deadline, level, end date) come from ``services.cases.history.case_caches`` on the office
calendar, exactly as after a clerk's own events.

A few "showcase" cases received in the last weeks make sure a small demo shows every stage colour
and hotspot reason: a crowd, a repeat visitor, a bypass to the province, an overdue acceptance, a
suspension, an extended denunciation, a second complaint, a premature second complaint.

A second complaint usually follows the first one's decision; a few come too early (LEGAL.md
§6.4 (b)), and a few denunciations come back past their time limit or a third time
(demo/follows.py). Each case gets the case page's report and legal facts (demo/facts.py); a few
received at the end are left waiting, overdue only by a side limit (demo/waiting.py).
"""

from __future__ import annotations

import heapq
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from typing import Any
from typing import ClassVar

from reception_desk.demo import facts as demo_facts
from reception_desk.demo import follows as demo_follows
from reception_desk.demo.waiting import WaitingCases
from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.cases import DISTRICT_ABOLISHED_ON
from reception_desk.domain.cases import CaseEvent
from reception_desk.domain.cases import CaseStage
from reception_desk.domain.cases import CaseState
from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import ComplaintObject
from reception_desk.domain.cases import ComplexityCriterion
from reception_desk.domain.cases import EventKind
from reception_desk.domain.cases import HandlingLevel
from reception_desk.domain.cases import allowed_events
from reception_desk.domain.cases import apply_event
from reception_desk.domain.cases import next_stage
from reception_desk.domain.cases import open_case
from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.crowds import max_representatives
from reception_desk.domain.dates import day_start
from reception_desk.domain.dates import office_day
from reception_desk.domain.deadlines import DeadlineKind
from reception_desk.domain.deadlines import DeadlineRule
from reception_desk.domain.numbering import format_document_number
from reception_desk.domain.text import fold
from reception_desk.services.cases.dto import LinkKind
from reception_desk.services.cases.history import case_caches
from reception_desk.services.cases.opening import title_from

# Share of cases that stall in an open stage and are never finished (without ``open_cases``):
# they become the overdue and long-running matters of an office's books.
STALL_RATE = 0.025
# Share of cases handled slowly (gaps three times longer): most overdue stages come from them.
SLOW_RATE = 0.15
MAX_EXTRA_VISITS = 5  # a case has 1 to 6 visits
SHOWCASE_WINDOW_DAYS = 75  # showcase cases are received within this many days before today
_FOLLOW_UP_STALE_DAYS = 30  # a planned return visit later than this is dropped

_TYPE_OF_PETITION = {
    PetitionType.COMPLAINT: CaseType.COMPLAINT_FIRST,
    PetitionType.DENUNCIATION: CaseType.DENUNCIATION,
    PetitionType.PETITION: CaseType.PETITION,
    PetitionType.REFLECTION: CaseType.REFLECTION,
}
_PETITION_OF_TYPE = {
    CaseType.COMPLAINT_FIRST: PetitionType.COMPLAINT,
    CaseType.COMPLAINT_SECOND: PetitionType.COMPLAINT,
    CaseType.DENUNCIATION: PetitionType.DENUNCIATION,
    CaseType.PETITION: PetitionType.PETITION,
    CaseType.REFLECTION: PetitionType.REFLECTION,
}

# Weights of the next event by stage; None: nothing more happens (the matter rests there).
_NEXT: dict[CaseStage, list[tuple[EventKind | None, int]]] = {
    CaseStage.RECEIVED: [(EventKind.ACCEPT, 64), (EventKind.TRANSFER, 12),
                         (EventKind.RETURN_GUIDE, 9), (EventKind.REFUSE, 4),
                         (EventKind.FILE, 4), (EventKind.WITHDRAW, 2),
                         (EventKind.ASSESS_COMPLEXITY, 5)],
    CaseStage.ACCEPTED: [(EventKind.VERIFY, 58), (EventKind.DIALOGUE, 12),
                         (EventKind.DECIDE, 16), (EventKind.SUSPEND, 4), (EventKind.WITHDRAW, 2),
                         (EventKind.ASSESS_COMPLEXITY, 5), (EventKind.EXTEND, 3)],
    CaseStage.VERIFYING: [(EventKind.DIALOGUE, 30), (EventKind.DECIDE, 52),
                          (EventKind.SUSPEND, 5), (EventKind.EXTEND, 12),
                          (EventKind.WITHDRAW, 2), (EventKind.ASSESS_COMPLEXITY, 3)],
    CaseStage.DIALOGUE: [(EventKind.DECIDE, 80), (EventKind.VERIFY, 10),
                         (EventKind.SUSPEND, 4), (EventKind.WITHDRAW, 3)],
    CaseStage.SUSPENDED: [(EventKind.RESUME, 88), (EventKind.WITHDRAW, 12)],
    CaseStage.DECIDED: [(EventKind.CLOSE, 55), (EventKind.FILE, 10), (None, 35)],
    CaseStage.TRANSFERRED: [(EventKind.CLOSE, 35), (EventKind.FILE, 25), (None, 40)],
    CaseStage.REFUSED: [(EventKind.CLOSE, 45), (EventKind.FILE, 35), (None, 20)],
    CaseStage.RETURNED_GUIDED: [(EventKind.CLOSE, 45), (EventKind.FILE, 35), (None, 20)],
    CaseStage.WITHDRAWN: [(EventKind.CLOSE, 50), (EventKind.FILE, 40), (None, 10)],
}
# Days from the previous event (low, high) at the normal pace.
_GAP: dict[EventKind, tuple[int, int]] = {
    EventKind.ACCEPT: (1, 8),
    EventKind.TRANSFER: (1, 5),
    EventKind.RETURN_GUIDE: (1, 5),
    EventKind.REFUSE: (2, 6),
    EventKind.FILE: (2, 20),
    EventKind.WITHDRAW: (3, 25),
    EventKind.ASSESS_COMPLEXITY: (1, 6),
    EventKind.VERIFY: (2, 10),
    EventKind.DIALOGUE: (5, 18),
    EventKind.DECIDE: (8, 26),
    EventKind.SUSPEND: (5, 20),
    EventKind.RESUME: (15, 60),
    EventKind.EXTEND: (18, 26),
    EventKind.CLOSE: (3, 20),
}
_OPENING = frozenset({EventKind.ACCEPT, EventKind.TRANSFER, EventKind.RETURN_GUIDE,
                      EventKind.REFUSE, EventKind.FILE})
_DIRECTION_OF = {
    EventKind.ACCEPT: HandlingDirection.ACCEPT,
    EventKind.TRANSFER: HandlingDirection.TRANSFER,
    EventKind.RETURN_GUIDE: HandlingDirection.GUIDE,
    EventKind.REFUSE: HandlingDirection.REFUSE,
    EventKind.FILE: HandlingDirection.FILE,
}

_TRANSFER_TARGETS: dict[CaseType, list[tuple[HandlingLevel, str]]] = {
    CaseType.COMPLAINT_FIRST: [(HandlingLevel.PROVINCE, "UBND tỉnh"),
                               (HandlingLevel.PROVINCE, "Sở Nông nghiệp và Môi trường"),
                               (HandlingLevel.COURT, "Tòa án nhân dân khu vực 1")],
    CaseType.COMPLAINT_SECOND: [(HandlingLevel.PROVINCE, "Chủ tịch UBND tỉnh"),
                                (HandlingLevel.PROVINCE, "Thanh tra tỉnh"),
                                (HandlingLevel.COURT, "Tòa án nhân dân khu vực 1")],
    CaseType.DENUNCIATION: [(HandlingLevel.POLICE_PROCURACY,
                             "Cơ quan Cảnh sát điều tra Công an tỉnh"),
                            (HandlingLevel.POLICE_PROCURACY, "Viện kiểm sát nhân dân khu vực 1"),
                            (HandlingLevel.PARTY, "Ủy ban Kiểm tra Đảng ủy xã"),
                            (HandlingLevel.PROVINCE, "Thanh tra tỉnh")],
    CaseType.PETITION: [(HandlingLevel.PROVINCE, "Sở Xây dựng"),
                        (HandlingLevel.PROVINCE, "Sở Nông nghiệp và Môi trường"),
                        (HandlingLevel.OTHER, "Công ty Điện lực tỉnh")],
    CaseType.REFLECTION: [(HandlingLevel.PROVINCE, "Sở Nông nghiệp và Môi trường"),
                          (HandlingLevel.POLICE_PROCURACY, "Công an xã"),
                          (HandlingLevel.OTHER, "Công ty Cấp thoát nước")],
}
_DISTRICT_BODIES = ["UBND huyện", "Thanh tra huyện", "Phòng Tài nguyên và Môi trường huyện"]
_GUIDE_BODIES = ["Tòa án nhân dân khu vực 1", "Văn phòng đăng ký đất đai chi nhánh khu vực",
                 "Bảo hiểm xã hội khu vực", "UBND xã nơi có đất"]
_BYPASS_BODIES = ["Ban Tiếp công dân tỉnh", "Thanh tra tỉnh", "Văn phòng UBND tỉnh"]
_RESPONDENTS: dict[CaseType, list[str]] = {
    CaseType.COMPLAINT_FIRST: ["Chủ tịch UBND xã", "UBND xã", "Công chức địa chính - xây dựng xã"],
    CaseType.COMPLAINT_SECOND: ["Chủ tịch UBND xã"],
    CaseType.DENUNCIATION: ["Công chức địa chính - xây dựng xã", "Trưởng thôn",
                            "Hộ gia đình ông Nguyễn Văn Tư", "Phó Chủ tịch UBND xã"],
    CaseType.PETITION: [""],
    CaseType.REFLECTION: ["", "Cơ sở chăn nuôi Minh Phát", "Xưởng gỗ Đức Thành"],
}
_NOTES: dict[EventKind, list[str]] = {
    EventKind.ACCEPT: ["Thụ lý giải quyết, thông báo cho người gửi đơn."],
    EventKind.VERIFY: ["Giao công chức địa chính - xây dựng xác minh.",
                       "Thành lập tổ xác minh, làm việc với các hộ liên quan."],
    EventKind.DIALOGUE: ["Đối thoại với người khiếu nại và người bị khiếu nại."],
    EventKind.DECIDE: ["Ban hành văn bản giải quyết, gửi các bên."],
    EventKind.SUSPEND: ["Tạm đình chỉ chờ kết quả giám định.",
                        "Tạm đình chỉ chờ văn bản trả lời của cơ quan chuyên môn tỉnh."],
    EventKind.RESUME: ["Đã có kết quả giám định, tiếp tục giải quyết."],
    EventKind.EXTEND: ["Gia hạn giải quyết tố cáo do vụ việc phức tạp."],
    EventKind.ASSESS_COMPLEXITY: ["Xác định vụ việc phức tạp."],
    EventKind.TRANSFER: ["Không thuộc thẩm quyền, chuyển đơn đến cơ quan có thẩm quyền."],
    EventKind.RETURN_GUIDE: ["Trả lại đơn, hướng dẫn gửi đến cơ quan có thẩm quyền."],
    EventKind.REFUSE: ["Không thụ lý: đơn đã được giải quyết, không có tình tiết mới."],
    EventKind.FILE: ["Xếp lưu đơn."],
    EventKind.WITHDRAW: ["Người gửi đơn rút đơn."],
    EventKind.CLOSE: ["Kết thúc vụ việc, lưu hồ sơ."],
}
_BYPASS_NOTE = "Công dân gửi đơn vượt cấp lên tỉnh; tỉnh đề nghị UBND xã báo cáo."
_SECOND_CONTENT = ("Khiếu nại lần hai đối với Quyết định giải quyết khiếu nại số {number} "
                   "của Chủ tịch UBND xã.")
_REPEAT_DENUNCIATION_CONTENT = ("Tố cáo tiếp: nội dung đã tố cáo chưa được xem xét đầy đủ "
                                "(Kết luận số {number}).")
_DIRECTIVES = [
    "Giao công chức địa chính - xây dựng kiểm tra thực địa, báo cáo trước hạn.",
    "Tổ chức đối thoại với các hộ dân, mời đại diện thôn cùng dự.",
    "Phối hợp Công an xã bảo đảm an ninh trật tự khi công dân đến đông người.",
    "Rà soát hồ sơ, báo cáo Chủ tịch UBND xã hướng giải quyết.",
]
_CRITERIA = list(ComplexityCriterion)
_SHOWCASE_CONTENT = {
    CaseType.COMPLAINT_FIRST: ("Khiếu nại quyết định thu hồi đất, đề nghị xem xét lại mức bồi "
                               "thường, hỗ trợ.", "kn.hc.boi_thuong"),
    CaseType.DENUNCIATION: ("Tố cáo cán bộ địa chính xã có hành vi nhũng nhiễu khi làm thủ tục "
                            "đất đai.", "tc.hc"),
}


class Showcase:
    """Profiles of the showcase cases (a small demo shows every stage colour and reason)."""

    CROWD = "crowd"
    REPEAT = "repeat"
    BYPASS = "bypass"
    OVERDUE = "overdue"
    SUSPENDED = "suspended"
    RESUMED = "resumed"
    EXTENDED = "extended"
    COMPLEX = "complex"
    INCIDENT = "incident"
    DIALOGUE = "dialogue"
    SECOND = "second"

    FIRST = "first"  # a first complaint decided soon, so a second complaint can follow
    PENDING = "pending"  # a first complaint being verified; a premature second one follows
    CLOSED, TRANSFERRED = "closed", "transferred"

    ALL = (FIRST, CLOSED, CROWD, OVERDUE, REPEAT, BYPASS, SUSPENDED, EXTENDED, COMPLEX,
           INCIDENT, RESUMED, DIALOGUE, TRANSFERRED, PENDING, SECOND)
    # Profiles that finish or leave the commune; the others stay open.
    MOVING: ClassVar[frozenset[str]] = frozenset({FIRST, CLOSED, TRANSFERRED, RESUMED, SECOND})
    # Days the profile needs between receipt and today to show (an overdue acceptance…).
    LEAD: ClassVar[dict[str, int]] = {
        FIRST: 30, CLOSED: 14, TRANSFERRED: 3, OVERDUE: 18, REPEAT: 14, BYPASS: 12,
        SUSPENDED: 16, RESUMED: 20, EXTENDED: 16, COMPLEX: 6, DIALOGUE: 16, CROWD: 6, INCIDENT: 6,
        PENDING: 20,
    }


@dataclass
class Matter:
    """What later visits and cases need to know of a planned case."""

    index: int
    citizen_id: int
    petition_type: str
    content: str
    field_code: str | None
    within: bool
    crowd: bool
    title: str
    case_id: int | None = None


@dataclass
class PlannedCase:
    """A case ready to insert: its row, its events, and the visit that opened it."""

    matter: Matter
    row: dict[str, Any]
    events: list[dict[str, Any]]
    state: CaseState
    previous_index: int | None = None
    directive: dict[str, Any] | None = None


class DocumentNumbers:
    """NĐ 30/2020 numbers ("12/QĐ-UBND"), one sequence per symbol and year."""

    def __init__(self, office_symbol: str, start: dict[tuple[str, int], int]) -> None:
        self.office_symbol = office_symbol
        self.last = dict(start)

    def next(self, kind: str, on: date) -> str:
        symbol = f"{kind}-{self.office_symbol}"
        key = (symbol, on.year)
        self.last[key] = self.last.get(key, 0) + 1
        return format_document_number(self.last[key], symbol)


class CasePlanner:
    """Decides which visits open cases and which return to them, and plans each case.

    ``cases``: how many of the ``slots`` visits open a case (chosen up front, so exactly that
    many); ``open_cases``: at least this many cases are kept open (stalled), else about
    ``STALL_RATE`` of them. ``facts_rng``: the stream of the report and legal facts and of the
    premature second complaints (so adding them left the rest of a seed's cases as they were).
    """

    def __init__(self, rng: random.Random, *, slots: int, cases: int, today: date,
                 now: datetime, calendar: WorkingCalendar, rules: Sequence[DeadlineRule],
                 numbers: DocumentNumbers, actor: str, chair: str, assignees: list[int],
                 open_cases: int | None = None,
                 facts_rng: random.Random | None = None, follows_rng: random.Random | None = None,
                 waiting_rng: random.Random | None = None) -> None:
        self.rng = rng
        self.facts_rng = facts_rng if facts_rng is not None else random.Random(0)
        self.follows_rng = follows_rng if follows_rng is not None else random.Random(1)
        self.today, self.now = today, now
        self.waiting = WaitingCases(waiting_rng or random.Random(2), today, calendar, rules)
        self.calendar, self.rules, self.numbers, self.actor = calendar, rules, numbers, actor
        self.chair = chair
        self.assignees = assignees
        self.anchor_slots = bytearray(slots)
        for i in rng.sample(range(slots), cases):
            self.anchor_slots[i] = 1
        if open_cases is None:
            self.stalled: set[int] | None = None
        else:
            self.stalled = set(rng.sample(range(cases), min(max(open_cases, 0), cases)))
        # Extra visits per case, scaled down when there are few visits for the cases.
        spare = (slots - cases) / cases if cases else 0.0
        self.extra_keep = min(1.0, spare / 1.6)
        self.matters: list[Matter] = []
        self.follow_ups: list[tuple[int, int, int]] = []  # (day ordinal, tie, matter index)
        self.seconds: list[tuple[int, int, int]] = []  # second complaints / repeat denunciations
        self._tie = 0
        self.showcase = list(Showcase.ALL)
        self._decisions: dict[int, str] = {}  # matter index → its decision's number
        # First complaints with a premature second one planned → the last day it may come.
        self._premature: dict[int, date] = {}
        self._overdue: dict[int, date] = {}  # likewise, denunciations past their time limit
        # Denunciation time limits start with Luật Tố cáo 2018 (in force 2019-01-01): older
        # denunciations in a long demo become petitions.
        self.denunciations_from = max(
            min((r.valid_from for r in rules if r.kind is kind), default=date.max)
            for kind in (DeadlineKind.DENUNCIATION_PROCESSING,
                         DeadlineKind.DENUNCIATION_RESOLUTION))

    # --- which visit is what ----------------------------------------------------------------

    def is_anchor(self, slot: int) -> bool:
        return bool(self.anchor_slots[slot])

    def follow_up(self, day: date) -> Matter | None:
        """A planned return visit due by ``day`` (stale ones dropped), or None."""
        heap = self.follow_ups
        ordinal = day.toordinal()
        while heap and heap[0][0] <= ordinal:
            planned, _tie, index = heapq.heappop(heap)
            if ordinal - planned <= _FOLLOW_UP_STALE_DAYS:
                return self.matters[index]
        return None

    def due_second(self, day: date) -> Matter | None:
        """An earlier case whose complainant comes back to complain again, due by ``day``."""
        heap = self.seconds
        ordinal = day.toordinal()
        while heap and heap[0][0] <= ordinal:
            planned, _tie, index = heapq.heappop(heap)
            latest = self._premature.get(index) or self._overdue.get(index)
            if latest is not None:  # premature only while the first is pending: else dropped
                if day <= latest:
                    return self.matters[index]
                self._premature.pop(index, None)
                self._overdue.pop(index, None)
            elif ordinal - planned <= 4 * _FOLLOW_UP_STALE_DAYS:
                return self.matters[index]
        return None

    def is_premature(self, previous: Matter) -> bool:
        """The second complaint on ``previous`` comes before its decision (LEGAL.md §6.4 (b))."""
        return previous.index in self._premature

    def _push(self, heap: list[tuple[int, int, int]], day: date, index: int) -> None:
        self._tie += 1
        heapq.heappush(heap, (day.toordinal(), self._tie, index))

    # --- planning a case --------------------------------------------------------------------

    def _profile(self, day: date, previous: Matter | None) -> str | None:
        if previous is not None:
            if self.is_premature(previous) or previous.index in self._overdue:
                return None  # the showcase second complaint is a timely one
            return Showcase.SECOND if Showcase.SECOND in self.showcase else None
        age = (self.today - day).days
        if age > SHOWCASE_WINDOW_DAYS or not self.showcase:
            return None
        for profile in self.showcase:
            if profile == Showcase.SECOND:
                continue
            if age >= Showcase.LEAD.get(profile, 0):
                return profile
        return None

    def plan(self, visit: dict[str, Any], slot_day: date,
             previous: Matter | None = None) -> PlannedCase:
        """Plan the case opened on ``visit`` (a visit row about to be inserted; adjusted here:
        direction, type, crowd…); ``previous``: the first complaint or original denunciation."""
        rng = self.rng
        index = len(self.matters)
        profile = self._profile(slot_day, previous)
        if profile is not None:
            self.showcase.remove(profile)
        if previous is not None:
            first_type = _TYPE_OF_PETITION[PetitionType(previous.petition_type)]
            case_type = (CaseType.COMPLAINT_SECOND if first_type.is_complaint
                         else CaseType.DENUNCIATION)
            visit["petition_type"] = previous.petition_type
            visit["field_code"] = previous.field_code
            template = (_SECOND_CONTENT if case_type is CaseType.COMPLAINT_SECOND
                        else _REPEAT_DENUNCIATION_CONTENT)
            visit["content"] = template.format(number=self._decision_number(previous))
            if self.is_premature(previous):
                visit["content"] = demo_follows.PREMATURE_CONTENT.format(title=previous.title)
            elif previous.index in self._overdue:
                visit["content"] = demo_follows.OVERDUE_CONTENT.format(title=previous.title)
        else:
            case_type = _TYPE_OF_PETITION[PetitionType(visit["petition_type"])]
            wanted = _SHOWCASE_TYPES.get(profile or "")
            if wanted is not None and case_type not in wanted:
                case_type = wanted[0]
                content, field_code = _SHOWCASE_CONTENT[case_type]
                visit["petition_type"] = _PETITION_OF_TYPE[case_type].value
                visit["content"] = content
                visit["field_code"] = field_code if visit["field_code"] else None
        visit["content_key"] = fold(visit["content"])
        crowd = profile in (Showcase.CROWD, Showcase.INCIDENT) or (
            profile is None and rng.random() < 0.03)
        if crowd:
            make_crowd(rng, visit)
        if profile == Showcase.INCIDENT or (crowd and rng.random() < 0.1):
            visit["incident"] = True
            visit["incident_note"] = "Một số người to tiếng, lực lượng công an xã có mặt."
        criteria: set[ComplexityCriterion] = set()
        if crowd:
            criteria.add(ComplexityCriterion.MANY_PEOPLE)
        if profile == Showcase.EXTENDED or (profile is None and rng.random() < 0.04):
            criteria.update(rng.sample(_CRITERIA, 2))
        complaint_object = None
        if case_type.is_complaint:
            complaint_object = rng.choices(list(ComplaintObject), weights=[70, 25, 5])[0]
        remote = rng.random() < 0.04
        if self.stalled is not None:  # kept open on demand, whatever the profile
            stall = index in self.stalled
        elif profile is not None:
            stall = profile not in Showcase.MOVING
        else:
            stall = rng.random() < STALL_RATE
        slow = profile == Showcase.OVERDUE or rng.random() < SLOW_RATE
        moment = visit["received_at"]
        received = CaseEvent(EventKind.RECEIVE, self.actor, moment, level=HandlingLevel.COMMUNE,
                             criteria=frozenset(criteria) or None)
        state = open_case(case_type, received, complaint_object=complaint_object, remote=remote)
        events = [self._event_row(received, "", "")]
        forced = _SHOWCASE_PATH.get(profile or "", ())
        premature = previous is not None and self.is_premature(previous)
        if premature:
            forced = (demo_follows.handling(self.facts_rng, demo_follows.PREMATURE_HANDLING),)
        overdue = previous is not None and previous.index in self._overdue
        if overdue:
            forced = (demo_follows.handling(self.follows_rng, demo_follows.OVERDUE_HANDLING),)
        waiting = self.waiting.pick(state) if profile is None and previous is None else None
        forced = (None,) if waiting is not None else forced  # left waiting (demo/waiting.py)
        state, events, first_move = self._walk(state, events, case_type, profile, stall, slow,
                                               forced)
        if (premature or overdue) and first_move is not None:
            handled = next(e for e in events if e["kind"] == first_move.kind.value)
            guided = first_move.kind is EventKind.RETURN_GUIDE
            if premature:
                handled["note"] = demo_follows.PREMATURE_NOTE
            elif guided:
                handled["note"] = demo_follows.OVERDUE_NOTE
            if guided:
                handled["body"] = first_move.body = (
                    demo_follows.PREMATURE_BODY if premature else demo_follows.OVERDUE_BODY)
        legal = self.waiting.legal(waiting, demo_facts.legal_facts(
            self.facts_rng, state, events, self.today), state.received_on)
        if any(v is not None for v in legal.values()):
            state = demo_facts.with_legal_facts(state, legal)
        caches = case_caches(state, self.calendar, self.rules)

        # The visit's handling direction is what the office did first.
        direction = _DIRECTION_OF.get(first_move.kind if first_move else EventKind.ACCEPT,
                                      HandlingDirection.ACCEPT)
        if direction is HandlingDirection.TRANSFER and case_type.is_complaint:
            # At the counter a complaint is guided, not transferred (Luật TCD Art. 26(1)).
            direction = HandlingDirection.GUIDE
        visit["direction"] = direction.value
        within = direction is HandlingDirection.ACCEPT
        visit["within_competence"] = within
        if first_move is not None and direction.needs_target_body:
            visit["target_body"] = first_move.body
            # Guidance carries no transfer slip number; a transfer its own one.
            visit["target_doc_number"] = (
                "" if direction is HandlingDirection.GUIDE else first_move.number)
        else:
            visit["target_body"] = visit["target_doc_number"] = ""
        within = self.waiting.within(waiting, visit, within)
        title = title_from(visit["content"])
        competent_body = ""
        for ev in events:
            if ev["body"] and (ev["kind"] == EventKind.TRANSFER.value or ev["level"]):
                competent_body = ev["body"]
        last_moment = events[-1]["moment"]
        row = {
            "uid": str(uuid.UUID(int=rng.getrandbits(128))),
            "year": state.received_on.year,
            "seq": 0,  # numbered by the caller, per year in order of receipt
            "case_type": case_type.value,
            "complaint_object": complaint_object.value if complaint_object else None,
            "title": title, "title_key": fold(title), "content": visit["content"],
            "field_code": visit["field_code"],
            "respondents": rng.choice(_RESPONDENTS[case_type]),
            "competent_body": competent_body, "remote": remote,
            "within_commune_competence": within, "received_on": state.received_on,
            "previous_case_id": None,
            "link_kind": None if previous is None else (
                LinkKind.SECOND_COMPLAINT.value if case_type is CaseType.COMPLAINT_SECOND
                else LinkKind.REPEAT_DENUNCIATION.value),
            "created_at": moment, "created_by": "demo", "updated_at": last_moment,
            "version": len(events), **caches, **legal,
            **demo_facts.report_facts(self.facts_rng, events, state.received_on, self.today),
        }
        matter = Matter(index, visit["citizen_id"], visit["petition_type"], visit["content"],
                        visit["field_code"], within, crowd, title)
        self.matters.append(matter)
        planned = PlannedCase(matter, row, events, state,
                              previous.index if previous is not None else None)
        self._plan_visits(planned, slot_day, profile)
        self._plan_second(planned, case_type, profile)
        planned.directive = self._directive(planned, profile)
        return planned

    def _decision_number(self, previous: Matter) -> str:
        return self._decisions.get(previous.index, "")

    def _walk(self, state: CaseState, events: list[dict[str, Any]], case_type: CaseType,
              profile: str | None, stall: bool, slow: bool,
              forced: tuple[EventKind | None, ...] = ()
              ) -> tuple[CaseState, list[dict[str, Any]], _Move | None]:
        """Walk the case event by event; ``forced``: its first moves (a showcase's path…)."""
        rng = self.rng
        day = state.received_on
        first_move: _Move | None = None
        bypassed = False
        for step in range(24):
            kind = self._choose(state, case_type, profile, step, forced)
            if kind is None:
                break
            target = next_stage(state, kind)
            if stall and target is not None and not target.is_open:
                break
            low, high = _GAP[kind]
            gap = rng.randint(low, high)
            if slow and kind is not EventKind.EXTEND:
                gap *= 3
            if step < len(forced):
                gap = min(gap, 4)  # a showcase case shows its stages within days
            on = self.calendar.next_working_day(day + timedelta(days=gap))
            if on > self.today:
                break
            move = self._move(kind, on, state, case_type, profile, bypassed)
            if move.moment <= events[-1]["moment"]:  # same day: recorded after the last one
                move.moment = min(events[-1]["moment"] + timedelta(minutes=5), self.now)
            event = CaseEvent(kind, self.actor, move.moment, move.number or None,
                              move.document_date, move.level, move.criteria)
            state = apply_event(state, event)  # a demo bug raises here, never stored
            events.append(self._event_row(event, move.body, move.note))
            if move.bypass:
                bypassed = True
            if first_move is None and kind in _OPENING:
                first_move = move
            day = on
        return state, events, first_move

    def _choose(self, state: CaseState, case_type: CaseType, profile: str | None,
                step: int, forced: tuple[EventKind | None, ...]) -> EventKind | None:
        allowed = allowed_events(state)
        stage = state.stage
        if step < len(forced):
            wanted = forced[step]
            if wanted is None or wanted in allowed:
                return wanted
        if profile == Showcase.OVERDUE and stage is CaseStage.RECEIVED:
            return None  # left waiting past its acceptance deadline
        options = [(k, w) for k, w in _NEXT.get(stage, []) if k is None or k in allowed]
        if state.criteria:
            options = [(k, w) for k, w in options if k is not EventKind.ASSESS_COMPLEXITY]
        if case_type is CaseType.DENUNCIATION and state.is_complex:
            options = [(k, w * 4 if k is EventKind.EXTEND else w) for k, w in options]
        if not options:
            return None
        kinds = [k for k, _w in options]
        chosen: EventKind | None = self.rng.choices(kinds, weights=[w for _k, w in options])[0]
        return chosen

    def _move(self, kind: EventKind, on: date, state: CaseState, case_type: CaseType,
              profile: str | None, bypassed: bool) -> _Move:
        rng = self.rng
        moment = working_moment(rng, on, self.now)
        move = _Move(kind, moment, note=rng.choice(_NOTES[kind]))
        numbers = self.numbers
        if kind in (EventKind.ACCEPT, EventKind.REFUSE):  # notice of acceptance / refusal
            move.number, move.document_date = numbers.next("TB", on), on
        elif kind is EventKind.TRANSFER:
            level, body = rng.choice(_TRANSFER_TARGETS[case_type])
            if level is HandlingLevel.PROVINCE and on < DISTRICT_ABOLISHED_ON \
                    and rng.random() < 0.7:
                level, body = HandlingLevel.DISTRICT, rng.choice(_DISTRICT_BODIES)
            move.level, move.body = level, body
            move.number, move.document_date = numbers.next("PC", on), on
        elif kind is EventKind.RETURN_GUIDE:
            move.body = rng.choice(_GUIDE_BODIES)
        elif kind is EventKind.DECIDE:
            symbol = "KL" if case_type is CaseType.DENUNCIATION else (
                "QĐ" if case_type.is_complaint else "TB")
            move.number, move.document_date = numbers.next(symbol, on), on
        elif kind in (EventKind.SUSPEND, EventKind.RESUME, EventKind.EXTEND):
            move.number, move.document_date = numbers.next("QĐ", on), on
        elif kind is EventKind.ASSESS_COMPLEXITY:
            count = 2 if profile in (Showcase.COMPLEX, Showcase.EXTENDED) else rng.choice(
                [1, 1, 2, 3])
            move.criteria = frozenset(state.criteria | set(rng.sample(_CRITERIA, count)))
        elif kind is EventKind.VERIFY and not bypassed and (
                profile == Showcase.BYPASS or rng.random() < 0.05) \
                and state.stage is CaseStage.ACCEPTED:
            # The citizen went over the commune's head; the province asks for a report.
            move.level, move.body, move.note = (HandlingLevel.PROVINCE,
                                                rng.choice(_BYPASS_BODIES), _BYPASS_NOTE)
            move.bypass = True
        if kind in (EventKind.VERIFY, EventKind.DIALOGUE, EventKind.DECIDE) and not move.bypass \
                and state.level is not HandlingLevel.COMMUNE:
            move.level = HandlingLevel.COMMUNE  # back at the commune after the province's request
        return move

    def _event_row(self, event: CaseEvent, body: str, note: str) -> dict[str, Any]:
        return {
            "kind": event.kind.value, "actor": event.actor, "moment": event.moment,
            "document_number": event.document_number or "",
            "document_date": event.document_date,
            "level": event.level.value if event.level else None, "body": body,
            "criteria": sorted(c.value for c in event.criteria)
            if event.criteria is not None else None,
            "note": note,
        }

    def _plan_visits(self, planned: PlannedCase, day: date, profile: str | None) -> None:
        rng = self.rng
        if profile == Showcase.REPEAT:
            extras = 3
        elif profile is not None:
            extras = rng.randint(1, 2)
        else:
            extras = rng.choices(range(MAX_EXTRA_VISITS + 1), weights=[34, 26, 18, 11, 7, 4])[0]
            extras = sum(1 for _ in range(extras) if rng.random() < self.extra_keep)
        at = day
        for _ in range(extras):
            at = at + timedelta(days=rng.randint(2, 6) if profile == Showcase.REPEAT
                                else rng.randint(3, 45))
            if at > self.today:
                break
            self._push(self.follow_ups, at, planned.matter.index)

    def _plan_second(self, planned: PlannedCase, case_type: CaseType,
                     profile: str | None) -> None:
        """A first complaint decided at the commune may come back as a second complaint; a
        decided denunciation as a repeat denunciation (tố cáo tiếp). A few accepted first
        complaints come back too early, while they are pending (``follows.PREMATURE_RATE``); a few
        denunciations past their time limit are denounced again (``follows``)."""
        state = planned.state
        if self._plan_premature(planned, case_type, profile):
            return
        late = None if case_type is not CaseType.DENUNCIATION or profile is not None else \
            demo_follows.overdue_repeat_window(self.follows_rng, planned.row, planned.events,
                                               self.calendar, self.rules, self.today)
        if late is not None:
            self._overdue[planned.matter.index] = late[1]
            self._push(self.seconds, late[0], planned.matter.index)
            return
        if state.stage not in (CaseStage.DECIDED, CaseStage.CLOSED) or not any(
                e["kind"] == EventKind.DECIDE.value for e in planned.events):
            return
        decided = next(e for e in planned.events if e["kind"] == EventKind.DECIDE.value)
        self._decisions[planned.matter.index] = decided["document_number"]
        chance = 0.2 if case_type is CaseType.COMPLAINT_FIRST else (
            0.08 if case_type is CaseType.DENUNCIATION else 0.0)
        soon = profile == Showcase.FIRST
        serial = case_type is CaseType.DENUNCIATION and planned.previous_index is not None
        if soon or self.rng.random() < chance or (
                serial and self.follows_rng.random() < demo_follows.SERIAL_RATE):
            on = decided["document_date"] + timedelta(
                days=self.rng.randint(3, 8) if soon else self.rng.randint(5, 25))
            if on <= self.today:
                self._push(self.seconds, on, planned.matter.index)

    def _plan_premature(self, planned: PlannedCase, case_type: CaseType,
                        profile: str | None) -> bool:
        """Plan a second complaint lodged after the first one's acceptance and before its
        decision, within its time limit; True when planned."""
        if case_type is not CaseType.COMPLAINT_FIRST or (
                profile != Showcase.PENDING
                and (profile is not None
                     or self.facts_rng.random() >= demo_follows.PREMATURE_RATE)):
            return False
        accepted = next((e for e in planned.events if e["kind"] == EventKind.ACCEPT.value), None)
        if accepted is None:
            return False
        accepted_on = office_day(accepted["moment"])
        latest = min(self.today,
                     accepted_on + timedelta(days=demo_follows.PREMATURE_WITHIN_DAYS))
        # Pending until it is decided (or withdrawn, filed…): the day before that at the latest.
        done = next((e for e in planned.events[planned.events.index(accepted) + 1:]
                     if e["kind"] not in demo_follows.PENDING_WORK), None)
        if done is not None:
            latest = min(latest, office_day(done["moment"]) - timedelta(days=1))
        on = accepted_on + timedelta(days=self.facts_rng.randint(
            3, 8 if profile == Showcase.PENDING else 20))
        if on > latest:
            return False
        self._premature[planned.matter.index] = latest
        self._push(self.seconds, on, planned.matter.index)
        return True

    def _directive(self, planned: PlannedCase, profile: str | None) -> dict[str, Any] | None:
        """The chairperson's directive on some open, troubling cases."""
        rng = self.rng
        state, row = planned.state, planned.row
        if not state.stage.is_open:
            return None
        if profile is not None or planned.matter.crowd or len(state.criteria) >= 2:
            chance = 0.35
        elif row["due_on"] is not None and row["due_on"] < self.today:
            chance = 0.03
        else:
            chance = 0.005
        if rng.random() >= chance:
            return None
        first = max(state.received_on, self.today - timedelta(days=30))
        given_on = first + timedelta(days=rng.randint(0, (self.today - first).days))
        given_at = min(working_moment(rng, given_on, self.now), self.now)
        due = self.calendar.add_working_days(given_on, rng.randint(3, 12))
        done_at = None
        acknowledged_at = None
        if rng.random() < 0.7:
            acknowledged_at = min(given_at + timedelta(hours=rng.randint(2, 48)), self.now)
            if rng.random() < 0.4:
                done_at = min(acknowledged_at + timedelta(days=rng.randint(1, 10)), self.now)
        return {
            "text": rng.choice(_DIRECTIVES),
            "assignee_staff_id": rng.choice(self.assignees) if self.assignees else None,
            "due_on": due, "given_by": self.chair, "given_at": given_at,
            "acknowledged_at": acknowledged_at,
            "acknowledged_by": self.actor if acknowledged_at else "", "done_at": done_at,
        }


# Case types a showcase profile needs (the first one is taken when the visit's does not fit).
_SHOWCASE_TYPES: dict[str, tuple[CaseType, ...]] = {
    Showcase.FIRST: (CaseType.COMPLAINT_FIRST,),
    Showcase.PENDING: (CaseType.COMPLAINT_FIRST,),
    Showcase.DIALOGUE: (CaseType.COMPLAINT_FIRST, CaseType.COMPLAINT_SECOND),
    Showcase.SUSPENDED: (CaseType.COMPLAINT_FIRST, CaseType.DENUNCIATION),
    Showcase.RESUMED: (CaseType.COMPLAINT_FIRST, CaseType.DENUNCIATION),
    Showcase.EXTENDED: (CaseType.DENUNCIATION,),
}
# Forced first moves of the showcase profiles (None: stop there).
_SHOWCASE_PATH: dict[str, tuple[EventKind | None, ...]] = {
    Showcase.FIRST: (EventKind.ACCEPT, EventKind.VERIFY, EventKind.DECIDE, None),
    Showcase.CLOSED: (EventKind.ACCEPT, EventKind.DECIDE, EventKind.CLOSE),
    Showcase.TRANSFERRED: (EventKind.TRANSFER, None),
    Showcase.OVERDUE: (None,),
    Showcase.REPEAT: (EventKind.ACCEPT, EventKind.VERIFY),
    Showcase.BYPASS: (EventKind.ACCEPT, EventKind.VERIFY, None),
    Showcase.SUSPENDED: (EventKind.ACCEPT, EventKind.VERIFY, EventKind.SUSPEND, None),
    Showcase.RESUMED: (EventKind.ACCEPT, EventKind.VERIFY, EventKind.SUSPEND, EventKind.RESUME),
    Showcase.EXTENDED: (EventKind.ACCEPT, EventKind.VERIFY, EventKind.EXTEND),
    Showcase.COMPLEX: (EventKind.ACCEPT, EventKind.ASSESS_COMPLEXITY),
    Showcase.DIALOGUE: (EventKind.ACCEPT, EventKind.VERIFY, EventKind.DIALOGUE, None),
    Showcase.CROWD: (EventKind.ACCEPT,),
    Showcase.INCIDENT: (EventKind.ACCEPT,),
    Showcase.SECOND: (EventKind.TRANSFER,),
    Showcase.PENDING: (EventKind.ACCEPT, EventKind.VERIFY, None),
}


@dataclass
class _Move:
    kind: EventKind
    moment: datetime
    number: str = ""
    document_date: date | None = None
    level: HandlingLevel | None = None
    body: str = ""
    note: str = ""
    criteria: frozenset[ComplexityCriterion] | None = None
    bypass: bool = False


def working_moment(rng: random.Random, on: date, now: datetime) -> datetime:
    """A moment of office hours on the local day ``on`` (UTC), never after ``now``."""
    local = day_start(on, time(rng.randint(7, 16), rng.randint(0, 59)))
    return min(local.astimezone(UTC), now)


def make_crowd(rng: random.Random, visit: dict[str, Any]) -> None:
    """Make ``visit`` a delegation of 5 to 40 people with its representatives (Luật TCD
    Art. 29)."""
    people = rng.randint(5, 40)
    visit["people_count"] = people
    visit["delegation"] = True
    visit["representatives"] = rng.randint(1, max_representatives(people) or 1)
    visit["notes"] = "Đoàn đông người"
