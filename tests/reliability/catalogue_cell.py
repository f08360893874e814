"""The fault matrix's "catalogue load" column: the tenant catalogue meeting one fault.

A cell runs three loads of the catalogue, each meeting the fault (on the requests named):

- cold: a first load with no disk cache; the fault is on the device listing and on the endpoint
  look-ups;
- reload: a refresh after a device was added to the tenant; the fault is on the look-ups (a
  reload looks up only the new device);
- warm start: a new catalogue starting from the disk cache; the fault is on the device listing.

A fault the client retries must end in a complete catalogue without error: every LWM2M device of
the tenant with its endpoint, exactly once. A fault it does not retry must end in a one-line error
naming the request and the problem, with the snapshot held before kept intact (none at the cold
load: a clean reload then provides one; the disk's at the warm start). A fault on the look-ups
(the reload) comes after the listing: every listed device is kept, the endpoints confirmed
before stay as they were and the new device stays provisional (saved so, for the warm start).
The session's tenant check runs before any fault, so only the catalogue's own requests meet it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lwm2m_shell.catalogue import Snapshot, TenantCatalogue
from lwm2m_shell.connection.session import TenantSession
from lwm2m_shell.simulator import SimulatedTenant
from tests.helpers import settings_for
from tests.unit.catalogue.conftest import truth

Target = tuple[str, str]  # (method, path prefix) of the requests a fault hits
LISTING: Target = ("GET", "/inventory/managedObjects")
LOOK_UPS: Target = ("GET", "/identity/globalIds/")
HANG_GUARD = 60.0  # seconds; a load that has not ended by then is stuck

Inject = Callable[[tuple[Target, ...]], None]


class CatalogueCell:
    """The three loads of one cell; ``failure`` is the error (a regex) of a fault not retried.

    ``outcome`` tells how the last load ended, prefixed by its name when a check failed.
    """

    def __init__(
        self, tenant: SimulatedTenant, inject: Inject, failure: str | None, request_timeout: float
    ) -> None:
        self.tenant = tenant
        self.inject = inject
        self.failure = failure
        # the matrix's --request-timeout (see test_fault_matrix.REQUEST_TIMEOUT)
        self.session = TenantSession(settings_for(tenant, request_timeout=request_timeout))
        self.session.connect()
        self.catalogues: list[TenantCatalogue] = []
        self.confirmed: dict[str, str] = {}  # the devices of the last good load (also on disk)
        self.complete = True  # whether what is on disk is complete (a failed look-up saves some)
        self.outcome = "not run"

    def run(self) -> None:
        cold = self._catalogue()
        self._load("cold", cold, cold.start, (LISTING, LOOK_UPS))
        if self.failure is not None:
            self._load("clean reload", cold, cold.refresh, ())
        self.tenant.add_device(name="late pump", endpoint="urn:imei:353918056789016")
        self._load("reload", cold, cold.refresh, (LOOK_UPS,))
        warm = self._catalogue()
        self._load("warm start", warm, warm.start, (LISTING,))

    def close(self) -> None:
        for catalogue in self.catalogues:
            catalogue.close()
        self.session.close()

    def _catalogue(self) -> TenantCatalogue:
        catalogue = TenantCatalogue(self.session)
        self.catalogues.append(catalogue)
        return catalogue

    def _unmet(self, targets: tuple[Target, ...]) -> list[str]:
        """The targets whose counted fault is still waiting (a failed load stops at the first)."""
        aimed = targets if self.failure is None else targets[:1]
        waiting = {f.path for f in self.tenant.faults() if f.times is not None}
        return [path for _, path in aimed if path in waiting]

    def _load(
        self,
        name: str,
        catalogue: TenantCatalogue,
        begin: Callable[[], bool | None],
        targets: tuple[Target, ...],
    ) -> None:
        before = catalogue.snapshot
        if targets:
            self.inject(targets)
        assert begin() is not False, f"{name}: a load was still running"
        ended = catalogue.wait(HANG_GUARD)
        unmet = self._unmet(targets)
        self.tenant.clear_faults()
        self.outcome = f"{name}: {describe(catalogue, len(truth(self.tenant)))}"
        assert ended, f"{name}: the load did not end"
        assert not unmet, f"{name}: the fault never met the catalogue at {unmet}"
        failing = self.failure is not None and bool(targets)
        self._check(catalogue, before, targets[0][1] if failing else None)
        self.outcome = describe(catalogue, len(truth(self.tenant)))

    def _check(self, catalogue: TenantCatalogue, before: Snapshot, failed_at: str | None) -> None:
        """A complete load, or (``failed_at``: the path the fault hit first) a failed one."""
        if failed_at is None:
            check_loaded(catalogue, truth(self.tenant))
            self.confirmed = endpoints_by_id(catalogue.snapshot)
            self.complete = True
            return
        assert self.failure is not None
        if failed_at == LOOK_UPS[1]:
            check_failed_look_ups(catalogue, self.failure, self.confirmed, truth(self.tenant))
            # what it got so far is saved, so that the next start resumes from there
            self.confirmed = endpoints_by_id(catalogue.snapshot)
            self.complete = False
            return
        check_failed(catalogue, f"GET {failed_at}", self.failure, self.confirmed, self.complete)
        if len(before):  # the snapshot in memory before the load is the very one kept
            assert catalogue.snapshot is before, "the old snapshot was replaced"


def endpoints_by_id(snapshot: Snapshot) -> dict[str, str]:
    return dict(zip(snapshot.ids, snapshot.endpoints, strict=True))


def describe(catalogue: TenantCatalogue, expected: int) -> str:
    """``loaded 21/21``, ``error, kept 20``, ``error, no data`` or ``still loading``."""
    status = catalogue.status()
    held = len(catalogue.snapshot)
    if status.loading:
        return "still loading"
    if status.error is not None:
        return f"error, kept {held}" if held else "error, no data"
    return f"loaded {held}/{expected}"


def check_loaded(catalogue: TenantCatalogue, expected: dict[str, str]) -> None:
    status = catalogue.status()
    snapshot = catalogue.snapshot
    assert status.error is None, status.error
    assert not status.loading and status.complete and snapshot.complete
    assert len(set(snapshot.ids)) == len(snapshot.ids), "a device is listed twice"
    assert endpoints_by_id(snapshot) == expected


def check_failed(
    catalogue: TenantCatalogue,
    request: str,
    failure: str,
    kept: dict[str, str],
    complete: bool = True,
) -> None:
    status = catalogue.status()
    assert not status.loading
    assert status.error is not None, "the load did not fail"
    assert "\n" not in status.error, status.error
    assert re.search(failure, status.error), status.error
    assert request in status.error, status.error  # names the request that failed
    assert endpoints_by_id(catalogue.snapshot) == kept
    assert catalogue.snapshot.complete == (bool(kept) and complete)


def check_failed_look_ups(
    catalogue: TenantCatalogue, failure: str, kept: dict[str, str], listed: dict[str, str]
) -> None:
    """The listing succeeded, a look-up failed: every listed device is held, the endpoints
    confirmed before unchanged, the others not confirmed."""
    status = catalogue.status()
    assert status.error is not None and not status.loading, "the load did not fail"
    assert "\n" not in status.error and re.search(failure, status.error), status.error
    assert f"GET {LOOK_UPS[1]}" in status.error, status.error
    snapshot = catalogue.snapshot
    assert sorted(snapshot.ids) == sorted(listed) and not snapshot.complete
    pending = set(snapshot.pending_indexes())
    confirmed = {snapshot.ids[i]: snapshot.endpoints[i] for i in range(len(snapshot.ids))}
    confirmed = {k: v for i, (k, v) in enumerate(confirmed.items()) if i not in pending}
    assert confirmed == {k: v for k, v in kept.items() if k in listed}
