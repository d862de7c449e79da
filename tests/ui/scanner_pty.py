"""A pseudo-terminal standing in for a card scanner in serial mode (STACK.md).

The app opens ``path``, a symlink to the pty's slave side (as /dev/serial/by-id/... links name
a real scanner); ``write`` sends bytes as the scanner would, ``unplug`` closes the master side
(the app's reads then fail as with a pulled USB cable), ``replug`` makes a new pty and points
the same path at it.
"""

from __future__ import annotations

import os
from pathlib import Path


class PtyScanner:
    def __init__(self, folder: Path) -> None:
        self.path = folder / "ttyScanner0"
        self._master: int | None = None
        self.replug()

    def replug(self) -> None:
        master, slave = os.openpty()
        name = os.ttyname(slave)
        os.close(slave)  # the app opens the slave by its path
        self._master = master
        link = self.path.with_suffix(".new")
        link.symlink_to(name)
        os.replace(link, self.path)

    def write(self, data: bytes) -> None:
        assert self._master is not None, "the scanner is unplugged"
        os.write(self._master, data)

    def unplug(self) -> None:
        if self._master is not None:
            os.close(self._master)
            self._master = None

    def close(self) -> None:
        self.unplug()

