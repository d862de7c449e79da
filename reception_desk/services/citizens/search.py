"""The citizen registry: search as you type, exact ID look-up, a citizen's visits, Ctrl+F.

Matching is on folded keys (``domain.text.fold``: đ→d, no marks, lower case), word by word: every
word of the query must be the beginning of a word of the name, ID number or phone ("ng v duc"
finds "Nguyễn Văn Đức"). The index search (``storage.queries.search``: FTS5 on SQLite, LIKE on
PostgreSQL) gives the same candidate list (newest records first, capped) on both back ends, and
the same ranking here orders it, so the two back ends return the same answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Sequence

from sqlalchemy.orm import Session

from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import IdDocType
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.classification import Sex
from reception_desk.domain.identity import guess_doc_type
from reception_desk.domain.identity import normalize_id_number
from reception_desk.domain.text import fold
from reception_desk.domain.text import words_of
from reception_desk.errors import UserError
from reception_desk.services.cases.dto import case_number
from reception_desk.services.citizens.dto import CaseHit
from reception_desk.services.citizens.dto import CitizenSummary
from reception_desk.services.citizens.dto import CitizenVisit
from reception_desk.services.citizens.dto import GlobalResults
from reception_desk.services.citizens.dto import VisitHit
from reception_desk.storage.models import Citizen
from reception_desk.storage.queries import citizens as registry
from reception_desk.storage.queries import search as index

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
    return list(dict.fromkeys(words_of(fold(query))))


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


def summaries(session: Session, citizens: Sequence[Citizen]) -> list[CitizenSummary]:
    """Registry records as DTOs, with their visit counts and last visit (one query for all)."""
    stats = registry.visit_stats(session, (c.id for c in citizens if c.id is not None))
    out = []
    for c in citizens:
        assert c.id is not None
        count, last = stats.get(c.id, (0, None))
        out.append(CitizenSummary(
            id=c.id, full_name=c.full_name, id_doc_type=IdDocType(c.id_doc_type),
            id_number=c.id_number, sex=Sex(c.sex) if c.sex else None, birth_date=c.birth_date,
            phone=c.phone, ward_code=c.ward_code, address_detail=c.address_detail,
            address=c.address, id_issue_date=c.id_issue_date, id_issue_place=c.id_issue_place,
            visit_count=count, last_visit=last, version=c.version,
        ))
    return out


def find_by_id_number(session: Session, number: str) -> list[CitizenSummary]:
    """Citizens holding exactly this ID number (separators ignored), merged records followed.

    More than one result means duplicate records of one person, to be merged.
    """
    wanted = _id_candidate(number) or normalize_id_number(IdDocType.CITIZEN_ID, number)
    if not wanted:
        return []
    rows = registry.with_id_number(session, wanted)
    found = {c.id: c for c in (registry.survivor(session, r) for r in rows)}
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
        exact += registry.with_id_number(session, number)
    phones = _phone_variants(query)
    if phones:
        exact += registry.with_phone(session, phones, limit)
    exact = [registry.survivor(session, c) for c in exact]
    candidates = index.citizen_candidates(session, words, CANDIDATES)
    phrase = " ".join(words)
    ranked = sorted(candidates, key=lambda c: (*_name_rank(c[1], words, phrase), -c[0]))
    chosen: dict[int, None] = {}
    for cid in [*(c.id for c in exact if c.id is not None), *(c[0] for c in ranked)]:
        chosen.setdefault(cid, None)
        if len(chosen) >= limit:
            break
    return summaries(session, registry.live_citizens(session, chosen))


def get_citizen(session: Session, citizen_id: int) -> CitizenSummary:
    """One citizen (the survivor if this record was merged)."""
    citizen = session.get(Citizen, citizen_id)
    if citizen is None:
        raise UserError("citizen.not_found", citizen_id=citizen_id)
    return summaries(session, [registry.survivor(session, citizen)])[0]


def citizen_visits(
    session: Session, citizen_id: int, limit: int | None = None
) -> list[CitizenVisit]:
    """Visits of a citizen, newest first (voided ones included and marked)."""
    return [
        CitizenVisit(r.id, r.year, r.seq, r.reception_date, r.content,
                     PetitionType(r.petition_type), HandlingDirection(r.direction), r.case_id,
                     r.voided_at is not None, legacy_stt=r.legacy_stt,
                     legacy_year=r.legacy_year)
        for r in registry.citizen_visit_rows(session, citizen_id, limit)
    ]


# --- cases of the registry ---------------------------------------------------------------------


def case_hits(session: Session, case_ids: Iterable[int]) -> dict[int, CaseHit]:
    """Cases as search and repeat detection list them, with their visit counts."""
    cases = registry.cases_by_id(session, case_ids)
    counts = registry.case_visit_counts(session, (c.id for c in cases if c.id is not None))
    return {
        c.id: CaseHit(c.id, case_number(c.seq, c.year), c.title, c.stage, c.received_on,
                      counts.get(c.id, 0))
        for c in cases if c.id is not None
    }


def case_visit_counts(session: Session, case_ids: Iterable[int]) -> dict[int, int]:
    """How many (non-voided) visits each case has: the logbook's "lần" column for a matter."""
    return registry.case_visit_counts(session, case_ids)


# --- global search (Ctrl+F) ----------------------------------------------------------------------


def global_search(session: Session, query: str, per_group: int = GROUP_LIMIT) -> GlobalResults:
    """Citizens, visits and cases matching every word of ``query``, newest first, per group."""
    words = query_words(query)
    if not words:
        return GlobalResults()
    citizens = search_citizens(session, query, per_group)
    visits = [VisitHit(r.id, r.year, r.seq, r.reception_date, r.citizen_name, r.content,
                       PetitionType(r.petition_type), r.voided_at is not None,
                       legacy_stt=r.legacy_stt, legacy_year=r.legacy_year)
              for r in registry.visit_hit_rows(
                  session, index.visit_ids_matching(session, words, per_group))]
    case_ids = index.case_ids_matching(session, words, per_group)
    hits = case_hits(session, case_ids)
    cases = tuple(hits[i] for i in case_ids if i in hits)
    return GlobalResults(tuple(citizens), tuple(visits), cases)
