"""The repeat banner never counts or hints at a denouncer's earlier visits for a viewer who may
not see that identity (issue 10 leftover): a clerk against the chairperson."""

from __future__ import annotations

from reception_desk.domain.access import Role
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.secrecy import WITHHELD
from tests.conftest import sample_draft
from tests.conftest import sign_in_as

DENUNCIATION = "Tố cáo cán bộ địa chính thu tiền trái quy định khi cấp giấy chứng nhận."


def _office(desk):  # type: ignore[no-untyped-def]
    """The same person: one petition, two denunciations under secrecy (one with a case)."""
    desk.log_visit(sample_draft(desk))
    first, _ = desk.log_visit(sample_draft(desk, petition_type=PetitionType.DENUNCIATION,
                                           field_code=None, content=DENUNCIATION))
    desk.log_visit(sample_draft(desk, petition_type=PetitionType.DENUNCIATION, field_code=None,
                                content="Tố cáo việc lấn chiếm đất công ở thôn Đông."))
    case, _ = desk.cases.open_from_visit(first.id)
    return case


def _banner_as(desk, role):  # type: ignore[no-untyped-def]
    """The banner ``role`` sees when the person comes back with the same denunciation (same
    ID number, similar content)."""
    sign_in_as(desk, role)
    return desk.citizens.repeats(sample_draft(
        desk, petition_type=PetitionType.DENUNCIATION, field_code=None, content=DENUNCIATION))


def test_a_clerk_sees_no_trace_of_the_secret_visits(sqlite_desk):
    case = _office(sqlite_desk)
    report = _banner_as(sqlite_desk, Role.RECEIVING_CLERK)
    assert report.person_visit_count == 1  # the petition only
    assert [v.petition_type for v in report.visits] == [PetitionType.PETITION]
    assert all(v.citizen_name != WITHHELD for v in report.visits)
    assert case.id not in {c.id for c in report.cases}
    assert report.suggested_case_id != case.id


def test_the_chairperson_is_shown_the_similar_matter_without_the_name(sqlite_desk):
    case = _office(sqlite_desk)
    report = _banner_as(sqlite_desk, Role.CHAIRPERSON)
    assert report.person_visit_count == 3
    secret = [v for v in report.visits if v.petition_type is PetitionType.DENUNCIATION]
    assert len(secret) == 1 and secret[0].citizen_name == WITHHELD
    assert secret[0].reasons == {"content"}  # never "the same person"
    assert case.id in {c.id for c in report.cases}
