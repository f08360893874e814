"""Connection settings: where the tenant is, who we are, and how careful to be.

Sources, strongest first (the first that sets a value wins):

1. command-line flags (``--url``, ``--user``, ``--auth`` ...);
2. the go-c8y-cli session file named by ``--session FILE``, else by ``C8Y_SESSION`` (one rank);
3. ``C8Y_*`` environment variables (and ``NO_COLOR``);
4. the profile (``--profile NAME``, else the config file's ``default``);
5. built-in defaults.

The login itself (URL, tenant, user, password or token) is not merged key by key: it comes from
one source, the strongest that names a URL (see ``login_choice``). Secrets are never taken from
the command line (the process list would show them), and a source naming another host or user
never lends its secret.
"""

from __future__ import annotations

import argparse
import dataclasses
import ipaddress
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args
from urllib.parse import urlsplit

from .limits import MAX_REQUEST_TIMEOUT, MAX_WAIT_TIMEOUT, header_problem, number_problem
from .secret import Secret

log = logging.getLogger("lwm2m_shell.config.settings")

DEFAULT_ENDPOINT_TYPES = ("c8y_Id",)
URL_VARIABLES = ("C8Y_BASEURL", "C8Y_HOST", "C8Y_URL")
USER_VARIABLES = ("C8Y_USER", "C8Y_USERNAME")
SESSION_VARIABLE = "C8Y_SESSION"
USERINFO_HINT = (
    "a URL must not hold a user name or password (user:password@): "
    "use --user / C8Y_USER and C8Y_PASSWORD (or the user and password keys of the profile)"
)


class SettingsError(Exception):
    """Settings that cannot work; the message is one line for the user."""

    exit_code = 2


AuthMethod = Literal["auto", "basic", "oauth", "token"]
AUTH_METHODS: tuple[str, ...] = get_args(AuthMethod)


@dataclass(frozen=True, kw_only=True)
class Settings:
    """The merged settings of one session. A plain dataclass, not a pydantic model: building
    it is on the way to the first prompt. Every outside value was validated where it came in
    (argparse, the profile schema, the session-file schema)."""

    url: str | None = None
    tenant: str | None = None
    user: str | None = None
    password: Secret | None = field(default=None, repr=False)
    token: Secret | None = field(default=None, repr=False)
    connector_id: str | None = None
    auth_method: AuthMethod = "auto"
    verify: bool | str = True
    request_timeout: float = 30.0
    wait_timeout: float | None = None
    endpoint_types: tuple[str, ...] = DEFAULT_ENDPOINT_TYPES
    confirm_tenant_wide: bool = True
    color: bool = True
    allow_insecure_http: bool = False
    app_key: str | None = None
    announce_others: bool = True  # show operations others create on the connector (REPL)
    lookup_workers: int | None = None  # catalogue: identity look-ups at once (None: default)
    lookup_rate: float | None = None  # catalogue: identity look-ups per second (0: no cap)
    endpoint_name_patterns: tuple[str, ...] | None = None  # names offered as endpoints at once
    # Where things came from, for messages (never the secrets themselves).
    profile: str | None = None
    session_file: str | None = None
    secret_source: str | None = None  # e.g. "C8Y_PASSWORD/C8Y_TOKEN", "profile prod"
    login_source: str | None = None  # e.g. "URL, user and secret from profile prod"
    encrypted: tuple[str, ...] = ()  # secrets of secret_source we cannot read ("password" ...)
    notes: tuple[str, ...] = ()  # one-line remarks to show at start

    def __post_init__(self) -> None:
        if self.auth_method not in AUTH_METHODS:
            raise SettingsError(
                f"unknown auth method {self.auth_method!r}: use one of {', '.join(AUTH_METHODS)}"
            )
        for name in ("password", "token"):  # any secret holder (or text) becomes a Secret
            value = getattr(self, name)
            if value is not None and not isinstance(value, Secret):
                object.__setattr__(self, name, Secret.of(value))
        self._check_numbers()
        self._check_headers()

    def _check_numbers(self) -> None:
        """Every source was checked where it came in; this is the last line (one rule)."""
        limits = {"request_timeout": MAX_REQUEST_TIMEOUT, "wait_timeout": MAX_WAIT_TIMEOUT}
        for name, maximum in limits.items():
            value = getattr(self, name)
            if value is None and name == "wait_timeout":
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise SettingsError(f"{name}: not a number")
            problem = number_problem(float(value), maximum)
            if problem is not None:
                raise SettingsError(f"{name}: {problem}")

    def _check_headers(self) -> None:
        """Values sent as HTTP headers must be encodable, or every request would fail."""
        where = self.secret_source or "the settings"
        problem = header_problem(self.token.get_secret_value()) if self.token else None
        if problem is not None:
            raise SettingsError(f"the token of {where} {problem}")
        problem = header_problem(self.app_key) if self.app_key else None
        if problem is not None:
            raise SettingsError(f"app_key {problem}")

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied."""
        return dataclasses.replace(self, **changes)


def normalise_url(raw: str) -> str:
    """``example.cumulocity.com`` -> ``https://example.cumulocity.com`` (no scheme means https)."""
    url = raw.strip().rstrip("/")
    if not url:
        raise SettingsError("the tenant URL is empty")
    if "://" not in url:
        url = "https://" + url
    scheme = url.split("://", 1)[0].lower()
    if scheme not in ("http", "https"):
        raise SettingsError(f"unsupported URL scheme {scheme!r}: use https://")
    return url


def has_userinfo(url: str) -> bool:
    """Whether ``url`` carries ``user@`` or ``user:password@`` before its host."""
    rest = url.strip().split("://", 1)[-1]
    for stop in "/?#":
        rest = rest.split(stop, 1)[0]
    return "@" in rest


def check_url(url: str, origin: str) -> str:
    """``url`` as given by ``origin`` (``--url``, ``C8Y_BASEURL`` ...), refused when it holds
    credentials: they would end up in file names, ``.context`` and logs. The message never
    repeats the URL."""
    if has_userinfo(url):
        raise SettingsError(f"the tenant URL of {origin}: {USERINFO_HINT}")
    return url


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def split_user(raw: str) -> tuple[str | None, str]:
    """``t123/alice`` -> (``t123``, ``alice``); ``alice`` -> (None, ``alice``)."""
    if "/" in raw:
        tenant, user = raw.split("/", 1)
        return (tenant or None), user
    return None, raw


def first_set(environ: Mapping[str, str], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = environ.get(name, "").strip()
        if value:
            return value
    return None


def same_site(a: str, b: str) -> bool:
    """Whether two tenant URLs name the same scheme, host and port."""

    def key(url: str) -> tuple[str, str]:
        parts = urlsplit(normalise_url(url))
        return parts.scheme.lower(), parts.netloc.lower()

    return key(a) == key(b)


def resolve(
    args: argparse.Namespace,
    environ: Mapping[str, str],
    *,
    config_file: Path | None = None,
) -> Settings:
    """Merge every source (see the module docstring) into one ``Settings``."""
    from .login_choice import choose_login
    from .sources import environment_source, flag_source, profile_source, session_source

    sources = [flag_source(args)]
    session_file = getattr(args, "session", None) or environ.get(SESSION_VARIABLE, "").strip()
    if session_file:  # --session, else C8Y_SESSION: the same rank
        sources.append(session_source(Path(session_file).expanduser()))
    sources.append(environment_source(environ))
    profile = profile_source(getattr(args, "profile", None), config_file)
    if profile is not None:
        sources.append(profile)

    merged: dict[str, Any] = {}
    for source in reversed(sources):  # weakest first, so stronger ones overwrite
        merged.update(source.values)
    login = choose_login(sources)
    url = login.url
    merged.update(
        url=url,
        tenant=login.tenant,
        user=login.user,
        password=login.password,
        token=login.token,
        encrypted=login.encrypted,
        secret_source=login.secret_source,
        login_source=login.described,
        connector_id=login.connector_id,
    )
    if login.described:
        log.info("login: %s", login.described)
    notes = list(login.notes)
    clear = url is not None and url.lower().startswith("http://") and not is_loopback(url)
    if clear and merged.get("allow_insecure_http"):
        notes.append(
            f"warning: credentials travel in clear over http:// to {urlsplit(url or '').hostname} "
            "(--allow-http): anyone on the way can read them"
        )
    verify = merged.get("verify", True)
    if isinstance(verify, str):
        bundle = Path(verify).expanduser()
        if not bundle.is_file():
            raise SettingsError(f"CA bundle {verify} is not a readable file")
        merged["verify"] = str(bundle)
    merged["notes"] = tuple(notes)
    return Settings(**merged)


def encrypted_problem(settings: Settings) -> str | None:
    """When the only password we have is go-c8y-cli-encrypted: a one-line explanation."""
    if settings.password is not None or settings.token is not None:
        return None
    if not settings.encrypted:
        return None
    what = " and ".join(settings.encrypted)
    return (
        f"the {what} in {settings.secret_source} is encrypted ({{encrypted}}...) and "
        "lwm2m-shell does not decrypt it"
    )
