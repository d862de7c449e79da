"""Garbage collection happens on the GUI thread only (ui/gc_guard.py)."""

from __future__ import annotations

import gc
import threading

from reception_desk.ui.gc_guard import MainThreadCollector
from reception_desk.ui.gc_guard import collect_due


class _Cycle:
    def __init__(self) -> None:
        self.me = self
        self.collected_in: list[str] = []


def test_collector_disables_automatic_collection_and_collects_on_its_timer(qtbot):
    collector = MainThreadCollector(interval_ms=10)
    was_enabled = gc.isenabled()
    gc.enable()  # as in a fresh process; the collector must switch it off
    collector.start()
    try:
        assert not gc.isenabled()
        freed: list[str] = []

        class Tracked(_Cycle):
            def __del__(self) -> None:
                freed.append(threading.current_thread().name)

        def churn() -> None:  # a background thread allocating far past the thresholds
            Tracked()
            for _ in range(50_000):
                [object()]
                _Cycle()

        worker = threading.Thread(target=churn, name="worker")
        worker.start()
        worker.join()
        assert freed == []  # nothing collected in the worker
        qtbot.waitUntil(lambda: bool(freed), timeout=2000)
        assert freed == [threading.main_thread().name]
    finally:
        collector.stop()
        if not was_enabled:
            gc.disable()


def test_collect_due_does_nothing_below_the_threshold():
    gc.collect()
    assert collect_due() == 0
