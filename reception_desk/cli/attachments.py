"""``reception-desk attachments VISIT [--json]``: the files attached to a visit.

A denunciation's files are listed for everyone who may view the visit, but their names are
withheld from a user who may not open them (domain.access.attachment_access).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from reception_desk.cli.attach import describe
from reception_desk.cli.attach import on_visit
from reception_desk.cli.attach import visit_parser
from reception_desk.config import OFFICE_TZ
from reception_desk.i18n import _
from reception_desk.services.attachments.dto import AttachmentDTO

NAME = "attachments"


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = visit_parser(sub, common, NAME, _("list the files attached to a visit"))
    p.add_argument("--json", action="store_true", help=_("print JSON instead of text"))


def as_json(item: AttachmentDTO) -> dict[str, Any]:
    return {
        "id": item.id, "visit_id": item.visit_id, "case_id": item.case_id,
        "name": item.file_name, "name_withheld": item.name_withheld, "size": item.size,
        "media_type": item.media_type, "sha256": item.sha256,
        "added_at": item.added_at.isoformat(), "added_by": item.added_by,
        "confidential": item.confidential, "can_open": item.can_open,
        "voided": item.voided, "void_reason": item.void_reason,
    }


def run(args: argparse.Namespace) -> int:
    with on_visit(args) as (desk, visit_id, stt):
        items = desk.attachments.for_visit(visit_id)
    if args.json:
        print(json.dumps([as_json(i) for i in items], ensure_ascii=False, indent=2))
        return 0
    if not items:
        print(_("Visit No. {stt} has no attachment.").format(stt=stt))
        return 0
    for item in items:
        added = item.added_at.astimezone(OFFICE_TZ)
        line = _("{id}. {file}, added {moment} by {user}").format(
            id=item.id, file=describe(item), moment=added.strftime("%H:%M %d/%m/%Y"),
            user=item.added_by)
        if item.confidential and not item.can_open:
            line += " " + _("[confidential: a denunciation's file]")
        if item.voided:
            line += " " + _("[voided: {reason}]").format(reason=item.void_reason)
        print(line)
    return 0
