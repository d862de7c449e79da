"""Unicode normalisation and accent-insensitive folding of Vietnamese text."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# A word is a run of letters and digits of any script: what FTS5's unicode61 tokenizer indexes.
_WORD = re.compile(r"[^\W_]+")
# Characters that never belong in stored text: C0/C1 controls other than tab/newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Invisible format characters: zero-width space/joiners, word joiner, BOM, soft hyphen, and the
# bidirectional marks/embeddings/isolates. Vietnamese never needs them; pasted from web pages or
# chat they make "Nguyễn Văn A" and "Nguyễn\u200b Văn A" two people, or a blank field look filled.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# A chip-card QR payload (LEGAL.md §10.1: ``CCCD|CMND|name|ddmmyyyy|sex|address|ddmmyyyy``), whole
# or cut short: '|'-separated, with a 9- or 12-digit ID number or a ddmmyyyy date as a field.
_QR_FIELD = re.compile(r"\s*(?:[0-9]{9}|[0-9]{12}|[0-3][0-9][01][0-9](?:19|20)[0-9]{2})\s*")


def nfc(text: str) -> str:
    """NFC-normalise ``text`` (Vietnamese keyboards send NFD or NFC) and drop control characters
    and invisible format characters (zero-width, bidi marks)."""
    return _INVISIBLE.sub("", _CONTROL.sub("", unicodedata.normalize("NFC", text)))


def visible(text: str | None) -> str:
    """``text`` without invisible format characters and outer blank space: what a reader sees.
    Content made only of zero-width characters is empty."""
    if not text:
        return ""
    return _INVISIBLE.sub("", text).strip()


def looks_like_qr_payload(text: str | None) -> bool:
    """True when ``text`` is a chip-card QR payload or a piece of one (a scan typed into the
    wrong field): at least two '|'-separated fields, one of them an ID number or a ddmmyyyy
    date, or four or more '|'."""
    if not text or "|" not in text:
        return False
    parts = text.split("|")
    if len(parts) >= 5:
        return True
    return any(_QR_FIELD.fullmatch(p) for p in parts)


def clean_line(text: str | None) -> str:
    """A single-line field as stored: NFC, inner whitespace collapsed, trimmed."""
    if not text:
        return ""
    return _SPACES.sub(" ", nfc(text)).strip()


def clean_block(text: str | None) -> str:
    """A multi-line field as stored: NFC, Windows newlines unified, outer blank space trimmed."""
    if not text:
        return ""
    return nfc(text).replace("\r\n", "\n").replace("\r", "\n").strip()


def fold(text: str | None) -> str:
    """Search key: đ/Đ → d, tone and vowel marks removed, lower case, single spaces.

    SQLite's FTS5 ``remove_diacritics`` does not fold đ (STACK.md), so every searchable column gets
    this key and every query is folded the same way.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower()).strip()


def words_of(folded: str | None) -> list[str]:
    """The words of an already folded text (a stored ``*_key``), in order: letters and digits.

    Nothing a clerk types survives as punctuation, so a word can be quoted into an FTS5 query.
    """
    return _WORD.findall(folded or "")
