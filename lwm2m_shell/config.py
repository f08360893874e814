"""Connection settings: where the tenant is, who we are, and how careful to be.

Sources, strongest first: command-line flags, then ``C8Y_*`` environment variables, then built-in
defaults. Secrets are never taken from the command line (the process list would show them).
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict, SecretStr

DEFAULT_ENDPOINT_TYPES = ("c8y_Id",)
URL_VARIABLES = ("C8Y_BASEURL", "C8Y_HOST", "C8Y_URL")
USER_VARIABLES = ("C8Y_USER", "C8Y_USERNAME")


class SettingsError(Exception):
    """Settings that cannot work; the message is one line for the user."""


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True)

    url: str | None = None
    tenant: str | None = None
    user: str | None = None
    password: SecretStr | None = None
    token: SecretStr | None = None
    connector_id: str | None = None
    auth_method: Literal["auto", "basic", "oauth", "token"] = "auto"
    verify: bool | str = True
    request_timeout: float = 30.0
    wait_timeout: float | None = None
    endpoint_types: tuple[str, ...] = DEFAULT_ENDPOINT_TYPES
    confirm_tenant_wide: bool = True
    color: bool = True
    allow_insecure_http: bool = False
    app_key: str | None = None


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


def resolve(args: argparse.Namespace, environ: Mapping[str, str]) -> Settings:
    """Merge flags over environment over defaults into one ``Settings``."""
    url = getattr(args, "url", None) or first_set(environ, URL_VARIABLES)
    tenant = getattr(args, "tenant", None) or first_set(environ, ("C8Y_TENANT",))
    raw_user = getattr(args, "user", None) or first_set(environ, USER_VARIABLES)
    user = None
    if raw_user:
        user_tenant, user = split_user(raw_user)
        tenant = tenant or user_tenant
    password = environ.get("C8Y_PASSWORD") or None
    token = environ.get("C8Y_TOKEN") or None
    verify: bool | str = True
    if getattr(args, "insecure", False):
        verify = False
    elif getattr(args, "ca_bundle", None):
        verify = str(args.ca_bundle)
    return Settings(
        url=normalise_url(url) if url else None,
        tenant=tenant,
        user=user,
        password=SecretStr(password) if password else None,
        token=SecretStr(token) if token else None,
        connector_id=getattr(args, "connector_id", None),
        verify=verify,
        wait_timeout=getattr(args, "timeout", None),
        request_timeout=getattr(args, "request_timeout", None) or 30.0,
        color=not (getattr(args, "no_color", False) or "NO_COLOR" in environ),
        allow_insecure_http=bool(getattr(args, "allow_http", False)),
        confirm_tenant_wide=not getattr(args, "yes", False),
    )
