"""The sources of settings, each read on its own: flags, a session file, the environment and a
profile. Each ``Source`` holds only the values it sets, its secrets, and its own URL; how they
combine is ``resolve``'s business (and ``login_choice``'s for the login).
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .secret import HasSecret, Secret
from .settings import SettingsError
from .tenant_url import check_url

URL_VARIABLES = ("C8Y_BASEURL", "C8Y_HOST", "C8Y_URL")
USER_VARIABLES = ("C8Y_USER", "C8Y_USERNAME")
SESSION_VARIABLE = "C8Y_SESSION"


@dataclass
class Source:
    """The values one source sets (only those it sets), and its secrets."""

    label: str  # names the source's secrets in messages ("C8Y_PASSWORD/C8Y_TOKEN" ...)
    name: str = ""  # names the source in ``.context`` and ``-v`` ("environment variables" ...)
    values: dict[str, Any] = field(default_factory=dict)
    password: HasSecret | None = field(default=None, repr=False)
    token: HasSecret | None = field(default=None, repr=False)
    encrypted: tuple[str, ...] = ()
    url: str | None = None  # the source's own URL: its secrets go nowhere else

    def __post_init__(self) -> None:
        self.name = self.name or self.label

    @property
    def site(self) -> str | None:
        """The tenant URL this source names, if any."""
        url = self.url or self.values.get("url")
        return str(url) if url else None

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


def split_user(raw: str) -> tuple[str | None, str]:
    """``t123/alice`` -> (``t123``, ``alice``); ``alice`` -> (None, ``alice``)."""
    if "/" in raw:
        tenant, user = raw.split("/", 1)
        return (tenant or None), user
    return None, raw


def first_set(environ: Mapping[str, str], names: tuple[str, ...]) -> str | None:
    """The first of the variables ``names`` that is set and not blank."""
    for name in names:
        value = environ.get(name, "").strip()
        if value:
            return value
    return None


def flag_source(args: argparse.Namespace) -> Source:
    source = Source("command-line flags")
    values = source.values
    if getattr(args, "url", None):
        values["url"] = check_url(args.url, "--url")
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
        "environment variables",
        password=Secret.of(password),
        token=Secret.of(token),
    )
    for name in URL_VARIABLES:
        url = environ.get(name, "").strip()
        if url:
            source.values["url"] = check_url(url, name)
            break
    source.set_user(first_set(environ, USER_VARIABLES), first_set(environ, ("C8Y_TENANT",)))
    if "NO_COLOR" in environ:
        source.values["color"] = False
    return source


def session_source(path: Path) -> Source:
    from .go_cli_session import SessionFileError, read_session_file

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
        source.values["url"] = check_url(session.host, f"session file {path}")
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
    if profile.url:
        check_url(profile.url, f"profile {chosen.name} in {chosen.path}")
    return source
