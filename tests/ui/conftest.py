"""Fixtures of the UI tests that start the app itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_desk


@pytest.fixture
def office_db(tmp_path: Path, clock) -> Path:  # type: ignore[no-untyped-def]
    """A set-up office's SQLite file (no accounts yet: the start's sign-in seam adds one)."""
    path = tmp_path / "office.sqlite3"
    make_desk(f"sqlite:///{path}", clock).close()
    return path
