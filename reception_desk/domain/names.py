"""Names a keyboard-mode scanner mangled (issue 16, item 1; LEGAL.md §10.1).

A USB scanner in keyboard mode types a card's QR payload key by key; the letters with diacritics
come out only through the OS layout, so "Trần Thị Hồng Nhung" may arrive as "Trn Th Hng Nhung".
Every Vietnamese syllable has a vowel, starts with at most three consonant letters (ngh) and
ends with at most two (ng, nh, ch): a word breaking that is no Vietnamese name. The romanised
names of the Central Highlands peoples (Ksor, Mlô, H'Hen Niê, Y Bih) keep within it, their
"H'"/"Y'" prefix aside. A single letter passes (an initial, or the "Nguyễn Văn B" of forms and
examples). The check asks the clerk to look at the card; it never corrects.
"""

from __future__ import annotations

import re
import unicodedata

from reception_desk.domain.text import nfc

_VOWELS = frozenset("aeiouy")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_PREFIX = re.compile(r"^[^\W\d_]['’]")  # H'Hen, Y'Khoa
MAX_ONSET = 3
MAX_CODA = 2


def _base(ch: str) -> str:
    """The letter without its marks: "ễ" → "e", "đ" → "d"."""
    if ch in "đĐ":
        return "d"
    return unicodedata.normalize("NFD", ch)[0].lower()


def impossible_word(word: str) -> bool:
    """True when ``word`` cannot be a Vietnamese (or Highlands) name syllable."""
    letters = [_base(ch) for ch in _PREFIX.sub("", word) if ch.isalpha()]
    if len(letters) < 2:
        return False
    vowel_at = [i for i, ch in enumerate(letters) if ch in _VOWELS]
    if not vowel_at:
        return True
    return vowel_at[0] > MAX_ONSET or len(letters) - 1 - vowel_at[-1] > MAX_CODA


def mangled_words(name: str) -> tuple[str, ...]:
    """The words of ``name`` no Vietnamese name has ("Trn", "Th", "Hng"), in order."""
    return tuple(w for w in _WORD.findall(nfc(name)) if impossible_word(w))
