"""A hostile environment speaks through KnownError, on real file systems and a real server.

Tests run as root, who ignores file modes: read-only is a read-only tmpfs mount (or an
immutable file), a full disk a small tmpfs filled up, a locked file another connection holding
BEGIN EXCLUSIVE, an unreachable server a closed port.
"""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlalchemy import select

from reception_desk.errors import KnownError
from reception_desk.storage.database import open_database
from reception_desk.storage.models import Visit
from reception_desk.texts import message_for
from tests.conftest import Clock
from tests.conftest import make_desk
from tests.conftest import sample_draft


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs mounted for the test (skipped where mounting is not permitted)."""
    where = tmp_path / "disk"
    where.mkdir()
    try:
        _mount("-t", "tmpfs", "-o", "size=2m", "tmpfs", str(where))
    except (subprocess.CalledProcessError, FileNotFoundError):
        pytest.skip("mounting a tmpfs is not permitted here")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False, capture_output=True)


def _visits(url: str) -> int:
    db = open_database(url)
    try:
        with db.read() as s:
            return int(s.scalar(select(func.count()).select_from(Visit)) or 0)
    finally:
        db.dispose()


def test_read_only_folder_refuses_the_save_and_loses_nothing(small_disk: Path):
    url = f"sqlite:///{small_disk / 'office.sqlite3'}"
    desk = make_desk(url, Clock())
    desk.log_visit(sample_draft(desk))
    desk.close()
    _mount("-o", "remount,ro", str(small_disk))
    with pytest.raises(KnownError) as info:  # WAL needs its -shm file: opening already fails
        ro_desk = make_desk_readonly(url)
        try:
            ro_desk.log_visit(sample_draft(ro_desk))
        finally:
            ro_desk.close()
    assert info.value.code == "database.read_only"
    assert "chỉ cho phép đọc" in message_for(info.value) or "read-only" in message_for(info.value)
    _mount("-o", "remount,rw", str(small_disk))
    assert _visits(url) == 1


def make_desk_readonly(url: str):  # type: ignore[no-untyped-def]
    """A desk on an existing database without writing anything while opening it."""
    from reception_desk.services.desk import Desk

    desk = Desk(open_database(url, migrate=False), Clock())
    desk.act_as(next(s for s in desk.staff() if s.role.value == "clerk"))
    return desk


def test_immutable_file_is_read_only(tmp_path: Path):
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not available")
    path = tmp_path / "office.sqlite3"
    url = f"sqlite:///{path}"
    desk = make_desk(url, Clock())
    desk.close()
    with sqlite3.connect(path) as conn:  # fold the WAL in: the file alone holds everything
        conn.execute("PRAGMA journal_mode=DELETE")
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        pytest.skip("this file system has no immutable flag")
    try:
        with pytest.raises(KnownError) as info:
            ro_desk = make_desk_readonly(url)
            try:
                ro_desk.log_visit(sample_draft(ro_desk))
            finally:
                ro_desk.close()
        assert info.value.code == "database.read_only"
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_full_disk_refuses_the_save_and_keeps_what_was_saved(small_disk: Path):
    url = f"sqlite:///{small_disk / 'office.sqlite3'}"
    desk = make_desk(url, Clock())
    desk.log_visit(sample_draft(desk))
    filler = small_disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:  # fill the disk to the last block
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    with pytest.raises(KnownError) as info:
        for _ in range(50):  # the first saves may still fit in pages SQLite already has
            desk.log_visit(sample_draft(desk, content="Nội dung dài " * 1500))
    desk.close()
    assert info.value.code == "database.disk_full"
    assert "đầy" in message_for(info.value) or "full" in message_for(info.value)
    filler.unlink()
    assert _visits(url) >= 1


def test_locked_database_says_another_counter_is_saving(tmp_path: Path):
    path = tmp_path / "office.sqlite3"
    url = f"sqlite:///{path}"
    desk = make_desk(url, Clock())
    desk.db.engine.dispose()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")

    def short_wait(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.execute("PRAGMA busy_timeout=200")

    from sqlalchemy import event

    event.listen(desk.db.engine, "connect", short_wait)
    try:
        with pytest.raises(KnownError) as info:
            desk.log_visit(sample_draft(desk))
    finally:
        holder.rollback()
        holder.close()
    assert info.value.code == "database.busy"
    desk.log_visit(sample_draft(desk))  # the lock gone, the same draft saves
    desk.close()
    assert _visits(url) == 1


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_server_is_not_called_a_damaged_file():
    url = f"postgresql+psycopg://postgres@127.0.0.1:{_closed_port()}/nothing"
    with pytest.raises(KnownError) as info:
        open_database(url)
    assert info.value.code == "database.unreachable"
    assert "hỏng" not in message_for(info.value)


def test_missing_folder_and_folder_path(tmp_path: Path):
    with pytest.raises(KnownError) as info:
        open_database(f"sqlite:///{tmp_path / 'typo' / 'office.sqlite3'}", create=False)
    assert info.value.code == "database.not_found"
    assert not (tmp_path / "typo").exists()
    with pytest.raises(KnownError) as info:
        open_database(f"sqlite:///{tmp_path}")
    assert info.value.code == "database.is_folder"
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    with pytest.raises(KnownError) as info:
        open_database(f"sqlite:///{empty}", create=False)
    assert info.value.code == "database.not_found"


def test_export_onto_a_full_disk_is_said_and_leaves_no_part_file(small_disk: Path, tmp_path):
    desk = make_desk(f"sqlite:///{tmp_path / 'office.sqlite3'}", Clock())
    for _ in range(20):
        desk.log_visit(sample_draft(desk, content="Nội dung dài " * 1500))
    fd = os.open(small_disk / "filler", os.O_WRONLY | os.O_CREAT)
    try:  # leave a little room: the export starts, then the disk fills
        while shutil.disk_usage(small_disk).free > 64 * 1024:
            os.write(fd, b"\0" * 4096)
    finally:
        os.close(fd)
    with pytest.raises(KnownError) as info:
        desk.export_logbook(small_disk / "logbook.jsonl")
    desk.close()
    assert info.value.code == "file.disk_full"
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]
