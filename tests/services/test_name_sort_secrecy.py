"""Sorting the logbook by name orders a withheld sender by what the viewer sees, in SQL: two
denouncers under secrecy sort alike (by STT), never by their real names (issue 10 leftover)."""

from __future__ import annotations

from reception_desk.domain.access import Role
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.secrecy import WITHHELD
from reception_desk.services.visits.dto import VisitQuery
from reception_desk.services.visits.dto import VisitSort
from tests.conftest import sample_draft
from tests.conftest import sign_in_as


def _log(desk, name, number, petition_type=PetitionType.DENUNCIATION):  # type: ignore[no-untyped-def]
    visit, _ = desk.log_visit(sample_draft(
        desk, citizen_name=name, id_number=number, petition_type=petition_type,
        field_code=None if petition_type is PetitionType.DENUNCIATION else "pakn.dat_dai"))
    return visit


def _names_in_order(desk, descending=False):  # type: ignore[no-untyped-def]
    day = desk.today()
    query = VisitQuery(day, day, sort=VisitSort.NAME, descending=descending)
    return [(r.seq, r.citizen_name) for r in desk.visit_page(query, 0, 50)]


def test_secret_senders_sort_by_the_placeholder_then_stt(desk):
    yen = _log(desk, "Phạm Thị Yến", "037085001111")
    an = _log(desk, "Lê Văn An", "037085002222")
    binh = _log(desk, "Trần Văn Bình", "037085003333", PetitionType.PETITION)
    for role in (Role.RECEIVING_CLERK, Role.CHAIRPERSON):
        sign_in_as(desk, role)
        rows = _names_in_order(desk)
        # The real names would put An (STT 2) first; the viewer sees two "***": by STT.
        assert rows == [(yen.seq, WITHHELD), (an.seq, WITHHELD), (binh.seq, "Trần Văn Bình")]
        assert _names_in_order(desk, descending=True) == rows[::-1]


def test_a_waived_denouncer_sorts_by_their_name(desk):
    yen = _log(desk, "Phạm Thị Yến", "037085001111")
    an = _log(desk, "Lê Văn An", "037085002222")
    sign_in_as(desk, Role.CHAIRPERSON)
    desk.access.record_waiver(yen.id, yen.reception_date)
    sign_in_as(desk, Role.RECEIVING_CLERK)
    assert _names_in_order(desk) == [(an.seq, WITHHELD), (yen.seq, "Phạm Thị Yến")]


def test_pages_across_the_withheld_block_read_as_one_order(desk):
    """The withheld senders and the others are read as two blocks (each in index order): pages
    of every size, both directions, join into exactly the order of one page of everything."""
    for i, name in enumerate(("Phạm Thị Yến", "Lê Văn An", "Đỗ Minh Châu")):
        _log(desk, name, f"03708500{i}111")
    for i, name in enumerate(("Trần Văn Bình", "Nguyễn Thị Hoa", "Vũ Đức Anh", "Hà Thu")):
        _log(desk, name, f"03708500{i}222", PetitionType.PETITION)
    sign_in_as(desk, Role.RECEIVING_CLERK)
    day = desk.today()
    for descending in (False, True):
        query = VisitQuery(day, day, sort=VisitSort.NAME, descending=descending)
        whole = [(r.seq, r.citizen_name) for r in desk.visit_page(query, 0, 50)]
        assert len(whole) == 7
        assert [n for _, n in whole].count(WITHHELD) == 3
        for size in (1, 2, 3, 4):
            paged = [(r.seq, r.citizen_name) for start in range(0, 8, size)
                     for r in desk.visit_page(query, start, size)]
            assert paged == whole, (descending, size)
