"""What a use case changed, told to every screen that shows it (issue 9, "Changes drive refresh").

Every use case returns a ``services.context.Changes`` (the visits, citizens and cases it wrote,
the settings it saved, whether the staff list changed). A UI call site passes what the desk
returned through ``announce``::

    detail, _changes = announce(self._desk, self._desk.update_visit(visit_id, draft, version))

``announce`` hands the result back unchanged and emits its ``Changes`` on the desk's one
``ChangeFeed``; pages subscribe with ``change_feed(desk).changed.connect(...)`` and refresh only
what the ``Changes`` names (the logbook re-reads the pages holding a changed visit, a case page
reloads only when its case changed, the form re-reads its choices when staff or fields changed).
A page never calls another page's refresh.
"""

from __future__ import annotations

from typing import TypeVar
from weakref import WeakKeyDictionary

from PySide6.QtCore import QObject
from PySide6.QtCore import Signal

from reception_desk.services.context import Changes

#: Setting names reported in ``Changes.settings`` that pages react to.
CALENDAR_SETTINGS = frozenset({"calendar", "deadline_rules"})
HOTSPOT_POLICY = "hotspot_policy"
FIELDS = "fields"
OFFICE = "office"

T = TypeVar("T")


class ChangeFeed(QObject):
    """One desk's stream of ``Changes``: what each use case run from the UI wrote."""

    changed = Signal(object)  # services.context.Changes

    def publish(self, changes: Changes) -> None:
        """Tell the subscribers, unless nothing changed."""
        if is_empty(changes):
            return
        self.changed.emit(changes)


_feeds: WeakKeyDictionary[object, ChangeFeed] = WeakKeyDictionary()


def change_feed(desk: object) -> ChangeFeed:
    """The feed of ``desk`` (one per open desk: every window and page on it shares it)."""
    feed = _feeds.get(desk)
    if feed is None:
        feed = _feeds[desk] = ChangeFeed()
    return feed


def announce(desk: object, result: T) -> T:
    """Publish the ``Changes`` in a use case's ``result`` on ``desk``'s feed; return ``result``.

    ``result`` is what the desk returned: a ``Changes``, or a tuple whose last item is one.
    """
    changes = result if isinstance(result, Changes) else result[-1]  # type: ignore[index]
    if not isinstance(changes, Changes):
        raise TypeError(f"not a use case's result with its Changes: {result!r}")
    change_feed(desk).publish(changes)
    return result


def is_empty(changes: Changes) -> bool:
    return not (changes.visits or changes.citizens or changes.cases or changes.settings
                or changes.staff or changes.sessions)
