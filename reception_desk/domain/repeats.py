"""Repeat matters: when two visits are "the same matter" (a repeat petition, LEGAL.md §6.4).

Two contents from the same commune are the same matter when their folded word sets overlap by
Jaccard ≥ ``SIMILAR_CONTENT`` and, when both addresses name a hamlet (thôn, xóm, tổ dân phố…), it
is the same hamlet. The visit form shows such earlier visits before a visit is saved
(``services.citizens.repeats``); the same person is ``domain.identity``'s business.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from reception_desk.domain.text import fold
from reception_desk.domain.text import words_of

#: Jaccard similarity of content word sets from which two visits are "the same matter".
SIMILAR_CONTENT = 0.5


def hamlet_key(address_detail: str | None) -> str:
    """The hamlet of an address detail: its first comma part, folded."""
    return fold((address_detail or "").split(",")[0])


def content_words(text: str | None) -> frozenset[str]:
    """The folded words of a content (for a stored, already folded key use ``key_words``)."""
    return frozenset(words_of(fold(text)))


def key_words(content_key: str | None) -> frozenset[str]:
    return frozenset(words_of(content_key))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def matter_similarity(words: frozenset[str], hamlet: str, other_words: frozenset[str],
                      other_hamlet: str) -> float | None:
    """The overlap score when the other content is the same matter, else None."""
    if hamlet and other_hamlet and hamlet != other_hamlet:
        return None
    score = jaccard(words, other_words)
    return score if score >= SIMILAR_CONTENT else None


def probe_words(words: Iterable[str]) -> list[str]:
    """Words of which every same-matter content holds at least one: an index pre-filter.

    If J(A, B) ≥ t then |A ∩ B| ≥ t·|A ∪ B| ≥ t·|A|, so B holds at least ⌈t·|A|⌉ words of A and
    thus one of any |A| − ⌈t·|A|⌉ + 1 of them (⌊|A|/2⌋ + 1 for t = ½); the longest (rarest,
    roughly) are the cheapest to search for.
    """
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return unique[:len(unique) - math.ceil(SIMILAR_CONTENT * len(unique)) + 1]
