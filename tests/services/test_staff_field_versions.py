"""Issue 11 item 2 for Settings → Staff and Settings → Fields: an edit names the version of the
row it read; another counter's save of the row since is refused (nothing overwritten), and a
new field whose code another counter took meanwhile is refused rather than overwriting it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from reception_desk.errors import UserError
from reception_desk.services.access.passwords import cheap_hasher
from reception_desk.services.desk import Desk
from reception_desk.services.office.dto import FieldCategoryDTO
from reception_desk.storage.database import open_database
from tests.conftest import Clock


@pytest.fixture
def other(sqlite_desk: Desk) -> Iterator[Desk]:
    second = Desk(open_database(sqlite_desk.db.url), Clock(), hasher=cheap_hasher())
    second.act_as(sqlite_desk.staff()[0])
    yield second
    second.close()


def test_a_staff_edit_from_a_stale_read_is_refused(sqlite_desk, other):
    read = sqlite_desk.staff()[0]
    theirs = next(p for p in other.staff() if p.id == read.id)
    saved, _ = other.save_staff(theirs.full_name, "Phó Chủ tịch", theirs.role,
                                staff_id=theirs.id, expected_version=theirs.version)
    assert saved.version == read.version + 1
    with pytest.raises(UserError) as refused:
        sqlite_desk.save_staff(read.full_name, "Văn thư", read.role, staff_id=read.id,
                               expected_version=read.version)
    assert refused.value.code == "staff.changed_elsewhere"
    assert refused.value.params == {"staff_id": read.id, "version": saved.version}
    assert next(p for p in sqlite_desk.staff() if p.id == read.id).position == "Phó Chủ tịch"
    again, _ = sqlite_desk.save_staff(read.full_name, "Văn thư", read.role, staff_id=read.id,
                                      expected_version=refused.value.params["version"])
    assert (again.position, again.version) == ("Văn thư", saved.version + 1)


def test_a_field_edit_from_a_stale_read_is_refused(sqlite_desk, other):
    read = sqlite_desk.fields()[0]
    assert read.version == 1
    other.save_field(replace(other.fields()[0], label="Đất đai (sửa ở quầy 2)"))
    with pytest.raises(UserError) as refused:
        sqlite_desk.save_field(replace(read, label="Đất đai (sửa ở quầy 1)"))
    assert refused.value.code == "field.changed_elsewhere"
    assert refused.value.params == {"field_code": read.code, "version": 2}
    assert sqlite_desk.fields()[0].label == "Đất đai (sửa ở quầy 2)"
    sqlite_desk.save_field(replace(read, label="Đất đai (sửa ở quầy 1)", version=2))
    assert sqlite_desk.fields()[0].label == "Đất đai (sửa ở quầy 1)"
    assert sqlite_desk.fields()[0].version == 3


def test_a_new_field_whose_code_was_taken_meanwhile_is_refused(sqlite_desk, other):
    new = FieldCategoryDTO("moi_truong_x", None, "Môi trường", None, False, True, 0, version=0)
    other.save_field(replace(new, label="Môi trường (quầy 2)"))
    with pytest.raises(UserError) as refused:
        sqlite_desk.save_field(new)
    assert refused.value.code == "field.changed_elsewhere"
    assert next(f for f in sqlite_desk.fields() if f.code == new.code).label == \
        "Môi trường (quầy 2)"
