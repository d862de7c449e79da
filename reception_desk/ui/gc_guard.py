"""Garbage collection on the GUI thread only.

Python's cyclic collector runs in whichever thread happens to allocate when a threshold is
crossed. When that is a background job (the hotspot list, a backup), it may free the last
reference to a QWidget caught in a reference cycle and destroy it off the GUI thread: Qt then
crashes (seen as a segmentation fault during `gc` inside `BackgroundJobs`). Like qutebrowser,
we switch automatic collection off and collect from a timer on the GUI thread instead.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject
from PySide6.QtCore import QTimer
from PySide6.QtCore import Slot

#: How often the GUI thread looks at the collector's counts (milliseconds).
CHECK_INTERVAL_MS = 1000


class MainThreadCollector(QObject):
    """Disables automatic collection and collects generation by generation on a timer."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()

    @Slot()
    def _on_timer_timeout(self) -> None:
        collect_due()


def collect_due() -> int:
    """Collect the oldest generation whose threshold is crossed (as the automatic collector
    would); returns the number of unreachable objects found."""
    t0, t1, t2 = gc.get_threshold()
    c0, c1, c2 = gc.get_count()
    if c0 <= t0:
        return 0
    generation = 2 if c2 > t2 else 1 if c1 > t1 else 0
    return gc.collect(generation)
