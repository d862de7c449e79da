"""The serif font family used on every printed form.

NĐ 30/2020 asks for Times New Roman. It cannot be bundled, so it is used where the computer has
it (every Windows PC) and the bundled Liberation Serif, which has the same metrics and covers all
Vietnamese letters, is used everywhere else. ReportLab's built-in fonts lack Vietnamese: never use
them for text.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from reception_desk.paths import fonts_dir
from reception_desk.printing import accel

# Registered names are our own so a PDF never silently falls back to a built-in "Times-Roman".
FAMILY = "RDSerif"

_STYLES = ("regular", "bold", "italic", "bold_italic")
_TIMES_FILES = {
    "regular": "times.ttf",
    "bold": "timesbd.ttf",
    "italic": "timesi.ttf",
    "bold_italic": "timesbi.ttf",
}
# Debian's ttf-mscorefonts-installer and most other Unix packagings use these names.
_TIMES_UNIX_NAMES = {
    "regular": ("Times_New_Roman.ttf", "Times New Roman.ttf", "times.ttf"),
    "bold": ("Times_New_Roman_Bold.ttf", "Times New Roman Bold.ttf", "timesbd.ttf"),
    "italic": ("Times_New_Roman_Italic.ttf", "Times New Roman Italic.ttf", "timesi.ttf"),
    "bold_italic": (
        "Times_New_Roman_Bold_Italic.ttf",
        "Times New Roman Bold Italic.ttf",
        "timesbi.ttf",
    ),
}
_LIBERATION_FILES = {
    "regular": "LiberationSerif-Regular.ttf",
    "bold": "LiberationSerif-Bold.ttf",
    "italic": "LiberationSerif-Italic.ttf",
    "bold_italic": "LiberationSerif-BoldItalic.ttf",
}


@dataclass(frozen=True)
class FontSet:
    """ReportLab names of the four registered styles and where they came from."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    source: str  # "Times New Roman" or "Liberation Serif"
    files: tuple[Path, ...]


_lock = threading.Lock()
_registered: FontSet | None = None


def _windows_times() -> dict[str, Path] | None:
    windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT") or r"C:\Windows"
    folder = Path(windir) / "Fonts"
    found = {style: folder / name for style, name in _TIMES_FILES.items()}
    return found if all(p.is_file() for p in found.values()) else None


def _unix_times(roots: tuple[Path, ...]) -> dict[str, Path] | None:
    by_name: dict[str, Path] = {}
    for root in roots:
        if not root.is_dir():
            continue
        for path in root.rglob("*.ttf"):
            by_name.setdefault(path.name.lower(), path)
    found: dict[str, Path] = {}
    for style, names in _TIMES_UNIX_NAMES.items():
        for name in names:
            hit = by_name.get(name.lower())
            if hit is not None:
                found[style] = hit
                break
    return found if len(found) == len(_STYLES) else None


def find_times_new_roman() -> dict[str, Path] | None:
    """Paths of all four Times New Roman styles on this computer, or None if any is missing."""
    if os.name == "nt":
        return _windows_times()
    roots = (
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        Path.home() / ".local/share/fonts",
        Path("/Library/Fonts"),
        Path("/System/Library/Fonts/Supplemental"),
    )
    return _unix_times(roots)


def bundled_serif() -> dict[str, Path]:
    """Paths of the bundled Liberation Serif styles."""
    folder = fonts_dir()
    return {style: folder / name for style, name in _LIBERATION_FILES.items()}


class _MeasuredTTFont(TTFont):  # type: ignore[misc]
    """A TrueType font that remembers the width of each string it measured, and how it split
    each string into its subsets for a document.

    Without ReportLab's C accelerator, a width is a Python loop over the string's characters,
    and laying out a logbook measures the same words (and cell texts) tens of thousands of
    times. The widths are the font's own, so the layout and the bytes are the same."""

    _LIMIT = 200_000

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._widths: dict[tuple[str, float, str], float] = {}

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:
        key = (text, size, encoding)
        width = self._widths.get(key)
        if width is None:
            if len(self._widths) >= self._LIMIT:
                self._widths.clear()
            width = self._widths[key] = super().stringWidth(text, size, encoding)
        return width

    def splitString(self, text: str, doc: object,
                    encoding: str = "utf-8") -> list[tuple[int, bytes]]:
        """The text's chunks per font subset, remembered per document: a character keeps the
        code it was given in a document, so a text already split splits the same again (the
        cache lives on the document's font state and goes with it)."""
        state = self.state.get(doc)
        done: dict[str, list[tuple[int, bytes]]] | None = (
            getattr(state, "rd_split", None) if state is not None else None)
        if done is not None:
            hit = done.get(text)
            if hit is not None:
                return hit
        chunks: list[tuple[int, bytes]] = super().splitString(text, doc, encoding)
        state = self.state[doc]
        if done is None:
            done = state.rd_split = {}
        done[text] = chunks
        return chunks


def register_fonts(prefer_system: bool | None = None) -> FontSet:
    """Register the serif family once per process and return its ReportLab names.

    ``prefer_system`` False forces the bundled font (reproducible test output); None reads
    ``RD_PRINT_FONT=bundled`` from the environment for the same, else prefers Times New Roman.
    """
    global _registered
    if _registered is not None:
        return _registered
    with _lock:
        if _registered is not None:
            return _registered
        accel.install()
        if prefer_system is None:
            prefer_system = os.environ.get("RD_PRINT_FONT", "").lower() != "bundled"
        files = find_times_new_roman() if prefer_system else None
        source = "Times New Roman"
        if files is None:
            files = bundled_serif()
            source = "Liberation Serif"
        names = {
            "regular": FAMILY,
            "bold": f"{FAMILY}-Bold",
            "italic": f"{FAMILY}-Italic",
            "bold_italic": f"{FAMILY}-BoldItalic",
        }
        for style in _STYLES:
            pdfmetrics.registerFont(_MeasuredTTFont(names[style], str(files[style])))
        pdfmetrics.registerFontFamily(
            FAMILY,
            normal=names["regular"],
            bold=names["bold"],
            italic=names["italic"],
            boldItalic=names["bold_italic"],
        )
        # registerFontFamily covers Paragraph markup; addMapping covers the older tt2ps lookups.
        addMapping(FAMILY, 0, 0, names["regular"])
        addMapping(FAMILY, 1, 0, names["bold"])
        addMapping(FAMILY, 0, 1, names["italic"])
        addMapping(FAMILY, 1, 1, names["bold_italic"])
        _registered = FontSet(
            regular=names["regular"],
            bold=names["bold"],
            italic=names["italic"],
            bold_italic=names["bold_italic"],
            source=source,
            files=tuple(files[s] for s in _STYLES),
        )
        return _registered
