"""Injected faults: which one hits a request, and the broken answers they produce."""

from __future__ import annotations

import json
import random
import threading
from dataclasses import dataclass

from .config import Fault

HTML_502 = b"""<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
"""


@dataclass(frozen=True)
class Hit:
    """What the faults decided for one request."""

    delay: float = 0.0  # latency to add before handling
    fault: Fault | None = None  # the answer-changing fault, if any


class FaultBook:
    """The active faults, consumed in the order they were added."""

    def __init__(self, seed: int) -> None:
        self._faults: list[tuple[Fault, list[int | None]]] = []
        self._rng = random.Random(seed)
        self._lock = threading.Lock()

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append((fault, [fault.times]))

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def active(self) -> list[Fault]:
        with self._lock:
            return [fault for fault, _ in self._faults]

    def match(self, method: str, path: str) -> Hit:
        """Consume the faults hitting this request: all latencies and the first other fault."""
        delay = 0.0
        chosen: Fault | None = None
        with self._lock:
            for fault, remaining in self._faults:
                if fault.method is not None and fault.method != method:
                    continue
                if not path.startswith(fault.path):
                    continue
                if fault.kind != "latency" and chosen is not None:
                    continue
                if fault.probability < 1.0 and self._rng.random() >= fault.probability:
                    continue
                if remaining[0] is not None:
                    remaining[0] -= 1
                if fault.kind == "latency":
                    delay += fault.delay
                else:
                    chosen = fault
            self._faults = [(f, r) for f, r in self._faults if r[0] is None or r[0] > 0]
        return Hit(delay, chosen)


def error_body(status: int) -> bytes:
    """A Cumulocity error body for an injected status code."""
    kinds = {
        429: ("general/tooManyRequests", "Too many requests; slow down"),
        500: ("general/internalError", "Internal server error (injected fault)"),
        502: ("general/badGateway", "Bad gateway (injected fault)"),
        503: ("general/serviceUnavailable", "Service temporarily unavailable (injected fault)"),
        504: ("general/gatewayTimeout", "Gateway timeout (injected fault)"),
    }
    error, message = kinds.get(status, ("general/injectedFault", f"Injected fault {status}"))
    return json.dumps(
        {"error": error, "message": message, "info": "https://cumulocity.com/api/core/"}
    ).encode()


def truncate_json(body: bytes | None) -> bytes:
    """A JSON body cut in the middle (always invalid JSON)."""
    if not body or len(body) < 4:
        return b'{"managedObjects": [{"id": "1'
    return body[: max(2, len(body) // 2)].rstrip(b"}]")
