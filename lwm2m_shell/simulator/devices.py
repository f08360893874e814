"""The tenant's devices: seeded ones derived on demand, plus only what changed since.

``TenantDevices`` is the single owner of device state (removals, additions, migrations,
invalidated registrations, cleaned route objects). Callers hold the tenant lock.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from .device_modes import MODES, ONLINE, SLEEPING, DeviceModes
from .generate import REG_ALPHABET, DeviceSpace, SlotDevice, mix
from .hostile_text import HOSTILE_ENDPOINTS, HOSTILE_NAMES, HostileText

CONNECTOR_TYPE = "c8y_lwm2m_connector_device"


@dataclass
class DeviceView:
    """The current state of one managed object (seeded or explicit), for rendering."""

    id: str
    name: str
    type: str
    kind: str  # "lwm2m", "other" or "connector"
    creation_time: float
    endpoint: str = ""
    external_ids: tuple[tuple[str, str], ...] = ()
    migrated: bool = False
    registrations_migrated: bool = False
    registrations: tuple[str, ...] = ()  # active (not invalidated) registration IDs
    route_objects: int = 0
    mode: str = ONLINE  # LWM2M devices: online, sleeping or unresponsive (device_modes.py)
    awake_ms: int = 0  # sleeping devices: awakeTimeRegistrationParameter


@dataclass
class ExplicitDevice:
    """A connector or a device added at run time: stored whole, unlike seeded ones."""

    id: str
    name: str
    type: str
    kind: str
    creation_time: float
    endpoint: str = ""
    external_ids: tuple[tuple[str, str], ...] = ()
    migrated: bool = False
    registrations_migrated: bool = False
    registrations: list[str] = field(default_factory=list)
    invalidated: set[str] = field(default_factory=set)
    route_objects: int = 0
    removed: bool = False
    mode: str = ONLINE
    awake_ms: int = 0

    def view(self) -> DeviceView:
        active = tuple(r for r in self.registrations if r not in self.invalidated)
        return DeviceView(
            self.id,
            self.name,
            self.type,
            self.kind,
            self.creation_time,
            self.endpoint,
            self.external_ids,
            self.migrated,
            self.registrations_migrated,
            active,
            self.route_objects,
            self.mode,
            self.awake_ms,
        )


class TenantDevices:
    """Seeded devices of a DeviceSpace plus the deltas applied to them."""

    def __init__(
        self,
        seed: int,
        lwm2m_count: int,
        connectors: int,
        now: float,
        *,
        hostile: HostileText | None = None,
        modes: DeviceModes | None = None,
    ) -> None:
        self.space = DeviceSpace(seed, lwm2m_count)
        self.modes = modes or DeviceModes(seed)
        self.mode_override: dict[int, tuple[str, int]] = {}  # slot -> (mode, awake ms)
        self.hostile = hostile or HostileText()  # text the agent's answers may carry
        self.rng = random.Random(mix(seed, 4242))
        self.version = 0  # bumped on every change of membership
        self._next_id = self.space.max_id + 1000
        self.connectors: list[ExplicitDevice] = []
        for index in range(connectors):
            suffix = "" if index == 0 else f" ({index + 1})"
            self.connectors.append(
                ExplicitDevice(
                    id=str(8_000 + 137 * index + seed % 97),
                    name=f"LWM2M connector device{suffix}",
                    type=CONNECTOR_TYPE,
                    kind="connector",
                    creation_time=now - 86_400 * (400 - index),
                )
            )
        self.added: dict[str, ExplicitDevice] = {}
        self.added_by_endpoint: dict[str, ExplicitDevice] = {}
        self.removed_slots: set[int] = set()
        self.all_migrated = False
        self.all_registrations_migrated = False
        self.migrated_override: dict[int, bool] = {}
        self.registrations_override: dict[int, bool] = {}
        self.invalidated: dict[int, int] = {}  # slot -> bitmask of invalidated registrations
        self.cleaned_slots: set[int] = set()
        self.names: dict[int, str] = {}  # slot -> name given at run time
        if self.hostile.results or self.hostile.reasons or self.hostile.errors:
            for name, endpoint in zip(HOSTILE_NAMES, HOSTILE_ENDPOINTS, strict=True):
                self._store(name, endpoint, now - 86_400)

    # --- identifiers ---------------------------------------------------------------------
    def new_id(self) -> str:
        """A fresh global ID (devices and operations share the sequence)."""
        self._next_id += 1 + self.rng.randrange(3)
        return str(self._next_id)

    def _slot(self, device_id: str) -> int | None:
        slot = self.space.slot_of_id(device_id)
        return None if slot is None or slot in self.removed_slots else slot

    # --- views ---------------------------------------------------------------------------
    def slot_view(self, slot: int) -> DeviceView:
        seeded = self.space.device(slot)
        name = self.names.get(slot, seeded.name)
        if not seeded.lwm2m:
            return DeviceView(
                seeded.id,
                name,
                seeded.type,
                "other",
                seeded.creation_time,
                external_ids=seeded.external_ids,
            )
        return DeviceView(
            seeded.id,
            name,
            seeded.type,
            "lwm2m",
            seeded.creation_time,
            seeded.endpoint,
            seeded.external_ids,
            self._migrated(seeded),
            self._registrations_migrated(seeded),
            self._active_registrations(seeded),
            0 if slot in self.cleaned_slots else seeded.route_objects,
            *self.mode_override.get(slot, self.modes.of_slot(slot)),
        )

    def get(self, device_id: str) -> DeviceView | None:
        """The current state of a managed object, or None when it does not exist."""
        slot = self._slot(device_id)
        if slot is not None:
            return self.slot_view(slot)
        for connector in self.connectors:
            if connector.id == device_id:
                return connector.view()
        added = self.added.get(device_id)
        return added.view() if added is not None else None

    def connector_ids(self) -> list[str]:
        return [c.id for c in self.connectors]

    def iter_slots(self) -> Iterator[int]:
        """Slots of the seeded objects that still exist, in ID order."""
        removed = self.removed_slots
        return (s for s in range(self.space.slots) if s not in removed)

    def _migrated(self, seeded: SlotDevice) -> bool:
        if self.all_migrated:
            return True
        return self.migrated_override.get(seeded.slot, seeded.migrated)

    def _registrations_migrated(self, seeded: SlotDevice) -> bool:
        if self.all_registrations_migrated:
            return True
        return self.registrations_override.get(seeded.slot, seeded.registrations_migrated)

    def _active_registrations(self, seeded: SlotDevice) -> tuple[str, ...]:
        mask = self.invalidated.get(seeded.slot, 0)
        return tuple(
            self.space.registration_id(seeded.slot, index)
            for index in range(seeded.registration_count)
            if not mask & (1 << index)
        )

    # --- lookups by endpoint / external ID -----------------------------------------------
    def device_of_endpoint(self, endpoint: str) -> DeviceView | None:
        """The existing LWM2M device with this endpoint, or None."""
        slot = self.space.slot_of_endpoint(endpoint)
        if slot is not None:
            return None if slot in self.removed_slots else self.slot_view(slot)
        added = self.added_by_endpoint.get(endpoint)
        return added.view() if added is not None and not added.removed else None

    def id_of_external_id(self, id_type: str, value: str) -> str | None:
        slot = self.space.slot_of_external_id(id_type, value)
        if slot is not None:
            return None if slot in self.removed_slots else self.space.device(slot).id
        for device in self.added.values():
            if (id_type, value) in device.external_ids:
                return device.id
        return None

    # --- run-time changes ----------------------------------------------------------------
    def add(self, name: str | None, endpoint: str | None, now: float) -> str:
        """Add an LWM2M device (not yet migrated, one registration); returns its ID."""
        if endpoint is None:
            endpoint = f"urn:imei:99{self.rng.randrange(10**13):013d}"
        if not endpoint or any(c.isspace() for c in endpoint):
            raise ValueError("an endpoint must be non-empty and without spaces")
        return self._store(name, endpoint, now)

    def _store(self, name: str | None, endpoint: str, now: float) -> str:
        if self.space.slot_of_endpoint(endpoint) is not None or endpoint in self.added_by_endpoint:
            raise ValueError(f"endpoint {endpoint!r} is already registered in this tenant")
        device_id = self.new_id()
        registration = "".join(self.rng.choice(REG_ALPHABET) for _ in range(10))
        device = ExplicitDevice(
            id=device_id,
            name=name or endpoint,
            type="c8y_lwm2m",
            kind="lwm2m",
            creation_time=now,
            endpoint=endpoint,
            external_ids=(("c8y_Id", endpoint),),
            registrations=[registration],
            route_objects=2,
        )
        self.added[device_id] = device
        self.added_by_endpoint[endpoint] = device
        self.version += 1
        return device_id

    def rename(self, device_id: str, name: str) -> bool:
        """Give an existing managed object another name; False when there is none."""
        slot = self._slot(device_id)
        if slot is not None:
            self.names[slot] = name
        elif device_id in self.added:
            self.added[device_id].name = name
        else:
            connector = next((c for c in self.connectors if c.id == device_id), None)
            if connector is None:
                return False
            connector.name = name
        self.version += 1
        return True

    def set_mode(self, device_id: str, mode: str, awake_ms: int | None = None) -> bool:
        """Make an LWM2M device online, sleeping or unresponsive; False when there is none."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}")
        view = self.get(device_id)
        if view is None or view.kind != "lwm2m":
            return False
        if mode != SLEEPING:
            awake = 0
        elif awake_ms is not None:
            awake = awake_ms
        else:
            awake = view.awake_ms or self.modes.awake_ms
        slot = self._slot(device_id)
        if slot is not None:
            self.mode_override[slot] = (mode, awake)
        else:
            self.added[device_id].mode, self.added[device_id].awake_ms = mode, awake
        return True

    def remove(self, device_id: str) -> bool:
        """Delete a managed object (its route objects stay in the cluster tenant)."""
        slot = self._slot(device_id)
        if slot is not None:
            self.removed_slots.add(slot)
        elif device_id in self.added:
            self.added.pop(device_id).removed = True
        elif any(c.id == device_id for c in self.connectors):
            self.connectors = [c for c in self.connectors if c.id != device_id]
        else:
            return False
        self.version += 1
        return True

    def set_migrated(self, device_id: str, registrations: bool) -> tuple[bool, int]:
        """Migrate one LWM2M device; returns (device changed, registrations migrated)."""
        slot = self._slot(device_id)
        if slot is None:
            explicit = self.added[device_id]
            changed = not explicit.migrated
            explicit.migrated = True
            moved = 0
            if registrations and not explicit.registrations_migrated:
                explicit.registrations_migrated = True
                moved = len(explicit.view().registrations)
                changed = True
            return changed, moved
        view = self.slot_view(slot)
        changed = not view.migrated
        if changed:
            self.migrated_override[slot] = True
        moved = 0
        if registrations and not view.registrations_migrated:
            self.registrations_override[slot] = True
            moved = len(view.registrations)
            changed = True
        return changed, moved

    def migrate_everything(self, registrations: bool) -> tuple[int, int]:
        """Tenant-wide migration; returns (devices changed, registrations migrated)."""
        changed = moved = 0
        space = self.space
        for slot in self.iter_slots():
            if not space.is_lwm2m_slot(slot):
                continue
            base_migrated, base_registrations, count = space.seeded_state(slot)
            migrated = self.all_migrated or self.migrated_override.get(slot, base_migrated)
            device_changes = not migrated
            if registrations and not (
                self.all_registrations_migrated
                or self.registrations_override.get(slot, base_registrations)
            ):
                mask = self.invalidated.get(slot, 0)
                moved += sum(1 for index in range(count) if not mask & (1 << index))
                device_changes = True
            changed += device_changes
        for device in self.added.values():
            device_changed, device_moved = self.set_migrated(device.id, registrations)
            changed += device_changed
            moved += device_moved
        self.all_migrated = True
        self.migrated_override.clear()
        if registrations:
            self.all_registrations_migrated = True
            self.registrations_override.clear()
        return changed, moved

    def cleanup_routes(self, endpoint: str) -> int:
        """Remove the cluster-tenant route objects of an endpoint; returns how many."""
        slot = self.space.slot_of_endpoint(endpoint)
        if slot is not None:
            if slot in self.cleaned_slots:
                return 0
            self.cleaned_slots.add(slot)
            return self.space.device(slot).route_objects
        device = self.added_by_endpoint.get(endpoint)
        if device is None:
            return 0
        count, device.route_objects = device.route_objects, 0
        return count

    def invalidate_endpoint(self, endpoint: str) -> list[str] | None:
        """Invalidate all registrations of an endpoint; None if no such device."""
        device = self.device_of_endpoint(endpoint)
        if device is None:
            return None
        for registration in device.registrations:
            self.invalidate(registration)
        return list(device.registrations)

    def find_registration(self, registration_id: str) -> tuple[str, bool] | None:
        """(endpoint, still active) of a known registration ID, or None."""
        found = self.space.registration_of(registration_id)
        if found is not None:
            slot, index = found
            if slot in self.removed_slots:
                return None
            active = not self.invalidated.get(slot, 0) & (1 << index)
            return self.space.device(slot).endpoint, active
        for device in self.added.values():
            if registration_id in device.registrations:
                return device.endpoint, registration_id not in device.invalidated
        return None

    def invalidate(self, registration_id: str) -> None:
        found = self.space.registration_of(registration_id)
        if found is not None:
            slot, index = found
            self.invalidated[slot] = self.invalidated.get(slot, 0) | (1 << index)
            return
        for device in self.added.values():
            if registration_id in device.registrations:
                device.invalidated.add(registration_id)
