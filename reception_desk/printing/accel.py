"""Number formatting for PDF operators, remembered (issue 17: printing the book).

Without ReportLab's optional C accelerator (``rl_accel``, not installed here), every coordinate
written into a page (``fp_str``: "12.5 0 Td") is formatted by a Python loop: a sixth of a
1,000-visit logbook's time. The same few thousand numbers recur on every page (column edges,
line steps), so each number's text is remembered. The text is ReportLab's own, so the bytes are
the same; with the accelerator installed nothing is replaced.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from reportlab.lib import rl_accel

#: Modules that imported ``fp_str`` by name (``from reportlab.lib.rl_accel import fp_str``).
_USERS = ("reportlab.pdfgen.textobject", "reportlab.pdfgen.canvas",
          "reportlab.pdfgen.pathobject", "reportlab.pdfbase.pdfdoc",
          "reportlab.platypus.tables", "reportlab.platypus.flowables", "reportlab.lib.colors")
_LIMIT = 100_000
_lock = threading.Lock()
_installed = False
#: ReportLab's own ``fp_str`` once ``install`` replaced it (None: not replaced).
_stock: Callable[..., str] | None = None


def remembering(original: Callable[..., str]) -> Callable[..., str]:
    """``original`` (ReportLab's ``fp_str``) with each number's text remembered."""
    texts: dict[Any, str] = {}

    def one(x: Any) -> str:
        text = texts.get(x)
        if text is None:
            if len(texts) >= _LIMIT:
                texts.clear()
            text = texts[x] = original(x)
        return text

    def fp_str(*a: Any) -> str:
        if len(a) == 1 and not isinstance(a[0], int | float):
            a = tuple(a[0])  # one sequence of numbers, as ReportLab allows
        return " ".join([one(x) for x in a])

    return fp_str


def install() -> None:
    """Replace the pure-Python ``fp_str`` by its remembering twin, once per process."""
    global _installed, _stock
    if _installed:
        return
    with _lock:
        if _installed:
            return
        original = rl_accel.fp_str
        if getattr(original, "__name__", "") == "_py_fp_str":
            _stock = original
            _swap(original, remembering(original))
        _installed = True


def _swap(old: Callable[..., str], new: Callable[..., str]) -> None:
    rl_accel.fp_str = new
    for name in _USERS:
        module = importlib.import_module(name)
        if getattr(module, "fp_str", None) is old:
            module.fp_str = new  # type: ignore[attr-defined]


@contextmanager
def stock_numbers() -> Iterator[None]:
    """ReportLab's own number formatting for the block (the printing benchmark's floor is a
    plain ReportLab canvas); not for use while another thread renders."""
    with _lock:
        fast = rl_accel.fp_str
        if _stock is not None:
            _swap(fast, _stock)
        try:
            yield
        finally:
            if _stock is not None:
                _swap(_stock, fast)
