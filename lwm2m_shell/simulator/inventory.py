"""Inventory queries over TenantDevices: filters, ID-ordered paging and the JSON shape.

Paging a million seeded devices stays cheap: for each filter the number of matches per block of
slots is computed once (lazily, as pages reach it) and reused, so finding page k costs a walk over
block counts plus one block, not a scan of everything before it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .devices import DeviceView, TenantDevices
from .query import Node
from .timestamps import iso

BLOCK = 4096

LWM2M_FRAGMENTS = frozenset(
    {
        "c8y_IsDevice",
        "c8y_IsLwm2mDevice",
        "c8y_SupportedOperations",
        "sim_Lwm2mDevice",
        "sim_Lwm2mMigration",
        "sim_Lwm2mRegistrations",
    }
)
OTHER_FRAGMENTS = frozenset({"c8y_IsDevice", "c8y_Hardware", "c8y_SupportedOperations"})
CONNECTOR_FRAGMENTS = frozenset(
    {"c8y_IsDevice", "com_cumulocity_model_Agent", "c8y_SupportedOperations"}
)
KIND_FRAGMENTS = {"lwm2m": LWM2M_FRAGMENTS, "other": OTHER_FRAGMENTS}
KIND_FRAGMENTS["connector"] = CONNECTOR_FRAGMENTS
CHILD_FRAGMENTS = (
    "childDevices",
    "childAssets",
    "childAdditions",
    "assetParents",
    "deviceParents",
    "additionParents",
)


@dataclass(frozen=True)
class MoFilter:
    """The filters of GET /inventory/managedObjects (``ids`` is handled separately)."""

    type: str | None = None
    fragment: str | None = None
    query: Node | None = None

    def matches(self, type_: str, fragments: frozenset[str], name: Callable[[], str]) -> bool:
        if self.type is not None and type_ != self.type:
            return False
        if self.fragment is not None and self.fragment not in fragments:
            return False
        return self.query is None or self.query.evaluate(type_, fragments, name)


def _decided(flt: MoFilter, fragments: frozenset[str]) -> bool | None:
    """``flt``'s answer for every object with ``fragments`` (``flt.type`` unset), or None."""
    if flt.fragment is not None and flt.fragment not in fragments:
        return False
    return True if flt.query is None else flt.query.decided(fragments)


def _view_matches(flt: MoFilter, view: DeviceView) -> bool:
    return flt.matches(view.type, KIND_FRAGMENTS[view.kind], lambda: view.name)


class Inventory:
    """Filtered, paged access to the managed objects of TenantDevices (caller holds the lock)."""

    def __init__(self, devices: TenantDevices) -> None:
        self.devices = devices
        self._blocks: dict[MoFilter, dict[int, int]] = {}
        self._matchers: dict[MoFilter, Callable[[int], bool]] = {}
        self._removed_seen = 0

    def _slot_matcher(self, flt: MoFilter) -> Callable[[int], bool]:
        """Whether a slot's object matches ``flt`` (one function per filter, made once)."""
        matcher = self._matchers.get(flt)
        if matcher is None:
            matcher = self._matchers[flt] = self._new_matcher(flt)
        return matcher

    def _new_matcher(self, flt: MoFilter) -> Callable[[int], bool]:
        space = self.devices.space

        def by_name(slot: int) -> bool:
            fragments = LWM2M_FRAGMENTS if space.is_lwm2m_slot(slot) else OTHER_FRAGMENTS
            return flt.matches(space.slot_type(slot), fragments, lambda: space.device(slot).name)

        if flt.query is not None and flt.query.uses_name:
            return by_name
        # without a name in the filter, the answer depends on the type and the kind only:
        # evaluate each combination once, not once per slot; where the kind alone decides
        # (has(c8y_IsLwm2mDevice) or ...), the slot's type is not even computed
        answers: dict[tuple[str, bool], bool] = {}
        by_fragments = {
            lwm2m: None if flt.type is not None else _decided(flt, fragments)
            for lwm2m, fragments in ((True, LWM2M_FRAGMENTS), (False, OTHER_FRAGMENTS))
        }

        def by_kind(slot: int) -> bool:
            lwm2m = space.is_lwm2m_slot(slot)
            decided = by_fragments[lwm2m]
            if decided is not None:
                return decided
            type_ = space.slot_type(slot)
            answer = answers.get((type_, lwm2m))
            if answer is None:
                fragments = LWM2M_FRAGMENTS if lwm2m else OTHER_FRAGMENTS
                answer = answers[(type_, lwm2m)] = flt.matches(type_, fragments, str)
            return answer

        return by_kind

    def _sync_removals(self) -> None:
        """Forget the block counts of blocks that lost a device since the last query."""
        removed = self.devices.removed_slots
        if len(removed) == self._removed_seen:
            return
        stale = {slot // BLOCK for slot in removed}
        for counts in self._blocks.values():
            for block in stale:
                counts.pop(block, None)
        self._removed_seen = len(removed)

    def _block_count(self, flt: MoFilter, block: int) -> int:
        counts = self._blocks.setdefault(flt, {})
        if block not in counts:
            removed = self.devices.removed_slots
            matches = self._slot_matcher(flt)
            end = min((block + 1) * BLOCK, self.devices.space.slots)
            counts[block] = sum(
                1 for slot in range(block * BLOCK, end) if slot not in removed and matches(slot)
            )
        return counts[block]

    def _matching(self, flt: MoFilter, skip: int) -> Iterator[DeviceView]:
        """Matching objects in ID order, after skipping ``skip`` of them."""
        for connector in self.devices.connectors:
            view = connector.view()
            if _view_matches(flt, view):
                if skip:
                    skip -= 1
                else:
                    yield view
        slots = self.devices.space.slots
        block = 0
        while block * BLOCK < slots:
            count = self._block_count(flt, block)
            if skip < count:
                break
            skip -= count
            block += 1
        removed = self.devices.removed_slots
        matches = self._slot_matcher(flt)
        for slot in range(block * BLOCK, slots):
            if slot not in removed and matches(slot):
                if skip:
                    skip -= 1
                else:
                    yield self.devices.slot_view(slot)
        for added in list(self.devices.added.values()):
            view = added.view()
            if _view_matches(flt, view):
                if skip:
                    skip -= 1
                else:
                    yield view

    def count(self, flt: MoFilter) -> int:
        self._sync_removals()
        total = sum(1 for c in self.devices.connectors if _view_matches(flt, c.view()))
        blocks = (self.devices.space.slots + BLOCK - 1) // BLOCK
        total += sum(self._block_count(flt, block) for block in range(blocks))
        total += sum(1 for a in self.devices.added.values() if _view_matches(flt, a.view()))
        return total

    def page(self, flt: MoFilter, size: int, current: int) -> list[DeviceView]:
        self._sync_removals()
        return list(itertools.islice(self._matching(flt, (current - 1) * size), size))

    def by_ids(self, flt: MoFilter, ids: list[str]) -> list[DeviceView]:
        """Existing, matching objects among ``ids``, without duplicates, in ID order."""
        views = {}
        for device_id in ids:
            view = self.devices.get(device_id)
            if view is not None and _view_matches(flt, view):
                views[view.id] = view
        return sorted(views.values(), key=lambda v: int(v.id))


def render_managed_object(view: DeviceView, base: str, with_children: bool) -> dict[str, Any]:
    """A managed object in the API's JSON shape."""
    self_url = f"{base}/inventory/managedObjects/{view.id}"
    created = iso(view.creation_time)
    body: dict[str, Any] = {
        "id": view.id,
        "self": self_url,
        "type": view.type,
        "name": view.name,
        "creationTime": created,
        "lastUpdated": created,
        "owner": "service_lwm2m-agent" if view.kind != "other" else "device_" + view.id,
        "c8y_IsDevice": {},
    }
    if view.kind == "connector":
        body["com_cumulocity_model_Agent"] = {}
        body["c8y_SupportedOperations"] = ["c8y_Command"]
    elif view.kind == "other":
        body["c8y_Hardware"] = {"serialNumber": view.external_ids[0][1], "model": view.type}
        body["c8y_SupportedOperations"] = ["c8y_Restart"]
    else:
        body["c8y_IsLwm2mDevice"] = {}
        body["c8y_SupportedOperations"] = ["c8y_Command", "c8y_Restart", "c8y_Firmware"]
        body["sim_Lwm2mMigration"] = {
            "migrated": view.migrated,
            "registrationsMigrated": view.registrations_migrated,
        }
        body["sim_Lwm2mRegistrations"] = list(view.registrations)
        body["sim_Lwm2mDevice"] = {"mode": view.mode}
        if view.mode == "sleeping":
            body["awakeTimeRegistrationParameter"] = view.awake_ms
    if with_children:
        for name in CHILD_FRAGMENTS:
            body[name] = {"references": [], "self": f"{self_url}/{name}"}
    return body
