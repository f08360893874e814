"""The packaging options of the real ``lwm2m-shell`` executable: --version, --completions and
the hidden --list-profiles the completion scripts call."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lwm2m_shell import __version__
from lwm2m_shell.cli import build_parser
from lwm2m_shell.docgen.completions import SCRIPT_NAMES, SHELLS
from lwm2m_shell.output.logs import DEFAULT_LOG_MARK

from .shells import COMPLETIONS, PROFILES, child_env, program

HEAVY = ("prompt_toolkit", "httpx", "pydantic", "pygments")


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(program()), *args], capture_output=True, text=True, env=env, timeout=60
    )


def test_version_prints_the_package_version(tmp_path: Path) -> None:
    done = run(["--version"], child_env(tmp_path))
    assert done.returncode == 0
    assert done.stdout.strip() == f"lwm2m-shell {__version__}"


@pytest.mark.parametrize("shell", SHELLS)
def test_completions_prints_the_committed_script(shell: str, tmp_path: Path) -> None:
    done = run(["--completions", shell], child_env(tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout == (COMPLETIONS / SCRIPT_NAMES[shell]).read_text(encoding="utf-8")


def test_completions_for_an_unknown_shell_is_a_usage_error(tmp_path: Path) -> None:
    done = run(["--completions", "tcsh"], child_env(tmp_path))
    assert done.returncode == 2
    assert "invalid choice" in done.stderr and "Traceback" not in done.stderr


def test_list_profiles_prints_the_profile_names(tmp_path: Path) -> None:
    done = run(["--list-profiles"], child_env(tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == sorted(PROFILES)


def test_list_profiles_is_quiet_without_a_usable_config(tmp_path: Path) -> None:
    env = child_env(tmp_path)
    config = Path(env["XDG_CONFIG_HOME"]) / "lwm2m-shell" / "config.toml"
    config.write_text("[profiles.prod\nbroken", encoding="utf-8")
    broken = run(["--list-profiles"], env)
    config.unlink()
    missing = run(["--list-profiles"], env)
    for done in (broken, missing):
        assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def loaded_after(args: list[str], env: dict[str, str]) -> list[str]:
    """The heavy libraries loaded once ``main(args)`` has answered (its code must be 0)."""
    script = (
        "import contextlib, io, sys\n"
        "from lwm2m_shell.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main({args!r}) == 0\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", "import json\n" + script],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return [name for name in json.loads(done.stdout) if name in HEAVY]


def test_list_profiles_loads_no_heavy_library(tmp_path: Path) -> None:
    assert loaded_after(["--list-profiles"], child_env(tmp_path)) == []


def test_completions_load_no_ui_or_network_library(tmp_path: Path) -> None:
    # pydantic comes with the command catalogue (lwm2m_shell.language), so it is allowed here.
    loaded = loaded_after(["--completions", "bash"], child_env(tmp_path))
    assert [name for name in loaded if name != "pydantic"] == []


def test_a_bare_log_file_means_the_default_log() -> None:
    assert build_parser().parse_args(["--log-file"]).log_file == DEFAULT_LOG_MARK
    assert build_parser().parse_args(["--log-file", "x.log"]).log_file == "x.log"


def test_the_command_line_module_does_not_load_logging(tmp_path: Path) -> None:
    """Why cli.py keeps its own copy of DEFAULT_LOG_MARK: importing output.logs would."""
    script = "import sys, lwm2m_shell.cli\nprint('logging' in sys.modules)\n"
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=child_env(tmp_path),
        timeout=60,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "False"), done.stderr
