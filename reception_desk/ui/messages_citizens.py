"""Sentences and labels of the citizen registry, QR scans, crowds and pasted lists.

One registry of error sentences serves the whole UI: ``reception_desk.ui.messages``. ``message``
here is a shorthand for a code and its parameters, and case stages use the cases page's labels,
so a stage reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reception_desk.domain.cases import CaseStage
from reception_desk.errors import ReceptionDeskError
from reception_desk.ui.messages import message_for
from reception_desk.ui.messages_cases import case_label


def message(code: str, params: Mapping[str, Any] | None = None) -> str:
    """The translated sentence for ``code`` with its parameters filled in."""
    error = ReceptionDeskError(code)
    error.params = dict(params or {})
    return message_for(error)


def stage_label(stage: str | None) -> str:
    """The name of a case stage, as the cases page shows it."""
    if not stage:
        return ""
    try:
        return case_label(CaseStage(stage))
    except ValueError:
        return stage
