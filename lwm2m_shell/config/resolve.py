"""Settings from every source, merged: ``resolve``.

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
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .login_choice import choose_login
from .settings import Settings, SettingsError
from .sources import (
    SESSION_VARIABLE,
    environment_source,
    flag_source,
    profile_source,
    session_source,
)
from .tenant_url import is_loopback

log = logging.getLogger("lwm2m_shell.config")


def resolve(
    args: argparse.Namespace,
    environ: Mapping[str, str],
    *,
    config_file: Path | None = None,
) -> Settings:
    """Merge every source (see the module docstring) into one ``Settings``."""
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
