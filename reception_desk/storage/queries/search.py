"""Word search on folded keys: FTS5 on SQLite, LIKE on PostgreSQL (its trigram GIN indexes).

Word-prefix search (search as you type, Ctrl+F): every word must begin a word of one of the
searched keys ("ng v duc" finds "nguyen van duc"). SQLite asks the FTS5 tables of migration 0002
(prefix tokens; rowid = the row's id); PostgreSQL matches ``(' ' || key) LIKE '% word%'``. Both
return the newest ids first, capped, so callers rank the same candidates on both back ends.
Words come from ``domain.text.words_of``: letters and digits only, so none becomes FTS5 syntax.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy import or_
from sqlalchemy import text
from sqlalchemy.orm import Session


def is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def like_escape(word: str) -> str:
    """``word`` as a LIKE pattern part: its own ``\\``, ``%`` and ``_`` match only themselves."""
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains_word(columns: Sequence[Any], word: str) -> ColumnElement[bool]:
    """Any of ``columns`` holds ``word`` anywhere (the list filters' substring search)."""
    pattern = f"%{like_escape(word)}%"
    return or_(*(column.like(pattern, escape="\\") for column in columns))


def fts_match(words: Sequence[str]) -> str:
    """An FTS5 MATCH expression: every word as a quoted prefix token, all required."""
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)


def _like_params(words: Sequence[str], template: str) -> dict[str, Any]:
    return {f"w{i}": template.format(like_escape(word)) for i, word in enumerate(words)}


def word_prefix_ids(session: Session, words: Sequence[str], cap: int, *, table: str, fts: str,
                    key_columns: Sequence[str]) -> list[int]:
    """Newest ids of ``table`` whose keys hold every word at a word start (at most ``cap``).

    ``table``, ``fts`` (its FTS5 index) and ``key_columns`` are our own names, never input.
    """
    if is_sqlite(session):
        rows = session.execute(
            text(f"SELECT rowid FROM {fts} WHERE {fts} MATCH :q ORDER BY rowid DESC LIMIT :n"),
            {"q": fts_match(words), "n": cap},
        )
        return [int(r[0]) for r in rows]
    params = {"n": cap, **_like_params(words, "% {}%")}
    clauses = ["(" + " OR ".join(f"(' ' || {column}) LIKE :w{i}" for column in key_columns) + ")"
               for i in range(len(words))]
    sql = f"SELECT id FROM {table} WHERE {' AND '.join(clauses)} ORDER BY id DESC LIMIT :n"
    return [int(r[0]) for r in session.execute(text(sql), params)]


def citizen_candidates(session: Session, words: Sequence[str], cap: int) -> list[tuple[int, str]]:
    """(id, name key) of live citizens (neither merged away nor voided) whose name, ID number
    or phone start with every word, newest first, at most ``cap``."""
    if is_sqlite(session):
        rows = session.execute(
            text("SELECT c.id, c.name_key FROM citizen AS c JOIN ("
                 "SELECT rowid AS id FROM citizen_fts WHERE citizen_fts MATCH :q "
                 "ORDER BY rowid DESC LIMIT :n) AS m ON m.id = c.id "
                 "WHERE c.merged_into_id IS NULL AND c.voided_at IS NULL"),
            {"q": fts_match(words), "n": cap},
        )
        return [(int(r[0]), str(r[1])) for r in rows]
    params: dict[str, Any] = {"n": cap, **_like_params(words, "% {}%")}
    params |= {f"p{i}": f"{like_escape(word)}%" for i, word in enumerate(words)}
    # lower(): folded keys are lower case, stored ID numbers (passports) are not.
    clauses = [f"((' ' || name_key) LIKE :w{i} OR lower(id_number) LIKE :p{i} "
               f"OR (' ' || phone) LIKE :w{i})" for i in range(len(words))]
    sql = (f"SELECT id, name_key FROM citizen WHERE {' AND '.join(clauses)} "
           "AND merged_into_id IS NULL AND voided_at IS NULL ORDER BY id DESC LIMIT :n")
    return [(int(r[0]), str(r[1])) for r in session.execute(text(sql), params)]


def visits_holding_any_word(session: Session, words: Sequence[str], cap: int) -> list[int]:
    """Newest ids of visits whose content holds one of ``words`` as a whole word."""
    if is_sqlite(session):
        match = "content_key : (" + " OR ".join('"' + w + '"' for w in words) + ")"
        rows = session.execute(
            text("SELECT rowid FROM visit_fts WHERE visit_fts MATCH :q "
                 "ORDER BY rowid DESC LIMIT :n"),
            {"q": match, "n": cap},
        )
        return [int(r[0]) for r in rows]
    params = {"n": cap, **_like_params(words, "% {} %")}
    clauses = [f"(' ' || content_key || ' ') LIKE :w{i}" for i in range(len(words))]
    sql = f"SELECT id FROM visit WHERE {' OR '.join(clauses)} ORDER BY id DESC LIMIT :n"
    return [int(r[0]) for r in session.execute(text(sql), params)]


def visit_ids_matching(session: Session, words: Sequence[str], cap: int) -> list[int]:
    """Ctrl+F over visits: citizen name and content."""
    return word_prefix_ids(session, words, cap, table="visit", fts="visit_fts",
                           key_columns=("citizen_name_key", "content_key"))


def case_ids_matching(session: Session, words: Sequence[str], cap: int) -> list[int]:
    """Ctrl+F over cases: their title."""
    return word_prefix_ids(session, words, cap, table="case_file", fts="case_fts",
                           key_columns=("title_key",))
