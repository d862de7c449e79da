"""Bulk results computed once per state of the data and day (issue 17).

The weekly hotspot list, the 12-week trend and the statuses of every open case read hundreds of
thousands of rows; the screens ask for them again on every refresh, though nothing was written
meanwhile. Each result is kept under the database's data stamp (``storage.queries.stamps``: the
audit chain's head and the newest ids, read in the asking unit of work) with the day and the
arguments in its key: any committed write by any counter (a visit, a case event, the policy,
the calendar or the deadline rules) changes the stamp and drops every kept result, and a new
day asks anew. Only results that do not depend on who asks are kept (no masked identities).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from collections.abc import Hashable
from typing import Any
from typing import TypeVar

_T = TypeVar("_T")


class StampedCache:
    """Results kept for one data stamp; a different stamp empties it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stamp: Any = None
        self._values: dict[Hashable, Any] = {}

    def get(self, stamp: Any, key: Hashable, compute: Callable[[], _T]) -> _T:
        with self._lock:
            if stamp != self._stamp:
                self._stamp = stamp
                self._values = {}
            if key in self._values:
                found: _T = self._values[key]
                return found
        value = compute()
        with self._lock:
            if stamp == self._stamp:
                self._values[key] = value
        return value

    def clear(self) -> None:
        with self._lock:
            self._stamp = None
            self._values = {}
