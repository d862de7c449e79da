"""The lock screen, and the idle watch that brings it up.

``IdleWatcher`` is an application-wide event filter: any key, click, wheel or mouse move counts
as activity; after the office's idle time (Settings, default 10 minutes) it emits ``idle``.
``LockScreen`` covers the whole screen, application-modal, so nothing of the record behind it is
seen or reachable (dialogs open underneath keep what was typed). The same user unlocks with
their password; at a shared counter "Switch user" signs another person in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer
from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.errors import UserError
from reception_desk.i18n import _
from reception_desk.ui.forms import error_label
from reception_desk.ui.forms import form_row
from reception_desk.ui.forms import heading_label
from reception_desk.ui.forms import show_error
from reception_desk.ui.forms import show_refusal
from reception_desk.ui.forms import wrapped_label
from reception_desk.ui.users_dialog import password_edit

_ACTIVITY = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
}

if TYPE_CHECKING:  # the sign-in dialog comes up before the services are imported
    from reception_desk.services.access.desk import AccessDesk


class IdleWatcher(QObject):
    """Emits ``idle`` once the user has not touched keyboard or mouse for ``idle_ms``."""

    idle = Signal()

    def __init__(self, idle_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._since = QElapsedTimer()
        self._since.start()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._paused = False
        self.set_idle_ms(idle_ms)

    @property
    def idle_ms(self) -> int:
        return self._idle_ms

    def set_idle_ms(self, idle_ms: int) -> None:
        """A check a few times per idle period (at most every 5 s): cheap, and late by little."""
        self._idle_ms = max(idle_ms, 1)
        self._timer.start(max(20, min(5000, self._idle_ms // 4)))

    def install(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def remove(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._timer.stop()

    def pause(self) -> None:
        """While the screen is locked: no second lock."""
        self._paused = True

    def resume(self) -> None:
        self._paused = False
        self._since.restart()

    def touch(self) -> None:
        self._since.restart()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self._since.restart()
        return False

    @Slot()
    def _on_timer_timeout(self) -> None:
        if not self._paused and self._since.elapsed() >= self._idle_ms:
            self._paused = True
            self.idle.emit()


class LockScreen(QWidget):
    """Full-screen, application-modal: the locked user's name, their password, Enter.

    ``unlocked(principal)`` is emitted with the same user or, after "Switch user", another.
    """

    unlocked = Signal(object)

    def __init__(self, access: AccessDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self._access = access
        self._switching = False
        self.setWindowTitle(_("Locked — Reception Desk"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        self.setStyleSheet("#lockScreen { background: #1f3347; } "
                           "#lockCard { background: palette(window); border-radius: 8px; }")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        card = QFrame()
        card.setObjectName("lockCard")
        card.setMinimumWidth(440)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        layout = QVBoxLayout(card)
        layout.setContentsMargins(28, 24, 28, 24)
        self.title_label = heading_label(_("The screen is locked"))
        layout.addWidget(self.title_label)
        self.who_label = wrapped_label()
        layout.addWidget(self.who_label)
        form = QFormLayout()
        self.username_edit = QLineEdit()
        self.username_edit.setMaxLength(60)
        self.username_label = form_row(form, _("&User name:"), self.username_edit)
        self.password_edit = password_edit()
        form_row(form, _("&Password:"), self.password_edit)
        layout.addLayout(form)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        buttons = QHBoxLayout()
        self.switch_button = QPushButton(_("S&witch user"))
        self.switch_button.setAutoDefault(False)
        self.unlock_button = QPushButton(_("&Unlock"))
        self.unlock_button.setAutoDefault(False)
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        layout.addLayout(buttons)
        self.switch_button.clicked.connect(self._on_switch_button_clicked)
        self.unlock_button.clicked.connect(self.submit)
        for edit in (self.username_edit, self.password_edit):
            edit.returnPressed.connect(self.submit)
        self._switch_shortcut = QShortcut(QKeySequence("Alt+W"), self)
        self._switch_shortcut.activated.connect(self._on_switch_button_clicked)

    @property
    def switching(self) -> bool:
        return self._switching

    def lock(self) -> None:
        """Show over everything, for the signed-in user."""
        self._switching = False
        principal = self._access.principal
        name = principal.display_name if principal else ""
        username = principal.username if principal else ""
        self.who_label.setText(_("Signed in: {name} ({username}). Type the password to go "
                                 "on, or switch user.").format(name=name, username=username))
        self.username_edit.setText(username)
        self._show_username(False)
        self.password_edit.clear()
        show_error(self.error_label, "")
        screen = QApplication.primaryScreen()
        if screen is not None:
            self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
        self.password_edit.setFocus()

    def _show_username(self, visible: bool) -> None:
        self.username_label.setVisible(visible)
        self.username_edit.setVisible(visible)
        self.username_edit.setReadOnly(not visible)

    @Slot()
    def _on_switch_button_clicked(self) -> None:
        self._switching = True
        self.who_label.setText(_("Another person signs in at this counter. The work of the "
                                 "previous user stays as it was, under their name."))
        self.username_edit.clear()
        self.password_edit.clear()
        self._show_username(True)
        show_error(self.error_label, "")
        self.username_edit.setFocus()

    @Slot()
    def submit(self) -> None:
        show_error(self.error_label, "")
        if self._switching and not self.username_edit.text().strip():
            self.username_edit.setFocus()
            return
        try:
            if self._switching:
                principal = self._access.sign_in(self.username_edit.text(),
                                                 self.password_edit.text())
            else:
                principal = self._access.unlock(self.password_edit.text())
        except UserError as error:
            show_refusal(self.error_label, error, self.username_edit
                         if error.field == "username" else self.password_edit)
            return
        self.password_edit.clear()
        self.hide()
        self.unlocked.emit(principal)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:  # Esc never opens a locked screen
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.isVisible():  # Alt+F4 does not unlock either
            event.ignore()
            return
        super().closeEvent(event)

