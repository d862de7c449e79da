"""``reception-desk find`` through a real subprocess: JSON and Vietnamese text output."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.cli.accounts import as_user
from tests.cli.accounts import password_env
from tests.conftest import make_desk
from tests.conftest import sample_draft


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reception_desk", *as_user(args)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120,
                          env=password_env())


def test_find_prints_matching_citizens_with_their_visits(sqlite_url):
    desk = make_desk(sqlite_url)
    first, _ = desk.log_visit(sample_draft(desk))
    desk.log_visit(sample_draft(desk, citizen_id=first.citizen_id, content="Hỏi tiến độ"))
    desk.log_visit(sample_draft(desk, citizen_name="Trần Thị Mai", id_number="037185004321",
                                sex=None))
    desk.close()

    out = _run("find", "nguyen", "van", "duc", "--json", "--database", sqlite_url)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert [c["name"] for c in data] == ["Nguyễn Văn Đức"]
    assert data[0]["id_number"] == "037085001234"
    visits = data[0]["visits"]
    assert [v["stt"] for v in visits] == ["2/2026", "1/2026"]
    assert visits[1] == {**visits[1], "date": "2026-11-27", "type": "petition",
                         "content": first.content}

    out = _run("find", "0370850", "--json", "--database", sqlite_url)
    assert {c["name"] for c in json.loads(out.stdout)} == {"Nguyễn Văn Đức"}

    text = _run("find", "NGUYỄN đức", "--database", sqlite_url)
    assert text.returncode == 0
    assert "Nguyễn Văn Đức (037085001234)" in text.stdout
    assert "2 lượt tiếp" in text.stdout
    assert "Số 1/2026" in text.stdout

    english = _run("find", "mai", "--lang", "en", "--database", sqlite_url)
    assert "Trần Thị Mai" in english.stdout and "1 visit\n" in english.stdout


def test_find_nothing_exits_1(sqlite_url):
    make_desk(sqlite_url).close()
    out = _run("find", '"(*', "--json", "--database", sqlite_url)
    assert out.returncode == 1 and json.loads(out.stdout) == []
    out = _run("find", "khong ai", "--database", sqlite_url)
    assert out.returncode == 1 and "Không có công dân" in out.stdout


def test_find_masks_by_the_callers_rights_and_keeps_denouncers_secret(sqlite_url):
    from reception_desk.domain.access import Role
    from reception_desk.domain.classification import HandlingDirection
    from reception_desk.domain.classification import PetitionType
    from tests.cli.accounts import cli_user
    from tests.cli.accounts import password_env

    desk = make_desk(sqlite_url)
    desk.log_visit(sample_draft(desk))
    desk.log_visit(sample_draft(desk, citizen_name="Lê Thị Hoa", id_number="037185009876",
                                sex=None, petition_type=PetitionType.DENUNCIATION,
                                direction=HandlingDirection.TRANSFER, within_competence=False,
                                target_body="Công an tỉnh Ninh Bình", field_code=None))
    desk.close()
    inspector = cli_user(sqlite_url, Role.INSPECTOR)

    def find(*args: str, who: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "reception_desk", "find", *args,
                               "--database", sqlite_url, *who], capture_output=True,
                              text=True, encoding="utf-8", timeout=120, env=password_env())

    # The inspector sees the name, the last digits and the commune, never the rest.
    out = find("nguyen van duc", "--json", who=inspector)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data[0]["name"] == "Nguyễn Văn Đức"
    assert data[0]["id_number"] == "*********234" and "037085001234" not in out.stdout
    assert "Thôn Đông" not in out.stdout and data[0]["birth_date"] is None
    # Nobody finds a denouncer under secrecy by name or number, with any right.
    for who in (inspector, cli_user(sqlite_url, Role.CHAIRPERSON)):
        for query in ("Lê Thị Hoa", "037185009876"):
            out = find(query, "--json", who=who)
            assert out.returncode == 1 and json.loads(out.stdout) == [], (query, out.stdout)
            text = find(query, who=who)
            assert "Hoa" not in text.stdout.replace(f'"{query}"', "")
