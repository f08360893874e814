"""The catalogue on disk: one JSON file per tenant under ``$XDG_CACHE_HOME/lwm2m-shell/catalogue``.

The file is written whole through a 0600 temporary file and a rename, so a reader sees either
the old file or the new one. Columns are stored as parallel lists (compact and fast to parse).
A file that cannot be read or does not validate raises ``CacheError``; the caller discards it
and loads from the tenant again. Reads and writes go through ``private_files``: a cache that is a
symlink, belongs to someone else or others may write to is refused (it could feed completion
anything), and its content must look like what we write (device IDs are numbers, the columns
agree). The ``url`` field never holds a user or password.
"""

from __future__ import annotations

import contextlib
import json
import time
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .. import private_files
from ..config import paths
from .snapshot import Snapshot

FORMAT = "lwm2m-shell-catalogue"
VERSION = 1
MAX_CACHE_BYTES = 256 * 1024 * 1024  # far above a tenant of 500,000 devices


class CacheError(Exception):
    """The cache file exists but cannot be used; the message is one line."""


class CacheFile(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="ignore")

    format: str
    version: int
    url: str
    tenant: str
    endpoint_types: list[str] = Field(alias="endpointTypes")
    fetched_at: float = Field(alias="fetchedAt")
    saved_at: float = Field(alias="savedAt")
    complete: bool
    ids: list[str]
    names: list[str]
    types: list[str]
    externals: list[str | None]
    # indexes of devices whose endpoint is not confirmed yet (a resumable background load)
    pending: list[int] = Field(default_factory=list)

    @model_validator(mode="after")
    def _same_lengths(self) -> CacheFile:
        if self.format != FORMAT:
            raise ValueError(f"not a catalogue cache ({self.format!r})")
        if not len(self.ids) == len(self.names) == len(self.types) == len(self.externals):
            raise ValueError("the columns differ in length")
        if not all(key.isascii() and key.isdigit() for key in self.ids):
            raise ValueError("a device ID is not a number")
        if len(set(self.ids)) != len(self.ids):
            raise ValueError("a device ID appears twice")
        if paths.strip_userinfo(self.url) != self.url:
            raise ValueError("the URL holds a user name")
        if any(not 0 <= index < len(self.ids) for index in self.pending):
            raise ValueError("a pending index is out of range")
        return self


class RegistrationsFile(BaseModel):
    registrations: list[tuple[str, str]]  # (ID, note), oldest first


def cache_path(url: str, tenant: str) -> Path:
    return paths.cache_dir() / "catalogue" / f"{paths.tenant_key(url, tenant)}.json"


def registrations_path(url: str, tenant: str) -> Path:
    key = paths.tenant_key(url, tenant)
    return paths.cache_dir() / "catalogue" / f"{key}.registrations.json"


def save_registrations(path: Path, items: list[tuple[str, str]]) -> None:
    data = json.dumps({"registrations": items}, ensure_ascii=False).encode("utf-8")
    private_files.write_atomic(path, data)


def load_registrations(path: Path) -> list[tuple[str, str]]:
    """The remembered registration IDs; an unreadable file counts as none (they are a nicety)."""
    try:
        data = private_files.read_bytes(path, MAX_CACHE_BYTES)
        return RegistrationsFile.model_validate_json(data).registrations
    except (OSError, ValidationError):
        return []


def save(
    path: Path,
    snapshot: Snapshot,
    *,
    url: str,
    tenant: str,
    endpoint_types: tuple[str, ...],
) -> None:
    """Write ``snapshot`` to ``path``, atomically, 0600."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "url": paths.strip_userinfo(url),
        "tenant": tenant,
        "endpointTypes": list(endpoint_types),
        "fetchedAt": snapshot.fetched_at or time.time(),
        "savedAt": time.time(),
        "complete": snapshot.complete,
        "ids": list(snapshot.ids),
        "names": list(snapshot.names),
        "types": list(snapshot.types),
        "externals": list(snapshot.externals),
        "pending": list(snapshot.pending_indexes()),
    }
    data = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    private_files.write_atomic(path, data)


def load(path: Path) -> CacheFile | None:
    """The cache at ``path``; None when there is none; CacheError when it is unusable."""
    private_files.sweep(path.parent)  # temporaries of a save that was killed
    try:
        data = private_files.read_bytes(path, MAX_CACHE_BYTES + 1)
    except FileNotFoundError:
        return None
    except private_files.UnsafePath as error:  # the reason first: status lines are clipped
        raise CacheError(f"refused, {error.why}: {path}") from None
    except OSError as error:
        raise CacheError(f"cannot read {path}: {error.strerror or error}") from None
    if len(data) > MAX_CACHE_BYTES:
        raise CacheError(f"{path.name} is larger than {MAX_CACHE_BYTES // 2**20} MiB")
    try:
        document = CacheFile.model_validate_json(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "file"
        why = first.get("msg", "invalid")
        raise CacheError(f"{path.name} is damaged ({where}: {why})") from None
    if document.version != VERSION:
        raise CacheError(f"{path.name} has format version {document.version}, not {VERSION}")
    return document


def to_snapshot(document: CacheFile) -> Snapshot:
    return Snapshot(
        document.ids,
        document.names,
        document.types,
        document.externals,
        fetched_at=document.fetched_at,
        complete=document.complete,
        pending=document.pending,
    )


def discard(path: Path) -> None:
    """Remove an unusable cache file (a missing one is fine; never in a folder not ours)."""
    with contextlib.suppress(OSError):  # if it cannot go, the next save overwrites it
        private_files.remove(path)
