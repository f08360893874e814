"""Hostile tenant text in ``-c``, ``-f``/stdin and ``--output json`` runs: the raw bytes of
stdout, stderr and the log file never carry a control character other than newline and tab, nor
a C1 or bidi character; the text is still there, shown visibly."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest

from lwm2m_shell.output.safetext import one_line
from lwm2m_shell.simulator import SimulatedTenant
from lwm2m_shell.simulator.hostile_text import HOSTILE_NAMES, HOSTILE_TEXT

from ..simulator.conftest import admin_client, run_command
from .conftest import RunShell, unsafe_bytes

SHOWN = "\\u001b]0;PWNED\\u0007\\u001b[2J\\u001b[8mHIDDEN"  # how the attack looks when rendered
HOSTILE_COMMAND = "help \x1b]0;PWNED\x07\x1b[2J\rFAKE \u009b7m \u202eevil"


@pytest.fixture
def hostile_history(tenant: SimulatedTenant) -> None:
    """Someone else's shell command and bulk registration, both carrying hostile text."""
    with admin_client(tenant) as client:
        run_command(client, tenant.connector_id, HOSTILE_COMMAND)
        created = client.post(
            "/devicecontrol/operations",
            json={
                "deviceId": tenant.connector_id,
                "description": "Bulk \x1b]0;PWNED\x07 registration\r\u009b2J",
                "result": "\x1b]52;c;cHduZWQ=\x07 12 of 12 \u202edevices",
            },
        )
        assert created.status_code == 201


def test_a_hostile_result_and_reason_in_a_command_run(run_shell: RunShell) -> None:
    run = run_shell("-c", "invalidateRegistrationById AAAAAAAAAA")
    assert run.code == 1
    assert unsafe_bytes(run.stdout) == [] and unsafe_bytes(run.stderr) == []
    assert SHOWN in run.out  # the result, on stdout
    # The reason repeats the result here, so it is not printed twice; the status line is clean.
    assert "✘ FAILED · operation" in run.err


def test_hostile_listings_in_a_command_run(run_shell: RunShell, hostile_history: None) -> None:
    run = run_shell("-c", ".devices", "-c", ".endpoints", "-c", ".history", "-c", ".bulk")
    assert run.code == 0, run.err
    assert unsafe_bytes(run.stdout) == [] and unsafe_bytes(run.stderr) == []
    out = run.out
    assert "\\u001b]0;PWNED\\u0007meter" in out  # a device name (.devices)
    assert "urn:imei:\\u001b]0;PWNED\\u0007\\u001b[2J35000000000001" in out  # an endpoint
    assert (
        "help \\u001b]0;PWNED\\u0007\\u001b[2J\\u000dFAKE \\u009b7m \\u202eevil" in out
    )  # .history
    assert "Bulk \\u001b]0;PWNED\\u0007 registration\\u000d\\u009b2J" in out  # .bulk description
    assert "result: \\u001b]52;c;cHduZWQ=\\u0007 12 of 12 \\u202edevices" in out


def test_device_names_are_clipped_after_rendering_never_inside_an_escape(
    run_shell: RunShell,
) -> None:
    out = run_shell("-c", ".devices").out
    rows = {line.split("  ", 1)[0]: line for line in out.splitlines()}
    for name in HOSTILE_NAMES:
        shown = one_line(" ".join(name.split()))  # the catalogue keeps names on one line
        row = next(
            line for line in rows.values() if line.split("  ", 1)[1].lstrip()[:9] == shown[:9]
        )
        cell = row.split("  ", 1)[1].lstrip().split("…", 1)[0]
        assert len(cell) < len(shown) and shown.startswith(cell)  # clipped, and only rendered
        units = re.findall(r"\\u[0-9a-f]{4}|.", shown)
        assert cell in {"".join(units[:n]) for n in range(len(units))}  # cut between units


def test_json_output_escapes_control_c1_and_bidi_characters_and_keeps_the_text(
    run_shell: RunShell, hostile_history: None
) -> None:
    run = run_shell(
        "--output", "json", "-c", "invalidateRegistrationById AAAAAAAAAA",
        "-c", ".devices", "-c", ".endpoints", "-c", ".history", "-c", ".bulk",
    )  # fmt: skip
    assert run.code == 1
    assert unsafe_bytes(run.stdout) == [] and unsafe_bytes(run.stderr) == []
    assert "\\u009b" in run.out and "\\u202e" in run.out  # escaped in the JSON text
    answers = [json.loads(line) for line in run.out.splitlines()]
    assert len(answers) == 5
    failed, devices, endpoints, history, bulk = answers
    assert failed["result"].startswith(HOSTILE_TEXT)  # a JSON reader gets the exact text
    assert failed["failureReason"].startswith(HOSTILE_TEXT)
    assert any(d["name"].startswith("\x1b]0;PWNED\x07") for d in devices["result"]["devices"])
    assert any("\x1b[8m\u009b7m\u202e" in e["endpoint"] for e in endpoints["result"]["endpoints"])
    assert HOSTILE_COMMAND in [row["command"] for row in history["result"]]
    assert any("\u009b2J" in (row["description"] or "") for row in bulk["result"])


def test_a_hostile_error_body_in_json_and_text(run_shell: RunShell) -> None:
    refused = {"C8Y_PASSWORD": "not-the-password"}  # the tenant's 401 body carries the attack
    for args in (["-c", ".history"], ["--output", "json", "-c", ".history"]):
        run = run_shell(*args, extra_env=refused)
        assert run.code == 3
        assert unsafe_bytes(run.stdout) == [] and unsafe_bytes(run.stderr) == []
        assert "\\u001b]0;PWNED" in run.err  # the message, rendered, on stderr


def test_hostile_commands_piped_on_stdin(run_shell: RunShell) -> None:
    run = run_shell(stdin=b"invalidateRegistrationById AAAAAAAAAA\n.endpoints imei\n")
    assert run.code == 1
    assert unsafe_bytes(run.stdout) == [] and unsafe_bytes(run.stderr) == []
    assert SHOWN in run.out


def test_the_log_file_and_verbose_output_hold_tenant_text_rendered(
    run_shell: RunShell, tmp_path: Path
) -> None:
    log = tmp_path / "shell.log"
    # A connector that is not there: the tenant's 404 message is logged by the catalogue.
    run = run_shell("-v", "--log-file", str(log), "--connector-id", "99999", "-c", ".devices")
    assert run.code == 3
    logged = log.read_bytes()
    assert b"\\u001b]0;PWNED" in logged  # the tenant's text did reach the log ...
    assert unsafe_bytes(logged) == []  # ... and only rendered
    assert unsafe_bytes(run.stderr) == [] and b"catalogue load failed" in run.stderr
    for line in logged.decode().splitlines():
        assert line[:4].isdigit(), line  # every line is a record: none forged by a newline


def test_switching_the_hostile_parts_off_gives_plain_output(
    run_shell: RunShell, tenant: SimulatedTenant
) -> None:
    with httpx.Client(base_url=tenant.url) as ctl:
        ctl.post("/__simulator__/hostile", json={"results": False, "reasons": False})
    run = run_shell("-c", "invalidateRegistrationById AAAAAAAAAA")
    assert run.out.startswith("No LWM2M registration")  # the test above is not vacuous
