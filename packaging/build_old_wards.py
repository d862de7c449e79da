"""Build resources/geography/old-wards-2025.tsv.gz from the official old→new conversion table.

Usage: python packaging/build_old_wards.py /work/shared/data/old-to-new-wards-2025.csv

The CSV (GSO codes, as republished in the VietnamProvinces seed data) has province rows as
section headers and its own new-commune codes, ~650 of which disagree with the
``vietnam-provinces`` package the commune picker uses (renumbered or swapped). The new commune
is therefore taken by its name inside its new province from ``vietnam-provinces``; the CSV's
code is kept only where the name is not found there. Columns written (tab-separated, NFC,
whitespace collapsed): new commune code, new commune name, new province name, old province,
old district, old commune (empty: the whole district), old commune code, 1 when the old unit
went whole into the new one ("Nhập toàn bộ", "Giữ nguyên", renamed …) else 0.
"""

from __future__ import annotations

import csv
import gzip
import re
import sys
from pathlib import Path

from reception_desk.domain import geography
from reception_desk.domain.text import clean_line, fold

OUT = Path(__file__).resolve().parent.parent / "resources" / "geography" / "old-wards-2025.tsv.gz"
_CODE = re.compile(r"\s*\((\d+)\)\s*$")


def _key(text: str) -> str:
    return fold(clean_line(text)).replace("–", "-").replace("—", "-")


def _name(cell: str) -> str:
    return clean_line(_CODE.sub("", cell))


def main(source: Path) -> None:
    rows = list(csv.reader(source.open(encoding="utf-8")))
    out: list[str] = []
    by_name = {(p.code, _key(w.name)): w for p in geography.provinces()
               for w in geography.communes(p.code)}
    by_short: dict[tuple[int, str], list[geography.Place]] = {}
    for p in geography.provinces():
        for w in geography.communes(p.code):
            by_short.setdefault((p.code, _key(w.short_name)), []).append(w)
    unresolved = 0
    for r in rows[2:]:
        if not r[2].strip():
            continue  # a province section header
        province_code = int(_CODE.search(r[0]).group(1))  # type: ignore[union-attr]
        found = by_name.get((province_code, _key(r[1])))
        if found is None:  # the kind changed ("Xã Chân Mây - Lăng Cô" is a ward now)
            short = by_short.get((province_code, _key(re.sub(r"^(Xã|Phường) ", "",
                                                              clean_line(r[1])))), [])
            found = short[0] if len(short) == 1 else geography.commune(int(r[2]))
        if found is None:
            unresolved += 1
            print("no new commune for", r[:3], file=sys.stderr)
            continue
        province = geography.province(province_code)
        assert province is not None
        whole = "0" if "mot phan" in fold(r[5]) else "1"
        cells = (str(found.code), clean_line(found.full_name), clean_line(province.full_name),
                 _name(r[7]),
                 _name(r[6]), _name(r[3]), r[4].strip(), whole)
        out.append("\t".join(cells))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("\n".join(out) + "\n")
    print(f"{len(out)} rows written to {OUT}; {unresolved} rows without a new commune skipped")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
