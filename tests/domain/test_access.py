"""Roles, permissions and the denouncer redaction rule (LEGAL.md §7.1).

Legal anchors: Luật Tố cáo Art. 9(1)(b) and 56 (a denouncer's name, address and personal data
are kept secret unless they agree), NĐ 156/2026 (disclosure is a disciplinary offence), NĐ
154/2026 Art. 12(2) (from 2026 every received citizen's personal data is protected).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reception_desk.domain.access import ANONYMOUS_PERMISSIONS
from reception_desk.domain.access import PERSON_ONLY
from reception_desk.domain.access import ROLE_PERMISSIONS
from reception_desk.domain.access import AccessDenied
from reception_desk.domain.access import Permission
from reception_desk.domain.access import Principal
from reception_desk.domain.access import Role
from reception_desk.domain.access import anonymous_principal
from reception_desk.domain.access import check_password
from reception_desk.domain.access import check_username
from reception_desk.domain.access import default_role_for_staff
from reception_desk.domain.access import permits
from reception_desk.domain.access import require
from reception_desk.domain.access import roles_with
from reception_desk.domain.access import username_key
from reception_desk.domain.secrecy import KEEP_LAST
from reception_desk.domain.secrecy import WITHHELD
from reception_desk.domain.secrecy import Identity
from reception_desk.domain.secrecy import IdentityField
from reception_desk.domain.secrecy import SecrecyWaiver
from reception_desk.domain.secrecy import Shown
from reception_desk.domain.secrecy import apply_plan
from reception_desk.domain.secrecy import check_reason
from reception_desk.domain.secrecy import check_waiver
from reception_desk.domain.secrecy import is_secret
from reception_desk.domain.secrecy import mask_address
from reception_desk.domain.secrecy import mask_identity
from reception_desk.domain.secrecy import mask_number
from reception_desk.domain.secrecy import masking_plan
from reception_desk.domain.secrecy import person_key
from reception_desk.errors import UserError

P = Permission
PETITION_TYPES = ("complaint", "denunciation", "petition", "reflection", None)
WAIVER = SecrecyWaiver(date(2026, 11, 2), "Trần Thị Thu")
DUC = Identity("Nguyễn Văn Đức", "037085001234", "0912 345 678",
               "Thôn Đông, số 12, xã Yên Phú, tỉnh Ninh Bình", date(1985, 4, 12))


def principal(role: Role) -> Principal:
    return Principal(1, "u", "U", role)


# --- the role table --------------------------------------------------------------------------

#: The table as the README documents it: any change to the code must change this on purpose.
EXPECTED = {
    Role.RECEIVING_CLERK: {P.VIEW_RECORDS, P.LOG_VISITS, P.EDIT_VISITS, P.MERGE_CITIZENS,
                           P.MANAGE_CASES, P.ISSUE_DOCUMENTS, P.PRINT_LOGBOOK,
                           P.VIEW_PERSONAL_DATA},
    Role.CASE_HANDLER: {P.VIEW_RECORDS, P.MANAGE_CASES, P.ISSUE_DOCUMENTS, P.PRINT_LOGBOOK,
                        P.VIEW_PERSONAL_DATA, P.VIEW_HOTSPOTS},
    Role.CHAIRPERSON: {P.VIEW_RECORDS, P.LOG_VISITS, P.EDIT_VISITS, P.MERGE_CITIZENS,
                       P.MANAGE_CASES, P.GIVE_DIRECTIVES, P.ISSUE_DOCUMENTS, P.PRINT_LOGBOOK,
                       P.VIEW_HOTSPOTS, P.VIEW_PERSONAL_DATA, P.REVEAL_IDENTITY,
                       P.RECORD_WAIVER, P.VIEW_REVEAL_LOG, P.MANAGE_SETTINGS, P.EXPORT_DATA,
                       P.VERIFY_INTEGRITY},
    Role.VICE_CHAIR: {P.VIEW_RECORDS, P.LOG_VISITS, P.EDIT_VISITS, P.MERGE_CITIZENS,
                      P.MANAGE_CASES, P.GIVE_DIRECTIVES, P.ISSUE_DOCUMENTS, P.PRINT_LOGBOOK,
                      P.VIEW_HOTSPOTS, P.VIEW_PERSONAL_DATA, P.REVEAL_IDENTITY,
                      P.RECORD_WAIVER},
    Role.ADMINISTRATOR: {P.VIEW_RECORDS, P.MANAGE_USERS, P.MANAGE_SETTINGS, P.IMPORT_DATA,
                         P.EXPORT_DATA, P.BACKUP_RESTORE, P.VERIFY_INTEGRITY},
    Role.INSPECTOR: {P.VIEW_RECORDS, P.PRINT_LOGBOOK, P.VIEW_HOTSPOTS, P.VIEW_REVEAL_LOG,
                     P.VERIFY_INTEGRITY},
}


def test_role_table_is_the_documented_one():
    assert {role: set(perms) for role, perms in ROLE_PERMISSIONS.items()} == EXPECTED


def test_every_role_has_an_entry_and_every_permission_a_role():
    assert set(ROLE_PERMISSIONS) == set(Role)
    granted = set().union(*ROLE_PERMISSIONS.values())
    assert granted == set(Permission)


@pytest.mark.parametrize("role", list(Role))
def test_no_role_but_the_leaders_may_reveal_a_denouncer(role):
    # Luật TC Art. 56: the identity is stripped before the đơn reaches others; the head of the
    # body (and the vice-chairs he assigns) resolves denunciations.
    assert (P.REVEAL_IDENTITY in ROLE_PERMISSIONS[role]) == (
        role in {Role.CHAIRPERSON, Role.VICE_CHAIR})


def test_inspector_changes_nothing():
    changing = {P.LOG_VISITS, P.EDIT_VISITS, P.MERGE_CITIZENS, P.MANAGE_CASES,
                P.GIVE_DIRECTIVES, P.ISSUE_DOCUMENTS, P.RECORD_WAIVER, P.MANAGE_USERS,
                P.MANAGE_SETTINGS, P.IMPORT_DATA, P.BACKUP_RESTORE}
    assert not ROLE_PERMISSIONS[Role.INSPECTOR] & changing


def test_administrator_sees_identities_like_an_outsider():
    perms = ROLE_PERMISSIONS[Role.ADMINISTRATOR]
    assert P.VIEW_PERSONAL_DATA not in perms and P.REVEAL_IDENTITY not in perms
    assert P.MANAGE_USERS in perms
    assert roles_with(P.MANAGE_USERS) == (Role.ADMINISTRATOR,)


@pytest.mark.parametrize(("staff_role", "role"), [
    ("clerk", Role.RECEIVING_CLERK), ("chair", Role.CHAIRPERSON),
    ("vice_chair", Role.VICE_CHAIR), ("leader", Role.CASE_HANDLER),
    ("something_new", Role.CASE_HANDLER),
])
def test_staff_roles_map_onto_account_roles(staff_role, role):
    assert default_role_for_staff(staff_role) is role


# --- require -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("role", "permission"), list(itertools.product(Role, Permission)))
def test_require_passes_or_names_what_is_missing(role, permission):
    user = principal(role)
    if permission in ROLE_PERMISSIONS[role]:
        assert require(user, permission) is user
        assert user.can(permission)
        return
    with pytest.raises(AccessDenied) as info:
        require(user, permission)
    error = info.value
    assert isinstance(error, UserError)
    assert error.code == "access.denied"
    assert error.params["permission"] == permission.value
    assert error.params["role"] == role.value
    allowed = error.params["allowed_roles"].split(",")
    assert allowed == [r.value for r in Role if permission in ROLE_PERMISSIONS[r]]
    assert role.value not in allowed


def test_require_without_a_signed_in_user():
    with pytest.raises(AccessDenied) as info:
        require(None, P.VIEW_RECORDS)
    assert info.value.code == "access.not_signed_in"
    assert info.value.params["permission"] == P.VIEW_RECORDS.value
    assert info.value.params["allowed_roles"].split(",") == [r.value for r in Role]


@pytest.mark.parametrize("permission", list(P), ids=lambda p: p.value)
def test_the_anonymous_principal_holds_no_right(permission):
    """A command line without --user: refused like nobody signed in, whatever its placeholder
    role would allow (never the trusted system)."""
    nobody = anonymous_principal("command line")
    assert nobody.anonymous and nobody.permissions == frozenset() == ANONYMOUS_PERMISSIONS
    assert not nobody.can(permission) and not permits(nobody, permission)
    with pytest.raises(AccessDenied) as info:
        require(nobody, permission)
    assert info.value.code == "access.not_signed_in"
    assert info.value.params["permission"] == permission.value
    assert "role" not in info.value.params


@pytest.mark.parametrize("permission", list(P), ids=lambda p: p.value)
def test_the_system_holds_every_right_but_a_persons_acts(permission):
    assert permits(None, permission) is (permission not in PERSON_ONLY)
    person_only = {P.MANAGE_USERS, P.REVEAL_IDENTITY, P.RECORD_WAIVER, P.VIEW_REVEAL_LOG}
    assert person_only == PERSON_ONLY


# --- user names and passwords ------------------------------------------------------------------

def test_user_names_are_unique_by_their_folded_form():
    assert username_key(" Thu.TT ") == username_key("thu.tt") == "thu.tt"
    assert username_key("Đức") == username_key("duc")


@pytest.mark.parametrize(("name", "code"), [
    ("", "users.username_required"), ("   ", "users.username_required"),
    ("a", "users.username_invalid"), ("thu tt", "users.username_invalid"),
    ("x" * 61, "users.username_invalid"), ("thu/tt", "users.username_invalid"),
])
def test_bad_user_names(name, code):
    with pytest.raises(UserError) as info:
        check_username(name)
    assert info.value.code == code and info.value.field == "username"


@pytest.mark.parametrize("name", ["thu", "thu.tt", "Đức-01", "admin@ubnd", "nv_2"])
def test_good_user_names(name):
    assert check_username(f" {name} ") == name


@pytest.mark.parametrize(("password", "code"), [
    ("short", "users.password_too_short"), ("1234567", "users.password_too_short"),
    ("x" * 201, "users.password_too_long"), ("Thu.Tran", "users.password_is_username"),
])
def test_bad_passwords(password, code):
    with pytest.raises(UserError) as info:
        check_password(password, "thu.tran")
    assert info.value.code == code


def test_password_is_normalised_so_nfd_and_nfc_typing_match():
    typed = "mật khẩu 1"
    assert check_password(unicodedata.normalize("NFD", typed), "thu") == \
        check_password(unicodedata.normalize("NFC", typed), "thu") == \
        unicodedata.normalize("NFC", typed)


# --- the redaction rule: every combination -----------------------------------------------------

#: No permission, each permission alone, every permission, and each role's set.
ALL_PERMISSION_SETS = [frozenset(c) for n in range(2) for c in
                       itertools.combinations(Permission, n)] + [frozenset(Permission),
                                                                 *ROLE_PERMISSIONS.values()]


@pytest.mark.parametrize("permissions", ALL_PERMISSION_SETS)
@pytest.mark.parametrize("petition_type", PETITION_TYPES)
@pytest.mark.parametrize("waiver", [None, WAIVER])
def test_masking_plan_for_every_viewer_type_and_waiver(permissions, petition_type, waiver):
    plan = masking_plan(permissions, petition_type, waiver)
    assert set(plan) == set(IdentityField)
    if petition_type == "denunciation" and waiver is None:
        # No permission unmasks a denouncer silently: only a logged reveal does.
        assert set(plan.values()) == {Shown.WITHHELD}
        return
    assert plan[IdentityField.NAME] is Shown.CLEAR
    expected = Shown.CLEAR if P.VIEW_PERSONAL_DATA in permissions else Shown.PARTIAL
    for field in (IdentityField.ID_NUMBER, IdentityField.PHONE, IdentityField.ADDRESS,
                  IdentityField.BIRTH_DATE):
        assert plan[field] is expected


@pytest.mark.parametrize("role", list(Role))
def test_a_secret_denouncer_is_withheld_from_every_role(role):
    masked = mask_identity(DUC, ROLE_PERMISSIONS[role], "denunciation")
    assert masked.secret
    assert (masked.name, masked.id_number, masked.phone, masked.address) == (WITHHELD,) * 4
    assert masked.birth_date is None and masked.birth_year is None
    assert masked.text(IdentityField.NAME, "(giữ bí mật)") == "(giữ bí mật)"
    assert masked.text(IdentityField.BIRTH_DATE, "(giữ bí mật)") == "(giữ bí mật)"


@pytest.mark.parametrize("role", list(Role))
def test_a_denouncer_who_waived_is_shown_like_anyone_else(role):
    waived = mask_identity(DUC, ROLE_PERMISSIONS[role], "denunciation", WAIVER)
    complaint = mask_identity(DUC, ROLE_PERMISSIONS[role], "complaint")
    assert waived == complaint
    assert not waived.secret and waived.name == DUC.name


def test_clear_identity_for_a_clerk_on_a_complaint():
    masked = mask_identity(DUC, ROLE_PERMISSIONS[Role.RECEIVING_CLERK], "complaint")
    assert masked.id_number == DUC.id_number and masked.phone == DUC.phone
    assert masked.address == DUC.address and masked.birth_date == DUC.birth_date
    assert masked.text(IdentityField.BIRTH_DATE) == "12/04/1985"
    assert not any(masked.is_masked(f) for f in IdentityField)


def test_partial_identity_for_an_inspector_on_a_petition():
    masked = mask_identity(DUC, ROLE_PERMISSIONS[Role.INSPECTOR], "petition")
    assert masked.name == "Nguyễn Văn Đức"
    assert masked.id_number == "*********234"
    assert masked.phone == "*******678"
    assert masked.address == "***, xã Yên Phú, tỉnh Ninh Bình"
    assert masked.birth_date is None and masked.birth_year == 1985
    assert masked.text(IdentityField.BIRTH_DATE) == "1985"
    assert masked.is_masked(IdentityField.PHONE) and not masked.is_masked(IdentityField.NAME)


def test_empty_fields_stay_empty_when_partial():
    masked = mask_identity(Identity("Lê Thị Hoa"), set(), "reflection")
    assert (masked.id_number, masked.phone, masked.address) == ("", "", "")
    assert masked.birth_year is None and masked.text(IdentityField.BIRTH_DATE) == ""


def test_a_plan_missing_a_field_withholds_it():
    masked = apply_plan(DUC, {IdentityField.NAME: Shown.CLEAR})
    assert masked.name == DUC.name and masked.phone == WITHHELD
    assert masked.shown[IdentityField.ADDRESS] is Shown.WITHHELD


def test_partial_name_is_withheld_not_abbreviated():
    masked = apply_plan(DUC, {f: Shown.PARTIAL for f in IdentityField})
    assert masked.name == WITHHELD


def test_is_secret():
    assert is_secret("denunciation", None)
    assert not is_secret("denunciation", WAIVER)
    assert not any(is_secret(t, None) for t in PETITION_TYPES if t != "denunciation")


# --- masked forms -----------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "masked"), [
    ("037085001234", "*********234"),  # thẻ căn cước: 12 digits
    ("163012345", "******345"),  # CMND: 9 digits
    ("C1234567", "*****567"),  # passport
    ("0912 345 678", "*******678"),
    ("1234567", "*******"),  # too short to keep anything
    ("", ""),
    ("---", ""),
])
def test_mask_number(value, masked):
    assert mask_number(value) == masked


@pytest.mark.parametrize(("value", "masked"), [
    ("Thôn Đông, số 12, xã Yên Phú, tỉnh Ninh Bình", "***, xã Yên Phú, tỉnh Ninh Bình"),
    ("12 Lê Lợi, phường Kim Liên, thành phố Hà Nội", "***, phường Kim Liên, thành phố Hà Nội"),
    ("xóm 3, thị trấn Me, huyện Gia Viễn, tỉnh Ninh Bình", "***, huyện Gia Viễn, tỉnh Ninh Bình"),
    ("Xã Yên Phú, Tỉnh Ninh Bình", "Xã Yên Phú, Tỉnh Ninh Bình"),
    ("Số 5 ngõ 7", "***"),
    ("Thôn Đông, tp. Hà Nội", "***, tp. Hà Nội"),
    ("", ""),
])
def test_mask_address(value, masked):
    assert mask_address(value) == masked


_name_part = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáạảãờớợởỡ", min_size=2,
                     max_size=8)
_names = st.lists(_name_part, min_size=2, max_size=4).map(
    lambda ws: " ".join(w.capitalize() for w in ws))
_digits = st.text(alphabet="0123456789", min_size=8, max_size=12)
_details = st.lists(st.sampled_from(["Thôn Đông", "số 12", "ngõ 7", "xóm Bến", "tổ 4",
                                     "ấp Mỹ", "đường Lê Lợi", "khu 3"]), min_size=1,
                    max_size=3)
_units = st.lists(st.sampled_from(["xã Yên Phú", "phường Kim Liên", "tỉnh Ninh Bình",
                                   "thành phố Hà Nội"]), max_size=2)
_identities = st.builds(
    lambda name, idn, phone, details, units, born: Identity(
        name, idn, phone, ", ".join(details + units), born),
    _names, _digits, _digits, _details, _units,
    st.one_of(st.none(), st.dates(date(1920, 1, 1), date(2010, 12, 31))))


@given(identity=_identities,
       permissions=st.sampled_from(ALL_PERMISSION_SETS),
       petition_type=st.sampled_from(PETITION_TYPES),
       waived=st.booleans())
def test_a_masked_value_never_leaks_more_than_the_rule_allows(identity, permissions,
                                                              petition_type, waived):
    waiver = WAIVER if waived else None
    masked = mask_identity(identity, permissions, petition_type, waiver)
    rendered = " | ".join(masked.text(f, "(giữ bí mật)") for f in IdentityField)
    if is_secret(petition_type, waiver):
        # Nothing of the denouncer: no name word, no digit of the ID or phone, no address part,
        # not even the birth year.
        for word in identity.name.split():
            assert word not in rendered
        assert not re.search(r"\d", rendered)
        for part in identity.address.split(", "):
            assert part not in rendered
        return
    assert masked.name == identity.name
    if P.VIEW_PERSONAL_DATA in permissions:
        assert masked.id_number == identity.id_number and masked.phone == identity.phone
        assert masked.address == identity.address and masked.birth_date == identity.birth_date
        return
    for real, shown in ((identity.id_number, masked.id_number), (identity.phone, masked.phone)):
        visible = shown.replace("*", "")
        assert len(shown) == len(real)
        assert len(visible) <= KEEP_LAST and real.endswith(visible)
        assert len(real) - len(visible) >= 5
    for detail in identity.address.split(", "):
        if not detail.startswith(("xã ", "phường ", "tỉnh ", "thành phố ")):
            assert detail not in masked.address
    assert masked.birth_date is None
    assert masked.birth_year == (identity.birth_date.year if identity.birth_date else None)


@given(identity=_identities)
def test_person_key_ignores_case_accents_and_spacing(identity):
    assert person_key(identity.name, identity.id_number) == person_key(
        f"  {identity.name.upper()} ", identity.id_number)


def test_person_key_separates_two_people_of_one_name():
    assert person_key("Lê Hoa", "037085001234") != person_key("Lê Hoa", "037085009999")


# --- waivers and reasons ------------------------------------------------------------------------

def test_waiver_dates():
    visit_day, today = date(2026, 11, 2), date(2026, 11, 27)
    check_waiver(visit_day, visit_day, today)
    check_waiver(today, visit_day, today)
    with pytest.raises(UserError) as info:
        check_waiver(date(2026, 11, 28), visit_day, today)
    assert info.value.code == "secrecy.waiver_in_future"
    with pytest.raises(UserError) as info:
        check_waiver(date(2026, 11, 1), visit_day, today)
    assert info.value.code == "secrecy.waiver_before_visit"


@pytest.mark.parametrize(("reason", "code"), [
    ("", "secrecy.reason_required"), ("   ", "secrecy.reason_required"),
    ("xem", "secrecy.reason_too_short"), ("x" * 501, "text.too_long"),
])
def test_reveal_needs_a_real_reason(reason, code):
    with pytest.raises(UserError) as info:
        check_reason(reason)
    assert info.value.code == code and info.value.field == "reason"


def test_reveal_reason_is_cleaned():
    assert check_reason("  Xác minh   nội dung tố cáo ") == "Xác minh nội dung tố cáo"
