"""An immutable snapshot of the tenant's LWM2M devices with its search indexes.

A snapshot is built whole (in the loader thread) and then only read; the catalogue swaps in a
new one under a lock, so completion never sees a half-built index. Devices are stored column by
column, each packed into a few flat objects (``packed``): IDs end to end in one string, types as
small codes, endpoints only in the endpoint index, names only where they differ from the
endpoint, and one byte of flags per device. A million devices cost well under 100 MB.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .index import SEPARATOR, EndpointIndex, IdIndex, TextIndex
from .model import Device, clean_text
from .packed import CodedStrings, Derived, PackedStrings

HAS_EXTERNAL = 1  # flags: the device's external is its (stored) endpoint, not None
NAME_IS_ENDPOINT = 2  # the name is the same text as the endpoint (not stored twice)


@dataclass(frozen=True)
class Match:
    """One device found by a search: its position in the snapshot and its columns."""

    id: str
    name: str
    type: str
    endpoint: str
    external: str | None
    provisional: bool = False  # the endpoint is a guess from the name, not yet confirmed


class Snapshot:
    """Devices in the order the tenant listed them, plus indexes over IDs and endpoints.

    ``fetched_at`` is when the data came from the tenant (epoch seconds; None for an empty
    snapshot); ``complete`` is False while some devices' endpoints are still unknown.
    ``pending`` holds the indexes of devices not yet confirmed by the identity API: their
    ``externals`` entry is the provisional endpoint guessed from the name, or None (no endpoint
    to offer yet).
    """

    def __init__(
        self,
        ids: Sequence[str],
        names: Sequence[str],
        types: Sequence[str],
        externals: Sequence[str | None],
        *,
        fetched_at: float | None = None,
        complete: bool = True,
        pending: Iterable[int] = (),
    ) -> None:
        if not len(ids) == len(names) == len(types) == len(externals):
            raise ValueError("snapshot columns differ in length")
        count = len(ids)
        self.pending = bytearray(count)  # 1: not confirmed yet
        for index in pending:
            self.pending[index] = 1
        self.pending_count = self.pending.count(1)
        # endpoint_of, inlined: this runs for every device
        endpoints = [
            name if external is None else external
            for name, external in zip(names, externals, strict=True)
        ]
        if self.pending_count:
            for index in self.pending_indexes():
                endpoints[index] = externals[index] or ""
        self._endpoint_index = EndpointIndex(endpoints)
        self._id_index = IdIndex(ids)
        # a name equal to the endpoint is not stored twice; the index stores line breaks as
        # blanks, so such a name is kept as it is
        own_names = [
            "" if name == endpoint and SEPARATOR not in name else name
            for name, endpoint in zip(names, endpoints, strict=True)
        ]
        del endpoints
        # a name left out is the endpoint's (an empty name stays empty either way)
        flags = bytearray(
            [
                (HAS_EXTERNAL if external is not None else 0)
                | (NAME_IS_ENDPOINT if name and not own else 0)
                for external, name, own in zip(externals, names, own_names, strict=True)
            ]
        )
        self._flags = flags
        self._names = PackedStrings(own_names)
        del own_names
        self.ids: Sequence[str] = self._id_index.ids
        self.types: Sequence[str] = CodedStrings(types)
        self.names: Sequence[str] = Derived(count, self._name)
        self.endpoints: Sequence[str] = Derived(count, self._endpoint_index.endpoint)
        self.externals: Sequence[str | None] = Derived(count, self._external)
        self.fetched_at = fetched_at
        self.complete = complete
        self._text_index: TextIndex | None = None
        self._text_lock = threading.Lock()

    def _name(self, index: int) -> str:
        if self._flags[index] & NAME_IS_ENDPOINT:
            return self._endpoint_index.endpoint(index)
        return self._names[index]

    def _external(self, index: int) -> str | None:
        if self._flags[index] & HAS_EXTERNAL:
            return self._endpoint_index.endpoint(index)
        return None

    def finish_indexes(self) -> None:
        """Build the indexes that may come after the snapshot is in use (suffix order)."""
        self._endpoint_index.build_suffix_order()

    @classmethod
    def empty(cls) -> Snapshot:
        return cls([], [], [], [], fetched_at=None, complete=False)

    @classmethod
    def from_devices(
        cls, devices: Iterable[Device], *, fetched_at: float | None, complete: bool = True
    ) -> Snapshot:
        """A snapshot of ``devices`` in their order, cleaned as a load cleans them.

        No load calls this (``loader`` builds the same columns straight from the listing,
        without a ``Device`` per device): it is how tests and tools build a snapshot, and the
        loader's tests compare what a load built against it.
        """
        ids: list[str] = []
        names: list[str] = []
        types: list[str] = []
        externals: list[str | None] = []
        pending: list[int] = []
        interned: dict[str, str] = {}
        for device in devices:
            if not device.confirmed:
                pending.append(len(ids))
            ids.append(device.id)
            names.append(clean_text(device.name))
            kind = clean_text(device.type)
            types.append(interned.setdefault(kind, kind))
            externals.append(device.external)
        return cls(
            ids, names, types, externals, fetched_at=fetched_at, complete=complete, pending=pending
        )

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def endpoint_count(self) -> int:
        return len(self._endpoint_index)

    @property
    def confirmed_count(self) -> int:
        """Devices whose endpoint the identity API has confirmed (or shown to be the name)."""
        return len(self.ids) - self.pending_count

    def pending_indexes(self) -> Iterable[int]:
        """Indexes of the devices not confirmed yet, in listing order."""
        found = self.pending.find(1)
        while found != -1:
            yield found
            found = self.pending.find(1, found + 1)

    def match(self, index: int) -> Match:
        endpoint = self._endpoint_index.endpoint(index)
        flag = self._flags[index]
        return Match(
            id=self.ids[index],
            name=endpoint if flag & NAME_IS_ENDPOINT else self._names[index],
            type=self.types[index],
            endpoint=endpoint,
            external=endpoint if flag & HAS_EXTERNAL else None,
            provisional=bool(self.pending[index]),
        )

    def device(self, index: int) -> Device:
        confirmed = not self.pending[index]
        columns = (self.ids[index], self.names[index], self.types[index], self.externals[index])
        return Device(*columns, confirmed=confirmed)

    def devices(self) -> Iterable[Device]:
        return (self.device(i) for i in range(len(self.ids)))

    def known_externals(self) -> dict[str, str | None]:
        """ID -> external ID (or None) of every confirmed device: what a later load need not
        look up."""
        known = dict(zip(self.ids, self.externals, strict=True))
        for index in self.pending_indexes():
            del known[self.ids[index]]
        return known

    # -- searching -----------------------------------------------------------------------------

    def endpoint_matches(self, word: str, limit: int) -> list[Match]:
        """Devices whose endpoint contains ``word``: prefix matches first, then suffix matches."""
        return [self.match(i) for i in self._endpoint_index.matches(word, limit)]

    def id_matches(self, word: str, exclude: frozenset[str], limit: int) -> list[Match]:
        """Devices whose ID starts with ``word``, skipping ``exclude``."""
        found: list[Match] = []
        if limit <= 0:
            return found
        for index in self._id_index.prefixed(word):
            if self.ids[index] not in exclude:
                found.append(self.match(index))
                if len(found) >= limit:
                    break
        return found

    def find_id(self, device_id: str) -> Match | None:
        """The device with exactly this ID, or None (a command naming an unknown device asks
        before it is sent: ``modes.repl_block.unknown_targets``)."""
        index = self._id_index.find(device_id)
        return None if index is None else self.match(index)

    def search(self, text: str, limit: int) -> tuple[list[Match], int]:
        """Devices whose ID, name, type or endpoint contains ``text``: the first ``limit`` and
        how many there are in all."""
        index = self._text()
        shown: list[Match] = []
        total = 0
        for row in index.search(text):
            total += 1
            if len(shown) < limit:
                shown.append(self.match(row))
        return shown, total

    def search_endpoints(self, text: str, limit: int) -> tuple[list[Match], int]:
        """Devices whose endpoint contains ``text``, in endpoint order, and how many in all."""
        shown: list[Match] = []
        total = 0
        for row in self._endpoint_index.containing(text.lower()) if text else self._all_ranked():
            total += 1
            if len(shown) < limit:
                shown.append(self.match(row))
        return shown, total

    def _all_ranked(self) -> Iterable[int]:
        return self._endpoint_index.prefixed("")

    def _text(self) -> TextIndex:
        with self._text_lock:  # built on first use: listings are rare, typing is not
            if self._text_index is None:
                columns = (self.ids, self.names, self.types, self.endpoints)
                self._text_index = TextIndex(columns)
            return self._text_index
