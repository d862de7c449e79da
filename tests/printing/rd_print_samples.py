"""Sample data builders shared by the printing tests and benchmarks."""

from __future__ import annotations

from datetime import date
from datetime import timedelta

from reception_desk.domain.classification import HandlingDirection
from reception_desk.printing.dto import DocumentItem
from reception_desk.printing.dto import LogbookRow

LONG_CONTENT = (
    "Khiếu nại việc Ủy ban nhân dân xã thu hồi đất nông nghiệp của hộ gia đình tại thửa số 125, "
    "tờ bản đồ số 7 mà không bồi thường, hỗ trợ theo quy định; đề nghị xem xét lại quyết định "
    "thu hồi đất và bồi thường thiệt hại về cây trồng, vật nuôi trên đất cho gia đình."
)


def make_documents(n: int) -> list[DocumentItem]:
    conditions = ("Bản photo", "Bản sao có chứng thực", "Bản gốc")
    return [
        DocumentItem(f"Quyết định số {100 + i}/QĐ-UBND về việc thu hồi đất của hộ ông Nguyễn "
                     f"Văn Ánh, thửa số {i}", i % 9 + 1, conditions[i % 3])
        for i in range(1, n + 1)
    ]


_DIRECTIONS = (HandlingDirection.ACCEPT, HandlingDirection.GUIDE, HandlingDirection.TRANSFER,
               HandlingDirection.EXPLAIN)


def make_rows(n: int, content: str = LONG_CONTENT) -> list[LogbookRow]:
    return [
        LogbookRow(
            stt=i,
            received_on=date(2026, 1, 5) + timedelta(days=i // 8),
            name=f"Nguyễn Văn Ánh {i}",
            address="Thôn Đông Hưng, xã Yên Phú",
            id_doc="037085001234",
            content=content,
            type_label="KN" if i % 3 else "TC",
            people_count=1 if i % 7 else 6,
            handled_by="UBND huyện Yên Mô (cũ)" if i % 4 == 0 else "",
            direction=_DIRECTIONS[i % 4],
            within_competence=i % 4 == 0,
            guidance="Tòa án nhân dân khu vực 3; Văn bản số 15/UBND-TCD" if i % 4 == 1 else "",
            accepting_body="Công an xã Yên Phú; Phiếu chuyển số 12/PC-UBND" if i % 4 == 2 else "",
            follow_up="Đã giải quyết xong" if i % 5 == 0 else "",
            notes="Đoàn đông người" if i % 7 == 0 else "",
        )
        for i in range(1, n + 1)
    ]
