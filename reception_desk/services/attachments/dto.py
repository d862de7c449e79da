"""What the attachment use cases hand to the doors (plain data, no ORM rows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reception_desk.domain.attachments import DEFAULT_LIMIT_MB


@dataclass(frozen=True)
class AttachmentDTO:
    """One attached file as a viewer may see it.

    ``file_name`` is withheld (``***.pdf``) when ``can_open`` is False: a confidential file of a
    denunciation, listed so the viewer knows it exists.
    """

    id: int
    visit_id: int | None
    case_id: int | None
    file_name: str
    size: int
    media_type: str
    sha256: str
    added_at: datetime
    added_by: str
    confidential: bool
    can_open: bool
    voided_at: datetime | None = None
    void_reason: str = ""
    voided_by: str = ""

    @property
    def voided(self) -> bool:
        return self.voided_at is not None

    @property
    def name_withheld(self) -> bool:
        return not self.can_open


@dataclass(frozen=True)
class AttachmentSettings:
    """Office settings: the size limit per file, and the folder the scanner saves into."""

    limit_mb: int = DEFAULT_LIMIT_MB
    scanner_folder: str = ""


@dataclass(frozen=True)
class ScanFile:
    """A file in the scanner folder, offered for attaching (newest first)."""

    path: Path
    name: str
    size: int
    modified: datetime


@dataclass(frozen=True)
class OpenedAttachment:
    """An attachment written out for opening: the file and what it is."""

    attachment: AttachmentDTO
    path: Path
