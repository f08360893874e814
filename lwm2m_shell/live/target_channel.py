"""The realtime client's second subscription: the operations of the device the shell points at.

The connector's channel is subscribed for the whole session. When ``.use`` points the shell at an
LWM2M device, that device's channel (``/operations/<id>``) is subscribed as well, and dropped when
the shell moves on, so a device command's result is pushed like a connector command's. A waiter
relies on pushes for a device only once the subscription was confirmed (``covers``); until then,
or when it failed, the device's operations are polled for.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger("lwm2m_shell")

Subscribe = Callable[[str], None]


def device_channel(device_id: str) -> str:
    return f"/operations/{device_id}"


class TargetChannel:
    """Keeps the subscription to the targeted device's operations in step with the target."""

    def __init__(self, device: Callable[[], str | None]) -> None:
        """``device``: the managed object ID of the targeted LWM2M device, or None."""
        self._device = device
        self._lock = threading.Lock()
        self._subscribed: str | None = None  # confirmed by the server

    def covers(self, device_id: str) -> bool:
        """Whether the operations of ``device_id`` are pushed (its subscription confirmed)."""
        return self._subscribed == device_channel(device_id)

    def forget(self) -> None:
        """A new handshake: the server knows no subscription of ours any more."""
        self._subscribed = None

    def sync(self, subscribe: Subscribe, unsubscribe: Subscribe) -> None:
        """Subscribe to the targeted device's channel, drop the one of a former target.

        Failures are logged, never raised: without the subscription, results are polled for."""
        with self._lock:
            device = self._device()
            wanted = device_channel(device) if device else None
            if wanted == self._subscribed:
                return
            old, self._subscribed = self._subscribed, None
            try:
                if old is not None:
                    unsubscribe(old)
                if wanted is not None:
                    subscribe(wanted)
                    self._subscribed = wanted
            except Exception as error:  # a refused subscription: that device is polled
                log.info("live updates for %s not set up: %s", wanted or old, error)
