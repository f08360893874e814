"""Deterministic tenant devices derived from (seed, slot) on demand.

Nothing here is stored per device: a device's ID, name, endpoint, registrations and initial
migration state are computed from the seed and its slot number, and every derived value
(ID, endpoint, registration ID, serial) can be mapped back to its slot in O(1). Every tenth slot
holds a non-LWM2M device; the others hold the configured number of LWM2M devices.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

MASK64 = (1 << 64) - 1
ID_BASE = 10_000  # generated objects get IDs from here on, in slot order
ID_STRIDE = 3
FIXED_EPOCH = 1_735_689_600.0  # 2025-01-01T00:00:00Z: creation times of seeded devices

STYLE_IMEI, STYLE_UUID, STYLE_NAMED, STYLE_PSK, STYLE_BARE = "imei", "uuid", "named", "psk", "bare"
OTHER_LWM2M_TYPES = ("lwm2m_water_meter", "c8y_lwm2m_tracker")
NON_LWM2M_TYPES = ("c8y_Linux", "thin-edge.io", "c8y_MQTTDevice", "c8y_Gateway")
NAMED_PREFIXES = ("meter", "sensor", "tracker", "valve")
BARE_PREFIX = "legacy-node"
REG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
REG_SPACE = 62**10
REG_MUL = 0x2545F4914F6CDD1D % REG_SPACE | 1  # odd, and not a multiple of 31 (checked below)
IMEI_SPACE = 10**7
IMEI_MUL = 7_654_321
UUID_SPACE = 1 << 48
UUID_MUL = 0x9E3779B97F4B

assert REG_MUL % 31 != 0


def mix(seed: int, value: int, salt: int = 0) -> int:
    """A 64-bit hash of (seed, value, salt) (splitmix64 finaliser)."""
    z = seed * 0x9E3779B97F4A7C15 + value * 0xBF58476D1CE4E5B9 + salt * 0x94D049BB133111EB + 1
    z &= MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return z ^ (z >> 31)


def luhn_digit(digits: str) -> str:
    """The Luhn check digit for a string of digits (as IMEIs carry)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 0:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return str((10 - total % 10) % 10)


@dataclass(frozen=True)
class SlotDevice:
    """The seeded (unchanged) attributes of one generated managed object."""

    slot: int
    id: str
    lwm2m: bool
    type: str
    name: str
    style: str
    endpoint: str  # LWM2M endpoint ("" for non-LWM2M devices)
    external_ids: tuple[tuple[str, str], ...]  # (type, value)
    migrated: bool
    registrations_migrated: bool
    registration_count: int
    route_objects: int
    creation_time: float


class DeviceSpace:
    """The generated part of the inventory: ``lwm2m_count`` LWM2M devices plus others."""

    def __init__(self, seed: int, lwm2m_count: int) -> None:
        self.seed = seed
        self.lwm2m_count = lwm2m_count
        if lwm2m_count == 0:
            self.slots = 0
        else:
            last = lwm2m_count - 1
            self.slots = last + last // 9 + 1
        self.imei_prefix = f"35{mix(seed, 0, 99) % 100_000:05d}"
        self.imei_add = mix(seed, 1, 99) % IMEI_SPACE
        self.uuid_add = mix(seed, 2, 99) % UUID_SPACE
        self.reg_add = mix(seed, 3, 99) % REG_SPACE
        self.device = lru_cache(maxsize=8192)(self._device)

    # --- slot <-> id -------------------------------------------------------------------
    def id_of(self, slot: int) -> int:
        return ID_BASE + slot * ID_STRIDE + mix(self.seed, slot, 1) % ID_STRIDE

    def slot_of_id(self, device_id: str) -> int | None:
        if not device_id.isdigit() or len(device_id) > 12:
            return None
        number = int(device_id)
        slot = (number - ID_BASE) // ID_STRIDE
        if number < ID_BASE or slot >= self.slots or self.id_of(slot) != number:
            return None
        return slot

    @property
    def max_id(self) -> int:
        return ID_BASE + self.slots * ID_STRIDE

    @staticmethod
    def is_lwm2m_slot(slot: int) -> bool:
        return slot % 10 != 9

    # --- derived attributes ------------------------------------------------------------
    def _device(self, slot: int) -> SlotDevice:
        h = mix(self.seed, slot, 2)
        created = FIXED_EPOCH + slot * 60 + (h % 60_000) / 1000.0
        if not self.is_lwm2m_slot(slot):
            return SlotDevice(
                slot=slot,
                id=str(self.id_of(slot)),
                lwm2m=False,
                type=self._type(slot, h),
                name=f"gateway-{slot:05d}" if (h >> 12) % 2 else f"Linux box {slot}",
                style="",
                endpoint="",
                external_ids=(("c8y_Serial", f"SN-{slot:07d}"),),
                migrated=False,
                registrations_migrated=False,
                registration_count=0,
                route_objects=0,
                creation_time=created,
            )
        style_roll = h % 100
        if style_roll < 66:
            style = STYLE_IMEI
        elif style_roll < 76:
            style = STYLE_UUID
        elif style_roll < 86:
            style = STYLE_NAMED
        elif style_roll < 94:
            style = STYLE_PSK
        else:
            style = STYLE_BARE
        endpoint = self._endpoint(slot, style)
        external_ids: tuple[tuple[str, str], ...]
        if style == STYLE_BARE:
            name, external_ids = endpoint, ()
        else:
            external_ids = (("c8y_Id", endpoint),)
            if style == STYLE_PSK:
                external_ids += (("c8y_Lwm2mPskId", "psk-" + endpoint),)
            name = endpoint if (h >> 4) % 3 else f"LWM2M device {slot}"
        migrated, registrations_migrated, registration_count = self._seeded_state(h)
        return SlotDevice(
            slot=slot,
            id=str(self.id_of(slot)),
            lwm2m=True,
            type=self._type(slot, h),
            name=name,
            style=style,
            endpoint=endpoint,
            external_ids=external_ids,
            migrated=migrated,
            registrations_migrated=registrations_migrated,
            registration_count=registration_count,
            route_objects=1 + (h >> 40) % 2,
            creation_time=created,
        )

    def seeded_state(self, slot: int) -> tuple[bool, bool, int]:
        """(migrated, registrations migrated, registration count) of an LWM2M slot, cheaply."""
        return self._seeded_state(mix(self.seed, slot, 2))

    @staticmethod
    def _seeded_state(h: int) -> tuple[bool, bool, int]:
        migrated = (h >> 16) % 100 < 75
        reg_roll = (h >> 32) % 100
        count = 0 if reg_roll < 40 else (1 if reg_roll < 85 else 2)
        return migrated, migrated and (h >> 24) % 100 < 85, count

    def slot_type(self, slot: int) -> str:
        """The type of a slot's object, cheaper than computing the whole device."""
        return self._type(slot, mix(self.seed, slot, 2))

    def _type(self, slot: int, h: int) -> str:
        if not self.is_lwm2m_slot(slot):
            return NON_LWM2M_TYPES[(h >> 8) % len(NON_LWM2M_TYPES)]
        type_roll = (h >> 8) % 100
        return "c8y_lwm2m" if type_roll >= 6 else OTHER_LWM2M_TYPES[type_roll % 2]

    def _endpoint(self, slot: int, style: str) -> str:
        if style in (STYLE_IMEI, STYLE_PSK):
            body = (slot * IMEI_MUL + self.imei_add) % IMEI_SPACE
            digits = f"{self.imei_prefix}{body:07d}"
            return f"urn:imei:{digits}{luhn_digit(digits)}"
        if style == STYLE_UUID:
            r = mix(self.seed, slot, 3)
            tail = (slot * UUID_MUL + self.uuid_add) % UUID_SPACE
            return (
                f"urn:uuid:{r & 0xFFFFFFFF:08x}-{(r >> 32) & 0xFFFF:04x}-4{(r >> 48) & 0xFFF:03x}-"
                f"{8 + (r >> 60) % 4:x}{mix(self.seed, slot, 4) & 0xFFF:03x}-{tail:012x}"
            )
        if style == STYLE_NAMED:
            prefix = NAMED_PREFIXES[mix(self.seed, slot, 5) % len(NAMED_PREFIXES)]
            return f"{prefix}-{slot:05d}"
        return f"{BARE_PREFIX}-{slot:05d}"

    # --- reverse lookups -----------------------------------------------------------------
    def slot_of_endpoint(self, endpoint: str) -> int | None:
        """The LWM2M slot whose endpoint this is (removed or not), or None."""
        slot: int | None = None
        if endpoint.startswith("urn:imei:"):
            digits = endpoint[9:]
            if len(digits) == 15 and digits.isdigit() and digits.startswith(self.imei_prefix):
                inverse = pow(IMEI_MUL, -1, IMEI_SPACE)
                slot = ((int(digits[7:14]) - self.imei_add) * inverse) % IMEI_SPACE
        elif endpoint.startswith("urn:uuid:"):
            tail = endpoint.rsplit("-", 1)[-1]
            if re.fullmatch(r"[0-9a-f]{12}", tail):
                inverse = pow(UUID_MUL, -1, UUID_SPACE)
                slot = ((int(tail, 16) - self.uuid_add) * inverse) % UUID_SPACE
        else:
            match = re.fullmatch(r"([a-z-]+)-(\d{5,8})", endpoint)
            if match:
                slot = int(match.group(2))
        if slot is None or slot >= self.slots or not self.is_lwm2m_slot(slot):
            return None
        return slot if self.device(slot).endpoint == endpoint else None

    def slot_of_external_id(self, id_type: str, value: str) -> int | None:
        """The slot holding this external ID, or None."""
        if id_type == "c8y_Serial":
            match = re.fullmatch(r"SN-(\d{7})", value)
            slot = int(match.group(1)) if match else None
            ok = slot is not None and slot < self.slots and not self.is_lwm2m_slot(slot)
            return slot if ok else None
        if id_type == "c8y_Lwm2mPskId" and value.startswith("psk-"):
            value = value[4:]
        elif id_type != "c8y_Id":
            return None
        slot = self.slot_of_endpoint(value)
        if slot is None or (id_type, value if id_type == "c8y_Id" else "psk-" + value) not in (
            self.device(slot).external_ids
        ):
            return None
        return slot

    def registration_id(self, slot: int, index: int) -> str:
        """The ID of registration ``index`` (0 or 1) of an LWM2M slot."""
        number = ((slot * 2 + index) * REG_MUL + self.reg_add) % REG_SPACE
        chars = []
        for _ in range(10):
            number, digit = divmod(number, 62)
            chars.append(REG_ALPHABET[digit])
        return "".join(reversed(chars))

    def registration_of(self, registration_id: str) -> tuple[int, int] | None:
        """(slot, index) of a generated registration ID, or None."""
        if len(registration_id) != 10 or any(c not in REG_ALPHABET for c in registration_id):
            return None
        number = 0
        for char in registration_id:
            number = number * 62 + REG_ALPHABET.index(char)
        inverse = pow(REG_MUL, -1, REG_SPACE)
        combined = ((number - self.reg_add) * inverse) % REG_SPACE
        slot, index = divmod(combined, 2)
        if slot >= self.slots or not self.is_lwm2m_slot(slot):
            return None
        if index >= self.device(slot).registration_count:
            return None
        return slot, index
