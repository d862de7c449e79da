"""The command line as a clerk or an administrator runs it: real processes, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from reception_desk.domain.access import Role
from reception_desk.storage.database import Database
from tests.cli.accounts import cli_user
from tests.cli.accounts import password_env

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reception_desk", *args], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, **(env or {})},
                          timeout=300)


def test_demo_check_export_import_round_trip(tmp_path: Path):
    db = tmp_path / "demo.sqlite3"
    out = run("demo", "--visits", "300", "--seed", "3", "--database", str(db))
    assert out.returncode == 0, out.stderr
    assert "Đã thêm 300 lượt tiếp" in out.stdout
    assert run("check", "--database", str(db)).returncode == 0
    exported = tmp_path / "so.jsonl"
    chair = cli_user(str(db))  # a full export: the right to export and to see identities
    env = password_env({})
    full = ("--with-identities", "--reason", "Chuyển sổ sang máy tính mới của bộ phận")
    out = run("export", str(exported), "--database", str(db), *chair, *full, env=env)
    assert out.returncode == 0, out.stderr
    lines = exported.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["format"] == "reception-desk-logbook"
    assert json.loads(lines[0])["masked"] is False
    assert sum(1 for line in lines if '"type": "visit"' in line) == 300
    copy = tmp_path / "copy.sqlite3"
    admin = cli_user(str(copy), Role.ADMINISTRATOR)  # importing: the administrator
    first = run("import", str(exported), "--database", str(copy), *admin, env=env)
    assert first.returncode == 0, first.stderr
    again = run("import", str(exported), "--database", str(copy), *admin, env=env)
    assert "0 mới, 0 cập nhật" in again.stdout
    reexported = tmp_path / "again.jsonl"
    copy_chair = cli_user(str(copy))
    run("export", str(reexported), "--database", str(copy), *copy_chair, *full, env=env)
    assert reexported.read_text(encoding="utf-8").splitlines()[1:] == lines[1:]


def test_the_default_export_is_masked_and_cannot_be_imported(tmp_path: Path):
    db = tmp_path / "demo.sqlite3"
    assert run("demo", "--visits", "40", "--seed", "5", "--database", str(db)).returncode == 0
    env = password_env({})
    admin = cli_user(str(db), Role.ADMINISTRATOR)
    masked = tmp_path / "masked.jsonl"
    out = run("export", str(masked), "--database", str(db), *admin, env=env)
    assert out.returncode == 0, out.stderr
    assert "đã được che" in out.stdout
    header = json.loads(masked.read_text(encoding="utf-8").splitlines()[0])
    assert header["masked"] is True
    # The administrator may export but not see identities: no full export.
    full = tmp_path / "full.jsonl"
    out = run("export", str(full), "--database", str(db), *admin, "--with-identities",
              "--reason", "Chuyển sổ sang máy tính mới của bộ phận", env=env)
    assert out.returncode == 2 and not full.exists()
    assert "“xem thông tin cá nhân của công dân”" in out.stderr
    # The chairperson may, with a reason only.
    chair = cli_user(str(db))
    out = run("export", str(full), "--database", str(db), *chair, "--with-identities", env=env)
    assert out.returncode == 2 and not full.exists()
    copy = tmp_path / "copy.sqlite3"
    copy_admin = cli_user(str(copy), Role.ADMINISTRATOR)
    out = run("import", str(masked), "--database", str(copy), *copy_admin, env=env)
    assert out.returncode == 2 and "danh tính đã che" in out.stderr
    with Database(f"sqlite:///{copy}").read() as s:
        assert s.execute(text("SELECT count(*) FROM visit")).scalar() == 0


def test_commands_on_records_refuse_without_a_user_and_name_the_right(tmp_path: Path):
    db = tmp_path / "demo.sqlite3"
    assert run("demo", "--visits", "20", "--database", str(db)).returncode == 0
    clerk = cli_user(str(db), Role.RECEIVING_CLERK)
    out = run("export", str(tmp_path / "x.jsonl"), "--database", str(db))
    assert out.returncode == 2 and not (tmp_path / "x.jsonl").exists()
    assert "--user" in out.stderr and "“xuất dữ liệu”" in out.stderr
    out = run("find", "Nguyễn", "--database", str(db))
    assert out.returncode == 2 and "“xem sổ, vụ việc và công dân”" in out.stderr
    # A clerk may not export: the refusal names the right and who has it.
    out = run("export", str(tmp_path / "x.jsonl"), "--database", str(db), *clerk,
              env=password_env({}))
    assert out.returncode == 2 and "“xuất dữ liệu”" in out.stderr
    assert "Công chức tiếp công dân" in out.stderr and not (tmp_path / "x.jsonl").exists()
    # Demo data on a database with accounts: the administrator only.
    out = run("demo", "--visits", "5", "--database", str(db), *clerk, env=password_env({}))
    assert out.returncode == 2 and "“nhập dữ liệu”" in out.stderr
    # Aggregates need nobody.
    assert run("check", "--database", str(db)).returncode == 0
    assert run("deadline", "complaint-acceptance", "2026-02-10").returncode == 0


def test_demo_data_is_realistic(tmp_path: Path):
    db = tmp_path / "demo.sqlite3"
    assert run("demo", "--visits", "400", "--database", str(db)).returncode == 0
    engine = Database(f"sqlite:///{db}").engine
    with engine.connect() as conn:
        kinds = {r[0] for r in conn.execute(text("SELECT DISTINCT kind FROM visit"))}
        types = {r[0] for r in conn.execute(text("SELECT DISTINCT petition_type FROM visit"))}
        crowd = conn.execute(text("SELECT count(*) FROM visit WHERE people_count >= 5")).scalar()
        repeat = conn.execute(text(
            "SELECT count(*) FROM (SELECT citizen_id FROM visit GROUP BY citizen_id "
            "HAVING count(*) > 1)")).scalar()
        names = [r[0] for r in conn.execute(text("SELECT full_name FROM citizen LIMIT 50"))]
        ids = [r[0] for r in conn.execute(text(
            "SELECT id_number FROM citizen WHERE id_doc_type = 'citizen_id' LIMIT 50"))]
    engine.dispose()
    assert kinds == {"regular", "periodic", "ad_hoc"}
    assert types == {"complaint", "denunciation", "petition", "reflection"}
    assert crowd and crowd > 0 and repeat and repeat > 0
    assert any(any(ch in n for ch in "ăâđêôơưĐ") for n in names)
    from reception_desk.domain.classification import IdDocType
    from reception_desk.domain.identity import check_id_number

    assert all(check_id_number(IdDocType.CITIZEN_ID, n).hard_problems == () for n in ids)


def test_check_reports_a_gap(tmp_path: Path):
    db = tmp_path / "demo.sqlite3"
    run("demo", "--visits", "50", "--database", str(db))
    engine = Database(f"sqlite:///{db}").engine
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM visit_document WHERE visit_id = "
                          "(SELECT id FROM visit WHERE seq = 2)"))
        conn.execute(text("DELETE FROM visit WHERE seq = 2"))
    engine.dispose()
    out = run("check", "--database", str(db))
    assert out.returncode == 1
    assert "bị hở" in out.stderr


def test_too_new_and_corrupt_databases_get_clear_messages(tmp_path: Path):
    db = tmp_path / "new.sqlite3"
    run("demo", "--visits", "5", "--database", str(db))
    engine = Database(f"sqlite:///{db}").engine
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    out = run("export", str(tmp_path / "x.jsonl"), "--database", str(db))
    assert out.returncode == 2 and "phiên bản mới hơn" in out.stderr
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"\x00garbage" * 500)
    out = run("export", str(tmp_path / "x.jsonl"), "--database", str(bad))
    assert out.returncode == 2 and "Không đọc được cơ sở dữ liệu" in out.stderr


def test_broken_import_reports_line_numbers_and_writes_nothing(tmp_path: Path):
    src = tmp_path / "bad.jsonl"
    src.write_text('{"format": "reception-desk-logbook", "version": 1}\n'
                   '{"type": "staff", "uid": "a", "full_name": "Lê Văn A", "role": "clerk"}\n'
                   '{"type": "nonsense"}\n'
                   'not json\n', encoding="utf-8")
    db = tmp_path / "target.sqlite3"
    admin = cli_user(str(db), Role.ADMINISTRATOR)
    out = run("import", str(src), "--database", str(db), *admin, env=password_env({}))
    assert out.returncode == 2
    lines = out.stderr.splitlines()  # the app's sentences, every line problem listed
    assert lines[0] == "Không nhập được tệp; dữ liệu chưa bị thay đổi."
    assert "Dòng 3: loại bản ghi “nonsense” không xác định." in lines
    assert "Dòng 4: không phải JSON hợp lệ." in lines
    engine = Database(f"sqlite:///{db}").engine
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM staff")).scalar() == 0
    engine.dispose()


def test_english_messages_and_environment_database(tmp_path: Path):
    db = tmp_path / "env.sqlite3"
    out = run("demo", "--visits", "3", "--lang", "en", env={"RECEPTION_DESK_DATABASE": str(db)})
    assert out.returncode == 0 and "Added 3 visits" in out.stdout
    assert db.exists()


def test_every_command_module_is_registered():
    """A new module in reception_desk/cli must be listed (frozen builds cannot discover it)."""
    import pkgutil

    import reception_desk.cli as cli

    found = {m.name for m in pkgutil.iter_modules(cli.__path__)}
    helpers = {"auth"}  # --user resolution, imported by the commands (so frozen builds have it)
    assert found - helpers == set(cli.COMMAND_MODULES)


def test_demo_cases_are_legal_linked_and_make_hotspots(tmp_path: Path):
    """Every demo case replays through the domain state machine to its cached stage and
    deadline; its visits are its complainant's; the weekly list has hotspots for many reasons."""
    from collections import Counter
    from datetime import UTC

    from sqlalchemy import select

    from reception_desk.domain.cases import CaseEvent
    from reception_desk.domain.cases import CaseType
    from reception_desk.domain.cases import ComplaintObject
    from reception_desk.domain.cases import ComplexityCriterion
    from reception_desk.domain.cases import EventKind
    from reception_desk.domain.cases import HandlingLevel
    from reception_desk.domain.cases import replay
    from reception_desk.domain.numbering import parse_document_number
    from reception_desk.services.cases.history import case_caches
    from reception_desk.services.desk import Desk
    from reception_desk.services.office.rules import deadline_rules
    from reception_desk.services.office.rules import office_calendar
    from reception_desk.storage.database import open_database
    from reception_desk.storage.models import CaseCitizen
    from reception_desk.storage.models import CaseEventRow
    from reception_desk.storage.models import CaseFile
    from reception_desk.storage.models import Directive
    from reception_desk.storage.models import Visit

    db_path = tmp_path / "demo.sqlite3"
    out = run("demo", "--visits", "400", "--cases", "80", "--seed", "5", "--database",
              str(db_path))
    assert out.returncode == 0, out.stderr
    assert run("check", "--database", str(db_path)).returncode == 0
    db = open_database(f"sqlite:///{db_path}")
    try:
        with db.read() as s:
            calendar, rules = office_calendar(s), deadline_rules(s)
            cases = {c.id: c for c in s.scalars(select(CaseFile))}
            events: dict[int, list[CaseEventRow]] = {}
            for row in s.scalars(select(CaseEventRow).order_by(CaseEventRow.case_id,
                                                               CaseEventRow.position)):
                events.setdefault(row.case_id, []).append(row)
            complainant = {cc.case_id: cc.citizen_id for cc in s.scalars(select(CaseCitizen))}
            visits = list(s.scalars(select(Visit).where(Visit.case_id.is_not(None))))
            directives = list(s.scalars(select(Directive)))
            assert len(cases) == 80
            for case in cases.values():
                rows = events[case.id]
                assert [r.position for r in rows] == list(range(1, len(rows) + 1))
                state = replay(
                    CaseType(case.case_type),
                    [CaseEvent(EventKind(r.kind), r.actor, r.moment.replace(tzinfo=UTC),
                               r.document_number or None, r.document_date,
                               HandlingLevel(r.level) if r.level else None,
                               frozenset(ComplexityCriterion(c) for c in r.criteria)
                               if r.criteria is not None else None) for r in rows],
                    complaint_object=ComplaintObject(case.complaint_object)
                    if case.complaint_object else None, remote=case.remote)
                cached = case_caches(state, calendar, rules)
                assert {k: getattr(case, k) for k in cached} == cached, case.id
                for r in rows:
                    if r.document_number:  # NĐ 30/2020 form, canonical: "12/QĐ-UBND"
                        assert str(parse_document_number(r.document_number)) == \
                            r.document_number
                if case.previous_case_id is not None:
                    previous = cases[case.previous_case_id]
                    assert (case.case_type, previous.case_type) in {
                        ("complaint_second", "complaint_first"),
                        ("denunciation", "denunciation")}
                    assert complainant[case.id] == complainant[previous.id]
            per_case = Counter(v.case_id for v in visits)
            assert set(per_case) == set(cases)
            assert all(1 <= n <= 6 for n in per_case.values())
            assert all(v.citizen_id == complainant[v.case_id] for v in visits)
            assert all(v.reception_date >= cases[v.case_id].received_on for v in visits)
            assert {c.case_type for c in cases.values()} == {t.value for t in CaseType}
            assert {c.stage for c in cases.values()} >= {
                "received", "accepted", "verifying", "dialogue", "suspended", "decided",
                "transferred", "closed"}
            kinds = {r.kind for rows in events.values() for r in rows}
            assert kinds >= {"suspend", "resume", "extend", "assess_complexity", "transfer",
                             "decide", "close"}
            assert {c.level for c in cases.values()} > {"commune"}
            assert any(c.previous_case_id for c in cases.values())
            assert directives and all(d.due_on for d in directives)
            assert any(c.remote or c.criteria for c in cases.values())

        listing = Desk(db).hotspots.weekly()
        reasons = {r.value for row in listing.active for r in row.reasons}
        assert len(listing.active) >= 5
        # Every reason of the first policy; the showcase bypass to the province, within 30 days
        # of the commune's reception, is also "several levels at once" (LEGAL.md §6.4 (c)).
        assert reasons >= {"overdue", "long_running", "crowd", "repeat", "bypass",
                           "sensitive_field", "complex", "incident", "bypass_simultaneous"}
    finally:
        db.dispose()
