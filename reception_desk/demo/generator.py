"""Realistic synthetic logbook data for trying the app and for benchmarks.

Vietnamese names with correct diacritics, real communes of the office's province, structurally
valid personal ID numbers, every visit kind and type, crowd visits and repeat visitors; and cases
opened on visits, walked through the domain's state machine (demo/cases.py), with their
return visits, second complaints (a few premature ones), repeat denunciations (a few past the
time limit or a third time, demo/follows.py), the rarer fields with contents that fit them, each
recorded only where the visit form offers it (demo/topics.py), the chairperson's directives and
the report and legal facts recorded on the case page (demo/facts.py).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import timedelta
from typing import Any

from sqlalchemy import Table
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy import text
from sqlalchemy.orm import Session
from sqlmodel import col

from reception_desk.demo import dialogues as demo_dialogues
from reception_desk.demo import topics as demo_topics
from reception_desk.demo.cases import CasePlanner
from reception_desk.demo.cases import DocumentNumbers
from reception_desk.demo.cases import Matter
from reception_desk.demo.cases import PlannedCase
from reception_desk.demo.cases import make_crowd
from reception_desk.demo.cases import working_moment
from reception_desk.demo.sessions import generate_sessions
from reception_desk.domain import classification as kinds
from reception_desk.domain import geography
from reception_desk.domain.crowds import max_representatives
from reception_desk.domain.dates import office_day
from reception_desk.domain.identity import PROVINCE_CODES
from reception_desk.domain.numbering import parse_document_number
from reception_desk.domain.text import fold
from reception_desk.errors import UserError
from reception_desk.services.context import Actor
from reception_desk.services.office.dto import StaffRole
from reception_desk.services.office.rules import deadline_rules
from reception_desk.services.office.rules import office_calendar
from reception_desk.services.office.setup import get_office
from reception_desk.services.office.setup import list_fields
from reception_desk.services.office.setup import list_staff
from reception_desk.services.office.setup import save_office
from reception_desk.services.office.setup import save_staff
from reception_desk.services.office.setup import suggested_profile
from reception_desk.storage import counters
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import CaseCitizen
from reception_desk.storage.models import CaseEventRow
from reception_desk.storage.models import CaseFile
from reception_desk.storage.models import Citizen
from reception_desk.storage.models import Counter
from reception_desk.storage.models import Directive
from reception_desk.storage.models import Visit
from reception_desk.storage.models import VisitDocument

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trịnh",
    "Lương",
    "Đoàn",
]
MIDDLE_MALE = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Thành", "Công", "Xuân", "Mạnh", "Tiến"]
MIDDLE_FEMALE = ["Thị", "Thu", "Ngọc", "Thanh", "Kim", "Minh", "Hồng", "Thúy", "Diệu", "Bích"]
GIVEN_MALE = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đức",
    "Giang",
    "Hải",
    "Hùng",
    "Khánh",
    "Long",
    "Nam",
    "Phúc",
    "Quân",
    "Sơn",
    "Thắng",
    "Trung",
    "Tuấn",
    "Việt",
    "Hiếu",
    "Lộc",
]
GIVEN_FEMALE = [
    "Hà",
    "Hạnh",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Nga",
    "Ngọc",
    "Phương",
    "Quỳnh",
    "Tâm",
    "Thảo",
    "Thủy",
    "Trang",
    "Uyên",
    "Xuân",
    "Yến",
    "Ánh",
    "Duyên",
]
HAMLETS = [
    "Thôn Đông",
    "Thôn Tây",
    "Thôn Thượng",
    "Thôn Hạ",
    "Xóm Mới",
    "Thôn Bắc",
    "Thôn Nam",
    "Khu phố 1",
    "Khu phố 2",
    "Tổ dân phố 3",
    "Ấp Phú Lợi",
    "Bản Nà Mường",
]
CONTENTS: dict[kinds.PetitionType, list[str]] = {
    kinds.PetitionType.COMPLAINT: [
        "Khiếu nại quyết định thu hồi đất số {n}/QĐ-UBND, đề nghị xem xét lại mức bồi thường.",
        "Khiếu nại việc UBND xã không cấp giấy xác nhận tình trạng đất đai cho thửa số {n}.",
        "Khiếu nại quyết định xử phạt vi phạm hành chính về trật tự xây dựng.",
        "Khiếu nại việc chi trả trợ cấp người có công chưa đúng chế độ.",
    ],
    kinds.PetitionType.DENUNCIATION: [
        "Tố cáo cán bộ địa chính xã có hành vi nhũng nhiễu khi làm thủ tục đất đai.",
        "Tố cáo hộ gia đình lấn chiếm đất hành lang giao thông tại thửa số {n}.",
        "Tố cáo việc khai thác cát trái phép trên sông gây sạt lở bờ.",
    ],
    kinds.PetitionType.PETITION: [
        "Kiến nghị sửa chữa tuyến đường liên thôn bị xuống cấp, ổ gà nhiều.",
        "Kiến nghị cấp giấy chứng nhận quyền sử dụng đất cho thửa số {n}.",
        "Kiến nghị giải quyết chế độ bảo trợ xã hội cho người cao tuổi.",
        "Kiến nghị xem xét hỗ trợ tái định cư cho các hộ bị ảnh hưởng bởi dự án.",
    ],
    kinds.PetitionType.REFLECTION: [
        "Phản ánh cơ sở chăn nuôi gây ô nhiễm môi trường, mùi hôi ảnh hưởng khu dân cư.",
        "Phản ánh tình trạng tiếng ồn kéo dài từ xưởng gỗ vào ban đêm.",
        "Phản ánh việc đổ rác thải không đúng nơi quy định tại đầu thôn.",
    ],
}
FIELD_BY_TYPE = {
    kinds.PetitionType.COMPLAINT: ["kn.hc.dat_dai", "kn.hc.boi_thuong", "kn.hc.chinh_sach",
                                   "kn.hc.khac"],
    kinds.PetitionType.DENUNCIATION: ["tc.hc", "tc.tham_nhung", "tc.khac"],
    kinds.PetitionType.PETITION: ["pakn.dat_dai", "pakn.chinh_sach", "pakn.khac"],
    kinds.PetitionType.REFLECTION: ["pakn.moi_truong", "pakn.khac", "pakn.ton_giao",
                                    "pakn.dan_toc"],
}
DOCUMENT_NAMES = [
    "Đơn khiếu nại",
    "Đơn kiến nghị",
    "Bản sao giấy chứng nhận quyền sử dụng đất",
    "Bản sao quyết định thu hồi đất",
    "Ảnh chụp hiện trạng",
    "Biên bản họp thôn",
]
TRANSFER_BODIES = [
    "UBND tỉnh",
    "Sở Nông nghiệp và Môi trường",
    "Công an xã",
    "Tòa án nhân dân khu vực",
    "Thanh tra tỉnh",
]


MAX_WORKING_DAYS = 2_500  # about ten years of reception days


@dataclass(frozen=True)
class DemoResult:
    visits: int
    citizens: int
    first_day: date
    last_day: date
    cases: int = 0
    open_cases: int = 0
    sessions: int = 0  # the head's reception sessions written (issue 14)


def default_cases(visits: int) -> int:
    """Cases opened when ``--cases`` is not given: one for every five visits."""
    return visits // 5


@dataclass(frozen=True)
class _Office:
    province: int
    symbol: str
    clerks: list[int]
    leaders: list[int]
    chair: str


def _ensure_office(session: Session, actor: Actor, now: datetime) -> _Office:
    office = get_office(session)
    if office is None:
        province = next(p for p in geography.provinces() if p.key == "ninh binh")
        commune = geography.communes(province.code)[0]
        office, _ = save_office(session, suggested_profile(province.code, commune.code), actor, now)
    staff = list_staff(session)
    if not staff:
        for name, pos, role in [
            ("Trần Thị Thu", "Công chức Văn phòng - Thống kê", StaffRole.CLERK),
            ("Lê Văn Bình", "Công chức Tư pháp - Hộ tịch", StaffRole.CLERK),
            ("Nguyễn Văn Hùng", "Chủ tịch UBND xã", StaffRole.CHAIR),
            ("Phạm Thị Lan", "Phó Chủ tịch UBND xã", StaffRole.VICE_CHAIR),
        ]:
            save_staff(session, full_name=name, position=pos, role=role, actor=actor, now=now)
        staff = list_staff(session)
    clerks = [s.id for s in staff if s.role is StaffRole.CLERK] or [staff[0].id]
    leaders = [s.id for s in staff if s.role.can_preside] or clerks
    chair = next((s.full_name for s in staff if s.role is StaffRole.CHAIR), actor.name)
    return _Office(office.province_code, office.doc_symbol or "UBND", clerks, leaders, chair)


def _id_number(rng: random.Random, sex: kinds.Sex, birth: date) -> str:
    code = rng.choice(_CODES)
    century_digit = (birth.year // 100 - 19) * 2 + (1 if sex is kinds.Sex.FEMALE else 0)
    return f"{code}{century_digit}{birth.year % 100:02d}{rng.randrange(1_000_000):06d}"


_CODES = sorted(PROVINCE_CODES)


def _person(rng: random.Random, communes: list[int], today: date) -> dict[str, Any]:
    sex = kinds.Sex.MALE if rng.random() < 0.55 else kinds.Sex.FEMALE
    middle = MIDDLE_MALE if sex is kinds.Sex.MALE else MIDDLE_FEMALE
    given = GIVEN_MALE if sex is kinds.Sex.MALE else GIVEN_FEMALE
    name = f"{rng.choice(SURNAMES)} {rng.choice(middle)} {rng.choice(given)}"
    birth = date(rng.randint(1940, 2006), rng.randint(1, 12), rng.randint(1, 28))
    roll = rng.random()
    if roll < 0.85:
        doc_type, number = kinds.IdDocType.CITIZEN_ID, _id_number(rng, sex, birth)
    elif roll < 0.93:
        doc_type, number = kinds.IdDocType.LEGACY_CMND, f"{rng.randrange(10**8, 10**9)}"
    elif roll < 0.96:
        doc_type, number = kinds.IdDocType.PASSPORT, f"C{rng.randrange(10**7):07d}"
    else:
        doc_type, number = kinds.IdDocType.NONE, ""
    ward = rng.choice(communes)
    detail = f"{rng.choice(HAMLETS)}, số {rng.randint(1, 300)}"
    return {
        "uid": str(uuid.UUID(int=rng.getrandbits(128))),
        "full_name": name,
        "name_key": fold(name),
        "id_doc_type": doc_type.value,
        "id_number": number,
        "id_issue_date": min(today, date(rng.randint(2016, 2025), rng.randint(1, 12), 1)),
        "id_issue_place": ("Cục Cảnh sát QLHC về TTXH"
                           if doc_type is kinds.IdDocType.CITIZEN_ID else ""),
        "sex": sex.value,
        "birth_date": birth,
        "phone": f"09{rng.randrange(10**8):08d}" if rng.random() < 0.8 else "",
        "ward_code": ward,
        "address_detail": detail,
        "address": geography.address_line(detail, ward),
        "merged_into_id": None,
    }


def generate(
    session: Session,
    visits: int,
    *,
    seed: int,
    actor: Actor,
    now: datetime,
    cases: int | None = None,
    open_cases: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    chunk: int = 20_000,
) -> DemoResult:
    """Append ``visits`` synthetic visits ending on ``now``'s reception day, and ``cases`` cases
    opened on some of them (default: ``default_cases``; 0 for none).

    ``open_cases``: keep at least this many cases open (benchmarks need many open cases; by
    default about 2.5 % stall, besides the ones still running). Inserts in chunks through SQL
    bulk statements (one commit per chunk) so a million visits take minutes, not hours. Demo data
    bypasses per-row audit; one audit row records the run.
    """
    n_cases = default_cases(visits) if cases is None else cases
    if not 0 <= n_cases <= visits:  # each case is opened on a visit of this run
        raise ValueError(f"cases must be between 0 and {visits}, not {n_cases}")
    rng = random.Random(seed)
    dialogue_rng = random.Random(f"{seed}/dialogues")
    office = _ensure_office(session, actor, now)
    session.commit()
    communes = [c.code for c in geography.communes(office.province)]
    fields = demo_topics.form_fields(list_fields(session))  # as the visit form offers them
    today = office_day(now)
    # About 12 visits a working day going back as far as needed, but never more than ten
    # years: a bigger run (benchmarks) packs more visits into each day instead.
    days = min(max(1, visits // 12), MAX_WORKING_DAYS)
    first_day = today - timedelta(days=int(days * 7 / 5))
    span = (today - first_day).days + 1
    n_citizens = max(1, int(visits * 0.6))
    done = 0
    for start in range(0, n_citizens, chunk):
        rows = [_person(rng, communes, today) for _ in range(min(chunk, n_citizens - start))]
        for row in rows:
            row["created_at"] = row["updated_at"] = now
        session.execute(_core(Citizen).insert(), rows)
        session.commit()
    citizen_rows = session.execute(
        select(
            col(Citizen.id),
            col(Citizen.full_name),
            col(Citizen.name_key),
            col(Citizen.id_doc_type),
            col(Citizen.id_number),
            col(Citizen.address),
            col(Citizen.phone),
        )
        .order_by(col(Citizen.id).desc())
        .limit(n_citizens)
    ).all()
    by_id = {r.id: r for r in citizen_rows}
    _audit_each(session, "citizen", by_id, actor, now)
    # Zipf-like: a few citizens come back again and again (repeat visitors).
    weights = [1.0 / (i + 1) ** 0.35 for i in range(len(citizen_rows))]
    # Day offsets in order, so STT runs with the date within each year.
    offsets = sorted(rng.randrange(span) for _ in range(visits))
    calendar = office_calendar(session)
    planner = CasePlanner(
        random.Random(f"{seed}/cases"), slots=visits, cases=n_cases, today=today, now=now,
        calendar=calendar, rules=deadline_rules(session),
        numbers=DocumentNumbers(office.symbol, _document_numbers_used(session, office.symbol)),
        actor=actor.name, chair=office.chair, assignees=office.clerks + office.leaders,
        open_cases=open_cases, facts_rng=random.Random(f"{seed}/facts"),
        follows_rng=random.Random(f"{seed}/follows"),
        waiting_rng=random.Random(f"{seed}/waiting"),  # demo.waiting
    )
    topics = random.Random(f"{seed}/topics")  # the rarer fields (demo.topics)
    year_seq: dict[int, int] = {}
    case_seq: dict[int, int] = {}
    open_cases = 0
    while done < visits:
        n = min(chunk, visits - done)
        picks = rng.choices(citizen_rows, weights=weights, k=n)
        visit_rows: list[dict[str, Any]] = []
        planned: list[PlannedCase] = []
        for i in range(n):
            slot = done + i
            day = first_day + timedelta(days=offsets[slot])
            # Receptions happen on working days: a weekend, a holiday (01/01, Tết, 30/04, 02/09)
            # or an announced day off moves back to the last working day before it (monotone,
            # so STT still runs with the date).
            while not calendar.is_working_day(day):
                day -= timedelta(days=1)
            year_seq[day.year] = year_seq.get(day.year) or _start_seq(session, day.year)
            year_seq[day.year] += 1
            anchor = planner.is_anchor(slot)
            matter = planner.due_second(day) if anchor else planner.follow_up(day)
            citizen = by_id[matter.citizen_id] if matter is not None else picks[i]
            row = _visit(rng, citizen, day, year_seq[day.year], office.clerks, office.leaders,
                         fields, now, topics)
            if anchor:
                denunciation = row["petition_type"] == kinds.PetitionType.DENUNCIATION.value
                if denunciation and matter is None and day < planner.denunciations_from:
                    _retype(rng, row, kinds.PetitionType.PETITION, fields)
                elif matter is None and planner.waiting.wants_denunciation(day,
                                                                           row["petition_type"]):
                    _retype(planner.waiting.rng, row, kinds.PetitionType.DENUNCIATION, fields)
                case = planner.plan(row, day, previous=matter)
                year = case.row["year"]
                case_seq[year] = case_seq.get(year) or _start_case_seq(session, year)
                case_seq[year] += 1
                case.row["seq"] = case_seq[year]
                planned.append(case)
                open_cases += case.state.stage.is_open
                row["_case"] = case.matter
            elif matter is not None:
                _follow_up(rng, row, matter)
                row["_case"] = matter
            visit_rows.append(row)
        for case in planned:  # issue 14: the dialogue rule's record on every case row
            case.row["verification_differs"] = demo_dialogues.verification_of(dialogue_rng, case)
        _insert_cases(session, planner, planned)
        dialogue_ids = demo_dialogues.insert(session, dialogue_rng, planned, now)
        for row in visit_rows:
            linked: Matter | None = row.pop("_case", None)
            row["case_id"] = linked.case_id if linked is not None else None
        session.execute(
            _core(Visit).insert(),
            [{k: v for k, v in r.items() if k != "_docs"} for r in visit_rows],
        )
        docs = []
        uid_docs = {v["uid"]: v["_docs"] for v in visit_rows}
        visit_ids = []
        if uid_docs:
            for vid, vuid in session.execute(
                select(col(Visit.id), col(Visit.uid)).where(col(Visit.uid).in_(list(uid_docs)))
            ):
                visit_ids.append(vid)
                for pos, (name, pages, cond) in enumerate(uid_docs[vuid]):
                    docs.append(
                        {
                            "visit_id": vid,
                            "position": pos,
                            "name": name,
                            "pages": pages,
                            "condition": cond,
                        }
                    )
            if docs:
                session.execute(_core(VisitDocument).insert(), docs)
        _audit_each(session, "visit", visit_ids, actor, now)
        _audit_each(session, "case", [p.matter.case_id for p in planned], actor, now)
        _audit_each(session, "dialogue", dialogue_ids, actor, now)
        if planned:
            _audit_each(session, "directive", session.scalars(select(col(Directive.id)).where(
                col(Directive.case_id).in_([p.matter.case_id for p in planned]))), actor, now)
        for year, last in year_seq.items():
            counters.raise_counter_to(session, counters.VISIT_STT, year, last)
        for year, last in case_seq.items():
            counters.raise_counter_to(session, counters.CASE_NUMBER, year, last)
        session.commit()
        done += n
        if progress:
            progress(done, visits)
    # The head's reception sessions of the last twelve months (issue 14).
    n_sessions = generate_sessions(session, rng=random.Random(f"{seed}/sessions"),
                                   first_day=first_day, today=today, calendar=calendar,
                                   actor=actor, now=now)
    session.commit()
    # The office's own notices (TB) and transfer slips (PC) continue after the demo's numbers.
    for (symbol, year), last in planner.numbers.last.items():
        scope = _COUNTER_OF_SYMBOL.get(symbol.split("-", 1)[0])
        if scope is not None:
            counters.raise_counter_to(session, scope, year, last)
    # Fresh statistics for the query planner after a bulk load (as the app's PRAGMA optimize
    # would do over time).
    session.execute(text("ANALYZE"))
    repo.add_audit(
        session,
        at=now,
        actor=actor.name,
        action="demo",
        entity="database",
        entity_id="-",
        after={"visits": visits, "cases": n_cases, "seed": seed, "sessions": n_sessions},
    )
    session.commit()
    return DemoResult(visits, len(citizen_rows), first_day, today, n_cases, open_cases,
                      n_sessions)


def _audit_each(session: Session, entity: str, ids: Iterable[int | None], actor: Actor,
                now: datetime) -> None:
    """One audit row per record written in bulk: the chain snapshots each at commit, so an
    untouched demo database checks clean (services/office/integrity.py)."""
    for record_id in ids:
        if record_id is not None:
            repo.add_audit(session, at=now, actor=actor.name, action="demo", entity=entity,
                           entity_id=record_id)


# Document kinds (NĐ 30/2020 abbreviations) the office also numbers through a counter when it
# prints them (services/documents: refusal notices TB, transfer slips PC).
_COUNTER_OF_SYMBOL = {"TB": counters.document_scope("refusal"),
                      "PC": counters.document_scope("transfer")}


def _document_numbers_used(session: Session, office_symbol: str) -> dict[tuple[str, int], int]:
    """The highest number per (symbol, year) already used: by the office's counters and by
    the document numbers of earlier case events (a second demo run continues after them)."""
    last: dict[tuple[str, int], int] = {}
    for kind, scope in _COUNTER_OF_SYMBOL.items():
        for counter in session.scalars(select(Counter).where(col(Counter.scope) == scope)):
            last[(f"{kind}-{office_symbol}", counter.year)] = counter.last_value
    for number, on in session.execute(
        select(col(CaseEventRow.document_number), col(CaseEventRow.document_date)).where(
            col(CaseEventRow.document_number) != "", col(CaseEventRow.document_date).is_not(None)
        )
    ):
        try:
            doc = parse_document_number(number)
        except UserError:
            continue
        assert on is not None  # filtered in SQL
        key = (doc.symbol, on.year)
        last[key] = max(last.get(key, 0), doc.number)
    return last


def _insert_cases(session: Session, planner: CasePlanner, planned: list[PlannedCase]) -> None:
    """Insert the chunk's cases, then their events, complainants and directives. A case that
    follows one of the same chunk (a second complaint, a repeat denunciation) goes in a later
    round, once the one it follows has its id (a third denunciation of a matter: a third round).

    Core executemany (as for visits) with the same keys in every row: the ORM's bulk insert
    splits the rows wherever another column is None, nearly one statement per row.
    """
    if not planned:
        return
    rounds: list[list[PlannedCase]] = []
    depth: dict[int, int] = {}  # id(matter) → its round (planned in order of receipt)
    for p in planned:
        previous = planner.matters[p.previous_index] if p.previous_index is not None else None
        at = depth.get(id(previous), -1) + 1 if previous is not None else 0
        depth[id(p.matter)] = at
        if at == len(rounds):
            rounds.append([])
        rounds[at].append(p)
    for part in rounds:
        if not part:
            continue
        for p in part:
            if p.previous_index is not None:
                p.row["previous_case_id"] = planner.matters[p.previous_index].case_id
        session.execute(_core(CaseFile).insert(), [p.row for p in part])
        by_uid = {p.row["uid"]: p for p in part}
        uids = list(by_uid)
        for start in range(0, len(uids), 5000):
            for case_id, uid in session.execute(
                select(col(CaseFile.id), col(CaseFile.uid)).where(
                    col(CaseFile.uid).in_(uids[start : start + 5000])
                )
            ):
                by_uid[uid].matter.case_id = case_id
    events: list[dict[str, Any]] = []
    complainants: list[dict[str, Any]] = []
    directives: list[dict[str, Any]] = []
    for p in planned:
        case_id = p.matter.case_id
        for position, event in enumerate(p.events, start=1):
            events.append({**event, "case_id": case_id, "position": position})
        complainants.append(
            {"case_id": case_id, "citizen_id": p.matter.citizen_id, "role": "complainant"}
        )
        if p.directive is not None:
            directives.append({**p.directive, "case_id": case_id})
    session.execute(_core(CaseEventRow).insert(), events)
    session.execute(_core(CaseCitizen).insert(), complainants)
    if directives:
        session.execute(_core(Directive).insert(), directives)


def _core(model: type[object]) -> Table:
    table = getattr(model, "__table__")  # noqa: B009 - SQLModel declares it untyped
    assert isinstance(table, Table)
    return table


def _start_case_seq(session: Session, year: int) -> int:
    highest = session.scalar(select(func.max(col(CaseFile.seq))).where(col(CaseFile.year) == year))
    counter = session.get(Counter, (counters.CASE_NUMBER, year))
    return max(int(highest or 0), counter.last_value if counter else 0)


def _retype(rng: random.Random, row: dict[str, Any], ptype: kinds.PetitionType,
            fields: dict[kinds.PetitionType, frozenset[str]]) -> None:
    content = rng.choice(CONTENTS[ptype]).format(n=rng.randint(10, 999))
    field = rng.choice(FIELD_BY_TYPE[ptype])
    row.update(petition_type=ptype.value, content=content, content_key=fold(content),
               field_code=field if field in fields[ptype] else None)


def _follow_up(rng: random.Random, row: dict[str, Any], matter: Matter) -> None:
    """A visit by the complainant about their case: same matter, explained at the counter."""
    content = f"Đề nghị cho biết kết quả giải quyết: {matter.title}"
    row.update(
        petition_type=matter.petition_type, field_code=matter.field_code, content=content,
        content_key=fold(content), direction=kinds.HandlingDirection.EXPLAIN.value,
        within_competence=matter.within, target_body="", target_doc_number="",
        prior_bodies="Đã gửi đơn đến UBND xã",
    )
    if matter.crowd and rng.random() < 0.6:
        make_crowd(rng, row)
        if rng.random() < 0.1:
            row["incident"] = True
            row["incident_note"] = "Một số người to tiếng, lực lượng công an xã có mặt."
    elif row["people_count"] >= 5:  # a lone returning complainant does not come as a crowd
        row.update(people_count=1, delegation=False, representatives=0, notes="")


def _start_seq(session: Session, year: int) -> int:
    return int(session.scalar(select(func.max(col(Visit.seq))).where(col(Visit.year) == year)) or 0)


def _visit(
    rng: random.Random,
    citizen: Any,
    day: date,
    seq: int,
    clerks: list[int],
    leaders: list[int],
    fields: dict[kinds.PetitionType, frozenset[str]],
    now: datetime,
    topics: random.Random,
) -> dict[str, Any]:
    ptype = rng.choices(list(kinds.PetitionType), weights=[35, 10, 40, 15])[0]
    kind = rng.choices(list(kinds.VisitKind), weights=[80, 15, 5])[0]
    content = rng.choice(CONTENTS[ptype]).format(n=rng.randint(10, 999))
    crowd = rng.random() < 0.03
    people = rng.randint(5, 40) if crowd else (rng.randint(2, 4) if rng.random() < 0.05 else 1)
    # A crowd is a delegation (đoàn đông người) speaking through representatives (Art. 29).
    representatives = rng.randint(1, max_representatives(people) or 1) if crowd else 0
    incident = crowd and rng.random() < 0.02
    direction = rng.choices(
        [
            kinds.HandlingDirection.ACCEPT,
            kinds.HandlingDirection.GUIDE,
            kinds.HandlingDirection.TRANSFER,
            kinds.HandlingDirection.EXPLAIN,
            kinds.HandlingDirection.FILE,
        ],
        weights=[40, 25, 20, 10, 5],
    )[0]
    if (direction is kinds.HandlingDirection.TRANSFER
            and ptype is kinds.PetitionType.COMPLAINT):
        # A complaint is guided to the competent body, not transferred (Luật TCD Art. 26(1)).
        direction = kinds.HandlingDirection.GUIDE
    target = rng.choice(TRANSFER_BODIES) if direction.needs_target_body else ""
    # No slip number is made up here: a visit that opens a case gets the number of its case's
    # transfer slip (one per visit, from the office's PC sequence; demo.cases); guidance never
    # carries one.
    moment = working_moment(rng, day, now)
    field = rng.choice(FIELD_BY_TYPE[ptype])
    rare = demo_topics.rare_field(topics, ptype)  # tư pháp, Đảng, tc.hc.*: a few in a hundred
    if rare is not None:
        field, content = rare
    n_docs = rng.choices([0, 1, 2, 3], weights=[50, 30, 15, 5])[0]
    return {
        "uid": str(uuid.UUID(int=rng.getrandbits(128))),
        "year": day.year,
        "seq": seq,
        "received_at": moment,
        "reception_date": day,
        "kind": kind.value,
        "receiving_staff_id": rng.choice(clerks),
        "presiding_leader_id": rng.choice(leaders) if kind.needs_presiding_leader else None,
        "citizen_id": citizen.id,
        "citizen_name": citizen.full_name,
        "citizen_name_key": citizen.name_key,
        "id_doc_type": citizen.id_doc_type,
        "id_number": citizen.id_number,
        "id_override_reason": "",
        "address": citizen.address,
        "phone": citizen.phone,
        "people_count": people,
        "content": content,
        "content_key": fold(content),
        "petition_type": ptype.value,
        "field_code": field if field in fields[ptype] else None,
        "prior_bodies": rng.choice(["", "", "UBND xã đã trả lời bằng văn bản", "Chưa"]),
        "within_competence": direction is kinds.HandlingDirection.ACCEPT,
        "direction": direction.value,
        "target_body": target,
        "target_doc_number": "",
        "follow_up": "",
        "notes": "Đoàn đông người" if crowd else "",
        "case_id": None,
        "delegation": crowd,
        "representatives": representatives,
        "incident": incident,
        "incident_note": "Công dân to tiếng, gây mất trật tự tại phòng tiếp." if incident else "",
        "voided_at": None,
        "void_reason": "",
        "voided_by": "",
        "created_at": moment,
        "created_by": "demo",
        "updated_at": moment,
        "version": 1,
        "_docs": [
            (
                rng.choice(DOCUMENT_NAMES),
                rng.randint(1, 12),
                rng.choice(list(kinds.DocumentCondition)).value,
            )
            for _ in range(n_docs)
        ],
    }
