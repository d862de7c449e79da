"""Filling a sentence's placeholders so that neither a missing parameter nor a broken
translation (a stray brace) ever hides the message itself."""

from __future__ import annotations

import string
from typing import Any


class Params(dict[str, Any]):
    """Format arguments that leave an unknown placeholder visible instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, params: Params, fallback: str | None = None) -> str:
    """``template`` with ``params`` filled in; a translation the formatter cannot read gives
    ``fallback`` (by default the template as it stands) instead of an error."""
    try:
        return string.Formatter().vformat(template, (), params)
    except (ValueError, IndexError, KeyError):
        return template if fallback is None else fallback
