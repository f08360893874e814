"""Times shown to the user: local time WITH its UTC offset, so a listing never reads as another
day than the UTC of the JSON (under ``TZ=Pacific/Chatham`` 23:48 UTC is 13:33 +13:45 next day)."""

from __future__ import annotations

from datetime import datetime


def local_time(moment: datetime | None) -> str:
    """``2026-11-30 13:33:00 +13:45`` in the local zone, ``?`` when unknown."""
    if moment is None:
        return "?"
    local = moment.astimezone()
    offset = local.strftime("%z") or "+0000"
    return f"{local.strftime('%Y-%m-%d %H:%M:%S')} {offset[:3]}:{offset[3:5]}"
