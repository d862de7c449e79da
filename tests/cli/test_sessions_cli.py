"""``reception-desk sessions`` in a subprocess: the month's sessions and the chair's duty as JSON
and as text, for an account that may view records; refused without one (issue 14)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

from reception_desk.domain.access import Role
from reception_desk.domain.sessions import ParticipantKind
from reception_desk.services.sessions.dto import MemberLine
from reception_desk.services.sessions.dto import SessionDraft
from tests.cli.accounts import cli_user
from tests.cli.accounts import password_env
from tests.conftest import make_desk


def _db(url: str) -> None:
    desk = make_desk(url)
    try:
        chair = next(s.id for s in desk.staff() if s.role.value == "chair")
        body = MemberLine(ParticipantKind.BODY, "Công an xã")
        held, _ = desk.sessions.plan(SessionDraft(date(2026, 11, 24), 450, 690, chair,
                                                  place="Phòng tiếp công dân", members=[body]))
        desk.sessions.hold(held.id, held.version, no_citizen=True)
        desk.sessions.plan(SessionDraft(date(2026, 11, 30), 450, 690, chair,
                                        place="Phòng tiếp công dân"))
    finally:
        desk.close()


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reception_desk", "sessions", *args],
                          capture_output=True, text=True, timeout=120, env=password_env())


def test_sessions_json_and_text(sqlite_url: str) -> None:
    _db(sqlite_url)
    user = cli_user(sqlite_url, Role.CHAIRPERSON)
    done = _run("--month", "2026-11", "--json", "--database", sqlite_url, *user)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [(s["day"], s["status"], s["no_citizen"]) for s in data["sessions"]] == [
        ("2026-11-24", "held", True), ("2026-11-30", "planned", False)]
    assert [(p["period"], p["held"], p["state"]) for p in data["duty"]] == [
        ("11/2026", ["2026-11-24"], "missed")]  # the real clock: November is over
    assert data["sessions"][1]["warnings"] == ["not_published"]
    text = _run("--from", "01/11/2026", "--to", "30/11/2026", "--database", sqlite_url, *user)
    assert text.returncode == 0, text.stderr
    assert "24/11/2026 07:30–11:30" in text.stdout and "11/2026" in text.stdout
    refused = _run("--json", "--database", sqlite_url)
    assert refused.returncode != 0
    bad = _run("--month", "2026-13", "--database", sqlite_url, *user)
    assert bad.returncode == 2 and "2026-13" in bad.stderr
