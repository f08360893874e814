"""Bounds of the numeric settings and of header values, shared by every source of settings.

A number that is not finite, not above zero or absurdly large is refused where it comes in
(a flag, a profile key) with one line naming the setting, and once more when the settings are
put together, so no source can slip one through. The maxima are documented:

=====================  ==========================  ===========
setting                flag / profile key          maximum
=====================  ==========================  ===========
wait for an operation  ``--timeout`` / wait_timeout  604800 s (7 days)
one HTTP request       ``--request-timeout`` /       3600 s (1 hour)
                       request_timeout
simulated devices      ``--demo-devices``            100000
=====================  ==========================  ===========

Plain Python: imported by the command line before anything heavy.
"""

from __future__ import annotations

import math

MAX_WAIT_TIMEOUT = 7 * 24 * 3600.0
MAX_REQUEST_TIMEOUT = 3600.0
MAX_DEMO_DEVICES = 100_000


def number_problem(value: float, maximum: float) -> str | None:
    """Why ``value`` is not a usable number of seconds (or count), or None."""
    if math.isnan(value):
        return "must be a number (not nan)"
    if math.isinf(value):
        return "must be finite (not inf)"
    if value <= 0:
        return "must be greater than 0"
    if value > maximum:
        return f"must be at most {maximum:g}"
    return None


def header_problem(value: str) -> str | None:
    """Why ``value`` cannot be sent as an HTTP header value, or None."""
    if not value.isascii():
        return "holds non-ASCII characters, which an HTTP header cannot carry"
    if any(not (" " <= c <= "~") for c in value):
        return "holds control characters, which an HTTP header cannot carry"
    return None
