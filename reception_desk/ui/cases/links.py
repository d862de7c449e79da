"""The case page's links: the earlier case it follows, the cases that followed it, its visits."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.services.cases.dto import CaseDetail
from reception_desk.services.cases.dto import LinkKind
from reception_desk.texts.cases import case_label
from reception_desk.texts.cases import format_day

# How the case page names the earlier case (khiếu nại lần hai, tố cáo tiếp) and the later ones.
_PREVIOUS_LINK: dict[LinkKind, str] = {
    LinkKind.SECOND_COMPLAINT: N_("Second complaint of case {number} ({title}); that case "
                                  "now: {stage}"),
    LinkKind.REPEAT_DENUNCIATION: N_("Repeat denunciation of case {number} ({title}); that "
                                     "case now: {stage}"),
}
_NEXT_LINK: dict[LinkKind, str] = {
    LinkKind.SECOND_COMPLAINT: N_("Second complaint: case {number} ({title}), now: {stage}"),
    LinkKind.REPEAT_DENUNCIATION: N_("Repeat denunciation: case {number} ({title}), now: "
                                     "{stage}"),
}


def links_text(d: CaseDetail) -> str:
    """Where the case comes from and what followed it, one line each, then its visits."""
    parts = []
    if d.previous is not None:
        prev = d.previous
        template = _PREVIOUS_LINK.get(d.link_kind) if d.link_kind else None
        parts.append(_(template or N_("Follows case {number} ({type}: {title})")).format(
            number=prev.number, type=case_label(prev.case_type), title=prev.title,
            stage=case_label(prev.stage)))
    for nxt in d.next_cases:
        template = _NEXT_LINK.get(nxt.link_kind) if nxt.link_kind else None
        parts.append(_(template or N_("Followed by case {number} ({kind})")).format(
            number=nxt.number, title=nxt.title, stage=case_label(nxt.stage),
            kind=case_label(nxt.case_type)))
    if d.visits:
        parts.append(_("Visits: {visits}").format(visits=", ".join(
            _("no. {stt} of {day}").format(stt=v.stt, day=format_day(v.reception_date))
            for v in d.visits)))
    return "\n".join(parts) or _("Not linked to other cases.")


class LinksSection(QGroupBox):
    """The links in words and the button that opens the picker (Ctrl+Shift+L on the page)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Linked cases and visits"), parent)
        self.setObjectName("caseLinks")
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.label, 1)
        self.link_button = QPushButton(_("Link to an earlier case… (Ctrl+Shift+L)"))
        self.link_button.setAutoDefault(False)
        layout.addWidget(self.link_button)

    def show_links(self, detail: CaseDetail) -> None:
        self.label.setText(links_text(detail))
