"""Files picked before a visit is saved go with its autosaved draft (their paths): restored
after a restart and attached at the save; a file gone meanwhile is said (issue 10 leftover)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from reception_desk.domain.access import Role
from reception_desk.i18n import set_language
from reception_desk.ui.main_window import MainWindow
from tests.conftest import sample_draft
from tests.conftest import sign_in_as


@pytest.fixture(autouse=True)
def _vietnamese():  # type: ignore[no-untyped-def]
    set_language("vi")


def test_picked_files_survive_a_restart_and_a_missing_one_is_said(qtbot, sqlite_desk, tmp_path,
                                                                  monkeypatch):
    scan, photo = tmp_path / "don-to-cao.pdf", tmp_path / "anh-hien-truong.jpg"
    scan.write_bytes(b"%PDF-1.4 scanned petition")
    photo.write_bytes(b"\xff\xd8\xff photo")
    sign_in_as(sqlite_desk, Role.RECEIVING_CLERK)
    window = MainWindow(sqlite_desk)
    qtbot.addWidget(window)
    window.show_form()
    window.form.set_draft(sample_draft(sqlite_desk, citizen_name="Đặng Thị Mỹ Dung"))
    window.save_draft_now()
    before = window.drafts.path.stat().st_mtime_ns
    # Picking the files is an edit: the autosave (debounced) writes them into the draft.
    assert window.form.attachments.add_path(scan)
    assert window.form.attachments.add_path(photo)
    qtbot.waitUntil(lambda: window.drafts.path.stat().st_mtime_ns != before
                    and "anh-hien-truong" in window.drafts.path.read_text(encoding="utf-8"),
                    timeout=5000)
    photo.unlink()  # moved away before the program starts again
    # "Power cut": a new window on the same database offers the draft back, with its files.
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    again = MainWindow(sqlite_desk)
    qtbot.addWidget(again)
    assert again.offer_draft()
    panel = again.form.attachments
    assert panel.pending == [scan]
    said = panel.error_label.text()
    assert "anh-hien-truong.jpg" in said and "chọn lại" in said
    visit_id = again.form.save()
    assert visit_id is not None
    assert [a.file_name for a in sqlite_desk.attachments.for_visit(visit_id)] == ["don-to-cao.pdf"]
