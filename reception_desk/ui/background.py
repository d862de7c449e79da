"""Run slow desk calls off the UI thread (DESIGN.md §4: the UI never freezes).

``BackgroundJobs(parent)`` owns a one-thread ``QThreadPool``: jobs run one after another, in the
order given (so the first result a page needs arrives first), and the pool waits for the running
job when its owner is destroyed. Each job is ``fn()`` run in the worker; its result (or the
exception it raised) comes back to ``on_done(result)`` / ``on_error(error)`` on the UI thread
through a queued signal. ``cancel()`` drops the jobs not yet started and makes the results of
running ones be ignored, so a page can restart its loads (another week chosen) at any time.

The ``Desk`` is safe to call from a worker: each of its calls opens its own session. Workers
never touch widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtCore import QRunnable
from PySide6.QtCore import QThreadPool
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot


class _Relay(QObject):
    """Carries a job's outcome from the worker thread to the UI thread (queued connection)."""

    finished = Signal(int, object)
    failed = Signal(int, object)


class _Job(QRunnable):
    def __init__(self, ticket: int, fn: Callable[[], Any], relay: _Relay,
                 wanted: Callable[[int], bool]) -> None:
        super().__init__()
        self._ticket = ticket
        self._fn = fn
        self._relay = relay
        self._wanted = wanted

    def run(self) -> None:
        if not self._wanted(self._ticket):
            return
        try:
            result = self._fn()
        except Exception as error:  # handed to the UI thread, which decides what to show
            self._relay.failed.emit(self._ticket, error)
        else:
            self._relay.finished.emit(self._ticket, result)


class BackgroundJobs(QObject):
    """A queue of slow calls run in one worker thread, results delivered on the UI thread."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_relay_finished)
        self._relay.failed.connect(self._on_relay_failed)
        self._next = 0
        self._first_wanted = 0  # tickets below this were cancelled
        self._pending: dict[int, tuple[Callable[[Any], None],
                                       Callable[[Exception], None] | None]] = {}

    def submit(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[Exception], None] | None = None) -> int:
        """Queue ``fn``; returns its ticket. ``on_done``/``on_error`` run on the UI thread."""
        ticket = self._next
        self._next += 1
        was_busy = self.is_busy()
        self._pending[ticket] = (on_done, on_error)
        self._pool.start(_Job(ticket, fn, self._relay, self._wanted))
        if not was_busy:
            self.busy_changed.emit(True)
        return ticket

    def cancel(self) -> None:
        """Forget every job given so far (queued ones never start; running ones are ignored)."""
        self._first_wanted = self._next
        self._pool.clear()
        had = bool(self._pending)
        self._pending.clear()
        if had:
            self.busy_changed.emit(False)

    def is_busy(self) -> bool:
        return bool(self._pending)

    def wait(self, msecs: int = -1) -> bool:
        """Block until the worker is idle (tests, shutting down). Results still come queued."""
        return self._pool.waitForDone(msecs)

    def _wanted(self, ticket: int) -> bool:  # called from the worker: reads one int
        return ticket >= self._first_wanted

    def _finish(self, ticket: int, error: object, result: object) -> None:
        callbacks = self._pending.pop(ticket, None)
        if callbacks is None:
            return  # cancelled meanwhile
        on_done, on_error = callbacks
        try:
            if error is None:
                on_done(result)
            elif on_error is not None:
                assert isinstance(error, Exception)
                on_error(error)
            else:
                assert isinstance(error, BaseException)
                raise error  # nobody asked for it: a bug, for the crash handler
        finally:
            if not self._pending:
                self.busy_changed.emit(False)

    @Slot(int, object)
    def _on_relay_finished(self, ticket: int, result: object) -> None:
        self._finish(ticket, None, result)

    @Slot(int, object)
    def _on_relay_failed(self, ticket: int, error: object) -> None:
        self._finish(ticket, error, None)
