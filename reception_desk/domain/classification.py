"""Classification codes of the logbook (LEGAL.md §1.2, §2.1, §3): stable storage codes."""

from __future__ import annotations

from enum import StrEnum


class VisitKind(StrEnum):
    """Kind of reception (Luật TCD Art. 2(1))."""

    REGULAR = "regular"  # thường xuyên
    PERIODIC = "periodic"  # định kỳ (the head's scheduled reception)
    AD_HOC = "ad_hoc"  # đột xuất

    @property
    def needs_presiding_leader(self) -> bool:
        return self is not VisitKind.REGULAR


class PetitionType(StrEnum):
    """Type of the matter (Luật KN Art. 2, Luật TC Art. 2, Luật TCD Art. 2(2))."""

    COMPLAINT = "complaint"  # khiếu nại
    DENUNCIATION = "denunciation"  # tố cáo
    PETITION = "petition"  # kiến nghị
    REFLECTION = "reflection"  # phản ánh


class HandlingDirection(StrEnum):
    """Handling direction decided at the counter (LEGAL.md §1.2)."""

    ACCEPT = "accept"  # THU_LY
    GUIDE = "guide"  # HUONG_DAN: return and guide
    TRANSFER = "transfer"  # CHUYEN_DON
    REQUIRE_LOWER = "require_lower"  # YEU_CAU_CAP_DUOI
    EXPLAIN = "explain"  # GIAI_THICH
    REVIEW = "review"  # XEM_XET_LAI
    TO_POLICE = "to_police"  # CHUYEN_CQDT
    TO_PARTY = "to_party"  # CHUYEN_DANG
    PREVENTIVE = "preventive"  # NGAN_CHAN
    REFUSE = "refuse"  # TU_CHOI
    FILE = "file"  # LUU_DON
    ANONYMOUS = "anonymous"  # KHONG_XU_LY

    @property
    def needs_target_body(self) -> bool:
        """Directions that send the citizen or the đơn somewhere else must name that body."""
        return self in {
            HandlingDirection.GUIDE,
            HandlingDirection.TRANSFER,
            HandlingDirection.TO_POLICE,
            HandlingDirection.TO_PARTY,
            HandlingDirection.REQUIRE_LOWER,
        }


class IdDocType(StrEnum):
    """Identity paper shown by the citizen (LEGAL.md §10; NĐ 154/2026 Art. 12)."""

    CITIZEN_ID = "citizen_id"  # thẻ căn cước / CCCD / số định danh cá nhân (12 digits)
    LEGACY_CMND = "legacy_cmnd"  # CMND, 9 digits (historical)
    ID_CERTIFICATE = "id_certificate"  # giấy chứng nhận căn cước
    PASSPORT = "passport"  # hộ chiếu
    OTHER = "other"  # giấy tờ khác
    NONE = "none"  # không xuất trình


class DocumentCondition(StrEnum):
    """State of a document handed in (Giấy biên nhận, LEGAL.md §2.2)."""

    ORIGINAL = "original"  # bản gốc
    COPY = "copy"  # bản photo
    CERTIFIED_COPY = "certified_copy"  # bản sao có chứng thực


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"
