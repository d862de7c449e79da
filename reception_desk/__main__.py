"""``reception-desk`` / ``python -m reception_desk``: a sub-command runs the CLI, else the app.

The app takes only ``--database URL`` and ``--lang vi|en`` (and Qt's own single-dash options);
anything else — a word that is no command, ``--help``, ``--version`` — goes to the command
line, which lists the commands or refuses with a clear message (exit 2) instead of opening a
window and creating a database.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

_APP_OPTIONS = ("--database", "--lang")


def wants_app(args: Sequence[str]) -> bool:
    """True when ``args`` are the app's own (no sub-command, no help, nothing unknown)."""
    index = 0
    while index < len(args):
        arg = args[index]
        if arg in _APP_OPTIONS:
            index += 2
            continue
        if any(arg.startswith(f"{option}=") for option in _APP_OPTIONS):
            index += 1
            continue
        if arg.startswith("--") or arg == "-h" or not arg.startswith("-"):
            return False  # a command, --help, --version or an unknown option: the CLI says
        # A Qt option (-style fusion, -platform offscreen): its value follows it.
        index += 2 if index + 1 < len(args) and not args[index + 1].startswith("-") else 1
    return True


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not wants_app(args):
        from reception_desk.cli import main as cli_main

        return cli_main(args)
    from reception_desk.app import main as app_main

    return app_main(args)


if __name__ == "__main__":
    sys.exit(main())
