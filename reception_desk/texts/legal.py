"""Sentences of the legal facts on a case (issue 12): the contested decision's date, the day the
complainant learned of it (Luật KN 2011 Art. 9) and entrusted verification (Luật TC 2018
Art. 24(1)).

Vietnamese in parts/legal2.po.
"""

from __future__ import annotations

from reception_desk.i18n import N_

MESSAGES: dict[str, str] = {
    "case.fact_in_future": N_("The date {day} is after today."),
    "case.learned_before_decision": N_(
        "The complainant cannot have learned of the decision ({learned}) before its date "
        "({decision})."),
    "case.limitation_only_for_complaints": N_(
        "The decision's date and the day it became known count only for a first-time complaint "
        "(Luật KN Art. 9)."),
    "case.entrusted_only_for_denunciations": N_(
        "Entrusted verification lengthens only a denunciation's intake (Luật TC Art. 24(1))."),
}
