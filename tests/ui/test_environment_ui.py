"""The visit form when the database cannot take the save: a message, and nothing typed lost."""

from __future__ import annotations

import sqlite3

from sqlalchemy import event

from reception_desk.i18n import set_language
from reception_desk.ui.visit_form import VisitForm
from tests.conftest import sample_draft


def test_locked_database_keeps_the_draft_and_says_why(qtbot, sqlite_desk, sqlite_url):
    set_language("vi")
    form = VisitForm(sqlite_desk)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    draft = sample_draft(sqlite_desk, citizen_name="Lê Thị Hoa")
    form.set_draft(draft)
    typed = form.draft()
    engine = sqlite_desk.db.engine
    engine.dispose()

    def short_wait(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.execute("PRAGMA busy_timeout=200")

    event.listen(engine, "connect", short_wait)
    holder = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert form.save() is None
    finally:
        holder.rollback()
        holder.close()
    assert "quầy khác đang lưu" in form.banner_text()
    assert form.draft() == typed  # what was typed is still in the form
    assert form.save() is not None  # and saves once the other counter is done
