"""The child of tests/storage/test_stress_sigkill.py: saves visits on the database named on the
command line, one after another, and after each save has returned (committed) writes the visit's
uid and STT to stdout: an acknowledgement, as the form's "Visit No. N saved" is to a clerk."""

from __future__ import annotations

import sys

from reception_desk.services.access.passwords import cheap_hasher
from reception_desk.services.desk import Desk
from reception_desk.storage.database import open_database
from tests.conftest import Clock
from tests.conftest import sample_draft


def main(url: str, counter: str) -> None:
    desk = Desk(open_database(url, migrate=False), Clock(), hasher=cheap_hasher())
    desk.act_as(desk.staff()[0])
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        visit, _ = desk.log_visit(sample_draft(desk, content=f"Quầy {counter}, lượt lưu {n}"))
        print(f"saved {visit.uid} {visit.seq}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
