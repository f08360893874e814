"""Where commands go: the connector device (the default) or one LWM2M device.

A :class:`Target` is a value: the connector, or one device by managed object ID with a label to
show (its endpoint, else its name). :class:`CurrentTarget` holds the target of one shell; ``.use``
changes it, the dispatcher, the prompt, completion and highlighting read it. What results of this
session showed of a device's object instances is kept with it, for completion.

Light on purpose: the interactive shell imports it before its first prompt, so the command
language is imported only when a target's kind is first asked for.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..language import TargetKind


@dataclass(frozen=True)
class Target:
    """The connector (``device_id`` None), or one LWM2M device.

    ``awake_ms``: the device's ``awakeTimeRegistrationParameter`` when known (a positive value
    means it sleeps between registration updates; None: not known)."""

    device_id: str | None = None
    label: str = ""
    name: str = ""
    awake_ms: int | None = None

    @property
    def is_device(self) -> bool:
        return self.device_id is not None

    @property
    def kind(self) -> TargetKind:
        from ..language import TargetKind

        return TargetKind.DEVICE if self.is_device else TargetKind.CONNECTOR

    @property
    def sleeps(self) -> bool:
        return bool(self.awake_ms and self.awake_ms > 0)

    def describe(self) -> str:
        """``urn:imei:… (device 4711)``, or ``the connector device``."""
        if self.device_id is None:
            return "the connector device"
        shown = self.label or self.name or self.device_id
        return shown if shown == self.device_id else f"{shown} (device {self.device_id})"

    def as_json(self) -> dict[str, object]:
        return {
            "kind": "device" if self.is_device else "connector",
            "deviceId": self.device_id,
            "endpoint": self.label or None,
            "name": self.name or None,
        }


CONNECTOR = Target()

Listener = Callable[[Target], None]


class CurrentTarget:
    """The target of one shell, safe to read from any thread; listeners hear every change."""

    def __init__(self, start: Target = CONNECTOR, on_change: Iterable[Listener] = ()) -> None:
        self._target = start
        self._listeners = list(on_change)
        self._instances: dict[str, dict[int, set[int]]] = {}
        self._lock = threading.Lock()

    @property
    def value(self) -> Target:
        return self._target

    @property
    def kind(self) -> TargetKind:
        return self._target.kind

    def point_at(self, target: Target) -> None:
        self._target = target
        for listener in self._listeners:
            listener(target)

    def learn_instances(self, device_id: str, seen: Mapping[int, Iterable[int]]) -> None:
        """Object instance IDs a result of ``device_id`` showed (object ID -> instance IDs)."""
        with self._lock:
            known = self._instances.setdefault(device_id, {})
            for object_id, instances in seen.items():
                known.setdefault(object_id, set()).update(instances)

    def instances(self) -> dict[int, list[int]]:
        """The instance IDs seen on the current device, for path completion."""
        device = self._target.device_id
        if device is None:
            return {}
        with self._lock:
            known = self._instances.get(device, {})
            return {object_id: sorted(ids) for object_id, ids in known.items()}
