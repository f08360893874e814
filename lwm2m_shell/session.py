"""A session bound to one tenant for its whole life: the client, who we are, the connector device.

``TenantSession.connect`` checks the credentials and finds the connector device, and turns every
failure into a ``SessionError`` with a one-line message and the exit code it deserves. The REPL
runs it in the background so the first prompt never waits for the network.
"""

from __future__ import annotations

import contextlib
import ipaddress
import threading
from dataclasses import dataclass
from enum import Enum
from urllib.parse import urlsplit

import httpx

from .client import (
    BasicAuth,
    BasicCredentials,
    BearerAuth,
    ClientError,
    ClientOptions,
    CumulocityClient,
    Forbidden,
    TlsError,
    Unauthorized,
)
from .client.errors import ConnectionFailed
from .config import Settings
from .exit_codes import ExitCode

DEVICE_CONTROL_ROLE = "ROLE_DEVICE_CONTROL_ADMIN"


class SessionError(Exception):
    def __init__(self, message: str, exit_code: ExitCode = ExitCode.CONNECTION) -> None:
        self.exit_code = exit_code
        super().__init__(message)


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


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def build_auth(settings: Settings) -> httpx.Auth | None:
    if settings.token is not None and settings.auth_method in ("auto", "token"):
        return BearerAuth(settings.token.get_secret_value())
    if settings.user and settings.password is not None:
        creds = BasicCredentials(
            settings.user, settings.password.get_secret_value(), settings.tenant
        )
        return BasicAuth(creds)
    return None


def settings_problem(settings: Settings, auth: httpx.Auth | None) -> SessionError | None:
    """Why these settings cannot reach a tenant, or None when they may."""
    if not settings.url:
        return SessionError(
            "no tenant URL: use --url, C8Y_BASEURL/C8Y_HOST/C8Y_URL, or --demo", ExitCode.USAGE
        )
    if auth is None:
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
    ) -> None:
        self.settings = settings
        self.url = settings.url or ""
        self.demo = demo
        self.state = State.CONNECTING
        self.error: SessionError | None = None
        self.identity: Identity | None = None
        self._auth = auth if auth is not None else build_auth(settings)
        self._client: CumulocityClient | None = None
        self._done = threading.Event()
        self._thread: threading.Thread | None = None
        # Settings that cannot work are reported when the tenant is first needed, so local
        # commands (help) still run without any tenant.
        self.problem = settings_problem(settings, self._auth)

    @property
    def client(self) -> CumulocityClient:
        if self.problem is not None:
            raise self.problem
        if self._client is None:
            options = ClientOptions(
                verify=self.settings.verify,
                timeout=self.settings.request_timeout,
                app_key=self.settings.app_key,
            )
            self._client = CumulocityClient(self.url, self._auth, options)
        return self._client

    def new_client(self) -> CumulocityClient:
        """A separate client with this session's settings and credentials (for a background
        thread such as the catalogue loader); the caller closes it."""
        client = self.client  # same checks, same options
        return CumulocityClient(self.url, self._auth, client.options)

    # -- what the prompt and .context show --------------------------------------------------

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc or "(no tenant)"

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
            raise
        self.identity = identity
        self.state = State.READY
        self._done.set()
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
        """Wait for the connection check (if still running) and return who we are."""
        if self._thread is None and not self._done.is_set():
            self._connect_quietly()  # nobody started the check: run it now, here
        elif self.identity is None and self.state is State.FAILED and self.error is not None:
            self.retry_connect()
        if not self._done.wait(timeout):
            raise SessionError("still connecting to the tenant; try again in a moment")
        if self.identity is None:
            assert self.error is not None
            raise self.error
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
        if self.problem is not None:
            raise self.problem
        try:
            tenant = self.client.current_tenant()
            user = self.client.current_user()
            connector_id = self.settings.connector_id or self._find_connector()
            if self.settings.connector_id:
                self.client.managed_object(connector_id)
        except Unauthorized as error:
            raise SessionError(
                f"authentication failed at {self.host} ({error.message}): check the user, "
                "password or token"
            ) from None
        except Forbidden as error:
            raise SessionError(f"permission denied: {error}") from None
        except TlsError as error:
            raise SessionError(f"cannot connect securely to {self.host}: {error.message}") from None
        except ConnectionFailed as error:
            raise SessionError(f"cannot reach {self.url}: {error.message}") from None
        except ClientError as error:
            raise SessionError(f"unexpected answer from the tenant: {error}") from None
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
