"""A hotspot explanation in words, filled the same way on paper and on screen.

The weekly pack prints its own Vietnamese templates (``weekly_pack.explain_vi``); the hotspots page
shows the user's language (``ui.messages_hotspots.explain``): each passes its templates, the names
of the handling levels and how to write a day. No ReportLab here, so the screen loads none.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Mapping
from datetime import date
from typing import Any

from reception_desk.domain.hotspots import Explanation


def _same(text: str) -> str:
    return text


def explanation_text(explanation: Explanation, templates: Mapping[str, str],
                     levels: Mapping[str, str], field_labels: Mapping[str, str] | None, *,
                     day: Callable[[date], str],
                     translate: Callable[[str], str] = _same) -> str:
    """``templates[explanation.key]`` filled with its parameters: days written by ``day``, a
    handling level and a field by their names; the bare key if no template fits."""
    params: dict[str, Any] = {
        key: day(value) if isinstance(value, date) else value
        for key, value in explanation.params.items()}
    if "level" in params:
        params["level"] = translate(levels.get(str(params["level"]), str(params["level"])))
    if "field" in params and field_labels:
        params["field"] = field_labels.get(str(params["field"]), params["field"])
    template = templates.get(explanation.key)
    if template is None:
        return explanation.key
    try:
        return translate(template).format(**params)
    except (KeyError, IndexError):
        return explanation.key
