"""Per-user choices kept in QSettings, written only when they change.

A QSettings write replaces its file on disk (10–30 ms on a modest PC); the start and every
sign-in choose the same member and account again, so an unchanged value is not written.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings


def remember(key: str, value: str | int) -> bool:
    """Keep ``value`` under ``key``; False: it was kept already (nothing written)."""
    settings = QSettings()
    if str(settings.value(key, "")) == str(value):
        return False
    settings.setValue(key, value)
    return True
