"""How a session logs in, and in again when the tenant refuses its credentials.

The first login is done by the connection check (in the background, never asking) unless a
password must be typed: then ``log_in_at_start`` asks for it in the foreground. After a 401,
``relogin`` logs in again (asking, when there is a terminal) and ``renew_login`` does so without
asking (a background thread, with a known password). Each new login calls ``on_login``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from .health import SessionHealth
from .session_errors import LoginRequired, SessionError, TenantUnreachable
from .settings_check import uses_token

if TYPE_CHECKING:
    from ..client import ClientError, CumulocityClient
    from ..client.login import Login, Prompter
    from ..config.settings import Settings
    from .identity import Identity


class SessionLogin:
    """The login of one session; the session passes in how to reach its client, how to word
    a failure and who it is (known after the connection check)."""

    def __init__(
        self,
        settings: Settings,
        *,
        prompter: Prompter | None,
        health: SessionHealth,
        client: Callable[[], CumulocityClient],
        failure: Callable[[ClientError], SessionError],
        identity: Callable[[], Identity | None],
    ) -> None:
        self.settings = settings
        self.prompter = prompter  # None: nobody to ask (no terminal, or a background thread)
        self.health = health
        self._client = client
        self._failure = failure
        self._identity = identity
        self._login: Login | None = None
        self._login_lock = threading.Lock()
        self._renew_lock = threading.Lock()  # one background renewal at a time
        # Called after each new login (typed, or renewed in the background): what was remembered
        # under the old one (pushed updates ...) is dropped, live updates try again at once.
        self.on_login: list[Callable[[], None]] = []

    @property
    def login(self) -> Login:
        """How this session logs in (built on first use, by whichever thread comes first: it
        brings in the HTTP client, which the first prompt does not wait for)."""
        with self._login_lock:
            if self._login is None:
                from .tenant_client import build_login

                self._login = build_login(self.settings)
            return self._login

    def may_ask(self) -> bool:
        """Whether a login here may ask the user (a terminal, and not a background thread)."""
        return self.prompter is not None and threading.current_thread() is threading.main_thread()

    def log_in(self, prompter: Prompter | None) -> None:
        """Log in (asking through ``prompter`` when given); SessionError if that fails."""
        from ..client import ClientError

        try:
            self.login.log_in(self._client(), prompter)
        except ClientError as error:
            raise self._failure(error) from None

    def log_in_at_start(self) -> None:
        """When a password must be typed: ask for it and log in now, in the foreground (with a
        TFA code if the tenant wants one). Otherwise the connection check logs in, in the
        background, so the first prompt never waits for the network.

        A refused login raises LoginRequired; a tenant we cannot reach is left to the
        connection check, which reports it (the shell still starts).
        """
        if self.prompter is None:
            return
        if uses_token(self.settings) or self.settings.password is not None:
            return  # nothing to type: checked without the client, to keep the start-up light
        if self.login.ready:
            return
        try:
            self.log_in(self.prompter)
        except LoginRequired:
            raise
        except SessionError:
            return

    def relogin(self, reason: str) -> None:
        """After a 401 mid-session: log in again (asking, when there is a terminal).

        Raises LoginRequired (exit code 3) when that cannot be done. The caller repeats what
        was refused: a refused request was not processed, so that is safe.
        """
        self._log_in_again(self.prompter, reason)

    @property
    def can_renew(self) -> bool:
        """Whether a refused login can be renewed without asking anyone (a known password)."""
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
        except TenantUnreachable:
            raise  # no answer: the health says the tenant is unreachable, not the login refused
        except SessionError:
            self.health.mark_login_refused(self.how_to_log_in())
            raise

    @property
    def generation(self) -> int:
        """Counts the logins of this session (see ``renewed_since``)."""
        return self.login.auth.generation

    def renewed_since(self, generation: int, reason: str) -> bool:
        """A background request sent with the credentials of ``generation`` was refused (401).

        True when the session holds newer credentials now: another thread logged in meanwhile,
        or renewing the login here without asking worked; the refused request may be repeated.
        False when that cannot be done (the health then says how to log in again). Raises
        TenantUnreachable when the renewal got no answer: the login may still be good, and
        renewing is worth trying again once the tenant answers.
        """
        with self._renew_lock:  # several threads refused at once: one renewal
            if self.generation != generation:
                return True
            try:
                self.renew_login(reason)
            except TenantUnreachable:
                raise
            except SessionError:
                return False
            return True

    def how_to_log_in(self) -> str:
        """What the user can do about a refused login, in a few words."""
        if self.login.method == "token" or (self.settings.token and not self.settings.user):
            return "get a new token (C8Y_TOKEN) and start the shell again"
        if self.prompter is not None:
            return "type any command to log in again (you will be asked)"
        return "set a valid password or token and start the shell again"

    def _log_in_again(self, prompter: Prompter | None, reason: str) -> None:
        from ..client import ClientError

        ident = self._identity()
        try:
            self.login.log_in_again(
                self._client(),
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
