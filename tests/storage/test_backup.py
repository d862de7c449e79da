"""Backup files on real databases: round trips, encryption, damage, cancel, environment faults."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import zipfile
import zlib
from collections.abc import Iterator
from datetime import UTC
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from reception_desk.errors import KnownError
from reception_desk.storage.backup import archive
from reception_desk.storage.backup import common
from reception_desk.storage.backup import postgresql
from reception_desk.storage.backup import swap
from reception_desk.storage.backup.manifest import Manifest
from reception_desk.storage.backup.manifest import read_manifest
from tests.conftest import make_desk
from tests.conftest import sample_draft

NOW = datetime(2026, 11, 27, 2, 30, tzinfo=UTC)
NAME = "Nguyễn Văn Đức"


def _add_visits(desk, count: int) -> list[int]:  # type: ignore[no-untyped-def]
    ids = []
    for _ in range(count):
        detail, _changes = desk.log_visit(sample_draft(desk))
        ids.append(detail.id)
    return ids


@pytest.fixture
def office(tmp_path: Path, clock):  # type: ignore[no-untyped-def]
    desk = make_desk(f"sqlite:///{tmp_path / 'office' / 'reception.sqlite3'}", clock)
    _add_visits(desk, 5)
    yield desk
    desk.close()


def _visit_ids(path: Path) -> set[int]:
    conn = sqlite3.connect(path)
    try:
        return {row[0] for row in conn.execute("SELECT id FROM visit")}
    finally:
        conn.close()


def _write(desk, target: Path, **kwargs) -> Manifest:  # type: ignore[no-untyped-def]
    return archive.write_backup(desk.db.engine, target, app_version="test", created_at=NOW,
                              **kwargs)


def test_plain_backup_round_trip_holds_every_visit_and_a_manifest(office, tmp_path):
    target = tmp_path / "out" / "office.rdbackup"
    target.parent.mkdir()
    manifest = _write(office, target)
    assert manifest.visits == 5 and manifest.backend == "sqlite"
    assert manifest.schema_revision == read_manifest(target).schema_revision
    with zipfile.ZipFile(target) as zf:  # any archive tool can open it
        assert set(zf.namelist()) == {"manifest.json", "database.sqlite3"}
    again = archive.verify_backup(target)
    assert again.created_at == NOW and again.database_name == "reception"
    work = tmp_path / "work"
    work.mkdir()
    extracted = archive.extract_backup(target, work)
    assert _visit_ids(extracted.database) == _visit_ids(
        Path(office.db.engine.url.database))
    # The copy stands alone: no -wal needed beside it.
    conn = sqlite3.connect(extracted.database)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert not list(target.parent.glob(".*"))  # no leftover part file
    assert not list(Path(office.db.engine.url.database).parent.glob(".rd-backup-*"))


def test_encrypted_backup_hides_the_records_and_needs_the_passphrase(office, tmp_path):
    target = tmp_path / "secret.rdbackup"
    manifest = _write(office, target, passphrase="mật khẩu dài")
    assert manifest.encrypted
    raw = target.read_bytes()
    assert NAME.encode("utf-8") not in raw and b"037085001234" not in raw
    assert b"SQLite format 3" not in raw
    listed = read_manifest(target)  # the manifest stays readable
    assert listed.visits == 5 and listed.encrypted
    with pytest.raises(KnownError) as wrong:
        archive.extract_backup(target, tmp_path, "mat khau dai")
    assert wrong.value.code == "backup.wrong_passphrase"
    with pytest.raises(KnownError) as missing:
        archive.extract_backup(target, tmp_path, None)
    assert missing.value.code == "backup.passphrase_required"
    # The same words typed decomposed (another Vietnamese keyboard) open it: NFC first.
    import unicodedata

    work = tmp_path / "work"
    work.mkdir()
    decomposed = unicodedata.normalize("NFD", "mật khẩu dài")
    extracted = archive.extract_backup(target, work, decomposed)
    assert len(_visit_ids(extracted.database)) == 5
    archive.verify_backup(target, "mật khẩu dài")


def test_attachments_folder_travels_with_the_backup(office, tmp_path):
    folder = common.attachments_folder(office.db.engine.url)
    assert folder == Path(office.db.engine.url.database).with_name("reception.attachments")
    (folder / "2026" / "11").mkdir(parents=True)
    (folder / "2026" / "11" / "don-khieu-nai.pdf").write_bytes(b"%PDF-1.4 scan" * 1000)
    (folder / "ghi-chu.txt").write_text("Biên bản làm việc", encoding="utf-8")
    for passphrase in (None, "khoá"):
        target = tmp_path / f"with-files-{bool(passphrase)}.rdbackup"
        manifest = _write(office, target, passphrase=passphrase)
        assert len(manifest.members) == (3 if passphrase is None else 4)
        if passphrase:  # names of encrypted attachments are not readable either
            assert b"don-khieu-nai" not in target.read_bytes()
        work = tmp_path / f"work-{bool(passphrase)}"
        work.mkdir()
        extracted = archive.extract_backup(target, work, passphrase)
        assert extracted.attachments is not None
        assert sorted(extracted.files) == ["2026/11/don-khieu-nai.pdf", "ghi-chu.txt"]
        assert (extracted.attachments / "ghi-chu.txt").read_text(encoding="utf-8") == \
            "Biên bản làm việc"


def _member_bytes(archive_bytes: bytes, name: str) -> bytes | None:
    """What ``name`` holds in a backup file's bytes, or None where it cannot be read."""
    try:
        with zipfile.ZipFile(io.BytesIO(archive_bytes)) as zf:
            return zf.read(name)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
        return None


def _member_span(path: Path, name: str) -> tuple[int, int]:
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(name)
    with path.open("rb") as fh:
        fh.seek(info.header_offset + 26)
        name_len, extra_len = int.from_bytes(fh.read(2), "little"), \
            int.from_bytes(fh.read(2), "little")
    start = info.header_offset + 30 + name_len + extra_len
    return start, start + info.compress_size


@pytest.mark.parametrize("passphrase", [None, "khoá bí mật"])
def test_a_damaged_backup_is_refused_wherever_it_is_damaged(office, tmp_path, passphrase):
    good = tmp_path / "good.rdbackup"
    _write(office, good, passphrase=passphrase)
    data = good.read_bytes()
    db_member = "database.sqlite3" + (".enc" if passphrase else "")
    start, end = _member_span(good, db_member)
    m_start, m_end = _member_span(good, "manifest.json")
    damaged: dict[str, bytes] = {
        "cut in half": data[: len(data) // 2],
        "cut at the end": data[:-30],
        "empty": b"",
    }
    stored = _member_bytes(data, db_member)
    for fraction in (0.0, 0.3, 0.7, 0.999):
        at = start + int((end - start) * fraction)
        flipped = data[:at] + bytes([data[at] ^ 0x55]) + data[at + 1:]
        # A deflate stream has bits no decoder reads (padding, lengths of unused codes): a flip
        # there leaves the member's content as it was, so the backup is not damaged (seen once
        # in ~30 runs). Damage is a flip that changes what the member holds: take the next byte.
        while at + 1 < end and _member_bytes(flipped, db_member) == stored:
            at += 1
            flipped = data[:at] + bytes([data[at] ^ 0x55]) + data[at + 1:]
        damaged[f"flip in data {fraction}"] = flipped
    at = (m_start + m_end) // 2
    damaged["flip in manifest"] = data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]
    for label, content in damaged.items():
        bad = tmp_path / "bad.rdbackup"
        bad.write_bytes(content)
        work = tmp_path / "work"
        work.mkdir(exist_ok=True)
        with pytest.raises(KnownError) as refused:
            archive.extract_backup(bad, work, passphrase)
        assert refused.value.code in {"backup.damaged", "backup.not_a_backup"}, label
        with pytest.raises(KnownError):
            archive.verify_backup(bad, passphrase)


def test_not_a_backup_and_a_newer_format_are_told_apart(tmp_path):
    other = tmp_path / "notes.rdbackup"
    other.write_text("hello")
    with pytest.raises(KnownError) as exc:
        read_manifest(other)
    assert exc.value.code == "backup.not_a_backup"
    newer = tmp_path / "newer.rdbackup"
    with zipfile.ZipFile(newer, "w") as zf:
        zf.writestr("manifest.json", '{"format": "reception-desk-backup", "format_version": 9}')
    with pytest.raises(KnownError) as exc:
        read_manifest(newer)
    assert exc.value.code == "backup.format_too_new"
    with pytest.raises(KnownError) as exc:
        read_manifest(tmp_path / "missing.rdbackup")
    assert exc.value.code == "backup.file_missing"


def test_an_existing_file_is_not_overwritten_without_force(office, tmp_path):
    target = tmp_path / "office.rdbackup"
    target.write_text("precious")
    with pytest.raises(KnownError) as exc:
        _write(office, target)
    assert exc.value.code == "backup.exists"
    assert target.read_text() == "precious"
    _write(office, target, overwrite=True)
    assert read_manifest(target).visits == 5


def test_a_missing_folder_is_not_created(office, tmp_path):
    with pytest.raises(KnownError) as exc:
        _write(office, tmp_path / "typo" / "office.rdbackup")
    assert exc.value.code == "backup.folder_missing"
    assert not (tmp_path / "typo").exists()


def test_cancel_leaves_nothing_behind(office, tmp_path):
    _add_visits(office, 1)
    seen: list[str] = []

    def cancelled() -> bool:
        return bool(seen)

    target = tmp_path / "office.rdbackup"
    with pytest.raises(common.BackupCancelled):
        _write(office, target, progress=lambda phase, _d, _t: seen.append(phase),
               cancelled=cancelled)
    assert seen and seen[0] == "snapshot"
    assert list(tmp_path.iterdir()) == [tmp_path / "office"]
    assert not list((tmp_path / "office").glob(".rd-backup-*"))


def test_progress_reaches_the_end_of_every_phase(office, tmp_path):
    reports: dict[str, tuple[int, int]] = {}
    _write(office, tmp_path / "b.rdbackup",
           progress=lambda phase, done, total: reports.__setitem__(phase, (done, total)))
    assert reports["snapshot"][0] == reports["snapshot"][1] > 0
    assert reports["write"][0] == reports["write"][1] > 0


# --- environment faults on real small file systems -----------------------------------------


@pytest.fixture
def small_fs(tmp_path: Path) -> Iterator[Path]:
    """A 256 KiB tmpfs (root only): a USB stick that fills up."""
    mount = tmp_path / "stick"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
            capture_output=True).returncode != 0:
        pytest.skip("mounting a small file system needs root")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_is_a_known_error_and_leaves_no_part_file(office, tmp_path, small_fs):
    _add_visits(office, 20)
    (small_fs / "filler").write_bytes(b"x" * 258_000)  # about 4 KiB left
    with pytest.raises(KnownError) as exc:
        _write(office, small_fs / "office.rdbackup", passphrase="x")
    assert exc.value.code == "backup.disk_full"
    assert [p.name for p in small_fs.iterdir()] == ["filler"]


def test_a_read_only_folder_is_a_known_error(office, small_fs):
    subprocess.run(["mount", "-o", "remount,ro", str(small_fs)], check=True)
    with pytest.raises(KnownError) as exc:
        _write(office, small_fs / "office.rdbackup")
    assert exc.value.code == "backup.read_only"


# --- swapping a restored file in -----------------------------------------------------------


def test_swap_keeps_the_current_database_beside_the_restored_one(tmp_path):
    current = tmp_path / "reception.sqlite3"
    current.write_bytes(b"old")
    (tmp_path / "reception.sqlite3-wal").write_bytes(b"stale wal")
    restored = tmp_path / ".restoring"
    restored.write_bytes(b"new")
    kept = swap.swap_sqlite(current, restored, "20261127-023000")
    assert current.read_bytes() == b"new"
    assert kept == tmp_path / "reception.before-restore-20261127-023000.sqlite3"
    assert kept.read_bytes() == b"old"
    assert not (tmp_path / "reception.sqlite3-wal").exists()  # never replayed onto the new file
    assert (tmp_path / (kept.name + "-wal")).read_bytes() == b"stale wal"


# --- PostgreSQL ----------------------------------------------------------------------------


def test_postgresql_backup_is_a_pg_dump_inside_the_same_format(postgres_server, tmp_path, clock):
    desk = make_desk(postgres_server.new_database(), clock)
    try:
        _add_visits(desk, 3)
        target = tmp_path / "shared.rdbackup"
        manifest = _write(desk, target, passphrase="pg")
        assert manifest.backend == "postgresql" and manifest.visits == 3
        assert manifest.database_member.name == "database.pgdump.enc"
        work = tmp_path / "work"
        work.mkdir()
        extracted = archive.extract_backup(target, work, "pg")
        assert extracted.database.read_bytes()[:5] == b"PGDMP"
        postgresql.pg_list_archive(extracted.database)
    finally:
        desk.close()


def test_missing_postgresql_tools_are_a_clear_known_error(monkeypatch, postgres_server, tmp_path,
                                                          clock):
    desk = make_desk(postgres_server.new_database(), clock)
    try:
        monkeypatch.setenv("PATH", str(tmp_path))
        monkeypatch.delenv("RECEPTION_DESK_PG_BIN", raising=False)
        monkeypatch.setattr(postgresql, "PG_BIN_ROOTS", (tmp_path / "none",))
        with pytest.raises(KnownError) as exc:
            _write(desk, tmp_path / "x.rdbackup")
        assert exc.value.code == "backup.pg_tools_missing"
        assert exc.value.params["tool"] == "pg_dump"
        assert not list(tmp_path.glob("*.rdbackup")) and not list(tmp_path.glob(".*"))
    finally:
        desk.close()


def test_libpq_connection_string_keeps_the_password_off_the_command_line():
    conninfo, env = postgresql.libpq_conninfo(make_url(
        "postgresql+psycopg://clerk:s3cr'et@db.local:5433/office?sslmode=require"))
    assert "s3cr" not in conninfo
    assert env["PGPASSWORD"] == "s3cr'et"
    assert "host='db.local'" in conninfo and "port='5433'" in conninfo
    assert "sslmode='require'" in conninfo and "dbname='office'" in conninfo
