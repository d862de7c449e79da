"""Password hashing with argon2id (argon2-cffi's ``PasswordHasher``).

The default parameters are argon2-cffi's (RFC 9106 low-memory profile: 3 passes, 64 MiB, 4
lanes), about 50–150 ms on an office PC: slow for a guesser, invisible at sign-in. Tests use
``cheap_hasher`` through the ``hasher`` parameter of ``AccessDesk``; the app never does.
"""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from reception_desk.domain.access import normalise_password


def default_hasher() -> PasswordHasher:
    return PasswordHasher()


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
