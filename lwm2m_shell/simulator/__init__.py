"""A simulated Cumulocity tenant with the LWM2M agent, served over HTTP on loopback.

Independent of the rest of lwm2m_shell (it re-implements the public API, so it can catch the
client's mistakes). Start one with ``SimulatedTenant(devices=...).start()`` or
``python -m lwm2m_shell.simulator``.

Conventions of the simulated data (the real names are not public, so these are the simulator's):
LWM2M devices carry ``sim_Lwm2mMigration {migrated, registrationsMigrated}`` and
``sim_Lwm2mRegistrations`` (active registration IDs); bulk registration records are connector
operations without ``c8y_Command`` that have a ``description``, a ``sim_BulkRegistration``
fragment and a top-level ``result`` (or ``failureReason``). Deleting a device keeps its
cluster-tenant route objects, so ``cleanupClusterTenantObjectsForEndpoint`` has work to do.

LWM2M devices answer device shell operations (``c8y_Command`` with ``deviceId`` = the device) from
an object model of objects 3, 4, 5, 6 and sometimes 3303 (lwm2m_device.py, device_commands.py).
Each carries ``sim_Lwm2mDevice {mode}``: ``online``, ``sleeping`` (with the documented
``awakeTimeRegistrationParameter``, ms) or ``unresponsive`` (device_modes.py).
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
