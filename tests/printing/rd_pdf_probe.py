"""Read PDFs back with poppler and zbar, the way a person checking a printout would."""

from __future__ import annotations

import html
import re
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def squash(text: str) -> str:
    """NFC without any whitespace: table cells wrap words onto several lines."""
    return re.sub(r"\s+", "", nfc(text))


def _run(args: list[str], pdf: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        out = subprocess.run([*args, str(path), "-"] if args[0] == "pdftotext" else
                             [*args, str(path)], check=True, capture_output=True)
        return out.stdout.decode("utf-8")


def text(pdf: bytes, page: int | None = None) -> str:
    """Text in drawing order (``pdftotext -raw``: cell lines stay together), NFC."""
    args = ["pdftotext", "-raw", "-enc", "UTF-8"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return nfc(_run(args, pdf))


def pages_text(pdf: bytes) -> list[str]:
    return [p for p in text(pdf).split("\f") if p.strip()]


def has(pdf: bytes, needle: str) -> bool:
    """``needle`` occurs in the text, ignoring line breaks and spacing."""
    return squash(needle) in squash(text(pdf))


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x0: float
    y0: float  # from the top of the page
    x1: float
    y1: float


@dataclass(frozen=True)
class PageBox:
    width: float
    height: float


def words(pdf: bytes) -> tuple[list[PageBox], list[Word]]:
    """Every word with its box (``pdftotext -bbox``), in points from the top-left corner."""
    out = _run(["pdftotext", "-bbox", "-enc", "UTF-8"], pdf)
    pages: list[PageBox] = []
    found: list[Word] = []
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        pages.append(PageBox(float(m.group(1)), float(m.group(2))))
        for w in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="([\d.]+)">(.*?)</word>', m.group(3)):
            found.append(Word(len(pages), nfc(html.unescape(w.group(5))), float(w.group(1)),
                              float(w.group(2)), float(w.group(3)), float(w.group(4))))
    return pages, found


@dataclass(frozen=True)
class FontRow:
    name: str
    type: str
    embedded: bool


def fonts(pdf: bytes) -> list[FontRow]:
    """``pdffonts`` rows."""
    lines = _run(["pdffonts"], pdf).splitlines()[2:]
    rows = []
    for line in lines:
        parts = line.split()
        # name type [type2] encoding emb sub uni object ID: find emb from the right.
        emb = parts[-5]
        rows.append(FontRow(parts[0], parts[1], emb == "yes"))
    return rows


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


def qr_codes(pdf: bytes, page: int = 1, dpi: int = 200) -> list[str]:
    """QR payloads found by zbarimg on ``page`` rendered at ``dpi``."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "doc.pdf"
        src.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-f", str(page), "-l", str(page),
                        "-singlefile", str(src), str(Path(tmp) / "page")], check=True)
        # -Sbinary: hand back the raw bytes; zbar's charset guess reads short UTF-8 as Shift-JIS.
        res = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable",
                              "-Sbinary", str(Path(tmp) / "page.png")], capture_output=True)
        return [nfc(x) for x in res.stdout.decode("utf-8").splitlines() if x]
