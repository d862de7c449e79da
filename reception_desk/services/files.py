"""Files the user named, written so that a failure leaves nothing half-written behind."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextlib import suppress
from pathlib import Path

from reception_desk.errors import file_error


@contextmanager
def written_beside(path: Path) -> Iterator[Path]:
    """A temporary ``<name>.part`` beside ``path`` to write into, put in place as ``path`` when
    the block ends. If anything fails (a full disk, a read-only place, a missing folder) the
    part file is removed, and an ``OSError`` comes out as the ``file_error`` naming ``path``."""
    part = path.with_name(path.name + ".part")
    try:
        yield part
        part.replace(path)
    except BaseException as exc:
        with suppress(OSError):
            part.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise file_error(exc, path, writing=True) from exc
        raise
