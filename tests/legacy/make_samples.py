"""Rebuild the sample old logbooks under tests/legacy/samples (committed; run this only to change
them): ``python -m tests.legacy.make_samples``."""

from __future__ import annotations

import json
from pathlib import Path

from tests.legacy.files import BAD_ROWS
from tests.legacy.files import nd154_book
from tests.legacy.files import tt04_book

SAMPLES = Path(__file__).resolve().parent / "samples"


def main() -> None:
    SAMPLES.mkdir(exist_ok=True)
    tt04_book(SAMPLES / "so-tiep-cong-dan-2019-tcvn3.xlsx")
    nd154_book(SAMPLES / "so-tiep-cong-dan-2026.xlsx")
    tt04_book(SAMPLES / "so-co-dong-loi.xlsx", rows=BAD_ROWS)
    # A home-made book saved as CSV from a TCVN3 sheet: 8-bit bytes, headings no rule knows.
    lines = ["Hom;Ai den;O dau;Viec gi;Dang",
             "3/3/2008;NguyÔn V¨n Tó;Th«n Trung;Xin x¸c nhËn ®Êt;KN",
             "4/3/2008;Lª ThÞ Tæng;Xãm 2;Ph¶n ¸nh ®\xadêng háng;PA"]
    (SAMPLES / "so-tu-ke.csv").write_bytes("\r\n".join(lines).encode("latin-1") + b"\r\n")
    (SAMPLES / "so-tu-ke.mapping.json").write_text(json.dumps(
        {"columns": {"A": "date", "B": "name", "C": "address", "D": "content", "E": "type"}},
        indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
