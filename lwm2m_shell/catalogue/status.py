"""The catalogue's state as the toolbar and ``.refresh`` tell it: progress, age, failures."""

from __future__ import annotations

from dataclasses import dataclass

OK, BUSY, BAD = "ok", "busy", "bad"


@dataclass(frozen=True)
class CatalogueStatus:
    """A consistent picture of the catalogue at one moment.

    ``phase`` (while ``loading``): ``cache`` reading the disk, ``connecting`` waiting for the
    tenant check, ``devices`` listing devices (``done`` so far), ``endpoints`` confirming
    endpoints with identity look-ups (``done`` of ``total`` devices confirmed).
    ``devices``/``endpoints``/``unconfirmed`` count the snapshot in use (``unconfirmed``:
    devices whose endpoint is not confirmed yet, offered by a provisional endpoint or by ID);
    ``fetched_at`` is when its data came from the tenant; ``error`` says why the last load
    failed; ``notice`` is something worth a glance (a damaged cache was discarded, ...).
    """

    loading: bool = False
    phase: str | None = None
    done: int = 0
    total: int | None = None
    devices: int = 0
    endpoints: int = 0
    unconfirmed: int = 0
    fetched_at: float | None = None
    from_cache: bool = False
    complete: bool = False
    error: str | None = None
    notice: str | None = None


def age(seconds: float) -> str:
    """``just now``, ``3 min old``, ``2 h old``, ``4 days old``."""
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min old"
    if seconds < 2 * 86400:
        return f"{int(seconds // 3600)} h old"
    return f"{int(seconds // 86400)} days old"


def progress_text(status: CatalogueStatus) -> str:
    if status.phase == "cache":
        return "reading the catalogue cache…"
    if status.phase == "connecting":
        return "catalogue waits for the tenant…"
    if status.phase == "devices":
        return f"devices {status.done:,}…"
    if status.phase == "endpoints":
        return confirmed_text(status.done, status.total)
    return "loading the catalogue…"


def confirmed_text(done: int, total: int | None) -> str:
    """``endpoints: 41,200 of 100,000 confirmed``."""
    of = f" of {total:,}" if total is not None else ""
    return f"endpoints: {done:,}{of} confirmed"


def held_text(status: CatalogueStatus, now: float) -> str:
    """What the snapshot in use holds: ``100,000 endpoints · 3 min old``, or while some are
    provisional ``endpoints: 41,200 of 100,000 confirmed · 3 min old``."""
    if status.devices == 0 and status.fetched_at is None:
        return "no catalogue yet"
    if status.unconfirmed:
        held = confirmed_text(status.devices - status.unconfirmed, status.devices)
    else:
        held = f"{status.endpoints:,} endpoints"
    if status.fetched_at is not None:
        held += f" · {age(max(0.0, now - status.fetched_at))}"
    return held


def toolbar_parts(status: CatalogueStatus, now: float) -> list[tuple[str, str]]:
    """(kind, text) pieces, kind one of OK, BUSY, BAD; the UI styles and joins them."""
    parts: list[tuple[str, str]] = []
    has_data = status.devices > 0 or status.fetched_at is not None
    if status.loading and status.phase == "endpoints" and has_data:
        # confirming in the background: the live count says it all
        parts.append((BUSY, confirmed_text(status.done, status.total)))
    elif status.loading:
        if has_data:
            parts.append((OK, held_text(status, now)))
            parts.append((BUSY, "updating: " + progress_text(status)))
        else:
            parts.append((BUSY, progress_text(status)))
    elif status.error:
        kept = f"keeping {held_text(status, now)}" if has_data else "no catalogue"
        parts.append((BAD, f"catalogue load failed ({short(status.error)}); {kept}"))
    else:
        parts.append((OK, held_text(status, now)))
    if status.notice:
        parts.append((BUSY, short(status.notice)))
    return parts


def summary(status: CatalogueStatus, now: float) -> str:
    """One line for ``.refresh`` and listings."""
    return " · ".join(text for _, text in toolbar_parts(status, now))


def short(text: str, limit: int = 70) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
