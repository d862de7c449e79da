"""Issue 17: saving a visit reads nothing twice and checks the signed-in account inside its own
unit of work, yet a right taken away (a role changed, an account deactivated) is refused on the
very next call; on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from reception_desk.domain.access import AccessDenied
from reception_desk.domain.access import Role
from reception_desk.domain.classification import IdDocType
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.classification import VisitKind
from reception_desk.domain.visits import GroupMember
from reception_desk.services.access.dto import UserEdit
from reception_desk.services.access.passwords import cheap_hasher
from reception_desk.services.desk import Desk
from reception_desk.services.visits.dto import VisitQuery
from reception_desk.storage.database import open_database
from tests.conftest import sample_draft
from tests.conftest import sign_in_as


def _units_of_work(desk: Desk) -> list[int]:
    """A list that grows by one at every transaction the desk's engine begins."""
    begun: list[int] = []
    event.listen(desk.db.engine, "begin", lambda conn: begun.append(1))
    return begun


@pytest.fixture
def counter(desk):  # type: ignore[no-untyped-def]
    """A second desk on the same database, where the receiving clerk is signed in (their
    window at the counter) while ``desk`` is the administrator's."""
    clerk = sign_in_as(desk, Role.RECEIVING_CLERK)
    sign_in_as(desk, Role.ADMINISTRATOR)
    other = Desk(open_database(desk.db.url), desk.now, hasher=cheap_hasher())
    other.act_for(clerk)
    yield other
    other.close()


def _edit(desk: Desk, user_id: int, role: Role, active: bool = True) -> None:
    account = next(u for u in desk.access.users() if u.id == user_id)
    desk.access.update_user(UserEdit(account.id, account.display_name, role,
                                     account.staff_id, active))


def test_a_save_is_one_unit_of_work_with_the_account_checked_inside(counter):
    counter.log_visit(sample_draft(counter))  # the first save of a year makes its counter
    draft = sample_draft(counter, citizen_name="Trần Văn Bình", id_number="037085002222")
    begun = _units_of_work(counter)
    counter.log_visit(draft)
    assert len(begun) == 1


def test_a_role_taken_away_is_refused_on_the_very_next_call(desk, counter):
    principal = counter.actor.principal
    assert principal is not None
    counter.log_visit(sample_draft(counter))
    before = counter.count_visits(VisitQuery())
    _edit(desk, principal.user_id, Role.INSPECTOR)
    with pytest.raises(AccessDenied) as info:
        counter.log_visit(sample_draft(counter))
    assert info.value.code == "access.denied"
    assert info.value.params["role"] == Role.INSPECTOR.value
    assert counter.count_visits(VisitQuery()) == before  # an inspector still reads; no STT used
    _edit(desk, principal.user_id, Role.RECEIVING_CLERK)
    counter.log_visit(sample_draft(counter))  # given back: allowed at once too
    assert counter.count_visits(VisitQuery()) == before + 1


def test_a_deactivated_account_is_refused_on_the_very_next_call(desk, counter):
    principal = counter.actor.principal
    assert principal is not None
    counter.log_visit(sample_draft(counter))
    _edit(desk, principal.user_id, Role.RECEIVING_CLERK, active=False)
    with pytest.raises(AccessDenied) as info:
        counter.log_visit(sample_draft(counter))
    assert info.value.code == "access.session_ended"
    with pytest.raises(AccessDenied):
        counter.count_visits(VisitQuery())  # a read-only use case too


def test_a_role_given_counts_at_once_though_the_cached_one_lacked_it(desk, counter):
    principal = counter.actor.principal
    assert principal is not None
    _edit(desk, principal.user_id, Role.INSPECTOR)
    inspector = sign_in_as(desk, Role.INSPECTOR)
    sign_in_as(desk, Role.ADMINISTRATOR)
    counter.act_for(inspector)
    with pytest.raises(AccessDenied):
        counter.log_visit(sample_draft(counter))
    _edit(desk, inspector.user_id, Role.RECEIVING_CLERK)
    counter.log_visit(sample_draft(counter))  # the principal cached at sign-in said inspector


def test_the_saved_visit_returned_is_the_visit_read_back(desk, counter):
    """What a save returns (built from what it wrote) equals the visit read again: documents,
    crowd members, staff and field names, the registry summary, the masking of a denouncer."""
    members = [GroupMember("Phạm Thị Lan", IdDocType.CITIZEN_ID, "037190004321", "Thôn Tây",
                           "0987 000 111", True),
               GroupMember("Đỗ Văn Nam", id_number="037088007777", address="Thôn Bắc",
                           is_representative=True)]
    leader = next(s for s in counter.staff() if s.role.value == "chair")
    drafts = [
        sample_draft(counter),
        sample_draft(counter, kind=VisitKind.PERIODIC, presiding_leader_id=leader.id,
                     people_count=6, delegation=True, members=members),
        sample_draft(counter, petition_type=PetitionType.DENUNCIATION, field_code=None,
                     citizen_name="Trần Văn Bình", id_number="037085002222",
                     content="Tố cáo việc thu tiền trái quy định.", members=members,
                     people_count=6, delegation=True),
    ]
    for draft in drafts:
        saved, _ = counter.log_visit(draft)
        assert saved == counter.visit(saved.id)
        desk.act_for(None)  # the system sees every record whole
        whole = desk.visit(saved.id)
        assert saved.documents == whole.documents and saved.members == whole.members
    secret, _ = counter.log_visit(drafts[2])
    assert secret.identity_masked and secret == counter.visit(secret.id)


def test_a_visit_of_a_picked_citizen_returned_is_the_visit_read_back(counter):
    """The registry record picked (and corrected: a new phone) is not created again: what the
    save returns counts this visit among the record's, as reading it again does."""
    first, _ = counter.log_visit(sample_draft(counter))
    assert first.citizen is not None and first.citizen.visit_count == 1
    again, _ = counter.log_visit(sample_draft(
        counter, citizen_id=first.citizen_id, citizen_version=first.citizen.version,
        phone="0912 000 999"))
    assert again.citizen_id == first.citizen_id
    assert again.citizen is not None and again.citizen.visit_count == 2
    assert again.citizen.phone == "0912 000 999"
    assert again == counter.visit(again.id)
