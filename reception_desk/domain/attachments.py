"""Files attached to a record: their names and the size limit (pure; the access rule is
``domain.access.attachment_access``).

A name is kept as the citizen's or the scanner's file had it (only its last path part, NFC,
without control characters), since it is often the only description of the file. A withheld
name keeps its extension, so a viewer still knows a PDF from a photo.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath

from reception_desk.domain.secrecy import WITHHELD
from reception_desk.domain.text import nfc
from reception_desk.errors import UserError

#: The office's default size limit per file (an office setting: scans of a thick đơn at 300 dpi
#: stay well under it; a video does not belong in the logbook).
DEFAULT_LIMIT_MB = 20
LIMIT_MB_RANGE = (1, 200)
MB = 1024 * 1024
NAME_MAX = 255
#: Temporary or partial files a scanner or a browser leaves while writing.
PARTIAL_SUFFIXES = (".tmp", ".part", ".crdownload", ".partial", ".~tmp")


def clean_file_name(name: str) -> str:
    """The name to store: the last part of a path (Windows or POSIX), NFC, no control
    characters, at most ``NAME_MAX`` characters (the extension kept)."""
    last = re.split(r"[\\/]", name)[-1]  # a Windows or POSIX path: its last part only
    cleaned = "".join(ch for ch in nfc(last) if unicodedata.category(ch)[0] != "C").strip()
    if not cleaned or cleaned in (".", ".."):
        raise UserError("attachment.name_required", field="file")
    if len(cleaned) > NAME_MAX:
        suffix = PurePosixPath(cleaned).suffix[:20]
        cleaned = cleaned[:NAME_MAX - len(suffix)] + suffix
    return cleaned


def masked_file_name(name: str) -> str:
    """A confidential file's name as listed: withheld, the extension kept ("***.pdf")."""
    suffix = PurePosixPath(name).suffix.lower()
    return WITHHELD + (suffix if 1 < len(suffix) <= 10 else "")


def check_limit_mb(limit_mb: int) -> int:
    low, high = LIMIT_MB_RANGE
    if not low <= limit_mb <= high:
        raise UserError("attachment.limit_out_of_range", field="limit_mb", min=low, max=high)
    return limit_mb


def check_size(size: int, limit_mb: int) -> None:
    """A file over the office's limit, or empty, is refused with its size and the limit."""
    if size <= 0:
        raise UserError("attachment.empty", field="file")
    if size > limit_mb * MB:
        raise UserError("attachment.too_large", field="file",
                        size_mb=f"{size / MB:.1f}", limit_mb=limit_mb)


def is_partial(name: str) -> bool:
    """A file still being written by a scanner or a download (left out of the scanner list)."""
    lowered = name.lower()
    return lowered.startswith((".", "~$")) or lowered.endswith(PARTIAL_SUFFIXES)
