"""How each simulated LWM2M device stays in touch: online, sleeping or unresponsive.

``online`` devices answer at once. ``sleeping`` ones (queue mode) take operations only in an awake
window after each registration update (``awakeTimeRegistrationParameter`` on the managed object,
milliseconds). ``unresponsive`` ones let the first delivery of every operation time out (the
agent puts it back to PENDING) and answer when it is delivered again at their next update.

The seeded devices get their mode from their position among the LWM2M devices, spread by the
golden ratio, so that the configured shares hold for small tenants too (the first ten LWM2M
devices hold one sleeping and one unresponsive device with the default shares of 10 %).
"""

from __future__ import annotations

from dataclasses import dataclass

ONLINE, SLEEPING, UNRESPONSIVE = "online", "sleeping", "unresponsive"
MODES = (ONLINE, SLEEPING, UNRESPONSIVE)
_GOLDEN = 0.6180339887498949


@dataclass(frozen=True)
class DeviceModes:
    """The deterministic default mode of each seeded LWM2M slot."""

    seed: int = 7
    sleeping_share: float = 0.1
    unresponsive_share: float = 0.1
    awake_ms: int = 3000

    def of_slot(self, slot: int) -> tuple[str, int]:
        """(mode, awake time in ms, 0 unless sleeping) of an LWM2M slot."""
        ordinal = slot - slot // 10  # every tenth slot holds a non-LWM2M device
        position = ((ordinal + 1) * _GOLDEN + (self.seed % 1000) * 0.001) % 1.0
        if position < self.sleeping_share:
            return SLEEPING, self.awake_ms
        if position < self.sleeping_share + self.unresponsive_share:
            return UNRESPONSIVE, 0
        return ONLINE, 0
