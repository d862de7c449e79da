"""The content columns of 03/XLD (10–12) and 04/XLD (11) read the standard field codes
``tc.hc.chinh_sach``, ``tc.hc.dat_dai``, ``tc.hc.cong_vu`` and ``pakn.tu_phap``: migration 0017
seeds them, so the visit form offers them and a petition recorded under one reaches its column.
A sub-field the office added itself in Settings → Lĩnh vực keeps the code derived from its label
and stays under "khác" (its records are not rewritten)."""

from __future__ import annotations

from datetime import date

import pytest

from reception_desk.domain import report_forms as rf
from reception_desk.services.office.dto import FieldCategoryDTO
from tests.services.hotspot_data import add_case
from tests.services.hotspot_data import add_event
from tests.services.report_data import WINDOW

#: (code, parent, label as the form names the column, petition type, form, column)
STANDARD = (
    ("tc.hc.chinh_sach", "tc.hc", "Chế độ, chính sách", "denunciation", rf.ReportForm.XLD_03, 10),
    ("tc.hc.dat_dai", "tc.hc", "Đất đai, nhà cửa", "denunciation", rf.ReportForm.XLD_03, 11),
    ("tc.hc.cong_vu", "tc.hc", "Công chức, công vụ", "denunciation", rf.ReportForm.XLD_03, 12),
    ("pakn.tu_phap", "pakn", "Tư pháp", None, rf.ReportForm.XLD_04, 11),
)
#: 03/XLD: the administrative "khác" column and the administrative total; 04/XLD: "khác".
OTHER = {rf.ReportForm.XLD_03: 13, rf.ReportForm.XLD_04: 12}


def _record(desk, code: str, form: rf.ReportForm) -> None:  # type: ignore[no-untyped-def]
    case_type = "denunciation" if form is rf.ReportForm.XLD_03 else "petition"
    case_id = add_case(desk, case_type=case_type, stage="accepted",
                       received_on=date(2026, 7, 15), field_code=code, title="Tố cáo cán bộ xã")
    add_event(desk, case_id, "accept", date(2026, 7, 20))


def test_the_visit_form_offers_the_standard_sub_fields_the_forms_count(sqlite_desk) -> None:  # type: ignore[no-untyped-def]
    offered = {f.code: f for f in sqlite_desk.fields()}
    for code, parent, label, petition_type, _form, _column in STANDARD:
        assert code in offered, code
        field = offered[code]
        assert (field.parent_code, field.label, field.petition_type, field.active) == (
            parent, label, petition_type, True)
        assert field.depth == offered[parent].depth + 1


@pytest.mark.parametrize(("code", "form", "column"),
                         [(code, form, column) for code, _p, _l, _t, form, column in STANDARD])
def test_a_petition_under_a_seeded_sub_field_is_counted_in_its_column(
        desk, code: str, form: rf.ReportForm, column: int) -> None:  # type: ignore[no-untyped-def]
    _record(desk, code, form)
    values = dict(desk.reports.compute(form, WINDOW).values)
    assert values[column] == 1, values
    assert values[OTHER[form]] == 0, values
    if form is rf.ReportForm.XLD_03:
        assert values[9] == 1  # lĩnh vực hành chính: tổng cộng
    assert rf.broken_identities(form, values) == []


def test_a_sub_field_the_office_named_itself_stays_under_other(sqlite_desk) -> None:  # type: ignore[no-untyped-def]
    # Settings → Lĩnh vực derives the code from the label (ui/settings/taxonomy.field_code): an
    # office that typed the column's heading before 0017 has "tc.hc.che_do_chinh_sach". The
    # migration leaves it and its records alone: the form counts it under "khác" (13) until the
    # office records new petitions under the standard entry.
    sqlite_desk.save_field(FieldCategoryDTO("tc.hc.che_do_chinh_sach", "tc.hc",
                                            "Chế độ, chính sách (xã tự thêm)", "denunciation",
                                            False, True, 2))
    _record(sqlite_desk, "tc.hc.che_do_chinh_sach", rf.ReportForm.XLD_03)
    values = dict(sqlite_desk.reports.compute(rf.ReportForm.XLD_03, WINDOW).values)
    assert (values[10], values[13], values[9]) == (0, 1, 1)
