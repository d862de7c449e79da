"""Text typed in the old Vietnamese font encodings, read back as Unicode (issue 15).

Before Unicode, offices typed Vietnamese in 8-bit fonts: TCVN3 ("ABC", fonts .VnTime, .VnArial …)
and VNI-Windows (fonts VNI-Times …). A spreadsheet keeps the font's code points, so Excel shows
"TiÕp c«ng d©n" (TCVN3) or "Tieáp coâng daân" (VNI) once the font is gone. The tables below
turn them back into Unicode; the result is NFC.

- TCVN3 gives one code point per letter. Its capitals with a tone (Ế, Ầ …) have no code point of
  their own: typists switched to the upper-case fonts (.VnTimeH, .VnArialH), which draw the
  lower-case code points as capitals. "TIÕP CÔNG D©N" typed in .VnTimeH reads "TIẾP CÔNG DÂN".
  The font name settles it when the reader knows it (``upper_font``); without it a word whose
  ASCII letters are all capitals (two or more of them) is taken as typed in an upper-case font.
- VNI writes a letter with marks as its base letter followed by one or two mark characters
  ("e" + "á" = "ế"), in lower- and upper-case forms.

The encoding is decided per cell (a file can mix them, and mix them with Unicode): each
candidate conversion is scored by the characters no Vietnamese text holds and the words no
Vietnamese syllable can be (domain/names.py); the lowest score wins and the text as it stands
wins ties, so genuine Unicode ("hoá", "Công") is never "converted". The tables are the
published code charts (TCVN 5712:1993 VN3; VNI-Windows), written out here: the one library
found for this (viparse) is young, single-vendor and brings document loaders with it
(STACK.md).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from functools import lru_cache

from reception_desk.domain.names import impossible_word


class LegacyEncoding(StrEnum):
    UNICODE = "unicode"
    TCVN3 = "tcvn3"
    VNI = "vni"


# TCVN3 (TCVN 5712:1993, VN3): code point → letter. The upper-case fonts draw every lower-case
# entry as its capital.
_TCVN3_ROWS = (
    "\xa1Ă \xa2Â \xa3Ê \xa4Ô \xa5Ơ \xa6Ư \xa7Đ "
    "\xa8ă \xa9â \xaaê \xabô \xacơ \xadư \xaeđ "
    "\xb5à \xb6ả \xb7ã \xb8á \xb9ạ "
    "\xbbằ \xbcẳ \xbdẵ \xbeắ \xc6ặ "
    "\xc7ầ \xc8ẩ \xc9ẫ \xcaấ \xcbậ "
    "\xccè \xceẻ \xcfẽ \xd0é \xd1ẹ "
    "\xd2ề \xd3ể \xd4ễ \xd5ế \xd6ệ "
    "\xd7ì \xd8ỉ \xdcĩ \xddí \xdeị "
    "\xdfò \xe1ỏ \xe2õ \xe3ó \xe4ọ "
    "\xe5ồ \xe6ổ \xe7ỗ \xe8ố \xe9ộ "
    "\xeaờ \xebở \xecỡ \xedớ \xeeợ "
    "\xefù \xf1ủ \xf2ũ \xf3ú \xf4ụ "
    "\xf5ừ \xf6ử \xf7ữ \xf8ứ \xf9ự "
    "\xfaỳ \xfbỷ \xfcỹ \xfdý \xfeỵ"
)
TCVN3: dict[str, str] = {pair[0]: pair[1] for pair in _TCVN3_ROWS.split(" ")}

# VNI-Windows: the marks that follow a base letter, lower-case font forms then capitals.
_VNI_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_HAT_TONES = {"á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_VNI_BREVE_TONES = {"é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
_HAT, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}

    def put(source: str, base: str, *marks: str) -> None:
        table[source] = unicodedata.normalize("NFC", base + "".join(marks))

    for upper in (False, True):
        def case(text: str, upper: bool = upper) -> str:
            return text.upper() if upper else text

        for vowel in "aeiouy":
            for mark, tone in _VNI_TONES.items():
                put(case(vowel + mark), case(vowel), tone)
        for vowel in "aeo":  # â ê ô and their tones
            put(case(vowel + "â"), case(vowel), _HAT)
            for mark, tone in _VNI_HAT_TONES.items():
                put(case(vowel + mark), case(vowel), _HAT, tone)
        put(case("aê"), case("a"), _BREVE)  # ă and its tones
        for mark, tone in _VNI_BREVE_TONES.items():
            put(case("a" + mark), case("a"), _BREVE, tone)
        # ơ and ư are single code points; their tones follow them like any vowel's.
        for source, letter in (("ô", "o"), ("ö", "u")):
            put(case(source), case(letter), _HORN)
            for mark, tone in _VNI_TONES.items():
                put(case(source + mark), case(letter), _HORN, tone)
        # i with a tone is a code point of its own in VNI-Windows.
        for source, tone in (("í", "\u0301"), ("ì", "\u0300"), ("æ", "\u0309"),
                             ("ó", "\u0303"), ("ò", "\u0323")):
            put(case(source), case("i"), tone)
        put(case("ñ"), "Đ" if upper else "đ")
    return table


VNI: dict[str, str] = _vni_table()
_VNI_LONGEST = max(len(k) for k in VNI)

# Every letter Vietnamese writes (NFC), upper and lower case: a character outside it, ASCII and
# common punctuation is a sign the text is not Unicode Vietnamese.
_VIET_LOWER = ("aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệfghiìíỉĩịjklmnoòóỏõọôồốổỗộơờớởỡợpqrs"
               "tuùúủũụưừứửữựvwxyỳýỷỹỵz")
_VIET_LETTERS = frozenset(_VIET_LOWER + _VIET_LOWER.upper())
_WORDS = re.compile(r"[^\s\d.,;:!?()\[\]\"'/\\\-–+*=<>%&#@|_]+")
_ASCII_UPPER = re.compile(r"[A-Z]")


@dataclass(frozen=True)
class Converted:
    """A cell's text as Unicode, and the encoding it was read in."""

    text: str
    encoding: LegacyEncoding

    @property
    def changed(self) -> bool:
        return self.encoding is not LegacyEncoding.UNICODE


def tcvn3_to_unicode(text: str, upper_font: bool | None = None) -> str:
    """``text`` read as TCVN3. ``upper_font``: typed in an upper-case font (.VnTimeH): True,
    False, or None to decide per word (module docstring)."""
    if upper_font:
        return unicodedata.normalize("NFC", "".join(TCVN3.get(ch, ch) for ch in text).upper())
    out: list[str] = []
    for chunk in re.split(r"(\s+)", text):
        converted = "".join(TCVN3.get(ch, ch) for ch in chunk)
        if upper_font is None and converted != chunk and _typed_in_capitals(chunk):
            converted = converted.upper()
        out.append(converted)
    return unicodedata.normalize("NFC", "".join(out))


def _typed_in_capitals(word: str) -> bool:
    ascii_letters = [ch for ch in word if "a" <= ch.lower() <= "z" and ch.isascii()]
    return len(ascii_letters) >= 2 and all("A" <= ch <= "Z" for ch in ascii_letters)


def vni_to_unicode(text: str) -> str:
    """``text`` read as VNI-Windows: longest mark sequence first, one left-to-right scan."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        for size in range(min(_VNI_LONGEST, n - i), 0, -1):
            letter = VNI.get(text[i:i + size])
            if letter is not None:
                out.append(letter)
                i += size
                break
        else:
            out.append(text[i])
            i += 1
    return unicodedata.normalize("NFC", "".join(out))


@cache
def _foreign(ch: str) -> bool:
    if ch.isascii() or ch in _VIET_LETTERS:
        return False
    return ch.isalpha() or ch in TCVN3 or unicodedata.category(ch)[0] in "SPC"


# The vowel letters of a Vietnamese syllable (tone marks taken off, vowel marks kept): a word
# with any other run of vowels (VNI's "oâ", "iea" read as Unicode) is no Vietnamese syllable.
_NUCLEI_TEXT = (
    "a ă â e ê i o ô ơ u ư y "
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ơi ua uâ uê ui uô uơ ươ ưa ưi ưu uy ya yê "
    "iêu oai oao oay oeo uây uôi ươi ươu uya uyê uyu yêu"
)
_NUCLEI = frozenset(_NUCLEI_TEXT.split(" "))
_VOWEL_BASES = frozenset("aeiouy")
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _strip_tone(ch: str) -> str:
    return unicodedata.normalize(
        "NFC", "".join(c for c in unicodedata.normalize("NFD", ch) if c not in _TONES))


@lru_cache(maxsize=65536)
def _odd_syllable(word: str) -> bool:
    """True when ``word`` (letters only) cannot be one Vietnamese syllable: more than one tone
    mark, a run of vowels no syllable has, a capital after a small letter ("TiÕp"), or the
    consonant shape ``names.impossible_word`` refuses."""
    if not word.isalpha():
        return False
    if any(a.islower() and b.isupper() for a, b in itertools.pairwise(word)):
        return True
    if impossible_word(word):
        return True
    lower = word.lower()
    tones = sum(1 for c in unicodedata.normalize("NFD", lower) if c in _TONES)
    if tones > 1:
        return True
    if not all(ch in _VIET_LETTERS for ch in lower):
        return False  # foreign letters are counted on their own
    plain = "".join(_strip_tone(ch) for ch in lower)
    if plain.startswith(("gi", "qu")) and len(plain) > 2 and _base(plain[2]) in _VOWEL_BASES:
        plain = plain[0] + plain[2:]
    runs = re.findall(r"[aăâeêioôơuưy]+", plain)
    return len(runs) > 1 or (bool(runs) and runs[0] not in _NUCLEI)


def _base(ch: str) -> str:
    return unicodedata.normalize("NFD", ch)[0]


def _score(text: str) -> int:
    """How un-Vietnamese ``text`` looks: foreign characters, then words no syllable can be."""
    foreign = sum(1 for ch in text if _foreign(ch))
    return foreign * 2 + sum(1 for w in _WORDS.findall(text) if _odd_syllable(w))


@lru_cache(maxsize=65536)
def to_unicode(text: str, upper_font: bool | None = None) -> Converted:
    """``text`` as NFC Unicode, whatever of Unicode, TCVN3 or VNI it was typed in.

    Plain ASCII is Unicode as it stands. ``upper_font``: the cell's font is an upper-case TCVN3
    font (.VnTimeH …), when the reader knows it. Old books repeat their words (places, types,
    bodies): results are kept for the next cell.
    """
    if text.isascii():
        return Converted(text, LegacyEncoding.UNICODE)
    nfc = unicodedata.normalize("NFC", text)
    if not upper_font and any(ch > "\xff" for ch in nfc):
        # TCVN3 and VNI are 8-bit: their text never leaves Latin-1. A letter beyond it (ễ, ơ,
        # đ …) is Unicode typed as Unicode.
        return Converted(nfc, LegacyEncoding.UNICODE)
    best = Converted(nfc, LegacyEncoding.UNICODE)
    best_score = _score(nfc)
    if best_score == 0 and not upper_font:
        return best
    for encoding, converted in ((LegacyEncoding.TCVN3, tcvn3_to_unicode(text, upper_font)),
                                (LegacyEncoding.VNI, vni_to_unicode(text))):
        if converted == nfc:
            continue
        score = _score(converted)
        if score < best_score:
            best, best_score = Converted(converted, encoding), score
    return best


def is_upper_font(font_name: str | None) -> bool:
    """True for the TCVN3 upper-case fonts: .VnTimeH, .VnArialH, .VnCentury SchoolbookH …"""
    if not font_name:
        return False
    name = font_name.strip()
    return name.startswith(".Vn") and name.endswith("H")
