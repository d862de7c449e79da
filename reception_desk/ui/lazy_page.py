"""A tab page whose real widget is built the first time it is shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget


class LazyPage(QWidget):
    """Hosts the widget ``build()`` returns; builds it on first show (or first ``page()``)."""

    def __init__(self, build: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self._page: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def is_built(self) -> bool:
        return self._page is not None

    def page(self) -> QWidget:
        if self._page is None:
            self._page = self._build()
            self._layout.addWidget(self._page)
            self.setFocusProxy(self._page)
        return self._page

    def showEvent(self, event: object) -> None:
        self.page()
        super().showEvent(event)  # type: ignore[arg-type]
