"""What an error code means, in the user's language: one catalogue for the screens and the CLI.

The domain, the services, the storage and the doors (forms, command line) raise ``UserError`` and
``KnownError`` with a code and named parameters (``text.too_long`` with ``max`` and ``actual``);
database checks and logbook imports report codes the same way. This package is the one place
that turns a code into a sentence. No Qt: ``reception_desk.ui`` and ``reception_desk.cli`` both
call ``message_for`` (or ``message`` for a bare code and its parameters).

One module per feature maps its codes to English msgids with named placeholders:
``visits``, ``citizens`` (identity papers, QR scans, crowds, pasted lists), ``cases`` (also
deadlines, the office calendar, document numbers, and the names of the case enums), ``documents``,
``hotspots`` (and directives), ``office`` (office, staff, fields), ``exchange`` (logbook import),
``backup`` (backups and restores, and the names of their progress phases), ``system`` (database,
database check, command line), ``integrity`` (the tamper-evident record: audit chain, records
against their audit trail, numbering of the books), ``access`` (accounts, sign-in, permissions,
secrecy of identity; role and right names), ``reports`` (statutory periodic reports),
``attachments`` (attached files), ``scanner`` (card scanners in serial mode), ``legacy`` (old
logbooks imported) and ``common`` (codes several features raise).
``labels`` names the classification codes. Vietnamese is in the gettext catalog
(resources/locale/vi/LC_MESSAGES/parts, one part per area; ``bash packaging/i18n.sh``).
tests/test_texts.py checks that every code raised anywhere in reception_desk has a sentence here
and a Vietnamese translation. A code without one (an import file from a newer version) still
reads well through the fallbacks below.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from datetime import date
from datetime import datetime
from enum import Enum
from types import ModuleType
from typing import TYPE_CHECKING
from typing import Any

from reception_desk.config import OFFICE_TZ
from reception_desk.domain.classification import Sex
from reception_desk.errors import ReceptionDeskError
from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.i18n import current_language
from reception_desk.texts.filling import Params
from reception_desk.texts.filling import fill
from reception_desk.texts.labels import label

if TYPE_CHECKING:  # imported by _features(), on the first message
    from reception_desk.texts import access
    from reception_desk.texts import cases
    from reception_desk.texts import citizens
    from reception_desk.texts import integrity
    from reception_desk.texts import office

#: The feature modules, each with its ``MESSAGES`` (a code lives in exactly one of them).
#: Issue 17: imported on the first message, not with this package (the sign-in dialog, which
#: imports this package, comes up before the services the catalogues name are imported).
_FEATURE_NAMES = ("common", "visits", "citizens", "cases", "documents", "hotspots", "office",
                  "exchange", "backup", "system", "integrity", "access", "reports",
                  "attachments", "scanner",
                  "dialogues", "sessions",  # issue 14
                  "legal", "legacy")  # issues 12 and 15


def _features() -> tuple[ModuleType, ...]:
    """The feature modules, imported and their sentences gathered the first time: ``FEATURES``,
    and ``MESSAGES`` (sentences by error code; placeholders name the error's parameters, plus
    ``code``, ``field`` and the derived ones that ``_params`` adds; a missing parameter never
    breaks the message)."""
    features: tuple[ModuleType, ...] | None = globals().get("FEATURES")
    if features is None:
        features = tuple(importlib.import_module(f"{__name__}.{name}")
                         for name in _FEATURE_NAMES)
        globals()["MESSAGES"] = {code: msgid for f in features
                                 for code, msgid in f.MESSAGES.items()}
        globals()["FEATURES"] = features
    return features


def _messages() -> dict[str, str]:
    _features()
    messages: dict[str, str] = globals()["MESSAGES"]
    return messages


def __getattr__(name: str) -> Any:
    """``FEATURES``, ``MESSAGES`` and the feature modules, gathered on first use."""
    if name in ("FEATURES", "MESSAGES") or name in _FEATURE_NAMES:
        _features()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Said after a structural ID problem the clerk may accept with a reason.
OVERRIDE_HINT = N_("If the paper really shows this, write the reason in the box below.")

_FALLBACKS: dict[str, str] = {
    "id": N_("The identity paper number is not accepted (code {code})."),
    "passport": N_("The identity paper number is not accepted (code {code})."),
    "qr": N_("The QR code could not be read (code {code})."),
    "database": N_("The database reported a problem (code {code})."),
}
_GENERIC = N_("This entry is not accepted (code {code}).")
_MORE = N_("…and {count} more.")
_ON_LINE = N_("Line {line}: {problem}")
#: How many line problems of a failed import are listed (the command line lists them all).
MAX_LISTED = 10
#: Integer parameters read as written ("1985", "12/2026"); other counts get thousand separators.
_AS_WRITTEN = frozenset({"year", "birth_year", "century", "digit", "row", "line", "first_line",
                         "seq", "version", "supported", "number", "value", "id", "head_id",
                         "last_id"})


def format_count(value: int) -> str:
    """A count with the language's thousands separator."""
    grouped = f"{value:,}"
    # Vietnamese groups thousands with dots (1.000.000); English with commas.
    return grouped.replace(",", ".") if current_language() == "vi" else grouped


def size_text(size: int) -> str:
    """A file size as people read it: "834 KB", "12.4 MB"."""
    if size < 1024 * 1024:
        return _("{size} KB").format(size=format_count(max(1, round(size / 1024))))
    return _("{size} MB").format(size=f"{size / (1024 * 1024):.1f}")


def _enum_label(value: Enum) -> str:
    if type(value) in cases.LABEL_TABLES:
        return cases.case_label(value)
    return label(value)


def _value(key: str, value: Any) -> Any:
    if value is None:
        return "-"
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(OFFICE_TZ)
        return value.strftime("%H:%M %d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value) if key in _AS_WRITTEN else format_count(value)
    if isinstance(value, Enum):
        return _enum_label(value)
    enum = cases.PARAM_ENUMS.get(key)
    if enum is not None and isinstance(value, str):
        try:
            return cases.case_label(enum(value))
        except ValueError:
            return value
    return value


def _params(code: str, raw: Mapping[str, Any], field: str | None) -> Params:
    params = Params({k: _value(k, v) for k, v in raw.items()})
    params["code"] = code
    if field is not None:
        params.setdefault("field", field)
    if isinstance(raw.get("century"), int):
        params["century_end"] = str(raw["century"] + 99)
    for key in ("sex", "encoded"):
        if raw.get(key) in {s.value for s in Sex}:
            params[key] = label(Sex(raw[key])).lower()
    params.update(integrity.finding_params(code, raw))
    params.update(access.named_params(raw))
    params.update(citizens.named_params(raw))
    params.update(office.named_params(raw))
    return params


def message(code: str, params: Mapping[str, Any] | None = None, *, field: str | None = None,
            listed: int | None = MAX_LISTED) -> str:
    """The sentence for ``code`` with ``params`` filled in (a finding, a pasted-list problem).

    ``listed``: how many line problems of a failed import to list (None: all of them).
    """
    raw = dict(params or {})
    msgid = _messages().get(code)
    if msgid is None:
        msgid = _FALLBACKS.get(code.split(".", 1)[0], _GENERIC)
    text = fill(_(msgid), _params(code, raw, field))
    if raw.get("overridable"):
        text = f"{text} {_(OVERRIDE_HINT)}"
    details = raw.get("errors")
    if code in ("import.invalid", "import.interrupted") and isinstance(details, list):
        shown = details if listed is None else details[:listed]
        lines = [text]
        for item in shown:
            if isinstance(item, dict) and isinstance(item.get("code"), str):
                params = {k: v for k, v in item.items() if k not in ("code", "field")}
                line = message(item["code"], params, field=item.get("field"))
                if not item["code"].startswith("import.") and "line" in item:
                    # A form's rule broken by a record: said as the form says it, on its line.
                    line = _(_ON_LINE).format(line=item["line"], problem=line)
                lines.append(line)
        if len(details) > len(shown):
            lines.append(_(_MORE).format(count=format_count(len(details) - len(shown))))
        text = "\n".join(lines)
    return text


def message_for(error: ReceptionDeskError, *, listed: int | None = MAX_LISTED) -> str:
    """The sentence to show for ``error`` (any ``UserError`` or ``KnownError``)."""
    return message(error.code, error.params, field=getattr(error, "field", None), listed=listed)


def is_overridable(error: ReceptionDeskError) -> bool:
    """A structural problem the clerk may accept by writing a reason."""
    return bool(error.params.get("overridable"))
