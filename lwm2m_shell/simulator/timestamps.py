"""Timestamps as the API writes and reads them (ISO 8601, UTC, milliseconds)."""

from __future__ import annotations

from datetime import datetime, timezone


def iso(timestamp: float) -> str:
    """``2026-11-25T20:11:00.123Z`` for a POSIX timestamp."""
    moment = datetime.fromtimestamp(timestamp, tz=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def parse_iso(text: str) -> float:
    """A POSIX timestamp from an ISO 8601 date or date-time; ValueError when unreadable.

    A value without a zone is taken as UTC.
    """
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()
