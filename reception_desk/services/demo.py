"""Realistic synthetic logbook data for trying the app and for benchmarks.

Vietnamese names with correct diacritics, real communes of the office's province, structurally
valid personal ID numbers, every visit kind and type, crowd visits and repeat visitors.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session
from sqlmodel import col

from reception_desk.config import OFFICE_TZ
from reception_desk.domain import geography
from reception_desk.domain.classification import (
    DocumentCondition,
    HandlingDirection,
    IdDocType,
    PetitionType,
    Sex,
    VisitKind,
)
from reception_desk.domain.identity import PROVINCE_CODES
from reception_desk.domain.text import fold
from reception_desk.services.context import Actor
from reception_desk.services.dto import StaffRole
from reception_desk.services.office import (
    get_office,
    list_staff,
    save_office,
    save_staff,
    suggested_profile,
)
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import Citizen, FieldCategory, Visit, VisitDocument

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
CONTENTS: dict[PetitionType, list[str]] = {
    PetitionType.COMPLAINT: [
        "Khiếu nại quyết định thu hồi đất số {n}/QĐ-UBND, đề nghị xem xét lại mức bồi thường.",
        "Khiếu nại việc UBND xã không cấp giấy xác nhận tình trạng đất đai cho thửa số {n}.",
        "Khiếu nại quyết định xử phạt vi phạm hành chính về trật tự xây dựng.",
        "Khiếu nại việc chi trả trợ cấp người có công chưa đúng chế độ.",
    ],
    PetitionType.DENUNCIATION: [
        "Tố cáo cán bộ địa chính xã có hành vi nhũng nhiễu khi làm thủ tục đất đai.",
        "Tố cáo hộ gia đình lấn chiếm đất hành lang giao thông tại thửa số {n}.",
        "Tố cáo việc khai thác cát trái phép trên sông gây sạt lở bờ.",
    ],
    PetitionType.PETITION: [
        "Kiến nghị sửa chữa tuyến đường liên thôn bị xuống cấp, ổ gà nhiều.",
        "Kiến nghị cấp giấy chứng nhận quyền sử dụng đất cho thửa số {n}.",
        "Kiến nghị giải quyết chế độ bảo trợ xã hội cho người cao tuổi.",
        "Kiến nghị xem xét hỗ trợ tái định cư cho các hộ bị ảnh hưởng bởi dự án.",
    ],
    PetitionType.REFLECTION: [
        "Phản ánh cơ sở chăn nuôi gây ô nhiễm môi trường, mùi hôi ảnh hưởng khu dân cư.",
        "Phản ánh tình trạng tiếng ồn kéo dài từ xưởng gỗ vào ban đêm.",
        "Phản ánh việc đổ rác thải không đúng nơi quy định tại đầu thôn.",
    ],
}
FIELD_BY_TYPE = {
    PetitionType.COMPLAINT: ["kn.hc.dat_dai", "kn.hc.boi_thuong", "kn.hc.chinh_sach", "kn.hc.khac"],
    PetitionType.DENUNCIATION: ["tc.hc", "tc.tham_nhung", "tc.khac"],
    PetitionType.PETITION: ["pakn.dat_dai", "pakn.chinh_sach", "pakn.khac"],
    PetitionType.REFLECTION: ["pakn.moi_truong", "pakn.khac", "pakn.ton_giao", "pakn.dan_toc"],
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


def _ensure_office(
    session: Session, actor: Actor, now: datetime
) -> tuple[int, list[int], list[int]]:
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
    return office.province_code, clerks, leaders


def _id_number(rng: random.Random, sex: Sex, birth: date) -> str:
    code = rng.choice(_CODES)
    century_digit = (birth.year // 100 - 19) * 2 + (1 if sex is Sex.FEMALE else 0)
    return f"{code}{century_digit}{birth.year % 100:02d}{rng.randrange(1_000_000):06d}"


_CODES = sorted(PROVINCE_CODES)


def _person(rng: random.Random, communes: list[int], today: date) -> dict[str, Any]:
    sex = Sex.MALE if rng.random() < 0.55 else Sex.FEMALE
    middle = MIDDLE_MALE if sex is Sex.MALE else MIDDLE_FEMALE
    given = GIVEN_MALE if sex is Sex.MALE else GIVEN_FEMALE
    name = f"{rng.choice(SURNAMES)} {rng.choice(middle)} {rng.choice(given)}"
    birth = date(rng.randint(1940, 2006), rng.randint(1, 12), rng.randint(1, 28))
    roll = rng.random()
    if roll < 0.85:
        doc_type, number = IdDocType.CITIZEN_ID, _id_number(rng, sex, birth)
    elif roll < 0.93:
        doc_type, number = IdDocType.LEGACY_CMND, f"{rng.randrange(10**8, 10**9)}"
    elif roll < 0.96:
        doc_type, number = IdDocType.PASSPORT, f"C{rng.randrange(10**7):07d}"
    else:
        doc_type, number = IdDocType.NONE, ""
    ward = rng.choice(communes)
    detail = f"{rng.choice(HAMLETS)}, số {rng.randint(1, 300)}"
    return {
        "uid": str(uuid.UUID(int=rng.getrandbits(128))),
        "full_name": name,
        "name_key": fold(name),
        "id_doc_type": doc_type.value,
        "id_number": number,
        "id_issue_date": min(today, date(rng.randint(2016, 2025), rng.randint(1, 12), 1)),
        "id_issue_place": "Cục Cảnh sát QLHC về TTXH" if doc_type is IdDocType.CITIZEN_ID else "",
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
    progress: Callable[[int, int], None] | None = None,
    chunk: int = 20_000,
) -> DemoResult:
    """Append ``visits`` synthetic visits ending on ``now``'s reception day.

    Inserts in chunks through SQL bulk statements (one commit per chunk) so a million visits
    take minutes, not hours. Demo data bypasses per-row audit; one audit row records the run.
    """
    rng = random.Random(seed)
    province, clerks, leaders = _ensure_office(session, actor, now)
    session.commit()
    communes = [c.code for c in geography.communes(province)]
    fields = set(session.scalars(select(col(FieldCategory.code))))
    today = now.astimezone(OFFICE_TZ).date()
    # About 12 visits a working day going back as far as needed, but never more than ten
    # years: a bigger run (benchmarks) packs more visits into each day instead.
    days = min(max(1, visits // 12), MAX_WORKING_DAYS)
    first_day = today - timedelta(days=int(days * 7 / 5))
    span = (today - first_day).days + 1
    n_citizens = max(1, int(visits * 0.6))
    citizen_ids: list[int] = []
    done = 0
    for start in range(0, n_citizens, chunk):
        rows = [_person(rng, communes, today) for _ in range(min(chunk, n_citizens - start))]
        for row in rows:
            row["created_at"] = row["updated_at"] = now
        session.execute(insert(Citizen), rows)
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
    citizen_ids = [r.id for r in citizen_rows]
    # Zipf-like: a few citizens come back again and again (repeat visitors).
    weights = [1.0 / (i + 1) ** 0.35 for i in range(len(citizen_rows))]
    # Day offsets in order, so STT runs with the date within each year.
    offsets = sorted(rng.randrange(span) for _ in range(visits))
    year_seq: dict[int, int] = {}
    while done < visits:
        n = min(chunk, visits - done)
        picks = rng.choices(citizen_rows, weights=weights, k=n)
        visit_rows: list[dict[str, Any]] = []
        for i in range(n):
            day = first_day + timedelta(days=offsets[done + i])
            if day.weekday() >= 5:
                day -= timedelta(days=day.weekday() - 4)
            year_seq[day.year] = year_seq.get(day.year) or _start_seq(session, day.year)
            year_seq[day.year] += 1
            visit_rows.append(
                _visit(rng, picks[i], day, year_seq[day.year], clerks, leaders, fields, now)
            )
        session.execute(
            insert(Visit), [{k: v for k, v in r.items() if k != "_docs"} for r in visit_rows]
        )
        docs = []
        uid_docs = {v["uid"]: v["_docs"] for v in visit_rows if v["_docs"]}
        if uid_docs:
            for vid, vuid in session.execute(
                select(col(Visit.id), col(Visit.uid)).where(col(Visit.uid).in_(list(uid_docs)))
            ):
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
            session.execute(insert(VisitDocument), docs)
        for year, last in year_seq.items():
            repo.raise_counter_to(session, "visit", year, last)
        session.commit()
        done += n
        if progress:
            progress(done, visits)
    repo.add_audit(
        session,
        at=now,
        actor=actor.name,
        action="demo",
        entity="database",
        entity_id="-",
        after={"visits": visits, "seed": seed},
    )
    session.commit()
    return DemoResult(visits, len(citizen_ids), first_day, today)


def _start_seq(session: Session, year: int) -> int:
    return int(session.scalar(select(func.max(col(Visit.seq))).where(col(Visit.year) == year)) or 0)


def _visit(
    rng: random.Random,
    citizen: Any,
    day: date,
    seq: int,
    clerks: list[int],
    leaders: list[int],
    fields: set[str],
    now: datetime,
) -> dict[str, Any]:
    ptype = rng.choices(list(PetitionType), weights=[35, 10, 40, 15])[0]
    kind = rng.choices(list(VisitKind), weights=[80, 15, 5])[0]
    content = rng.choice(CONTENTS[ptype]).format(n=rng.randint(10, 999))
    crowd = rng.random() < 0.03
    people = rng.randint(5, 40) if crowd else (rng.randint(2, 4) if rng.random() < 0.05 else 1)
    direction = rng.choices(
        [
            HandlingDirection.ACCEPT,
            HandlingDirection.GUIDE,
            HandlingDirection.TRANSFER,
            HandlingDirection.EXPLAIN,
            HandlingDirection.FILE,
        ],
        weights=[40, 25, 20, 10, 5],
    )[0]
    target = rng.choice(TRANSFER_BODIES) if direction.needs_target_body else ""
    moment = datetime.combine(day, time(rng.randint(7, 16), rng.randint(0, 59)), OFFICE_TZ)
    moment = min(moment.astimezone(UTC), now)
    field = rng.choice(FIELD_BY_TYPE[ptype])
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
        "field_code": field if field in fields else None,
        "prior_bodies": rng.choice(["", "", "UBND xã đã trả lời bằng văn bản", "Chưa"]),
        "within_competence": direction is HandlingDirection.ACCEPT,
        "direction": direction.value,
        "target_body": target,
        "target_doc_number": f"{rng.randint(1, 300):02d}/PC-UBND" if target else "",
        "follow_up": "",
        "notes": "Đoàn đông người" if crowd else "",
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
                rng.choice(list(DocumentCondition)).value,
            )
            for _ in range(n_docs)
        ],
    }
