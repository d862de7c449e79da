"""A single-shot timer that calls a slot a while after the last restart (typing, changes)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtCore import QTimer


def single_shot_timer(parent: QObject, delay_ms: int, slot: Callable[[], None]) -> QTimer:
    """A timer owned by ``parent`` that calls ``slot`` once, ``delay_ms`` after each start()."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(delay_ms)
    timer.timeout.connect(slot)
    return timer
