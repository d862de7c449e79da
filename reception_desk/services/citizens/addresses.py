"""Old addresses (before July 2025) mapped to the new communes, on the shipped official table.

The table is read once, on first use (~10,000 rows, a gzip of ~120 kB, 0.1–0.2 s: the app
loads it on a thread a second after the start, ``app.warm_after_start``); the matching itself
is the domain's (``domain.old_addresses``).
"""

from __future__ import annotations

import gzip
import threading

from reception_desk.domain.old_addresses import AddressMatch
from reception_desk.domain.old_addresses import OldWardTable
from reception_desk.domain.old_addresses import map_address
from reception_desk.domain.old_addresses import table_from_lines
from reception_desk.paths import old_wards_path

_LOCK = threading.Lock()
_TABLE: list[OldWardTable] = []


def old_ward_table() -> OldWardTable:
    """The conversion table, loaded on first use (once, whichever thread asks first)."""
    with _LOCK:
        if not _TABLE:
            with gzip.open(old_wards_path(), "rt", encoding="utf-8") as lines:
                _TABLE.append(table_from_lines(lines))
        return _TABLE[0]


def map_old_address(text: str) -> AddressMatch:
    """The new commune(s) of an address as printed on a card or typed."""
    return map_address(text, old_ward_table())
