"""Issue 17: no garbage collection while the app starts; one pass a moment after it is up."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtWidgets import QApplication

from reception_desk import app as app_module
from reception_desk.app import start
from tests.ui.helpers import first_administrator


@pytest.fixture
def collections():
    """The collector's passes while the test runs (generation of each)."""
    seen: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(count)
    yield seen
    gc.callbacks.remove(count)
    gc.unfreeze()
    gc.enable()


def test_the_start_collects_nothing_until_a_moment_after_the_window_is_up(
        qtbot, office_db, collections, monkeypatch):
    monkeypatch.setattr(app_module, "AFTER_START_DELAY_MS", 50)
    gc.enable()
    gc.unfreeze()
    gc.collect()  # the counts start from nothing: no pass is due when start() is called
    collections.clear()
    window = start(["--database", str(office_db)], QApplication.instance(),
                   sign_in=first_administrator)
    assert window is not None
    qtbot.addWidget(window)
    assert collections == []  # the start allocated a lot, and the collector never ran
    assert not gc.isenabled()
    qtbot.waitUntil(gc.isenabled, timeout=3000)
    assert collections[:1] == [2]  # one full pass first, then what the start built is set aside
    assert gc.get_freeze_count() > 0
    window.desk.close()


def test_a_start_nobody_signs_in_to_leaves_the_collector_on(qtbot, office_db, collections):
    gc.enable()
    assert start(["--database", str(office_db)], QApplication.instance(),
                 sign_in=lambda access: None) is None
    assert gc.isenabled()


def test_a_collector_switched_off_before_the_start_stays_off(qtbot, office_db, collections,
                                                              monkeypatch):
    # main() has it off (ui.gc_guard collects on the GUI thread's timer instead).
    monkeypatch.setattr(app_module, "AFTER_START_DELAY_MS", 50)
    gc.disable()
    window = start(["--database", str(office_db)], QApplication.instance(),
                   sign_in=first_administrator)
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=3000)
    assert not gc.isenabled()
    window.desk.close()
