"""Tenant URLs as the user writes them: normalised, compared, and refused when they hold
credentials (``user:password@`` would end up in file names, ``.context`` and logs)."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from .settings import SettingsError

USERINFO_HINT = (
    "a URL must not hold a user name or password (user:password@): "
    "use --user / C8Y_USER and C8Y_PASSWORD (or the user and password keys of the profile)"
)


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
    credentials. The message never repeats the URL."""
    if has_userinfo(url):
        raise SettingsError(f"the tenant URL of {origin}: {USERINFO_HINT}")
    return url


def is_loopback(url: str) -> bool:
    """Whether ``url`` names this machine (plain http is fine there)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def same_site(a: str, b: str) -> bool:
    """Whether two tenant URLs name the same scheme, host and port."""

    def key(url: str) -> tuple[str, str]:
        parts = urlsplit(normalise_url(url))
        return parts.scheme.lower(), parts.netloc.lower()

    return key(a) == key(b)
