"""Plain data of the office set-up: its profile as printed, its staff and the field taxonomy."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from enum import StrEnum
from typing import Any


class StaffRole(StrEnum):
    CLERK = "clerk"
    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    LEADER = "leader"

    @property
    def can_preside(self) -> bool:
        """Who may preside over a định kỳ / đột xuất reception."""
        return self is not StaffRole.CLERK


@dataclass(frozen=True)
class StaffDTO:
    id: int
    full_name: str
    position: str
    role: StaffRole
    active: bool = True
    #: The row's version as read: give it back to ``Desk.save_staff`` (compare-and-set).
    version: int = 1


@dataclass(frozen=True)
class OfficeProfile:
    """The office as printed on its documents (NĐ 30/2020 ô 2) and where it is."""

    province_code: int
    province_name: str
    commune_code: int
    commune_name: str  # "Xã Yên Phú"
    superior_body: str  # "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH", may be empty
    body_name: str  # "ỦY BAN NHÂN DÂN XÃ YÊN PHÚ"
    place_name: str  # for "Yên Phú, ngày … tháng … năm …"
    doc_symbol: str = "UBND"


@dataclass(frozen=True)
class FieldCategoryDTO:
    code: str
    parent_code: str | None
    label: str
    petition_type: str | None
    sensitive: bool
    active: bool
    depth: int
    #: The entry's version as read (compare-and-set on save); 0: a new entry, refused if the
    #: code was taken meanwhile; None: not compared (the command line, the demo).
    version: int | None = None


@dataclass(frozen=True)
class Finding:
    """A problem ``reception-desk check`` found: a ``check.*`` code and its parameters
    (worded by reception_desk.texts)."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)
