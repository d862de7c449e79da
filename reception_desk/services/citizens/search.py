"""The citizen registry: search as you type, exact ID look-up, a citizen's visits, Ctrl+F.

Matching is on folded keys (``domain.text.fold``: đ→d, no marks, lower case), word by word: every
word of the query must be the beginning of a word of the name, ID number or phone ("ng v duc"
finds "Nguyễn Văn Đức"). SQLite answers through the FTS5 tables of migration 0002 (prefix
tokens); PostgreSQL through ``(' ' || key) LIKE '% word%'``, which its trigram GIN indexes serve.
Both feed the same candidate list (newest records first, capped) to the same ranking in Python,
so the two back ends return the same answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from reception_desk.domain.classification import HandlingDirection, IdDocType, PetitionType, Sex
from reception_desk.domain.identity import guess_doc_type, normalize_id_number
from reception_desk.domain.text import fold, words_of
from reception_desk.errors import UserError
from reception_desk.services.citizens.dto import (
    CaseHit,
    CitizenSummary,
    CitizenVisit,
    GlobalResults,
    VisitHit,
)
from reception_desk.storage.models import CaseFile, Citizen, Visit

# Table columns for Core queries (typed loosely: SQLModel attributes confuse the checker).
_V: Any = Visit.__table__.c  # type: ignore[attr-defined]
_C: Any = Citizen.__table__.c  # type: ignore[attr-defined]
_CF: Any = CaseFile.__table__.c  # type: ignore[attr-defined]

SEARCH_LIMIT = 20
#: How many index hits are ranked before the best ``limit`` are kept. Newest records come first,
#: so a one-letter query costs the same as a full name.
CANDIDATES = 200
GROUP_LIMIT = 10

_ID_SEPARATORS = re.compile(r"[\s.\-_/]+")
_PHONE_DIGITS = re.compile(r"\+?[0-9][0-9 .\-()]{6,18}[0-9]")


# --- query words ---------------------------------------------------------------------------------


def query_words(query: str | None) -> list[str]:
    """The folded words of a query, in order, duplicates dropped (FTS-safe: letters and digits)."""
    seen: dict[str, None] = {}
    for word in words_of(fold(query)):
        seen.setdefault(word, None)
    return list(seen)


def fts_match(words: Sequence[str]) -> str:
    """An FTS5 MATCH expression: every word as a quoted prefix token, all required."""
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)


def like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _id_candidate(query: str) -> str | None:
    """The query as a stored ID number, when it looks like one (digits, or a passport number)."""
    compact = _ID_SEPARATORS.sub("", query.strip())
    if len(compact) < 5:
        return None
    doc_type = guess_doc_type(compact)
    if doc_type in (IdDocType.OTHER, IdDocType.NONE):
        return None
    return normalize_id_number(doc_type, compact)


def _phone_variants(query: str) -> list[str]:
    """Ways the same phone number is commonly stored ("0912345678", "0912 345 678"…)."""
    if not _PHONE_DIGITS.fullmatch(query.strip()):
        return []
    digits = re.sub(r"[^0-9]", "", query)
    if query.strip().startswith("+84"):
        digits = "0" + digits[2:]
    if not 9 <= len(digits) <= 11:
        return []
    variants = {digits, query.strip()}
    if len(digits) == 10:
        a, b, c = digits[:4], digits[4:7], digits[7:]
        variants |= {f"{a} {b} {c}", f"{a}.{b}.{c}", f"{a}-{b}-{c}"}
        variants |= {f"{digits[:3]} {digits[3:6]} {digits[6:]}"}
    return sorted(variants)


# --- citizen search ------------------------------------------------------------------------------


def _citizen_candidates(
    session: Session, words: Sequence[str], cap: int
) -> list[tuple[int, str]]:
    """(id, name key) of live citizens matching every word, newest first, at most ``cap``."""
    if is_sqlite(session):
        rows = session.execute(
            text("SELECT c.id, c.name_key FROM citizen AS c JOIN ("
                 "SELECT rowid AS id FROM citizen_fts WHERE citizen_fts MATCH :q "
                 "ORDER BY rowid DESC LIMIT :n) AS m ON m.id = c.id "
                 "WHERE c.merged_into_id IS NULL"),
            {"q": fts_match(words), "n": cap},
        )
        return [(int(r[0]), str(r[1])) for r in rows]
    clauses = []
    params: dict[str, Any] = {"n": cap}
    for i, word in enumerate(words):
        params[f"w{i}"] = f"% {like_escape(word)}%"
        params[f"p{i}"] = f"{like_escape(word)}%"
        # lower(): folded keys are lower case, stored ID numbers (passports) are not.
        clauses.append(
            f"((' ' || name_key) LIKE :w{i} OR lower(id_number) LIKE :p{i} "
            f"OR (' ' || phone) LIKE :w{i})"
        )
    sql = (f"SELECT id, name_key FROM citizen WHERE {' AND '.join(clauses)} "
           "AND merged_into_id IS NULL ORDER BY id DESC LIMIT :n")
    return [(int(r[0]), str(r[1])) for r in session.execute(text(sql), params)]


def _visit_stats(session: Session, citizen_ids: Iterable[int]) -> dict[int, tuple[int, date]]:
    ids = list(set(citizen_ids))
    if not ids:
        return {}
    stmt = (
        select(_V.citizen_id, func.count(_V.id), func.max(_V.reception_date))
        .where(_V.citizen_id.in_(ids))
        .group_by(_V.citizen_id)
    )
    return {int(cid): (int(n), last) for cid, n, last in session.execute(stmt)}


def summaries(session: Session, citizens: Sequence[Citizen]) -> list[CitizenSummary]:
    """Registry records as DTOs, with their visit counts and last visit (one query for all)."""
    stats = _visit_stats(session, (c.id for c in citizens if c.id is not None))
    out = []
    for c in citizens:
        assert c.id is not None
        count, last = stats.get(c.id, (0, None))
        out.append(CitizenSummary(
            id=c.id, full_name=c.full_name, id_doc_type=IdDocType(c.id_doc_type),
            id_number=c.id_number, sex=Sex(c.sex) if c.sex else None, birth_date=c.birth_date,
            phone=c.phone, ward_code=c.ward_code, address_detail=c.address_detail,
            address=c.address, id_issue_date=c.id_issue_date, id_issue_place=c.id_issue_place,
            visit_count=count, last_visit=last,
        ))
    return out


def _live(session: Session, ids: Iterable[int]) -> list[Citizen]:
    """The records of ``ids`` that were not merged away, in the order given."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    rows = session.scalars(
        select(Citizen).where(_C.id.in_(wanted), _C.merged_into_id.is_(None))
    )
    by_id = {c.id: c for c in rows}
    return [by_id[i] for i in wanted if i in by_id]


def survivor(session: Session, citizen: Citizen) -> Citizen:
    """Follow ``merged_into_id`` to the record that stands for this person now."""
    seen = set()
    while citizen.merged_into_id is not None and citizen.id not in seen:
        seen.add(citizen.id)
        nxt = session.get(Citizen, citizen.merged_into_id)
        if nxt is None:
            break
        citizen = nxt
    return citizen


def find_by_id_number(session: Session, number: str) -> list[CitizenSummary]:
    """Citizens holding exactly this ID number (separators ignored), merged records followed.

    More than one result means duplicate records of one person, to be merged.
    """
    wanted = _id_candidate(number) or normalize_id_number(IdDocType.CITIZEN_ID, number)
    if not wanted:
        return []
    rows = list(session.scalars(select(Citizen).where(_C.id_number == wanted)))
    found = {c.id: c for c in (survivor(session, r) for r in rows)}
    return summaries(session, sorted(found.values(), key=lambda c: -(c.id or 0)))


def _name_rank(key: str, words: Sequence[str], phrase: str) -> tuple[int, int]:
    if key == phrase:
        return (0, 0)
    if key.startswith(phrase):
        return (1, 0)
    # Query words in the name's own order ("nguyen duc" before "duc ... nguyen").
    name_words = key.split()
    position = 0
    in_order = True
    for word in words:
        while position < len(name_words) and not name_words[position].startswith(word):
            position += 1
        if position == len(name_words):
            in_order = False
            break
        position += 1
    whole = sum(1 for w in words if w in name_words)  # whole words beat mere prefixes
    return (2 if in_order else 3, -whole)


def search_citizens(
    session: Session, query: str, limit: int = SEARCH_LIMIT
) -> list[CitizenSummary]:
    """Search as you type: citizens whose name, ID number or phone start with every query word.

    Exact ID-number (or phone) matches come first, then names equal to the query, starting with
    it, holding its words in order, anything else; newest records first within a rank. Merged
    records are never listed (their survivor is).
    """
    words = query_words(query)
    if not words or limit <= 0:
        return []
    exact: list[Citizen] = []
    number = _id_candidate(query)
    if number:
        exact += session.scalars(
            select(Citizen).where(_C.id_number == number).order_by(_C.id.desc())
        )
    phones = _phone_variants(query)
    if phones:
        exact += session.scalars(
            select(Citizen).where(_C.phone.in_(phones))
            .order_by(_C.id.desc()).limit(limit)
        )
    exact = [survivor(session, c) for c in exact]
    candidates = _citizen_candidates(session, words, CANDIDATES)
    phrase = " ".join(words)
    ranked = sorted(candidates, key=lambda c: (*_name_rank(c[1], words, phrase), -c[0]))
    chosen: dict[int, None] = {}
    for cid in [*(c.id for c in exact if c.id is not None), *(c[0] for c in ranked)]:
        chosen.setdefault(cid, None)
        if len(chosen) >= limit:
            break
    return summaries(session, _live(session, chosen))


def get_citizen(session: Session, citizen_id: int) -> CitizenSummary:
    """One citizen (the survivor if this record was merged)."""
    citizen = session.get(Citizen, citizen_id)
    if citizen is None:
        raise UserError("citizen.not_found", citizen_id=citizen_id)
    return summaries(session, [survivor(session, citizen)])[0]


def citizen_visits(
    session: Session, citizen_id: int, limit: int | None = None
) -> list[CitizenVisit]:
    """Visits of a citizen, newest first (voided ones included and marked)."""
    stmt = (
        select(_V.id, _V.year, _V.seq, _V.reception_date, _V.content,
               _V.petition_type, _V.direction, _V.case_id, _V.voided_at)
        .where(_V.citizen_id == citizen_id)
        .order_by(_V.received_at.desc(), _V.id.desc())
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    return [
        CitizenVisit(r.id, r.year, r.seq, r.reception_date, r.content,
                     PetitionType(r.petition_type), HandlingDirection(r.direction), r.case_id,
                     r.voided_at is not None)
        for r in session.execute(stmt)
    ]


# --- cases of the registry ---------------------------------------------------------------------


def case_hits(session: Session, case_ids: Iterable[int]) -> dict[int, CaseHit]:
    ids = list(set(case_ids))
    if not ids:
        return {}
    counts = case_visit_counts(session, ids)
    rows = session.scalars(select(CaseFile).where(_CF.id.in_(ids)))
    return {
        c.id: CaseHit(c.id, f"{c.seq}/{c.year}", c.title, c.stage, c.received_on,
                      counts.get(c.id, 0))
        for c in rows if c.id is not None
    }


def case_visit_counts(session: Session, case_ids: Iterable[int]) -> dict[int, int]:
    """How many (non-voided) visits each case has: the logbook's "lần" column for a matter."""
    ids = list(set(case_ids))
    if not ids:
        return {}
    stmt = (
        select(_V.case_id, func.count(_V.id))
        .where(_V.case_id.in_(ids), _V.voided_at.is_(None))
        .group_by(_V.case_id)
    )
    return {int(cid): int(n) for cid, n in session.execute(stmt)}


# --- global search (Ctrl+F) ----------------------------------------------------------------------


def _candidates(session: Session, words: Sequence[str], cap: int, table: str, fts: str,
                key_columns: Sequence[str]) -> list[int]:
    """Newest ids of ``table`` whose folded keys hold every word at a word start.

    SQLite asks the table's FTS5 index ``fts`` (rowid = id); PostgreSQL matches the
    ``key_columns`` with LIKE. The names are our own constants, never input.
    """
    if is_sqlite(session):
        rows = session.execute(
            text(f"SELECT rowid FROM {fts} WHERE {fts} MATCH :q ORDER BY rowid DESC LIMIT :n"),
            {"q": fts_match(words), "n": cap},
        )
        return [int(r[0]) for r in rows]
    params: dict[str, Any] = {"n": cap}
    clauses = []
    for i, word in enumerate(words):
        params[f"w{i}"] = f"% {like_escape(word)}%"
        clauses.append("(" + " OR ".join(f"(' ' || {column}) LIKE :w{i}"
                                         for column in key_columns) + ")")
    sql = f"SELECT id FROM {table} WHERE {' AND '.join(clauses)} ORDER BY id DESC LIMIT :n"
    return [int(r[0]) for r in session.execute(text(sql), params)]


def _visit_candidates(session: Session, words: Sequence[str], cap: int) -> list[int]:
    return _candidates(session, words, cap, "visit", "visit_fts",
                       ("citizen_name_key", "content_key"))


def _case_candidates(session: Session, words: Sequence[str], cap: int) -> list[int]:
    return _candidates(session, words, cap, "case_file", "case_fts", ("title_key",))


def global_search(session: Session, query: str, per_group: int = GROUP_LIMIT) -> GlobalResults:
    """Citizens, visits and cases matching every word of ``query``, newest first, per group."""
    words = query_words(query)
    if not words:
        return GlobalResults()
    citizens = search_citizens(session, query, per_group)
    visit_ids = _visit_candidates(session, words, per_group)
    visits = []
    if visit_ids:
        rows = session.execute(
            select(_V.id, _V.year, _V.seq, _V.reception_date, _V.citizen_name,
                   _V.content, _V.petition_type, _V.voided_at)
            .where(_V.id.in_(visit_ids)).order_by(_V.id.desc())
        )
        visits = [VisitHit(r.id, r.year, r.seq, r.reception_date, r.citizen_name, r.content,
                           PetitionType(r.petition_type), r.voided_at is not None) for r in rows]
    case_ids = _case_candidates(session, words, per_group)
    hits = case_hits(session, case_ids)
    cases = tuple(hits[i] for i in case_ids if i in hits)
    return GlobalResults(tuple(citizens), tuple(visits), cases)
