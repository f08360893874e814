"""One load of the catalogue from the tenant: list the devices, offer them at once, confirm.

``TenantLoad.run`` lists the LWM2M devices (publishing the first page at once and then every
``partial_every`` seconds while the snapshot in use holds fewer), publishes every listed device
with the endpoints already known and provisional ones guessed from names, then confirms the
rest with identity look-ups (newest first, bounded in workers and requests per second),
publishing and saving what it has every ``partial_every`` seconds and when it stops or fails.
It returns the complete snapshot; the caller swaps it in and saves it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from ..client import ClientError, CumulocityClient
from ..client.errors import PagesExceeded
from .loader import Listed, LoadCancelled, confirm, list_devices, listing_snapshot, newest_first
from .pacing import RequestPace
from .provisional import EndpointGuess
from .snapshot import Snapshot

Known = dict[str, str | None]  # device ID -> confirmed external ID (or None: it has none)


@dataclass(frozen=True)
class LoadOptions:
    endpoint_types: tuple[str, ...]
    guess: EndpointGuess
    workers: int
    requests_per_second: float
    partial_every: float
    page_size: int
    clock: Callable[[], float]  # epoch seconds, for the snapshot's age


class TenantLoad:
    """``known`` holds the endpoints confirmed before (the disk, the snapshot in use, a failed
    load's look-ups); it grows as look-ups come in, and so does ``memo`` (kept by the caller
    for the next load when this one fails)."""

    def __init__(
        self,
        client: CumulocityClient,
        options: LoadOptions,
        *,
        known: Known,
        memo: Known,
        stop: threading.Event,
        held: Callable[[], int],
        publish: Callable[[Snapshot], None],
        save: Callable[[Snapshot], None],
        progress: Callable[[str, int, int | None], None],
    ) -> None:
        self.client = client
        self.options = options
        self.known = known
        self.memo = memo
        self.stop = stop
        self.held = held
        self.publish = publish
        self.save = save
        self.progress = progress

    def run(self) -> Snapshot:
        limits: list[PagesExceeded] = []
        listed = self._list(limits.append)
        self._confirm(listed)
        if limits:  # the listing went past its bounds: keep what it got, then say so
            self._save_progress(listed)
            raise limits[0]
        return self._snapshot_of(listed, complete=True)

    def _snapshot_of(self, listed: dict[str, Listed], *, complete: bool) -> Snapshot:
        return listing_snapshot(
            listed,
            self.known,
            self.options.guess,
            fetched_at=self.options.clock(),
            complete=complete,
        )

    def _list(self, on_limit: Callable[[PagesExceeded], None]) -> dict[str, Listed]:
        last: float | None = None

        def page(found: dict[str, Listed]) -> None:
            nonlocal last
            now = time.monotonic()
            if last is not None and now - last < self.options.partial_every:
                return
            if len(found) > self.held():
                self.publish(self._snapshot_of(found, complete=False))
                last = time.monotonic()

        return list_devices(
            self.client,
            stop=self.stop,
            on_progress=self.progress,
            on_page=page,
            page_size=self.options.page_size,
            on_limit=on_limit,
        )

    def _confirm(self, listed: dict[str, Listed]) -> None:
        """Confirm the endpoints not known yet; devices found gone leave ``listed``."""
        known = self.known
        unknown = [i for i in listed if i not in known]
        if not unknown:
            return
        self._save_progress(listed)  # every device is offered from here on, and on disk
        missing = newest_first(listed, unknown)  # sorted once completion has them all
        del unknown
        total = len(listed)
        done = total - len(missing)
        self.progress("endpoints", done, total)
        last = time.monotonic()

        def batch(found: Known, gone: set[str]) -> None:
            nonlocal done, total, last
            known.update(found)
            self.memo.update(found)
            for device_id in gone:
                listed.pop(device_id, None)
            done += len(found)
            total -= len(gone)
            self.progress("endpoints", done, total)
            if time.monotonic() - last >= self.options.partial_every:
                self._save_progress(listed)
                last = time.monotonic()

        try:
            confirm(
                self.client,
                missing,
                self.options.endpoint_types,
                on_batch=batch,
                workers=self.options.workers,
                pace=RequestPace(self.options.requests_per_second),
                stop=self.stop,
            )
        except (LoadCancelled, ClientError):
            self._save_progress(listed)  # so that the next load resumes from here
            raise

    def _save_progress(self, listed: dict[str, Listed]) -> None:
        snapshot = self._snapshot_of(listed, complete=False)
        self.publish(snapshot)
        self.save(snapshot)
