"""Translations: gettext catalogs under resources/locale, English msgids, Vietnamese default.

Use ``_("…{name}…").format(name=…)``: named placeholders only, never glued fragments.
``N_`` marks a string for extraction where it is translated later (tables of labels).
"""

from __future__ import annotations

import gettext as _gettext

from reception_desk.paths import locale_dir

DOMAIN = "reception_desk"
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"


def set_language(language: str) -> str:
    """Switch the process to ``language`` ("vi" or "en"); returns the language in effect."""
    global _translation, _language
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    if language == "en":
        _translation = _gettext.NullTranslations()
    else:
        # fallback: a missing catalog shows English rather than stopping the program.
        _translation = _gettext.translation(
            DOMAIN, str(locale_dir()), languages=[language], fallback=True
        )
    _language = language
    return language


def current_language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    return message
