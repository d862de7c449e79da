"""The citizen registry: search as you type, exact ID lookup, repeats, merge, global search.

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
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from reception_desk.domain.classification import HandlingDirection, IdDocType, PetitionType, Sex
from reception_desk.domain.identity import guess_doc_type, normalize_id_number
from reception_desk.domain.text import fold
from reception_desk.domain.visits import VisitDraft
from reception_desk.errors import UserError
from reception_desk.services.context import Actor, Changes, require_aware
from reception_desk.services.dto import CitizenSummary
from reception_desk.storage import repositories as repo
from reception_desk.storage.models import CaseCitizen, CaseFile, Citizen, Visit, VisitParticipant

# Table columns for Core queries (typed loosely: SQLModel attributes confuse the checker).
_V: Any = Visit.__table__.c  # type: ignore[attr-defined]
_C: Any = Citizen.__table__.c  # type: ignore[attr-defined]
_CC: Any = CaseCitizen.__table__.c  # type: ignore[attr-defined]
_CF: Any = CaseFile.__table__.c  # type: ignore[attr-defined]
_VP: Any = VisitParticipant.__table__.c  # type: ignore[attr-defined]

SEARCH_LIMIT = 20
#: How many index hits are ranked before the best ``limit`` are kept. Newest records come first,
#: so a one-letter query costs the same as a full name.
CANDIDATES = 200
GROUP_LIMIT = 10
REPEAT_VISITS_SHOWN = 20
#: Jaccard similarity of content word sets from which two visits are "the same matter".
SIMILAR_CONTENT = 0.5
CONTENT_CANDIDATES = 3000

# FTS5's unicode61 tokenizer splits on everything but letters and digits; so does this. Query
# words are then quoted, so no character a clerk types can become FTS5 syntax.
_WORD = re.compile(r"[^\W_]+")
_ID_SEPARATORS = re.compile(r"[\s.\-_/]+")
_PHONE_DIGITS = re.compile(r"\+?[0-9][0-9 .\-()]{6,18}[0-9]")


# --- plain data for the UI -----------------------------------------------------------------------


@dataclass(frozen=True)
class CitizenVisit:
    """One visit of a citizen as listed under the citizen (``find``, merge dialog, banner)."""

    id: int
    year: int
    seq: int
    reception_date: date
    content: str
    petition_type: PetitionType
    direction: HandlingDirection
    case_id: int | None
    voided: bool

    @property
    def stt(self) -> str:
        return f"{self.seq}/{self.year}"


@dataclass(frozen=True)
class CaseHit:
    """A case (vụ việc) found by search or by repeat detection."""

    id: int
    number: str  # "12/2026"
    title: str
    stage: str  # domain.cases.CaseStage value
    received_on: date
    visit_count: int = 0


@dataclass(frozen=True)
class RepeatVisit:
    """An earlier visit that looks like the same person or the same matter."""

    id: int
    year: int
    seq: int
    reception_date: date
    citizen_id: int
    citizen_name: str
    content: str
    petition_type: PetitionType
    direction: HandlingDirection
    case_id: int | None
    case_number: str | None
    case_stage: str | None  # CaseStage value of the linked case
    #: Why it matched: "id" (same ID number), "name" (same name and commune), "content"
    #: (similar content from the same hamlet).
    reasons: frozenset[str]
    similarity: float = 0.0  # content word overlap (Jaccard), when "content" is a reason

    @property
    def stt(self) -> str:
        return f"{self.seq}/{self.year}"

    @property
    def same_person(self) -> bool:
        return bool(self.reasons & {"id", "name"})


@dataclass(frozen=True)
class RepeatReport:
    """What the visit form shows before saving: earlier visits and cases, and what to link."""

    visits: tuple[RepeatVisit, ...] = ()
    cases: tuple[CaseHit, ...] = ()
    #: Earlier visits of the same person (ID number or name + commune), all of them, not only
    #: the ones listed: "Công dân này đã đến N lần".
    person_visit_count: int = 0
    #: The matter to link the new visit to (VisitDraft.case_id), when there is one.
    suggested_case_id: int | None = None

    @property
    def empty(self) -> bool:
        return not self.visits and not self.cases


@dataclass(frozen=True)
class VisitHit:
    """A visit found by global search."""

    id: int
    year: int
    seq: int
    reception_date: date
    citizen_name: str
    content: str
    petition_type: PetitionType
    voided: bool

    @property
    def stt(self) -> str:
        return f"{self.seq}/{self.year}"


@dataclass(frozen=True)
class GlobalResults:
    """Ctrl+F: citizens, visits and cases, each group limited."""

    citizens: tuple[CitizenSummary, ...] = ()
    visits: tuple[VisitHit, ...] = ()
    cases: tuple[CaseHit, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.citizens or self.visits or self.cases)


@dataclass(frozen=True)
class MergeResult:
    survivor: CitizenSummary
    merged_id: int
    moved_visits: tuple[int, ...]
    moved_cases: tuple[int, ...]
    filled_fields: tuple[str, ...] = field(default=())


# --- query words ---------------------------------------------------------------------------------


def query_words(query: str | None) -> list[str]:
    """The folded words of a query, in order, duplicates dropped (FTS-safe: letters and digits)."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(fold(query)):
        seen.setdefault(word, None)
    return list(seen)


def fts_match(words: Sequence[str]) -> str:
    """An FTS5 MATCH expression: every word as a quoted prefix token, all required."""
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _is_sqlite(session: Session) -> bool:
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
    if _is_sqlite(session):
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
        params[f"w{i}"] = f"% {_like_escape(word)}%"
        params[f"p{i}"] = f"{_like_escape(word)}%"
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


def _survivor(session: Session, citizen: Citizen) -> Citizen:
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
    found = {c.id: c for c in (_survivor(session, r) for r in rows)}
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
    exact = [_survivor(session, c) for c in exact]
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
    return summaries(session, [_survivor(session, citizen)])[0]


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


# --- repeat detection ----------------------------------------------------------------------------


def hamlet_key(address_detail: str | None) -> str:
    """The hamlet (thôn, xóm, tổ dân phố…) of an address detail: its first comma part, folded."""
    return fold((address_detail or "").split(",")[0])


def content_words(text_: str | None) -> frozenset[str]:
    return frozenset(_WORD.findall(fold(text_)))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _similar_content_ids(
    session: Session, words: frozenset[str], cap: int
) -> list[int]:
    """Visits sharing at least one of the draft's words that any Jaccard ≥ 0.5 match must hold.

    If J(A, B) ≥ ½ then B holds at least half of A's words, so B holds one of any ⌊|A|/2⌋ + 1
    words of A: searching for the longest (rarest, roughly) of them misses no similar visit.
    """
    need = len(words) // 2 + 1
    probe = sorted(words, key=lambda w: (-len(w), w))[:need]
    if _is_sqlite(session):
        match = "content_key : (" + " OR ".join('"' + w + '"' for w in probe) + ")"
        rows = session.execute(
            text("SELECT rowid FROM visit_fts WHERE visit_fts MATCH :q "
                 "ORDER BY rowid DESC LIMIT :n"),
            {"q": match, "n": cap},
        )
        return [int(r[0]) for r in rows]
    params: dict[str, Any] = {"n": cap}
    clauses = []
    for i, word in enumerate(probe):
        params[f"w{i}"] = f"% {_like_escape(word)} %"
        clauses.append(f"(' ' || content_key || ' ') LIKE :w{i}")
    sql = f"SELECT id FROM visit WHERE {' OR '.join(clauses)} ORDER BY id DESC LIMIT :n"
    return [int(r[0]) for r in session.execute(text(sql), params)]


def _case_hits(session: Session, case_ids: Iterable[int]) -> dict[int, CaseHit]:
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


def find_repeats(
    session: Session, draft: VisitDraft, *, exclude_visit_id: int | None = None
) -> RepeatReport:
    """Earlier visits and cases of the same person or the same matter, before the visit is saved.

    Same person: the same ID number, or the same folded name in the same commune (unless both
    records carry different ID numbers: then they are two people). Same matter: content whose
    folded words overlap the draft's by Jaccard ≥ 0.5, from the same hamlet of the same commune.
    Voided visits are left out.
    """
    number = normalize_id_number(draft.id_doc_type, draft.id_number)
    name_key = fold(draft.citizen_name)
    reasons: dict[int, set[str]] = {}  # citizen id -> reasons
    if draft.citizen_id is not None:
        picked = session.get(Citizen, draft.citizen_id)
        if picked is not None and picked.id is not None:
            reasons.setdefault(_survivor(session, picked).id or picked.id, set()).add(
                "id" if picked.id_number and picked.id_number == number else "name")
    if number and draft.id_doc_type is not IdDocType.NONE:
        for c in session.scalars(select(Citizen).where(_C.id_number == number)):
            s = _survivor(session, c)
            assert s.id is not None
            reasons.setdefault(s.id, set()).add("id")
    if name_key and draft.ward_code is not None:
        stmt = select(Citizen).where(_C.name_key == name_key,
                                     _C.ward_code == draft.ward_code)
        for c in session.scalars(stmt):
            if number and c.id_number and c.id_number != number:
                continue  # same name, different card: another person
            s = _survivor(session, c)
            assert s.id is not None
            reasons.setdefault(s.id, set()).add("name")

    visit_reasons: dict[int, set[str]] = {}
    similarity: dict[int, float] = {}
    person_count = 0
    if reasons:
        base = select(_V.id, _V.citizen_id).where(
            _V.citizen_id.in_(list(reasons)), _V.voided_at.is_(None))
        if exclude_visit_id is not None:
            base = base.where(_V.id != exclude_visit_id)
        person_count = int(session.scalar(
            select(func.count()).select_from(base.subquery())) or 0)
        for vid, cid in session.execute(
            base.order_by(_V.received_at.desc()).limit(REPEAT_VISITS_SHOWN)
        ):
            visit_reasons.setdefault(int(vid), set()).update(reasons[int(cid)])

    words = content_words(draft.content)
    if words and draft.ward_code is not None:
        hamlet = hamlet_key(draft.address_detail)
        ids = _similar_content_ids(session, words, CONTENT_CANDIDATES)
        found: list[tuple[float, int]] = []
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start:chunk_start + 500]
            hits = session.execute(
                select(_V.id, _V.content_key, _C.ward_code, _C.address_detail)
                .join(Citizen, _C.id == _V.citizen_id)
                .where(_V.id.in_(chunk), _V.voided_at.is_(None),
                       _C.ward_code == draft.ward_code)
            )
            for vid, key, _ward, detail in hits:
                if vid == exclude_visit_id:
                    continue
                if hamlet and hamlet_key(detail) and hamlet_key(detail) != hamlet:
                    continue
                score = jaccard(words, frozenset(_WORD.findall(key)))
                if score >= SIMILAR_CONTENT:
                    found.append((score, int(vid)))
        for score, vid in sorted(found, reverse=True)[:REPEAT_VISITS_SHOWN]:
            visit_reasons.setdefault(vid, set()).add("content")
            similarity[vid] = score

    rows: list[Any] = list(session.execute(
        select(_V.id, _V.year, _V.seq, _V.reception_date, _V.citizen_id,
               _V.citizen_name, _V.content, _V.petition_type, _V.direction,
               _V.case_id, _V.received_at)
        .where(_V.id.in_(list(visit_reasons)))
    )) if visit_reasons else []
    case_ids = {r.case_id for r in rows if r.case_id is not None}
    if reasons:
        case_ids |= set(session.scalars(
            select(_CC.case_id).where(_CC.citizen_id.in_(list(reasons)))))
    cases = _case_hits(session, case_ids)
    # Same person first, then the newest.
    rows.sort(key=lambda r: (not (visit_reasons[r.id] & {"id", "name"}),
                             -_utc(r.received_at).timestamp(), -r.id))
    visits = tuple(
        RepeatVisit(
            id=r.id, year=r.year, seq=r.seq, reception_date=r.reception_date,
            citizen_id=r.citizen_id, citizen_name=r.citizen_name, content=r.content,
            petition_type=PetitionType(r.petition_type), direction=HandlingDirection(r.direction),
            case_id=r.case_id,
            case_number=cases[r.case_id].number if r.case_id in cases else None,
            case_stage=cases[r.case_id].stage if r.case_id in cases else None,
            reasons=frozenset(visit_reasons[r.id]), similarity=similarity.get(r.id, 0.0),
        )
        for r in rows
    )
    suggested = next((v.case_id for v in visits if v.case_id is not None), None)
    ordered_cases = sorted(cases.values(), key=lambda c: (c.received_on, c.id), reverse=True)
    if suggested is None and ordered_cases:
        suggested = ordered_cases[0].id
    return RepeatReport(visits=visits, cases=tuple(ordered_cases),
                        person_visit_count=person_count, suggested_case_id=suggested)


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


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


# --- merge ---------------------------------------------------------------------------------------

_FILLABLE = ("id_number", "id_issue_date", "id_issue_place", "sex", "birth_date", "phone",
             "ward_code", "address_detail", "address")


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _record(c: Citizen) -> dict[str, Any]:
    keys = ("full_name", "id_doc_type", *_FILLABLE, "merged_into_id")
    return {k: _jsonable(getattr(c, k)) for k in keys}


def merge_citizens(
    session: Session, survivor_id: int, other_id: int, actor: Actor, now: datetime
) -> tuple[MergeResult, Changes]:
    """Merge ``other`` into ``survivor`` (the same person): nothing is deleted.

    Every visit and case link of ``other`` moves to ``survivor``; blank fields of the survivor
    take ``other``'s values; ``other`` keeps its data and points to the survivor. The logbook
    lines keep the name and paper shown at the counter. Both records get an audit row.
    """
    require_aware(now)
    if survivor_id == other_id:
        raise UserError("citizen.merge_same")
    survivor = session.get(Citizen, survivor_id)
    other = session.get(Citizen, other_id)
    if survivor is None or other is None:
        raise UserError("citizen.not_found", citizen_id=other_id if survivor else survivor_id)
    if survivor.merged_into_id is not None or other.merged_into_id is not None:
        raise UserError("citizen.already_merged")
    if (survivor.id_number and other.id_number and survivor.id_number != other.id_number
            and survivor.id_doc_type == other.id_doc_type):
        raise UserError("citizen.merge_conflicting_ids", first=survivor.id_number,
                        second=other.id_number)
    assert survivor.id is not None and other.id is not None
    before_survivor, before_other = _record(survivor), _record(other)

    moved_visits = tuple(int(v) for v in session.scalars(
        select(_V.id).where(_V.citizen_id == other.id).order_by(_V.id)))
    if moved_visits:
        session.execute(update(Visit).where(_V.citizen_id == other.id)
                        .values(citizen_id=survivor.id))
    member_visits = set(session.scalars(select(_VP.visit_id).where(_VP.citizen_id == other.id)))
    session.execute(update(VisitParticipant).where(_VP.citizen_id == other.id)
                    .values(citizen_id=survivor.id))
    held = set(session.scalars(
        select(_CC.case_id).where(_CC.citizen_id == survivor.id)))
    moved_cases = []
    links = session.scalars(select(CaseCitizen).where(_CC.citizen_id == other.id))
    for link in list(links):
        if link.case_id in held:
            continue  # already the survivor's; the merged record's row stays as history
        session.add(CaseCitizen(case_id=link.case_id, citizen_id=survivor.id, role=link.role))
        session.delete(link)
        moved_cases.append(link.case_id)
    # Records merged into ``other`` earlier now point straight at the survivor.
    earlier = list(session.scalars(select(_C.id).where(_C.merged_into_id == other.id)))
    session.execute(update(Citizen).where(_C.merged_into_id == other.id)
                    .values(merged_into_id=survivor.id))
    # Each record changed on the way gets its own audit row (the tamper-evident chain holds
    # every record's last state).
    for entity, ids in (("visit", sorted(set(moved_visits) | member_visits)),
                        ("case", moved_cases), ("citizen", earlier)):
        for record_id in ids:
            repo.add_audit(session, at=now, actor=actor.name, action="citizen_merged",
                           entity=entity, entity_id=record_id,
                           after={"citizen_id": survivor.id, "merged_citizen_id": other.id})

    filled = []
    for key in _FILLABLE:
        if getattr(survivor, key) in (None, "") and getattr(other, key) not in (None, ""):
            setattr(survivor, key, getattr(other, key))
            filled.append(key)
    if "id_number" in filled:
        survivor.id_doc_type = other.id_doc_type
    survivor.updated_at = now
    other.merged_into_id = survivor.id
    other.updated_at = now
    session.flush()
    after_survivor = {**_record(survivor), "absorbed_citizen_id": other.id,
                      "moved_visits": list(moved_visits), "moved_cases": moved_cases}
    repo.add_audit(session, at=now, actor=actor.name, action="merge", entity="citizen",
                   entity_id=survivor.id, before=before_survivor, after=after_survivor)
    repo.add_audit(session, at=now, actor=actor.name, action="merged_into", entity="citizen",
                   entity_id=other.id, before=before_other, after=_record(other))
    session.flush()
    changes = Changes(visits=set(moved_visits), citizens={survivor.id, other.id},
                      cases=set(moved_cases))
    return MergeResult(get_citizen(session, survivor.id), other.id, moved_visits,
                       tuple(moved_cases), tuple(filled)), changes


# --- global search (Ctrl+F) ----------------------------------------------------------------------


def _candidates(session: Session, words: Sequence[str], cap: int, table: str, fts: str,
                key_columns: Sequence[str]) -> list[int]:
    """Newest ids of ``table`` whose folded keys hold every word at a word start.

    SQLite asks the table's FTS5 index ``fts`` (rowid = id); PostgreSQL matches the
    ``key_columns`` with LIKE. The names are our own constants, never input.
    """
    if _is_sqlite(session):
        rows = session.execute(
            text(f"SELECT rowid FROM {fts} WHERE {fts} MATCH :q ORDER BY rowid DESC LIMIT :n"),
            {"q": fts_match(words), "n": cap},
        )
        return [int(r[0]) for r in rows]
    params: dict[str, Any] = {"n": cap}
    clauses = []
    for i, word in enumerate(words):
        params[f"w{i}"] = f"% {_like_escape(word)}%"
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
    hits = _case_hits(session, case_ids)
    cases = tuple(hits[i] for i in case_ids if i in hits)
    return GlobalResults(tuple(citizens), tuple(visits), cases)
