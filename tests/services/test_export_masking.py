"""The default export masks every identity the law keeps secret; a full export is a deliberate,
audited act of a user who may see identities; a masked file is never imported (issue 10)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func
from sqlalchemy import select

from reception_desk.domain.access import AccessDenied
from reception_desk.domain.access import Role
from reception_desk.domain.classification import IdDocType
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.visits import GroupMember
from reception_desk.errors import UserError
from reception_desk.services.desk import Desk
from reception_desk.storage.database import open_database
from reception_desk.storage.models import AuditEntry
from reception_desk.storage.models import Visit
from tests.conftest import sample_draft
from tests.conftest import sign_in_as

REASON = "Chuyển toàn bộ sổ sang máy mới của bộ phận một cửa"
SECRET_NAME, SECRET_ID, SECRET_PHONE = "Phạm Thị Yến", "037085005678", "0987 654 321"
MEMBER_NAME, MEMBER_ID = "Trần Văn Bảy", "037080001122"


def _fill(desk) -> tuple[int, int]:
    """A petition (name in clear, numbers partial) and a crowd denunciation under secrecy."""
    petition, _ = desk.log_visit(sample_draft(desk))
    secret, _ = desk.log_visit(sample_draft(
        desk, petition_type=PetitionType.DENUNCIATION, field_code=None,
        citizen_name=SECRET_NAME, id_number=SECRET_ID, phone=SECRET_PHONE,
        address_detail="Xóm Bến, số 7", people_count=6, delegation=True,
        content="Tố cáo cán bộ thu tiền trái quy định khi cấp giấy chứng nhận.",
        members=[GroupMember(MEMBER_NAME, IdDocType.CITIZEN_ID, MEMBER_ID, "Thôn Đông", "",
                             True)]))
    desk.documents.issue_receipt(secret.id)
    return petition.id, secret.id


def _records(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _audit_rows(desk) -> list[dict]:
    with desk.db.read() as s:
        rows = s.scalars(select(AuditEntry.after).where(AuditEntry.action == "export")).all()
    return [r if isinstance(r, dict) else json.loads(r) for r in rows]


def test_the_default_export_holds_no_secret_identity_and_says_it_is_masked(sqlite_desk,
                                                                          tmp_path):
    _fill(sqlite_desk)
    sign_in_as(sqlite_desk, Role.ADMINISTRATOR)
    target = tmp_path / "masked.jsonl"
    sqlite_desk.export_logbook(target)
    text = target.read_text(encoding="utf-8")
    for secret in (SECRET_NAME, SECRET_ID, SECRET_PHONE, "Xóm Bến", MEMBER_NAME, MEMBER_ID,
                   "037085001234", "0912 345 678", "Thôn Đông, số 12"):
        assert secret not in text, secret
    records = _records(target)
    header = records[0]
    assert header["masked"] is True
    assert header["masking"]["secret_denouncers"] == "withheld"
    assert header["masking"]["id_number"] == "partial"
    visits = {r["citizen_name"]: r for r in records if r.get("type") == "visit"}
    assert set(visits) == {"Nguyễn Văn Đức", "***"}  # the petitioner's name stays in clear
    assert visits["Nguyễn Văn Đức"]["id_number"] == "*********234"
    secret = visits["***"]
    assert secret["citizen"] == "***" and secret["id_number"] == "***"
    assert secret["members"][0]["full_name"] == "***"
    documents = [r for r in records if r.get("type") == "issued_document"]
    assert documents and all(d["payload"] == "***" for d in documents)
    citizens = {r["full_name"] for r in records if r.get("type") == "citizen"}
    assert "Nguyễn Văn Đức" in citizens and SECRET_NAME not in citizens
    assert _audit_rows(sqlite_desk)[-1]["masked"] is True


def test_a_full_export_needs_both_rights_and_a_reason(sqlite_desk, tmp_path):
    _fill(sqlite_desk)
    target = tmp_path / "full.jsonl"
    sign_in_as(sqlite_desk, Role.ADMINISTRATOR)  # may export, but sees identities masked
    with pytest.raises(AccessDenied) as refused:
        sqlite_desk.export_logbook(target, with_identities=True, reason=REASON)
    assert refused.value.params["permission"] == "view_personal_data"
    sign_in_as(sqlite_desk, Role.CASE_HANDLER)  # sees personal data, may not export
    with pytest.raises(AccessDenied) as refused:
        sqlite_desk.export_logbook(target, with_identities=True, reason=REASON)
    assert refused.value.params["permission"] == "export_data"
    sign_in_as(sqlite_desk, Role.CHAIRPERSON)
    with pytest.raises(UserError) as no_reason:
        sqlite_desk.export_logbook(target, with_identities=True)
    assert no_reason.value.code == "secrecy.reason_required"
    assert not target.exists() and _audit_rows(sqlite_desk) == []
    count = sqlite_desk.export_logbook(target, with_identities=True, reason=REASON)
    text = target.read_text(encoding="utf-8")
    assert SECRET_NAME in text and SECRET_ID in text and MEMBER_NAME in text
    header = _records(target)[0]
    assert header["masked"] is False and header["reason"] == REASON
    audit = _audit_rows(sqlite_desk)
    assert audit == [{"records": count, "file": "full.jsonl",
                      "folder": str(tmp_path.resolve()), "masked": False, "reason": REASON}]


def test_full_export_imports_and_a_masked_one_is_refused_writing_nothing(sqlite_desk,
                                                                         tmp_path, clock):
    _fill(sqlite_desk)
    sign_in_as(sqlite_desk, Role.CHAIRPERSON)
    full, masked = tmp_path / "full.jsonl", tmp_path / "masked.jsonl"
    sqlite_desk.export_logbook(full, with_identities=True, reason=REASON)
    sqlite_desk.export_logbook(masked)
    target = Desk(open_database(f"sqlite:///{tmp_path / 'copy.db'}"), clock)
    try:
        with pytest.raises(UserError) as refused:
            target.import_logbook(masked)
        assert refused.value.code == "import.masked_file"
        with target.db.read() as s:
            assert s.scalar(select(func.count()).select_from(Visit)) == 0
        target.import_logbook(full)
        with target.db.read() as s:
            names = set(s.scalars(select(Visit.citizen_name)))
        assert names == {"Nguyễn Văn Đức", SECRET_NAME}
    finally:
        target.close()
