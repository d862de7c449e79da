"""The chain's canonical forms and the walker that finds where a chain was altered."""

from __future__ import annotations

from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from decimal import Decimal

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from reception_desk.domain.audit_chain import GENESIS
from reception_desk.domain.audit_chain import ChainWalker
from reception_desk.domain.audit_chain import DigestTable
from reception_desk.domain.audit_chain import absent_digest
from reception_desk.domain.audit_chain import audit_content
from reception_desk.domain.audit_chain import canonical_json
from reception_desk.domain.audit_chain import code_prefix
from reception_desk.domain.audit_chain import head_code
from reception_desk.domain.audit_chain import link_hash
from reception_desk.domain.audit_chain import moment_text
from reception_desk.domain.audit_chain import plain
from reception_desk.domain.audit_chain import record_digest
from reception_desk.domain.audit_chain import record_raw_digest


def test_canonical_json_has_one_spelling():
    assert canonical_json({"tên": "Đức", "n": [1, None, True]}) == '{"tên":"Đức","n":[1,null,true]}'
    assert canonical_json(b"\x01") == '{"$bytes":"01"}'  # a hand-written BLOB never crashes


def test_postgresql_values_take_sqlite_spelling():
    hanoi = timezone(timedelta(hours=7))
    assert plain(datetime(2026, 11, 27, 9, 30, tzinfo=hanoi)) == "2026-11-27 02:30:00.000000"
    assert plain(datetime(2026, 11, 27, 2, 30, 0, 5)) == "2026-11-27 02:30:00.000005"
    assert plain(date(2026, 1, 2)) == "2026-01-02"
    assert plain(True) == 1 and plain(False) == 0
    assert plain(Decimal("3")) == 3 and plain("x") == "x" and plain(None) is None
    assert moment_text(datetime(2026, 1, 1, tzinfo=UTC)) == "2026-01-01 00:00:00.000000"


def test_each_part_of_a_link_changes_its_hash():
    content = audit_content("2026-11-27 02:30:00.000000", "Thu", "create", "visit", "1", None,
                            '{"seq":1}')
    base = link_hash(GENESIS, content, "a" * 64)
    assert len(base) == 64
    assert link_hash("1" + GENESIS[1:], content, "a" * 64) != base
    assert link_hash(GENESIS, content, "b" * 64) != base
    assert link_hash(GENESIS, content.replace(b"seq", b"sEq"), "a" * 64) != base
    # null and the JSON text "null" are different contents
    assert audit_content("t", "a", "b", "c", "d", None, None) != \
        audit_content("t", "a", "b", "c", "d", "null", None)


def test_record_digest_ignores_read_order_and_trailing_nulls_but_not_values():
    docs = [(0, "Đơn", 2), (1, "Sổ đỏ", None)]
    one = record_digest("visit", (1, "Nội dung", None), [docs, []])
    assert one == record_digest("visit", [1, "Nội dung"], [list(reversed(docs)), []])
    swapped = [(1, "Đơn", 2), (0, "Sổ đỏ", None)]
    assert one != record_digest("visit", (1, "Nội dung"), [swapped, []])
    assert one != record_digest("visit", (2, "Nội dung"), [docs, []])
    assert one != record_digest("visit", (1, "Nội dung"), [[], docs])  # another list
    assert one != record_digest("case", (1, "Nội dung"), [docs, []])
    # a NULL inside the row is a value; only trailing ones are left out
    assert record_digest("citizen", (None, 1)) != record_digest("citizen", (1,))
    assert record_digest("visit", None) == absent_digest("visit") != record_digest("visit", ())


# Generation is cheap; a busy shared machine must not fail it for slowness.
@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(), st.text(max_size=8)), max_size=6),
       st.integers(min_value=0, max_value=3))
def test_columns_appended_later_as_null_leave_digests_unchanged(values, added):
    assert record_digest("citizen", values) == record_digest("citizen", values + [None] * added)


def test_head_code_and_its_prefix():
    code = head_code("3f2a91c07b4e" + "0" * 52)
    assert code == "3F2A-91C0-7B4E"
    assert code_prefix(code) == "3f2a91c07b4e"
    assert code_prefix(" 3f2a 91c0-7B4E ") == "3f2a91c07b4e"


def test_digest_table_dense_sparse_take():
    table = DigestTable()
    a, c = bytes.fromhex("ab" * 32), bytes.fromhex("cd" * 32)
    table.put(3, a)
    table.put(10**9, c)
    assert table.get(3) == a and table.get(10**9) == c
    assert table.get(2) is None and table.get(4) is None and table.get(10**6) is None
    assert table.ids() == [3, 10**9]
    assert table.take(3) == a and table.get(3) is None
    assert table.take(10**9) == c and table.ids() == []
    table.put(5, bytes(32))  # an all-zero digest (forged) still counts as held
    assert table.ids() == [5]


def test_raw_digest_is_the_stored_one():
    assert record_raw_digest("visit", (1, "x")).hex() == record_digest("visit", (1, "x"))


# --- the walker ---------------------------------------------------------------------------------


def _chain(n: int) -> list[list[object]]:
    """``n`` well-formed rows as the check reads them (AUDIT_COLUMNS order)."""
    rows: list[list[object]] = []
    prev = GENESIS
    for i in range(1, n + 1):
        snapshot = f"{i:064x}"
        content = audit_content(f"2026-11-27 02:{i:02d}:00.000000", "Thu", "create", "visit",
                                str(i), None, f'{{"seq":{i}}}')
        row_hash = link_hash(prev, content, snapshot)
        rows.append([i, f"2026-11-27 02:{i:02d}:00.000000", "Thu", "create", "visit", str(i),
                     None, f'{{"seq":{i}}}', prev, row_hash, snapshot])
        prev = row_hash
    return rows


def _walk(rows: list[list[object]], head: tuple[int | None, int | None, str | None]
          ) -> list[tuple[str, int | None]]:
    walker = ChainWalker(["visit"])
    found = []
    for row in rows:
        found += [(code, params.get("id")) for code, params in walker.feed(*row)]
    found += [(code, None) for code, _params in walker.finish(*head)]
    return found


def _head(rows: list[list[object]]) -> tuple[int, int, str]:
    return len(rows), int(rows[-1][0]), str(rows[-1][9])  # type: ignore[call-overload]


def test_an_intact_chain_has_no_findings_and_keeps_latest_snapshots():
    rows = _chain(5)
    walker = ChainWalker(["visit"])
    for row in rows:
        assert walker.feed(*row) == []
    assert walker.finish(*_head(rows)) == []
    assert walker.latest["visit"].get(4) == bytes.fromhex(f"{4:064x}")


def test_edited_row_is_altered_and_nothing_else():
    rows = _chain(5)
    head = _head(rows)
    rows[2][7] = '{"seq":99}'
    assert _walk(rows, head) == [("check.audit_row_altered", 3)]


def test_deleted_row_breaks_the_chain_at_the_next_one():
    rows = _chain(5)
    head = _head(rows)
    del rows[2]
    assert _walk(rows, head) == [("check.audit_chain_broken", 4), ("check.audit_count", None)]


def test_inserted_forged_row_is_altered_only():
    rows = _chain(5)
    head = _head(rows)
    forged = list(rows[1])
    forged[0], forged[9] = 2.5, "f" * 64
    rows.insert(2, forged)
    assert _walk(rows, head) == [("check.audit_row_altered", 2.5), ("check.audit_count", None)]


def test_swapped_rows_break_the_links_from_the_first_moved_to_the_one_after_the_last():
    rows = _chain(6)
    head = _head(rows)
    rows[1][1:], rows[3][1:] = rows[3][1:], rows[1][1:]  # ids stay, contents move
    # Each moved row still matches its own hash (the id is not hashed): the links say it.
    assert _walk(rows, head) == [("check.audit_chain_broken", i) for i in (2, 3, 4, 5)]


def test_missing_first_row_breaks_at_the_second():
    rows = _chain(3)
    head = _head(rows)
    assert _walk(rows[1:], head) == [("check.audit_chain_broken", 2), ("check.audit_count", None)]


@pytest.mark.parametrize("change, expected", [
    ("tail_deleted", ["check.audit_tail_missing", "check.audit_count"]),
    ("tail_added", ["check.audit_tail_added", "check.audit_count"]),
    ("all_deleted", ["check.audit_trail_missing", "check.audit_count"]),
    ("head_deleted", ["check.chain_head_missing"]),
    ("head_rewritten", ["check.chain_head_mismatch"]),
])
def test_the_end_of_the_chain_against_its_head(change, expected):
    rows = _chain(5)
    head: tuple[int | None, int | None, str | None] = _head(rows)
    if change == "tail_deleted":
        rows = rows[:-2]
    elif change == "tail_added":
        head = _head(rows[:-1])
    elif change == "all_deleted":
        rows = []
    elif change == "head_deleted":
        head = (None, None, None)
    else:
        head = (5, 5, "0" * 64)
    assert [code for code, _id in _walk(rows, head)] == expected


def test_the_fast_encoder_writes_the_same_text_as_the_json_module():
    """The chain's encoder (CPython's C encoder built once) spells every value exactly as
    ``json.JSONEncoder`` with the same options: a different byte would break every hash."""
    from reception_desk.domain import audit_chain

    values = [
        None, True, False, 0, -7, 2**70, 1.5, 1e-7, float("inf"), "", "Nguyễn Thị Đào",
        'quote " backslash \\ tab \t newline \n \x00 \u2028 😀', b"\x00\xff",
        ["rd-chain-1", "visit", ("2026-11-27 02:30:00.000000", 3, None), [[(1, "Đơn", 2)]]],
        {"seq": 1, "year": 2026, "nested": {"a": [1, {"b": None}]}}, object.__new__(object),
    ]
    for value in [*values, values]:
        assert audit_chain._ENCODE(value) == audit_chain._PY_ENCODE(value), value
    assert audit_chain._C_ENCODER is not None  # CPython: the fast path is the one in use
    assert audit_chain.canonical_json(values[11]) == audit_chain._PY_ENCODE(values[11])
