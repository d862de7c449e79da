"""The office's attachment settings (size limit, scanner folder) and the scanner folder's files.

The scanner folder is where the counter's scanner saves its files; the visit form offers the
newest ones for attaching with one key. Files still being written (``.tmp``, ``.part`` …) and
hidden ones are left out.
"""

from __future__ import annotations

import os
from datetime import UTC
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from reception_desk.domain.access import Permission
from reception_desk.domain.access import Principal
from reception_desk.domain.attachments import DEFAULT_LIMIT_MB
from reception_desk.domain.attachments import check_limit_mb
from reception_desk.domain.attachments import is_partial
from reception_desk.domain.text import clean_line
from reception_desk.errors import KnownError
from reception_desk.errors import file_error
from reception_desk.services.access.users import authorise
from reception_desk.services.attachments.dto import AttachmentSettings
from reception_desk.services.attachments.dto import ScanFile
from reception_desk.services.context import Changes
from reception_desk.services.context import require_aware
from reception_desk.storage import repositories as repo

SETTINGS_KEY = "attachments"
NEWEST = 8  # scanner files offered at a time


def get_settings(session: Session) -> AttachmentSettings:
    value: Any = repo.get_setting(session, SETTINGS_KEY)
    if not isinstance(value, dict):
        return AttachmentSettings()
    limit = value.get("limit_mb")
    folder = value.get("scanner_folder")
    return AttachmentSettings(limit if isinstance(limit, int) else DEFAULT_LIMIT_MB,
                              folder if isinstance(folder, str) else "")


def save_settings(session: Session, principal: Principal | None, settings: AttachmentSettings,
                  now: datetime, expected_version: int | None = None
                  ) -> tuple[AttachmentSettings, Changes]:
    """``expected_version``: the setting's version the screen read; another counter's save
    since is refused with ``setting.changed_elsewhere``."""
    acting = authorise(session, principal, Permission.MANAGE_SETTINGS)
    require_aware(now)
    cleaned = AttachmentSettings(check_limit_mb(settings.limit_mb),
                                 clean_line(settings.scanner_folder))
    value = {"limit_mb": cleaned.limit_mb, "scanner_folder": cleaned.scanner_folder}
    before = repo.put_setting(session, SETTINGS_KEY, value, at=now, actor=acting.display_name,
                              expected_version=expected_version)
    repo.add_audit(session, at=now, actor=acting.display_name,
                   action="update" if before else "create", entity="setting",
                   entity_id=SETTINGS_KEY, before=before, after=value)
    return cleaned, Changes(settings={SETTINGS_KEY})


def newest_scans(folder: str, limit: int = NEWEST) -> list[ScanFile]:
    """The newest files of the scanner folder, newest first ([] when none is set)."""
    if not folder.strip():
        return []
    where = Path(folder).expanduser()
    if not where.is_dir():
        raise KnownError("attachment.scanner_folder_missing", path=str(where))
    found: list[ScanFile] = []
    try:
        with os.scandir(where) as entries:
            for entry in entries:
                if is_partial(entry.name):
                    continue
                try:
                    if not entry.is_file():
                        continue
                    stat = entry.stat()
                except OSError:
                    continue  # removed while listing, or unreadable: not offered
                if stat.st_size == 0:
                    continue  # the scanner has not written it yet
                found.append(ScanFile(Path(entry.path), entry.name, stat.st_size,
                                      datetime.fromtimestamp(stat.st_mtime, UTC)))
    except OSError as exc:
        raise file_error(exc, where, writing=False) from exc
    found.sort(key=lambda f: (f.modified, f.name), reverse=True)
    return found[:limit]
