"""Personal data at rest (PI-1): AES-GCM with a key id, an HMAC blind index, masking for display.

Ciphertext form: ``<key id>:<base64url(nonce ‖ ciphertext ‖ tag)>``. The key id is derived from the
key, so rotating keys leaves old rows readable as long as the old key stays configured.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import cache
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.db import models


@cache
def _keys() -> tuple[str, dict[str, bytes], bytes]:
    """(current key id, every key id → AES key, blind-index key) from PII_KEY (+ PII_OLD_KEYS)."""
    secrets = [settings.PII_KEY, *getattr(settings, "PII_OLD_KEYS", [])]
    keyring: dict[str, bytes] = {}
    for secret in secrets:
        material = hashlib.sha256(b"chengguan-pii-aes|" + secret.encode()).digest()
        key_id = hashlib.sha256(b"chengguan-pii-id|" + secret.encode()).hexdigest()[:8]
        keyring[key_id] = material
    current = next(iter(keyring))
    index_key = hashlib.sha256(b"chengguan-pii-index|" + settings.PII_KEY.encode()).digest()
    return current, keyring, index_key


def reset_keys() -> None:
    _keys.cache_clear()


def encrypt(plaintext: str) -> str:
    key_id, keyring, _ = _keys()
    nonce = os.urandom(12)
    sealed = AESGCM(keyring[key_id]).encrypt(nonce, plaintext.encode("utf-8"), key_id.encode())
    return f"{key_id}:{base64.urlsafe_b64encode(nonce + sealed).decode()}"


def decrypt(token: str) -> str:
    key_id, _, body = token.partition(":")
    _, keyring, _ = _keys()
    if key_id not in keyring:
        raise ValueError(f"unknown PII key id {key_id}")
    raw = base64.urlsafe_b64decode(body.encode())
    return AESGCM(keyring[key_id]).decrypt(raw[:12], raw[12:], key_id.encode()).decode("utf-8")


def blind_index(value: str) -> str:
    """Keyed hash for exact-match lookup of an encrypted value (normalised: trimmed, upper-case)."""
    _, _, index_key = _keys()
    normal = value.strip().upper().encode("utf-8")
    return hmac.new(index_key, normal, hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """A text column stored encrypted; Python code sees the clear text. Empty stays empty."""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(str(value))


# Masking (GS-2, PI-1): what a user without need, or the public, sees.


def mask_id_number(value: str) -> str:
    """ID card number: keep the first 6 (place) and the last 4; the birth date is always hidden."""
    v = (value or "").strip()
    if len(v) <= 4:
        return "*" * len(v)
    if len(v) <= 10:
        return v[:2] + "*" * (len(v) - 4) + v[-2:]
    return v[:6] + "*" * (len(v) - 10) + v[-4:]


def mask_phone(value: str) -> str:
    v = (value or "").strip()
    if len(v) < 7:
        return "*" * len(v)
    return v[:3] + "*" * (len(v) - 7) + v[-4:]


def mask_name(value: str) -> str:
    """张三 → 张*, 欧阳娜娜 → 欧***; organisations' names are not personal data and are not masked."""
    v = (value or "").strip()
    if len(v) <= 1:
        return v
    return v[0] + "*" * (len(v) - 1)
