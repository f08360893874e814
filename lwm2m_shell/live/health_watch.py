"""Watching the tenant while the shell idles: reachability, the login, coming back.

A thread looks every ``tick`` seconds at the realtime channel, which already talks to the tenant
all the time. While it is up, the tenant is reachable and nothing else is asked (an idle shell
stays at one long poll per 30 s). When it is down, the watch asks the tenant itself (a cheap
``GET /tenant/currentTenant``, every ``probe_pause`` seconds while the tenant is unreachable, every
``idle_probe`` seconds otherwise) and moves the session's health:

- no connection, timeouts, 5xx: ``unreachable`` (within a tick and a probe of the outage);
- an answer after an outage: ``back``; then the ``on_back`` callbacks run (the catalogue reloads
  by itself, a failed tenant check is repeated, realtime tries again at once);
- 401: the login is renewed in the background when the credentials allow it (a known password);
  otherwise the health says the login was refused and how to log in again. A renewal that gets
  no answer is an outage, and is tried again at the next 401.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable

from ..client import NO_RETRY, ClientError, CumulocityClient, TenantInfo
from ..client.errors import HttpError, Unauthorized
from ..connection.health import Health, plain_reason
from ..connection.session import SessionError, State, TenantSession, TenantUnreachable
from .realtime import LiveState

log = logging.getLogger("lwm2m_shell.health")

TICK = 0.5
PROBE_PAUSE = 2.0  # between probes while the tenant is unreachable
IDLE_PROBE = 30.0  # between probes while realtime is down but the tenant answers


class HealthWatch:
    def __init__(
        self,
        session: TenantSession,
        live_state: Callable[[], LiveState],
        *,
        on_back: list[Callable[[], object]],
        tick: float = TICK,
        probe_pause: float = PROBE_PAUSE,
        idle_probe: float = IDLE_PROBE,
    ) -> None:
        self.session = session
        self.health = session.health
        self.probes = 0  # requests the watch made (the soak benchmark counts them)
        self._live_state = live_state
        self._on_back = on_back
        self._tick = tick
        self._probe_pause = probe_pause
        self._idle_probe = idle_probe
        self._next_probe = 0.0
        self._was_on = False
        self._comebacks = session.health.comebacks  # the comebacks already handled
        self._refused_generation: int | None = None  # a renewal failed for these credentials
        self._client: CumulocityClient | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None and self.session.problem is None:
            self._thread = threading.Thread(target=self._run, name="health-watch", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(2.0)
        if self._client is not None:
            self._client.close()

    def _run(self) -> None:
        while not self._stop.wait(self._tick):
            try:
                self.step()
            except Exception:  # never a traceback from a background thread
                log.exception("the health watch failed")

    def step(self) -> None:
        """One look (the thread calls it every tick; tests may call it directly)."""
        session = self.session
        if session.state is State.CONNECTING:
            return  # the tenant check is running and will tell
        if self._live_state() is LiveState.ON and session.state is State.READY:
            self._was_on = True
            # A connect held since before the tenant refused our login (another thread got the
            # 401) proves the tenant is there, not that the login is good: only a new login
            # (or a probe it answers) ends "login refused".
            if self.health.view.health is not Health.LOGIN_REFUSED:
                self._reachable()
            return
        now = time.monotonic()
        if self._was_on:  # realtime just dropped: find out why at once (outage, login)
            self._was_on = False
            self._next_probe = now
        if now < self._next_probe:
            return
        self._probe()
        pause = self._probe_pause if self.health.view.bad else self._idle_probe
        if self._live_state() is not LiveState.ON and session.state is not State.READY:
            pause = self._probe_pause  # the tenant check failed: look again soon
        self._next_probe = time.monotonic() + pause

    def _probe(self) -> None:
        self.probes += 1
        try:
            generation = self.session.login_generation
            self._http().get("/tenant/currentTenant", TenantInfo, retry=NO_RETRY)
        except Unauthorized as error:
            self._refused(generation, error.message)
            return
        except HttpError as error:
            if error.status >= 500:
                self.health.mark_unreachable(plain_reason(error))
            return  # 403, 404 ...: the tenant is there
        except ClientError as error:
            self.health.mark_unreachable(plain_reason(error))
            return
        except SessionError:
            return  # settings that cannot work: the next command says so
        self._reachable()

    def _reachable(self) -> None:
        self.health.mark_reachable()
        comebacks = self.health.comebacks  # also when a renewed login marked it
        if comebacks == self._comebacks:
            return
        self._comebacks = comebacks
        log.info("the tenant is back")
        session = self.session
        if session.state is State.FAILED and session.identity is None:
            # The first check could not reach the tenant, which answers now: check again. (A
            # check the tenant answered, such as an unknown --connector-id, is not repeated
            # every probe; the next command does it.)
            session.retry_connect()
        for callback in list(self._on_back):
            with contextlib.suppress(Exception):
                callback()

    def _refused(self, generation: int, reason: str) -> None:
        session = self.session
        if self._refused_generation == generation:
            return  # already tried with these credentials: the health says what to do
        try:
            renewed = session.renewed_since(generation, reason)
        except TenantUnreachable:
            return  # no answer to the renewal (the health says so): tried again when refused again
        if renewed:
            self._refused_generation = None
            self._reachable()
            return
        self._refused_generation = session.login_generation
        log.info("cannot renew the login in the background (%s)", reason)
        if self.health.view.health is not Health.LOGIN_REFUSED:
            self.health.mark_login_refused(session.how_to_log_in())

    def _http(self) -> CumulocityClient:
        if self._client is None:
            self._client = self.session.new_client()
        return self._client
