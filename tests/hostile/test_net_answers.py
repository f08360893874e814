"""Hostile answers: oversized, dripping, nested, endless, redirected, rate-limited oddly.

The shell runs for real (``-c`` in a subprocess, the REPL in a pseudo-terminal) against the
simulated tenant's hostile faults; the client-level tests time one request against the same
server. Each bad answer must end in one clear line naming the request, never a traceback, with
the operation named when one exists, and exit code 3.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from lwm2m_shell.client import (
    NO_RETRY,
    BasicAuth,
    BasicCredentials,
    ClientOptions,
    CumulocityClient,
    RequestTimeout,
)
from lwm2m_shell.client.errors import LimitExceeded
from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER, Fault, SimulatedTenant

from ..e2e.terminal import ShellTerminal
from ..e2e.terminal import run_script as run
from .net_support import COMMAND, commands

OPS = "/devicecontrol/operations"
PROMPT = r"@127\.0\.0\.1:\d+>"


@pytest.fixture
def tenant() -> Iterator[SimulatedTenant]:
    with SimulatedTenant(devices=10, pending_delay=0.0, execution_delay=0.05) as simulated:
        yield simulated


def client_for(tenant: SimulatedTenant, timeout: float) -> CumulocityClient:
    auth = BasicAuth(BasicCredentials(ADMIN_USER, ADMIN_PASSWORD, tenant.tenant_id))
    return CumulocityClient(tenant.url, auth, ClientOptions(timeout=timeout, retry=NO_RETRY))


# -- the whole request is bounded, not each read ------------------------------------------------


@pytest.mark.parametrize("rate", [5.0, 0.1], ids=["dripping 5 B/s", "stalling after a byte"])
def test_request_timeout_bounds_the_whole_request(tenant: SimulatedTenant, rate: float) -> None:
    """A body dripping a few bytes a second never trips a per-read timeout; one byte and then
    silence blocks a read: both end at the whole-request bound."""
    tenant.add_fault(Fault(kind="drip", rate=rate, method="GET", path="/inventory", times=None))
    with client_for(tenant, timeout=1.0) as client:
        started = time.monotonic()
        with pytest.raises(RequestTimeout) as caught:
            client.find_connectors()
        took = time.monotonic() - started
    assert took < 1.8, f"a 1 s request took {took:.2f}s"
    assert "GET /inventory/managedObjects" in str(caught.value)


def test_headers_dripping_on_a_reused_connection_end_at_the_bound(tenant: SimulatedTenant) -> None:
    """A slowloris answer on a connection kept alive from an earlier request: no connection is
    made for it, yet its status line and headers, a few bytes a second, end at the bound too."""
    with client_for(tenant, timeout=1.0) as client:
        client.find_connectors()  # the connection the next request reuses
        connections = tenant.connection_count()
        tenant.add_fault(Fault(kind="drip_headers", rate=20, method="GET", path="/inventory"))
        started = time.monotonic()
        with pytest.raises(RequestTimeout):
            client.find_connectors()
        took = time.monotonic() - started
    assert tenant.connection_count() == connections  # it was the same connection
    assert took < 1.8, f"a 1 s request took {took:.2f}s"


def test_script_request_timeout_with_a_dripping_poll(
    env: dict[str, str], tenant: SimulatedTenant
) -> None:
    """The issue's case: `-c ... --timeout 10` against a dripping GET used to hang 70 s."""
    tenant.add_fault(Fault(kind="drip", rate=2, method="GET", path=OPS + "/", times=None))
    started = time.monotonic()
    result = run(env, "--timeout", "3", "--request-timeout", "1", "-c", COMMAND)
    took = time.monotonic() - started
    assert result.returncode in (3, 4), result.stderr
    assert re.search(r"operation \d+", result.stderr), result.stderr
    assert took < 15, f"took {took:.1f}s"


# -- size bounds -------------------------------------------------------------------------------


def test_a_200_mb_answer_is_cut_at_the_limit_with_one_line(tenant: SimulatedTenant) -> None:
    tenant.add_fault(Fault(kind="oversize", method="GET", path="/inventory"))
    client = client_for(tenant, timeout=30)
    with client, pytest.raises(LimitExceeded) as caught:
        client.find_connectors()
    message = str(caught.value)
    assert message == (
        "GET /inventory/managedObjects: the answer is larger than the 16 MB allowed; "
        "stopped reading it"
    )


def test_script_oversized_poll_answers_name_the_operation(
    env: dict[str, str], tenant: SimulatedTenant
) -> None:
    tenant.set_agent(online=False)
    tenant.add_fault(
        Fault(kind="oversize", size=20_000_000, method="GET", path=OPS + "/", times=None)
    )
    result = run(env, "-c", COMMAND)
    assert result.returncode == 3, result.stderr
    operation_id = tenant.operations()[-1]["id"]
    assert f"lost track of operation {operation_id}" in result.stderr
    assert "larger than the 16 MB allowed" in result.stderr
    assert f"`lwm2m-shell -c '.status {operation_id}'`" in result.stderr
    assert len(result.stdout) < 10_000


def test_script_endless_pages_keep_what_was_listed(
    env: dict[str, str], tenant: SimulatedTenant
) -> None:
    connector = tenant.connector_id  # named, so the connector search is not what pages
    tenant.add_fault(Fault(kind="endless_pages", method="GET", path="/inventory", times=None))
    # Each made-up device is looked up once; without the cap on look-ups per second (tested in
    # tests/unit/catalogue) the thousands of them take seconds, not minutes.
    config = Path(env["XDG_CONFIG_HOME"]) / "lwm2m-shell" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("[profiles.uncapped]\nlookup_rate = 0\n")
    config.chmod(0o600)
    args = ("--profile", "uncapped", "--connector-id", connector, "-c", ".devices")
    result = run(env, *args, timeout=120)
    assert "GET /inventory/managedObjects: the listing goes on past the 1 page(s)" in result.stdout
    assert "keeping 10 endpoints" in result.stdout  # what was listed is kept
    assert re.search(r"^\d+\s", result.stdout, re.MULTILINE), result.stdout  # rows were kept


def test_repeating_pages_stop_at_the_first_repeat(tenant: SimulatedTenant) -> None:
    tenant.add_fault(
        Fault(kind="endless_pages", repeat=True, method="GET", path="/inventory", times=None)
    )
    pages: list[int] = []
    client = client_for(tenant, timeout=5)
    with client, pytest.raises(LimitExceeded, match="page 2 only repeats objects already listed"):
        for page in client.iter_managed_object_pages({"type": "c8y_lwm2m"}, page_size=20):
            pages.append(len(page))
    assert pages == [20]  # the first page is kept


# -- nested JSON: one line, the shell goes on --------------------------------------------------


def test_script_nested_poll_answers_print_the_operation_and_exit_3(
    env: dict[str, str], tenant: SimulatedTenant
) -> None:
    tenant.add_fault(Fault(kind="nested", method="GET", path=OPS + "/", times=None))
    result = run(env, "-c", COMMAND)
    assert result.returncode == 3, result.stderr
    operation_id = tenant.operations()[-1]["id"]
    assert f"operation {operation_id}" in result.stderr
    assert "nested too deeply" in result.stderr
    assert "internal error" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "nested too deeply" in errors[0], result.stderr


def test_script_nested_post_answer_is_reconciled_once(
    env: dict[str, str], tenant: SimulatedTenant
) -> None:
    tenant.add_fault(Fault(kind="nested", method="POST", path=OPS, after_processing=True))
    result = run(env, "-c", COMMAND)
    assert re.search(r"found operation \d+ created by this request", result.stderr)
    assert commands(tenant) == [COMMAND]


def test_repl_survives_a_nested_answer(env: dict[str, str], tenant: SimulatedTenant) -> None:
    # every read of the operation is nested: no push may bring its state instead
    tenant.set_agent(online=False)
    tenant.add_fault(Fault(kind="status", status=500, path="/notification", times=None))
    tenant.add_fault(Fault(kind="nested", method="GET", path=OPS + "/", times=None))
    shell = ShellTerminal([], env, timeout=30)
    try:
        shell.wait_for(PROMPT)
        shell.line(COMMAND)
        shell.wait_for(r"(?s)lost track of operation \d+: .*nested\s+too deeply")
        tenant.clear_faults()
        shell.line(".context")
        shell.wait_for(r"target\s+the connector device")
        assert shell.leave() == 0
    finally:
        shell.close()


# -- redirects and Retry-After -----------------------------------------------------------------


def test_script_redirect_is_named(env: dict[str, str], tenant: SimulatedTenant) -> None:
    tenant.add_fault(
        Fault(
            kind="redirect",
            status=301,
            location="https://sso.example.com/login?next=secret-token",
            path="/",
            times=None,
        )
    )
    result = run(env, "-c", COMMAND)
    assert result.returncode == 3
    assert "the tenant answered with a redirect (301) to sso.example.com/login; check the URL" in (
        result.stderr
    )
    assert "empty answer" not in result.stderr
    assert "secret-token" not in result.stderr


def test_script_retry_after_1e308_is_reported_not_waited(
    env: dict[str, str], tenant: SimulatedTenant
) -> None:
    tenant.add_fault(Fault(kind="status", status=429, retry_after="1e308", method="POST", path=OPS))
    started = time.monotonic()
    result = run(env, "-c", COMMAND)
    assert time.monotonic() - started < 10
    assert result.returncode == 3, result.stderr
    assert "asked to wait more than 60s; not waited for" in result.stderr
    assert not re.search(r"\d{10}", result.stderr), result.stderr  # no 309-digit wait
    assert commands(tenant) == []


@pytest.mark.parametrize("value", ["nan", "-5", "Wed, 21 Oct 2015 07:28:00 GMT", "soon"])
def test_script_meaningless_retry_after_falls_back_to_backoff(
    env: dict[str, str], tenant: SimulatedTenant, value: str
) -> None:
    tenant.add_fault(Fault(kind="status", status=429, retry_after=value, method="POST", path=OPS))
    result = run(env, "-c", COMMAND)
    assert result.returncode == 1, result.stderr  # sent, and FAILED by the agent (no such ID)
    assert "the tenant asked to slow down; sent again after" in result.stderr
    assert commands(tenant) == [COMMAND]


def test_script_timeout_hint_is_command_line_syntax(
    env: dict[str, str], tenant: SimulatedTenant
) -> None:
    tenant.set_agent(online=False)
    result = run(env, "--timeout", "0.5", "-c", COMMAND)
    assert result.returncode == 4
    operation_id = tenant.operations()[-1]["id"]
    assert f"is still PENDING: `lwm2m-shell -c '.status {operation_id}'` shows it later" in (
        result.stderr
    )
