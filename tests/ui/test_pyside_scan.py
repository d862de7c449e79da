"""Issue 17: PySide6 tells its modules from others by what they hold, not by reading sources."""

from __future__ import annotations

import sys
import types

import reception_desk.ui  # noqa: F401  (installs the switch)
from reception_desk.ui import pyside_scan


def test_the_switch_replaces_pysides_source_scan_and_marks_modules_by_their_globals():
    from shibokensupport import feature  # type: ignore[import-not-found]

    assert feature._mod_uses_pyside is pyside_scan.uses_pyside
    import reception_desk.services.context as services_module
    import reception_desk.ui.theme as ui_module

    assert pyside_scan.uses_pyside(ui_module)
    assert not pyside_scan.uses_pyside(services_module)
    # What PySide6 recorded for modules imported after the switch: a screen uses PySide6, a
    # service does not ("-1": PySide6 ignores it).
    marks = feature.pyside_feature_dict
    for name in ("reception_desk.ui.theme", "reception_desk.services.context"):
        if name in marks:
            assert marks[name] == (0 if name.startswith("reception_desk.ui") else -1)


def test_a_module_holding_a_qt_class_object_or_module_uses_pyside():
    from PySide6 import QtCore

    held = types.ModuleType("held")
    assert not pyside_scan.uses_pyside(held)
    held.QTimer = QtCore.QTimer  # type: ignore[attr-defined]
    assert pyside_scan.uses_pyside(held)
    by_object = types.ModuleType("by_object")
    by_object.point = QtCore.QPoint(1, 2)  # type: ignore[attr-defined]
    assert pyside_scan.uses_pyside(by_object)
    by_module = types.ModuleType("by_module")
    by_module.qt = QtCore  # type: ignore[attr-defined]
    assert pyside_scan.uses_pyside(by_module)
    assert not pyside_scan.uses_pyside(sys.modules["json"] if "json" in sys.modules
                                       else types.ModuleType("json"))
    assert not pyside_scan.uses_pyside(3)  # type: ignore[arg-type]  (no globals: not PySide)
