"""Password hashing with argon2id (argon2-cffi's ``PasswordHasher``).

Parameters: OWASP's recommended argon2id configuration (19 MiB, 2 passes, 1 lane), about
80–100 ms on a busy two-core PC. argon2-cffi's own default (64 MiB, 3 passes, 4 lanes) took
0.5–0.8 s there, which alone would spend most of the one second allowed from sign-in to a
usable window. A hash made with other parameters still verifies and is rehashed at the next
sign-in. Tests use ``cheap_hasher`` through the ``hasher`` parameter of ``AccessDesk``; the app
never does.
"""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError
from argon2.exceptions import VerificationError
from argon2.exceptions import VerifyMismatchError

from reception_desk.domain.access import normalise_password

MEMORY_KIB, TIME_COST, PARALLELISM = 19 * 1024, 2, 1


def default_hasher() -> PasswordHasher:
    return PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_KIB, parallelism=PARALLELISM)


def cheap_hasher() -> PasswordHasher:
    """Minimal cost, for tests only (a hash made with it still verifies under any hasher)."""
    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def hash_password(hasher: PasswordHasher, password: str) -> str:
    return hasher.hash(normalise_password(password))


def verify_password(hasher: PasswordHasher, stored: str, password: str) -> bool:
    try:
        return bool(hasher.verify(stored, normalise_password(password)))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash(time_cost: int, memory_cost: int, parallelism: int) -> str:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost,
                          parallelism=parallelism).hash("not a password of anyone")


def spend_verify_time(hasher: PasswordHasher, password: str) -> None:
    """Verify against a dummy hash, so an unknown user name takes as long as a wrong password."""
    verify_password(hasher, _dummy_hash(hasher.time_cost, hasher.memory_cost,
                                        hasher.parallelism), password)
