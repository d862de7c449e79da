"""The rarer fields (lĩnh vực) of the demo's petitions, each with a content that fits it: what
fills the forms' field columns the common draw (``generator.FIELD_BY_TYPE``) leaves empty.

- Complaints and denunciations in the judicial field (tư pháp: civil status, certification,
  judgment enforcement) and on the Party and mass organisations (Đảng, đoàn thể) are a few in a
  hundred (02/XLD cols 13–14, 03/XLD cols 15–16; codes of migration 0001).
- Administrative denunciations on benefits and policies, on land and housing, and on civil
  servants' conduct (tc.hc.chinh_sach, tc.hc.dat_dai, tc.hc.cong_vu: 03/XLD cols 10–12) and
  petitions and reflections in the judicial field (pakn.tu_phap: 04/XLD col 11) likewise; their
  codes are seeded since migration 0017.

A visit records a field only where the visit form would offer it (``form_fields``: an active
entry of the visit's petition type or of none); one a database lacks or has retired is left
empty, the content kept. Drawn from the generator's own "topics" stream: same seed, same data.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

from reception_desk.domain.classification import PetitionType
from reception_desk.services.office.dto import FieldCategoryDTO

#: Share of the petitions of a type whose field is one of the rarer ones, with contents that fit.
RARE_FIELDS: dict[PetitionType, list[tuple[str, float, list[str]]]] = {
    PetitionType.COMPLAINT: [
        ("kn.tu_phap", 0.04, [
            "Khiếu nại việc công chức tư pháp - hộ tịch xã từ chối đăng ký khai sinh cho con.",
            "Khiếu nại việc UBND xã không chứng thực hợp đồng tặng cho quyền sử dụng đất.",
        ]),
        ("kn.dang", 0.02, [
            "Khiếu nại quyết định của Ban công tác Mặt trận thôn về bình xét hộ nghèo.",
            "Khiếu nại việc Hội Nông dân xã không xét cho vay vốn hỗ trợ sản xuất.",
        ]),
    ],
    PetitionType.DENUNCIATION: [
        ("tc.tu_phap", 0.05, [
            "Tố cáo công chức tư pháp - hộ tịch xã nhận tiền khi chứng thực giấy tờ.",
            "Tố cáo việc cưỡng chế thi hành án dân sự không đúng quy định tại thôn.",
        ]),
        ("tc.dang", 0.03, [
            "Tố cáo đảng viên chi bộ thôn vi phạm những điều đảng viên không được làm.",
            "Tố cáo Chi hội trưởng phụ nữ thôn sử dụng sai quỹ hội.",
        ]),
        ("tc.hc.chinh_sach", 0.04, [
            "Tố cáo trưởng thôn đưa người thân không đủ điều kiện vào danh sách hộ nghèo để "
            "hưởng chính sách hỗ trợ.",
            "Tố cáo công chức văn hóa - xã hội xã lập hồ sơ khống để hưởng trợ cấp bảo trợ "
            "xã hội.",
        ]),
        ("tc.hc.dat_dai", 0.06, [
            "Tố cáo công chức địa chính xã xác nhận sai nguồn gốc sử dụng đất để cấp giấy "
            "chứng nhận.",
            "Tố cáo cán bộ xã bao che cho hộ gia đình xây nhà trái phép trên đất nông nghiệp.",
        ]),
        ("tc.hc.cong_vu", 0.05, [
            "Tố cáo công chức bộ phận một cửa xã gây phiền hà, sách nhiễu khi giải quyết thủ "
            "tục hành chính.",
            "Tố cáo cán bộ xã không thực hiện đúng nhiệm vụ, công vụ khi giải quyết hồ sơ "
            "của công dân.",
        ]),
    ],
    PetitionType.PETITION: [
        ("pakn.tu_phap", 0.03, [
            "Kiến nghị xã tổ chức hòa giải ở cơ sở tranh chấp lối đi chung giữa hai hộ gia đình.",
            "Kiến nghị rút ngắn thời gian cấp trích lục khai sinh tại bộ phận một cửa xã.",
        ]),
    ],
    PetitionType.REFLECTION: [
        ("pakn.tu_phap", 0.03, [
            "Phản ánh việc chứng thực bản sao giấy tờ tại xã phải chờ lâu, phí chứng thực "
            "không được niêm yết.",
            "Phản ánh việc đăng ký kết hôn tại xã yêu cầu nộp giấy tờ ngoài quy định.",
        ]),
    ],
}


def rare_field(rng: random.Random, ptype: PetitionType) -> tuple[str, str] | None:
    """(field code, content) of a rarer field for a petition of ``ptype``, or None (most)."""
    options = RARE_FIELDS.get(ptype)
    if not options:
        return None
    draw = rng.random()
    for code, share, contents in options:
        if draw < share:
            return code, rng.choice(contents)
        draw -= share
    return None


def form_fields(categories: Iterable[FieldCategoryDTO]) -> dict[PetitionType, frozenset[str]]:
    """The field codes the visit form offers for each petition type (the office's active
    entries, ``services.office.setup.list_fields``, of that type or of none; the form's
    ``ContentSection.fill_fields``)."""
    active = [c for c in categories if c.active]
    return {ptype: frozenset(c.code for c in active if c.petition_type in (None, ptype.value))
            for ptype in PetitionType}
