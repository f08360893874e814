"""Every connection to the tenant is built by one factory: the same headers, never a redirect.

A small recording server on 127.0.0.1 stands in for a tenant here: the simulated tenant does not
keep the headers it was sent.
"""

from __future__ import annotations

import ast
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import lwm2m_shell
from lwm2m_shell import __version__
from lwm2m_shell.client import ClientOptions, CumulocityClient
from lwm2m_shell.client.errors import Redirected
from lwm2m_shell.live.realtime import RealtimeClient


class Recorder:
    """Answers every request with a redirect to /elsewhere and keeps what was asked."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, dict[str, str]]] = []
        self.arrived = threading.Condition()
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                self.rfile.read(length)
                with recorder.arrived:
                    headers = {name.lower(): value for name, value in self.headers.items()}
                    recorder.seen.append((self.path, headers))
                    recorder.arrived.notify_all()
                self.send_response(302)
                self.send_header("Location", "/elsewhere")
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def first_to(self, path: str, timeout: float = 30.0) -> dict[str, str]:
        with self.arrived:
            found = self.arrived.wait_for(
                lambda: any(seen.startswith(path) for seen, _ in self.seen), timeout
            )
            assert found, f"nothing asked for {path}: {self.seen}"
            return next(headers for seen, headers in self.seen if seen.startswith(path))

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    made = Recorder()
    yield made
    made.close()


def _ours(headers: dict[str, str]) -> dict[str, str | None]:
    wanted = ("accept", "user-agent", "x-cumulocity-application-key")
    return {name: headers.get(name) for name in wanted}


def test_the_rest_client_and_the_realtime_client_send_the_same_headers(
    recorder: Recorder,
) -> None:
    options = ClientOptions(timeout=5.0, app_key="shell-app-key")
    with CumulocityClient(recorder.url, None, options) as client, pytest.raises(Redirected):
        client.current_tenant()
    rest = recorder.first_to("/tenant/currentTenant")
    live = RealtimeClient(recorder.url, None, "42", app_key="shell-app-key", request_timeout=5.0)
    live.start()
    try:
        pushed = recorder.first_to("/notification/realtime")
    finally:
        live.stop()
    expected = {
        "accept": "application/json",
        "user-agent": f"lwm2m-shell/{__version__}",
        "x-cumulocity-application-key": "shell-app-key",
    }
    assert _ours(rest) == expected
    assert _ours(pushed) == expected


def test_without_an_app_key_none_is_sent_and_redirects_are_not_followed(
    recorder: Recorder,
) -> None:
    client = CumulocityClient(recorder.url, None, ClientOptions(timeout=5.0))
    with client, pytest.raises(Redirected, match="redirect"):
        client.current_tenant()
    assert "x-cumulocity-application-key" not in recorder.first_to("/tenant")
    assert [path for path, _ in recorder.seen] == ["/tenant/currentTenant"]  # not /elsewhere


def test_no_module_builds_an_httpx_client_but_the_factory() -> None:
    package = Path(lwm2m_shell.__file__).parent
    builders: list[str] = []
    for source in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("Client", "AsyncClient")
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "httpx"
            ):
                builders.append(str(source.relative_to(package)))
    assert builders == ["client/http_factory.py"]
