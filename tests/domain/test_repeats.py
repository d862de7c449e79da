"""The repeat-matter rule: folded content words overlapping by Jaccard ≥ ½, same hamlet."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reception_desk.domain.repeats import SIMILAR_CONTENT
from reception_desk.domain.repeats import content_words
from reception_desk.domain.repeats import hamlet_key
from reception_desk.domain.repeats import jaccard
from reception_desk.domain.repeats import key_words
from reception_desk.domain.repeats import matter_similarity
from reception_desk.domain.repeats import probe_words


def test_words_and_hamlets_are_folded():
    assert content_words("Đề nghị cấp GCN, thửa số 215!") == frozenset(
        {"de", "nghi", "cap", "gcn", "thua", "so", "215"})
    assert key_words("de nghi cap gcn") == frozenset({"de", "nghi", "cap", "gcn"})
    assert hamlet_key("Thôn Đông, số 12") == hamlet_key("thon dong") == "thon dong"
    assert hamlet_key(None) == ""


def test_jaccard():
    assert jaccard(frozenset("ab"), frozenset("bc")) == pytest.approx(1 / 3)
    assert jaccard(frozenset(), frozenset("a")) == 0.0


def test_same_matter_needs_half_the_words_and_the_same_hamlet_when_both_are_known():
    a = content_words("tranh chấp ranh giới đất thửa 215")
    b = content_words("tranh chấp ranh giới thửa 215 với hàng xóm")
    assert jaccard(a, b) >= SIMILAR_CONTENT
    assert matter_similarity(a, "thon dong", b, "thon dong") == jaccard(a, b)
    assert matter_similarity(a, "thon dong", b, "") == jaccard(a, b)  # one hamlet unknown
    assert matter_similarity(a, "thon dong", b, "thon tay") is None
    other = content_words("xin cấp giấy phép xây dựng nhà ở")
    assert matter_similarity(a, "", other, "") is None


words = st.frozensets(st.sampled_from([f"w{i}" for i in range(12)]), max_size=12)


@given(a=words, b=words)
def test_every_same_matter_content_holds_a_probe_word(a, b):
    if jaccard(a, b) >= SIMILAR_CONTENT:
        assert set(probe_words(a)) & b
