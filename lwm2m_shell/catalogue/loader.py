"""Fetching the tenant's LWM2M devices and their endpoints over the REST API.

One inventory query lists the LWM2M devices: those with the ``c8y_IsLwm2mDevice`` fragment or of
type ``c8y_lwm2m`` (the type is user-chosen since agent 10.17, the fragment is not), 2000 per
page. Every listed device can be completed by ID at once, and by its name where the name looks
like an endpoint (``provisional``). The identity API (``/identity/globalIds/{id}/externalIds``,
one request per device: there is no bulk form) then confirms the endpoints in the background
(``confirm``): newest devices first, by a small pool of daemon worker threads sharing one client,
under a cap on requests per second. Known endpoints are passed in (from the previous snapshot or the
disk cache), so a reload only looks up new devices; devices the tenant no longer lists drop out.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import NamedTuple

from ..client import ClientError, CumulocityClient, NotFound
from ..client.api import MAX_PAGE_SIZE
from ..client.errors import PagesExceeded
from .model import Device, clean_text
from .pacing import RequestPace
from .provisional import EndpointGuess
from .snapshot import Snapshot
from .workers import Workers

LWM2M_QUERY = "$filter=(has(c8y_IsLwm2mDevice) or type eq 'c8y_lwm2m')"
LWM2M_QUERIES: tuple[dict[str, str], ...] = ({"query": LWM2M_QUERY},)
WORKERS = 4  # concurrent identity look-ups (go-c8y-cli: 1 by default, at most 50)
REQUESTS_PER_SECOND = 50.0  # the cap on identity look-ups per second
BATCH = 256

Progress = Callable[[str, int, int | None], None]  # (phase, done, total)
Partial = Callable[["dict[str, Listed]"], None]


class LoadCancelled(Exception):
    """The load was stopped (the shell is closing)."""


class Listed(NamedTuple):
    """What the inventory says of one LWM2M device (a tuple: made once per device)."""

    name: str
    type: str
    created: str  # creationTime as the tenant wrote it ("" if absent)


def list_devices(
    client: CumulocityClient,
    *,
    stop: threading.Event | None = None,
    on_progress: Progress | None = None,
    on_page: Partial | None = None,
    page_size: int = MAX_PAGE_SIZE,
    on_limit: Callable[[PagesExceeded], None] | None = None,
) -> dict[str, Listed]:
    """ID -> Listed of every LWM2M device, in the order the tenant lists them.

    ``on_page`` receives the devices found so far after each page. A listing that goes past its
    bounds (see ``iter_managed_object_pages``) ends there: what was listed is kept, and the
    PagesExceeded goes to ``on_limit`` (or is raised when there is none).
    """
    found: dict[str, Listed] = {}
    for params in LWM2M_QUERIES:
        pages = client.iter_managed_object_pages(params, page_size=page_size)
        try:
            for page in pages:
                for managed in page:
                    if managed.id not in found:
                        found[managed.id] = Listed(
                            managed.name or "", managed.type or "", managed.creation_time or ""
                        )
                if on_progress is not None:
                    on_progress("devices", len(found), None)
                if stop is not None and stop.is_set():
                    raise LoadCancelled
                if on_page is not None:
                    on_page(found)
        except PagesExceeded as error:
            if on_limit is None:
                raise
            on_limit(error)
        finally:
            pages.close()  # a stop or Ctrl-C: no page more is asked for
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


def with_guesses(
    listed: Mapping[str, Listed],
    confirmed: Mapping[str, str | None],
    guess: EndpointGuess,
) -> list[Device]:
    """Every listed device: confirmed ones with their endpoint, the others provisional."""
    devices: list[Device] = []
    for device_id, item in listed.items():
        if device_id in confirmed:
            devices.append(Device(device_id, item.name, item.type, confirmed[device_id]))
        else:
            provisional = guess(item.name)
            devices.append(Device(device_id, item.name, item.type, provisional, confirmed=False))
    return devices


def listing_snapshot(
    listed: Mapping[str, Listed],
    confirmed: Mapping[str, str | None],
    guess: EndpointGuess,
    *,
    fetched_at: float | None,
    complete: bool,
) -> Snapshot:
    """The snapshot of ``with_guesses(...)``, built column by column (no Device per device)."""
    names: list[str] = []
    types: list[str] = []
    externals: list[str | None] = []
    pending: list[int] = []
    interned: dict[str, str] = {}
    for index, (device_id, item) in enumerate(listed.items()):
        names.append(clean_text(item.name))
        kind = clean_text(item.type)
        types.append(interned.setdefault(kind, kind))
        if device_id in confirmed:
            externals.append(confirmed[device_id])
        else:
            pending.append(index)
            externals.append(guess(item.name))
    return Snapshot(
        list(listed),
        names,
        types,
        externals,
        fetched_at=fetched_at,
        complete=complete,
        pending=pending,
    )


def newest_first(listed: Mapping[str, Listed], device_ids: Iterable[str]) -> list[str]:
    """``device_ids`` ordered newest first: by creation time, then by numeric ID."""

    def key(device_id: str) -> tuple[str, int]:
        number = int(device_id) if device_id.isdigit() else -1
        return listed[device_id].created, number

    return sorted(device_ids, key=key, reverse=True)


Confirmed = Callable[[dict[str, str | None], set[str]], None]  # (found, gone)


def confirm(
    client: CumulocityClient,
    device_ids: Sequence[str],
    endpoint_types: tuple[str, ...],
    *,
    on_batch: Confirmed,
    workers: int = WORKERS,
    pace: RequestPace | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Look up the endpoint of each device in ``device_ids``, in that order.

    At most ``workers`` look-ups run at once and ``pace`` caps how many start per second.
    ``on_batch`` receives each batch's results (device ID -> external ID or None) and the
    devices the tenant no longer has. Raises ClientError or LoadCancelled; batches reported
    before the failure stay reported.
    """

    def one(device_id: str) -> tuple[str, str | None, bool]:
        if pace is not None and not pace.wait(stop):
            raise LoadCancelled
        if stop is not None and stop.is_set():
            raise LoadCancelled
        try:
            return device_id, look_up(client, device_id, endpoint_types), False
        except _Gone:
            return device_id, None, True

    if not device_ids:
        return
    # Daemon threads: a Ctrl-C in the caller ends the wait at once, look-ups under way included.
    pool: Workers[str, tuple[str, str | None, bool]] = Workers(one, workers)
    try:
        for start in range(0, len(device_ids), BATCH):
            if stop is not None and stop.is_set():
                raise LoadCancelled
            found: dict[str, str | None] = {}
            gone: set[str] = set()
            try:
                batch = pool.map(device_ids[start : start + BATCH])
                for done, answer in zip(batch.done, batch.results, strict=True):
                    if not done or answer is None:
                        continue
                    device_id, external, deleted = answer
                    if deleted:
                        gone.add(device_id)
                    else:
                        found[device_id] = external
            finally:  # what was found before a failure counts
                on_batch(found, gone)
            if batch.error is not None:
                raise batch.error
    finally:  # after a failure or Ctrl-C, look-ups not yet started are dropped
        pool.close()


__all__ = [
    "ClientError",
    "Listed",
    "LoadCancelled",
    "confirm",
    "list_devices",
    "listing_snapshot",
    "newest_first",
    "pick_endpoint",
    "with_guesses",
]
