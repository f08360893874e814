"""Fetching the tenant's LWM2M devices and their endpoints over the REST API.

Two inventory queries list the LWM2M devices (``fragmentType=c8y_IsLwm2mDevice`` and
``type=c8y_lwm2m``; merged by ID), 2000 per page. Then each device whose endpoint is not already
known is looked up in the identity API (``/identity/globalIds/{id}/externalIds``), by a small
pool of daemon worker threads sharing one client. Known endpoints are passed in (from the previous
snapshot or the disk cache), so a reload only looks up new devices; devices the tenant no longer
lists drop out.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Mapping, MutableMapping

from ..client import ClientError, CumulocityClient, NotFound
from ..client.api import MAX_PAGE_SIZE
from ..client.errors import PagesExceeded
from .model import Device
from .workers import Workers

LWM2M_QUERIES: tuple[dict[str, str], ...] = (
    {"fragmentType": "c8y_IsLwm2mDevice"},
    {"type": "c8y_lwm2m"},
)
WORKERS = 8
BATCH = 256

Progress = Callable[[str, int, int | None], None]  # (phase, done, total)
Partial = Callable[[list[Device]], None]


class LoadCancelled(Exception):
    """The load was stopped (the shell is closing)."""


def list_devices(
    client: CumulocityClient,
    *,
    stop: threading.Event | None = None,
    on_progress: Progress | None = None,
    page_size: int = MAX_PAGE_SIZE,
    on_limit: Callable[[PagesExceeded], None] | None = None,
) -> dict[str, tuple[str, str]]:
    """ID -> (name, type) of every LWM2M device, in the order the tenant lists them.

    A listing that goes past its bounds (see ``iter_managed_object_pages``) ends the listing
    there: what was listed is kept, and the PagesExceeded is handed to ``on_limit`` (or raised
    when there is none).
    """
    found: dict[str, tuple[str, str]] = {}
    for params in LWM2M_QUERIES:
        try:
            for page in client.iter_managed_object_pages(params, page_size=page_size):
                for managed in page:
                    if managed.id not in found:
                        found[managed.id] = (managed.name or "", managed.type or "")
                if on_progress is not None:
                    on_progress("devices", len(found), None)
                if stop is not None and stop.is_set():
                    raise LoadCancelled
        except PagesExceeded as error:
            if on_limit is None:
                raise
            on_limit(error)
    return found


def pick_endpoint(external_ids: Iterable[tuple[str, str]], types: tuple[str, ...]) -> str | None:
    """The value of the first ``(type, value)`` whose type comes first in ``types``."""
    by_type: dict[str, str] = {}
    for kind, value in external_ids:
        by_type.setdefault(kind, value)
    for kind in types:
        if kind in by_type:
            return by_type[kind]
    return None


class _Gone(Exception):
    """The device was deleted between listing and looking it up."""


def look_up(client: CumulocityClient, device_id: str, types: tuple[str, ...]) -> str | None:
    try:
        answer = client.external_ids(device_id)
    except NotFound:
        raise _Gone(device_id) from None
    return pick_endpoint(((x.type, x.external_id) for x in answer), types)


def fetch_devices(
    client: CumulocityClient,
    endpoint_types: tuple[str, ...],
    known: Mapping[str, str | None],
    *,
    memo: MutableMapping[str, str | None] | None = None,
    workers: int = WORKERS,
    stop: threading.Event | None = None,
    on_progress: Progress | None = None,
    on_partial: Partial | None = None,
    partial_every: float = 10.0,
    page_size: int = MAX_PAGE_SIZE,
) -> list[Device]:
    """Every LWM2M device with its endpoint; identity look-ups only for IDs not in ``known``.

    ``memo`` collects the look-ups done (also when the load fails half-way), so the next try need
    not repeat them. ``on_partial`` receives, every ``partial_every`` seconds of looking up, the
    devices whose endpoints are known so far. Raises ClientError or LoadCancelled; a listing
    that went past its bounds is looked up as far as it got, handed to ``on_partial`` and then
    raised (PagesExceeded), so the devices found are kept. Ctrl-C (in the calling thread) stops
    at once: look-ups under way are not waited for.
    """
    limits: list[PagesExceeded] = []
    listed = list_devices(
        client, stop=stop, on_progress=on_progress, page_size=page_size, on_limit=limits.append
    )
    memo = {} if memo is None else memo
    externals: dict[str, str | None] = {}
    missing: list[str] = []
    for device_id in listed:
        if device_id in known:
            externals[device_id] = known[device_id]
        elif device_id in memo:
            externals[device_id] = memo[device_id]
        else:
            missing.append(device_id)
    gone: set[str] = set()
    total = len(listed)
    if on_progress is not None:
        on_progress("endpoints", len(externals), total)

    def one(device_id: str) -> tuple[str, str | None, bool]:
        if stop is not None and stop.is_set():
            raise LoadCancelled
        try:
            return device_id, look_up(client, device_id, endpoint_types), False
        except _Gone:
            return device_id, None, True

    last_partial = time.monotonic()
    if missing:
        pool: Workers[str, tuple[str, str | None, bool]] = Workers(one, workers)
        try:
            for start in range(0, len(missing), BATCH):
                if stop is not None and stop.is_set():
                    raise LoadCancelled
                batch = pool.map(missing[start : start + BATCH])
                for done, answer in zip(batch.done, batch.results, strict=True):
                    if not done or answer is None:
                        continue
                    device_id, external, deleted = answer
                    if deleted:
                        gone.add(device_id)
                        continue
                    externals[device_id] = external
                    memo[device_id] = external
                if batch.error is not None:
                    raise batch.error
                if on_progress is not None:
                    on_progress("endpoints", len(externals), total - len(gone))
                if on_partial is not None and time.monotonic() - last_partial >= partial_every:
                    on_partial(_devices(listed, externals))
                    last_partial = time.monotonic()
        finally:  # after a failure or Ctrl-C, look-ups not yet started are dropped
            pool.close()
    if limits:
        if on_partial is not None:
            on_partial(_devices(listed, externals))
        raise limits[0]
    return _devices(listed, externals)


def _devices(
    listed: Mapping[str, tuple[str, str]], externals: Mapping[str, str | None]
) -> list[Device]:
    """The listed devices whose endpoint is known (looked up, or known to be absent)."""
    return [
        Device(device_id, name, kind, externals[device_id])
        for device_id, (name, kind) in listed.items()
        if device_id in externals
    ]


__all__ = ["ClientError", "LoadCancelled", "fetch_devices", "list_devices", "pick_endpoint"]
