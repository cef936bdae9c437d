"""Files and stored replies at rest: AES-GCM with the personal-data key (``pii``), as bytes.

Form: ``CGS1`` ‖ key id (8 ASCII) ‖ nonce (12) ‖ ciphertext ‖ tag. The key id names the key, so old
sealed files stay readable while their key stays in ``PII_OLD_KEYS``, as with encrypted fields.
Bytes without the magic are taken as written before sealing (read as they are).
"""

from __future__ import annotations

import os

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
