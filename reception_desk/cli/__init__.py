"""Command-line entry points: the same services as the app, no Qt.

``reception-desk demo|check|export|import`` and friends; without a sub-command the app opens
(see ``__main__``). Messages are Vietnamese by default (``--lang en`` for English); an error
code reads as the same sentence the app shows (``reception_desk.texts``).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from typing import NoReturn
from typing import Protocol

from reception_desk import __version__
from reception_desk.cli.auth import SIGN_IN_LATER
from reception_desk.cli.auth import add_user_argument
from reception_desk.cli.auth import for_command_line
from reception_desk.cli.auth import sign_in_for_command
from reception_desk.config import resolve_database_url
from reception_desk.demo import generator as demo
from reception_desk.demo import guard as demo_guard
from reception_desk.errors import KnownError
from reception_desk.errors import UserError
from reception_desk.i18n import N_
from reception_desk.i18n import _
from reception_desk.i18n import set_language
from reception_desk.services.context import Actor
from reception_desk.services.context import actor_for
from reception_desk.services.desk import Desk
from reception_desk.services.desk import utc_now
from reception_desk.services.office.maintenance import Finding
from reception_desk.services.office.maintenance import check_database
from reception_desk.storage.database import Database
from reception_desk.storage.database import DatabaseFault
from reception_desk.storage.database import open_database
from reception_desk.texts import message
from reception_desk.texts import message_for

COMMANDS = ("demo", "check", "export", "import")


class Command(Protocol):
    """A sub-command module of this package: adds its parser, then runs with the parsed args."""

    NAME: str

    def add_parser(self, sub: Any, common: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


# Sub-command modules of this package, each with NAME, add_parser(sub, common) and run(args).
# Listed, not discovered: a frozen (PyInstaller) build cannot list a package's modules.
COMMAND_MODULES = ("address", "attach", "attachments", "backup", "deadline", "find", "hotspots",
                   "import_logbook",
                   "print_cmd", "report_cmd", "reset_admin", "restore", "verify_receipt",
                   "sessions_cmd")


def _extra_commands() -> list[Command]:
    """Sub-commands that live in their own modules (deadline, find, print, hotspots …)."""
    import importlib

    return [importlib.import_module(f"{__name__}.{name}")  # type: ignore[misc]
            for name in COMMAND_MODULES]


# argparse's own complaints, in the user's language (its texts are not in our catalogue).
_ARGPARSE_TEXTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^the following arguments are required: (?P<names>.+)$"),
     N_("Missing required argument(s): {names}.")),
    (re.compile(r"^unrecognized arguments: (?P<names>.+)$"),
     N_("Unknown argument(s): {names}.")),
    (re.compile(r"^argument (?P<name>[^:]+): invalid choice: (?P<value>.+?) "
                r"\(choose from (?P<choices>.+)\)$"),
     N_("{value} is not accepted for {name}; choose one of: {choices}.")),
    (re.compile(r"^argument (?P<name>[^:]+): invalid \w+ value: (?P<value>.+)$"),
     N_("{value} is not a valid value for {name}.")),
    (re.compile(r"^argument (?P<name>[^:]+): expected (?:one|at least one) argument"),
     N_("{name} needs a value.")),
)


def argument_error_text(detail: str) -> str:
    """An argparse complaint as a sentence in the user's language."""
    for pattern, template in _ARGPARSE_TEXTS:
        match = pattern.match(detail)
        if match:
            return _(template).format(**match.groupdict())
    return _("Invalid arguments: {detail}").format(detail=detail)


class ArgumentParser(argparse.ArgumentParser):
    """argparse that words its complaints in the user's language and exits with status 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        _err(argument_error_text(message))
        _err(_("Run \"reception-desk --help\" for the list of commands."))
        raise SystemExit(2)


def first_command(argv: Sequence[str]) -> str | None:
    """The sub-command word of ``argv`` (skipping --database/--lang and their values)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in ("--database", "--lang"):
            skip = True
            continue
        if not arg.startswith("-"):
            return arg
    return None


def options_after_command(argv: Sequence[str]) -> list[str]:
    """``--database``/``--lang`` written before the command word move after it (where the
    sub-command's parser reads them)."""
    moved: list[str] = []
    rest = list(argv)
    while rest and rest[0] in ("--database", "--lang") and len(rest) > 1:
        moved += rest[:2]
        rest = rest[2:]
    while rest and rest[0].startswith(("--database=", "--lang=")):
        moved.append(rest.pop(0))
    if not moved or not rest or rest[0].startswith("-"):
        return list(argv)
    return [rest[0], *moved, *rest[1:]]


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
        prog="reception-desk",
        description=_("Reception Desk: the electronic citizen-reception logbook."),
        epilog=_("Without a command the app's window opens."),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    common = ArgumentParser(add_help=False)
    common.add_argument("--database", metavar="URL",
                        help=_("SQLite file or database URL (default: the user-data folder)"))
    common.add_argument("--lang", choices=("vi", "en"), default="vi",
                        help=_("language of messages"))
    add_user_argument(common)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                title=_("commands"))
    p = sub.add_parser("demo", parents=[common], help=_("fill a database with synthetic visits"))
    p.add_argument("--visits", type=int, required=True, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S")
    # Cases opened on the visits (default: one for every five visits; 0 for none) and, for
    # benchmarks, how many of them at least are still open.
    p.add_argument("--cases", type=int, metavar="M", help=_(
        "cases opened on the visits (default: one for every five visits; 0 for none)"))
    p.add_argument("--open-cases", type=int, metavar="K",
                   help=_("keep at least this many cases open (for benchmarks)"))
    p = sub.add_parser("check", parents=[common], help=_("verify the database's integrity"))
    p.add_argument("--full", action="store_true", help=_(
        "also cross-check every index of the SQLite file against its table (slower)"))
    p = sub.add_parser("export", parents=[common], help=_("write the logbook as JSON Lines"))
    p.add_argument("file", type=Path)
    # Masked by default (denouncers under secrecy withheld, personal data partial): a file to
    # read, not to import. The full file needs both flags and a user who may see identities.
    p.add_argument("--with-identities", action="store_true", help=_(
        "write every identity in clear (a file that can be imported); needs --reason"))
    p.add_argument("--reason", default="", metavar="TEXT",
                   help=_("why the identities leave the office (recorded)"))
    p = sub.add_parser("import", parents=[common], help=_("read a JSON Lines logbook"))
    p.add_argument("file", type=Path)
    for command in _extra_commands():
        command.add_parser(sub, common)
    return parser


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def _progress(done: int, total: int) -> None:
    width = 40
    filled = int(width * done / max(total, 1))
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done:>10,}/{total:,}")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _language_of(argv: Sequence[str]) -> str:
    """``--lang`` must take effect before the parser's help texts are built."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return "vi"


def run(argv: Sequence[str]) -> int:
    set_language(_language_of(argv))
    command = first_command(argv)
    if command is not None and command not in all_command_names():
        _err(_("Unknown command \"{command}\". Commands: {commands}.").format(
            command=command, commands=", ".join(sorted(all_command_names()))))
        _err(_("Run \"reception-desk --help\" for the list of commands."))
        return 2
    try:
        args = build_parser().parse_args(options_after_command(argv))
    except SystemExit as exc:  # --help, --version (0) or refused arguments (2)
        return int(exc.code or 0)
    url = resolve_database_url(args.database)
    actor = Actor(_("command line"))
    extra = {c.NAME: c for c in _extra_commands()}
    try:
        if args.command not in SIGN_IN_LATER:  # backup, restore: on the database they open
            args.principal = sign_in_for_command(args, url)
            if args.principal is not None:
                actor = actor_for(args.principal)
        if args.command in extra:
            return extra[args.command].run(args)
        if args.command == "check":
            return _check(url, args.full)
        # Only demo and import may create a database; export only reads one.
        db = open_database(url, create=args.command != "export")
        try:
            if args.command == "demo":
                if not 1 <= args.visits <= 10_000_000:
                    raise UserError("demo.too_many")
                if args.cases is not None and not 0 <= args.cases <= args.visits:
                    raise UserError("demo.too_many_cases", cases=args.cases, visits=args.visits)
                with db.session() as s:
                    demo_guard.require_demo_database(s, utc_now())
                with db.session() as s:
                    result = demo.generate(s, args.visits, seed=args.seed, actor=actor,
                                           now=utc_now(), cases=args.cases,
                                           open_cases=args.open_cases, progress=_progress)
                print(_("Added {visits} visits by {citizens} citizens, {first} to {last}.")
                      .format(visits=result.visits, citizens=result.citizens,
                              first=result.first_day.isoformat(),
                              last=result.last_day.isoformat()))
                if result.cases:
                    print(_("Added {cases} cases, {open} of them still open.").format(
                        cases=result.cases, open=result.open_cases))
                return 0
            if args.command == "export":
                return _export(db, args.file, actor, args.with_identities, args.reason)
            if args.command == "import":
                return _import(db, args.file, actor)
        finally:
            db.dispose()
    except (UserError, KnownError) as exc:
        _err(message_for(for_command_line(exc), listed=None))  # an import: every line problem
        return 2
    return 1


def _check(url: str, full: bool = False) -> int:
    import time

    started = time.monotonic()

    def progress(done: int, total: int) -> None:  # a bar on a terminal, once it takes a while
        if sys.stderr.isatty() and time.monotonic() - started > 0.5:
            _progress(done, total)

    db = Database(url, create=False)
    try:
        findings = check_database(db, progress, full)
    except DatabaseFault as exc:  # a damaged file: tables or columns missing, pages unreadable
        findings = [Finding("check.damaged", {"detail": str(exc.orig or exc).splitlines()[0]})]
    finally:
        db.dispose()
    if not findings:
        print(_("The database is healthy: integrity, foreign keys, schema version, the audit "
                "chain, every record against its audit trail and the numbering checked."))
        return 0
    for f in findings:
        _err(message(f.code, f.params))
    return 1


def _export(db: Database, path: Path, actor: Actor, with_identities: bool = False,
            reason: str = "") -> int:
    desk = Desk(db)
    desk.actor = actor
    count = desk.export_logbook(path, with_identities, reason)
    print(_("Exported {count} records to {file}.").format(count=count, file=path))
    if not with_identities:
        print(_("Identities are masked in this file (it cannot be imported); "
                "--with-identities --reason TEXT writes them in clear."))
    return 0


def _import(db: Database, path: Path, actor: Actor) -> int:
    desk = Desk(db)
    desk.actor = actor
    report, _changes = desk.import_logbook(path)
    created = sum(report.created.values())
    updated = sum(report.updated.values())
    print(_("Imported: {created} new, {updated} updated, {unchanged} unchanged.").format(
        created=created, updated=updated, unchanged=report.unchanged))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return run(list(sys.argv[1:] if argv is None else argv))


def all_command_names() -> set[str]:
    return set(COMMANDS) | {c.NAME for c in _extra_commands()}
