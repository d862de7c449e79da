"""Error kinds shared by every layer.

``UserError``: the clerk can fix it (bad ID number, empty field). ``KnownError``: the environment is
in the way (database too new, disk full, printer missing). Anything else is a bug and reaches the
crash handler. Errors carry codes and parameters, never user-facing text: the UI translates them.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any


class ReceptionDeskError(Exception):
    """Base class: a machine-readable ``code`` plus named parameters for the message."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        if not self.params:
            return self.code
        inner = ", ".join(f"{k}={v!r}" for k, v in sorted(self.params.items()))
        return f"{self.code} ({inner})"


class UserError(ReceptionDeskError):
    """A mistake in what the user entered; ``field`` names the input at fault, if any."""

    def __init__(self, code: str, field: str | None = None, **params: Any) -> None:
        super().__init__(code, **params)
        self.field = field


class ValidationFailed(UserError):
    """Several field problems at once (a form is checked as a whole)."""

    def __init__(self, problems: list[UserError]) -> None:
        super().__init__("validation_failed", count=len(problems))
        self.problems = problems


class KnownError(ReceptionDeskError):
    """Trouble in the environment the user must be told about (not a bug)."""


def file_error(exc: OSError, path: Path | str, *, writing: bool) -> KnownError:
    """A file the user named (an import, an export, a PDF) could not be read or written."""
    where = str(path)
    code = exc.errno
    if code == errno.ENOSPC or code == errno.EDQUOT:
        return KnownError("file.disk_full", path=where)
    if code == errno.EROFS or code in (errno.EACCES, errno.EPERM):
        if writing:
            return KnownError("file.read_only", path=where)
        return KnownError("file.no_access", path=where)
    if code == errno.EISDIR or (Path(where).is_dir()):
        return KnownError("file.is_folder", path=where)
    if code == errno.ENOENT:
        if writing:
            return KnownError("file.folder_missing", path=where)
        return KnownError("file.not_found", path=where)
    return KnownError("file.failed", path=where, detail=exc.strerror or str(exc))

