"""Drive the generated completion scripts in the real shells and collect the candidates offered.

bash: source the script, fill COMP_WORDS/COMP_CWORD/COMP_LINE/COMP_POINT, call the function that
``complete -p lwm2m-shell`` names, print COMPREPLY.
zsh: an interactive ``zsh -f`` in a pseudo-terminal with compinit; ``compadd`` is wrapped so that
every candidate it is given (after zsh's own prefix matching) is appended to a capture file;
a Tab completes the line, then a marker command proves that completion has finished.
fish: ``complete -C LINE`` after sourcing the script.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from types import TracebackType

import pytest

from lwm2m_shell.cli import build_parser
from lwm2m_shell.docgen.completions import SCRIPT_NAMES, render
from lwm2m_shell.docgen.options import cli_options

REPO = Path(__file__).resolve().parents[3]
COMPLETIONS = REPO / "completions"
PROFILES = ("prod", "staging", "my lab")
CONFIG = "".join(
    f'[profiles."{name}"]\nurl = "https://{n}.example"\n' for n, name in enumerate(PROFILES)
)


def require(shell: str) -> str:
    """The path of ``shell``, or skip the test saying it is missing."""
    found = shutil.which(shell)
    if found is None:
        pytest.skip(f"{shell} is not installed (.ci/run installs it: apt-get install {shell})")
    return found


def program() -> Path:
    """The installed ``lwm2m-shell`` executable (next to this Python, or on PATH)."""
    search = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    found = shutil.which("lwm2m-shell", path=search)
    assert found, "lwm2m-shell is not installed: pip install -e ."
    return Path(found)


def child_env(root: Path) -> dict[str, str]:
    """An environment with lwm2m-shell on PATH and XDG dirs under ``root`` holding 3 profiles."""
    config = root / "config"
    (config / "lwm2m-shell").mkdir(parents=True, exist_ok=True)
    (config / "lwm2m-shell" / "config.toml").write_text(CONFIG, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("XDG_", "C8Y_"))}
    env.update(
        PATH=os.pathsep.join([str(program().parent), env.get("PATH", "/usr/bin:/bin")]),
        HOME=str(root / "home"),
        XDG_CONFIG_HOME=str(config),
        XDG_STATE_HOME=str(root / "state"),
        XDG_CACHE_HOME=str(root / "cache"),
        XDG_DATA_HOME=str(root / "data"),
        TERM="dumb",
    )
    (root / "home").mkdir(exist_ok=True)
    return env


def long_options() -> set[str]:
    """Every long option spelling that ``--help`` shows."""
    options = cli_options(build_parser())
    return {
        spelling for option in options for spelling in option.spellings if spelling.startswith("--")
    }


def parser_with_profile() -> argparse.ArgumentParser:
    """``build_parser()``, with a ``--profile NAME`` option added if it has none yet."""
    parser = build_parser()
    if "--profile" not in parser._option_string_actions:
        parser.add_argument("--profile", metavar="NAME", help="use the profile NAME")
    return parser


def profile_script(shell: str, directory: Path) -> Path:
    """A script whose parser has ``--profile``: the committed one once cli.py has the option."""
    if "--profile" in build_parser()._option_string_actions:
        return COMPLETIONS / SCRIPT_NAMES[shell]
    path = directory / SCRIPT_NAMES[shell]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(shell, parser_with_profile()), encoding="utf-8")
    return path


# --- bash ---------------------------------------------------------------------------------------


def bash_candidates(script: Path, words: list[str], env: dict[str, str]) -> list[str]:
    """COMPREPLY for the command line ``words`` (the last one is being completed)."""
    line = " ".join(words)
    driver = f"""
source {shlex.quote(str(script))}
spec=$(complete -p lwm2m-shell) || exit 3
function=${{spec#*-F }}; function=${{function%% *}}
COMP_WORDS=({" ".join(shlex.quote(word) for word in words)})
COMP_CWORD={len(words) - 1}
COMP_LINE={shlex.quote(line)}
COMP_POINT={len(line)}
"$function" lwm2m-shell {shlex.quote(words[-1])} {shlex.quote(words[-2])}
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    done = subprocess.run(
        [require("bash"), "--norc", "--noprofile", "-c", driver],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    return [line for line in done.stdout.splitlines() if line]


FISH_DRIVER = "source $argv[1]; and complete -C $argv[2]"

# --- fish ---------------------------------------------------------------------------------------


def fish_candidates(script: Path, line: str, env: dict[str, str]) -> list[str]:
    """The candidates ``complete -C`` offers for ``line`` (descriptions dropped)."""
    done = subprocess.run(
        [require("fish"), "--no-config", "-c", FISH_DRIVER, str(script), line],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    return [entry.split("\t", 1)[0] for entry in done.stdout.splitlines() if entry]


# --- zsh ----------------------------------------------------------------------------------------

_ZSH_SETUP = r"""
PS1='%% '; unsetopt AUTO_LIST AUTO_MENU LIST_BEEP BEEP; LISTMAX=100000
autoload -Uz compinit; compinit -u -D
compadd() {
  if (( ${@[(I)-[OAD]*]} )); then builtin compadd "$@"; return; fi
  local -a __seen; builtin compadd -O __seen "$@"
  (( $#__seen )) && print -rl -- $__seen >> $__CAPTURE
  builtin compadd "$@"
}
"""


class ZshSession:
    """An interactive zsh with our completion loaded, from $fpath or by ``eval``."""

    def __init__(self, env: dict[str, str], capture: Path, fpath: Path | None = None) -> None:
        import pexpect

        self.capture = capture
        self.child = pexpect.spawn(
            require("zsh"),
            ["-f", "-i"],
            env={**env, "__CAPTURE": str(capture)},
            encoding="utf-8",
            dimensions=(50, 250),
            timeout=20,
        )
        setup = _ZSH_SETUP
        if fpath is not None:
            setup = f"fpath=({shlex.quote(str(fpath))} $fpath)\n" + setup
        else:
            setup += 'eval "$(lwm2m-shell --completions zsh)"\n'
        for command in setup.strip().splitlines():
            self.child.sendline(command)
        self._sync()

    def _sync(self) -> None:
        self.child.sendline("print SY''NC")  # the echo shows SY''NC, the output SYNC
        self.child.expect("\r\nSYNC")

    def candidates(self, line: str) -> list[str]:
        """What zsh offers when Tab is pressed at the end of ``line``."""
        self.capture.write_text("", encoding="utf-8")
        self.child.send(line + "\t")
        self.child.send("\x15")  # Ctrl-U: drop the line, whatever Tab made of it
        self._sync()
        return [entry for entry in self.capture.read_text(encoding="utf-8").splitlines() if entry]

    def __enter__(self) -> ZshSession:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.child.close(force=True)
