"""The connector device's ID, remembered per tenant so that a one-shot run need not look it up.

Stored under ``$XDG_CACHE_HOME/lwm2m-shell/connector/`` (one small 0600 JSON file per tenant and
URL). A remembered ID is used without asking the tenant; when the tenant says that device does
not exist (the operation's POST answers 404), the session finds the connector again and the
command is sent to it (a refused POST created nothing). ``--connector-id`` bypasses all this.
Reading or writing problems are never errors: the ID is then simply looked up.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from .. import private_files
from ..config import paths


def memory_path(url: str, tenant: str) -> Path:
    return paths.cache_dir() / "connector" / f"{paths.tenant_key(url, tenant)}.json"


def recall(url: str, tenant: str) -> str | None:
    """The remembered connector ID of this tenant, or None."""
    try:
        data = json.loads(memory_path(url, tenant).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("url") != url or data.get("tenant") != tenant:
        return None  # another tenant's file under a colliding name, or a damaged one
    found = data.get("connectorId")
    return found if isinstance(found, str) and found.isdigit() else None


def remember(url: str, tenant: str, connector_id: str) -> None:
    document = {"url": url, "tenant": tenant, "connectorId": connector_id}
    with contextlib.suppress(OSError):  # not remembered: looked up again next time
        private_files.write_atomic(memory_path(url, tenant), json.dumps(document).encode())


def forget(url: str, tenant: str) -> None:
    with contextlib.suppress(OSError):
        memory_path(url, tenant).unlink()
