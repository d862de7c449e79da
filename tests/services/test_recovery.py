"""The last administrator locked out (issue 10): a one-time password by whoever holds the
database itself, never by a PostgreSQL role that only uses the application's tables."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from reception_desk.domain.access import Role
from reception_desk.errors import UserError
from reception_desk.services.access.dto import NewUser
from reception_desk.services.access.dto import UserEdit
from reception_desk.services.access.passwords import cheap_hasher
from reception_desk.services.desk import Desk
from reception_desk.storage.database import open_database
from reception_desk.storage.models import AuditEntry
from tests.conftest import PostgresServer
from tests.conftest import assert_record_intact
from tests.conftest import make_desk

PASSWORD = "mật khẩu cũ của quản trị"


def _office(url: str) -> Desk:
    desk = make_desk(url)
    desk.access.create_first_administrator(
        NewUser("quantri", "Quản trị viên", Role.ADMINISTRATOR, PASSWORD))
    return desk


def _commune(desk: Desk) -> str:
    office = desk.office()
    assert office is not None
    return office.commune_name


def test_a_one_time_password_that_must_be_changed_and_an_audit_row(database_url):
    desk = _office(database_url)
    try:
        recovered = desk.access.recover_administrator("QuanTri", _commune(desk).upper(),
                                                      "it-user", "pc-01")
        assert recovered.username == "quantri" and len(recovered.password) == 19
        with pytest.raises(UserError) as refused:
            desk.access.sign_in("quantri", PASSWORD)
        assert refused.value.code == "auth.failed"
        principal = desk.access.sign_in("quantri", recovered.password)
        assert principal.must_change_password
        with desk.db.read() as s:
            row = s.query(AuditEntry).filter_by(action="recover_administrator").one()
            actor, before, after = row.actor, row.before, row.after
        assert actor == "it-user@pc-01"
        assert after["operator"] == "it-user" and after["must_change_password"]
        assert recovered.password not in str(after) + str(before)
        assert_record_intact(desk)
    finally:
        desk.close()


def test_refused_for_a_wrong_office_another_administrator_or_a_non_administrator(sqlite_url):
    desk = _office(sqlite_url)
    try:
        commune = _commune(desk)
        with pytest.raises(UserError) as refused:
            desk.access.recover_administrator("quantri", "Xã Khác", "it", "pc")
        assert refused.value.code == "recovery.office_mismatch"
        desk.access.sign_in("quantri", PASSWORD)
        desk.access.create_user(NewUser("thu.ky", "Thư ký", Role.RECEIVING_CLERK, PASSWORD))
        second = desk.access.create_user(NewUser("quantri2", "Quản trị 2", Role.ADMINISTRATOR,
                                                 PASSWORD))
        with pytest.raises(UserError) as refused:
            desk.access.recover_administrator("thu.ky", commune, "it", "pc")
        assert refused.value.code == "recovery.unknown_administrator"
        assert refused.value.params["administrators"] == "quantri, quantri2"
        with pytest.raises(UserError) as refused:
            desk.access.recover_administrator("quantri", commune, "it", "pc")
        assert refused.value.code == "recovery.other_administrator"
        assert refused.value.params["administrators"] == "quantri2"
        # Once the other administrator is deactivated, the last one may be recovered.
        desk.access.update_user(UserEdit(second.id, second.display_name, Role.ADMINISTRATOR,
                                         None, active=False))
        desk.access.sign_out()
        recovered = desk.access.recover_administrator("quantri", commune, "it", "pc")
        assert desk.access.sign_in("quantri", recovered.password).must_change_password
    finally:
        desk.close()


def test_refused_in_memory_and_to_a_postgresql_role_that_is_no_superuser(
        postgres_server: PostgresServer):
    memory = Desk(open_database("sqlite://"), hasher=cheap_hasher())
    try:
        with pytest.raises(UserError) as refused:
            memory.access.recover_administrator("quantri", "Xã", "it", "pc")
        assert refused.value.code == "recovery.not_owner"
    finally:
        memory.close()
    url = postgres_server.new_database()
    desk = _office(url)
    try:
        with desk.db.engine.begin() as conn:
            conn.execute(text("CREATE ROLE desk_app LOGIN"))
            conn.execute(text("GRANT ALL ON ALL TABLES IN SCHEMA public TO desk_app"))
            conn.execute(text("GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO desk_app"))
        commune = _commune(desk)
    finally:
        desk.close()
    app = Desk(open_database(url.replace("postgres@", "desk_app@")), hasher=cheap_hasher())
    try:
        with pytest.raises(UserError) as refused:
            app.access.recover_administrator("quantri", commune, "it", "pc")
        assert refused.value.code == "recovery.not_owner"
        assert app.access.sign_in("quantri", PASSWORD).user_id  # nothing changed
    finally:
        app.close()
