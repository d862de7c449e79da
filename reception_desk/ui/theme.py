"""Screen font and the few style rules every form shares.

DejaVu Sans, the usual Linux fallback, lets Vietnamese capitals (Ủ, Ễ, Ấ) rise above its ascent and
get clipped in tight labels (STACK.md), so the app ships Liberation Sans and uses it everywhere.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QWidget

from reception_desk.paths import fonts_dir

log = logging.getLogger(__name__)

UI_FONT_FAMILY = "Liberation Sans"
UI_FONT_POINT_SIZE = 10
ERROR_COLOR = "#b71c1c"
SUCCESS_COLOR = "#1b5e20"

#: Rules for invalid fields (dynamic property ``invalid`` = true) and the messages under them.
#: Kept short on purpose: the platform style draws everything else.
FORM_STYLE = f"""
*[invalid="true"] {{ border: 2px solid {ERROR_COLOR}; border-radius: 3px; }}
QLabel[role="fieldError"] {{ color: {ERROR_COLOR}; }}
QLabel[role="banner"][tone="error"] {{
    color: {ERROR_COLOR}; background: #fdecea; border: 1px solid {ERROR_COLOR};
    border-radius: 3px; padding: 4px 8px;
}}
QLabel[role="banner"][tone="success"] {{
    color: {SUCCESS_COLOR}; background: #e8f5e9; border: 1px solid {SUCCESS_COLOR};
    border-radius: 3px; padding: 4px 8px; font-weight: bold;
}}
QLabel[role="sectionTitle"] {{ font-weight: bold; font-size: 11pt; }}
"""

_loaded_families: list[str] = []


def load_fonts() -> list[str]:
    """Register the bundled Liberation Sans files once; returns the families Qt now knows."""
    if _loaded_families:
        return list(_loaded_families)
    for path in sorted(fonts_dir().glob("LiberationSans-*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load font %s", path)
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in _loaded_families:
                _loaded_families.append(family)
    return list(_loaded_families)


def ui_font(point_size: int = UI_FONT_POINT_SIZE) -> QFont:
    font = QFont(UI_FONT_FAMILY, point_size)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    return font


def apply_theme(app: QApplication) -> None:
    """Bundled font at 10 pt as the application font, plus the shared form style sheet."""
    families = load_fonts()
    if UI_FONT_FAMILY in families:
        app.setFont(ui_font())
    else:  # a broken bundle: keep the platform font rather than fail to start
        log.warning("bundled font %s missing; using the platform font", UI_FONT_FAMILY)
    sheet = app.styleSheet()
    if FORM_STYLE not in sheet:
        app.setStyleSheet(sheet + FORM_STYLE)


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Flag ``widget`` for the red-border rule and make the style re-read the property."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()
