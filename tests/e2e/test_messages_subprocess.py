"""Messages of ``lwm2m-shell -c``: said once, on the right stream, in words that work there."""

from __future__ import annotations

import re

from lwm2m_shell.simulator import SimulatedTenant

from .test_modes import run


def test_an_unknown_operation_id_is_explained(env: dict[str, str], tenant: SimulatedTenant) -> None:
    result = run(env, "-c", ".status 99999999")
    assert result.returncode == 2
    assert "no operation 99999999 in this tenant (.history lists the latest)" in result.stderr
    assert "404" not in result.stderr and "GET /" not in result.stderr


def test_a_failure_reason_is_printed_once(env: dict[str, str], tenant: SimulatedTenant) -> None:
    result = run(env, "-c", "invalidateRegistrationById ZZZZZZZZZZ")
    assert result.returncode == 1
    reason = "No LWM2M registration with ID ZZZZZZZZZZ"
    assert (result.stdout + result.stderr).count(reason) == 1
    assert re.search(r"✘ FAILED · operation \d+", result.stderr)


def test_a_hint_goes_to_stderr_and_names_a_script_command(
    env: dict[str, str], tenant: SimulatedTenant
) -> None:
    run(env, "-c", "invalidateRegistrationById ZZZZZZZZZZ")
    result = run(env, "-c", ".history 1")
    assert result.returncode == 0
    assert "invalidateRegistrationById ZZZZZZZZZZ" in result.stdout
    assert "shows one command's result" not in result.stdout
    assert "(`lwm2m-shell -c '.status ID'` shows one command's result)" in result.stderr


def test_timeout_hint_works_in_scripts_and_status_counts_from_creation(
    env: dict[str, str], tenant: SimulatedTenant
) -> None:
    tenant.set_agent(execution_delay=4.0)
    result = run(env, "--timeout", "0.5", "-c", "invalidateRegistrationById ZZZZZZZZZZ")
    assert result.returncode == 4
    found = re.search(r"`lwm2m-shell -c '\.status (\d+)'` shows it later", result.stderr)
    assert found, result.stderr
    assert "with `.status" not in result.stderr
    # The operation ends about 4 s after its creation; this run starts well after that creation.
    again = run(env, "-c", f".status {found.group(1)}")
    assert again.returncode == 1, again.stderr
    took = re.search(r"✘ FAILED · operation \d+ in (\d+\.\d)s", again.stderr)
    assert took, again.stderr
    assert float(took.group(1)) >= 3.8  # counted from the creation, not from this start
    # Asked again once it has ended: no "time since creation" that keeps growing.
    ended = run(env, "-c", f".status {found.group(1)}")
    assert re.search(rf"✘ FAILED · operation {found.group(1)}\s*$", ended.stderr), ended.stderr


def test_the_endpoints_footer_counts_the_matches(
    env: dict[str, str], tenant: SimulatedTenant
) -> None:
    result = run(env, "-c", ".endpoints imei")
    assert result.returncode == 0, result.stderr
    expected = sum("imei" in str(d["endpoint"]).lower() for d in tenant.lwm2m_devices())
    assert expected > 1
    assert result.stdout.splitlines()[-1].startswith(f"{expected} endpoints match 'imei' (")
