"""Timing helpers for ``bench_startup.py``: processes, prompts in a pseudo-terminal, floors.

Every subject is measured next to its floor, alternating one run of each, so a load change on the
(shared) machine hits both series alike. Times are wall-clock from just before the spawn.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pexpect
import pyte

from tests.e2e.terminal import shell_env

COLUMNS, LINES = 120, 40
BIN = Path(sys.executable).parent

PROMPT_FLOOR = """\
from prompt_toolkit import PromptSession

PromptSession().prompt("floor> ")
"""

# The requests ``lwm2m-shell --auth basic -c COMMAND`` makes, in order, with plain httpx on one
# connection: the tenant check, the connector look-up, the POST and the polls (same schedule as
# the shell's: first poll after 50 ms, then doubling).
HTTPX_FLOOR = """\
import sys
import time

import httpx

url, tenant, user, password, text = sys.argv[1:6]
final = ("SUCCESSFUL", "FAILED")
with httpx.Client(base_url=url, auth=(f"{tenant}/{user}", password)) as client:
    client.get("/tenant/currentTenant").raise_for_status()
    client.get("/user/currentUser").raise_for_status()
    found = client.get(
        "/inventory/managedObjects",
        params={"type": "c8y_lwm2m_connector_device", "pageSize": 100, "withChildren": "false"},
    )
    connector = found.json()["managedObjects"][0]["id"]
    body = {"deviceId": connector, "description": text, "c8y_Command": {"text": text}}
    operation = client.post("/devicecontrol/operations", json=body).json()
    pause = 0.05
    deadline = time.monotonic() + 120
    while operation["status"] not in final:
        if time.monotonic() > deadline:
            raise SystemExit(f"operation {operation['id']} did not end in 120 s")
        time.sleep(pause)
        pause = min(1.0, pause * 2)
        operation = client.get(f"/devicecontrol/operations/{operation['id']}").json()
print(operation["status"], operation.get("c8y_Command", {}).get("result", ""))
sys.exit(0 if operation["status"] == "SUCCESSFUL" else 1)
"""


class BenchError(Exception):
    """A measured run did not do what it should (wrong exit code, no prompt)."""


@dataclass
class Row:
    """One subject and its floor: medians in milliseconds and the target ratio (if any)."""

    name: str
    subject_ms: float
    floor_name: str
    floor_ms: float
    target: float | None

    @property
    def ratio(self) -> float:
        return self.subject_ms / self.floor_ms

    @property
    def met(self) -> bool | None:
        return None if self.target is None else self.ratio <= self.target

    def format(self) -> str:
        verdict = {None: "(no target)", True: "met", False: "MISSED"}[self.met]
        target = f"<= {self.target:.1f}x" if self.target is not None else ""
        return (
            f"{self.name:<44} {self.subject_ms:7.1f} ms | {self.floor_name:<30} "
            f"{self.floor_ms:7.1f} ms | {self.ratio:4.2f}x {target:>8} {verdict}"
        )


@dataclass(frozen=True)
class RunningTenant:
    url: str
    tenant_id: str


@contextmanager
def tenant_process(latency: float = 0.0) -> Iterator[RunningTenant]:
    """A simulated tenant in a process of its own (so serving the shell never competes with the
    measuring process), with an agent that answers at once; ``latency`` delays every request."""
    argv = [sys.executable, "-m", "lwm2m_shell.simulator", "--devices", "30"]
    argv += ["--pending-delay", "0", "--execution-delay", "0", "--latency", f"{latency:g}"]
    process = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, text=True
    )
    try:
        assert process.stdout is not None
        url = tenant_id = ""
        for line in process.stdout:
            if line.startswith("Simulated Cumulocity tenant at "):
                url = line.split(" at ", 1)[1].strip()
            elif line.strip().startswith("tenant:"):
                tenant_id = line.split(":", 1)[1].strip()
            elif line.startswith("Press Ctrl-C"):
                break
        if not (url and tenant_id):
            raise BenchError("the simulated tenant did not start")
        yield RunningTenant(url, tenant_id)
    finally:
        process.terminate()
        process.wait(timeout=10)


def write_floor(folder: Path, name: str, source: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


def run_process(argv: Sequence[str], env: Mapping[str, str], expect_code: int = 0) -> float:
    """Seconds from spawning ``argv`` to its exit (output discarded)."""
    started = time.perf_counter()
    result = subprocess.run(
        list(argv), env=dict(env), stdin=subprocess.DEVNULL, capture_output=True, timeout=60
    )
    elapsed = time.perf_counter() - started
    if result.returncode != expect_code:
        raise BenchError(
            f"{' '.join(argv)} exited {result.returncode}: {result.stderr.decode()[-500:]}"
        )
    return elapsed


class _AnsweringScreen(pyte.Screen):
    """Answers the cursor-position queries prompt_toolkit sends, like a real terminal."""

    def __init__(self, child: pexpect.spawn) -> None:
        super().__init__(COLUMNS, LINES)
        self.child = child

    def write_process_input(self, data: str) -> None:
        self.child.send(data)


def time_to_prompt(
    argv: Sequence[str], env: Mapping[str, str], prompt: str, timeout: float = 20.0
) -> float:
    """Seconds from spawning ``argv`` in a pseudo-terminal until ``prompt`` (a regex) is on the
    screen, read through a terminal emulator. The process is killed afterwards."""
    regex = re.compile(prompt, re.MULTILINE)
    started = time.perf_counter()
    child = pexpect.spawn(
        argv[0], list(argv[1:]), env=dict(env), dimensions=(LINES, COLUMNS), timeout=timeout
    )
    try:
        screen = _AnsweringScreen(child)
        stream = pyte.ByteStream(screen)
        deadline = started + timeout
        while True:
            try:
                data = child.read_nonblocking(65536, timeout=0.01)
            except pexpect.TIMEOUT:
                data = b""
            except pexpect.EOF:
                raise BenchError(f"{argv} exited before its prompt:\n{_text(screen)}") from None
            if data:
                stream.feed(data)
                if regex.search(_text(screen)):
                    return time.perf_counter() - started
            if time.perf_counter() > deadline:
                raise BenchError(f"no prompt {prompt!r} from {argv}:\n{_text(screen)}")
    finally:
        child.terminate(force=True)
        child.close()


def _text(screen: pyte.Screen) -> str:
    return "\n".join(line.rstrip() for line in screen.display)


def paired_medians(
    subject: Callable[[], float], floor: Callable[[], float], runs: int
) -> tuple[float, float]:
    """Medians (ms) of ``runs`` alternating runs of subject and floor, after one warm-up each."""
    subject()
    floor()
    ours: list[float] = []
    base: list[float] = []
    for _ in range(runs):
        ours.append(subject())
        base.append(floor())
    return statistics.median(ours) * 1000, statistics.median(base) * 1000


def clean_env(home: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The tests' clean shell environment (fixed terminal, temporary XDG homes, no stray C8Y_*
    settings), without any inherited or added PYTHON* setting: they would change what is timed."""
    env = shell_env(home, extra)
    return {key: value for key, value in env.items() if not key.startswith("PYTHON")}
