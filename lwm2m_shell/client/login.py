"""Logging in to a tenant: Basic, a bearer token, or the OAuth password grant with a TFA code.

``Login`` holds what we know about the user (kept out of ``repr``), picks the way in (forced, or
from ``/tenant/loginOptions``: OAuth when the tenant offers ``OAUTH2_INTERNAL``, else Basic) and
fills the session's shared ``SessionAuth``. It never talks to the terminal itself: whatever it
must ask (a password, a TFA code) goes through a ``Prompter`` the application passes in, and
without one the login fails with a ``LoginFailed`` whose message says what to do instead.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass, field
from typing import Literal, Protocol
from urllib.parse import parse_qs, urlsplit

from .api import CumulocityClient
from .auth import BasicCredentials, SessionAuth
from .errors import ClientError, HttpError, Unauthorized
from .models import LoginOptions, TokenAnswer
from .retry import RetryPolicy
from .transport import describe, parse

log = logging.getLogger("lwm2m_shell.login")

Method = Literal["auto", "basic", "oauth", "token"]
Scheme = Literal["basic", "oauth", "token"]
# Why a login failed: the tenant refused the password or token, a TFA code is needed and nobody
# can type it, the user gave up, or something needed (user, password, token) is missing.
FailureKind = Literal["refused", "tfa", "cancelled", "missing"]

OPTIONS_PATH = "/tenant/loginOptions"
TOKEN_PATH = "/tenant/oauth/token"
OAUTH_OPTION = "OAUTH2_INTERNAL"
MAX_TRIES = 3  # passwords or TFA codes typed before giving up
# Login requests are cheap to repeat, but a dead tenant must not hold the user up for long.
LOGIN_RETRY = RetryPolicy(attempts=2, base_delay=0.2, max_delay=1.0, budget=5.0)
_TFA = re.compile(r"\bTFA\b|two[- ]factor", re.IGNORECASE)


class Prompter(Protocol):
    """How the application asks the user; ``secret`` returns None when the user gives up."""

    def note(self, message: str) -> None: ...

    def secret(self, prompt: str) -> str | None: ...


class LoginFailed(ClientError):
    """The login was refused or cannot be done here; the message says why and what to do."""

    def __init__(self, message: str, kind: FailureKind) -> None:
        self.kind: FailureKind = kind
        super().__init__(message)


@dataclass
class Credentials:
    tenant: str | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)

    @property
    def who(self) -> str:
        user = self.user or "?"
        return f"{self.tenant}/{user}" if self.tenant else user


def needs_tfa(error: HttpError) -> bool:
    """Whether a 401 says a TFA code is missing or wrong (rather than a bad password)."""
    return isinstance(error, Unauthorized) and bool(_TFA.search(error.message))


class Login:
    """The login of one session; thread-safe (a background check and the prompt may meet)."""

    def __init__(self, credentials: Credentials, method: Method = "auto") -> None:
        self.credentials = credentials
        self.method: Method = method
        self.auth = SessionAuth()
        self.scheme: Scheme | None = None
        self._offer: tuple[Scheme, str | None] | None = None  # what loginOptions said
        self._lock = threading.RLock()
        creds = credentials
        if method in ("auto", "token") and creds.token:  # what needs no network: at once
            self._use_token(creds.token)
        elif method == "basic" and creds.user and creds.password is not None:
            self._use_basic(creds.password)

    def __repr__(self) -> str:
        return f"Login({self.credentials.who}, method={self.method}, scheme={self.scheme})"

    @property
    def ready(self) -> bool:
        """Whether requests carry credentials (they may still be refused)."""
        return self.auth.scheme is not None

    # -- logging in -----------------------------------------------------------------------------

    def log_in(self, client: CumulocityClient, prompter: Prompter | None = None) -> Scheme:
        """Log in (asking through ``prompter`` when given); LoginFailed or ClientError if not."""
        with self._lock:
            creds = self.credentials
            if self.method == "token" or (self.method == "auto" and creds.token):
                if not creds.token:
                    raise LoginFailed(
                        "--auth token needs a token: set C8Y_TOKEN, or a token in the profile "
                        "or session file",
                        "missing",
                    )
                self._use_token(creds.token)
                return "token"
            return self._password_login(client, prompter)

    def log_in_again(
        self,
        client: CumulocityClient,
        prompter: Prompter | None,
        reason: str,
        *,
        user: str | None = None,
        tenant: str | None = None,
    ) -> Scheme:
        """After the tenant refused our credentials (an expired or revoked token, a changed
        password): log in again.

        Never logged in yet: a first login. A token we got with a known password is renewed
        with it (asking only for a TFA code). Otherwise the user is asked for the password;
        without a prompter that is a LoginFailed.
        """
        with self._lock:
            creds = self.credentials
            creds.user = creds.user or user
            creds.tenant = creds.tenant or tenant
            if not self.ready:
                return self.log_in(client, prompter)
            why = f"the tenant ended the session ({reason}): log in again"
            if self.scheme == "oauth" and creds.password is not None:
                try:
                    asking = _NoteFirst(prompter, why) if prompter is not None else None
                    self._oauth(client, creds.password, asking)
                    log.info("renewed the OAuth token of %s", creds.who)
                    return "oauth"
                except Unauthorized as error:
                    reason = error.message  # the password itself is refused now: ask
                    why = f"the tenant refused the password ({reason}): log in again"
            if self.method == "token":
                raise LoginFailed(
                    f"the tenant refused the token ({reason}): get a new token", "refused"
                )
            if prompter is None:
                raise LoginFailed(f"the tenant refused the credentials ({reason})", "refused")
            if not creds.user:
                raise LoginFailed(
                    f"the tenant refused the token ({reason}) and no user name is known to log "
                    "in with: set --user or C8Y_USER, or a new C8Y_TOKEN",
                    "missing",
                )
            prompter.note(why)
            creds.token = None
            creds.password = None
            self.auth.clear()
            self.scheme = None
            return self._password_login(client, prompter)

    # -- the password login -------------------------------------------------------------------

    def _password_login(self, client: CumulocityClient, prompter: Prompter | None) -> Scheme:
        creds = self.credentials
        if not creds.user:
            raise LoginFailed("no user name: set --user or C8Y_USER (or use a token)", "missing")
        for attempt in range(1, MAX_TRIES + 1):
            if creds.password is None:
                creds.password = self._ask(prompter, f"Password for {creds.who}: ", "password")
            scheme, tenant_hint = self._choose(client)
            try:
                if scheme == "oauth":
                    return self._oauth_or_basic(client, creds.password, prompter, tenant_hint)
                self._use_basic(creds.password)
                return "basic"
            except Unauthorized as error:
                creds.password = None  # refused: never sent again
                if prompter is None or attempt == MAX_TRIES:
                    raise LoginFailed(
                        f"authentication failed ({error.message}): check the user and password",
                        "refused",
                    ) from None
                prompter.note(f"authentication failed ({error.message}); try again")
        raise AssertionError("unreachable")  # pragma: no cover

    def _choose(self, client: CumulocityClient) -> tuple[Scheme, str | None]:
        """Basic or OAuth (and the tenant ID the login options name, if any)."""
        if self.method == "basic":
            return "basic", None
        if self.method == "oauth":
            return "oauth", None
        if self._offer is None:
            self._offer = self._offered(client)
        return self._offer

    def _offered(self, client: CumulocityClient) -> tuple[Scheme, str | None]:
        """OAuth when the tenant offers OAUTH2_INTERNAL, else Basic. A tenant without the
        endpoint gets Basic; a tenant we cannot reach is an error (ClientError)."""
        try:
            options = client.get(OPTIONS_PATH, LoginOptions, retry=LOGIN_RETRY)
        except HttpError as error:
            log.info("no login options (%s): using Basic authentication", error.message)
            return "basic", None
        for option in options.login_options:
            if option.type == OAUTH_OPTION:
                init = (option.model_extra or {}).get("initRequest")
                return "oauth", _tenant_from(init)
        return "basic", None

    def _oauth_or_basic(
        self,
        client: CumulocityClient,
        password: str,
        prompter: Prompter | None,
        tenant_hint: str | None,
    ) -> Scheme:
        try:
            self._oauth(client, password, prompter, tenant_hint)
            return "oauth"
        except Unauthorized:
            raise
        except HttpError as error:
            if self.method == "oauth":
                raise LoginFailed(f"the OAuth login failed: {error}", "refused") from None
            log.info("OAuth login failed (%s): using Basic authentication", error.message)
            self._use_basic(password)
            return "basic"

    def _oauth(
        self,
        client: CumulocityClient,
        password: str,
        prompter: Prompter | None,
        tenant_hint: str | None = None,
    ) -> None:
        """The OAuth password grant; asks for a TFA code when the tenant wants one."""
        creds = self.credentials
        tfa_code: str | None = None
        tries = 0
        while True:
            try:
                token = self._request_token(client, password, tfa_code, tenant_hint)
            except Unauthorized as error:
                if not needs_tfa(error):
                    raise
                if prompter is None:
                    raise LoginFailed(
                        f"{creds.who} needs a TFA code, which can only be typed in a terminal: "
                        "run interactively, or use a token (C8Y_TOKEN) in scripts",
                        "tfa",
                    ) from None
                if tfa_code is not None:
                    if tries >= MAX_TRIES:
                        raise LoginFailed(
                            f"the TFA code was refused ({error.message})", "refused"
                        ) from None
                    prompter.note(f"the TFA code was refused ({error.message}); try again")
                tries += 1
                tfa_code = self._ask(prompter, f"TFA code for {creds.who}: ", "TFA code")
                continue
            self.auth.use_bearer(token)
            self.scheme = "oauth"
            log.info("logged in with OAuth as %s", creds.who)
            return

    def _request_token(
        self,
        client: CumulocityClient,
        password: str,
        tfa_code: str | None,
        tenant_hint: str | None,
    ) -> str:
        creds = self.credentials
        form = {"grant_type": "PASSWORD", "username": creds.user or "", "password": password}
        if tfa_code:
            form["tfa_code"] = tfa_code
        tenant = creds.tenant or tenant_hint
        params = {"tenant_id": tenant} if tenant else None
        response = client.request("POST", TOKEN_PATH, params=params, data=form, retry=LOGIN_RETRY)
        answer = parse(response, TokenAnswer, describe("POST", TOKEN_PATH))
        return answer.access_token

    # -- helpers --------------------------------------------------------------------------------

    def _ask(self, prompter: Prompter | None, prompt: str, what: str) -> str:
        if prompter is None:
            raise LoginFailed(
                f"no {what} for {self.credentials.who}: set C8Y_PASSWORD or C8Y_TOKEN, "
                "or run in a terminal to be asked",
                "missing",
            )
        answer = prompter.secret(prompt)
        if not answer:
            raise LoginFailed(f"login cancelled: no {what} given", "cancelled")
        return answer

    def _use_token(self, token: str) -> None:
        self.auth.use_bearer(token)
        self.scheme = "token"

    def _use_basic(self, password: str) -> None:
        creds = self.credentials
        self.auth.use_basic(BasicCredentials(creds.user or "", password, creds.tenant))
        self.scheme = "basic"


class _NoteFirst:
    """A prompter that says why before its first question."""

    def __init__(self, prompter: Prompter, message: str) -> None:
        self._prompter = prompter
        self._message: str | None = message

    def note(self, message: str) -> None:
        self._prompter.note(message)

    def secret(self, prompt: str) -> str | None:
        if self._message is not None:
            self._prompter.note(self._message)
            self._message = None
        return self._prompter.secret(prompt)


def _tenant_from(init_request: object) -> str | None:
    """The ``tenant_id`` query parameter of a login option's ``initRequest`` URL, if any."""
    if not isinstance(init_request, str):
        return None
    values = parse_qs(urlsplit(init_request).query).get("tenant_id")
    return values[0] if values else None
