"""Attachments in the tamper-evident record and in backups: ``check`` finds a swapped or altered
blob and an edited attachment row (made straight in the database, SQLite and PostgreSQL); a
backup restored brings the attached files back, byte for byte."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from reception_desk.domain.access import Role
from reception_desk.services.office.backup import Backups
from reception_desk.services.office.integrity import check_record
from reception_desk.storage.database import Database
from reception_desk.texts import message
from tests.conftest import Clock
from tests.conftest import make_desk
from tests.conftest import sample_draft
from tests.conftest import sign_in_as
from tests.services.test_integrity import query
from tests.services.test_integrity import tamper

SCAN = b"%PDF-1.4 don khieu nai " * 500
PHOTO = b"\xff\xd8\xff so do thua dat " * 300


def _office(url: str, tmp_path: Path) -> tuple[str, int, int]:
    """Two attachments on one visit (a scan and a photo); returns the URL and their ids."""
    desk = make_desk(url, Clock())
    try:
        visit, _ = desk.log_visit(sample_draft(desk))
        sign_in_as(desk, Role.RECEIVING_CLERK)
        (tmp_path / "don.pdf").write_bytes(SCAN)
        (tmp_path / "anh.jpg").write_bytes(PHOTO)
        scan, _ = desk.attachments.add_to_visit(visit.id, tmp_path / "don.pdf")
        photo, _ = desk.attachments.add_to_visit(visit.id, tmp_path / "anh.jpg")
        assert check_record(desk.db) == []
    finally:
        desk.close()
    return url, scan.id, photo.id


def _findings(url: str) -> list[tuple[str, dict]]:  # type: ignore[type-arg]
    db = Database(url)
    try:
        return [(f.code, f.params) for f in check_record(db)]
    finally:
        db.dispose()


def _hex(data: bytes) -> str:
    return data.hex()


def test_check_finds_bytes_changed_under_their_key(database_url, tmp_path):
    url, scan_id, _photo = _office(database_url, tmp_path)
    key = hashlib.sha256(SCAN).hexdigest()
    literal = (f"X'{_hex(b'%PDF-1.4 forged')}'" if url.startswith("sqlite")
               else f"'\\x{_hex(b'%PDF-1.4 forged')}'::bytea")
    tamper(url, f"UPDATE attachment_blob SET content = {literal} WHERE sha256 = '{key}'")
    found = _findings(url)
    assert [code for code, _p in found] == ["check.attachment_blob_altered"]
    params = found[0][1]
    assert params["fingerprint"] == key[:12] and params["attachments"] == str(scan_id)
    assert key[:12] in message("check.attachment_blob_altered", params)


def test_check_finds_a_row_pointed_at_other_bytes_or_renamed(database_url, tmp_path):
    url, scan_id, photo_id = _office(database_url, tmp_path)
    photo_key = hashlib.sha256(PHOTO).hexdigest()
    tamper(url, f"UPDATE attachment SET blob_sha256 = '{photo_key}' WHERE id = {scan_id}",
           f"UPDATE attachment SET file_name = 'khac.jpg' WHERE id = {photo_id}")
    found = _findings(url)
    assert sorted((code, p["id"]) for code, p in found) == [
        ("check.record_altered", scan_id), ("check.record_altered", photo_id)]
    assert all(p["entity"] == "attachment" for _c, p in found)
    assert f"Attachment {scan_id}" in message(found[0][0], found[0][1])


def test_check_finds_a_deleted_blob_and_a_deleted_attachment(sqlite_url, tmp_path):
    url, scan_id, photo_id = _office(sqlite_url, tmp_path)
    key = hashlib.sha256(SCAN).hexdigest()
    tamper(url, f"DELETE FROM attachment_blob WHERE sha256 = '{key}'",  # foreign keys off
           f"DELETE FROM attachment WHERE id = {photo_id}")
    found = sorted((code, p.get("id")) for code, p in _findings(url))
    assert found == [("check.attachment_blob_missing", scan_id),
                     ("check.record_missing", photo_id)]


def test_a_restored_backup_brings_the_attachments_back(database_url, tmp_path):
    url, scan_id, photo_id = _office(database_url, tmp_path)
    desk = make_desk(url, Clock())
    try:
        sign_in_as(desk, Role.ADMINISTRATOR)
        backups = Backups(desk)
        made = backups.back_up_to(tmp_path / "office.rdbackup")
        # After the backup: one file voided, the other's bytes lost behind the app's back.
        sign_in_as(desk, Role.RECEIVING_CLERK)
        desk.attachments.void(photo_id, "Ảnh chụp nhầm")
        tamper(url, "DELETE FROM attachment WHERE id = " + str(scan_id))
        assert [r[0] for r in query(url, "SELECT id FROM attachment")] == [photo_id]
        sign_in_as(desk, Role.ADMINISTRATOR)
        backups.restore(made.path)
        sign_in_as(desk, Role.RECEIVING_CLERK)
        listed = desk.attachments.for_visit(1)
        assert [(a.file_name, a.voided) for a in listed] == [("don.pdf", False),
                                                             ("anh.jpg", False)]
        assert desk.attachments.read_bytes(scan_id) == SCAN
        assert desk.attachments.read_bytes(photo_id) == PHOTO
        assert check_record(desk.db) == []
    finally:
        desk.close()


@pytest.fixture(autouse=True)
def _english() -> None:
    from reception_desk.i18n import set_language

    set_language("en")


def test_two_counters_storing_the_same_new_scan_at_once_keep_one_blob(postgres_server,
                                                                     tmp_path):
    """PostgreSQL: the second insert of the same key waits for the first and inserts nothing
    (SQLite serialises writers already)."""
    import threading
    from datetime import UTC
    from datetime import datetime

    from reception_desk.storage.queries import attachments as q

    url = postgres_server.new_database()
    make_desk(url, Clock()).close()
    db = Database(url)
    key = hashlib.sha256(SCAN).hexdigest()
    moment = datetime(2026, 11, 27, 2, 30, tzinfo=UTC)
    results: list[str] = []

    def second() -> None:
        with db.session() as s:
            results.append(q.put_blob(s, sha256=key, size=len(SCAN), media_type="application/pdf",
                                      created_at=moment, chunks=[SCAN]))

    try:
        with db.session() as s:
            results.append(q.put_blob(s, sha256=key, size=len(SCAN),
                                      media_type="application/pdf", created_at=moment,
                                      chunks=[SCAN[:100], SCAN[100:]]))
            other = threading.Thread(target=second)
            other.start()
            other.join(timeout=1)
            assert other.is_alive()  # waiting for the first counter's transaction
        other.join(timeout=30)
        assert results == [key, key]
        assert query(url, "SELECT count(*) FROM attachment_blob") == [(1,)]
    finally:
        db.dispose()
