"""One simulated LWM2M device: its object instances and the LWM2M operations on them.

Every operation either returns its answer or raises ``CoapError`` with the CoAP response code a
real device would send (``4.04 Not Found``, ``4.05 Method Not Allowed``, ``4.00 Bad Request``).
Callers hold the tenant lock.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from .device_objects import (
    OBJECTS,
    Instances,
    Resource,
    Scalar,
    Value,
    initial_values,
    temperature_sensor,
)

BAD_REQUEST = "4.00 Bad Request"
NOT_FOUND = "4.04 Not Found"
METHOD_NOT_ALLOWED = "4.05 Method Not Allowed"
SERIALIZATIONS = ("TLV", "JSON", "CBOR", "TEXT", "OPAQUE", "SENML_JSON", "SENML_CBOR", "DEFAULT")
ATTRIBUTE_KEYS = ("pmin", "pmax", "gt", "lt", "st")
FIRMWARE_IDLE, FIRMWARE_DOWNLOADING, FIRMWARE_DOWNLOADED = 0, 1, 2
_PATH = re.compile(r"/(\d{1,5})(?:/(\d{1,5})(?:/(\d{1,5})(?:/(\d{1,5}))?)?)?")


class CoapError(Exception):
    """A CoAP error response: ``code`` is e.g. ``4.04 Not Found``, ``detail`` says why."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Path:
    text: str
    object: int
    instance: int | None = None
    resource: int | None = None
    resource_instance: int | None = None


def parse_path(text: str) -> Path:
    match = _PATH.fullmatch(text)
    if match is None:
        raise CoapError(BAD_REQUEST, f"'{text}' is not an LWM2M path (/object/instance/resource)")
    parts = [None if g is None else int(g) for g in match.groups()]
    return Path(text, parts[0] or 0, parts[1], parts[2], parts[3])


@dataclass
class FirmwareJob:
    """A firmware download in progress; it moves on at the device's registration updates."""

    started: float
    version: str | None  # None: wait in Downloaded for an execute of /5/0/2
    name: str = ""


@dataclass
class Lwm2mDevice:
    """The object model instance of one device, built from its ID (deterministic)."""

    device_id: str
    sleeping: bool
    clock: Callable[[], float] = time.time
    values: Instances = field(default_factory=dict)
    serialization: str = "DEFAULT"
    observations: list[tuple[str, ...]] = field(default_factory=list)
    attributes: dict[str, dict[str, str]] = field(default_factory=dict)
    reboots: int = 0
    clock_skew: float = 0.0
    firmware: FirmwareJob | None = None

    def __post_init__(self) -> None:
        if not self.values:
            self.values = initial_values(self.device_id, self.sleeping, self.clock())
        self._rng = random.Random(f"lwm2m-device-changes:{self.device_id}")

    # --- lookups -------------------------------------------------------------------------
    def _instances(self, object_id: int) -> list[int]:
        return sorted(i for o, i in self.values if o == object_id)

    def _resolve(self, path: Path) -> tuple[dict[int, Value] | None, Resource | None]:
        """(instance values, resource definition) for a path; raises 4.04 when missing."""
        if path.object not in OBJECTS or not self._instances(path.object):
            raise CoapError(NOT_FOUND, f"no object {path.object} on this device")
        if path.instance is None:
            return None, None
        instance = self.values.get((path.object, path.instance))
        if instance is None:
            raise CoapError(NOT_FOUND, f"no instance {path.object}/{path.instance}")
        if path.resource is None:
            return instance, None
        resource = OBJECTS[path.object].resources.get(path.resource)
        if resource is None or (not resource.executable and path.resource not in instance):
            raise CoapError(NOT_FOUND, f"no resource {path.text}")
        if path.resource_instance is not None:
            held = instance.get(path.resource)
            if not isinstance(held, dict) or path.resource_instance not in held:
                raise CoapError(NOT_FOUND, f"no resource instance {path.text}")
        return instance, resource

    def _value(self, object_id: int, resource_id: int, value: Value) -> Value:
        if (object_id, resource_id) == (3, 13):
            return int(self.clock() + self.clock_skew)
        return value

    # --- read ----------------------------------------------------------------------------
    def read(self, path: Path) -> object:
        """A value, a dict (resource instances, or resources of an instance) or a dict of them."""
        instance, resource = self._resolve(path)
        if path.instance is None:
            return {
                i: self._readable(path.object, self.values[(path.object, i)])
                for i in self._instances(path.object)
            }
        assert instance is not None
        if resource is None:
            return self._readable(path.object, instance)
        if not resource.readable:
            raise CoapError(METHOD_NOT_ALLOWED, f"{path.text} ({resource.name}) is not readable")
        value = self._value(path.object, path.resource or 0, instance[path.resource or 0])
        if path.resource_instance is not None and isinstance(value, dict):
            return value[path.resource_instance]
        return value

    def _readable(self, object_id: int, instance: dict[int, Value]) -> dict[int, Value]:
        resources = OBJECTS[object_id].resources
        return {
            rid: self._value(object_id, rid, value)
            for rid, value in sorted(instance.items())
            if resources[rid].readable
        }

    # --- write ---------------------------------------------------------------------------
    def write(self, path: Path, text: str, *, binary: bool = False) -> None:
        instance, resource = self._writable(path)
        if binary and resource.type != "Opaque":
            raise CoapError(BAD_REQUEST, f"{path.text} ({resource.name}) is not Opaque")
        value = _parse_value(resource, text)
        rid = path.resource or 0
        if (path.object, rid) == (3, 13):
            assert isinstance(value, int)
            self.clock_skew = value - self.clock()
            return
        if path.object == 5:
            self._firmware_write(rid, value)
        instance[rid] = value

    def _writable(self, path: Path) -> tuple[dict[int, Value], Resource]:
        if path.resource is None:
            raise CoapError(METHOD_NOT_ALLOWED, f"{path.text} is not a resource")
        instance, resource = self._resolve(path)
        assert instance is not None and resource is not None
        if not resource.writable:
            raise CoapError(METHOD_NOT_ALLOWED, f"{path.text} ({resource.name}) is read-only")
        if path.resource_instance is not None:
            raise CoapError(METHOD_NOT_ALLOWED, f"{path.text}: resource instances are read-only")
        return instance, resource

    def check_writable(self, path: Path, text: str) -> None:
        """Raise what write() would raise, without writing (for all-or-nothing cwrite)."""
        _, resource = self._writable(path)
        _parse_value(resource, text)

    def _firmware_write(self, rid: int, value: Value) -> None:
        firmware = self.values[(5, 0)]
        if rid == 0:  # a whole package pushed: downloaded at once
            firmware[3], firmware[5] = FIRMWARE_DOWNLOADED, 0
            self.firmware = None
        elif rid == 1 and value == "":
            firmware[3], firmware[5] = FIRMWARE_IDLE, 0
            self.firmware = None
        elif rid == 1:
            firmware[3], firmware[5] = FIRMWARE_DOWNLOADING, 0
            self.firmware = FirmwareJob(self.clock(), None)

    def start_firmware_update(self, name: str, version: str, url: str) -> None:
        """The agent's fwupdate: download from the URL, then update, at the next updates."""
        firmware = self.values[(5, 0)]
        if firmware[3] != FIRMWARE_IDLE:
            raise CoapError(
                METHOD_NOT_ALLOWED, f"a firmware update is in progress (state {firmware[3]!r})"
            )
        firmware.update({1: url, 3: FIRMWARE_DOWNLOADING, 5: 0, 6: name, 7: version})
        self.firmware = FirmwareJob(self.clock(), version, name)

    def advance_firmware(self, updates: int) -> None:
        """Move the firmware job on after ``updates`` registration updates since it started."""
        job = self.firmware
        if job is None or updates < 1:
            return
        firmware = self.values[(5, 0)]
        firmware[3] = FIRMWARE_DOWNLOADED
        if job.version is None:
            self.firmware = None
        elif updates >= 2:
            self._install(job.version)

    def _install(self, version: str) -> None:
        firmware = self.values[(5, 0)]
        firmware[3], firmware[5] = FIRMWARE_IDLE, 1
        self.values[(3, 0)][3] = version
        self.firmware = None
        self.reboots += 1

    # --- execute -------------------------------------------------------------------------
    def execute(self, path: Path, arguments: str) -> str:
        if path.resource is None or path.resource_instance is not None:
            raise CoapError(METHOD_NOT_ALLOWED, f"{path.text} is not an executable resource")
        _, resource = self._resolve(path)
        assert resource is not None
        if not resource.executable:
            raise CoapError(METHOD_NOT_ALLOWED, f"{path.text} ({resource.name}) is not executable")
        key = (path.object, path.resource)
        if key == (3, 4):
            self.reboots += 1
            self.values[(3, 0)][10] = self._rng.randint(32, int(str(self.values[(3, 0)][21])) // 2)
            return "rebooting"
        if key == (3, 5):
            self.values = initial_values(self.device_id, self.sleeping, self.clock())
            self.observations.clear()
            self.attributes.clear()
            self.serialization, self.clock_skew, self.firmware = "DEFAULT", 0.0, None
            self.reboots += 1
            return "factory reset, rebooting"
        if key == (3, 12):
            self.values[(3, 0)][11] = {0: 0}
            return "error codes reset"
        if key == (5, 2):
            state = self.values[(5, 0)][3]
            if state != FIRMWARE_DOWNLOADED:
                raise CoapError(METHOD_NOT_ALLOWED, f"no firmware downloaded (state {state!r})")
            version = str(self.values[(5, 0)].get(7) or "") or _next_version(
                str(self.values[(3, 0)][3])
            )
            self._install(version)
            return f"firmware {version} installed"
        if key == (5, 10):
            self.values[(5, 0)].update({3: FIRMWARE_IDLE, 5: 10})
            self.firmware = None
            return "firmware update cancelled"
        if path.object == 3303:
            sensor = self.values[(3303, path.instance or 0)]
            sensor[5601] = sensor[5602] = sensor[5700]
            return "min and max measured values reset"
        return "executed"

    # --- create / delete -----------------------------------------------------------------
    def create(self, object_id: int, resources: dict[int, str]) -> int:
        definition = OBJECTS.get(object_id)
        if definition is None:
            raise CoapError(NOT_FOUND, f"no object {object_id} on this device")
        existing = self._instances(object_id)
        if not definition.multiple and existing:
            raise CoapError(BAD_REQUEST, f"object {object_id} is single-instance")
        if object_id != 3303:
            raise CoapError(
                METHOD_NOT_ALLOWED, f"instances of object {object_id} cannot be created"
            )
        instance = temperature_sensor(self._rng, self.clock())
        for rid, text in resources.items():
            resource = definition.resources.get(rid)
            if resource is None or resource.executable:
                raise CoapError(BAD_REQUEST, f"object {object_id} has no resource {rid}")
            instance[rid] = _parse_value(resource, text)
        new_id = (max(existing) + 1) if existing else 0
        self.values[(object_id, new_id)] = instance
        return new_id

    def delete(self, path: Path) -> None:
        if path.instance is None:
            raise CoapError(METHOD_NOT_ALLOWED, f"{path.text}: a whole object cannot be deleted")
        self._resolve(path)
        if path.resource is not None:
            raise CoapError(METHOD_NOT_ALLOWED, f"{path.text}: resources cannot be deleted")
        if path.object in (3, 4, 5):
            raise CoapError(METHOD_NOT_ALLOWED, f"{path.text} is a mandatory instance")
        del self.values[(path.object, path.instance)]
        self.observations = [o for o in self.observations if not _under(o, path.text)]

    # --- discover / attributes / observations --------------------------------------------
    def discover(self, path: Path) -> str:
        instance, resource = self._resolve(path)
        links: list[str] = []
        if path.instance is None:
            links.append(self._link(f"/{path.object}"))
            for number in self._instances(path.object):
                links += self._instance_links(path.object, number, with_self=True)
        elif resource is None:
            links += self._instance_links(path.object, path.instance, with_self=True)
        else:
            links.append(self._link(path.text, resource, instance))
        return ",".join(links)

    def _instance_links(self, object_id: int, number: int, with_self: bool) -> list[str]:
        base = f"/{object_id}/{number}"
        instance = self.values[(object_id, number)]
        links = [self._link(base)] if with_self else []
        for rid, resource in sorted(OBJECTS[object_id].resources.items()):
            if rid in instance or resource.executable:
                links.append(self._link(f"{base}/{rid}", resource, instance))
        return links

    def _link(
        self, text: str, resource: Resource | None = None, instance: dict[int, Value] | None = None
    ) -> str:
        link = f"<{text}>"
        if resource is not None and instance is not None and resource.multiple:
            held = instance.get(int(text.rsplit("/", 1)[1]))
            link += f";dim={len(held) if isinstance(held, dict) else 0}"
        for key, value in self.attributes.get(text, {}).items():
            link += f";{key}" if value == "" else f";{key}={value}"
        return link

    def write_attributes(self, path: Path, attributes: dict[str, str]) -> None:
        self._resolve(path)
        if "cancel" in attributes:
            self.observations = [o for o in self.observations if o != (path.text,)]
            attributes = {k: v for k, v in attributes.items() if k != "cancel"}
        self.attributes.setdefault(path.text, {}).update(attributes)

    def observe(self, paths: tuple[str, ...]) -> None:
        if paths not in self.observations:
            self.observations.append(paths)

    def cancel_observation(self, paths: tuple[str, ...]) -> None:
        wanted = sorted(paths)
        for held in self.observations:
            if sorted(held) == wanted:
                self.observations.remove(held)
                return
        raise CoapError(NOT_FOUND, "no observation of " + " ".join(paths))


def _under(paths: tuple[str, ...], prefix: str) -> bool:
    return any(p == prefix or p.startswith(prefix + "/") for p in paths)


def _next_version(version: str) -> str:
    head, _, last = version.rpartition(".")
    return f"{head}.{int(last) + 1}" if last.isdigit() and head else version + ".1"


def _parse_value(resource: Resource, text: str) -> Scalar:
    """The value of ``text`` in the resource's type; 4.00 Bad Request when it is not one."""
    kind = resource.type
    try:
        if kind == "String":
            return text
        if kind in ("Integer", "Unsigned Integer"):
            number = int(text)
            if kind == "Unsigned Integer" and number < 0:
                raise ValueError(text)
            return number
        if kind == "Float":
            return float(text)
        if kind == "Boolean":
            if text.lower() not in ("true", "false", "1", "0"):
                raise ValueError(text)
            return text.lower() in ("true", "1")
        if kind == "Time":
            if re.fullmatch(r"-?\d+", text):
                return int(text)
            return int(datetime.fromisoformat(text).timestamp())
        if kind == "Opaque":
            if len(text) % 2 or not re.fullmatch(r"[0-9A-Fa-f]*", text):
                raise ValueError(text)
            return bytes.fromhex(text)
    except ValueError:
        pass
    raise CoapError(BAD_REQUEST, f"'{text}' is not a valid {kind} for {resource.name}")
