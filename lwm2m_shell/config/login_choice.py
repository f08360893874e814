"""One login from one source: which URL, tenant, user and secret the shell logs in with.

The sources, strongest first: command-line flags; a go-c8y-cli session file (``--session FILE``,
else ``C8Y_SESSION``: the same rank); ``C8Y_*`` environment variables; the profile. The rule:

1. The *login source* is the strongest source that names a tenant URL. URL, tenant and user
   come from it; nothing of a weaker source is mixed in key by key.
2. Flags are explicit: ``--user`` and ``--tenant`` replace the login source's user and tenant.
   A login source without a user takes the user of the next source (strongest first) that
   names one and names no other host.
3. The password or token (always together) come from the login source, else from the next
   source that holds one; a source that names another host or another user never lends its
   secret (the user is asked instead, with a note saying why).

The connector device ID belongs to the tenant too: ``--connector-id``, else that of the
strongest source naming no other host (a profile's ``connector_id`` is not used with another
source's URL).

``described`` says where the login came from, for ``.context`` and ``-v``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .paths import strip_userinfo
from .secret import HasSecret
from .tenant_url import normalise_url, same_site

if TYPE_CHECKING:
    from .sources import Source


@dataclass(frozen=True)
class ChosenLogin:
    """The login ``choose_login`` picked, and where each part of it came from."""

    url: str | None
    tenant: str | None
    user: str | None
    password: HasSecret | None
    token: HasSecret | None
    encrypted: tuple[str, ...]
    secret_source: str | None
    described: str | None
    notes: tuple[str, ...]
    connector_id: str | None = None  # the flag's, else the login source's: never another's


def choose_login(sources: list[Source]) -> ChosenLogin:
    """The login of ``sources`` (strongest first; the first one is the flags)."""
    flags = sources[0]
    site = next((s for s in sources if s.values.get("url")), None)
    url = normalise_url(site.values["url"]) if site is not None else None
    order = [site, *(s for s in sources if s is not site)] if site is not None else sources

    def other_host(source: Source) -> bool:
        own = source.site
        return bool(own and url and not same_site(own, url))

    who = flags if flags.values.get("user") else None
    if who is None:
        who = next((s for s in order if s.values.get("user") and not other_host(s)), None)
    user = who.values.get("user") if who is not None else None
    tenant = flags.values.get("tenant")
    if tenant is None and site is not None:
        tenant = site.values.get("tenant")
    if tenant is None and who is not None and who is not site:
        tenant = who.values.get("tenant")

    notes: list[str] = []
    lender: Source | None = None
    for source in order:
        if not source.has_secret:
            continue
        if other_host(source):
            own = urlsplit(strip_userinfo(normalise_url(source.site or ""))).netloc
            chosen = urlsplit(strip_userinfo(url or "")).netloc
            notes.append(
                f"the credentials of {source.label} are only used with {own}, not with {chosen}"
            )
            continue
        owner = source.values.get("user")
        if owner and user and owner != user:
            notes.append(f"the credentials of {source.label} belong to user {owner}, not to {user}")
            continue
        lender = source
        break
    return ChosenLogin(
        url=url,
        tenant=tenant,
        user=user,
        password=lender.password if lender else None,
        token=lender.token if lender else None,
        encrypted=lender.encrypted if lender else (),
        secret_source=lender.label if lender else None,
        described=_describe(site, who, lender),
        notes=tuple(notes),
        connector_id=next(
            (s.values["connector_id"] for s in [flags, *order] if _connector(s, other_host)),
            None,
        ),
    )


def _describe(site: Source | None, who: Source | None, lender: Source | None) -> str | None:
    """``URL, user and secret from session file x.json`` or ``URL from ...; user from ...``."""
    if site is None:
        return None
    together = ["URL"] + (["user"] if who is site else []) + (["secret"] if lender is site else [])
    joined = ", ".join(together[:-1]) + " and " + together[-1] if len(together) > 1 else "URL"
    parts = [f"{joined} from {site.name}"]
    if who is not None and who is not site:
        parts.append(f"user from {who.name}")
    if lender is not None and lender is not site:
        parts.append(f"secret from {lender.name}")
    return "; ".join(parts)


def _connector(source: Source, other_host: Callable[[Source], bool]) -> bool:
    """Whether ``source`` may give the connector device ID: it names one and no other host."""
    return bool(source.values.get("connector_id")) and not other_host(source)
