"""The denouncer redaction rule (Luật Tố cáo Art. 9(1)(b), 56; LEGAL.md §7.1).

A denouncer's name, address, handwriting and other personal data are kept secret: before a
denunciation leaves the office (a transfer slip to the competent body) the sender's identity is
stripped from it. So a transfer of a denunciation is a redacted copy unless the officer decides
otherwise; any other petition may be redacted on request. What a redacted slip prints instead
is printed wording (``printing.wording.IDENTITY_WITHHELD``, ``printing.transfer``).
"""

from __future__ import annotations

from reception_desk.domain.classification import PetitionType


def redacted_by_default(petition_type: PetitionType) -> bool:
    """Whether a transfer of this petition withholds the sender's identity unless told not to."""
    return petition_type is PetitionType.DENUNCIATION


def withholds_identity(petition_type: PetitionType, asked: bool | None) -> bool:
    """The officer's choice when made (``asked``), else the rule's default."""
    return redacted_by_default(petition_type) if asked is None else asked
