"""Per-tenant command history: one file per tenant and URL, 0600, appended to, never rewritten."""

from __future__ import annotations

from pathlib import Path

from prompt_toolkit.history import FileHistory, History, ThreadedHistory

from ..paths import ensure_private_file, state_dir, tenant_key


def history_path(url: str, tenant: str | None) -> Path:
    return state_dir() / "history" / f"{tenant_key(url, tenant or '-')}.history"


def tenant_history(url: str, tenant: str | None) -> History:
    """History of this tenant, loaded in a background thread so the prompt never waits for it."""
    path = ensure_private_file(history_path(url, tenant))
    return ThreadedHistory(FileHistory(str(path)))
