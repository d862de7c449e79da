"""Repeat detection: earlier visits and cases of the same person or the same matter.

Same person: the same ID number, or the same folded name in the same commune. Same matter:
content words overlapping by Jaccard ≥ ``SIMILAR_CONTENT`` from the same hamlet
(``domain.repeats``). Shown by the visit form before a visit is saved.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from reception_desk.domain.classification import HandlingDirection, IdDocType, PetitionType
from reception_desk.domain.dates import as_utc
from reception_desk.domain.identity import normalize_id_number
from reception_desk.domain.repeats import (
    content_words,
    hamlet_key,
    key_words,
    matter_similarity,
    probe_words,
)
from reception_desk.domain.text import fold
from reception_desk.domain.visits import VisitDraft
from reception_desk.services.citizens.dto import RepeatReport, RepeatVisit
from reception_desk.services.citizens.search import (
    case_hits,
    is_sqlite,
    like_escape,
    survivor,
)
from reception_desk.storage.models import CaseCitizen, CaseFile, Citizen, Visit

_V: Any = Visit.__table__.c  # type: ignore[attr-defined]
_C: Any = Citizen.__table__.c  # type: ignore[attr-defined]
_CC: Any = CaseCitizen.__table__.c  # type: ignore[attr-defined]
_CF: Any = CaseFile.__table__.c  # type: ignore[attr-defined]

REPEAT_VISITS_SHOWN = 20
CONTENT_CANDIDATES = 3000


def _similar_content_ids(
    session: Session, words: frozenset[str], cap: int
) -> list[int]:
    """Visits holding one of the draft's ``probe_words``: no same-matter visit is missed."""
    probe = probe_words(words)
    if is_sqlite(session):
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
        params[f"w{i}"] = f"% {like_escape(word)} %"
        clauses.append(f"(' ' || content_key || ' ') LIKE :w{i}")
    sql = f"SELECT id FROM visit WHERE {' OR '.join(clauses)} ORDER BY id DESC LIMIT :n"
    return [int(r[0]) for r in session.execute(text(sql), params)]


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
            reasons.setdefault(survivor(session, picked).id or picked.id, set()).add(
                "id" if picked.id_number and picked.id_number == number else "name")
    if number and draft.id_doc_type is not IdDocType.NONE:
        for c in session.scalars(select(Citizen).where(_C.id_number == number)):
            s = survivor(session, c)
            assert s.id is not None
            reasons.setdefault(s.id, set()).add("id")
    if name_key and draft.ward_code is not None:
        stmt = select(Citizen).where(_C.name_key == name_key,
                                     _C.ward_code == draft.ward_code)
        for c in session.scalars(stmt):
            if number and c.id_number and c.id_number != number:
                continue  # same name, different card: another person
            s = survivor(session, c)
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
                score = matter_similarity(words, hamlet, key_words(key), hamlet_key(detail))
                if score is not None:
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
    cases = case_hits(session, case_ids)
    # Same person first, then the newest.
    rows.sort(key=lambda r: (not (visit_reasons[r.id] & {"id", "name"}),
                             -as_utc(r.received_at).timestamp(), -r.id))
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


