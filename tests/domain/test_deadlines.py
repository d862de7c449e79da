"""Legal deadlines (LEGAL.md §4). Every expected date is worked out by hand in the comment.

2026 days off used below: Tết Mon 16–Fri 20 Feb; Giỗ Tổ Sun 26 Apr + Mon 27 Apr; Thu 30 Apr;
Fri 1 May; Mon 31 Aug (swap for Sat 22 Aug); Tue 1 + Wed 2 Sep.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from datetime import timedelta

import pytest
from hypothesis import assume
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from reception_desk.domain.calendar import CalendarOverride
from reception_desk.domain.calendar import OverrideKind
from reception_desk.domain.calendar import WorkingCalendar
from reception_desk.domain.deadlines import DEFAULT_RULES
from reception_desk.domain.deadlines import DeadlineKind
from reception_desk.domain.deadlines import DeadlineRule
from reception_desk.domain.deadlines import DueStatus
from reception_desk.domain.deadlines import PeriodUnit
from reception_desk.domain.deadlines import SourceConfidence
from reception_desk.domain.deadlines import SuspensionInterval
from reception_desk.domain.deadlines import Variant
from reception_desk.domain.deadlines import compute_deadline
from reception_desk.domain.deadlines import due_soon_limit
from reception_desk.domain.deadlines import period_end
from reception_desk.domain.deadlines import replace_rules
from reception_desk.domain.deadlines import rule_for
from reception_desk.domain.deadlines import status_for
from reception_desk.domain.deadlines import validate_rules
from reception_desk.errors import UserError

D = date
K = DeadlineKind
CAL = WorkingCalendar()


@pytest.mark.parametrize(
    ("kind", "start", "flags", "due", "variant"),
    [
        # Luật TCD Art. 28(1), 10 working days. Tue 10 Feb: 11,12,13 | Tết | 23,24,25,26,27,
        # 2 Mar (9), 3 Mar (10).
        pytest.param(K.INTAKE_NOTICE, D(2026, 2, 10), {}, D(2026, 3, 3), Variant.STANDARD,
                     id="TCD-28(1)-10wd-across-tet"),
        # Wed 22 Apr: 23,24 | 25–27 | 28,29 | 30/4–3/5 | 4,5,6,7,8 | 9,10 | 11 May (10).
        pytest.param(K.INTAKE_NOTICE, D(2026, 4, 22), {}, D(2026, 5, 11), Variant.STANDARD,
                     id="TCD-28(1)-10wd-across-gio-to-and-30-4"),
        # Tue 25 Aug: 26,27,28 | 29 Aug–2 Sep | 3,4 | 7,8,9,10,11 Sep (10).
        pytest.param(K.INTAKE_NOTICE, D(2026, 8, 25), {}, D(2026, 9, 11), Variant.STANDARD,
                     id="TCD-28(1)-10wd-across-national-day"),
        # Received Sat 7 Mar: Mon 9 … Fri 13 (5), Mon 16 … Fri 20 (10).
        pytest.param(K.INTAKE_NOTICE, D(2026, 3, 7), {}, D(2026, 3, 20), Variant.STANDARD,
                     id="TCD-28(1)-received-on-saturday"),
        # Luật KN Art. 27: 10 days. Sun 8 Feb + 10 = Wed 18 Feb (Tết) → Mon 23 Feb.
        pytest.param(K.COMPLAINT_ACCEPTANCE, D(2026, 2, 8), {}, D(2026, 2, 23), Variant.STANDARD,
                     id="KN-27-10d-ends-in-tet"),
        # Mon 20 Apr + 10 = Thu 30 Apr (holiday), Fri 1 May (holiday), weekend → Mon 4 May.
        pytest.param(K.COMPLAINT_ACCEPTANCE, D(2026, 4, 20), {}, D(2026, 5, 4), Variant.STANDARD,
                     id="KN-27-10d-ends-on-30-4"),
        # Last day under the Law: Mon 29 Jun + 10 = Thu 9 Jul.
        pytest.param(K.COMPLAINT_ACCEPTANCE, D(2026, 6, 29), {}, D(2026, 7, 9), Variant.STANDARD,
                     id="KN-27-10d-received-29-06"),
        # Tue 30 Jun + 10 = Fri 10 Jul.
        pytest.param(K.COMPLAINT_ACCEPTANCE, D(2026, 6, 30), {}, D(2026, 7, 10), Variant.STANDARD,
                     id="KN-27-10d-received-30-06-last-day-old-rule"),
        # NĐ 155/2026: 7 working days. Wed 1 Jul: 2,3 | 6,7,8,9,10 (7) → Fri 10 Jul.
        pytest.param(K.COMPLAINT_ACCEPTANCE, D(2026, 7, 1), {}, D(2026, 7, 10), Variant.STANDARD,
                     id="ND155-7wd-received-01-07"),
        # Thu 2 Jul: 3 | 6,7,8,9,10 | 13 (7) → Mon 13 Jul (old rule would give Sun 12 → Mon 13).
        pytest.param(K.COMPLAINT_ACCEPTANCE, D(2026, 7, 2), {}, D(2026, 7, 13), Variant.STANDARD,
                     id="ND155-7wd-received-02-07"),
        # Fri 3 Jul: 6,7,8,9,10 | 13,14 (7) → Tue 14 Jul (10 calendar days would be Mon 13).
        pytest.param(K.COMPLAINT_ACCEPTANCE, D(2026, 7, 3), {}, D(2026, 7, 14), Variant.STANDARD,
                     id="ND155-7wd-received-03-07"),
        # Luật KN Art. 28: 30 days. Tue 20 Jan + 30 = Thu 19 Feb (Tết) → Mon 23 Feb.
        pytest.param(K.COMPLAINT_1, D(2026, 1, 20), {}, D(2026, 2, 23), Variant.STANDARD,
                     id="KN-28-30d-ends-in-tet"),
        # complex 45: 20 Jan + 45 = Fri 6 Mar.
        pytest.param(K.COMPLAINT_1, D(2026, 1, 20), {"complex": True}, D(2026, 3, 6),
                     Variant.COMPLEX, id="KN-28-complex-45d"),
        pytest.param(K.COMPLAINT_1, D(2026, 1, 20), {"remote": True}, D(2026, 3, 6),
                     Variant.REMOTE, id="KN-28-remote-45d"),
        # remote + complex 60: 20 Jan + 60 = Sat 21 Mar → Mon 23 Mar.
        pytest.param(K.COMPLAINT_1, D(2026, 1, 20), {"complex": True, "remote": True},
                     D(2026, 3, 23), Variant.COMPLEX_REMOTE, id="KN-28-remote-complex-60d"),
        # Fri 27 Mar + 30 = Sun 26 Apr (Giỗ Tổ), Mon 27 (bù) → Tue 28 Apr.
        pytest.param(K.COMPLAINT_1, D(2026, 3, 27), {}, D(2026, 4, 28), Variant.STANDARD,
                     id="KN-28-30d-ends-on-gio-to"),
        # Sun 2 Aug + 30 = Tue 1 Sep, Wed 2 Sep off → Thu 3 Sep.
        pytest.param(K.COMPLAINT_1, D(2026, 8, 2), {}, D(2026, 9, 3), Variant.STANDARD,
                     id="KN-28-30d-ends-on-national-day"),
        # Luật KN Art. 37: 45 days. Mon 5 Jan + 45 = Thu 19 Feb (Tết) → Mon 23 Feb.
        pytest.param(K.COMPLAINT_2, D(2026, 1, 5), {}, D(2026, 2, 23), Variant.STANDARD,
                     id="KN-37-45d-ends-in-tet"),
        # 60: 5 Jan + 60 = Fri 6 Mar.
        pytest.param(K.COMPLAINT_2, D(2026, 1, 5), {"complex": True}, D(2026, 3, 6),
                     Variant.COMPLEX, id="KN-37-complex-60d"),
        pytest.param(K.COMPLAINT_2, D(2026, 1, 5), {"remote": True}, D(2026, 3, 6),
                     Variant.REMOTE, id="KN-37-remote-60d"),
        # 70: 5 Jan + 70 = Mon 16 Mar.
        pytest.param(K.COMPLAINT_2, D(2026, 1, 5), {"complex": True, "remote": True},
                     D(2026, 3, 16), Variant.COMPLEX_REMOTE, id="KN-37-remote-complex-70d"),
        # Luật KN Art. 50: disciplinary 30 / complex 45; no remote variant → standard 30.
        pytest.param(K.COMPLAINT_DISCIPLINARY, D(2026, 1, 20), {"remote": True}, D(2026, 2, 23),
                     Variant.STANDARD, id="KN-50-disciplinary-no-remote-variant"),
        pytest.param(K.COMPLAINT_DISCIPLINARY, D(2026, 1, 20), {"complex": True, "remote": True},
                     D(2026, 3, 6), Variant.COMPLEX, id="KN-50-disciplinary-complex-45d"),
        # Luật TC Art. 24(1): 7 working days. Wed 11 Feb: 12,13 | Tết | 23,24,25,26,27 (7).
        pytest.param(K.DENUNCIATION_PROCESSING, D(2026, 2, 11), {}, D(2026, 2, 27),
                     Variant.STANDARD, id="TC-24(1)-7wd-across-tet"),
        # …10 working days when verified at several places: 2 Mar (8), 3 (9), 4 (10).
        pytest.param(K.DENUNCIATION_PROCESSING, D(2026, 2, 11), {"several_places": True},
                     D(2026, 3, 4), Variant.SEVERAL_PLACES, id="TC-24(1)-10wd-several-places"),
        # …but a complex case without that stays at 7 (Luật TC Art. 24(1), LEGAL.md §4.4).
        pytest.param(K.DENUNCIATION_PROCESSING, D(2026, 2, 11), {"complex": True},
                     D(2026, 2, 27), Variant.STANDARD, id="TC-24(1)-complex-alone-stays-7wd"),
        # Luật TC Art. 24(2): 5 working days. Fri 24 Apr: 28,29 | 4,5,6 May (5).
        pytest.param(K.DENUNCIATION_TRANSFER, D(2026, 4, 24), {}, D(2026, 5, 6),
                     Variant.STANDARD, id="TC-24(2)-5wd-across-gio-to-and-30-4"),
        # Luật TC Art. 30: 30 days. Fri 3 Jul + 30 = Sun 2 Aug → Mon 3 Aug.
        pytest.param(K.DENUNCIATION_RESOLUTION, D(2026, 7, 3), {}, D(2026, 8, 3),
                     Variant.STANDARD, id="TC-30-30d"),
        # + 1 extension (60): 3 Jul + 60 = Tue 1 Sep (holiday), Wed 2 → Thu 3 Sep.
        pytest.param(K.DENUNCIATION_RESOLUTION, D(2026, 7, 3), {"extensions": 1, "complex": True},
                     D(2026, 9, 3), Variant.STANDARD, id="TC-30-one-extension-60d"),
        # + 2 extensions (90), especially complex: 3 Jul + 90 = Thu 1 Oct.
        pytest.param(K.DENUNCIATION_RESOLUTION, D(2026, 7, 3),
                     {"extensions": 2, "especially_complex": True}, D(2026, 10, 1),
                     Variant.STANDARD, id="TC-30-two-extensions-90d"),
        # Luật KN 2011 Art. 9: limitation 90 days. Thu 1 Oct + 90 = Wed 30 Dec 2026.
        pytest.param(K.COMPLAINT_LIMITATION, D(2026, 10, 1), {}, D(2026, 12, 30),
                     Variant.STANDARD, id="KN-9-limitation-90d"),
        # …Fri 2 Oct 2025 + 90 = Thu 1 Jan 2026 (holiday), 2 Jan announced off → Mon 5 Jan.
        pytest.param(K.COMPLAINT_LIMITATION, D(2025, 10, 3), {}, D(2026, 1, 5),
                     Variant.STANDARD, id="KN-9-limitation-ends-on-new-year"),
        # Luật KN 2011 Art. 33(1): 30 days; Mon 3 Aug + 30 = Wed 2 Sep (holiday) → Thu 3 Sep.
        pytest.param(K.SECOND_COMPLAINT_WINDOW, D(2026, 8, 3), {}, D(2026, 9, 3),
                     Variant.STANDARD, id="KN-33(1)-second-complaint-30d"),
        # …remote 45: 3 Aug + 45 = Thu 17 Sep.
        pytest.param(K.SECOND_COMPLAINT_WINDOW, D(2026, 8, 3), {"remote": True}, D(2026, 9, 17),
                     Variant.REMOTE, id="KN-33(1)-second-complaint-remote-45d"),
        # Luật TCD 2013 Art. 27(2): 7 working days. Fri 28 Aug: 3,4 | 7,8,9,10,11 Sep.
        pytest.param(K.REPORT_TO_TRANSFERRING_BODY, D(2026, 8, 28), {}, D(2026, 9, 11),
                     Variant.STANDARD, id="TCD-27(2)-report-7wd"),
        # NĐ 154/2026 Art. 41(3)(b): 45 days. Wed 1 Jul + 45 = Sat 15 Aug → Mon 17 Aug.
        pytest.param(K.UNPROCESSED_PETITION, D(2026, 7, 1), {}, D(2026, 8, 17),
                     Variant.STANDARD, id="ND154-41(3)(b)-45d-unprocessed"),
        # Luật TC 2018 Art. 24(2): transfer 5 working days across 10/01/2026 (worked Saturday):
        # Wed 7 Jan: 8, 9, 10 (Sat), 12, 13.
        pytest.param(K.DENUNCIATION_TRANSFER, D(2026, 1, 7), {}, D(2026, 1, 13),
                     Variant.STANDARD, id="TC-24(2)-transfer-5wd-across-10-01"),
        # NĐ 154/2026 Art. 4(3): 3 working days. Fri 28 Aug: 3,4,7 Sep.
        pytest.param(K.REFUSAL_NOTICE, D(2026, 8, 28), {}, D(2026, 9, 7), Variant.STANDARD,
                     id="ND154-4(3)-3wd-across-national-day"),
    ],
)
def test_default_rules(kind: DeadlineKind, start: date, flags: dict[str, object], due: date,
                       variant: Variant) -> None:
    result = compute_deadline(kind, start, CAL, **flags)  # type: ignore[arg-type]
    assert result.due == due
    assert result.variant is variant
    assert result.kind is kind
    assert result.start == start
    assert CAL.is_working_day(due)


def test_result_carries_unit_basis_and_length() -> None:
    old = compute_deadline(K.COMPLAINT_ACCEPTANCE, D(2026, 6, 30), CAL)
    new = compute_deadline(K.COMPLAINT_ACCEPTANCE, D(2026, 7, 1), CAL)
    assert (old.unit, old.days, old.basis) == (PeriodUnit.CALENDAR_DAYS, 10,
                                               "Luật KN 2011 Art. 27, 36")
    assert (new.unit, new.days) == (PeriodUnit.WORKING_DAYS, 7)
    assert new.basis.startswith("NĐ 155/2026")
    ext = compute_deadline(K.DENUNCIATION_RESOLUTION, D(2026, 7, 3), CAL, extensions=2,
                           especially_complex=True)
    assert (ext.days, ext.extensions, ext.basis) == (90, 2, "Luật TC 2018 Art. 30")


def test_rule_is_chosen_by_received_date_not_start() -> None:
    # Received Tue 30 Jun (old Law), counted from Thu 2 Jul: 2 Jul + 10 = Sun 12 → Mon 13 Jul.
    result = compute_deadline(K.COMPLAINT_ACCEPTANCE, D(2026, 7, 2), CAL,
                              received_on=D(2026, 6, 30))
    assert (result.due, result.unit) == (D(2026, 7, 13), PeriodUnit.CALENDAR_DAYS)


def test_no_rule_in_force() -> None:
    # The written refusal notice exists only from NĐ 154/2026 (1 Jul 2026).
    assert rule_for(K.REFUSAL_NOTICE, D(2026, 6, 30)) is None
    with pytest.raises(UserError) as err:
        compute_deadline(K.REFUSAL_NOTICE, D(2026, 6, 30), CAL)
    assert err.value.code == "deadline.no_rule"


def test_too_many_extensions() -> None:
    with pytest.raises(UserError) as err:
        compute_deadline(K.DENUNCIATION_RESOLUTION, D(2026, 7, 3), CAL, extensions=3)
    assert err.value.code == "deadline.extension_limit"
    with pytest.raises(UserError):
        compute_deadline(K.COMPLAINT_1, D(2026, 7, 3), CAL, extensions=1)  # no extensions


@pytest.mark.parametrize(
    ("flags", "code"),
    [
        # Luật TC 2018 Art. 30: no extension for a case that is not complex …
        pytest.param({"extensions": 1}, "deadline.extension_needs_complex",
                     id="TC-30-not-complex-no-extension"),
        pytest.param({"extensions": 2}, "deadline.extension_needs_complex",
                     id="TC-30-not-complex-no-second-extension"),
        # … one for a complex case, the second only when especially complex.
        pytest.param({"extensions": 2, "complex": True},
                     "deadline.second_extension_needs_especially_complex",
                     id="TC-30-complex-no-second-extension"),
        pytest.param({"extensions": 1, "complex": True}, None, id="TC-30-complex-one-extension"),
        pytest.param({"extensions": 2, "especially_complex": True}, None,
                     id="TC-30-especially-complex-two-extensions"),
    ],
)
def test_denunciation_extensions_need_complexity(flags: dict[str, object],
                                                 code: str | None) -> None:
    if code is None:
        assert compute_deadline(K.DENUNCIATION_RESOLUTION, D(2026, 7, 3), CAL,
                                **flags).extensions == flags["extensions"]  # type: ignore[arg-type]
        return
    with pytest.raises(UserError) as err:
        compute_deadline(K.DENUNCIATION_RESOLUTION, D(2026, 7, 3), CAL,
                         **flags)  # type: ignore[arg-type]
    assert err.value.code == code
    assert err.value.params["basis"] == "Luật TC 2018 Art. 30"


@pytest.mark.parametrize(
    ("kind", "basis", "days", "unit", "valid_from"),
    [
        pytest.param(K.COMPLAINT_LIMITATION, "Luật KN 2011 Art. 9", 90, PeriodUnit.CALENDAR_DAYS,
                     D(2012, 7, 1), id="KN-9"),
        pytest.param(K.SECOND_COMPLAINT_WINDOW, "Luật KN 2011 Art. 33(1)", 30,
                     PeriodUnit.CALENDAR_DAYS, D(2012, 7, 1), id="KN-33(1)"),
        pytest.param(K.REFUSAL_NOTICE, "NĐ 154/2026 Art. 4(3)", 3, PeriodUnit.WORKING_DAYS,
                     D(2026, 7, 1), id="ND154-4(3)"),
        pytest.param(K.DENUNCIATION_TRANSFER, "Luật TC 2018 Art. 24(2)", 5,
                     PeriodUnit.WORKING_DAYS, D(2019, 1, 1), id="TC-24(2)"),
        pytest.param(K.REPORT_TO_TRANSFERRING_BODY, "Luật TCD 2013 Art. 27(2)", 7,
                     PeriodUnit.WORKING_DAYS, D(2014, 7, 1), id="TCD-27(2)"),
        pytest.param(K.UNPROCESSED_PETITION, "NĐ 154/2026 Art. 41(3)(b)", 45,
                     PeriodUnit.CALENDAR_DAYS, D(2026, 7, 1), id="ND154-41(3)(b)"),
    ],
)
def test_rule_table_rows_name_basis_and_dates(kind: DeadlineKind, basis: str, days: int,
                                              unit: PeriodUnit, valid_from: date) -> None:
    rule = rule_for(kind, D(2026, 12, 1))
    assert rule is not None
    assert (rule.basis, rule.days, rule.unit, rule.valid_from) == (basis, days, unit, valid_from)
    assert rule_for(kind, valid_from - timedelta(days=1)) is None


# -- office calendar and office rules -------------------------------------------------------

OFFICE = WorkingCalendar([
    CalendarOverride(D(2026, 2, 13), OverrideKind.DAY_OFF),
    CalendarOverride(D(2026, 2, 23), OverrideKind.DAY_OFF),
    CalendarOverride(D(2026, 2, 7), OverrideKind.WORKING_DAY),
    CalendarOverride(D(2026, 2, 28), OverrideKind.WORKING_DAY),
])


@pytest.mark.parametrize(
    ("kind", "start", "due", "plain_due"),
    [
        # 10 wd from Tue 10 Feb: 11,12 | 13 off, Tết, 23 off | 24,25,26,27, Sat 28 (7), 2,3,4 Mar.
        pytest.param(K.INTAKE_NOTICE, D(2026, 2, 10), D(2026, 3, 4), D(2026, 3, 3),
                     id="TCD-28(1)-office-extra-days-off-and-make-up-saturday"),
        # Wed 14 Jan + 30 = Fri 13 Feb: office day off → Tết → 23 off → Tue 24 Feb.
        pytest.param(K.COMPLAINT_1, D(2026, 1, 14), D(2026, 2, 24), D(2026, 2, 13),
                     id="KN-28-ends-on-office-day-off"),
        # Thu 8 Jan + 30 = Sat 7 Feb: an office make-up working Saturday, so it ends there.
        pytest.param(K.COMPLAINT_1, D(2026, 1, 8), D(2026, 2, 7), D(2026, 2, 9),
                     id="KN-28-ends-on-make-up-saturday"),
    ],
)
def test_office_calendar(kind: DeadlineKind, start: date, due: date, plain_due: date) -> None:
    assert compute_deadline(kind, start, OFFICE).due == due
    assert compute_deadline(kind, start, CAL).due == plain_due


def test_office_can_replace_a_rule() -> None:
    # An office that reads the pre-2026 acceptance period as 10 working days (TT 07/2013).
    mine = replace(rule_for(K.COMPLAINT_ACCEPTANCE, D(2026, 2, 10)) or DEFAULT_RULES[0],
                   unit=PeriodUnit.WORKING_DAYS, confidence=SourceConfidence.UNVERIFIED,
                   basis="TT 07/2013 Art. 5")
    rules = replace_rules(DEFAULT_RULES, [mine])
    assert len(rules) == len(DEFAULT_RULES)
    result = compute_deadline(K.COMPLAINT_ACCEPTANCE, D(2026, 2, 10), CAL, rules=rules)
    assert (result.due, result.basis) == (D(2026, 3, 3), "TT 07/2013 Art. 5")
    # A list works too (not cached, same answer).
    assert compute_deadline(K.COMPLAINT_ACCEPTANCE, D(2026, 2, 10), CAL,
                            rules=list(rules)).due == D(2026, 3, 3)
    # The default table is untouched: Tue 10 Feb + 10 days = Fri 20 Feb (Tết) → Mon 23 Feb.
    assert compute_deadline(K.COMPLAINT_ACCEPTANCE, D(2026, 2, 10), CAL).due == D(2026, 2, 23)


def _rule(**kw: object) -> DeadlineRule:
    base = DeadlineRule(K.INTAKE_NOTICE, PeriodUnit.WORKING_DAYS, 10, "x",
                        SourceConfidence.UNVERIFIED)
    return replace(base, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("rules", "code"),
    [
        pytest.param([_rule(days=0)], "deadline.rule_length_invalid", id="zero-length"),
        pytest.param([_rule(complex_days=-1)], "deadline.rule_length_invalid", id="negative"),
        pytest.param([_rule(max_extensions=-1)], "deadline.rule_extension_invalid",
                     id="negative-extensions"),
        pytest.param([_rule(valid_from=D(2026, 2, 1), valid_to=D(2026, 1, 1))],
                     "deadline.rule_dates_reversed", id="reversed"),
        pytest.param([_rule(valid_from=D(2020, 1, 1)), _rule(valid_from=D(2026, 1, 1))],
                     "deadline.rules_overlap", id="open-ended-then-newer"),
        pytest.param([_rule(valid_to=D(2026, 7, 1)), _rule(valid_from=D(2026, 7, 1))],
                     "deadline.rules_overlap", id="share-a-day"),
    ],
)
def test_validate_rules(rules: list[DeadlineRule], code: str) -> None:
    with pytest.raises(UserError) as err:
        validate_rules(rules)
    assert err.value.code == code


def test_default_rules_are_valid() -> None:
    validate_rules(DEFAULT_RULES)


# -- suspension (NĐ 155/2026, new NĐ 124/2020 Art. 28b(2)) -----------------------------------

# Complaint accepted Mon 2 Mar 2026, 30 days → Wed 1 Apr without suspension.
ACCEPTED = D(2026, 3, 2)


@pytest.mark.parametrize(
    ("suspensions", "due", "left"),
    [
        pytest.param([], D(2026, 4, 1), None, id="no-suspension"),
        # 3–11 Mar run (9); 12–20 Mar stopped; 21 left from Fri 20 Mar → Fri 10 Apr.
        pytest.param([(D(2026, 3, 12), D(2026, 3, 20))], D(2026, 4, 10), None, id="one"),
        # …then 21–24 Mar run (4); 25–27 stopped; 17 left from Fri 27 Mar → Mon 13 Apr.
        pytest.param([(D(2026, 3, 25), D(2026, 3, 27)), (D(2026, 3, 12), D(2026, 3, 20))],
                     D(2026, 4, 13), None, id="two-unsorted"),
        # Still suspended: 21 days wait for the continuation decision.
        pytest.param([SuspensionInterval(D(2026, 3, 12))], None, 21, id="open"),
        # Suspended after the period ran out: nothing changes.
        pytest.param([(D(2026, 4, 5), D(2026, 4, 20))], D(2026, 4, 1), None, id="after-due"),
        # Suspended on the last day: 3–31 Mar run (29); 1 left from Fri 3 Apr → Sat 4 → Mon 6.
        pytest.param([(D(2026, 4, 1), D(2026, 4, 3))], D(2026, 4, 6), None, id="on-due-day"),
        # Suspended and resumed the same day: that day does not run → Thu 2 Apr.
        pytest.param([(D(2026, 3, 10), D(2026, 3, 10))], D(2026, 4, 2), None, id="same-day"),
    ],
)
def test_suspension_calendar_days(suspensions: list[tuple[date, date | None]],
                                  due: date | None, left: int | None) -> None:
    result = compute_deadline(K.COMPLAINT_1, ACCEPTED, CAL, suspensions=suspensions)
    assert result.due == due
    assert result.paused_remaining == left
    assert result.paused is (due is None)


def test_suspension_working_days() -> None:
    # 10 wd from Tue 10 Feb; stopped Thu 12 – Tue 24 Feb. Ran: 11 Feb (1). 9 left from 24 Feb:
    # 25,26,27 | 2,3,4,5,6 | 9 Mar (9).
    result = compute_deadline(K.INTAKE_NOTICE, D(2026, 2, 10), CAL,
                              suspensions=[(D(2026, 2, 12), D(2026, 2, 24))])
    assert result.due == D(2026, 3, 9)


@pytest.mark.parametrize(
    ("suspensions", "code"),
    [
        pytest.param([(D(2026, 3, 12), D(2026, 3, 11))], "deadline.resumed_before_suspended",
                     id="reversed"),
        pytest.param([(D(2026, 3, 1), D(2026, 3, 5))], "deadline.suspension_before_start",
                     id="before-start"),
        pytest.param([(D(2026, 3, 5), D(2026, 3, 12)), (D(2026, 3, 10), D(2026, 3, 20))],
                     "deadline.suspension_overlaps", id="overlap"),
    ],
)
def test_bad_suspensions(suspensions: list[tuple[date, date | None]], code: str) -> None:
    with pytest.raises(UserError) as err:
        compute_deadline(K.COMPLAINT_1, ACCEPTED, CAL, suspensions=suspensions)
    assert err.value.code == code


# -- status ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("due", "today", "status", "wd", "cd"),
    [
        # (5 Feb, 23 Feb]: 6, 9–13, 23 = 7 working days.
        pytest.param(D(2026, 2, 23), D(2026, 2, 5), DueStatus.ON_TIME, 7, 18, id="before-tet"),
        # (13 Feb, 23 Feb]: only 23 Feb works — 10 calendar days are 1 working day.
        pytest.param(D(2026, 2, 23), D(2026, 2, 13), DueStatus.DUE_SOON, 1, 10, id="tet-gap"),
        pytest.param(D(2026, 2, 23), D(2026, 2, 23), DueStatus.DUE_SOON, 0, 0, id="due-today"),
        pytest.param(D(2026, 2, 23), D(2026, 2, 24), DueStatus.OVERDUE, -1, -1, id="one-late"),
        # (23 Feb, Sat 28 Feb]: 24–27 = 4 working days late.
        pytest.param(D(2026, 2, 23), D(2026, 2, 28), DueStatus.OVERDUE, -4, -5, id="weekend"),
        # (28 Apr, 5 May]: 29 Apr, 4, 5 May = 3 → still "soon".
        pytest.param(D(2026, 5, 5), D(2026, 4, 28), DueStatus.DUE_SOON, 3, 7, id="3wd-30-4"),
        pytest.param(D(2026, 5, 6), D(2026, 4, 28), DueStatus.ON_TIME, 4, 8, id="4wd-30-4"),
    ],
)
def test_status_for(due: date, today: date, status: DueStatus, wd: int, cd: int) -> None:
    result = status_for(due, today, CAL)
    assert (result.status, result.working_days_left, result.calendar_days_left) == (
        status, wd, cd)


# -- properties -------------------------------------------------------------------------------

starts = st.dates(min_value=D(2019, 1, 1), max_value=D(2030, 12, 31))
# Rules in force only from 01/07/2026 (NĐ 154/2026) are left out: starts go back to 2019.
kinds = st.sampled_from([k for k in DeadlineKind
                         if k not in (K.REFUSAL_NOTICE, K.UNPROCESSED_PETITION)])
units = st.sampled_from(list(PeriodUnit))
overrides = st.lists(
    st.builds(CalendarOverride, st.dates(min_value=D(2026, 1, 1), max_value=D(2026, 12, 31)),
              st.sampled_from(list(OverrideKind))),
    max_size=10, unique_by=lambda o: o.day,
)


@st.composite
def suspension_lists(draw: st.DrawFn, start: date) -> list[tuple[date, date]]:
    gaps = draw(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=4))
    out: list[tuple[date, date]] = []
    cursor = start
    for before, length in gaps:
        s = cursor + timedelta(days=before)
        r = s + timedelta(days=length)
        out.append((s, r))
        cursor = r
    return out


@settings(max_examples=300, deadline=None)
@given(kind=kinds, start=starts, complex_=st.booleans(), remote=st.booleans(), rows=overrides,
       data=st.data())
def test_due_is_never_a_day_off(kind: DeadlineKind, start: date, complex_: bool, remote: bool,
                                rows: list[CalendarOverride], data: st.DataObject) -> None:
    cal = WorkingCalendar(rows)
    suspensions = data.draw(suspension_lists(start))
    result = compute_deadline(kind, start, cal, complex=complex_, remote=remote,
                              suspensions=suspensions)
    assert result.due is not None
    assert cal.is_working_day(result.due)
    assert result.due > start


@settings(max_examples=300, deadline=None)
@given(start=starts, unit=units, n=st.integers(1, 120), more=st.integers(0, 60), rows=overrides)
def test_longer_period_never_ends_earlier(start: date, unit: PeriodUnit, n: int, more: int,
                                          rows: list[CalendarOverride]) -> None:
    cal = WorkingCalendar(rows)
    short, _ = period_end(start, n, unit, cal)
    long, _ = period_end(start, n + more, unit, cal)
    assert short is not None and long is not None
    assert short <= long


@settings(max_examples=300, deadline=None)
@given(start=starts, unit=units, n=st.integers(1, 120), data=st.data())
def test_suspension_never_shortens(start: date, unit: PeriodUnit, n: int,
                                   data: st.DataObject) -> None:
    suspensions = data.draw(suspension_lists(start))
    plain, _ = period_end(start, n, unit, CAL)
    stopped, _ = period_end(start, n, unit, CAL, suspensions)
    assert plain is not None and stopped is not None
    assert stopped >= plain
    # Each extra suspension can only push the end further.
    if suspensions:
        fewer, _ = period_end(start, n, unit, CAL, suspensions[:-1])
        assert fewer is not None and stopped >= fewer


@settings(max_examples=200, deadline=None)
@given(start=starts, extensions=st.integers(0, 1))
def test_an_extension_never_shortens(start: date, extensions: int) -> None:
    a = compute_deadline(K.DENUNCIATION_RESOLUTION, start, CAL, extensions=extensions,
                         especially_complex=True)
    b = compute_deadline(K.DENUNCIATION_RESOLUTION, start, CAL, extensions=extensions + 1,
                         especially_complex=True)
    assert a.due is not None and b.due is not None and a.due < b.due


@settings(max_examples=200, deadline=None)
@given(due=starts, today=starts)
def test_status_agrees_with_dates(due: date, today: date) -> None:
    assume(CAL.is_working_day(due))
    result = status_for(due, today, CAL)
    assert (result.status is DueStatus.OVERDUE) == (today > due)
    assert result.calendar_days_left == (due - today).days
    if result.status is DueStatus.DUE_SOON:
        assert 0 <= result.working_days_left <= 3


@settings(max_examples=200, deadline=None)
@given(due=starts, today=starts)
def test_the_due_soon_limit_counted_in_sql_agrees_with_the_status(due: date, today: date) -> None:
    """Status counts compare due dates with ``due_soon_limit``; lists call ``status_for``."""
    status = status_for(due, today, CAL).status
    limit = due_soon_limit(today, CAL)
    assert (status is DueStatus.DUE_SOON) == (today <= due < limit)
    assert (status is DueStatus.ON_TIME) == (due >= limit)
