"""Crowd visits (nhiều người / đoàn đông người), LEGAL.md §5: the crowd size rule.

Two different things: the office's statistical size from which a visit is a "đoàn đông người"
(commonly 5 but not found in the texts read [M], so the office's setting: the hotspot policy's
``crowd_threshold``), and Luật TCD Art. 29's representatives (statute [P]): 5–10 people choose 1
or 2 representatives, more than 10 at most 5.
"""

from __future__ import annotations

from reception_desk.domain.problems import Problem

#: Size from which a visit counts as a "đoàn đông người" in statistics: commonly 5 but not found
#: in the texts read ([M]), hence a parameter of ``check_crowd``.
DEFAULT_CROWD_THRESHOLD = 5
# Luật TCD Art. 29 [P]: 5–10 people choose 1 or 2 representatives, more than 10 at most 5.
# These are statutory, unlike the statistical threshold above.
ART29_MIN_PEOPLE = 5
ART29_SMALL_MAX_PEOPLE = 10
ART29_SMALL_MAX_REPRESENTATIVES = 2
ART29_LARGE_MAX_REPRESENTATIVES = 5


def is_crowd(people: int, threshold: int = DEFAULT_CROWD_THRESHOLD) -> bool:
    """Whether a visit of ``people`` counts as a đoàn đông người."""
    return people >= threshold


def max_representatives(people: int) -> int | None:
    """Art. 29 cap on representatives, or None when the law sets none (fewer than 5 people)."""
    if people < ART29_MIN_PEOPLE:
        return None
    if people <= ART29_SMALL_MAX_PEOPLE:
        return ART29_SMALL_MAX_REPRESENTATIVES
    return ART29_LARGE_MAX_REPRESENTATIVES


def _representatives_problem(people: int, representatives: int) -> Problem | None:
    """What is wrong with the number of representatives of ``people`` (Art. 29), if anything."""
    field = "representatives"
    if representatives < 0:
        return Problem("crowd.representatives_invalid", field, {"representatives": representatives})
    if representatives > people:
        return Problem("crowd.representatives_exceed_people", field,
                       {"people": people, "representatives": representatives})
    cap = max_representatives(people)
    if cap is not None and representatives < 1:
        return Problem("crowd.representatives_required", field, {"people": people})
    if cap is not None and representatives > cap:
        return Problem("crowd.too_many_representatives", field, {"people": people, "max": cap})
    return None


def check_crowd(
    people: int,
    representatives: int,
    delegation: bool,
    *,
    threshold: int = DEFAULT_CROWD_THRESHOLD,
) -> list[Problem]:
    """Check the head count, representatives and the "đoàn đông người" flag of one visit."""
    if people < 1:
        return [Problem("crowd.people_invalid", "people_count", {"people": people})]
    problem = _representatives_problem(people, representatives)
    problems = [problem] if problem is not None else []
    crowd = is_crowd(people, threshold)
    size = {"people": people, "threshold": threshold}
    if delegation and not crowd:
        problems.append(Problem("crowd.delegation_too_small", "delegation", size))
    elif not delegation and crowd:
        problems.append(Problem("crowd.delegation_not_marked", "delegation", size))
    return problems
