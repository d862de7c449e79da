"""Crowd rules: Luật TCD Art. 29 [P] representatives; "đoàn đông người" threshold 5 [M]."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reception_desk.domain.crowds import check_crowd
from reception_desk.domain.crowds import is_crowd
from reception_desk.domain.crowds import max_representatives


def codes(problems: Any) -> list[str]:
    return [p.code for p in problems]


@pytest.mark.parametrize(
    ("people", "reps", "delegation", "expected"),
    [
        (1, 0, False, []),
        (1, 1, False, []),
        (0, 0, False, ["crowd.people_invalid"]),
        (-3, 0, False, ["crowd.people_invalid"]),
        (4, 0, False, []),  # below 5: Art. 29 sets no number
        (4, 4, False, []),
        (4, 5, False, ["crowd.representatives_exceed_people"]),
        (3, -1, False, ["crowd.representatives_invalid"]),
        (4, 0, True, ["crowd.delegation_too_small"]),
        (5, 1, True, []),  # 5–10 people: 1 or 2 representatives
        (5, 2, True, []),
        (5, 0, True, ["crowd.representatives_required"]),
        (5, 3, True, ["crowd.too_many_representatives"]),
        (5, 1, False, ["crowd.delegation_not_marked"]),
        (10, 2, True, []),
        (10, 3, True, ["crowd.too_many_representatives"]),
        (11, 3, True, []),  # more than 10: more representatives allowed, at most 5
        (11, 5, True, []),
        (11, 6, True, ["crowd.too_many_representatives"]),
        (11, 0, True, ["crowd.representatives_required"]),
        (500, 5, True, []),
        (500, 6, True, ["crowd.too_many_representatives"]),
    ],
)
def test_crowd_rules(people: int, reps: int, delegation: bool, expected: list[str]) -> None:
    assert codes(check_crowd(people, reps, delegation)) == expected


def test_crowd_params() -> None:
    (p,) = check_crowd(10, 3, True)
    assert (p.code, p.field, p.params) == (
        "crowd.too_many_representatives",
        "representatives",
        {"people": 10, "max": 2},
    )
    (p,) = check_crowd(11, 6, True)
    assert p.params == {"people": 11, "max": 5}
    (p,) = check_crowd(0, 0, False)
    assert p.params == {"people": 0}


def test_crowd_threshold_boundaries() -> None:
    assert not is_crowd(4) and is_crowd(5)
    assert [max_representatives(n) for n in (1, 4, 5, 10, 11, 1000)] == [None, None, 2, 2, 5, 5]


def test_crowd_threshold_is_configurable() -> None:
    # The statistical threshold is [M]; Art. 29's numbers are statute and do not move with it.
    assert codes(check_crowd(3, 0, True, threshold=3)) == []
    assert codes(check_crowd(7, 1, False, threshold=8)) == []
    assert codes(check_crowd(7, 3, True, threshold=8)) == [
        "crowd.too_many_representatives",
        "crowd.delegation_too_small",
    ]


@given(st.integers(1, 1000), st.integers(0, 1000))
def test_crowd_representatives_property(people: int, reps: int) -> None:
    found = codes(check_crowd(people, reps, is_crowd(people)))
    cap = max_representatives(people)
    legal = reps <= people and (cap is None or 1 <= reps <= cap)
    assert (found == []) is legal
