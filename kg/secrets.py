"""Keeping credentials out of everything kg prints: :func:`redact` replaces each credential kg was given (from
the environment, in every form it is sent in: as is, percent-encoded, base64 in a basic ``Authorization``
header) and any ``Authorization`` header or bearer/basic credential a server echoes back."""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Mapping
from urllib.parse import quote

#: The environment variables that hold credentials (see :mod:`kg.graph.load`).
ENV_TOKEN, ENV_USER, ENV_PASSWORD = "KG_ENDPOINT_TOKEN", "KG_ENDPOINT_USER", "KG_ENDPOINT_PASSWORD"
MASK = "[redacted]"

_HEADER = re.compile(
    r"(?i)\b((?:proxy-)?authorization|x-api-key|api[-_]?key|access[-_]token)"
    r"(\"?\s*[:=]\s*\"?)[^\s\",;]+(?:\s+[^\s\",;]+)?"
)
_SCHEME = re.compile(r"(?i)\b(bearer|basic|digest)(\s+)[A-Za-z0-9._~+/=-]{6,}")


def secrets(env: Mapping[str, str] | None = None) -> list[str]:
    """Every form of the credentials in ``env`` (default: the process's environment), longest first."""
    env = os.environ if env is None else env
    found: set[str] = set()
    token, user, password = env.get(ENV_TOKEN), env.get(ENV_USER), env.get(ENV_PASSWORD)
    for value in (token, password):
        if value:
            found |= {value, quote(value, safe=""), base64.b64encode(value.encode()).decode()}
    if user and password:
        found.add(base64.b64encode(f"{user}:{password}".encode()).decode())
    return sorted((s for s in found if len(s) >= 3), key=len, reverse=True)


def redact(text: str, env: Mapping[str, str] | None = None) -> str:
    """``text`` without any credential: the ones kg holds, and any a server echoed in a header-like form."""
    for secret in secrets(env):
        text = text.replace(secret, MASK)
    text = _HEADER.sub(lambda m: f"{m.group(1)}{m.group(2)}{MASK}", text)
    return _SCHEME.sub(lambda m: f"{m.group(1)}{m.group(2)}{MASK}", text)


__all__ = ["ENV_PASSWORD", "ENV_TOKEN", "ENV_USER", "MASK", "redact", "secrets"]
