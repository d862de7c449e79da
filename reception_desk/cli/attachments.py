"""``reception-desk attachments VISIT [--json]``: the files attached to a visit.

A denunciation's files are listed for everyone who may view the visit, but their names are
withheld from a user who may not open them (domain.access.attachment_access).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from reception_desk.cli.attach import describe
from reception_desk.cli.auth import act_as_user
from reception_desk.config import OFFICE_TZ, resolve_database_url
from reception_desk.i18n import _
from reception_desk.services.attachments.dto import AttachmentDTO
from reception_desk.services.desk import Desk
from reception_desk.storage.database import open_database

NAME = "attachments"


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(NAME, parents=[common], help=_("list the files attached to a visit"))
    p.add_argument("visit", metavar="VISIT", help=_("the visit: STT/year (12/2026) or id"))
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
    db = open_database(resolve_database_url(args.database), create=False)
    try:
        desk = act_as_user(Desk(db), args)
        visit_id = desk.documents.visit_id(args.visit)
        stt = desk.visit(visit_id).stt
        items = desk.attachments.for_visit(visit_id)
    finally:
        db.dispose()
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
