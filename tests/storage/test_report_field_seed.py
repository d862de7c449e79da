"""Migration 0017 seeds the field categories 03/XLD and 04/XLD count by, and leaves every entry
the office made itself (same code or not) exactly as it was, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from reception_desk.storage.database import Database
from reception_desk.storage.database import alembic_config
from reception_desk.storage.database import open_database

FIELDS = "SELECT code, parent_code, label, petition_type, sensitive, active, version " \
         "FROM field_category"


def _migrate(db: Database, target: str, *, down: bool = False, sql: tuple[str, ...] = ()) -> None:
    with db.engine.begin() as conn:
        cfg = alembic_config(db.engine)
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, target)
        for statement in sql:
            conn.execute(text(statement))


def _fields(db: Database) -> dict[str, tuple[object, ...]]:
    with db.engine.connect() as conn:
        return {row[0]: tuple(row[1:]) for row in conn.execute(text(FIELDS))}


def test_0017_seeds_the_report_codes_and_keeps_the_office_entries(database_url) -> None:  # type: ignore[no-untyped-def]
    db = Database(database_url)  # an empty database
    try:
        # Before 0017 an office added two entries in Settings → Lĩnh vực: "Tư pháp" under
        # pakn folds to the standard code (and was edited since); the other one does not.
        _migrate(db, "0016", sql=(
            "INSERT INTO field_category (code, parent_code, label, petition_type, sensitive, "
            "sort_order, active, version) VALUES ('pakn.tu_phap', 'pakn', 'Tư pháp, hộ tịch', "
            "NULL, TRUE, 90, FALSE, 3)",
            "INSERT INTO field_category (code, parent_code, label, petition_type, sensitive, "
            "sort_order, active, version) VALUES ('tc.hc.che_do_chinh_sach', 'tc.hc', "
            "'Chế độ, chính sách', 'denunciation', FALSE, 91, TRUE, 1)",
        ))
        before = _fields(db)
        _migrate(db, "head")
        after = _fields(db)
        added = {code: after[code] for code in set(after) - set(before)}
        assert added == {
            "tc.hc.chinh_sach": ("tc.hc", "Chế độ, chính sách", "denunciation", False, True, 1),
            "tc.hc.dat_dai": ("tc.hc", "Đất đai, nhà cửa", "denunciation", True, True, 1),
            "tc.hc.cong_vu": ("tc.hc", "Công chức, công vụ", "denunciation", False, True, 1),
        }
        assert {code: after[code] for code in before} == before  # nothing rewritten
        # Down keeps the entries (petitions may be recorded under them); up again adds none.
        _migrate(db, "0016", down=True)
        assert _fields(db) == after
        _migrate(db, "head")
        assert _fields(db) == after
    finally:
        db.dispose()


def test_0017_seeds_pakn_tu_phap_where_the_office_has_none(database_url) -> None:  # type: ignore[no-untyped-def]
    db = open_database(database_url)
    try:
        assert _fields(db)["pakn.tu_phap"] == ("pakn", "Tư pháp", None, False, True, 1)
    finally:
        db.dispose()
