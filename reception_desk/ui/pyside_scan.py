"""Issue 17: PySide6 no longer reads the source of every module imported after it.

PySide6 wraps ``import``: each module imported after it is marked in
``shibokensupport.feature.pyside_feature_dict`` as using PySide or not (for its
``from __feature__ import`` switches), decided by reading the module's whole source file with
``inspect.getsource`` and searching it for "PySide6". At start that reads ~480 files (SQLAlchemy,
SQLModel, pydantic, the services), ~100 ms on a modest PC. The app selects no ``__feature__``,
so the mark only tells PySide modules from others; it is decided here from what the module
holds instead: a PySide6 module, class or object among its globals.
"""

from __future__ import annotations

import logging
from types import ModuleType

log = logging.getLogger(__name__)

_PYSIDE = ("PySide6", "shiboken6", "Shiboken")


def uses_pyside(module: ModuleType) -> bool:
    """Whether ``module`` holds something of PySide6 (a module, a class or one of their
    objects), once imported; False for anything without globals (never stops an import)."""
    try:
        values = tuple(vars(module).values())
    except TypeError:
        return False
    for value in values:
        if isinstance(value, ModuleType):
            name = value.__name__
        elif isinstance(value, type):
            name = value.__module__
        else:
            name = type(value).__module__
        if isinstance(name, str) and name.startswith(_PYSIDE):
            return True
    return False


def install() -> None:
    """Mark modules by ``uses_pyside`` from now on (nothing if this PySide6 has no such scan)."""
    import PySide6.QtCore  # noqa: F401  (loads shiboken6, which brings the scan)

    try:
        from shibokensupport import feature  # type: ignore[import-not-found]
    except ImportError:  # a PySide6 without the scan: nothing to replace
        return
    if callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = uses_pyside
    else:
        log.debug("PySide6's import scan not found; left as it is")
