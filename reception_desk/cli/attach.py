"""``reception-desk attach VISIT FILE… --user NAME``: attach scanned files to a visit.

The visit is named by its STT ("12/2026") or its id. Each file is stored in the database under
its SHA-256 (the same content is kept once); the same file twice on one visit is refused.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from reception_desk.cli.auth import command_desk
from reception_desk.i18n import _
from reception_desk.services.attachments.dto import AttachmentDTO
from reception_desk.services.desk import Desk
from reception_desk.texts import size_text

NAME = "attach"


def visit_parser(sub: Any, common: argparse.ArgumentParser, name: str,
                 text: str) -> argparse.ArgumentParser:
    """The parser of a command on one visit (``attach``, ``attachments``): its VISIT argument."""
    p: argparse.ArgumentParser = sub.add_parser(name, parents=[common], help=text)
    p.add_argument("visit", metavar="VISIT", help=_("the visit: STT/year (12/2026) or id"))
    return p


@contextmanager
def on_visit(args: argparse.Namespace) -> Iterator[tuple[Desk, int, str]]:
    """The desk acting as ``--user``, the visit named by VISIT and its STT; the database is
    closed after."""
    with command_desk(args) as desk:
        visit_id = desk.documents.visit_id(args.visit)
        yield desk, visit_id, desk.visit(visit_id).stt


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = visit_parser(sub, common, NAME, _("attach scanned files to a visit"))
    p.add_argument("files", metavar="FILE", type=Path, nargs="+", help=_("the files to attach"))
    p.add_argument("--name", metavar="NAME",
                   help=_("the name to store (default: the file's own name; one file only)"))


def describe(item: AttachmentDTO) -> str:
    return _("{name} ({size}, SHA-256 {digest}…)").format(
        name=item.file_name, size=size_text(item.size), digest=item.sha256[:12])


def run(args: argparse.Namespace) -> int:
    with on_visit(args) as (desk, visit_id, stt):
        name = args.name if len(args.files) == 1 else None
        for path in args.files:
            added, _changes = desk.attachments.add_to_visit(visit_id, path, name)
            print(_("Attached to visit No. {stt}: {file}").format(stt=stt,
                                                                  file=describe(added)))
    return 0
