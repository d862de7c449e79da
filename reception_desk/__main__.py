"""``reception-desk`` / ``python -m reception_desk``: a sub-command runs the CLI, else the app."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from reception_desk.cli import all_command_names

    if any(a in all_command_names() for a in args if not a.startswith("-")) or "--version" in args:
        from reception_desk.cli import main as cli_main

        return cli_main(args)
    from reception_desk.app import main as app_main

    return app_main(args)


if __name__ == "__main__":
    sys.exit(main())
