"""The office's report settings (issue 13): the recipients printed under "Nơi nhận" and the
day of the month the office sends its report (its printed date). Both are office settings
because the recipient and the deadline of a commune's report after July 2025 are not confirmed
(LEGAL.md §8.1). Compare-and-set on the setting's version, one audit row a save."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from reception_desk.domain.text import clean_line
from reception_desk.errors import UserError
from reception_desk.services.context import Actor
from reception_desk.services.context import Changes
from reception_desk.services.reports.dto import ReportOptions
from reception_desk.storage import repositories as repo

#: Office setting (JSON): {"recipients": [...], "submission_day": n | null}.
OPTIONS_KEY = "report_options"
DEFAULT_RECIPIENTS = ("Thanh tra tỉnh", "Chủ tịch, các Phó Chủ tịch UBND xã", "Lưu: VT")
MAX_RECIPIENTS = 12
MAX_RECIPIENT_LENGTH = 300


def report_options(session: Session) -> ReportOptions:
    stored = repo.get_setting(session, OPTIONS_KEY) or {}
    day = stored.get("submission_day")
    return ReportOptions(tuple(stored.get("recipients") or DEFAULT_RECIPIENTS),
                         int(day) if day else None)


def save_report_options(session: Session, options: ReportOptions, actor: Actor, now: datetime,
                        expected_version: int | None = None) -> Changes:
    recipients = [clean_line(r).strip(" -;.") for r in options.recipients]
    recipients = [r for r in recipients if r]
    if not recipients:
        raise UserError("report.recipients_required", field="recipients")
    if len(recipients) > MAX_RECIPIENTS:
        raise UserError("report.recipients_too_many", field="recipients", max=MAX_RECIPIENTS)
    if any(len(r) > MAX_RECIPIENT_LENGTH for r in recipients):
        raise UserError("text.too_long", field="recipients", max=MAX_RECIPIENT_LENGTH,
                        actual=max(len(r) for r in recipients))
    day = options.submission_day
    if day is not None and not 1 <= day <= 28:
        raise UserError("report.submission_day_invalid", field="submission_day", day=day)
    value = {"recipients": recipients, "submission_day": day}
    before = repo.put_setting(session, OPTIONS_KEY, value, at=now, actor=actor.name,
                              expected_version=expected_version)
    repo.add_audit(session, at=now, actor=actor.name, action="update" if before else "create",
                   entity="setting", entity_id=OPTIONS_KEY, before=before, after=value)
    return Changes(settings={OPTIONS_KEY})
