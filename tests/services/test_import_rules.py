"""An import is a door like the visit form: each record breaking a form rule is refused."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from reception_desk.errors import UserError
from reception_desk.i18n import set_language
from reception_desk.services.exchange import jsonl as exchange
from reception_desk.texts import message_for
from tests.conftest import sample_draft

Record = dict[str, Any]


def _lines(desk) -> list[str]:  # type: ignore[no-untyped-def]
    from reception_desk.domain.classification import IdDocType
    from reception_desk.domain.visits import GroupMember

    desk.log_visit(sample_draft(desk, people_count=6, delegation=True, members=[
        GroupMember("Trần Văn Bình", IdDocType.CITIZEN_ID, "037085001235",
                    is_representative=True)]))
    desk.log_visit(sample_draft(desk))
    with desk.db.read() as s:
        return list(exchange.export_lines(s, desk.now()))


def _first(lines: list[str], kind: str, test: Callable[[Record], bool] = lambda r: True) -> int:
    return next(i for i, line in enumerate(lines)
                if json.loads(line).get("type") == kind and test(json.loads(line)))


def _visit(change: Callable[[Record], None]) -> Callable[[list[str]], int]:
    def edit(lines: list[str]) -> int:
        index = _first(lines, "visit", lambda r: r["people_count"] == 1)
        rec = json.loads(lines[index])
        change(rec)
        lines[index] = json.dumps(rec, ensure_ascii=False)
        return index
    return edit


def _set(**values: Any) -> Callable[[Record], None]:
    return lambda rec: rec.update(values)


def _crowd_reps(rec: Record) -> None:
    rec.update(people_count=11, delegation=True, representatives=6)


def _citizen(**values: Any) -> Callable[[list[str]], int]:
    def edit(lines: list[str]) -> int:
        index = _first(lines, "citizen")
        rec = json.loads(lines[index])
        rec.update(values)
        lines[index] = json.dumps(rec, ensure_ascii=False)
        return index
    return edit


def _member_id(lines: list[str]) -> int:
    index = _first(lines, "visit", lambda r: bool(r["members"]))
    rec = json.loads(lines[index])
    rec["members"][0]["id_number"] = "12345"
    lines[index] = json.dumps(rec, ensure_ascii=False)
    return index


def _office(value: Any) -> Callable[[list[str]], int]:
    def edit(lines: list[str]) -> int:
        index = _first(lines, "setting", lambda r: r["key"] == "office")
        rec = json.loads(lines[index])
        rec["value"] = value
        lines[index] = json.dumps(rec, ensure_ascii=False)
        return index
    return edit


INVALID: dict[str, tuple[Callable[[list[str]], int], str]] = {
    "visit id number": (_visit(_set(id_number="12345")), "id."),
    "citizen id number": (_citizen(id_number="ABC"), "id."),
    "zero people": (_visit(_set(people_count=0)), "visit.people_invalid"),
    "negative people": (_visit(_set(people_count=-5)), "visit.people_invalid"),
    "6 representatives for 11 people": (_visit(_crowd_reps), "crowd."),
    "blank name": (_visit(_set(citizen_name="   ")), "citizen.name_required"),
    "blank citizen name": (_citizen(full_name=""), "citizen.name_required"),
    "blank content": (_visit(_set(content=" ")), "visit.content_required"),
    "visit in 2031": (_visit(_set(received_at="2031-01-05T02:00:00+00:00",
                                  reception_date="2031-01-05", year=2031)),
                      "visit.time_in_future"),
    "visit in 1800": (_visit(_set(received_at="1800-01-06T02:00:00+00:00",
                                  reception_date="1800-01-06", year=1800)),
                      "visit.time_too_old"),
    "1 MB of content": (_visit(_set(content="x" * 1_000_000)), "text.too_long"),
    "office: 42": (_office(42), "import.setting_invalid"),
    "office without its names": (_office({"province_code": 37}), "import.setting_invalid"),
    "member id number": (_member_id, "id."),
}


@pytest.mark.parametrize("name", list(INVALID))
def test_each_invalid_record_is_refused_on_its_line(sqlite_desk, name):
    set_language("en")
    lines = _lines(sqlite_desk)
    edit, code = INVALID[name]
    index = edit(lines)
    with pytest.raises(UserError) as info:
        exchange.parse_file(lines, sqlite_desk.now())
    errors = info.value.params["errors"]
    assert any(e["line"] == index + 1 and e["code"].startswith(code) for e in errors), errors
    assert f"Line {index + 1}:" in message_for(info.value)


def test_a_valid_file_passes_and_full_width_digits_are_normalised(sqlite_desk):
    lines = _lines(sqlite_desk)
    index = _first(lines, "citizen")
    rec = json.loads(lines[index])
    full_width = str.maketrans("0123456789", "０１２３４５６７８９")
    rec["id_number"] = rec["id_number"].translate(full_width)
    lines[index] = json.dumps(rec, ensure_ascii=False)
    records = exchange.parse_file(lines, sqlite_desk.now())
    citizen = next(r for _, r in records if r["kind"] == "citizen")
    assert citizen["values"]["id_number"].isascii()


def test_every_bad_line_is_named(sqlite_desk):
    lines = _lines(sqlite_desk)
    first = _visit(_set(people_count=0))(lines)
    second = _office(42)(lines)
    with pytest.raises(UserError) as info:
        exchange.parse_file(lines, sqlite_desk.now())
    assert {e["line"] for e in info.value.params["errors"]} == {first + 1, second + 1}
