"""Connection settings: where the tenant is, who we are, and how careful to be.

Sources, strongest first (the first that sets a value wins):

1. command-line flags (``--url``, ``--user``, ``--auth`` ...);
2. the go-c8y-cli session file named by ``--session FILE``;
3. ``C8Y_*`` environment variables (and ``NO_COLOR``);
4. the session file named by ``C8Y_SESSION`` (when there is no ``--session``);
5. the profile (``--profile NAME``, else the config file's ``default``);
6. built-in defaults.

Secrets are never taken from the command line (the process list would show them). The password
and token come together from the strongest source that has one; a profile's or session file's
secret is only used with that source's own URL, so ``--url`` cannot send it to another host.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args
from urllib.parse import urlsplit

from .secret import HasSecret, Secret

DEFAULT_ENDPOINT_TYPES = ("c8y_Id",)
URL_VARIABLES = ("C8Y_BASEURL", "C8Y_HOST", "C8Y_URL")
USER_VARIABLES = ("C8Y_USER", "C8Y_USERNAME")
SESSION_VARIABLE = "C8Y_SESSION"


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


@dataclass
class Source:
    """The values one source sets (only those it sets), and its secrets."""

    label: str
    values: dict[str, Any] = field(default_factory=dict)
    password: HasSecret | None = field(default=None, repr=False)
    token: HasSecret | None = field(default=None, repr=False)
    encrypted: tuple[str, ...] = ()
    url: str | None = None  # the source's own URL: its secrets go nowhere else

    @property
    def has_secret(self) -> bool:
        return self.password is not None or self.token is not None or bool(self.encrypted)

    def set_user(self, raw: str | None, tenant: str | None) -> None:
        """Record user and tenant; an explicit tenant beats the one in ``tenant/user``."""
        if raw:
            user_tenant, self.values["user"] = split_user(raw)
            tenant = tenant or user_tenant
        if tenant:
            self.values["tenant"] = tenant


def flag_source(args: argparse.Namespace) -> Source:
    source = Source("command-line flags")
    values = source.values
    if getattr(args, "url", None):
        values["url"] = args.url
    source.set_user(getattr(args, "user", None), getattr(args, "tenant", None))
    if getattr(args, "connector_id", None):
        values["connector_id"] = args.connector_id
    if getattr(args, "auth", None):
        values["auth_method"] = args.auth
    if getattr(args, "insecure", False):
        values["verify"] = False
    elif getattr(args, "ca_bundle", None):
        values["verify"] = str(args.ca_bundle)
    if getattr(args, "timeout", None):
        values["wait_timeout"] = args.timeout
    if getattr(args, "request_timeout", None):
        values["request_timeout"] = args.request_timeout
    if getattr(args, "no_color", False):
        values["color"] = False
    if getattr(args, "yes", False):
        values["confirm_tenant_wide"] = False
    if getattr(args, "allow_http", False):
        values["allow_insecure_http"] = True
    return source


def environment_source(environ: Mapping[str, str]) -> Source:
    password = environ.get("C8Y_PASSWORD") or None
    token = environ.get("C8Y_TOKEN") or None
    source = Source(
        "C8Y_PASSWORD/C8Y_TOKEN",
        password=Secret.of(password),
        token=Secret.of(token),
    )
    url = first_set(environ, URL_VARIABLES)
    if url:
        source.values["url"] = url
    source.set_user(first_set(environ, USER_VARIABLES), first_set(environ, ("C8Y_TENANT",)))
    if "NO_COLOR" in environ:
        source.values["color"] = False
    return source


def session_source(path: Path) -> Source:
    from .sessionfile import SessionFileError, read_session_file

    try:
        session = read_session_file(path)
    except SessionFileError as error:
        raise SettingsError(str(error)) from None
    source = Source(
        f"session file {path}",
        password=session.password,
        token=session.token,
        encrypted=session.encrypted,
        url=session.host,
    )
    if session.host:
        source.values["url"] = session.host
    source.set_user(session.username, session.tenant)
    source.values["session_file"] = str(path)
    return source


def profile_source(name: str | None, config_file: Path | None) -> Source | None:
    from .profiles import ConfigFileError, load_profile

    try:
        chosen = load_profile(name, config_file)
    except ConfigFileError as error:
        raise SettingsError(str(error)) from None
    if chosen is None:
        return None
    profile = chosen.profile
    source = Source(
        f"profile {chosen.name}",
        password=profile.password,
        token=profile.token,
        url=profile.url,
    )
    values = source.values
    values["profile"] = chosen.name
    source.set_user(profile.user, profile.tenant)
    plain = {
        "url": profile.url,
        "connector_id": profile.connector_id,
        "auth_method": profile.auth,
        "request_timeout": profile.request_timeout,
        "wait_timeout": profile.wait_timeout,
        "confirm_tenant_wide": profile.confirm_tenant_wide,
        "color": profile.color,
        "app_key": profile.app_key,
        "announce_others": profile.announce_others,
        "verify": profile.ca_bundle,
        "endpoint_types": tuple(profile.endpoint_types) if profile.endpoint_types else None,
        "lookup_workers": profile.lookup_workers,
        "lookup_rate": profile.lookup_rate,
        "endpoint_name_patterns": (
            None
            if profile.endpoint_name_patterns is None
            else tuple(profile.endpoint_name_patterns)
        ),
    }
    values.update({key: value for key, value in plain.items() if value is not None})
    return source


def resolve(
    args: argparse.Namespace,
    environ: Mapping[str, str],
    *,
    config_file: Path | None = None,
) -> Settings:
    """Merge every source (see the module docstring) into one ``Settings``."""
    sources = [flag_source(args)]
    session_flag = getattr(args, "session", None)
    if session_flag:
        sources.append(session_source(Path(session_flag).expanduser()))
    sources.append(environment_source(environ))
    session_env = environ.get(SESSION_VARIABLE, "").strip()
    if session_env and not session_flag:
        sources.append(session_source(Path(session_env).expanduser()))
    profile = profile_source(getattr(args, "profile", None), config_file)
    if profile is not None:
        sources.append(profile)

    merged: dict[str, Any] = {}
    for source in reversed(sources):  # weakest first, so stronger ones overwrite
        merged.update(source.values)
    url = normalise_url(merged["url"]) if merged.get("url") else None
    merged["url"] = url
    notes: list[str] = []
    for source in sources:
        if not source.has_secret:
            continue
        if source.url and url and not same_site(source.url, url):
            notes.append(
                f"the credentials of {source.label} are only used with "
                f"{urlsplit(normalise_url(source.url)).netloc}, not with {urlsplit(url).netloc}"
            )
            continue
        merged.update(
            password=source.password,
            token=source.token,
            encrypted=source.encrypted,
            secret_source=source.label,
        )
        break
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
