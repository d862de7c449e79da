"""Unicode normalisation and accent-insensitive folding of Vietnamese text."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# A word is a run of letters and digits of any script: what FTS5's unicode61 tokenizer indexes.
_WORD = re.compile(r"[^\W_]+")
# Characters that never belong in stored text: C0/C1 controls other than tab/newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def nfc(text: str) -> str:
    """NFC-normalise ``text`` (Vietnamese keyboards send NFD or NFC) and drop control characters."""
    return _CONTROL.sub("", unicodedata.normalize("NFC", text))


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
