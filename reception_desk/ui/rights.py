"""Greying out what the signed-in user may not do, with the reason beside it.

A page registers each action, button, shortcut or tab with the right it needs
(``rights.gate(widget, Permission.LOG_VISITS)``); ``Rights`` asks the services whether the
acting user may (``desk.access.can``) and, when not, disables it and puts the services' own
refusal sentence (which right is missing, which roles have it) in its tooltip and status tip.
It re-evaluates at every sign-in and quick switch of user. A page that enables an action by its
own state too (a visit selected, not voided) passes that state with ``rights.enable``: the
action is enabled when both agree. The services refuse anyway: this only spares the user a
refused click. The table of rights lives in the services (``domain.access``), never here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QTabWidget
from PySide6.QtWidgets import QWidget

from reception_desk.domain.access import Permission
from reception_desk.domain.access import Principal
from reception_desk.services.access.desk import AccessDesk
from reception_desk.texts import message_for


class _Target(Protocol):
    def setEnabled(self, enabled: bool, /) -> None: ...


class Tab:
    """One page of a ``QTabWidget`` as a gated target (enabled, tooltip of its tab)."""

    def __init__(self, tabs: QTabWidget, page: QWidget) -> None:
        self.tabs = tabs
        self.page = page

    def setEnabled(self, enabled: bool, /) -> None:
        index = self.tabs.indexOf(self.page)
        if index >= 0:
            self.tabs.setTabEnabled(index, enabled)

    def isEnabled(self) -> bool:
        index = self.tabs.indexOf(self.page)
        return index >= 0 and self.tabs.isTabEnabled(index)

    def set_tip(self, text: str) -> None:
        index = self.tabs.indexOf(self.page)
        if index >= 0:
            self.tabs.setTabToolTip(index, text)

    def tip(self) -> str:
        index = self.tabs.indexOf(self.page)
        return self.tabs.tabToolTip(index) if index >= 0 else ""


Gated = QAction | QWidget | QShortcut | Tab


@dataclass
class _Gate:
    target: Gated
    permissions: tuple[Permission, ...]  # all needed (Ctrl+P on a new visit: save and issue)
    wanted: bool  # what the page itself wants (a row selected …)
    tip: str  # the tooltip shown while allowed
    status_tip: str


def _tip(target: Gated) -> tuple[str, str]:
    if isinstance(target, Tab):
        return target.tip(), ""
    if isinstance(target, QShortcut):
        return target.whatsThis(), ""
    return target.toolTip(), target.statusTip()


def _set_tip(target: Gated, tip: str, status_tip: str) -> None:
    if isinstance(target, Tab):
        target.set_tip(tip)
    elif isinstance(target, QShortcut):
        target.setWhatsThis(tip)
    else:
        target.setToolTip(tip)
        target.setStatusTip(status_tip)


class Rights(QObject):
    """The gated actions of one window or page, kept in step with the signed-in user."""

    def __init__(self, access: AccessDesk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._access = access
        self._gates: dict[int, _Gate] = {}
        listener = self._on_principal_changed
        access.on_principal_changed(listener)
        # Not a slot of this object: Qt no longer calls those while destroying it.
        self.destroyed.connect(lambda *_: access.off_principal_changed(listener))

    def may(self, permission: Permission) -> bool:
        """May the acting user do it now? (The services' answer.)"""
        return self._access.can(permission)

    def reason(self, permission: Permission) -> str:
        """Why not, as the services word the refusal ("" when allowed)."""
        refusal = self._access.refusal(permission)
        return message_for(refusal) if refusal is not None else ""

    def gate(self, target: Gated, permission: Permission | tuple[Permission, ...],
             wanted: bool | None = None) -> None:
        """``target`` needs ``permission`` (again, or now another one: the form's Save needs
        "log visits" for a new visit, "edit visits" for a saved one); a tuple: every one of
        them (the reason shown is the first one missing)."""
        needed = permission if isinstance(permission, tuple) else (permission,)
        key = id(target)
        known = self._gates.get(key)
        if known is None:
            tip, status_tip = _tip(target)
            known = _Gate(target, needed, True, tip, status_tip)
            self._gates[key] = known
        known.permissions = needed
        if wanted is not None:
            known.wanted = wanted
        self._apply(known)

    def enable(self, target: Gated, wanted: bool) -> None:
        """What the page wants of a gated ``target`` (enabled when the right allows it too)."""
        known = self._gates.get(id(target))
        if known is None:
            target.setEnabled(wanted)
            return
        known.wanted = wanted
        self._apply(known)

    def refresh(self) -> None:
        for known in list(self._gates.values()):
            self._apply(known)

    def _apply(self, known: _Gate) -> None:
        missing = next((p for p in known.permissions if not self.may(p)), None)
        try:
            known.target.setEnabled(known.wanted and missing is None)
            if missing is None:
                _set_tip(known.target, known.tip, known.status_tip)
            else:
                why = self.reason(missing)
                _set_tip(known.target, why, why)
        except RuntimeError:  # its widget is gone with a closed page
            self._gates.pop(id(known.target), None)

    def _on_principal_changed(self, _principal: Principal | None) -> None:
        self.refresh()
