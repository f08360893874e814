"""Ctrl-C always wins within one second, in every state, in the REPL and in ``-c``.

Each test brings the real shell into one state against a hostile simulated tenant (or a
blackholed port), presses Ctrl-C (SIGINT for ``-c``, the key in a pseudo-terminal for the REPL)
and measures the time until the shell has exited 130 or is back at an empty prompt. The figures
are printed as a table at the end of the run. Nothing may be sent after the interrupt.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest

from lwm2m_shell.simulator import Fault, SimulatedTenant
from tests.helpers import wait_until
from tests.helpers.tenants import TenantFactory

from ..e2e.terminal import ShellTerminal
from .net_support import (
    BOUND,
    COMMAND,
    LatencyMiss,
    blackhole,
    commands,
    interrupt_prompt,
    interrupt_script,
    record,
)

OPS = "/devicecontrol/operations"
PROMPT = r"@127\.0\.0\.1:\d+>"


@pytest.fixture
def tenant(make_tenant: TenantFactory) -> SimulatedTenant:
    return make_tenant(devices=10, pending_delay=0.0, execution_delay=0.05)


Spawn = Callable[..., ShellTerminal]


def within_bound(config: pytest.Config, state: str, seconds: float) -> None:
    record(config, state, seconds)
    if seconds >= BOUND:
        raise LatencyMiss(f"{state}: Ctrl-C took {seconds:.2f}s")


# -- -c: exit 130 within a second ------------------------------------------------------------


def test_script_connecting_to_a_blackholed_host(
    env: dict[str, str], request: pytest.FixtureRequest
) -> None:
    with blackhole() as (url, knocked):
        done = interrupt_script({**env, "C8Y_BASEURL": url}, ["-c", COMMAND], knocked)
    assert done.code == 130, done.stderr
    within_bound(request.config, "-c: connecting (blackholed host)", done.latency)


def test_script_logging_in(
    env: dict[str, str], tenant: SimulatedTenant, request: pytest.FixtureRequest
) -> None:
    tenant.add_fault(Fault(kind="drip", rate=1, method="POST", path="/tenant/oauth", times=None))
    done = interrupt_script(
        env,
        ["--auth", "oauth", "-c", COMMAND],
        lambda: tenant.request_count("/tenant/oauth") > 0,
    )
    assert done.code == 130, done.stderr
    assert commands(tenant) == []
    within_bound(request.config, "-c: logging in (token answer dripping)", done.latency)


def test_script_post_in_flight(
    env: dict[str, str], tenant: SimulatedTenant, request: pytest.FixtureRequest
) -> None:
    tenant.add_fault(Fault(kind="drip", rate=1, method="POST", path=OPS))
    done = interrupt_script(env, ["-c", COMMAND], lambda: tenant.request_count(OPS) > 0)
    assert done.code == 130, done.stderr
    assert "the operation may have been created" in done.stderr
    assert "`lwm2m-shell -c '.history'`" in done.stderr  # not the REPL's syntax
    within_bound(request.config, "-c: POST in flight (answer dripping 1 B/s)", done.latency)
    assert commands(tenant) == [COMMAND]  # created once (the drip applied it), never again


def test_script_retry_after_on_the_post_then_nothing_is_sent(
    env: dict[str, str], tenant: SimulatedTenant, request: pytest.FixtureRequest
) -> None:
    tenant.add_fault(Fault(kind="status", status=429, retry_after=30, method="POST", path=OPS))
    done = interrupt_script(env, ["-c", COMMAND], lambda: tenant.request_count(OPS) > 0)
    assert done.code == 130, done.stderr
    assert "nothing was sent" in done.stderr
    within_bound(request.config, "-c: Retry-After 30 s sleep on the POST", done.latency)
    time.sleep(0.5)  # a POST sent after the interrupt would have landed by now
    assert tenant.request_count(OPS) == 1
    assert commands(tenant) == []


def test_script_retry_after_on_a_poll(
    env: dict[str, str], tenant: SimulatedTenant, request: pytest.FixtureRequest
) -> None:
    tenant.set_agent(online=False)
    tenant.add_fault(
        Fault(kind="status", status=429, retry_after=30, method="GET", path=OPS + "/", times=None)
    )
    done = interrupt_script(env, ["-c", COMMAND], lambda: tenant.request_count(OPS + "/") > 0)
    assert done.code == 130, done.stderr
    assert re.search(r"`lwm2m-shell -c '\.status \d+'`", done.stderr), done.stderr
    within_bound(request.config, "-c: Retry-After 30 s sleep on a poll", done.latency)
    assert tenant.request_count(OPS + "/") == 1  # the 30 s were honoured: no second poll


def test_script_polling(
    env: dict[str, str], tenant: SimulatedTenant, request: pytest.FixtureRequest
) -> None:
    tenant.set_agent(online=False)
    done = interrupt_script(env, ["-c", COMMAND], lambda: tenant.request_count(OPS + "/") > 2)
    assert done.code == 130, done.stderr
    within_bound(request.config, "-c: polling", done.latency)


def test_script_catalogue_load(
    env: dict[str, str], tenant: SimulatedTenant, request: pytest.FixtureRequest
) -> None:
    tenant.add_fault(Fault(kind="drip", rate=1, method="GET", path="/identity", times=None))
    done = interrupt_script(env, ["-c", ".devices"], lambda: tenant.request_count("/identity") > 0)
    assert done.code == 130, done.stderr
    within_bound(request.config, "-c: catalogue load (.devices, look-ups dripping)", done.latency)


def test_script_stale_status_is_not_reported(
    env: dict[str, str], tenant: SimulatedTenant, request: pytest.FixtureRequest
) -> None:
    """Issue 15 item 3 in -c: SIGINT reports the last status seen, not the one at creation."""
    tenant.set_agent(execution_delay=60.0)

    polls_when_executing: list[int] = []

    def executing_seen() -> bool:
        """The tenant has it EXECUTING and the shell has polled since then."""
        if not polls_when_executing:
            if any(op.get("status") == "EXECUTING" for op in tenant.operations()):
                polls_when_executing.append(tenant.request_count(OPS + "/"))
            return False
        return tenant.request_count(OPS + "/") > polls_when_executing[0]

    done = interrupt_script(env, ["-c", COMMAND], executing_seen)
    assert done.code == 130, done.stderr
    assert "EXECUTING when last seen" in done.stderr, done.stderr


# -- the REPL: back at the prompt within a second ---------------------------------------------


def test_repl_connecting_to_a_blackholed_host(spawn: Spawn, request: pytest.FixtureRequest) -> None:
    with blackhole() as (url, knocked):
        shell = spawn(extra_env={"C8Y_BASEURL": url})
        shell.wait_for(PROMPT)
        wait_until(knocked)
        shell.line(COMMAND)
        shell.settle(quiet=0.3, limit=1.0)
        latency = interrupt_prompt(shell, r"interrupted")
    within_bound(request.config, "REPL: connecting (blackholed host)", latency)


def test_repl_logging_in(
    spawn: Spawn, tenant: SimulatedTenant, request: pytest.FixtureRequest
) -> None:
    tenant.add_fault(Fault(kind="drip", rate=1, method="POST", path="/tenant/oauth", times=None))
    shell = spawn("--auth", "oauth")
    shell.wait_for(PROMPT)
    wait_until(lambda: tenant.request_count("/tenant/oauth") > 0)
    shell.line(COMMAND)
    shell.settle(quiet=0.3, limit=1.0)
    latency = interrupt_prompt(shell, r"interrupted")
    within_bound(request.config, "REPL: logging in (token answer dripping)", latency)
    assert commands(tenant) == []


def test_repl_post_in_flight(
    spawn: Spawn, tenant: SimulatedTenant, request: pytest.FixtureRequest
) -> None:
    tenant.add_fault(Fault(kind="drip", rate=1, method="POST", path=OPS))
    shell = spawn()
    shell.wait_for(PROMPT)
    shell.line(COMMAND)
    wait_until(lambda: tenant.request_count(OPS) > 0)
    shell.settle(quiet=0.2, limit=0.5)
    latency = interrupt_prompt(shell, r"may have been created; `\.history` shows it")
    within_bound(request.config, "REPL: POST in flight (answer dripping 1 B/s)", latency)
    assert commands(tenant) == [COMMAND]


def test_repl_retry_after_on_the_post(
    spawn: Spawn, tenant: SimulatedTenant, request: pytest.FixtureRequest
) -> None:
    tenant.add_fault(Fault(kind="status", status=429, retry_after=30, method="POST", path=OPS))
    shell = spawn()
    shell.wait_for(PROMPT)
    shell.line(COMMAND)
    wait_until(lambda: tenant.request_count(OPS) > 0)
    shell.settle(quiet=0.2, limit=0.5)
    latency = interrupt_prompt(shell, r"interrupted: nothing was sent")
    within_bound(request.config, "REPL: Retry-After 30 s sleep on the POST", latency)
    time.sleep(0.5)
    assert commands(tenant) == []


def test_repl_polling_reports_the_last_status(
    spawn: Spawn, tenant: SimulatedTenant, request: pytest.FixtureRequest
) -> None:
    """Issue 15 item 3: the spinner shows EXECUTING; after Ctrl-C the shell says EXECUTING."""
    tenant.set_agent(execution_delay=60.0)
    shell = spawn()
    shell.wait_for(PROMPT)
    shell.line(COMMAND)
    shell.wait_for(r"EXECUTING")
    latency = interrupt_prompt(
        shell,
        r"stopped waiting; operation \d+ goes on in the tenant\s+\(EXECUTING when last seen\)",
    )
    within_bound(request.config, "REPL: waiting for the operation (EXECUTING)", latency)


def test_repl_retry_after_on_a_poll(
    spawn: Spawn, tenant: SimulatedTenant, request: pytest.FixtureRequest
) -> None:
    tenant.set_agent(online=False)
    tenant.add_fault(
        Fault(kind="status", status=429, retry_after=30, method="GET", path=OPS + "/", times=None)
    )
    shell = spawn()
    shell.wait_for(PROMPT)
    shell.line(COMMAND)
    wait_until(lambda: tenant.request_count(OPS + "/") > 0)
    shell.settle(quiet=0.2, limit=0.5)
    latency = interrupt_prompt(shell, r"stopped waiting; operation \d+")
    within_bound(request.config, "REPL: Retry-After 30 s sleep on a poll", latency)


def test_repl_ctrl_c_stops_the_rest_of_a_paste(spawn: Spawn, tenant: SimulatedTenant) -> None:
    """Nothing is sent after an interrupt: not even the next line of the same paste."""
    tenant.add_fault(Fault(kind="status", status=429, retry_after=30, method="POST", path=OPS))
    shell = spawn()
    shell.wait_for(PROMPT)
    second = "invalidateRegistrationById YYYYYYYYYY"
    shell.type("\x1b[200~" + COMMAND + "\n" + second + "\x1b[201~")
    shell.type("\r")
    wait_until(lambda: tenant.request_count(OPS) > 0)
    shell.settle(quiet=0.2, limit=0.5)
    interrupt_prompt(shell, r"interrupted: nothing was sent")
    time.sleep(0.5)  # a POST of the second line would have landed by now
    assert tenant.request_count(OPS) == 1
    assert commands(tenant) == []
