"""Connection settings: where the tenant is, who we are, and how careful to be.

``Settings`` is the merged result of every source (see ``resolve`` for the order); each value
was validated where it came in, ``Settings`` checks the few rules that hold whatever the source.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from .limits import MAX_REQUEST_TIMEOUT, MAX_WAIT_TIMEOUT, header_problem, number_problem
from .secret import Secret

DEFAULT_ENDPOINT_TYPES = ("c8y_Id",)


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
