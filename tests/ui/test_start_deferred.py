"""Issue 17: what the start leaves for after it — the old-address table is not read while the
main window is built (its thread took the interpreter from the build), but a second later; and
the choices kept in QSettings are not rewritten when they are unchanged (a file written on
disk at every start and sign-in)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from reception_desk import app as app_module
from reception_desk.app import start
from reception_desk.services.citizens import addresses
from reception_desk.ui.remembered import remember
from tests.ui.helpers import first_administrator


@pytest.fixture
def reads(monkeypatch):
    """Each read of the table (its thread's name), from a new process's empty cache."""
    monkeypatch.setattr(addresses, "_TABLE", [])
    seen: list[str] = []
    read = addresses.old_ward_table

    def spy():
        seen.append(threading.current_thread().name)
        return read()

    monkeypatch.setattr(addresses, "old_ward_table", spy)
    return seen


def test_the_old_address_table_is_read_a_moment_after_the_start(qtbot, office_db, reads,
                                                                  monkeypatch):
    monkeypatch.setattr(app_module, "AFTER_START_DELAY_MS", 500)
    window = start(["--database", str(office_db)], QApplication.instance(),
                   sign_in=first_administrator)
    assert window is not None
    qtbot.addWidget(window)
    qtbot.wait(200)
    assert reads == []  # the window was built and is usable: nobody asked for the table
    qtbot.waitUntil(lambda: bool(reads), timeout=5000)
    assert reads == ["warm-up"]  # then once, off the UI thread
    found = window.desk.citizens.old_address("Phường Phúc Xá, Quận Ba Đình, Hà Nội")
    assert found.candidates  # the form maps on it as before
    window.desk.close()


def test_warm_after_start_reads_the_table_too(reads):
    app_module.warm_after_start().join(timeout=60)
    assert reads == ["warm-up"]
    assert len(addresses._TABLE) == 1


def test_a_choice_is_written_only_when_it_changes(qapp, tmp_path):
    key = "tests/remembered"
    QSettings().remove(key)
    assert remember(key, 7) is True
    assert QSettings().value(key) in (7, "7")
    assert remember(key, 7) is False  # kept already: the file is not written again
    assert remember(key, "7") is False
    assert remember(key, 8) is True
    assert str(QSettings().value(key)) == "8"
    QSettings().remove(key)
