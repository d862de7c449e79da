"""A name a keyboard-mode scanner mangled is recognised (issue 16, item 1): a word with no vowel
or with consonant runs no Vietnamese syllable has; real names (Kinh and Central Highlands)
pass."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import UTC
from datetime import datetime

import pytest

from reception_desk.domain.names import mangled_words
from reception_desk.domain.visits import VisitDraft
from reception_desk.domain.visits import check_visit

MANGLED = [
    ("Trn Th Hng Nhung", ("Trn", "Th", "Hng")),  # Trần Thị Hồng Nhung, accents lost
    ("Nguyn Vn c", ("Vn",)),  # Nguyễn Văn Đức (a single letter may be an initial)
    ("L Th Thu", ("Th",)),  # Lê Thị Thu
    ("Đỗ Đức Trng", ("Trng",)),  # Trương with ươ lost
    ("Phm Thnh Tm", ("Phm", "Thnh", "Tm")),
    ("Schwarz", ("Schwarz",)),  # four consonants before the vowel, three after
]

REAL = [
    "Trần Thị Hồng Nhung", "Nguyễn Văn A", "NGHIÊM THỊ NGHĨA", "Lê Thị Ánh", "Bùi Thị Xuân",
    "Trương Thanh Nghị", "Nguyen Van Binh",  # typed without accents: still syllables
    "Ksor H'Hen", "Y Bih Niê", "Mlô Y Blin", "Nay Y Jút", "Rmah Kpă", "Êban Nghiêng",
    "Hdok Y’Khoa", "Phạm Văn Sơn B",  # a single letter: an initial
]


@pytest.mark.parametrize(("name", "words"), MANGLED)
def test_mangled_names_are_recognised(name: str, words: tuple[str, ...]) -> None:
    assert mangled_words(name) == words


@pytest.mark.parametrize("name", REAL)
def test_real_names_pass(name: str) -> None:
    assert mangled_words(name) == ()
    assert mangled_words(unicodedata.normalize("NFD", name)) == ()


NOW = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)


def _name_problems(draft: VisitDraft) -> list[tuple[str, dict[str, object]]]:
    return [(p.code, dict(p.params)) for p in check_visit(draft, NOW)
            if p.field == "citizen_name"]


def test_a_visit_with_a_mangled_name_is_not_saved_without_a_reason() -> None:
    draft = VisitDraft(citizen_name="Trn Th Hng Nhung")
    assert _name_problems(draft) == [("citizen.name_mangled",
                                      {"words": "Trn, Th, Hng", "overridable": True})]
    # The card really shows it (a foreign name, say): the reason line accepts it.
    accepted = replace(draft, id_override_reason="Đã đối chiếu thẻ: tên in đúng như vậy")
    assert _name_problems(accepted) == []
    assert _name_problems(VisitDraft(citizen_name="Trần Thị Hồng Nhung")) == []
