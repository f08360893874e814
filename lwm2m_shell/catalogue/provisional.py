"""Names that look like LWM2M endpoints: offered at once, before the identity API confirms them.

The documented bulk registration formats make a device's ``name`` its endpoint (the legacy CSV
requires ``NAME`` = ``ID``; the newer one has only the endpoint), so on most tenants the name is
right. It is only a guess until the device's external IDs are read: a user may have renamed the
device. A name counts as a likely endpoint when it matches one of the patterns: ``urn:…`` names
(``urn:imei:``, ``urn:uuid:``, ``urn:imsi:``, ``urn:dev:…``), bare IMEI or IMSI digits, or
``imei``/``imsi`` followed by digits. More patterns can be configured.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

DEFAULT_PATTERNS: tuple[str, ...] = (
    r"urn:[a-z0-9][a-z0-9-]{0,31}:\S+",
    r"\d{14,16}",  # IMEI (15 digits, 16 with the software version) or IMSI (14-15)
    r"(?:imei|imsi)[-:_]?\d{14,16}",
)


class EndpointGuess:
    """Decides whether a device name may be offered as its (provisional) endpoint."""

    def __init__(self, patterns: Iterable[str] = DEFAULT_PATTERNS) -> None:
        texts = tuple(patterns)
        for text in texts:
            re.compile(text)  # a bad pattern fails here, with re.error naming it
        joined = "|".join(f"(?:{text})" for text in texts) or r"(?!)"
        self._pattern = re.compile(joined, re.IGNORECASE)

    def __call__(self, name: str) -> str | None:
        """The provisional endpoint for a device named ``name``, or None."""
        name = name.strip()
        return name if name and self._pattern.fullmatch(name) else None
