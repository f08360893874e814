"""Where lwm2m-shell keeps its files (XDG base directories) and how tenants are named in them.

Config lives in ``$XDG_CONFIG_HOME/lwm2m-shell``, history and logs in
``$XDG_STATE_HOME/lwm2m-shell`` and caches in ``$XDG_CACHE_HOME/lwm2m-shell``. Every directory we
create is 0700 and every file 0600: history and caches name tenants, users and devices, which are
nobody else's business. How they are opened and written safely is ``private_files``' business.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

APP_NAME = "lwm2m-shell"


def config_dir() -> Path:
    from xdg_base_dirs import xdg_config_home

    return xdg_config_home() / APP_NAME


def state_dir() -> Path:
    from xdg_base_dirs import xdg_state_home

    return xdg_state_home() / APP_NAME


def cache_dir() -> Path:
    from xdg_base_dirs import xdg_cache_home

    return xdg_cache_home() / APP_NAME


def tenant_key(url: str, tenant: str) -> str:
    """A file-name-safe key for one tenant at one URL, readable and collision-free.

    Built from the URL without its user part (``user:password@``): nothing secret can end up
    in a file name, even if such a URL got this far.
    """
    clean = strip_userinfo(url).rstrip("/")
    readable = "".join(c if c.isalnum() or c in "-." else "_" for c in f"{tenant}@{_host(clean)}")
    digest = hashlib.sha256(f"{clean}\n{tenant}".encode()).hexdigest()[:10]
    return f"{readable[:80]}-{digest}"


def strip_userinfo(url: str) -> str:
    """``https://u:p@host/x`` -> ``https://host/x``: the URL as it may be shown or stored."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        scheme, rest = "", url
    end = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    host = rest[:end].rpartition("@")[2]
    return f"{scheme}{sep}{host}{rest[end:]}"


def _host(url: str) -> str:
    rest = url.split("://", 1)[-1]
    return rest.split("/", 1)[0]
