"""The HTTP server: reads requests, applies latency and faults, and writes replies."""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from . import api, control, hostile_answers, realtime
from .config import Fault
from .faults import HTML_502, error_body, truncate_json
from .protocol import ERROR_TYPE, ApiError, Reply, Request
from .served_tenant import ServedTenant

log = logging.getLogger(__name__)
CONTROL_PREFIX = "/__simulator__"
HOSTILE_KINDS = frozenset(
    {"drip", "drip_headers", "oversize", "nested", "endless_pages", "redirect", "eager_connect"}
)
PACE = 0.1  # seconds between the pieces of a paced (dripping) answer


class SimulatorHTTPServer(ThreadingHTTPServer):
    """A threading server that can cut all its open connections when stopping."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], tenant: ServedTenant) -> None:
        self.tenant = tenant
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        self.accepted = 0  # TCP connections accepted so far (keep-alive shows as few)
        family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.address_family = family
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
            self.accepted += 1
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        realtime.release_held(self.tenant.state)
        with self._open_lock:
            sockets = list(self._open)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: SimulatorHTTPServer
    server_version = "simulated-cumulocity/1"
    disable_nagle_algorithm = True  # headers and body go out as separate writes

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s " + format, self.client_address[0], *args)

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_PUT(self) -> None:
        self._handle()

    def do_DELETE(self) -> None:
        self._handle()

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        if length < 0:
            raise ValueError("negative Content-Length")
        return self.rfile.read(length) if length else b""

    def _handle(self) -> None:
        tenant = self.server.tenant
        url = urlsplit(self.path)
        try:
            body = self._read_body()
        except ValueError:
            self.close_connection = True
            self._send(ApiError(400, "general/badRequest", "Unreadable request body").reply())
            return
        request = Request(
            method=self.command,
            path=url.path,
            params=parse_qsl(url.query, keep_blank_values=True),
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            client_host=self.client_address[0],
        )
        if url.path == CONTROL_PREFIX or url.path.startswith(CONTROL_PREFIX + "/"):
            self._send(self._safely(lambda: control.handle(tenant, request)))
            return
        hit = tenant.note_request(request.method, url.path)
        delay = tenant.config.latency + hit.delay
        if delay > 0:
            time.sleep(delay)
        fault = hit.fault
        if fault is not None and fault.kind in HOSTILE_KINDS:
            self._send_hostile(fault, request)
            return
        if fault is not None and not fault.after_processing:
            if fault.kind == "slow":
                time.sleep(fault.delay)
                self._send(self._safely(lambda: api.handle(tenant.state, request)))
            else:
                self._send_fault(fault, None)
            return
        reply = self._safely(lambda: api.handle(tenant.state, request))
        if fault is None:
            self._send(reply)
        elif fault.kind == "slow":
            time.sleep(fault.delay)
            self._send(reply)
        else:
            self._send_fault(fault, reply)

    def _safely(self, produce: Any) -> Reply:
        try:
            reply: Reply = produce()
        except Exception:
            log.exception("simulator failed on %s %s", self.command, self.path)
            return ApiError(500, "general/internalError", "Internal simulator error").reply()
        return reply

    def _send_hostile(self, fault: Fault, request: Request) -> None:
        state = self.server.tenant.state

        def real(asked: Request = request) -> Reply:
            return self._safely(lambda: api.handle(state, asked))

        if fault.kind == "eager_connect":
            eager = hostile_answers.eager_connect(fault, request)
            self._send(eager if eager is not None else real())
        elif fault.kind in ("drip", "drip_headers"):
            self._stream(hostile_answers.drip(fault, real()))
        elif fault.kind == "endless_pages":
            asked = hostile_answers.first_page(request) if fault.repeat else request
            self._send(hostile_answers.endless_page(fault, request, real(asked)))
        else:
            applied = real() if fault.after_processing else None
            if fault.kind == "oversize":
                self._stream(hostile_answers.oversize(fault))
            elif fault.kind == "nested":
                self._send(hostile_answers.nested(fault, applied))
            else:
                self._send(hostile_answers.redirect(fault))

    def _stream(self, answer: hostile_answers.Streamed) -> None:
        """Write an answer piece by piece (paced when it has a rate); stops when the client goes."""
        self.close_connection = True
        headers = {"Content-Type": answer.content_type, **answer.headers}
        if answer.length is None:
            headers["Transfer-Encoding"] = "chunked"
        else:
            headers["Content-Length"] = str(answer.length)
        try:
            if answer.paced_head:
                self._drip_head(answer.status, headers, answer.rate)
            else:
                self.send_response(answer.status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
            for chunk in answer.chunks:
                for piece, pause in _paced(chunk, answer.rate):
                    if answer.length is None:
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                    else:
                        self.wfile.write(piece)
                    if pause:
                        self.wfile.flush()
                        time.sleep(pause)
            if answer.length is None:
                self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError, OSError):
            return

    def _drip_head(self, status: int, headers: dict[str, str], rate: float | None) -> None:
        """The status line and headers, ``rate`` bytes a second (a slowloris server)."""
        reason = self.responses.get(status, ("",))[0]
        lines = [f"{self.protocol_version} {status} {reason}", f"Server: {self.version_string()}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        for piece, pause in _paced(head, rate):
            self.wfile.write(piece)
            self.wfile.flush()
            time.sleep(pause)

    def _send_fault(self, fault: Fault, real: Reply | None) -> None:
        if fault.kind == "drop":
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        if fault.kind == "status":
            headers = {}
            if isinstance(fault.retry_after, str):
                headers["Retry-After"] = fault.retry_after  # verbatim: odd values on purpose
            elif fault.retry_after is not None:
                headers["Retry-After"] = f"{fault.retry_after:g}"
            self._send(Reply(fault.status, error_body(fault.status), ERROR_TYPE, headers))
        elif fault.kind == "html_502":
            self._send(Reply(502, HTML_502, "text/html; charset=utf-8"))
        else:
            status = real.status if real is not None else 200
            content_type = (real.content_type if real else None) or "application/json"
            garbled = (
                b"" if fault.kind == "empty_body" else truncate_json(real.body if real else None)
            )
            self._send(Reply(status, garbled, content_type))

    def _send(self, reply: Reply) -> None:
        body = reply.body or b""
        try:
            self.send_response(reply.status)
            if reply.content_type:
                self.send_header("Content-Type", reply.content_type)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body and self.command != "HEAD":
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


def _paced(chunk: bytes, rate: float | None) -> list[tuple[bytes, float]]:
    """``chunk`` in pieces with the pause after each: ``rate`` bytes a second, or all at once."""
    if rate is None or not chunk:
        return [(chunk, 0.0)]
    size = max(1, int(rate * PACE))
    return [(chunk[i : i + size], size / rate) for i in range(0, len(chunk), size)]
