"""Repeat detection: earlier visits and cases of the same person or the same matter.

Same person: the same ID number, or the same folded name in the same commune. Same matter:
content words overlapping by Jaccard ≥ ``SIMILAR_CONTENT`` from the same hamlet
(``domain.repeats``). Shown by the visit form before a visit is saved.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from reception_desk.domain.classification import HandlingDirection
from reception_desk.domain.classification import IdDocType
from reception_desk.domain.classification import PetitionType
from reception_desk.domain.dates import as_utc
from reception_desk.domain.identity import normalize_id_number
from reception_desk.domain.repeats import content_words
from reception_desk.domain.repeats import hamlet_key
from reception_desk.domain.repeats import key_words
from reception_desk.domain.repeats import matter_similarity
from reception_desk.domain.repeats import probe_words
from reception_desk.domain.text import fold
from reception_desk.domain.visits import VisitDraft
from reception_desk.services.citizens.dto import RepeatReport
from reception_desk.services.citizens.dto import RepeatVisit
from reception_desk.services.citizens.search import case_hits
from reception_desk.storage.models import Citizen
from reception_desk.storage.queries import citizens as registry
from reception_desk.storage.queries import search as index

REPEAT_VISITS_SHOWN = 20
#: Index hits judged for similar content (newest first).
CONTENT_CANDIDATES = 3000
_CHUNK = 500


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
            reasons.setdefault(registry.survivor(session, picked).id or picked.id, set()).add(
                "id" if picked.id_number and picked.id_number == number else "name")
    if number and draft.id_doc_type is not IdDocType.NONE:
        for c in registry.with_id_number(session, number):
            s = registry.survivor(session, c)
            assert s.id is not None
            reasons.setdefault(s.id, set()).add("id")
    if name_key and draft.ward_code is not None:
        for c in registry.same_name_in_commune(session, name_key, draft.ward_code):
            if number and c.id_number and c.id_number != number:
                continue  # same name, different card: another person
            s = registry.survivor(session, c)
            assert s.id is not None
            reasons.setdefault(s.id, set()).add("name")

    visit_reasons: dict[int, set[str]] = {}
    similarity: dict[int, float] = {}
    person_count = 0
    denunciations: tuple[int, ...] = ()
    if reasons:
        person_count, newest = registry.person_visits(session, reasons, exclude_visit_id,
                                                      REPEAT_VISITS_SHOWN)
        denunciations = registry.denunciation_visits(session, reasons, exclude_visit_id)
        for vid, cid in newest:
            visit_reasons.setdefault(vid, set()).update(reasons[cid])

    words = content_words(draft.content)
    if words and draft.ward_code is not None:
        hamlet = hamlet_key(draft.address_detail)
        ids = index.visits_holding_any_word(session, probe_words(words), CONTENT_CANDIDATES)
        found: list[tuple[float, int]] = []
        for chunk_start in range(0, len(ids), _CHUNK):
            chunk = ids[chunk_start:chunk_start + _CHUNK]
            for vid, key, detail in registry.content_in_commune(session, chunk, draft.ward_code):
                if vid == exclude_visit_id:
                    continue
                score = matter_similarity(words, hamlet, key_words(key), hamlet_key(detail))
                if score is not None:
                    found.append((score, int(vid)))
        for score, vid in sorted(found, reverse=True)[:REPEAT_VISITS_SHOWN]:
            visit_reasons.setdefault(vid, set()).add("content")
            similarity[vid] = score

    rows: list[Any] = registry.repeat_visit_rows(session, visit_reasons)
    case_ids = {r.case_id for r in rows if r.case_id is not None}
    person_cases = registry.case_ids_of(session, reasons)
    case_ids |= person_cases
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
            legacy_stt=r.legacy_stt, legacy_year=r.legacy_year,
        )
        for r in rows
    )
    suggested = next((v.case_id for v in visits if v.case_id is not None), None)
    ordered_cases = sorted(cases.values(), key=lambda c: (c.received_on, c.id), reverse=True)
    if suggested is None and ordered_cases:
        suggested = ordered_cases[0].id
    return RepeatReport(visits=visits, cases=tuple(ordered_cases),
                        person_visit_count=person_count, suggested_case_id=suggested,
                        person_denunciations=denunciations, person_cases=frozenset(person_cases))


