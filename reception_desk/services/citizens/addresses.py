"""Old addresses (before July 2025) mapped to the new communes, on the shipped official table.

The table is read once, on first use (~10,000 rows, a gzip of ~120 kB, ~60 ms); the matching
itself is the domain's (``domain.old_addresses``).
"""

from __future__ import annotations

import gzip
from functools import cache

from reception_desk.domain.old_addresses import (
    AddressMatch,
    OldWardTable,
    map_address,
    table_from_lines,
)
from reception_desk.paths import old_wards_path


@cache
def old_ward_table() -> OldWardTable:
    """The conversion table, loaded on first use."""
    with gzip.open(old_wards_path(), "rt", encoding="utf-8") as lines:
        return table_from_lines(lines)


def map_old_address(text: str) -> AddressMatch:
    """The new commune(s) of an address as printed on a card or typed."""
    return map_address(text, old_ward_table())
