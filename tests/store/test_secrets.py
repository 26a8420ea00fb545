"""Nothing kg prints holds a credential, even when the server echoes the Authorization header back (in its body,
in its status line, as JSON). A real HTTP server on 127.0.0.1, the real ``kg load`` command."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kg.secrets import MASK, redact

pytestmark = pytest.mark.server

TOKEN = "tok-9f8e7d6c5b4a"
USER, PASSWORD = "ann", "pa55-w0rd-x!"
BASIC = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()


class Echo(BaseHTTPRequestHandler):
    """Refuses every request, telling back the Authorization header it got, in the way given by the path."""

    def _any(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        auth = self.headers.get("Authorization", "")
        raw = auth.split(" ", 1)[-1]
        how = self.server.how  # type: ignore[attr-defined]
        if how == "status":
            self.send_response(401, f"Bad credentials {auth}")
            body = b"no"
        else:
            self.send_response(403)
            body = {
                "text": f"Forbidden: you sent Authorization: {auth}",
                "raw": f"the key {raw} is not valid",
                "json": json.dumps({"error": "denied", "headers": {"Authorization": auth}}),
            }[how].encode()
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_PUT = _any  # noqa: N815

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def echo() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("secrets") / "graph.ttl"
    path.write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("how", ["text", "raw", "json", "status"])
@pytest.mark.parametrize(
    "credentials",
    [{"KG_ENDPOINT_TOKEN": TOKEN}, {"KG_ENDPOINT_USER": USER, "KG_ENDPOINT_PASSWORD": PASSWORD}],
    ids=["bearer", "basic"],
)
def test_an_echoed_credential_is_never_printed(
    echo: ThreadingHTTPServer, graph_file: Path, how: str, credentials: dict[str, str]
) -> None:
    echo.how = how  # type: ignore[attr-defined]
    url = f"http://127.0.0.1:{echo.server_address[1]}/store"
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_ENDPOINT_")} | credentials
    done = subprocess.run(
        [sys.executable, "-c", "from kg.cli import app; app()", "load", str(graph_file), "--endpoint", url],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    printed = done.stdout + done.stderr
    assert done.returncode == 2 and "K403" in printed, printed
    for secret in (TOKEN, PASSWORD, BASIC, "pa55-w0rd-x%21"):
        assert secret not in printed, printed
    assert MASK in printed or how == "status" and "401" in printed


def test_redact() -> None:
    env = {"KG_ENDPOINT_TOKEN": TOKEN}
    assert redact(f"a {TOKEN} b", env) == f"a {MASK} b"
    assert redact("Authorization: Bearer abcdefgh", {}) == f"Authorization: {MASK}"
    assert redact('{"authorization": "Basic dXNlcjpwYXNz"}', {}) == f'{{"authorization": "{MASK}"}}'
    assert redact("no credential here: HTTP 403 Forbidden", env) == "no credential here: HTTP 403 Forbidden"
