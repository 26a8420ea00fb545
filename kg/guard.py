"""What ``kg serve`` refuses before a query reaches a worker: queries that would make the server open a connection
(federated ``SERVICE``), and requests from other web origins (cross-site requests, DNS rebinding).

A web page the user visits can make the browser send requests to ``http://127.0.0.1:7878`` (an ``<img>``, a
form, ``fetch``). The browser says where such a request comes from: ``Origin`` (on POST, ``fetch`` and every
cross-origin request that can read its answer) and ``Sec-Fetch-Site`` (on every request of a current browser).
A request is served when it names no other site, its ``Host`` is the server's own (a name that resolves to a
loopback or the listening address, never a name an attacker's DNS controls) and its ``Origin``, if any, is the
server's own or one the user allowed with ``--cors``.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

#: Literals, IRIs and comments (skipped, so that a word inside them is not a keyword) and the keyword itself.
_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"
    r"|#[^\n\r]*"
    r"|(?<![\w?$:.-])(SERVICE)(?![\w:-])",
    re.IGNORECASE | re.DOTALL,
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _unescape(query: str) -> str:
    """SPARQL 1.1 (section 19.2): ``\\uXXXX`` escapes are replaced before the query is parsed, anywhere in it."""

    def one(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code < 0x110000 else m.group(0)

    return _ESCAPE.sub(one, query)


def opens_connection(query: str) -> bool:
    """True when ``query`` holds a federated ``SERVICE`` call (outside strings, IRIs and comments), which would
    make the store fetch another address. Errs on the side of refusing."""
    return any(m.group(1) for m in _TOKENS.finditer(_unescape(query)))


def _host_port(value: str) -> tuple[str, int | None] | None:
    """(host, port) of a ``Host`` header or URL authority; None when it is not one."""
    try:
        parts = urlsplit("//" + value.strip())
        host, port = parts.hostname, parts.port
    except ValueError:
        return None
    if not host or parts.username is not None or parts.path or parts.query:
        return None
    return host.lower(), port


@dataclass(frozen=True, slots=True)
class Gate:
    """Which ``Host`` and ``Origin`` values a server at ``host``:``port`` accepts."""

    host: str
    port: int
    cors: frozenset[str] = frozenset()

    @classmethod
    def make(cls, host: str, port: int, cors: Iterable[str] = ()) -> Gate:
        return cls(host, port, frozenset(origin.rstrip("/").lower() for origin in cors))

    def own_host(self, name: str) -> bool:
        """A name that is this server: an IP address (no DNS involved), ``localhost``, this machine's name, or
        the name it listens on."""
        try:
            ipaddress.ip_address(name)
            return True
        except ValueError:
            pass
        own = {"localhost", self.host.lower(), socket.gethostname().lower()}
        return name in own or name.endswith(".localhost")

    def host_ok(self, header: str | None) -> bool:
        if header is None:
            return False  # HTTP/1.1 requires it; a browser always sends it
        parsed = _host_port(header)
        if parsed is None:
            return False
        name, port = parsed
        return self.own_host(name) and (port or 80) == self.port

    def origin_ok(self, origin: str | None, host: str | None) -> bool:
        """No Origin (not a browser's cross-origin request), the server's own, or one allowed with ``--cors``."""
        if origin is None:
            return True
        origin = origin.strip().rstrip("/").lower()
        if origin in self.cors or "*" in self.cors:
            return True
        if host is None or not origin.startswith("http://"):
            return False  # "null" (a sandboxed page, a file://), https:// or any other scheme: not us
        return _host_port(origin[len("http://") :]) == _host_port(host) and self.host_ok(host)

    def allowed_origin(self, origin: str | None) -> str | None:
        """The value of ``Access-Control-Allow-Origin`` for ``origin``, if ``--cors`` allows it."""
        if origin is None:
            return None
        key = origin.strip().rstrip("/").lower()
        if key in self.cors:
            return origin.strip()
        return "*" if "*" in self.cors else None


def cross_site(fetch_site: str | None) -> bool:
    """True when the browser says the request comes from another site or origin (``Sec-Fetch-Site``)."""
    return fetch_site is not None and fetch_site.strip().lower() in ("cross-site", "same-site")


__all__ = ["Gate", "cross_site", "opens_connection"]
