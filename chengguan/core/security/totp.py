"""Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP), written with hmac/hashlib only.

Pure functions: no database, no settings. The second factor's state (the encrypted secret, the last
step used, the recovery codes) lives in ``org.second_factor``; this module only says whether a code
fits a secret at a time, and at which time step, so the caller can refuse a code replayed within
the step it was already used in (decision 079).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
from urllib.parse import quote, urlencode

PERIOD = 30  # seconds per step (RFC 6238 §4: X = 30 is the recommended default)
DIGITS = 6
# The clock of a phone may be a little off: the code of the step before or after is accepted too.
DRIFT_STEPS = 1

_DIGESTS = {"SHA1": hashlib.sha1, "SHA256": hashlib.sha256, "SHA512": hashlib.sha512}


def new_secret() -> str:
    """A fresh 160-bit secret (RFC 4226 §4 R6 asks for at least 128), base32 without padding."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii").rstrip("=")


def secret_bytes(secret_b32: str) -> bytes:
    text = secret_b32.strip().replace(" ", "").upper()
    return base64.b32decode(text + "=" * (-len(text) % 8))


def hotp(key: bytes, counter: int, *, digits: int = DIGITS, algorithm: str = "SHA1") -> str:
    """RFC 4226 §5.3: HMAC of the 8-byte counter, dynamic truncation, ``digits`` decimal digits."""
    mac = hmac.new(key, struct.pack(">Q", counter), _DIGESTS[algorithm]).digest()
    offset = mac[-1] & 0x0F
    binary = int.from_bytes(mac[offset : offset + 4], "big") & 0x7FFFFFFF
    return str(binary % (10**digits)).zfill(digits)


def step_at(unix_time: float, *, period: int = PERIOD) -> int:
    """RFC 6238 §4.2: T = floor((now - T0) / X) with T0 = 0."""
    return int(unix_time // period)


def totp(
    key: bytes,
    unix_time: float,
    *,
    digits: int = DIGITS,
    algorithm: str = "SHA1",
    period: int = PERIOD,
) -> str:
    return hotp(key, step_at(unix_time, period=period), digits=digits, algorithm=algorithm)


def normalise(code: str) -> str:
    """What a person types: spaces and dashes are dropped (a code read out as "123 456")."""
    return "".join(ch for ch in (code or "") if ch not in " -\t")


def matching_step(secret_b32: str, code: str, unix_time: float) -> int | None:
    """The step whose code ``code`` is, within ±DRIFT_STEPS of ``unix_time``; None if none fits.

    Every candidate is compared in constant time, and all of them are always computed, so the
    answer time does not tell which step was close.
    """
    typed = normalise(code)
    if len(typed) != DIGITS or not typed.isascii() or not typed.isdigit():
        return None
    key = secret_bytes(secret_b32)
    now_step = step_at(unix_time)
    found: int | None = None
    for step in range(now_step - DRIFT_STEPS, now_step + DRIFT_STEPS + 1):
        if hmac.compare_digest(hotp(key, step), typed) and found is None:
            found = step
    return found


def provisioning_uri(secret_b32: str, *, account: str, issuer: str) -> str:
    """The otpauth:// URI an authenticator app reads from the QR code (Key Uri Format)."""
    label = quote(f"{issuer}:{account}", safe="")
    query = urlencode(
        {
            "secret": secret_b32,
            "issuer": issuer,
            "algorithm": "SHA1",
            "digits": DIGITS,
            "period": PERIOD,
        },
        quote_via=quote,
    )
    return f"otpauth://totp/{label}?{query}"


def grouped(secret_b32: str) -> str:
    """The secret in groups of four, for typing it by hand."""
    return " ".join(secret_b32[i : i + 4] for i in range(0, len(secret_b32), 4))


def new_recovery_code() -> str:
    """A one-time recovery code: 10 base32 characters (50 bits), shown as XXXXX-XXXXX."""
    raw = base64.b32encode(secrets.token_bytes(7)).decode("ascii")[:10]
    return f"{raw[:5]}-{raw[5:]}"


def recovery_normal(code: str) -> str:
    return normalise(code).upper()
