"""Registry records voided by undoing an old-logbook import (migration 0016): a merge refuses
them either way (services/citizens/merge), and a visit saved on a record picked before the undo
never ends up linked to it, however the save and the undo interleave (services/visits/saving:
the save locks the picked record as the undo does; SQLite: the write lock)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from reception_desk.domain.classification import Sex
from reception_desk.errors import UserError
from reception_desk.services.visits import saving
from reception_desk.storage.models import Citizen
from reception_desk.storage.models import Visit
from reception_desk.storage.queries import legacy as legacy_queries
from reception_desk.texts import message_for
from tests.conftest import sample_draft
from tests.legacy.files import tt04_book

HOA_ID = "037185002345"  # row 2 of the TT 04/2021 sample book: a record only the import made


def _citizen(desk, citizen_id: int) -> Citizen:
    with desk.db.read() as s:
        found = s.get(Citizen, citizen_id)
        assert found is not None
        s.expunge_all()
    return found


def _visit_citizen(desk, visit_id: int) -> int:
    with desk.db.read() as s:
        return int(s.scalars(select(Visit.citizen_id).where(Visit.id == visit_id)).one())


def _as_picked(desk, picked):  # type: ignore[no-untyped-def]
    """A visit of the picked record exactly as it stands (the save writes nothing to it)."""
    return sample_draft(
        desk, citizen_id=picked.id, citizen_version=picked.version,
        citizen_name=picked.full_name, id_doc_type=picked.id_doc_type,
        id_number=picked.id_number, id_issue_date=picked.id_issue_date,
        id_issue_place=picked.id_issue_place, sex=picked.sex, birth_date=picked.birth_date,
        phone=picked.phone, ward_code=picked.ward_code, address_detail=picked.address_detail)


def test_a_voided_record_is_refused_on_either_side_of_a_merge(desk, tmp_path: Path):
    counter, _ = desk.log_visit(sample_draft(desk))
    outcome, _ = desk.legacy.import_rows(desk.legacy.dry_run(tt04_book(tmp_path / "so.xlsx")))
    (hoa,) = desk.citizens.by_id_number(HOA_ID)
    desk.legacy.undo(outcome.batch_id)
    assert _citizen(desk, hoa.id).voided_at is not None
    for pair in ((counter.citizen_id, hoa.id), (hoa.id, counter.citizen_id)):
        with pytest.raises(UserError) as err:
            desk.citizens.merge(*pair)
        assert err.value.code == "citizen.merge_voided"
        assert hoa.full_name in message_for(err.value)
    # Nothing moved: the counter's record keeps its visit, the voided one stays voided.
    assert _visit_citizen(desk, counter.id) == counter.citizen_id
    assert _citizen(desk, hoa.id).merged_into_id is None
    assert _citizen(desk, counter.citizen_id or 0).voided_at is None


@pytest.mark.parametrize("as_picked", [True, False], ids=["unchanged", "corrected"])
def test_a_save_waiting_for_an_undo_gives_the_visit_a_new_record(
        desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, as_picked: bool):
    """The clerk picked Hoa's record; the undo has voided it but not committed when the visit
    is saved: the save waits, sees the void, and gives the visit a new record of what was typed
    (whether or not it would have written to the picked record)."""
    outcome, _ = desk.legacy.import_rows(desk.legacy.dry_run(tt04_book(tmp_path / "so.xlsx")))
    (picked,) = desk.citizens.by_id_number(HOA_ID)
    draft = (_as_picked(desk, picked) if as_picked else sample_draft(
        desk, citizen_id=picked.id, citizen_version=picked.version,
        citizen_name=picked.full_name, id_number=HOA_ID, sex=Sex.FEMALE))
    voided, release = threading.Event(), threading.Event()
    void_citizens = legacy_queries.void_citizens

    def void_then_wait(*args, **kwargs):  # type: ignore[no-untyped-def]
        void_citizens(*args, **kwargs)
        voided.set()
        assert release.wait(timeout=60)

    monkeypatch.setattr(legacy_queries, "void_citizens", void_then_wait)
    undone: list[object] = []
    undo = threading.Thread(target=lambda: undone.append(desk.legacy.undo(outcome.batch_id)))
    undo.start()
    assert voided.wait(timeout=60)  # the undo holds its locks, uncommitted
    saved: list[object] = []
    failed: list[BaseException] = []

    def save() -> None:
        try:
            saved.append(desk.log_visit(draft)[0])
        except BaseException as exc:  # reported below
            failed.append(exc)

    saver = threading.Thread(target=save)
    saver.start()
    time.sleep(1.0)
    assert saver.is_alive() and saved == [] and failed == []  # waiting for the undo
    release.set()
    undo.join(timeout=60)
    saver.join(timeout=60)
    assert failed == [], [(p.code, p.params) for e in failed for p in getattr(e, "problems", [e])]
    assert len(undone) == 1
    (detail,) = saved
    assert detail.citizen_id != picked.id  # type: ignore[attr-defined]
    assert _visit_citizen(desk, detail.id) == detail.citizen_id  # type: ignore[attr-defined]
    assert _citizen(desk, picked.id).voided_at is not None
    assert [c.id for c in desk.citizens.by_id_number(HOA_ID)] == [
        detail.citizen_id]  # type: ignore[attr-defined]


def test_an_undo_waiting_for_a_save_keeps_the_record(desk, tmp_path: Path):
    """The visit on Hoa's record is being saved (not committed) when the undo starts: the undo
    waits for it, then sees the visit and keeps the record the visit is linked to."""
    outcome, _ = desk.legacy.import_rows(desk.legacy.dry_run(tt04_book(tmp_path / "so.xlsx")))
    (picked,) = desk.citizens.by_id_number(HOA_ID)
    undone: list[object] = []
    with desk.db.session() as other:  # commits when the block ends
        detail, _ = saving.log_visit(other, _as_picked(desk, picked), desk.actor, desk.now())
        undo = threading.Thread(target=lambda: undone.append(
            desk.legacy.undo(outcome.batch_id)[0]))
        undo.start()
        time.sleep(1.0)
        assert undo.is_alive() and undone == []  # waiting for the save
    undo.join(timeout=60)
    (result,) = undone
    assert detail.citizen_id == picked.id
    # Every record the import made is voided but Hoa's.
    assert result.citizens_voided == outcome.citizens_created - 1  # type: ignore[attr-defined]
    assert _citizen(desk, picked.id).voided_at is None
    assert _visit_citizen(desk, detail.id) == picked.id
