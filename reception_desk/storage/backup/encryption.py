"""Members as stored: plain bytes, or sealed chunks under a passphrase (AES-256-GCM).

The key is scrypt(passphrase in NFC, random salt); each member is a stream of chunks of at most
1 MiB, each compressed with zlib then sealed under a nonce of the member's random prefix and the
chunk's number, the member name, chunk number and a "last chunk" flag being authenticated too (a
reordered, cut or swapped chunk is refused). The manifest carries an HMAC of the key so a wrong
passphrase is told apart from a damaged file. Every member is hashed as stored, and checked
against the manifest when read back.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from typing import IO
from typing import Any

from reception_desk.errors import KnownError
from reception_desk.storage.backup.common import CHUNK
from reception_desk.storage.backup.common import ENC_SUFFIX
from reception_desk.storage.backup.common import BackupCancelled
from reception_desk.storage.backup.common import Cancelled
from reception_desk.storage.backup.manifest import DAMAGE
from reception_desk.storage.backup.manifest import Manifest
from reception_desk.storage.backup.manifest import Member

#: scrypt cost: about 0.1 s and 32 MiB on an office PC, each guess of a stolen file as dear.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 1 << 15, 8, 1
_MAGIC = b"RDENC1"
_FINAL, _ZLIB = 0x01, 0x02
_CHUNK_HEAD = struct.Struct(">BI")
_KEY_CHECK = b"reception-desk backup key check"


def _scrypt(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    normalized = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(normalized)


def _key_check(key: bytes) -> str:
    return hmac.new(key, _KEY_CHECK, hashlib.sha256).hexdigest()


def new_encryption(passphrase: str) -> tuple[bytes, dict[str, Any]]:
    """A fresh key for ``passphrase`` and the manifest entry that lets it be found again."""
    if not passphrase:
        raise KnownError("backup.passphrase_required")
    salt = os.urandom(16)
    key = _scrypt(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return key, {"cipher": "AES-256-GCM", "chunk": CHUNK, "kdf": "scrypt", "salt": salt.hex(),
                 "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "check": _key_check(key)}


def unlock(manifest: Manifest, passphrase: str | None) -> bytes | None:
    """The key of an encrypted backup (None for a plain one); a wrong passphrase is refused."""
    enc = manifest.encryption
    if enc is None:
        return None
    if not passphrase:
        raise KnownError("backup.passphrase_required")
    try:
        key = _scrypt(passphrase, bytes.fromhex(enc["salt"]), int(enc["n"]), int(enc["r"]),
                      int(enc["p"]))
        expected = str(enc["check"])
    except (KeyError, TypeError, ValueError) as exc:
        raise KnownError("backup.damaged", detail="encryption") from exc
    if not hmac.compare_digest(_key_check(key), expected):
        raise KnownError("backup.wrong_passphrase")
    return key


def _aad(name: str, index: int, flags: int) -> bytes:
    return _MAGIC + name.encode("utf-8") + struct.pack(">QB", index, flags)


class _MemberSink:
    """Writes one member: plain bytes straight through, or sealed chunks; hashes what it stores."""

    def __init__(self, out: IO[bytes], name: str, key: bytes | None, compress: bool) -> None:
        self._out = out
        self._name = name
        self._compress = compress
        self._buffer = bytearray()
        self._index = 0
        self.sha = hashlib.sha256()
        self.size = 0
        self._aead: Any = None
        if key is not None:
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM

            self._aead = AESGCM(key)
            self._prefix = os.urandom(4)
            self._store(_MAGIC + self._prefix)

    def _store(self, data: bytes) -> None:
        self._out.write(data)
        self.sha.update(data)
        self.size += len(data)

    def write(self, data: bytes) -> None:
        if self._aead is None:
            self._store(data)
            return
        self._buffer += data
        while len(self._buffer) >= CHUNK:
            self._seal(bytes(self._buffer[:CHUNK]), final=False)
            del self._buffer[:CHUNK]

    def _seal(self, plain: bytes, final: bool) -> None:
        flags = (_FINAL if final else 0) | (_ZLIB if self._compress else 0)
        body = zlib.compress(plain, 1) if self._compress else plain
        nonce = self._prefix + struct.pack(">Q", self._index)
        sealed = self._aead.encrypt(nonce, body, _aad(self._name, self._index, flags))
        self._store(_CHUNK_HEAD.pack(flags, len(sealed)) + sealed)
        self._index += 1

    def close(self) -> Member:
        if self._aead is not None:
            self._seal(bytes(self._buffer), final=True)
            self._buffer.clear()
        return Member(self._name, self.size, self.sha.hexdigest())


def _read_exact(stream: IO[bytes], size: int) -> bytes:
    data = stream.read(size)
    if len(data) != size:
        raise KnownError("backup.damaged", detail="cut short")
    return data


def _open_chunks(stream: IO[bytes], name: str, key: bytes) -> Iterator[bytes]:
    """The plaintext of a sealed member, chunk by chunk; any alteration is ``backup.damaged``."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    aead = AESGCM(key)
    head = _read_exact(stream, len(_MAGIC) + 4)
    if head[: len(_MAGIC)] != _MAGIC:
        raise KnownError("backup.damaged", detail=name)
    prefix = head[len(_MAGIC):]
    index = 0
    while True:
        flags, length = _CHUNK_HEAD.unpack(_read_exact(stream, _CHUNK_HEAD.size))
        if length > CHUNK + 4096:
            raise KnownError("backup.damaged", detail=name)
        sealed = _read_exact(stream, length)
        try:
            body = aead.decrypt(prefix + struct.pack(">Q", index), sealed,
                                _aad(name, index, flags))
        except InvalidTag as exc:
            raise KnownError("backup.damaged", detail=name) from exc
        yield zlib.decompress(body) if flags & _ZLIB else body
        index += 1
        if flags & _FINAL:
            if stream.read(1):
                raise KnownError("backup.damaged", detail=name)
            return


class _Hashing:
    """A read-only stream that hashes what passes through it."""

    def __init__(self, inner: IO[bytes]) -> None:
        self._inner = inner
        self.sha = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self._inner.read(size)
        self.sha.update(data)
        self.size += len(data)
        return data


def plain_chunks(stream: IO[bytes]) -> Iterator[bytes]:
    while True:
        data = stream.read(CHUNK)
        if not data:
            return
        yield data


def copy_into(zf: zipfile.ZipFile, name: str, chunks: Iterable[bytes], key: bytes | None,
               compress: bool, on_bytes: Callable[[int], None], cancelled: Cancelled) -> Member:
    stored = name + ENC_SUFFIX if key is not None else name
    with zf.open(stored, "w", force_zip64=True) as out:
        sink = _MemberSink(out, stored, key, compress)
        done = 0
        for chunk in chunks:
            if cancelled():
                raise BackupCancelled()
            sink.write(chunk)
            done += len(chunk)
            on_bytes(done)
        return sink.close()


def member_plaintext(zf: zipfile.ZipFile, member: Member, key: bytes | None,
                      on_bytes: Callable[[int], None], cancelled: Cancelled) -> Iterator[bytes]:
    """Stream a member's plaintext; its stored size and SHA-256 are checked at the end."""
    try:
        with zf.open(member.name) as raw:
            hashing = _Hashing(raw)
            reader: IO[bytes] = hashing  # type: ignore[assignment]
            chunks = (_open_chunks(reader, member.name, key) if key is not None
                      else plain_chunks(reader))
            for chunk in chunks:
                if cancelled():
                    raise BackupCancelled()
                on_bytes(hashing.size)
                yield chunk
            if key is not None and raw.read(1):
                raise KnownError("backup.damaged", detail=member.name)
    except DAMAGE as exc:
        raise KnownError("backup.damaged", detail=f"{member.name}: {exc}") from exc
    if hashing.size != member.size or hashing.sha.hexdigest() != member.sha256:
        raise KnownError("backup.damaged", detail=f"{member.name}: checksum")
