"""Every example command of the README, the man page and ``--help`` works (issue 20).

The examples are read from the documents themselves, so a new one is covered at once:

- shell lines (``sh`` blocks of the README, EXAMPLES of the man page, examples of ``--help``):
  the ones a script can run are run for real, as written, by ``/bin/sh`` against the simulated
  tenant (its URL and admin login in the environment, no terminal), and must not end in a usage
  error, an internal error or a traceback;
- lines that need a real tenant (``example.cumulocity.com``), a terminal (``--demo``, the bare
  interactive shell) or run forever (the simulator) are validated only through the option parser
  (and each ``-c`` command through the command parser): said so by ``PARSER_ONLY``;
- the lines shown at the prompt run as ``-c`` commands against the simulated tenant;
- the config file example is loaded as a real config file and both profiles resolve.

The two set-up lines under ``<!-- ci:... -->`` are CI's own (``.ci/run`` runs them).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from lwm2m_shell import cli
from lwm2m_shell.config.resolve import resolve
from lwm2m_shell.docgen import manpage
from lwm2m_shell.language import ParseError, TargetKind, parse
from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER, SimulatedTenant, SimulatorConfig
from lwm2m_shell.simulator.__main__ import build_parser as simulator_parser

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent  # the console script lwm2m-shell is installed next to python


def fenced_blocks(text: str) -> Iterator[tuple[str, str, list[str]]]:
    """(language, the line before the fence, lines) of each fenced block."""
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("```"):
            before = lines[index - 1] if index else ""
            end = next(i for i in range(index + 1, len(lines)) if lines[i].startswith("```"))
            yield line[3:].strip(), before, lines[index + 1 : end]
            index = end
        index += 1


def without_comment(line: str) -> str:
    """The shell line without its trailing ``# comment`` (a ``#`` inside quotes stays)."""
    quote = ""
    for index, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (index == 0 or line[index - 1].isspace()):
            return line[:index].strip()
    return line.strip()


def readme_shell_lines() -> list[str]:
    found = []
    for language, before, lines in fenced_blocks(README):
        if language == "sh" and not before.startswith("<!-- ci:"):
            found += [without_comment(line) for line in lines if line.strip()]
    return found


def prompt_lines() -> list[str]:
    """The lines shown at the prompt (a block without a language): command, then description."""
    for language, _before, lines in fenced_blocks(README):
        if language == "" and any(line.startswith("help") for line in lines):
            return [re.split(r"\s{2,}", line.strip())[0] for line in lines if line.strip()]
    raise AssertionError("the README shows no lines typed at the prompt")


def toml_example() -> str:
    (block,) = [lines for language, _b, lines in fenced_blocks(README) if language == "toml"]
    return "\n".join(block) + "\n"


def help_examples() -> list[str]:
    lines = cli.EPILOG_EXAMPLES.splitlines()[1:]
    return [re.split(r"\s{2,}", line.strip())[0] for line in lines if line.strip()]


ALL_LINES = sorted(
    {*readme_shell_lines(), *(example for example, _ in manpage.EXAMPLES), *help_examples()}
)


def needs_real_tenant(line: str) -> bool:
    return "example.cumulocity.com" in line


def interactive(line: str) -> bool:
    """The interactive shell: no -c, -f, stdin or --completions."""
    argv = lwm2m_argv(line)
    return (
        argv is not None
        and not any(a in argv for a in ("-c", "-f", "--completions"))
        and "|" not in line
    )


def lwm2m_argv(line: str) -> list[str] | None:
    """The arguments of the lwm2m-shell call in ``line`` (None: it calls no lwm2m-shell)."""
    inner = re.search(r'\$\((.*)\)"', line)
    text = inner.group(1) if inner else line.split("|")[-1].split(">")[0]
    words = shlex.split(text)
    while words and re.match(r"^[A-Z][A-Z0-9_]*=", words[0]):
        words.pop(0)
    if not words or words[0] != "lwm2m-shell":
        return None
    return words[1:]


PARSER_ONLY = [
    line
    for line in ALL_LINES
    if needs_real_tenant(line) or interactive(line) or line.startswith("python -m")
]
RUN = [line for line in ALL_LINES if line not in PARSER_ONLY]


def test_the_documents_show_examples() -> None:
    assert len(ALL_LINES) >= 12 and len(RUN) >= 8, ALL_LINES


@pytest.mark.parametrize("line", PARSER_ONLY)
def test_example_is_valid_for_the_parsers(line: str) -> None:
    """Needs a real tenant, a terminal, or runs until stopped: parsed, not run."""
    if line.startswith("python -m lwm2m_shell.simulator"):
        simulator_parser().parse_args(shlex.split(line)[3:])
        return
    argv = lwm2m_argv(line)
    assert argv is not None, line
    args = cli.build_parser().parse_args(argv)
    kind = TargetKind.DEVICE if args.device else TargetKind.CONNECTOR  # --device: its commands
    for command in args.commands or []:
        assert not isinstance(parse(command, kind), ParseError), command


@pytest.fixture(scope="module")
def tenant() -> Iterator[SimulatedTenant]:
    config = SimulatorConfig(devices=10, pending_delay=0.0, execution_delay=0.0)
    with SimulatedTenant(config) as simulated:
        yield simulated


def environment(tenant: SimulatedTenant, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("C8Y_", "XDG_"))}
    env.update(
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        HOME=str(home),
        C8Y_BASEURL=tenant.url,
        C8Y_USER=ADMIN_USER,
        C8Y_PASSWORD=ADMIN_PASSWORD,
    )
    for name in ("config", "state", "cache"):
        env[f"XDG_{name.upper()}_HOME"] = str(home / name)
    return env


def run_line(line: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["/bin/sh", "-c", line],
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        start_new_session=True,  # no controlling terminal: a script
    )


@pytest.mark.parametrize("line", RUN)
def test_example_runs_against_the_simulated_tenant(
    line: str, tenant: SimulatedTenant, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    (home / ".config" / "fish" / "completions").mkdir(parents=True)
    (tmp_path / "commands.txt").write_text("help\n.send help\n", encoding="utf-8")
    (tmp_path / "device-commands.txt").write_text("read /3/0/9\ncread /3/0/0 /6/0/0\n", "utf-8")
    if "--completions zsh" in line or "--completions bash" in line:
        line = re.sub(r'^eval "\$\((.*)\)"$', r"\1 > /dev/null", line)  # sh is not zsh
    result = run_line(line, environment(tenant, home), tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1), (line, result.returncode, result.stderr[-2000:])
    if "--completions fish" in line:
        written = home / ".config" / "fish" / "completions" / "lwm2m-shell.fish"
        assert "complete -c lwm2m-shell" in written.read_text(encoding="utf-8")


def test_eval_of_the_bash_completion_works(tmp_path: Path) -> None:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    line = next(line for line in ALL_LINES if "--completions bash" in line)
    result = subprocess.run(
        ["bash", "-c", f"{line} && complete -p lwm2m-shell"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,
    )
    assert result.returncode == 0, result.stderr
    assert "lwm2m-shell" in result.stdout


@pytest.mark.parametrize("line", prompt_lines())
def test_lines_shown_at_the_prompt_run(line: str, tenant: SimulatedTenant, tmp_path: Path) -> None:
    assert not isinstance(parse(line), ParseError), line
    result = run_line(
        f"lwm2m-shell -c {shlex.quote(line)}", environment(tenant, tmp_path), tmp_path
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1), (line, result.returncode, result.stderr[-2000:])


def test_the_config_file_example_loads(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(toml_example(), encoding="utf-8")
    path.chmod(0o600)
    default = resolve(cli.build_parser().parse_args([]), {}, config_file=path)
    assert (default.profile, default.url, default.user) == (
        "prod",
        "https://example.cumulocity.com",
        "alice",
    )
    sim = resolve(cli.build_parser().parse_args(["--profile", "sim"]), {}, config_file=path)
    assert sim.url == "http://127.0.0.1:8111" and sim.password is not None
