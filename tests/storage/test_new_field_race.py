"""Two counters creating the same new field code at the same instant: the second is told
(``add_new_field`` False, then ``field.changed_elsewhere``), never a raw database error."""

from __future__ import annotations

from sqlalchemy import insert
from sqlalchemy import select

from reception_desk.storage.models import FieldCategory
from reception_desk.storage.queries import office as office_queries


def test_a_code_created_meanwhile_refuses_the_second_insert_and_keeps_the_session(sqlite_desk):
    with sqlite_desk.db.session() as s:
        assert s.get(FieldCategory, "pakn.cho") is None  # free when this counter looked …
        # … then the other counter's row lands (written past this session's identity map).
        s.execute(insert(FieldCategory).values(code="pakn.cho", label="Chợ", sort_order=90))
        mine = FieldCategory(code="pakn.cho", label="Chợ dân sinh", sort_order=91)
        assert not office_queries.add_new_field(s, mine)
        # The savepoint is gone, the transaction goes on: the first counter's entry stays.
        assert s.scalar(select(FieldCategory.label).where(FieldCategory.code == "pakn.cho")) \
            == "Chợ"
        assert office_queries.add_new_field(
            s, FieldCategory(code="pakn.cho_moi", label="Chợ mới", sort_order=92))
    labels = {f.code: f.label for f in sqlite_desk.fields()}
    assert labels["pakn.cho"] == "Chợ" and labels["pakn.cho_moi"] == "Chợ mới"
