"""``AttachmentDesk``: files attached to visits and cases, one unit of work a call
(``desk.attachments``). Depends on the ``DeskContext`` protocol, not on ``services.desk``."""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from pathlib import Path

from reception_desk.domain.access import Permission
from reception_desk.domain.access import Principal
from reception_desk.services.access.rights import needs
from reception_desk.services.attachments import settings as office
from reception_desk.services.attachments import store
from reception_desk.services.attachments.dto import AttachmentDTO
from reception_desk.services.attachments.dto import AttachmentSettings
from reception_desk.services.attachments.dto import OpenedAttachment
from reception_desk.services.attachments.dto import ScanFile
from reception_desk.services.context import Changes
from reception_desk.services.context import DeskContext
from reception_desk.services.facade import Facade
from reception_desk.services.files import written_beside

_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
#: Temporary folders written for opening, removed when the program ends (a confidential scan
#: must not stay in the temporary folder). Module-wide: no desk is kept alive for it.
_EXPORTS: list[Path] = []


def _forget(folders: list[Path]) -> None:
    while folders:
        shutil.rmtree(folders.pop(), ignore_errors=True)


atexit.register(_forget, _EXPORTS)


def safe_file_name(name: str) -> str:
    """A stored name usable as a file name on Windows and Linux."""
    cleaned = _UNSAFE.sub("_", name).strip(" .")
    return cleaned or "attachment"


class AttachmentDesk(Facade):
    """Add, list, open and void attached files (``desk.attachments``)."""

    def __init__(self, context: DeskContext) -> None:
        super().__init__(context)
        self._exports: list[Path] = []

    @property
    def _principal(self) -> Principal | None:
        return self._desk.actor.principal

    # --- settings and the scanner folder ------------------------------------------------------
    def settings(self) -> AttachmentSettings:
        return self._read(office.get_settings)

    @needs(Permission.MANAGE_SETTINGS)
    def save_settings(self, settings: AttachmentSettings, expected_version: int | None = None
                      ) -> tuple[AttachmentSettings, Changes]:
        """``expected_version``: the setting's version the screen read
        (``Desk.setting_version(SETTINGS_KEY)``); a change saved since is refused."""
        with self._desk.db.session() as s:
            return office.save_settings(s, self._principal, settings, self._desk.now(),
                                        expected_version)

    def newest_scans(self, limit: int = office.NEWEST) -> list[ScanFile]:
        """The newest files in the office's scanner folder ([] when none is set)."""
        return office.newest_scans(self.settings().scanner_folder, limit)

    # --- adding -------------------------------------------------------------------------------
    @needs(Permission.LOG_VISITS)
    def add_to_visit(self, visit_id: int, path: Path,
                     name: str | None = None) -> tuple[AttachmentDTO, Changes]:
        return self._add(path, name, visit_id=visit_id)

    @needs(Permission.MANAGE_CASES)
    def add_to_case(self, case_id: int, path: Path,
                    name: str | None = None) -> tuple[AttachmentDTO, Changes]:
        return self._add(path, name, case_id=case_id)

    def _add(self, path: Path, name: str | None, *, visit_id: int | None = None,
             case_id: int | None = None) -> tuple[AttachmentDTO, Changes]:
        """Attach within the office's size limit (``store.add_file``)."""
        with self._desk.db.session() as s:
            limit = office.get_settings(s).limit_mb
            return store.add_file(s, self._desk.actor, Path(path), visit_id=visit_id,
                                  case_id=case_id, name=name, limit_mb=limit,
                                  now=self._desk.now())

    # --- reading ------------------------------------------------------------------------------
    @needs(Permission.VIEW_RECORDS)
    def for_visit(self, visit_id: int) -> list[AttachmentDTO]:
        return self._read(store.list_for_visit, self._principal, visit_id)

    @needs(Permission.VIEW_RECORDS)
    def for_case(self, case_id: int) -> list[AttachmentDTO]:
        return self._read(store.list_for_case, self._principal, case_id)

    @needs(Permission.VIEW_RECORDS)
    def get(self, attachment_id: int) -> AttachmentDTO:
        return self._read(store.attachment, self._principal, attachment_id)

    def _allowed(self, attachment_id: int, reason: str) -> AttachmentDTO:
        with self._desk.db.read() as s:
            found = store.may_open(s, self._principal, attachment_id)
        if found.confidential:
            with self._desk.db.session() as s:
                found = store.log_confidential_open(s, self._principal, attachment_id, reason,
                                                    self._desk.now())
        return found

    @needs(Permission.VIEW_RECORDS)
    def open(self, attachment_id: int, reason: str = "",
             folder: Path | None = None) -> OpenedAttachment:
        """Write the file out for opening (a new temporary folder unless ``folder`` is given:
        removed when the program ends). A confidential file needs ``reason`` and is logged."""
        found = self._allowed(attachment_id, reason)
        if folder is None:
            folder = Path(tempfile.mkdtemp(prefix="rd-attachment-"))
            self._exports.append(folder)
            _EXPORTS.append(folder)
        target = Path(folder) / safe_file_name(found.file_name)
        with (written_beside(target) as part, self._desk.db.read() as s,
              part.open("wb") as out):
            for chunk in store.content_chunks(s, found.sha256):
                out.write(chunk)
        return OpenedAttachment(found, target)

    @needs(Permission.VIEW_RECORDS)
    def read_bytes(self, attachment_id: int, reason: str = "") -> bytes:
        """The file's bytes (small files, tests); same rights and logging as ``open``."""
        found = self._allowed(attachment_id, reason)
        with self._desk.db.read() as s:
            return b"".join(store.content_chunks(s, found.sha256))

    def forget_exports(self) -> None:
        """Remove the temporary copies this desk wrote for opening (all are removed at exit)."""
        for folder in self._exports:
            if folder in _EXPORTS:
                _EXPORTS.remove(folder)
        _forget(self._exports)

    # --- voiding ------------------------------------------------------------------------------
    def void(self, attachment_id: int, reason: str) -> tuple[AttachmentDTO, Changes]:
        with self._desk.db.session() as s:
            return store.void(s, self._desk.actor, attachment_id, reason,
                              self._desk.now())
