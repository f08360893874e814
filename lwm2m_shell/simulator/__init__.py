"""A simulated Cumulocity tenant with the LWM2M agent, served over HTTP on loopback.

Independent of the rest of lwm2m_shell (it re-implements the public API, so it can catch the
client's mistakes). Start one with ``SimulatedTenant(devices=...).start()`` or
``python -m lwm2m_shell.simulator``.
"""

import logging

from .config import (
    ADMIN_PASSWORD,
    ADMIN_USER,
    TFA_CODE,
    TFA_PASSWORD,
    TFA_USER,
    VIEWER_PASSWORD,
    VIEWER_USER,
    Fault,
    SimulatorConfig,
    parse_fault_spec,
)
from .tenant import SimulatedTenant

logging.getLogger(__name__).addHandler(logging.NullHandler())

USERS = {ADMIN_USER: ADMIN_PASSWORD, TFA_USER: TFA_PASSWORD, VIEWER_USER: VIEWER_PASSWORD}

__all__ = [
    "ADMIN_PASSWORD",
    "ADMIN_USER",
    "TFA_CODE",
    "TFA_PASSWORD",
    "TFA_USER",
    "USERS",
    "VIEWER_PASSWORD",
    "VIEWER_USER",
    "Fault",
    "SimulatedTenant",
    "SimulatorConfig",
    "parse_fault_spec",
]
