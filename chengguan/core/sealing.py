"""Files and stored replies at rest: AES-GCM with the personal-data key (``pii``), as bytes.

Form: ``CGS1`` ‖ key id (8 ASCII) ‖ nonce (12) ‖ ciphertext ‖ tag. The key id names the key, so old
sealed files stay readable while their key stays in ``PII_OLD_KEYS``, as with encrypted fields.
Bytes without the magic are taken as written before sealing (read as they are).
"""

from __future__ import annotations

import os
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from chengguan.core.pii import _keys

MAGIC = b"CGS1"
_HEADER = len(MAGIC) + 8 + 12


def seal(plain: bytes) -> bytes:
    key_id, keyring, _ = _keys()
    nonce = os.urandom(12)
    aad = MAGIC + key_id.encode("ascii")
    return aad + nonce + AESGCM(keyring[key_id]).encrypt(nonce, plain, aad)


def is_sealed(data: bytes) -> bool:
    return data[: len(MAGIC)] == MAGIC and len(data) >= _HEADER + 16


def unseal(data: bytes) -> bytes:
    """The clear bytes; data from before sealing is returned as it is."""
    if not is_sealed(data):
        return data
    aad = data[: len(MAGIC) + 8]
    key_id = aad[len(MAGIC) :].decode("ascii")
    _, keyring, _ = _keys()
    if key_id not in keyring:
        raise ValueError(f"unknown data key id {key_id}")
    nonce = data[len(aad) : _HEADER]
    return AESGCM(keyring[key_id]).decrypt(nonce, data[_HEADER:], aad)


# Streams (backups): chunks sealed one by one, so an archive of any size never sits in memory.
STREAM_MAGIC = b"CGB1"
CHUNK = 4 << 20


def _chunk_aad(header: bytes, index: int, final: bool) -> bytes:
    return header + index.to_bytes(8, "big") + (b"\x01" if final else b"\x00")


def seal_stream(src: BinaryIO, dst: BinaryIO) -> None:
    """Write ``src`` sealed: header (magic, key id, nonce prefix), then length-prefixed chunks whose
    nonce and associated data carry their index and a final flag, so chunks cannot be reordered,
    dropped or the stream cut short without ``unseal_stream`` noticing."""
    key_id, keyring, _ = _keys()
    aes = AESGCM(keyring[key_id])
    prefix = os.urandom(4)
    header = STREAM_MAGIC + key_id.encode("ascii") + prefix
    dst.write(header)
    index = 0
    chunk = src.read(CHUNK)
    while True:
        following = src.read(CHUNK) if chunk else b""
        final = not following
        nonce = prefix + index.to_bytes(8, "big")
        sealed = aes.encrypt(nonce, chunk, _chunk_aad(header, index, final))
        dst.write(len(sealed).to_bytes(4, "big") + sealed)
        if final:
            return
        chunk, index = following, index + 1


def unseal_stream(src: BinaryIO, dst: BinaryIO) -> None:
    """The clear bytes of a ``seal_stream`` (ValueError if it is not one, or was altered)."""
    header = src.read(len(STREAM_MAGIC) + 8 + 4)
    if len(header) != 16 or header[:4] != STREAM_MAGIC:
        raise ValueError("不是加密的备份数据")
    key_id = header[4:12].decode("ascii", "replace")
    _, keyring, _ = _keys()
    if key_id not in keyring:
        raise ValueError(f"没有解密该备份的数据密钥（密钥编号 {key_id}）")
    aes = AESGCM(keyring[key_id])
    prefix = header[12:16]
    index = 0
    while True:
        size_bytes = src.read(4)
        if len(size_bytes) != 4:
            raise ValueError("备份数据不完整（被截断）")
        sealed = src.read(int.from_bytes(size_bytes, "big"))
        nonce = prefix + index.to_bytes(8, "big")
        for final in (False, True):
            try:
                dst.write(aes.decrypt(nonce, sealed, _chunk_aad(header, index, final)))
            except InvalidTag:
                continue
            break
        else:
            raise ValueError("备份数据无法解密（被改动或密钥不符）")
        if final:
            if src.read(1):
                raise ValueError("备份数据末尾有多余内容")
            return
        index += 1
