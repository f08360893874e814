"""How a number of seconds is said to the user: ``0.5s``, ``2s``, ``30s`` (no row of zeros)."""

from __future__ import annotations


def seconds_text(value: float) -> str:
    """``value`` seconds as the user would write them, with the unit: ``0.5s``, ``2s``."""
    return f"{value:.1f}".rstrip("0").rstrip(".") + "s"
