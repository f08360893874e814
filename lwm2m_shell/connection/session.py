"""A session bound to one tenant for its whole life: the client, who we are, the connector device.

``TenantSession.connect`` checks the credentials and finds the connector device, and turns every
failure into a ``SessionError`` with a one-line message and the exit code it deserves. The REPL
runs it in the background so the first prompt never waits for the network.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..config.paths import strip_userinfo
from ..config.settings import Settings, encrypted_problem
from ..config.tenant_url import is_loopback
from ..exit_codes import ExitCode
from .health import SessionHealth, plain_reason

if TYPE_CHECKING:  # the client (httpx, pydantic) is imported when first used, after the prompt
    import httpx

    from ..client import ClientError, CumulocityClient
    from ..client.login import Login, Prompter

DEVICE_CONTROL_ROLE = "ROLE_DEVICE_CONTROL_ADMIN"


class SessionError(Exception):
    def __init__(self, message: str, exit_code: ExitCode = ExitCode.CONNECTION) -> None:
        self.exit_code = exit_code
        super().__init__(message)


class LoginRequired(SessionError):
    """The tenant refused our credentials (or a login cannot be done here): log in again."""


class TfaRequired(LoginRequired):
    """The password was accepted but the tenant wants a TFA code, which only a person can type."""


class State(str, Enum):
    CONNECTING = "connecting"
    READY = "ready"
    FAILED = "failed"


@dataclass(frozen=True)
class Identity:
    tenant_id: str
    domain: str | None
    user: str
    connector_id: str
    can_send: bool | None  # None: the server did not list the user's roles
    connector_remembered: bool = False  # the ID came from connector_memory, not the tenant


def uses_token(settings: Settings) -> bool:
    """Whether the session logs in with a token (else with a password)."""
    return settings.token is not None and settings.auth_method in ("auto", "token")


def settings_problem(settings: Settings, *, can_ask: bool = False) -> SessionError | None:
    """Why these settings cannot reach a tenant, or None when they may.

    ``can_ask``: a missing password can be asked for (there is a terminal).
    """
    if not settings.url:
        return SessionError(
            "no tenant URL: use --url, C8Y_BASEURL/C8Y_HOST/C8Y_URL, a profile, or --demo",
            ExitCode.USAGE,
        )
    if settings.auth_method == "token" and settings.token is None:
        return SessionError(
            "--auth token needs a token: set C8Y_TOKEN, or a token in the profile or session file",
            ExitCode.USAGE,
        )
    if not uses_token(settings) and settings.password is None and not (settings.user and can_ask):
        encrypted = encrypted_problem(settings)
        if encrypted and settings.user:
            return SessionError(
                f"{encrypted}: set C8Y_PASSWORD or C8Y_TOKEN, or run in a terminal to be asked"
            )
        return SessionError(
            "no credentials: set --user (or C8Y_USER) with C8Y_PASSWORD, or C8Y_TOKEN",
            ExitCode.USAGE,
        )
    plain_http = settings.url.startswith("http://") and not is_loopback(settings.url)
    if plain_http and not settings.allow_insecure_http:
        host = urlsplit(settings.url).hostname
        return SessionError(
            f"refusing to send credentials over plain http to {host}: use https:// "
            "(or --allow-http if you really mean it)",
            ExitCode.USAGE,
        )
    return None


class TenantSession:
    def __init__(
        self,
        settings: Settings,
        *,
        demo: bool = False,
        auth: httpx.Auth | None = None,
        prompter: Prompter | None = None,
    ) -> None:
        self.settings = settings
        self.url = strip_userinfo(settings.url or "")  # refused earlier; never shown or stored
        self.demo = demo
        self.state = State.CONNECTING
        self.error: SessionError | None = None
        self.identity: Identity | None = None
        self.prompter = prompter  # None: nobody to ask (no terminal, or a background thread)
        self._own_login = auth is None
        self._given_auth = auth
        self._login: Login | None = None
        self._login_lock = threading.Lock()
        # Called (on the connecting thread) each time the tenant check succeeds, e.g. after a
        # login that needed a TFA code: parts that gave up waiting for the tenant start again.
        self.on_ready: list[Callable[[Identity], None]] = []
        # Called (on the connecting thread) when a check fails, e.g. the REPL asks for a TFA code.
        self.on_failed: list[Callable[[SessionError], None]] = []
        # Called after each new login (typed, or renewed in the background): what was remembered
        # under the old one (pushed updates ...) is dropped, live updates try again at once.
        self.on_login: list[Callable[[], None]] = []
        self.health = SessionHealth()  # reachability and login over time (toolbar, .context)
        self._client: CumulocityClient | None = None
        self._done = threading.Event()
        self._thread: threading.Thread | None = None
        # Settings that cannot work are reported when the tenant is first needed, so local
        # commands (help) still run without any tenant.
        self.problem = settings_problem(settings, can_ask=prompter is not None or auth is not None)

    @property
    def login(self) -> Login:
        """How this session logs in (built on first use, by whichever thread comes first: it
        brings in the HTTP client, which the first prompt does not wait for)."""
        with self._login_lock:
            if self._login is None:
                from ..client.login import Credentials, Login

                settings = self.settings
                secret = settings.password.get_secret_value() if settings.password else None
                token = settings.token.get_secret_value() if settings.token else None
                credentials = Credentials(settings.tenant, settings.user, secret, token)
                self._login = Login(credentials, settings.auth_method)
            return self._login

    @property
    def client(self) -> CumulocityClient:
        if self.problem is not None:
            raise self.problem
        if self._client is None:
            from ..client import ClientOptions, CumulocityClient

            options = ClientOptions(
                verify=self.settings.verify,
                timeout=self.settings.request_timeout,
                app_key=self.settings.app_key,
            )
            self._client = CumulocityClient(self.url, self.auth, options)
        return self._client

    @property
    def auth(self) -> httpx.Auth:
        """The session's credentials, shared by all its clients and renewed on a new login:
        give it to any extra client (e.g. a realtime connection of its own)."""
        return self._given_auth if self._given_auth is not None else self.login.auth

    def new_client(self) -> CumulocityClient:
        """A separate client with this session's settings and credentials (for a background
        thread such as the catalogue loader); the caller closes it."""
        from ..client import CumulocityClient

        client = self.client  # same checks, same options
        return CumulocityClient(self.url, self.auth, client.options)

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
            for failed in list(self.on_failed):
                failed(error)
            raise
        self.identity = identity
        self.state = State.READY
        self.health.mark_reachable()
        self._done.set()
        for listener in list(self.on_ready):
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
        if self._may_ask() and self.login.auth.refused:
            self.relogin("the credentials were refused")
        identity = self._ready(timeout)
        if identity is not None:
            return identity
        assert self.error is not None
        if isinstance(self.error, LoginRequired) and self._may_ask():
            self.relogin(str(self.error))
            self.retry_connect()
            identity = self._ready(timeout)
        if identity is None:
            assert self.error is not None
            raise self.error
        return identity

    def _may_ask(self) -> bool:
        """Whether a login here may ask the user (a terminal, and not a background thread)."""
        return (
            self._own_login
            and self.prompter is not None
            and threading.current_thread() is threading.main_thread()
        )

    def _ready(self, timeout: float | None) -> Identity | None:
        if self._thread is None and not self._done.is_set():
            self._connect_quietly()  # nobody started the check: run it now, here
        elif self.identity is None and self.state is State.FAILED and self.error is not None:
            self.retry_connect()
        if not self._done.wait(timeout):
            raise SessionError("still connecting to the tenant; try again in a moment")
        return self.identity

    def retry_connect(self) -> None:
        """After a failed check, try again (the network may be back)."""
        self._done.clear()
        self.state = State.CONNECTING
        self.error = None
        self._connect_quietly()

    def _connect_quietly(self) -> None:
        with contextlib.suppress(SessionError):  # the error is kept in self.error
            self.connect()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def _check(self) -> Identity:
        from ..client import ClientError
        from . import connector_memory

        if self.problem is not None:
            raise self.problem
        if self._own_login and not self.login.ready:
            self._log_in(None)  # never asks: this may run in a background thread
        try:
            tenant = self.client.current_tenant()
            user = self.client.current_user()
            remembered = None
            if self.settings.connector_id:
                connector_id = self.settings.connector_id
                self._check_connector(connector_id, tenant.name)
            elif self.demo:  # a new simulated tenant each start: nothing worth remembering
                connector_id = self._find_connector()
            else:
                remembered = connector_memory.recall(self.url, tenant.name)
                connector_id = remembered or self._find_connector()
                if remembered is None:
                    connector_memory.remember(self.url, tenant.name, connector_id)
        except ClientError as error:
            raise self._failure(error) from None
        if self.settings.tenant and tenant.name != self.settings.tenant:
            raise SessionError(
                f"the URL belongs to tenant {tenant.name}, not {self.settings.tenant} as configured"
            )
        return Identity(
            tenant_id=tenant.name,
            domain=tenant.domain_name,
            user=user.user_name,
            connector_id=connector_id,
            can_send=user.has_role(DEVICE_CONTROL_ROLE),
            connector_remembered=remembered is not None,
        )

    def find_connector_again(self) -> Identity:
        """The remembered connector device is gone: look it up in the tenant and remember the
        new one. Raises SessionError when that fails."""
        from ..client import ClientError
        from . import connector_memory

        identity = self.identity
        assert identity is not None
        connector_memory.forget(self.url, identity.tenant_id)
        try:
            connector_id = self._find_connector()
        except ClientError as error:
            raise self._failure(error) from None
        connector_memory.remember(self.url, identity.tenant_id, connector_id)
        self.identity = replace(identity, connector_id=connector_id, connector_remembered=False)
        return self.identity

    def _failure(self, error: ClientError) -> SessionError:
        """The one-line SessionError for a failed request (never a secret in it)."""
        from ..client import Forbidden, TlsError, Unauthorized
        from ..client.errors import ConnectionFailed, HttpError
        from ..client.login import LoginFailed, needs_tfa

        if isinstance(error, ConnectionFailed) or (
            isinstance(error, HttpError) and error.status >= 500
        ):
            self.health.mark_unreachable(plain_reason(error))
        if isinstance(error, LoginFailed):
            if error.kind == "tfa" and self.prompter is not None:
                return TfaRequired("a TFA code is needed: it is asked for on the terminal")
            return LoginRequired(error.message)
        if isinstance(error, Unauthorized):
            if needs_tfa(error) and self.login.scheme == "basic":
                return SessionError(
                    f"{self.user or 'this user'} must log in with a TFA code, which needs OAuth: "
                    "use --auth oauth (or auto)"
                )
            return LoginRequired(
                f"authentication failed at {self.host} ({error.message}): check the user, "
                "password or token"
            )
        if isinstance(error, Forbidden):
            return SessionError(f"permission denied: {error}")
        if isinstance(error, TlsError):
            return SessionError(f"cannot connect securely to {self.host}: {error.message}")
        if isinstance(error, ConnectionFailed):
            return SessionError(f"cannot reach {self.url}: {plain_reason(error)}")
        return SessionError(f"unexpected answer from the tenant: {error}")

    # -- logging in -------------------------------------------------------------------------

    def _log_in(self, prompter: Prompter | None) -> None:
        from ..client import ClientError

        try:
            self.login.log_in(self.client, prompter)
        except ClientError as error:
            raise self._failure(error) from None

    def log_in_at_start(self) -> None:
        """When a password must be typed: ask for it and log in now, in the foreground (with a
        TFA code if the tenant wants one). Otherwise the connection check logs in, in the
        background, so the first prompt never waits for the network.

        A refused login raises LoginRequired; a tenant we cannot reach is left to the
        connection check, which reports it (the shell still starts).
        """
        if self.problem is not None or not self._own_login or self.prompter is None:
            return
        if uses_token(self.settings) or self.settings.password is not None:
            return  # nothing to type: checked without the client, to keep the start-up light
        if self.login.ready:
            return
        try:
            self._log_in(self.prompter)
        except LoginRequired:
            raise
        except SessionError:
            return

    def relogin(self, reason: str) -> None:
        """After a 401 mid-session: log in again (asking, when there is a terminal).

        Raises LoginRequired (exit code 3) when that cannot be done. The caller repeats what
        was refused: a refused request was not processed, so that is safe.
        """
        if not self._own_login:
            raise LoginRequired(f"the tenant refused the credentials ({reason})")
        self._log_in_again(self.prompter, reason)

    @property
    def can_renew(self) -> bool:
        """Whether a refused login can be renewed without asking anyone (a known password)."""
        if not self._own_login:
            return False
        login = self.login
        return login.credentials.password is not None and login.method != "token"

    def renew_login(self, reason: str) -> None:
        """Renew a refused login without asking (a background thread): LoginRequired if that
        cannot be done; the health says how to log in again."""
        if not self.can_renew:
            self.health.mark_login_refused(self.how_to_log_in())
            raise LoginRequired(f"the tenant refused the credentials ({reason})")
        self.health.mark_renewing()
        try:
            self._log_in_again(None, reason)
        except LoginRequired:
            self.health.mark_login_refused(self.how_to_log_in())
            raise

    def how_to_log_in(self) -> str:
        """What the user can do about a refused login, in a few words."""
        if self.login.method == "token" or (self.settings.token and not self.settings.user):
            return "get a new token (C8Y_TOKEN) and start the shell again"
        if self.prompter is not None and self._own_login:
            return "type any command to log in again (you will be asked)"
        return "set a valid password or token and start the shell again"

    def _log_in_again(self, prompter: Prompter | None, reason: str) -> None:
        from ..client import ClientError

        ident = self.identity
        try:
            self.login.log_in_again(
                self.client,
                prompter,
                reason,
                user=ident.user if ident else None,
                tenant=ident.tenant_id if ident else None,
            )
        except ClientError as error:
            raise self._failure(error) from None
        self.health.mark_reachable()
        for listener in list(self.on_login):
            listener()

    def _check_connector(self, connector_id: str, tenant: str) -> None:
        """``--connector-id`` must name the LWM2M connector device, not any device: an ordinary
        device takes the operation and never answers it."""
        from ..client import NotFound
        from ..client.api import CONNECTOR_TYPE

        try:
            found = self.client.managed_object(connector_id)
        except NotFound as error:
            raise SessionError(
                f"no device {connector_id} in tenant {tenant} (--connector-id; the tenant "
                f"answered {error.message}): leave it out to find the connector device",
                ExitCode.USAGE,
            ) from None
        if found.type != CONNECTOR_TYPE:
            shown = "".join(c if c.isprintable() else "?" for c in (found.type or "none"))[:60]
            what = f"type {shown}"
            raise SessionError(
                f"device {connector_id} ({what}) is not an LWM2M connector device "
                f"(type {CONNECTOR_TYPE}): leave out --connector-id to find it",
                ExitCode.USAGE,
            )

    def _find_connector(self) -> str:
        connectors = self.client.find_connectors()
        if not connectors:
            raise SessionError(
                "no LWM2M connector device in this tenant: is the tenant subscribed to the "
                "LWM2M application?"
            )
        if len(connectors) > 1:
            listed = ", ".join(f"{c.id} ({c.name or 'unnamed'})" for c in connectors[:10])
            raise SessionError(
                f"{len(connectors)} connector devices found ({listed}): "
                "pick one with --connector-id"
            )
        return connectors[0].id
