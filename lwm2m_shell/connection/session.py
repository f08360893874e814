"""A session bound to one tenant for its whole life: the client, who we are, the connector device.

``TenantSession.connect`` checks the credentials and finds the connector device, and turns every
failure into a ``SessionError`` with a one-line message and the exit code it deserves. The REPL
runs it in the background so the first prompt never waits for the network.

The parts, each in its own module: ``settings_check`` (can these settings reach a tenant),
``tenant_client`` (the login and clients built from the settings), ``identity`` and
``connector_lookup`` (who we are, which connector device), ``login_flow`` (logging in and in
again), ``failure_messages`` (a failed request in one line) and ``session_errors``.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import replace
from enum import Enum
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..config.paths import strip_userinfo
from ..config.settings import Settings
from .failure_messages import Where, session_error, unreachable
from .health import SessionHealth, plain_reason
from .identity import DEVICE_CONTROL_ROLE, Identity
from .login_flow import SessionLogin
from .session_errors import LoginRequired, SessionError, TenantUnreachable, TfaRequired
from .settings_check import settings_problem

if TYPE_CHECKING:  # the client (httpx, pydantic) is imported when first used, after the prompt
    from ..client import ClientError, CumulocityClient
    from ..client.login import Login, Prompter

# The names other packages import from here (some are defined next door).
__all__ = [
    "DEVICE_CONTROL_ROLE",
    "Identity",
    "LoginRequired",
    "SessionError",
    "State",
    "TenantSession",
    "TenantUnreachable",
    "TfaRequired",
]


class State(str, Enum):
    CONNECTING = "connecting"
    READY = "ready"
    FAILED = "failed"


class TenantSession:
    def __init__(
        self, settings: Settings, *, demo: bool = False, prompter: Prompter | None = None
    ) -> None:
        self.settings = settings
        self.url = strip_userinfo(settings.url or "")  # refused earlier; never shown or stored
        self.demo = demo
        self.prompter = prompter  # None: nobody to ask (no terminal, or a background thread)
        self.state = State.CONNECTING
        self.error: SessionError | None = None
        self.identity: Identity | None = None
        self.health = SessionHealth()  # reachability and login over time (toolbar, .context)
        self._logins = SessionLogin(
            settings,
            prompter=prompter,
            health=self.health,
            client=lambda: self.client,
            failure=self._failure,
            identity=lambda: self.identity,
        )
        # Called (on the connecting thread) each time the tenant check succeeds, e.g. after a
        # login that needed a TFA code: parts that gave up waiting for the tenant start again.
        self._on_ready: list[Callable[[Identity], None]] = []
        # Called (on the connecting thread) when a check fails, e.g. the REPL asks for a TFA code.
        self._on_failed: list[Callable[[SessionError], None]] = []
        self._client: CumulocityClient | None = None
        self._done = threading.Event()
        self._retrying = False  # a repeated check runs (see retry_connect)
        self._retry_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        # Settings that cannot work are reported when the tenant is first needed, so local
        # commands (help) still run without any tenant.
        self.problem = settings_problem(settings, can_ask=prompter is not None)

    # -- listeners: added and removed by the parts that listen, never replaced ---------------

    @property
    def on_ready(self) -> list[Callable[[Identity], None]]:
        return self._on_ready

    @property
    def on_failed(self) -> list[Callable[[SessionError], None]]:
        return self._on_failed

    @property
    def on_login(self) -> list[Callable[[], None]]:
        """Called after each new login (typed, or renewed in the background)."""
        return self._logins.on_login

    # -- the login and the clients ----------------------------------------------------------

    @property
    def login(self) -> Login:
        """How this session logs in; its ``auth`` is shared by all the session's clients and
        renewed on a new login (give it to any extra connection of the session's own)."""
        return self._logins.login

    @property
    def client(self) -> CumulocityClient:
        if self.problem is not None:
            raise self.problem
        if self._client is None:
            from .tenant_client import build_client

            self._client = build_client(self.url, self.login.auth, self.settings)
        return self._client

    def new_client(self) -> CumulocityClient:
        """A separate client with this session's settings and credentials (for a background
        thread such as the catalogue loader); the caller closes it."""
        from .tenant_client import build_client

        if self.problem is not None:
            raise self.problem
        return build_client(self.url, self.login.auth, self.settings)

    # -- what the prompt and .context show --------------------------------------------------

    @property
    def host(self) -> str:
        return urlsplit(strip_userinfo(self.url)).netloc or "(no tenant)"

    @property
    def tenant_id(self) -> str | None:
        return self.identity.tenant_id if self.identity else self.settings.tenant

    @property
    def user(self) -> str | None:
        return self.identity.user if self.identity else self.settings.user

    @property
    def label(self) -> str:
        """``t12345@example.cumulocity.com``, or the host alone until the tenant is known."""
        tenant = self.tenant_id
        return f"{tenant}@{self.host}" if tenant else self.host

    # -- connecting -------------------------------------------------------------------------

    def connect(self) -> Identity:
        """Check credentials and find the connector device; raise SessionError if we cannot."""
        try:
            identity = self._check()
        except SessionError as error:
            self.error = error
            self.state = State.FAILED
            self._done.set()
            for failed in list(self._on_failed):
                failed(error)
            raise
        self.identity = identity
        self.state = State.READY
        self.health.mark_reachable()
        self._done.set()
        for listener in list(self._on_ready):
            listener(identity)
        return identity

    def connect_in_background(self) -> None:
        def run() -> None:
            try:
                self.connect()
            except SessionError:
                pass  # kept in self.error, shown by the UI and on the next command
            except Exception as exc:  # never let a thread die silently with a traceback
                self.error = SessionError(f"unexpected failure while connecting: {exc}")
                self.state = State.FAILED
                self._done.set()

        self._thread = threading.Thread(target=run, name="tenant-check", daemon=True)
        self._thread.start()

    def require_ready(self, timeout: float | None = None) -> Identity:
        """Wait for the connection check (if still running) and return who we are.

        In the foreground of an interactive shell, credentials the tenant refused (an expired
        token ...) lead to a new login first, asking what is needed.
        """
        if self._logins.may_ask() and self.login.auth.refused:
            self.relogin("the credentials were refused")
        identity = self._ready(timeout)
        if identity is not None:
            return identity
        assert self.error is not None
        if isinstance(self.error, LoginRequired) and self._logins.may_ask():
            self.relogin(str(self.error))
            self.retry_connect()
            identity = self._ready(timeout)
        if identity is None:
            assert self.error is not None
            raise self.error
        return identity

    def _ready(self, timeout: float | None) -> Identity | None:
        if self._thread is None and not self._done.is_set():
            self._connect_quietly()  # nobody started the check: run it now, here
        elif self.identity is None and self.state is State.FAILED and self.error is not None:
            self.retry_connect()
        if not self._done.wait(timeout):
            raise SessionError("still connecting to the tenant; try again in a moment")
        return self.identity

    def retry_connect(self) -> None:
        """After a failed check, try again (the network may be back). Several threads may ask
        at once (a command, the catalogue, the health watch): one check runs, the others wait
        for its answer (``_ready``) instead of starting theirs over it."""
        with self._retry_lock:
            if self._retrying:
                return
            self._retrying = True
            self._done.clear()
            self.state = State.CONNECTING
            self.error = None
        try:
            self._connect_quietly()
        finally:
            self._retrying = False

    def _connect_quietly(self) -> None:
        with contextlib.suppress(SessionError):  # the error is kept in self.error
            self.connect()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def _check(self) -> Identity:
        from ..client import ClientError
        from .identity import check_identity

        if self.problem is not None:
            raise self.problem
        if not self.login.ready:
            self._logins.log_in(None)  # never asks: this may run in a background thread
        try:
            return check_identity(self.client, self.settings, self.url, demo=self.demo)
        except ClientError as error:
            raise self._failure(error) from None

    def find_connector_again(self) -> Identity:
        """The remembered connector device is gone: look it up in the tenant and remember the
        new one. Raises SessionError when that fails."""
        from ..client import ClientError
        from .connector_lookup import find_connector_again

        identity = self.identity
        assert identity is not None
        try:
            connector_id = find_connector_again(self.client, self.url, identity.tenant_id)
        except ClientError as error:
            raise self._failure(error) from None
        self.identity = replace(identity, connector_id=connector_id, connector_remembered=False)
        return self.identity

    def _failure(self, error: ClientError) -> SessionError:
        """The one-line SessionError for a failed request; the health learns of an
        unreachable tenant."""
        if unreachable(error):
            self.health.mark_unreachable(plain_reason(error))
        where = Where(
            host=self.host,
            url=self.url,
            user=self.user,
            scheme=self.login.scheme,
            can_ask=self.prompter is not None,
        )
        return session_error(error, where)

    # -- logging in (see login_flow) --------------------------------------------------------

    def log_in_at_start(self) -> None:
        """Ask for a password that must be typed and log in now (see ``SessionLogin``)."""
        if self.problem is None:
            self._logins.log_in_at_start()

    def relogin(self, reason: str) -> None:
        """After a 401 mid-session: log in again, asking when there is a terminal."""
        self._logins.relogin(reason)

    @property
    def login_generation(self) -> int:
        """Counts the logins of this session (see ``renewed_since``)."""
        return self._logins.generation

    def renewed_since(self, generation: int, reason: str) -> bool:
        """After a background request was refused: True when it may be repeated with newer
        credentials (renewed here without asking, or by another thread meanwhile)."""
        return self._logins.renewed_since(generation, reason)

    def how_to_log_in(self) -> str:
        return self._logins.how_to_log_in()
