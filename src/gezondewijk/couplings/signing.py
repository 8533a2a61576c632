"""Signing of webhook deliveries: HMAC-SHA256 over the timestamp and the exact body.

Header: `X-GezondeWijk-Signature: t=<unix seconds>,v1=<hex digest>`, where the digest is
HMAC-SHA256(secret, f"{t}." + body). The timestamp is signed too, so a receiver can refuse
old deliveries replayed later (we advise a tolerance of five minutes).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

HEADER = "X-GezondeWijk-Signature"
TOLERANCE_S = 300


def new_secret() -> str:
    return secrets.token_hex(32)


def signature(secret: str, timestamp: int, body: bytes) -> str:
    message = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def header_value(secret: str, body: bytes, timestamp: int | None = None) -> str:
    t = int(time.time()) if timestamp is None else timestamp
    return f"t={t},v1={signature(secret, t, body)}"


def verify(secret: str, header: str, body: bytes, *, now: float | None = None) -> bool:
    """What a receiver does; the docs page shows the same in a few lines of Python."""
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        t = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((time.time() if now is None else now) - t) > TOLERANCE_S:
        return False
    return hmac.compare_digest(signature(secret, t, body), parts.get("v1", ""))
