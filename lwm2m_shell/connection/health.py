"""How the session stands with its tenant over time, as explicit states with transitions.

A shell stays open for days: the tenant goes away and comes back, logins expire. ``SessionHealth``
holds one of these states, what the toolbar and ``.context`` say:

- ``checking``: nothing known yet (the first tenant check runs);
- ``connected``: the last request (or the realtime channel) reached the tenant;
- ``unreachable``: a request could not reach it (since when, and why in plain words);
- ``back``: reachable again after an outage (said for ``BACK_SHOWN`` seconds, then ``connected``);
- ``login refused``: the tenant refused our credentials and they cannot be renewed here (and how
  to log in again);
- ``renewing``: the login is being renewed in the background.

Transitions come from whoever talks to the tenant: the session's checks, the health watch
(``live.health_watch``). ``mark_reachable`` tells whether that was a comeback, so the caller can
reload what the outage made stale. Thread-safe; the clock is injectable.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..client import ClientError

BACK_SHOWN = 60.0  # seconds the toolbar says "back since ..." before plain "connected"


class Health(str, Enum):
    CHECKING = "checking"
    CONNECTED = "connected"
    UNREACHABLE = "unreachable"
    BACK = "back"
    LOGIN_REFUSED = "login refused"
    RENEWING = "renewing login"


@dataclass(frozen=True)
class HealthView:
    health: Health
    since: float  # wall-clock time of the transition (time.time())
    detail: str | None = None  # why (plain words), or how to log in again

    @property
    def bad(self) -> bool:
        return self.health in (Health.UNREACHABLE, Health.LOGIN_REFUSED)


class SessionHealth:
    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._view = HealthView(Health.CHECKING, clock())
        self._outage = False  # unreachable since the last answer (a login renewal may follow)
        self.transitions = 0  # counted, for tests and the soak benchmark
        self.comebacks = 0  # outages that ended (watchers compare it to what they saw)

    @property
    def view(self) -> HealthView:
        with self._lock:
            view = self._view
            if view.health is Health.BACK and self._clock() - view.since >= BACK_SHOWN:
                return HealthView(Health.CONNECTED, view.since)
            return view

    def _set(self, health: Health, detail: str | None = None) -> Health:
        """Move to ``health``; the state before. The time only changes on a real change."""
        with self._lock:
            before = self._view
            if before.health is not health or before.detail != detail:
                since = self._clock() if before.health is not health else before.since
                self._view = HealthView(health, since, detail)
                self.transitions += 1
            return before.health

    def mark_reachable(self) -> bool:
        """The tenant answered. True when this ends an outage (reload what went stale)."""
        with self._lock:
            current = self._view.health
            outage, self._outage = self._outage, False
        if outage:
            self._set(Health.BACK)
            with self._lock:
                self.comebacks += 1
            return True
        if current not in (Health.CONNECTED, Health.BACK):
            self._set(Health.CONNECTED)
        return False

    def mark_unreachable(self, reason: str) -> None:
        with self._lock:
            self._outage = True
        self._set(Health.UNREACHABLE, reason)

    def mark_login_refused(self, how_to_log_in: str) -> None:
        self._set(Health.LOGIN_REFUSED, how_to_log_in)

    def mark_renewing(self) -> None:
        self._set(Health.RENEWING)

    # -- words ----------------------------------------------------------------------------------

    def toolbar_text(self) -> tuple[str, str]:
        """(``ok``/``warn``/``bad``, words) for the toolbar's connection part."""
        view = self.view
        at = clock_time(view.since)
        if view.health is Health.CONNECTED:
            return "ok", "● connected"
        if view.health is Health.BACK:
            return "ok", f"● back since {at}"
        if view.health is Health.UNREACHABLE:
            return "bad", f"✘ tenant unreachable since {at}: {view.detail}"
        if view.health is Health.LOGIN_REFUSED:
            return "bad", f"✘ login refused: {view.detail}"
        if view.health is Health.RENEWING:
            return "warn", "○ renewing the login…"
        return "warn", "○ connecting…"

    def describe(self) -> str:
        """One line for ``.context``."""
        view = self.view
        at = clock_time(view.since)
        if view.health is Health.UNREACHABLE:
            return f"tenant unreachable since {at} ({view.detail})"
        if view.health is Health.BACK:
            return f"connected (back since {at}, after an outage)"
        if view.health is Health.LOGIN_REFUSED:
            return f"login refused since {at}: {view.detail}"
        if view.health is Health.RENEWING:
            return f"renewing the login since {at}"
        return str(view.health.value)


def clock_time(moment: float) -> str:
    """``14:03:27 +01:00``: local time of day with its offset."""
    local = datetime.fromtimestamp(moment).astimezone()
    offset = local.strftime("%z") or "+0000"
    return f"{local.strftime('%H:%M:%S')} {offset[:3]}:{offset[3:5]}"


def plain_reason(error: ClientError) -> str:
    """Why a request did not reach the tenant, in plain words (never ``[Errno 111]``)."""
    from ..client import TlsError
    from ..client.errors import ConnectionFailed, HttpError, RequestTimeout

    text = error.message.lower()
    if isinstance(error, TlsError):
        return "no secure connection (certificate or TLS problem)"
    if isinstance(error, RequestTimeout) or "timed out" in text or "timeout" in text:
        return "the tenant does not answer in time"
    if isinstance(error, ConnectionFailed):
        if "refused" in text:
            return "the tenant refuses connections (down or restarting?)"
        if "name or service" in text or "nodename" in text or "resolve" in text:
            return "the tenant's host name cannot be found"
        if "unreachable" in text or "no route" in text:
            return "no network route to the tenant"
        return "the connection to the tenant broke"
    if isinstance(error, HttpError) and error.status >= 500:
        return f"the tenant answers with server errors ({error.status})"
    return "the tenant answered in an unexpected way"


def failure_words(error: Exception) -> str:
    """A failure as the user reads it: plain words when the tenant could not be reached."""
    from ..client.errors import ConnectionFailed

    if isinstance(error, ConnectionFailed):
        return plain_reason(error)
    return str(error)
