"""Backup and restore use cases on real databases: consistency under load, verified restores,
automatic backups with rotation, the office policy, PostgreSQL."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy import text
from sqlalchemy.engine import make_url

from reception_desk.errors import KnownError
from reception_desk.errors import UserError
from reception_desk.services.desk import Desk
from reception_desk.services.office.backup import BackupPolicy
from reception_desk.services.office.backup import Backups
from reception_desk.services.office.backup import default_folder
from reception_desk.storage.backup import common
from reception_desk.storage.backup import sqlite
from reception_desk.storage.database import Database
from reception_desk.storage.database import open_database
from tests.conftest import Clock
from tests.conftest import make_desk
from tests.conftest import sample_draft


def _add_visits(desk, count: int) -> list[int]:  # type: ignore[no-untyped-def]
    return [desk.log_visit(sample_draft(desk))[0].id for _ in range(count)]


def _count(desk) -> int:  # type: ignore[no-untyped-def]
    with desk.db.read() as s:
        return int(s.execute(text("SELECT count(*) FROM visit")).scalar_one())


@pytest.fixture
def office(tmp_path: Path, clock):  # type: ignore[no-untyped-def]
    desk = make_desk(f"sqlite:///{tmp_path / 'office' / 'reception.sqlite3'}", clock)
    _add_visits(desk, 5)
    yield desk
    desk.close()


def _db_path(desk) -> Path:  # type: ignore[no-untyped-def]
    return Path(desk.db.engine.url.database)


def _fingerprint(folder: Path) -> dict[str, str]:
    """Every file of a folder with its content hash (what "nothing changed" means)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# --- consistency under load ----------------------------------------------------------------


def test_backup_while_four_counters_save_holds_every_visit_saved_before_it(tmp_path, clock,
                                                                         monkeypatch):
    url = f"sqlite:///{tmp_path / 'busy.sqlite3'}"
    desk = make_desk(url, clock)
    _add_visits(desk, 40)
    # Small steps and a pause per step stretch the copy over many commits of the counters.
    monkeypatch.setattr(sqlite, "PAGES_PER_STEP", 2)
    acknowledged: list[tuple[int, float]] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def counter() -> None:
        own = Desk(open_database(url), clock)
        own.act_as(desk.staff()[0])
        try:
            while not stop.is_set():
                detail, _ = own.log_visit(sample_draft(own))
                acknowledged.append((detail.id, time.monotonic()))
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            own.close()

    threads = [threading.Thread(target=counter) for _ in range(4)]
    for t in threads:
        t.start()
    try:
        while len(acknowledged) < 20 and not errors:
            time.sleep(0.01)
        started = time.monotonic()
        steps = []
        Backups(desk).back_up_to(
            tmp_path / "busy.rdbackup",
            progress=lambda phase, done, total: (steps.append(phase), time.sleep(0.005)),
            # Without its read transaction the copy restarts at every commit and never ends.
            cancelled=lambda: time.monotonic() > started + 60)
        finished = time.monotonic()
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert not errors, errors
    before = {vid for vid, at in acknowledged if at < started}
    during = [vid for vid, at in acknowledged if started <= at < finished]
    assert steps.count("snapshot") > 5
    assert during, "the counters did not save while the backup ran"
    # Restore the copy into a fresh place: every visit acknowledged before the start is there.
    restored = Desk(Database(f"sqlite:///{tmp_path / 'restored.sqlite3'}"), clock)
    try:
        Backups(restored).restore(tmp_path / "busy.rdbackup")
        with restored.db.read() as s:
            ids = {row[0] for row in s.execute(text("SELECT id FROM visit"))}
    finally:
        restored.close()
        desk.close()
    missing = before - ids
    assert not missing, f"{len(missing)} acknowledged visits missing"
    assert len(ids) >= 40 + len(before)


# --- restore -------------------------------------------------------------------------------


def test_restore_brings_the_backup_back_and_keeps_the_current_database(office, tmp_path, clock):
    backups = Backups(office)
    made = backups.back_up_to(tmp_path / "monday.rdbackup")
    assert made.visits == 5
    _add_visits(office, 3)
    clock.moment += timedelta(hours=2)
    result = backups.restore(tmp_path / "monday.rdbackup")
    assert _count(office) == 5  # the same Desk reads the restored database
    kept = Path(result.kept or "")
    assert kept.name == "reception.before-restore-20261127-043000.sqlite3"
    conn = sqlite3.connect(kept)
    assert conn.execute("SELECT count(*) FROM visit").fetchone()[0] == 8
    conn.close()
    with office.db.read() as s:
        action = s.execute(text(
            "SELECT action, entity FROM audit_entry ORDER BY id DESC LIMIT 1")).one()
    assert tuple(action) == ("restore", "database")
    assert not list(_db_path(office).parent.glob(".rd-restore-*"))
    # The restored database keeps numbering where the backup left off.
    detail, _ = office.log_visit(sample_draft(office))
    assert detail.seq == 6


@pytest.mark.parametrize("damage", ["truncated", "flipped"])
def test_a_damaged_backup_is_refused_and_nothing_changes(office, tmp_path, damage):
    backups = Backups(office)
    target = tmp_path / "b.rdbackup"
    backups.back_up_to(target)
    data = bytearray(target.read_bytes())
    if damage == "truncated":
        data = data[: len(data) * 2 // 3]
    else:
        with zipfile.ZipFile(target) as zf:
            info = zf.getinfo("database.sqlite3")
        at = info.header_offset + 100 + info.compress_size // 2
        data[at] ^= 0xFF
    target.write_bytes(bytes(data))
    _add_visits(office, 2)
    office.db.dispose()
    folder = _db_path(office).parent
    before = _fingerprint(folder)
    with pytest.raises(KnownError) as exc:
        backups.restore(target)
    assert exc.value.code in {"backup.damaged", "backup.not_a_backup"}
    assert _fingerprint(folder) == before
    assert _count(office) == 7


def test_a_backup_whose_database_fails_the_check_is_refused(office, tmp_path):
    # A logbook with a gap in its numbering (a visit row deleted behind the program's back).
    with office.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM visit_document WHERE visit_id = 3"))
        conn.execute(text("DELETE FROM visit WHERE id = 3"))
    backups = Backups(office)
    backups.back_up_to(tmp_path / "gap.rdbackup")
    with office.db.engine.begin() as conn:
        conn.execute(text("UPDATE counter SET last_value = last_value"))
    office.db.dispose()
    before = _fingerprint(_db_path(office).parent)
    with pytest.raises(KnownError) as exc:
        backups.restore(tmp_path / "gap.rdbackup")
    assert exc.value.code == "restore.check_failed"
    assert "check.stt_gap" in exc.value.params["problems"]
    assert _fingerprint(_db_path(office).parent) == before
    with pytest.raises(KnownError):
        backups.verify(tmp_path / "gap.rdbackup")


def test_a_backup_of_a_newer_schema_is_refused(office, tmp_path):
    with office.db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    backups = Backups(office)
    backups.back_up_to(tmp_path / "future.rdbackup")
    with office.db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0004'"))
    with pytest.raises(KnownError) as exc:
        backups.restore(tmp_path / "future.rdbackup")
    assert exc.value.code == "backup.too_new"
    assert _count(office) == 5


def test_a_backup_of_an_older_schema_is_upgraded_on_restore(office, tmp_path):
    from alembic import command

    from reception_desk.storage.database import alembic_config
    from reception_desk.storage.database import head_revision

    with office.db.engine.begin() as conn:
        cfg = alembic_config(office.db.engine)
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003")
    backups = Backups(office)
    assert backups.back_up_to(tmp_path / "old.rdbackup").schema_revision == "0003"
    backups.restore(tmp_path / "old.rdbackup")
    with office.db.read() as s:
        assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == \
            head_revision()
    assert _count(office) == 5


def test_encrypted_restore_refuses_a_wrong_passphrase_before_any_work(office, tmp_path):
    backups = Backups(office)
    backups.back_up_now(tmp_path, passphrase="đúng")
    (target,) = tmp_path.glob("*.rdbackup")
    for wrong, code in ((None, "backup.passphrase_required"), ("sai", "backup.wrong_passphrase")):
        with pytest.raises(KnownError) as exc:
            backups.restore(target, wrong)
        assert exc.value.code == code
    _add_visits(office, 1)
    backups.restore(target, "đúng")
    assert _count(office) == 5


def test_restore_is_refused_while_another_connection_reads_the_database(office, tmp_path):
    backups = Backups(office)
    backups.back_up_to(tmp_path / "b.rdbackup")
    other = sqlite3.connect(_db_path(office))
    other.execute("BEGIN")
    other.execute("SELECT count(*) FROM visit").fetchone()
    try:
        with pytest.raises(KnownError) as exc:
            backups.restore(tmp_path / "b.rdbackup")
        assert exc.value.code == "restore.in_use"
    finally:
        other.rollback()
        other.close()
    assert not list(_db_path(office).parent.glob("*before-restore*"))
    assert _count(office) == 5


def test_restore_swaps_the_attachments_folder_too(office, tmp_path):
    folder = common.attachments_folder(office.db.engine.url)
    assert folder is not None
    folder.mkdir()
    (folder / "scan.pdf").write_bytes(b"first scan")
    backups = Backups(office)
    backups.back_up_to(tmp_path / "b.rdbackup")
    (folder / "scan.pdf").write_bytes(b"changed later")
    (folder / "new.pdf").write_bytes(b"added later")
    result = backups.restore(tmp_path / "b.rdbackup")
    assert sorted(p.name for p in folder.iterdir()) == ["scan.pdf"]
    assert (folder / "scan.pdf").read_bytes() == b"first scan"
    assert result.kept_attachments is not None
    assert (result.kept_attachments / "new.pdf").read_bytes() == b"added later"


def test_a_sqlite_backup_cannot_be_restored_into_postgresql(office, tmp_path, postgres_server,
                                                           clock):
    Backups(office).back_up_to(tmp_path / "b.rdbackup")
    shared = make_desk(postgres_server.new_database(), clock)
    try:
        with pytest.raises(KnownError) as exc:
            Backups(shared).restore(tmp_path / "b.rdbackup")
        assert exc.value.code == "restore.backend_mismatch"
    finally:
        shared.close()


# --- verify and list -------------------------------------------------------------------------


def test_verify_opens_and_checks_the_database_inside(office, tmp_path):
    backups = Backups(office)
    plain = backups.back_up_to(tmp_path / "plain.rdbackup")
    assert backups.verify(plain.path).checked
    secret = backups.back_up_to(tmp_path / "secret.rdbackup", passphrase="k")
    assert not backups.verify(secret.path).checked  # checksums only without the passphrase
    assert backups.verify(secret.path, "k").checked
    assert not list(_db_path(office).parent.glob(".rd-restore-*"))


def test_back_up_now_creates_only_its_own_default_folder(office, tmp_path):
    backups = Backups(office)
    made = backups.back_up_now(default_folder(office.location))
    assert made.path.parent == backups.automatic_folder() and made.visits == 5
    with pytest.raises(KnownError) as exc:
        backups.back_up_now(tmp_path / "stick-not-plugged")
    assert exc.value.code == "backup.folder_missing"
    assert not (tmp_path / "stick-not-plugged").exists()


def test_list_shows_every_backup_newest_first_and_flags_a_damaged_one(office, tmp_path, clock):
    backups = Backups(office)
    first = backups.back_up_now(tmp_path)
    clock.moment += timedelta(minutes=1)
    second = backups.back_up_now(tmp_path, passphrase="k")
    (tmp_path / "broken.rdbackup").write_bytes(b"PK\x03\x04 broken")
    listed = backups.list_backups(tmp_path)
    good = [b for b in listed if b.problem is None]
    assert [b.path for b in listed[:2]] == [second.path, first.path]  # the damaged one last
    assert good[0].encrypted and not good[1].encrypted and good[0].visits == 5
    (broken,) = [b for b in listed if b.problem is not None]
    assert broken.problem.code == "backup.damaged"
    assert first.path.name == "reception-2026-11-27-093000.rdbackup"  # office time


# --- automatic backups and the policy ----------------------------------------------------------


def test_automatic_backups_keep_the_newest_of_each_of_the_last_days(office, clock):
    backups = Backups(office)
    backups.save_policy(BackupPolicy(keep=3))
    folder = backups.automatic_folder()
    assert folder == default_folder(office.location)
    assert folder.parts[-2:] == ("backups", "reception")
    assert backups.daily_backup_due()
    made = []
    for day in range(5):
        for hour in (0, 8):  # a start-of-day backup and a close-time one
            clock.moment = Clock().moment + timedelta(days=day, hours=hour)
            made.append(backups.automatic_backup("close" if hour else "daily").path)
        assert not backups.daily_backup_due()
    remaining = sorted(p.name for p in folder.iterdir())
    assert remaining == sorted(p.name for p in made[-5::2])  # the close-time ones of 3 days
    clock.moment += timedelta(days=1)
    assert backups.daily_backup_due()


def test_rotation_never_touches_other_files(office, clock):
    backups = Backups(office)
    backups.save_policy(BackupPolicy(keep=1))
    folder = backups.automatic_folder()
    folder.mkdir(parents=True)
    (folder / "mine.rdbackup").write_text("a backup the user put here by hand")
    (folder / "other-2020-01-01-000000.rdbackup").write_text("another database's")
    for day in range(3):
        clock.moment = Clock().moment + timedelta(days=day)
        backups.automatic_backup("close")
    assert sorted(p.name for p in folder.iterdir()) == [
        "mine.rdbackup", "other-2020-01-01-000000.rdbackup",
        "reception-2026-11-29-093000.rdbackup"]


def test_an_unplugged_backup_folder_is_a_known_error_and_deletes_nothing(office, tmp_path):
    backups = Backups(office)
    stick = tmp_path / "stick"
    stick.mkdir()
    backups.save_policy(BackupPolicy(keep=2, folder=str(stick)))
    backups.automatic_backup("close")
    stick.rename(tmp_path / "unplugged")
    with pytest.raises(KnownError) as exc:
        backups.automatic_backup("close")
    assert exc.value.code == "backup.folder_missing"
    assert len(list((tmp_path / "unplugged").iterdir())) == 1


def test_policy_is_an_audited_office_setting_with_safe_defaults(office, tmp_path):
    backups = Backups(office)
    assert backups.policy() == BackupPolicy(keep=10, folder="")
    changes = backups.save_policy(BackupPolicy(keep=30, folder=str(tmp_path)))
    assert changes.settings == {"backup"}
    assert backups.policy() == BackupPolicy(keep=30, folder=str(tmp_path))
    with pytest.raises(UserError) as exc:
        backups.save_policy(BackupPolicy(keep=0))
    assert exc.value.code == "backup.keep_invalid"
    with pytest.raises(KnownError) as missing:
        backups.save_policy(BackupPolicy(keep=5, folder=str(tmp_path / "nowhere")))
    assert missing.value.code == "backup.folder_missing"
    # A malformed value (an old import, a hand edit) reads as the defaults.
    with office.db.engine.begin() as conn:
        conn.execute(text("UPDATE setting SET value = '\"ten\"' WHERE key = 'backup'"))
    assert backups.policy() == BackupPolicy()
    with office.db.read() as s:
        actions = s.execute(text(
            "SELECT count(*) FROM audit_entry WHERE entity_id = 'backup'")).scalar()
    assert actions == 1


# --- PostgreSQL --------------------------------------------------------------------------------


def _pg_names(url: str) -> set[str]:
    engine = create_engine(make_url(url).set(database="postgres"))
    try:
        with engine.connect() as conn:
            return {r[0] for r in conn.execute(text("SELECT datname FROM pg_database"))}
    finally:
        engine.dispose()


def test_postgresql_restore_checks_a_scratch_copy_then_swaps_it_in(postgres_server, tmp_path,
                                                                  clock):
    url = postgres_server.new_database()
    desk = make_desk(url, clock)
    try:
        _add_visits(desk, 3)
        backups = Backups(desk)
        made = backups.back_up_to(tmp_path / "shared.rdbackup")
        assert made.backend == "postgresql" and made.visits == 3
        assert backups.verify(made.path).backup.visits == 3
        _add_visits(desk, 2)
        # A damaged dump is refused with nothing changed and no scratch database left behind.
        bad = tmp_path / "bad.rdbackup"
        data = bytearray(made.path.read_bytes())
        data[len(data) // 3] ^= 0xFF
        bad.write_bytes(bytes(data))
        names = _pg_names(url)
        with pytest.raises(KnownError):
            backups.restore(bad)
        assert _pg_names(url) == names and _count(desk) == 5
        result = backups.restore(made.path)
        assert _count(desk) == 3
        assert result.kept is not None and result.kept.startswith(make_url(url).database)
        kept = create_engine(make_url(url).set(database=result.kept))
        with kept.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM visit")).scalar() == 5
        kept.dispose()
        assert not [n for n in _pg_names(url) if "restoring" in n]
    finally:
        desk.close()
