"""An imported visit is shown and printed with the old book's STT, never its negative ``seq``
(issue 15; the one rule is ``domain.numbering.visit_stt``)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from reception_desk.domain.numbering import LEGACY_NO_STT
from reception_desk.services.visits.dto import VisitQuery
from reception_desk.services.visits.dto import VisitSort
from reception_desk.storage.models import Visit
from tests.conftest import sample_draft
from tests.legacy.files import TT04_ROWS
from tests.legacy.files import tt04_book

# Rows 1, 2 and 5 of the sample book renumbered as a later page of it: STT 15, 16, and an STT
# cell left empty; all received in March 2019.
_ROWS = [[15, *TT04_ROWS[0][1:]], [16, *TT04_ROWS[1][1:]], [None, *TT04_ROWS[4][1:]]]
_SHOWN = ["15/2019", "16/2019", f"{LEGACY_NO_STT}/2019"]


def _imported(desk, tmp_path: Path) -> list[Visit]:
    outcome, _ = desk.legacy.import_rows(desk.legacy.dry_run(
        tt04_book(tmp_path / "so.xlsx", _ROWS)))
    assert outcome.visits_created == 3
    with desk.db.read() as s:
        rows = list(s.scalars(select(Visit).where(Visit.legacy_batch_id == outcome.batch_id)
                              .order_by(Visit.id)))
        s.expunge_all()
    assert [v.seq for v in rows] == [-1, -2, -3]  # kept out of the app's counter
    return rows


def test_every_visit_display_shows_the_old_books_number(desk, tmp_path: Path) -> None:
    app, _ = desk.log_visit(sample_draft(desk))
    imported = _imported(desk, tmp_path)
    assert [desk.visit(v.id).stt for v in imported] == _SHOWN
    assert desk.visit(app.id).stt == f"{app.seq}/{app.year}"

    page = desk.visit_page(VisitQuery(sort=VisitSort.STT), 0, 50)
    shown = {r.id: r.stt for r in page}
    assert [shown[v.id] for v in imported] == _SHOWN
    assert shown[app.id] == f"{app.seq}/{app.year}"
    # Sorted by STT the imported visits (negative seq) come before the app's of the same year;
    # here the years differ, so 2019 simply comes first.
    assert [r.id for r in page][:3] == [v.id for v in reversed(imported)]

    found = desk.citizens.global_search("Hoa")
    assert found.visits and {h.id: h.stt for h in found.visits}[imported[1].id] == "16/2019"
    listed = desk.citizens.visits(imported[0].citizen_id)
    assert [v.stt for v in listed if v.id == imported[0].id] == ["15/2019"]
    for stt in [*shown.values(), *(h.stt for h in found.visits), *(v.stt for v in listed)]:
        assert not stt.startswith("-")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_printed_logbook_prints_the_old_stt(desk, tmp_path: Path) -> None:
    imported = _imported(desk, tmp_path)
    pages = desk.documents.logbook(date(2019, 3, 1), date(2019, 3, 31))
    assert pages.rows == 3
    pdf = tmp_path / "so.pdf"
    pdf.write_bytes(pages.pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    starts = [line.split()[0] for line in text.splitlines()
              if line.strip() and any(d in line for d in ("05/03/2019", "06/03/2019",
                                                          "08/03/2019"))]
    assert starts == ["15", "16", LEGACY_NO_STT]
    assert len(imported) == 3 and "-1" not in text.split()


def test_a_visit_is_found_by_its_old_number_unless_the_app_uses_it(desk, tmp_path: Path):
    imported = _imported(desk, tmp_path)
    assert desk.documents.visit_id("15/2019") == imported[0].id
    assert desk.documents.visit_id("16/2019") == imported[1].id
    app, _ = desk.log_visit(sample_draft(desk))
    assert desk.documents.visit_id(f"{app.seq}/{app.year}") == app.id


def test_the_report_drill_shows_each_visit_with_the_logbooks_number(sqlite_desk,
                                                                     tmp_path: Path) -> None:
    """01/TCD column 1 (every reception) lists each visit with the number the logbook table
    shows for it: the old book's for the imported visits (March 2019), seq/year for the app's."""
    from reception_desk.domain import report_forms as rf
    from reception_desk.domain.periods import calendar_month

    desk = sqlite_desk
    imported = _imported(desk, tmp_path)
    app, _ = desk.log_visit(sample_draft(desk))
    logbook = {r.id: r.stt for r in desk.visit_page(VisitQuery(sort=VisitSort.STT), 0, 50)}
    shown = {}
    for window in (calendar_month(2019, 3),
                   calendar_month(app.year, app.reception_date.month)):
        shown.update({v.visit_id: v.number
                      for v in desk.reports.drill(rf.ReportForm.TCD_01, window, 1).visits})
    assert set(shown) == {*(v.id for v in imported), app.id}
    assert shown == {vid: logbook[vid] for vid in shown}
    assert [shown[v.id] for v in imported] == _SHOWN
    assert shown[app.id] == f"{app.seq}/{app.year}"
