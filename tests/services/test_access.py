"""Accounts, sign-in, permissions and secrecy on real SQLite files and PostgreSQL (issue 10)."""

from __future__ import annotations

from datetime import date
from datetime import timedelta

import pytest
from sqlalchemy import select

from reception_desk.domain.access import AccessDenied
from reception_desk.domain.access import Permission
from reception_desk.domain.access import Role
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.secrecy import WITHHELD
from reception_desk.domain.secrecy import IdentityField
from reception_desk.domain.secrecy import SecrecyWaiver
from reception_desk.domain.visits import GroupMember
from reception_desk.errors import UserError
from reception_desk.errors import ValidationFailed
from reception_desk.services.access.dto import AccessPolicy
from reception_desk.services.access.dto import NewUser
from reception_desk.services.access.dto import RecordKind
from reception_desk.services.access.dto import RecordRef
from reception_desk.services.access.dto import UserEdit
from reception_desk.storage.models import AuditEntry
from reception_desk.storage.models import IdentityReveal
from reception_desk.storage.models import UserAccount
from tests.conftest import sample_draft

ADMIN_PW = "quản trị 2026"
PW = "mật khẩu 123"


@pytest.fixture
def access(desk):  # type: ignore[no-untyped-def]
    """An office with an administrator (signed in), a clerk, a chairperson and an inspector."""
    a = desk.access
    a.create_first_administrator(NewUser("admin", "Quản trị viên", Role.ADMINISTRATOR, ADMIN_PW))
    a.sign_in("admin", ADMIN_PW)
    staff = {s.role.value: s for s in desk.staff()}
    a.create_user(NewUser("thu", "Trần Thị Thu", Role.RECEIVING_CLERK, PW, staff["clerk"].id,
                          must_change_password=False))
    a.create_user(NewUser("hung", "Nguyễn Văn Hùng", Role.CHAIRPERSON, PW, staff["chair"].id,
                          must_change_password=False))
    a.create_user(NewUser("thanhtra", "Lê Văn Tra", Role.INSPECTOR, PW,
                          must_change_password=False))
    return a


def _code(info: pytest.ExceptionInfo[UserError]) -> str:
    return info.value.code


# --- first administrator and accounts ------------------------------------------------------------

def test_first_administrator_only_once(desk):
    a = desk.access
    assert not a.has_users()
    admin = a.create_first_administrator(
        NewUser("Admin", "Quản trị viên", Role.CASE_HANDLER, ADMIN_PW))
    assert admin.role is Role.ADMINISTRATOR and not admin.must_change_password
    assert a.has_users()
    with pytest.raises(UserError) as info:
        a.create_first_administrator(NewUser("other", "Khác", Role.ADMINISTRATOR, ADMIN_PW))
    assert _code(info) == "users.already_set_up"
    principal = a.sign_in("ADMIN", ADMIN_PW)  # user names are matched folded
    assert principal.role is Role.ADMINISTRATOR and principal.can(Permission.MANAGE_USERS)
    assert desk.actor.principal == principal and desk.actor.name == "Quản trị viên"


def test_the_password_is_stored_as_an_argon2_hash_and_never_audited(access, desk):
    with desk.db.read() as s:
        row = s.scalar(select(UserAccount).where(UserAccount.username == "thu"))
        assert row.password_hash.startswith("$argon2id$") and PW not in row.password_hash
        audits = [f"{a.before} {a.after}" for a in
                  s.scalars(select(AuditEntry).where(AuditEntry.entity == "user_account"))]
    assert audits
    for text in audits:
        assert "argon2" not in text and PW not in text and ADMIN_PW not in text


def test_only_an_administrator_manages_accounts(access):
    access.sign_in("thu", PW)
    with pytest.raises(AccessDenied) as info:
        access.create_user(NewUser("x1", "X", Role.RECEIVING_CLERK, PW))
    assert _code(info) == "access.denied"
    assert info.value.params["permission"] == "manage_users"
    assert info.value.params["role"] == "receiving_clerk"
    with pytest.raises(AccessDenied):
        access.users()
    access.sign_out()
    with pytest.raises(AccessDenied) as info:
        access.users()
    assert _code(info) == "access.not_signed_in"


def test_new_account_problems_are_reported_together(access, desk):
    with pytest.raises(ValidationFailed) as info:
        access.create_user(NewUser("THU", "", Role.CASE_HANDLER, "short",
                                   desk.staff()[0].id))
    codes = {p.code for p in info.value.problems}
    assert codes == {"users.username_taken", "users.display_name_required",
                     "users.password_too_short", "users.staff_taken"}
    with pytest.raises(UserError) as single:
        access.create_user(NewUser("new.one", "Mới", Role.CASE_HANDLER, PW, staff_id=99999))
    assert _code(single) == "users.staff_unknown"


def test_users_list_and_edit(access):
    listed = {u.username: u for u in access.users()}
    assert set(listed) == {"admin", "thu", "hung", "thanhtra"}
    assert listed["thu"].staff_name == "Trần Thị Thu"
    edited = access.update_user(UserEdit(listed["thu"].id, "Trần Thị Thu (tiếp dân)",
                                         Role.CASE_HANDLER, listed["thu"].staff_id, True))
    assert edited.role is Role.CASE_HANDLER and edited.display_name.endswith("(tiếp dân)")
    assert access.sign_in("thu", PW).role is Role.CASE_HANDLER


def test_the_last_administrator_cannot_be_demoted_or_deactivated(access):
    admin = next(u for u in access.users() if u.username == "admin")
    with pytest.raises(UserError) as info:
        access.update_user(UserEdit(admin.id, admin.display_name, Role.CHAIRPERSON, None, True))
    assert _code(info) == "users.last_administrator"
    with pytest.raises(UserError) as info:
        access.update_user(UserEdit(admin.id, admin.display_name, Role.ADMINISTRATOR, None,
                                    False))
    assert _code(info) == "users.cannot_deactivate_self"
    second = access.create_user(NewUser("admin2", "Quản trị 2", Role.ADMINISTRATOR, PW,
                                        must_change_password=False))
    access.sign_in("admin2", PW)
    # admin2 may not deactivate the other while it is the last one... it is not: two exist.
    access.update_user(UserEdit(admin.id, admin.display_name, Role.ADMINISTRATOR, None, False))
    with pytest.raises(UserError) as info:  # now admin2 is the last active one
        access.update_user(UserEdit(second.id, second.display_name, Role.INSPECTOR, None, True))
    assert _code(info) == "users.last_administrator"


def test_a_deactivated_users_session_ends_at_once(access):
    thu = next(u for u in access.users() if u.username == "thu")
    clerk = access.authenticate("thu", PW)
    access.update_user(UserEdit(thu.id, thu.display_name, thu.role, thu.staff_id, False))
    access._set_principal(clerk)  # the clerk's PC still holds her principal
    with pytest.raises(AccessDenied) as info:
        access.visit_identities([1])
    assert _code(info) == "access.session_ended"
    with pytest.raises(UserError) as info:
        access.sign_in("thu", PW)
    assert _code(info) == "auth.inactive"


# --- sign-in, lockout, passwords ---------------------------------------------------------------

def test_wrong_password_and_unknown_user_get_the_same_answer(access):
    for name, password in (("thu", "sai mật khẩu"), ("nobody", PW)):
        with pytest.raises(UserError) as info:
            access.authenticate(name, password)
        assert _code(info) == "auth.failed"
    for name, password, code in (("", PW, "auth.username_required"),
                                 ("thu", "", "auth.password_required")):
        with pytest.raises(UserError) as info:
            access.authenticate(name, password)
        assert _code(info) == code


def test_lockout_after_repeated_failures_then_released(access, clock, desk):
    access.save_policy(AccessPolicy(idle_lock_minutes=10, max_failed_attempts=3,
                                    lockout_minutes=15))
    for _ in range(2):
        with pytest.raises(UserError) as info:
            access.authenticate("thu", "sai mật khẩu")
        assert _code(info) == "auth.failed"
    with pytest.raises(UserError) as info:
        access.authenticate("thu", "sai mật khẩu")
    assert _code(info) == "auth.locked"
    assert info.value.params["until"] == clock.moment + timedelta(minutes=15)
    with pytest.raises(UserError) as info:  # the right password does not open a locked account
        access.authenticate("thu", PW)
    assert _code(info) == "auth.locked"
    with desk.db.read() as s:
        assert s.scalar(select(AuditEntry).where(AuditEntry.action == "lockout")) is not None
    clock.moment += timedelta(minutes=15, seconds=1)
    assert access.authenticate("thu", PW).username == "thu"


def test_admin_reset_lifts_a_lockout_and_forces_a_new_password(access, clock):
    for _ in range(5):
        with pytest.raises(UserError):
            access.authenticate("thu", "sai mật khẩu")
    thu = next(u for u in access.users() if u.username == "thu")
    assert thu.locked_until is not None
    reset = access.reset_password(thu.id, "tạm thời 2026")
    assert reset.must_change_password and reset.locked_until is None
    with pytest.raises(UserError):
        access.authenticate("thu", PW)
    principal = access.sign_in("thu", "tạm thời 2026")
    assert principal.must_change_password
    with pytest.raises(UserError) as info:
        access.change_own_password("sai", "mới hoàn toàn 1")
    assert _code(info) == "users.wrong_password"
    with pytest.raises(UserError) as info:
        access.change_own_password("tạm thời 2026", "tạm thời 2026")
    assert _code(info) == "users.password_unchanged"
    with pytest.raises(UserError) as info:
        access.change_own_password("tạm thời 2026", "thu")
    assert _code(info) == "users.password_too_short"
    after = access.change_own_password("tạm thời 2026", "mới hoàn toàn 1")
    assert not after.must_change_password and access.principal == after
    assert access.sign_in("thu", "mới hoàn toàn 1").username == "thu"


def test_unlock_is_the_same_user_with_its_password(access):
    access.sign_in("thu", PW)
    with pytest.raises(UserError):
        access.unlock("sai mật khẩu")
    assert access.unlock(PW).username == "thu"
    access.sign_out()
    with pytest.raises(AccessDenied):
        access.unlock(PW)


def test_principal_listeners_hear_every_change(access):
    heard: list[str | None] = []
    access.on_principal_changed(lambda p: heard.append(p.username if p else None))
    access.sign_in("thu", PW)
    access.sign_in("hung", PW)
    access.sign_out()
    assert heard == ["thu", "hung", None]


def test_policy_defaults_validation_and_rights(access):
    assert access.policy() == AccessPolicy(10, 5, 15)
    with pytest.raises(ValidationFailed) as info:
        access.save_policy(AccessPolicy(0, 1, 15))
    assert {p.field for p in info.value.problems} == {"idle_lock_minutes",
                                                      "max_failed_attempts"}
    access.save_policy(AccessPolicy(5, 4, 30))
    assert access.policy() == AccessPolicy(5, 4, 30)
    access.sign_in("hung", PW)
    with pytest.raises(AccessDenied):
        access.save_policy(AccessPolicy(20, 4, 30))


# --- secrecy -----------------------------------------------------------------------------------

def _logged(desk, **fields):  # type: ignore[no-untyped-def]
    """A visit logged by the receiving clerk (who then stays signed in): logging is hers."""
    desk.access.sign_in("thu", PW)
    visit, _ = desk.log_visit(sample_draft(desk, **fields))
    return visit


def _denunciation(desk, **extra):  # type: ignore[no-untyped-def]
    desk.access.sign_in("thu", PW)
    visit, _ = desk.log_visit(sample_draft(
        desk, petition_type=PetitionType.DENUNCIATION, field_code=None,
        content="Tố cáo cán bộ địa chính thu tiền trái quy định khi cấp giấy chứng nhận.",
        **extra))
    return visit


def test_a_denouncer_is_withheld_from_every_role_in_lists(access, desk):
    visit = _denunciation(desk)
    complaint = _logged(desk, petition_type=PetitionType.COMPLAINT, field_code=None)
    for username in ("admin", "thu", "hung", "thanhtra"):
        access.sign_in(username, ADMIN_PW if username == "admin" else PW)
        shown = access.visit_identities([visit.id, complaint.id])
        assert shown[visit.id].secret
        assert shown[visit.id].name == WITHHELD and shown[visit.id].id_number == WITHHELD
        assert shown[complaint.id].name == "Nguyễn Văn Đức"
    access.sign_in("thu", PW)
    clear = access.visit_identities([complaint.id])[complaint.id]
    assert clear.id_number == "037085001234" and clear.birth_date == date(1985, 4, 12)
    access.sign_in("thanhtra", PW)
    partial = access.identity(RecordRef(RecordKind.VISIT, complaint.id)).masked
    assert partial.id_number == "*********234" and partial.phone.endswith("678")
    assert partial.is_masked(IdentityField.ADDRESS) and partial.birth_year == 1985


def test_a_clerk_cannot_reveal_a_denouncer(access, desk):
    visit = _denunciation(desk)
    access.sign_in("thu", PW)
    with pytest.raises(AccessDenied) as info:
        access.reveal(RecordRef(RecordKind.VISIT, visit.id), "Cần liên hệ lại với người tố cáo")
    assert info.value.params["permission"] == "reveal_identity"
    assert info.value.params["allowed_roles"] == "chairperson,vice_chair"
    with desk.db.read() as s:
        assert s.scalar(select(IdentityReveal)) is None


def test_reveal_needs_a_reason_and_is_logged_and_audited(access, desk, clock):
    visit = _denunciation(desk)
    ref = RecordRef(RecordKind.VISIT, visit.id)
    access.sign_in("hung", PW)
    with pytest.raises(UserError) as info:
        access.reveal(ref, "   ")
    assert _code(info) == "secrecy.reason_required"
    revealed = access.reveal(ref, "Mời người tố cáo đến làm việc, bổ sung chứng cứ")
    assert revealed.was_secret and revealed.identity.name == "Nguyễn Văn Đức"
    assert revealed.identity.id_number == "037085001234"
    with desk.db.read() as s:
        row = s.scalar(select(IdentityReveal))
        assert (row.entity, row.entity_id, row.person, row.user_name) == (
            "visit", str(visit.id), 0, "Nguyễn Văn Hùng")
        audit = s.scalar(select(AuditEntry).where(AuditEntry.action == "reveal_identity"))
        assert audit.actor == "Nguyễn Văn Hùng" and audit.entity_id == str(visit.id)
        assert audit.after["reason"].startswith("Mời người tố cáo")
    viewed = access.who_viewed(ref)
    assert [(v.username, v.user_name) for v in viewed] == [("hung", "Nguyễn Văn Hùng")]
    assert viewed[0].at == clock.moment
    # Still masked in lists afterwards: a reveal is for this one look.
    assert access.visit_identities([visit.id])[visit.id].secret
    access.sign_in("thanhtra", PW)
    assert len(access.who_viewed(ref)) == 1
    access.sign_in("thu", PW)
    with pytest.raises(AccessDenied):
        access.who_viewed(ref)


def test_a_waiver_shows_the_denouncer_normally_until_revoked(access, desk, clock):
    visit = _denunciation(desk)
    today = clock.moment.date()
    access.sign_in("thu", PW)
    with pytest.raises(AccessDenied):
        access.record_waiver(visit.id, today)
    access.sign_in("hung", PW)
    with pytest.raises(UserError) as info:
        access.record_waiver(visit.id, today + timedelta(days=1))
    assert _code(info) == "secrecy.waiver_in_future"
    with pytest.raises(UserError) as info:
        access.record_waiver(visit.id, visit.reception_date - timedelta(days=1))
    assert _code(info) == "secrecy.waiver_before_visit"
    waiver = access.record_waiver(visit.id, today, "Đơn ghi rõ đồng ý công khai họ tên")
    assert waiver.noted_by == "Nguyễn Văn Hùng"
    assert access.waiver(visit.id).waived_on == today
    access.sign_in("thu", PW)
    assert access.visit_identities([visit.id])[visit.id].name == "Nguyễn Văn Đức"
    access.sign_in("hung", PW)
    access.revoke_waiver(visit.id)
    assert access.waiver(visit.id) is None
    with pytest.raises(UserError) as info:
        access.revoke_waiver(visit.id)
    assert _code(info) == "secrecy.no_waiver"
    access.sign_in("thu", PW)
    assert access.visit_identities([visit.id])[visit.id].secret


def test_waivers_only_on_denunciations(access, desk):
    complaint = _logged(desk, petition_type=PetitionType.COMPLAINT, field_code=None)
    access.sign_in("hung", PW)
    with pytest.raises(UserError) as info:
        access.record_waiver(complaint.id, complaint.reception_date)
    assert _code(info) == "secrecy.not_a_denunciation"


def test_crowd_members_are_protected_one_by_one(access, desk):
    members = [GroupMember("Phạm Thị Lan", id_number="037190004321", address="Thôn Tây",
                           is_representative=True),
               GroupMember("Đỗ Văn Nam", id_number="037088007777", address="Thôn Bắc",
                           is_representative=True)]
    visit = _denunciation(desk, people_count=6, delegation=True, members=members)
    access.sign_in("hung", PW)
    assert access.identity(RecordRef(RecordKind.VISIT, visit.id, 2)).masked.secret
    access.record_waiver(visit.id, visit.reception_date, person=2)
    nam = access.identity(RecordRef(RecordKind.VISIT, visit.id, 2))
    assert nam.masked.name == "Đỗ Văn Nam" and nam.waived_on == visit.reception_date
    assert access.identity(RecordRef(RecordKind.VISIT, visit.id, 1)).masked.secret
    assert access.identity(RecordRef(RecordKind.VISIT, visit.id, 0)).masked.secret
    lan = access.reveal(RecordRef(RecordKind.VISIT, visit.id, 1), "Xác minh người đại diện")
    assert lan.identity.name == "Phạm Thị Lan"
    with pytest.raises(UserError) as info:
        access.identity(RecordRef(RecordKind.VISIT, visit.id, 9))
    assert _code(info) == "secrecy.person_not_found"


def test_a_denunciation_case_protects_its_denouncer(access, desk):
    visit = _denunciation(desk)
    detail, _ = desk.cases.open_from_visit(visit.id)
    citizen_id = visit.citizen_id
    ref = RecordRef(RecordKind.CASE, detail.id, citizen_id)
    access.sign_in("hung", PW)
    assert access.identity(ref).masked.secret
    access.record_waiver(visit.id, visit.reception_date)
    assert access.identity(ref).masked.name == "Nguyễn Văn Đức"
    with pytest.raises(UserError) as info:
        access.identity(RecordRef(RecordKind.CASE, detail.id, 99999))
    assert _code(info) == "secrecy.person_not_found"


def test_mask_for_a_door_that_already_holds_the_identity(access):
    from reception_desk.domain.secrecy import Identity

    person = Identity("Lê Thị Hoa", "037190001111", "0988 000 111", "Thôn Đông, xã Yên Phú")
    access.sign_in("thanhtra", PW)
    masked = access.mask_for(person, "petition", None)
    assert masked.name == "Lê Thị Hoa" and masked.id_number == "*********111"
    assert access.mask_for(person, "denunciation", None).secret
    waived = access.mask_for(person, "denunciation", SecrecyWaiver(date(2026, 1, 2)))
    assert waived.name == "Lê Thị Hoa" and waived.phone == "*******111"
    access.sign_out()  # nobody signed in: the system (demo, tests) sees personal data ...
    assert access.mask_for(person, "petition", None).address == "Thôn Đông, xã Yên Phú"
    assert access.mask_for(person, "denunciation", None).secret  # ... never a denouncer


def test_sign_in_writes_the_acting_user_into_audit_rows(access, desk):
    access.sign_in("thu", PW)
    visit, _ = desk.log_visit(sample_draft(desk))
    with desk.db.read() as s:
        actor = s.scalar(select(AuditEntry.actor).where(AuditEntry.entity == "visit",
                                                        AuditEntry.entity_id == str(visit.id)))
    assert actor == "Trần Thị Thu"
    assert desk.actor.principal is not None and desk.actor.principal.username == "thu"
