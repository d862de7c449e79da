"""Legal wording printed on the forms: Vietnamese by law, never translated (DESIGN.md §5).

Labels of the domain's codes as the forms print them (petition types, identity papers, document
conditions, handling directions, forms of address), the legal grounds of a refusal, the legal
basis of a transfer, and what a redacted transfer slip prints instead of the denouncer's identity.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reception_desk.domain.classification import DocumentCondition
from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import IdDocType
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.classification import Sex
from reception_desk.printing.dto import OfficeHeader
from reception_desk.printing.dto import SignatureBlock
from reception_desk.printing.layout import short_date

PETITION_NOUN: dict[PetitionType, str] = {
    PetitionType.COMPLAINT: "khiếu nại",
    PetitionType.DENUNCIATION: "tố cáo",
    PetitionType.PETITION: "kiến nghị",
    PetitionType.REFLECTION: "phản ánh",
}
#: 12-column logbook (TT 04/2021 Mẫu 03) "Phân loại đơn".
PETITION_LABEL: dict[PetitionType, str] = {k: v.capitalize() for k, v in PETITION_NOUN.items()}
#: 13-column logbook (NĐ 154/2026 Mẫu 03/TCD) "Loại đơn (KN/TC/KN/PA)": the form groups
#: kiến nghị and phản ánh as one class.
PETITION_CODE: dict[PetitionType, str] = {
    PetitionType.COMPLAINT: "KN",
    PetitionType.DENUNCIATION: "TC",
    PetitionType.PETITION: "KN/PA",
    PetitionType.REFLECTION: "KN/PA",
}
#: Label before the number on receipts and notices (NĐ 154/2026 Art. 12 wording).
ID_LABEL: dict[IdDocType, str] = {
    IdDocType.CITIZEN_ID: "Số căn cước",
    IdDocType.LEGACY_CMND: "Số chứng minh nhân dân",
    IdDocType.ID_CERTIFICATE: "Số giấy chứng nhận căn cước",
    IdDocType.PASSPORT: "Hộ chiếu số",
    IdDocType.OTHER: "Số giấy tờ tùy thân",
}
#: Short form in the logbook's identity column.
ID_SHORT: dict[IdDocType, str] = {
    IdDocType.CITIZEN_ID: "CCCD",
    IdDocType.LEGACY_CMND: "CMND",
    IdDocType.ID_CERTIFICATE: "GCN căn cước",
    IdDocType.PASSPORT: "Hộ chiếu",
    IdDocType.OTHER: "Giấy tờ",
}
CONDITION_LABEL: dict[DocumentCondition, str] = {
    DocumentCondition.ORIGINAL: "Bản gốc",
    DocumentCondition.COPY: "Bản photo",
    DocumentCondition.CERTIFIED_COPY: "Bản sao có chứng thực",
}
DIRECTION_LABEL: dict[HandlingDirection, str] = {
    HandlingDirection.ACCEPT: "Thụ lý để giải quyết",
    HandlingDirection.GUIDE: "Trả lại đơn và hướng dẫn",
    HandlingDirection.TRANSFER: "Chuyển đơn đến cơ quan có thẩm quyền",
    HandlingDirection.REQUIRE_LOWER: "Yêu cầu cấp dưới giải quyết",
    HandlingDirection.EXPLAIN: "Giải thích, yêu cầu chấp hành",
    HandlingDirection.REVIEW: "Báo cáo để xem xét lại",
    HandlingDirection.TO_POLICE: "Chuyển cơ quan điều tra",
    HandlingDirection.TO_PARTY: "Chuyển tổ chức Đảng",
    HandlingDirection.PREVENTIVE: "Áp dụng biện pháp ngăn chặn",
    HandlingDirection.REFUSE: "Từ chối tiếp công dân",
    HandlingDirection.FILE: "Lưu đơn",
    HandlingDirection.ANONYMOUS: "Không xử lý (đơn nặc danh)",
}
TITLE_BY_SEX: dict[Sex | None, str] = {Sex.MALE: "Ông", Sex.FEMALE: "Bà", None: "Ông (Bà)"}

REFUSAL_BASIS = "khoản 3 Điều 9 Luật Tiếp công dân"
DECREE_154 = "Nghị định số 154/2026/NĐ-CP"


@dataclass(frozen=True)
class RefusalGround:
    """A legal ground for refusing a reception (LEGAL.md §1.3), as printed on Mẫu 01/TCD.

    ``written_notice``: the law asks for a written notice (Luật TCD Art. 9(3); NĐ 154/2026 for
    a petition already answered with no new content); on the other grounds the refusal is
    explained in person and a notice is optional.
    """

    code: str
    legal_basis: str
    reason: str
    written_notice: bool = False


def _nd154(point: str) -> str:
    return f"điểm {point} khoản 1 Điều 4 {DECREE_154}"


#: NĐ 154/2026/NĐ-CP took effect on 01/07/2026 (LEGAL.md §0).
DECREE_154_EFFECTIVE = date(2026, 7, 1)
DECREE_154_REFUSAL = f"khoản 1 Điều 4 {DECREE_154}"


def refusal_basis(basis: str, issued_on: date) -> str:
    """The legal basis a refusal notice prints. From 01/07/2026 Mẫu 01/TCD cites Luật TCD Art. 9
    and the applicable point of NĐ 154/2026 Art. 4(1) (LEGAL.md §2.3): a basis naming only the
    Law gets the decree's clause added; one already citing the decree is kept as chosen."""
    if issued_on < DECREE_154_EFFECTIVE or "154/2026" in basis:
        return basis
    return f"{basis} và {DECREE_154_REFUSAL}"


#: Luật TCD Art. 9(1)–(3) (statute wording) and NĐ 154/2026 Art. 4(1) a–k (from 01/07/2026).
#: The NĐ 154/2026 point letters follow the order of LEGAL.md §1.3 (a, b, c, d, đ, e, g, h, i, k);
#: the reasons paraphrase the decree. Both stay editable in the refusal dialog.
REFUSAL_GROUNDS: tuple[RefusalGround, ...] = (
    RefusalGround(
        "tcd_9_1", "khoản 1 Điều 9 Luật Tiếp công dân",
        "Người đến nơi tiếp công dân trong tình trạng say do dùng chất kích thích, người mắc "
        "bệnh tâm thần hoặc một bệnh khác làm mất khả năng nhận thức hoặc khả năng điều khiển "
        "hành vi của mình"),
    RefusalGround(
        "tcd_9_2", "khoản 2 Điều 9 Luật Tiếp công dân",
        "Người có hành vi đe dọa, xúc phạm cơ quan, tổ chức, đơn vị, người tiếp công dân, người "
        "thi hành công vụ hoặc có hành vi khác vi phạm nội quy nơi tiếp công dân"),
    RefusalGround(
        "tcd_9_3", REFUSAL_BASIS,
        "Vụ việc đã được giải quyết đúng chính sách, pháp luật, được cơ quan nhà nước có thẩm "
        "quyền kiểm tra, rà soát, thông báo bằng văn bản và đã được tiếp, giải thích, hướng dẫn "
        "nhưng người khiếu nại, tố cáo vẫn cố tình khiếu nại, tố cáo kéo dài",
        written_notice=True),
    RefusalGround(
        "nd154_4_1_a", _nd154("a"),
        "Người mang theo vũ khí, vật liệu nổ, công cụ hỗ trợ hoặc vật dụng nguy hiểm khác và "
        "không chấp hành yêu cầu gửi lại theo nội quy nơi tiếp công dân"),
    RefusalGround(
        "nd154_4_1_b", _nd154("b"),
        "Người không chấp hành việc kiểm tra an ninh tại nơi tiếp công dân"),
    RefusalGround(
        "nd154_4_1_c", _nd154("c"),
        "Người ghi âm, ghi hình, phát trực tiếp tại nơi tiếp công dân sau khi đã được yêu cầu "
        "không thực hiện hoặc làm ảnh hưởng đến trật tự nơi tiếp công dân"),
    RefusalGround(
        "nd154_4_1_d", _nd154("d"),
        "Người có hành vi kích động, gây rối trật tự công cộng tại nơi tiếp công dân"),
    RefusalGround(
        "nd154_4_1_dd", _nd154("đ"),
        "Người không có năng lực hành vi dân sự đầy đủ mà không có người đại diện hợp pháp"),
    RefusalGround(
        "nd154_4_1_e", _nd154("e"),
        "Người đại diện, người được ủy quyền không có giấy tờ chứng minh việc đại diện, ủy "
        "quyền hợp pháp"),
    RefusalGround(
        "nd154_4_1_g", _nd154("g"),
        "Nội dung trình bày không thuộc phạm vi khiếu nại, tố cáo, kiến nghị, phản ánh"),
    RefusalGround(
        "nd154_4_1_h", _nd154("h"),
        "Kiến nghị, phản ánh đã được tiếp nhận, hướng dẫn hoặc trả lời bằng văn bản, nay "
        "không có nội dung mới",
        written_notice=True),
    RefusalGround(
        "nd154_4_1_i", _nd154("i"),
        "Vụ việc đã được giải quyết bằng bản án, quyết định của Tòa án đã có hiệu lực pháp luật, "
        "không thuộc trường hợp được xem xét lại theo văn bản trả lời của cơ quan có thẩm quyền"),
    RefusalGround(
        "nd154_4_1_k", _nd154("k"),
        "Vụ việc đang được cơ quan có thẩm quyền khác thụ lý, giải quyết"),
)

#: What a redacted transfer slip prints instead of the sender's name and address (LEGAL.md §7.1).
IDENTITY_WITHHELD = "(đã được giữ bí mật)"
TRANSFER_BASIS: dict[PetitionType, str] = {
    PetitionType.DENUNCIATION: "khoản 2 Điều 24 Luật Tố cáo",
    PetitionType.COMPLAINT: "Điều 26 Luật Tiếp công dân",
    PetitionType.PETITION: "Điều 26 Luật Tiếp công dân",
    PetitionType.REFLECTION: "Điều 26 Luật Tiếp công dân",
}


# --- phrases the services fill in -----------------------------------------------------------

SIGN_HERE = "(Ký, ghi rõ họ tên)"


def office_seat(office: OfficeHeader) -> str:
    """Where the office receives: "Trụ sở Ủy ban nhân dân xã Yên Phú"."""
    return f"Trụ sở {office.sentence_name}"


def chair_of(office: OfficeHeader) -> str:
    """The chairperson as named in a sentence: "Chủ tịch Ủy ban nhân dân xã Yên Phú"."""
    return f"Chủ tịch {office.sentence_name}"


def slip_writer(name: str) -> SignatureBlock:
    """The signature of whoever wrote an appointment slip."""
    return SignatureBlock(title="Người viết phiếu", name=name, note=SIGN_HERE)


def report_writer(name: str) -> SignatureBlock:
    """The signature of whoever prepared a report (the weekly pack)."""
    return SignatureBlock(title="Người lập báo cáo", name=name, note=SIGN_HERE)


def report_recipients(office: OfficeHeader) -> list[str]:
    """ "Nơi nhận" of a report to the chairperson."""
    return [f"{chair_of(office)} (để chỉ đạo)", "Lưu: VT"]


def petition_kind(petition_type: PetitionType) -> str:
    """ "đơn tố cáo", "đơn khiếu nại" …"""
    return f"đơn {PETITION_NOUN[petition_type]}"


def handed_in(count: int) -> str:
    """The attachments line of a transfer slip, or "" when nothing was handed in."""
    return f"Kèm theo {count:02d} tài liệu do công dân cung cấp" if count else ""


def identity_cell(doc_type: IdDocType, number: str, issued_on: date | None) -> str:
    """The logbook's identity column: "CCCD 037085001234, cấp ngày 03/05/2021"."""
    if doc_type not in ID_SHORT or not number:
        return ""
    text = f"{ID_SHORT[doc_type]} {number}"
    return f"{text}, cấp ngày {short_date(issued_on)}" if issued_on else text


def with_document_number(body: str, number: str) -> str:
    """A body and the document it was sent with: "Công an xã (văn bản số 12/PC-UBND)"."""
    return f"{body} (văn bản số {number})" if body and number else body


def voided_note(notes: str, reason: str) -> str:
    """The logbook's notes of a voided visit: its notes, then "Đã hủy: <reason>"."""
    voided = f"Đã hủy: {reason}"
    return f"{notes}\n{voided}" if notes else voided


def period_label(date_from: date, date_to: date) -> str:
    """ "Ngày 27/11/2026" or "Từ ngày 01/11/2026 đến ngày 30/11/2026"."""
    if date_from == date_to:
        return f"Ngày {short_date(date_from)}"
    return f"Từ ngày {short_date(date_from)} đến ngày {short_date(date_to)}"


#: Directions with no column of their own in either logbook layout: their handling prints in
#: "Ghi chú" so the row never looks unhandled (Luật TCD Art. 25(2): the book records the
#: reception and handling of every case).
_HANDLING_IN_NOTES = frozenset({
    HandlingDirection.EXPLAIN, HandlingDirection.REVIEW, HandlingDirection.PREVENTIVE,
    HandlingDirection.REFUSE, HandlingDirection.FILE, HandlingDirection.ANONYMOUS,
})


def handling_note(direction: HandlingDirection, refusal_number: str = "") -> str:
    """The handling of a visit whose direction has no logbook column: "Từ chối tiếp công dân
    (Thông báo số 05/TB-UBND)", "Lưu đơn"…; "" for directions that have a column."""
    if direction not in _HANDLING_IN_NOTES:
        return ""
    label = DIRECTION_LABEL[direction]
    if direction is HandlingDirection.REFUSE and refusal_number:
        return f"{label} (Thông báo số {refusal_number})"
    return label


def with_note(notes: str, extra: str) -> str:
    """``notes`` then ``extra`` on its own line (either may be empty)."""
    if not extra:
        return notes
    return f"{extra}\n{notes}" if notes else extra


def case_follow_up(number: str, closed: bool, closed_on: date | None, decision_number: str,
                   decision_date: date | None) -> str:
    """The "Theo dõi kết quả giải quyết" cell from the linked case, short enough for its narrow
    column: "Vụ việc 12/2026: QĐ/KL số 15/QĐ-UBND ngày 27/11/2026; kết thúc 30/11/2026"; ""
    while the case has neither a decision nor an end."""
    parts: list[str] = []
    if decision_number:
        decided = f"QĐ/KL số {decision_number}"
        if decision_date is not None:
            decided += f" ngày {short_date(decision_date)}"
        parts.append(decided)
    if closed:
        parts.append(f"kết thúc {short_date(closed_on)}" if closed_on else "đã kết thúc")
    if not parts:
        return ""
    return f"Vụ việc {number}: " + "; ".join(parts)
