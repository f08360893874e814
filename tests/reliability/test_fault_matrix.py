"""Every fault of the simulated tenant at every step of running one command.

For each cell the shell must end with the right exit code and message, and the tenant must hold
exactly the operations that were meant: never two for one command. The shell runs in-process
through ``cli.main`` (the same code path as the console script) against a fresh simulated tenant.
The "catalogue load" column runs the tenant catalogue's background load instead (see
``catalogue_cell``): it must end complete, or with a clear error and its old data, and create no
operation.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from lwm2m_shell.cli import main
from lwm2m_shell.client import TAG_FRAGMENT
from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER, Fault, SimulatedTenant

from .catalogue_cell import CatalogueCell, Inject, Target

STEPS: dict[str, tuple[str | None, str]] = {
    # step -> (method, path prefix) that the fault hits
    "start-up": ("GET", "/tenant/currentTenant"),
    "create operation": ("POST", "/devicecontrol/operations"),
    "poll": ("GET", "/devicecontrol/operations/"),
}

FaultMaker = Callable[[str | None, str], Fault | None]

FAULTS: dict[str, FaultMaker] = {
    "latency 0.3s": lambda m, p: Fault(kind="latency", delay=0.3, method=m, path=p, times=None),
    "429 Retry-After": lambda m, p: Fault(
        kind="status", status=429, retry_after=0.1, method=m, path=p
    ),
    "500": lambda m, p: Fault(kind="status", status=500, method=m, path=p),
    "503": lambda m, p: Fault(kind="status", status=503, method=m, path=p),
    "HTML 502": lambda m, p: Fault(kind="html_502", method=m, path=p),
    "dropped": lambda m, p: Fault(kind="drop", method=m, path=p),
    "dropped after work": lambda m, p: Fault(kind="drop", method=m, path=p, after_processing=True),
    "slow (> timeout)": lambda m, p: Fault(kind="slow", delay=1.2, method=m, path=p),
    "malformed JSON": lambda m, p: Fault(kind="malformed_json", method=m, path=p),
    "nested JSON": lambda m, p: Fault(kind="nested", method=m, path=p),
    "oversize 20 MB": lambda m, p: Fault(kind="oversize", size=20_000_000, method=m, path=p),
    "redirect 302": lambda m, p: Fault(kind="redirect", status=302, method=m, path=p),
    "drip 50 B/s": lambda m, p: Fault(kind="drip", rate=50, method=m, path=p),
    "429 Retry-After 1e308": lambda m, p: Fault(
        kind="status", status=429, retry_after="1e308", method=m, path=p
    ),
    "agent offline": lambda m, p: None,
}
# The shell's --request-timeout in the matrix: 0.5 s, so that "slow (> timeout)" outlasts it and a
# drip runs out of time. An oversized answer must be read up to the cap first: 16 MB that two busy
# cores may need more than half a second to serve and read, which would test the timeout instead.
REQUEST_TIMEOUT = 0.5
ROOM_TO_READ = {"oversize 20 MB": 20.0}


@dataclass(frozen=True)
class Expected:
    exit_code: int
    operations: int
    message: str | None = None  # a regex that stderr must match


OK = Expected(0, 1)
EXPECTED: dict[tuple[str, str], Expected] = {
    ("500", "start-up"): Expected(3, 0, r"500"),
    ("500", "create operation"): Expected(3, 0, r"answered 500.*not sent again"),
    ("503", "create operation"): Expected(0, 1, r"answered 503; no operation was created"),
    ("HTML 502", "create operation"): Expected(0, 1, r"answered 502; no operation was created"),
    ("dropped", "create operation"): Expected(0, 1, r"lost.*sent again"),
    ("dropped after work", "create operation"): Expected(0, 1, r"found operation \d+"),
    ("slow (> timeout)", "create operation"): Expected(0, 1, r"no answer in time.*found operation"),
    ("429 Retry-After", "create operation"): Expected(0, 1, r"slow down"),
    ("malformed JSON", "start-up"): Expected(3, 0, r"not valid JSON"),
    ("malformed JSON", "create operation"): Expected(3, 0, r"could not be read.*not sent again"),
    ("nested JSON", "start-up"): Expected(3, 0, r"nested too deeply"),
    ("nested JSON", "create operation"): Expected(3, 0, r"could not be read.*not sent again"),
    ("oversize 20 MB", "start-up"): Expected(3, 0, r"larger than the 16 MB allowed"),
    ("oversize 20 MB", "create operation"): Expected(3, 0, r"larger than.*not sent again"),
    ("redirect 302", "start-up"): Expected(3, 0, r"redirect \(302\) to sso\.example\.com/login"),
    ("redirect 302", "create operation"): Expected(3, 0, r"not sent: .*redirect \(302\)"),
    ("drip 50 B/s", "create operation"): Expected(0, 1, r"no answer in time.*found operation"),
    ("429 Retry-After 1e308", "start-up"): Expected(3, 0, r"more than 60s; not waited for"),
    ("429 Retry-After 1e308", "create operation"): Expected(3, 0, r"not sent: .*more than 60s"),
    ("429 Retry-After 1e308", "poll"): Expected(3, 1, r"lost track of operation \d+.*60s"),
    ("agent offline", "start-up"): Expected(4, 1, r"\.status \d+"),
    ("agent offline", "create operation"): Expected(4, 1, r"\.status \d+"),
    ("agent offline", "poll"): Expected(4, 1, r"\.status \d+"),
}


@pytest.fixture
def tenant() -> Iterator[SimulatedTenant]:
    with SimulatedTenant(devices=20, pending_delay=0.0, execution_delay=0.05) as simulated:
        yield simulated


def run_shell(
    tenant: SimulatedTenant,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    *args: str,
    request_timeout: float = REQUEST_TIMEOUT,
) -> int:
    for name in ("config", "state", "cache"):
        monkeypatch.setenv(f"XDG_{name.upper()}_HOME", str(tmp_path / name))
    monkeypatch.setenv("C8Y_BASEURL", tenant.url)
    monkeypatch.setenv("C8Y_USER", f"{tenant.tenant_id}/{ADMIN_USER}")
    monkeypatch.setenv("C8Y_PASSWORD", ADMIN_PASSWORD)
    return main(["--request-timeout", str(request_timeout), *args])


def ours(tenant: SimulatedTenant) -> list[dict[str, object]]:
    return [op for op in tenant.operations() if TAG_FRAGMENT in op]


@pytest.mark.parametrize("step", list(STEPS))
@pytest.mark.parametrize("fault_name", list(FAULTS))
def test_fault_matrix(
    fault_name: str,
    step: str,
    tenant: SimulatedTenant,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    record_cell: Callable[[str, str, str], None],
) -> None:
    expected = EXPECTED.get((fault_name, step), OK)
    registration = next(d for d in tenant.lwm2m_devices() if d["registrations"])["registrations"][0]
    command = f"invalidateRegistrationById {registration}"
    method, path = STEPS[step]
    fault = FAULTS[fault_name](method, path)
    if fault is None:
        tenant.set_agent(online=False)
    else:
        tenant.add_fault(fault)

    timeout = ROOM_TO_READ.get(fault_name, REQUEST_TIMEOUT)
    code = run_shell(
        tenant, tmp_path, monkeypatch, "--timeout", "1.5", "-c", command, request_timeout=timeout
    )
    err = capsys.readouterr().err
    created = ours(tenant)
    verdict = "ok"
    try:
        assert "Traceback" not in err
        assert code == expected.exit_code, err
        assert len(created) == expected.operations, (created, err)
        assert all(op["c8y_Command"]["text"] == command for op in created)  # type: ignore[index]
        if expected.message:
            assert re.search(expected.message, err, re.DOTALL), err
    except AssertionError:
        verdict = "WRONG"
        raise
    finally:
        record_cell(fault_name, step, f"{code} / {len(created)} op / {verdict}")


CATALOGUE_STEP = "catalogue load"
CATALOGUE_FAILURES: dict[str, str] = {  # the faults a read is not retried on -> the error
    "500": r"^GET /\S+: 500 Internal server error",
    "malformed JSON": r"^GET /\S+: the answer is not valid JSON$",
    "nested JSON": r"^GET /\S+: the answer cannot be read: the JSON is nested too deeply$",
    "oversize 20 MB": r"^GET /\S+: the answer is larger than the 16 MB allowed; stopped reading",
    "redirect 302": r"^GET /\S+: the tenant answered with a redirect \(302\) to sso\.example",
    "429 Retry-After 1e308": r"^GET /\S+: 429 .*asked to wait more than 60s; not waited for\)$",
}
CellMaker = Callable[[Inject, str | None, float], CatalogueCell]


@pytest.fixture
def make_cell(
    tenant: SimulatedTenant, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[CellMaker]:
    """Catalogue cells on the tenant, with a private disk cache; closed afterwards."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    made: list[CatalogueCell] = []

    def make(inject: Inject, failure: str | None, request_timeout: float) -> CatalogueCell:
        made.append(CatalogueCell(tenant, inject, failure, request_timeout))
        return made[-1]

    yield make
    for cell in made:
        cell.close()


@pytest.mark.parametrize("fault_name", list(FAULTS))
def test_catalogue_load_matrix(
    fault_name: str,
    tenant: SimulatedTenant,
    make_cell: CellMaker,
    monkeypatch: pytest.MonkeyPatch,
    record_cell: Callable[[str, str, str], None],
    note_step: Callable[[str, str], None],
) -> None:
    note_step(
        CATALOGUE_STEP, "what the catalogue holds after a cold load, a reload and a warm start"
    )
    escaped: list[threading.ExceptHookArgs] = []
    monkeypatch.setattr(threading, "excepthook", escaped.append)

    def inject(targets: tuple[Target, ...]) -> None:
        for method, path in targets:
            fault = FAULTS[fault_name](method, path)
            if fault is None:
                tenant.set_agent(online=False)
            else:
                tenant.add_fault(fault)

    operations = len(tenant.operations())
    timeout = ROOM_TO_READ.get(fault_name, REQUEST_TIMEOUT)
    cell = make_cell(inject, CATALOGUE_FAILURES.get(fault_name), timeout)
    verdict = "ok"
    try:
        cell.run()
        assert not escaped, escaped  # nothing escaped the loader thread
        assert len(tenant.operations()) == operations
    except Exception:  # a failed check, or anything the catalogue let out
        verdict = "WRONG"
        raise
    finally:
        created = len(tenant.operations()) - operations
        record_cell(fault_name, CATALOGUE_STEP, f"{cell.outcome} / {created} op / {verdict}")


def test_catalogue_load_gives_up_on_a_lasting_fault(
    tenant: SimulatedTenant, make_cell: CellMaker
) -> None:
    """A fault the client retries but that does not pass (429 on every request, without a wait)
    ends each load with its error once the tries are spent, keeping the data held before."""

    def inject(targets: tuple[Target, ...]) -> None:
        for method, path in targets:
            tenant.add_fault(
                Fault(
                    kind="status", status=429, retry_after=0.0, method=method, path=path, times=None
                )
            )

    make_cell(inject, r"^GET /\S+: 429 Too many requests", REQUEST_TIMEOUT).run()
