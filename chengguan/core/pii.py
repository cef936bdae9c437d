"""Personal data at rest (PI-1): AES-GCM with a key id, an HMAC blind index, masking for display.

Ciphertext form: ``<key id>:<base64url(nonce ‖ ciphertext ‖ tag)>``. The key id is derived from the
key, so rotating keys leaves old rows readable as long as the old key stays configured.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os
import re
import secrets
from collections.abc import Iterable
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


def phone_index(phone: str) -> str:
    """The blind index of a phone number by its digits ("138 0000-1234" = "13800001234")."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return blind_index("phone|" + digits) if digits else ""


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


# Identity numbers (PA-1): the checksums themselves, not a library's list of place codes. A real
# number whose place code was created or abolished after a library's table was written is still a
# real number; only the check character tells a mistyped one apart.

_ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))  # GB 11643: W_i = 2^(i-1) mod 11
_ID_CHECK = "10X98765432"


def id_check_char(first17: str) -> str:
    """GB 11643-1999 ISO 7064 MOD 11-2 check character of the first 17 digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("须为17位数字")
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def id_birth_date(value: str) -> dt.date | None:
    """The birth date coded in an 18-character ID number, or None if it is not a real date."""
    v = (value or "").strip()
    try:
        return dt.date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        return None


def valid_id_number(value: str) -> bool:
    """Full GB 11643 check: 17 digits + the check character computed over all 17, and a real birth
    date not in the future. The place code is not looked up (codes change; DESIGN.md §9)."""
    v = (value or "").strip().upper()
    if len(v) != 18 or not v[:17].isascii() or not v[:17].isdigit():
        return False
    if id_check_char(v[:17]) != v[17]:
        return False
    born = id_birth_date(v)
    return born is not None and dt.date(1900, 1, 1) <= born <= dt.date.today()


# GB 32100-2015: 18 characters from 0-9 and the 21 upper-case letters without I, O, Z, S, V.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_char(first17: str) -> str:
    """GB 32100-2015 check character (MOD 31) of the first 17 characters."""
    if len(first17) != 17 or any(c not in USCC_ALPHABET for c in first17):
        raise ValueError("须为17位代码字符")
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def valid_credit_code(value: str) -> bool:
    """统一社会信用代码: 18 characters of the GB 32100 alphabet whose last is the check character;
    the 9-character organisation code inside (positions 9–17) carries its own GB 11714 check."""
    v = (value or "").strip().upper()
    if len(v) != 18 or any(c not in USCC_ALPHABET for c in v):
        return False
    return uscc_check_char(v[:17]) == v[17]


# --- access ---
# Public texts (issue #12, item 3): what a citizen typed may hold a phone or ID number, and a staff
# member may have pasted the requester's name; anything shown to the public passes ``scrub`` first.

# Any run of 11+ digits: mobiles, 15/18-digit ID numbers (the trailing X stays, the digits before it
# are masked), bank cards. Masking the whole run (not a pattern inside it) means digits typed next to
# the number cannot hide it. Full-width digits count too: they are how some input methods type them.
_LONG_DIGITS = re.compile(r"[0-9０-９]{11,}")
# A mobile written in groups: 138 1234 5678, 138-1234-5678.
_GROUPED_MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9](?:[ \-－][0-9]{4}){2}(?![0-9])")


def _mask_run(match: re.Match[str]) -> str:
    run = match.group(0)
    # Same shape as the field maskers: place code and last 4 of an ID, prefix and last 4 of a phone.
    return mask_id_number(run) if len(run) >= 15 else mask_phone(run)


def _mask_grouped(match: re.Match[str]) -> str:
    run = match.group(0)
    return run[:3] + re.sub(r"[0-9]", "*", run[3:-4]) + run[-4:]


def scrub(text: str, *, names: Iterable[str] = ()) -> str:
    """``text`` with embedded phone and ID numbers masked, and each of ``names`` (2+ chars) masked."""
    out = _LONG_DIGITS.sub(_mask_run, text or "")
    out = _GROUPED_MOBILE.sub(_mask_grouped, out)
    for name in sorted(
        {n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True
    ):
        out = out.replace(name, mask_name(name))
    return out


# The query code: no 0/O/1/I/L, so it can be read out over the phone; 8 of 31 symbols ≈ 40 bits.
QUERY_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
QUERY_CODE_LENGTH = 8


def new_query_code() -> str:
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(QUERY_CODE_LENGTH))


def query_code_digest(code: str) -> str:
    """Keyed (HMAC) so a copied database does not let the 40-bit codes be tried offline."""
    normal = "".join((code or "").split()).upper()
    return blind_index("query-code|" + normal)


def query_code_matches(code: str, digest: str) -> bool:
    # Computed even when the case has no digest, so a wrong code and a missing case take equal time.
    candidate = query_code_digest(code)
    return bool(code) and bool(digest) and hmac.compare_digest(candidate, digest)


# --- end access ---
