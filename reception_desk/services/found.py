"""The one way a use case turns a missing record into the user's error."""

from __future__ import annotations

from typing import Any
from typing import TypeVar

from reception_desk.errors import UserError

_T = TypeVar("_T")


def found(row: _T | None, code: str, **params: Any) -> _T:
    """``row``, or ``UserError(code, **params)`` when the look-up found nothing (``code`` is
    the feature's ``*.not_found`` sentence, ``params`` name what was looked for)."""
    if row is None:
        raise UserError(code, **params)
    return row
