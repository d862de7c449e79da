"""A problem found by a domain check: a code, the field it concerns and named parameters."""

from __future__ import annotations

import dataclasses
from typing import Any


@dataclasses.dataclass(frozen=True)
class Problem:
    code: str
    field: str | None = None
    params: dict[str, Any] = dataclasses.field(default_factory=dict)
