"""Hostile text: a tenant whose answers carry terminal control sequences.

Nothing in the Cumulocity API forbids control characters in an agent's result, a failure reason,
an error message, a device name or an external ID, so a faithful tenant may send any of them.
With hostile text on (``--hostile-text``, ``SimulatorConfig.hostile_text`` or the control path
``/__simulator__/hostile``) the simulated tenant puts ``text`` in front of agent results, failure
reasons and error messages, and seeds a few LWM2M devices whose names and endpoints carry it.
Everything else stays as the API describes it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

# Window title (OSC 0), clear screen (CSI 2J), hidden text (SGR 8), a carriage return that lets
# "FAKE" overwrite the line, a C1 CSI, a right-to-left override and a clipboard write (OSC 52).
HOSTILE_TEXT = (
    "\x1b]0;PWNED\x07\x1b[2J\x1b[8mHIDDEN\x1b[0m\rFAKE \u009b7m\u202eevil\u202c"
    " \x1b]52;c;cHduZWQ=\x07"
)
# Endpoints are one word: the same attacks without white space (the CR stays: it is no space
# for the API, only for our own word splitting).
HOSTILE_ENDPOINTS = (
    "urn:imei:\x1b]0;PWNED\x07\x1b[2J35000000000001",
    "urn:imei:\x1b[8m\u009b7m\u202e35000000000002",
    "legacy-\x1b]52;c;cHduZWQ=\x07\rFAKE-00003",
)
HOSTILE_NAMES = (
    "\x1b]0;PWNED\x07meter \x1b[2Jwest",
    "\x1b[8mhidden\x1b[0m\rFAKE name \u009b7m",
    "\u202eretem-tsae\u202c \x1b]52;c;cHduZWQ=\x07",
)
PARTS = ("results", "reasons", "errors")


@dataclass
class HostileText:
    """Which answers carry ``text`` (thread-safe: the control path may change it any time)."""

    results: bool = False
    reasons: bool = False
    errors: bool = False
    text: str = HOSTILE_TEXT
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @classmethod
    def everywhere(cls, on: bool) -> HostileText:
        return cls(results=on, reasons=on, errors=on)

    def taint(self, part: str, value: str) -> str:
        """``value`` with the hostile text in front when ``part`` is switched on."""
        with self._lock:
            on, text = getattr(self, part), self.text
        return f"{text} {value}" if on else value

    def to_json(self) -> dict[str, Any]:
        with self._lock:
            return {**{part: getattr(self, part) for part in PARTS}, "text": self.text}

    def update(self, data: object) -> None:
        """Change it from control-path JSON; ValueError when the JSON is not understood."""
        if not isinstance(data, dict) or set(data) - {*PARTS, "text"}:
            raise ValueError(f"expected an object with {sorted([*PARTS, 'text'])}")
        for part in PARTS:
            if part in data and not isinstance(data[part], bool):
                raise ValueError(f"{part} must be true or false")
        if "text" in data and not isinstance(data["text"], str):
            raise ValueError("text must be a string")
        with self._lock:
            for part in PARTS:
                if part in data:
                    setattr(self, part, data[part])
            if "text" in data:
                self.text = data["text"]
