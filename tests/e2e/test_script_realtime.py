"""Scripts with several connector commands get their results pushed, like the REPL."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from lwm2m_shell.simulator import SimulatedTenant

from .terminal import run_script


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run_script(env, *args, timeout=120)


POLLS = "/devicecontrol/operations/"  # GET of one operation (the POST has no trailing slash)
REALTIME = "/notification/realtime"


def test_a_file_of_commands_uses_realtime(
    env: dict[str, str], tenant: SimulatedTenant, tmp_path: Path
) -> None:
    script = tmp_path / "commands.txt"
    script.write_text(".send help\n" * 12)
    result = run(env, "-f", str(script), "--output", "json")
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["status"] for a in answers] == ["SUCCESSFUL"] * 12
    assert tenant.request_count(REALTIME) >= 3  # handshake, subscribe, connect
    # polling needs at least one GET per command (the POST answer is never final); pushed
    # results need none once realtime is up (the first commands may poll while it comes up)
    assert tenant.request_count(POLLS) <= 6


def test_one_command_only_polls(env: dict[str, str], tenant: SimulatedTenant) -> None:
    result = run(env, "-c", ".send help")
    assert result.returncode == 0, result.stderr
    assert tenant.request_count(REALTIME) == 0
    assert tenant.request_count(POLLS) >= 1
