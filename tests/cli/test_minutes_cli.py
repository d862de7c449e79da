"""``reception-desk print minutes VISIT`` and ``print dialogue ID`` (issue 14): the same rights
and masking as the service — a denouncer under secrecy is withheld, a role without the right to
issue documents is refused."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from pathlib import Path

import pytest

from reception_desk.config import OFFICE_TZ
from reception_desk.domain.access import Role
from reception_desk.domain.cases import CaseType
from reception_desk.domain.cases import EventKind
from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.dialogues import Participant
from reception_desk.domain.dialogues import ParticipantRole
from reception_desk.services.cases.dialogue_dto import HoldDialogue
from reception_desk.services.cases.dialogue_dto import ScheduleDialogue
from reception_desk.services.cases.dto import EventDraft
from reception_desk.services.cases.dto import NewCase
from tests.cli.accounts import cli_user
from tests.cli.test_print_cli import _pdf_text
from tests.cli.test_print_cli import cli
from tests.conftest import make_desk
from tests.conftest import sample_draft


@pytest.fixture
def database(tmp_path: Path) -> tuple[str, int]:
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    desk = make_desk(url)
    desk.log_visit(sample_draft(desk))
    desk.log_visit(sample_draft(desk, citizen_name="Lê Thị Hoa", id_number="037185009876",
                                sex=None, petition_type=PetitionType.DENUNCIATION,
                                direction=HandlingDirection.TRANSFER, within_competence=False,
                                target_body="Công an tỉnh Ninh Bình", field_code=None))
    case, _ = desk.cases.open_case(NewCase(case_type=CaseType.COMPLAINT_SECOND,
                                           title="Khiếu nại thu hồi đất",
                                           received_on=date(2026, 11, 2)))
    desk.cases.record_event(EventDraft(case_id=case.id, kind=EventKind.ACCEPT,
                                       document_date=date(2026, 11, 4)))
    at = datetime(2026, 11, 25, 14, tzinfo=OFFICE_TZ)
    people = (Participant(ParticipantRole.PRESIDING, "Lê Văn Chủ", "Chủ tịch UBND xã"),
              Participant(ParticipantRole.COMPLAINANT, "Trần Thị Khiếu", "", "Giữ yêu cầu."))
    dto, _ = desk.cases.schedule_dialogue(ScheduleDialogue(case.id, at, "Hội trường", people))
    desk.cases.hold_dialogue(HoldDialogue(dto.id, at, people, "Đo đạc lại thửa đất."))
    desk.close()
    return url, dto.id


def test_print_minutes_and_dialogue(database, tmp_path):
    url, dialogue_id = database
    out = tmp_path / "bb.pdf"
    res = cli("print", "minutes", "1/2026", "--minute-taker", "Ngô Thị Ghi", "--out", str(out),
              "--database", url)
    assert res.returncode == 0, res.stderr
    text = _pdf_text(out)
    assert "Nguyễn Văn Đức" in text and "Ngô Thị Ghi" in text and "điểm chỉ" in text
    secret = tmp_path / "bb-tc.pdf"
    res = cli("print", "minutes", "2/2026", "--out", str(secret), "--database", url)
    assert res.returncode == 0, res.stderr
    text = _pdf_text(secret)
    for hidden in ("Lê Thị Hoa", "037185009876", "Thôn Đông"):
        assert hidden not in text, hidden
    assert "đã được giữ bí mật" in text
    dialogue = tmp_path / "dt.pdf"
    res = cli("print", "dialogue", str(dialogue_id), "--out", str(dialogue), "--database", url)
    assert res.returncode == 0, res.stderr
    text = _pdf_text(dialogue)
    assert "Trần Thị Khiếu" in text and "Đo đạc lại thửa đất." in text


def test_print_minutes_needs_the_right_to_issue_documents(database, tmp_path):
    import subprocess
    import sys

    from tests.cli.accounts import password_env

    url, _dialogue = database
    inspector = cli_user(url, Role.INSPECTOR)
    out = tmp_path / "bb.pdf"
    res = subprocess.run([sys.executable, "-m", "reception_desk", "print", "minutes", "1/2026",
                          "--out", str(out), "--database", url, *inspector],
                         capture_output=True, text=True, env=password_env(), timeout=120)
    assert res.returncode == 2 and not out.exists()
    res = cli("print", "dialogue", "999", "--out", str(out), "--database", url)
    assert res.returncode == 2 and "không còn tồn tại" in res.stderr
