"""man/lwm2m-shell.1 renders cleanly and documents every option, command and exit code."""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from lwm2m_shell.cli import build_parser
from lwm2m_shell.docgen.manpage import OPTION_NOTES
from lwm2m_shell.docgen.options import cli_options
from lwm2m_shell.exit_codes import EXIT_CODE_HELP, ExitCode
from lwm2m_shell.language import ALL_COMMANDS, CONNECTOR_COMMANDS, LOCAL_COMMANDS

from .shells import REPO, require

PAGE = REPO / "man" / "lwm2m-shell.1"
SECTIONS = (
    "NAME",
    "SYNOPSIS",
    "DESCRIPTION",
    "OPTIONS",
    "COMMANDS",
    "LOCAL COMMANDS",
    "ENVIRONMENT",
    "FILES",
    "EXIT STATUS",
    "EXAMPLES",
    "SEE ALSO",
)
# Typographic dashes groff may print for "-" and "\-", folded back to ASCII.
DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2212": "-"})


@pytest.fixture(scope="module")
def rendered() -> str:
    """The page as ``man -l`` shows it, wide enough that no line is broken inside a word."""
    require("man")
    env = {**os.environ, "MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "200", "LC_ALL": "C.UTF-8"}
    done = subprocess.run(
        ["man", "-l", str(PAGE)], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout.translate(DASHES)


def sections(text: str) -> dict[str, str]:
    """Rendered section bodies by heading (headings are the unindented lines)."""
    found: dict[str, list[str]] = {}
    current: list[str] = []
    for line in text.splitlines():
        if line and not line[0].isspace() and not line.startswith("LWM2M-SHELL(1)"):
            current = found.setdefault(line.strip(), [])
        else:
            current.append(line)
    return {name: "\n".join(lines) for name, lines in found.items()}


def test_groff_renders_the_page_without_a_warning() -> None:
    require("groff")
    done = subprocess.run(
        ["groff", "-man", "-Tutf8", "-ww", "-z", str(PAGE)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, "")


def test_the_page_has_every_section_in_order(rendered: str) -> None:
    headings = [name for name in sections(rendered) if name in SECTIONS]
    assert headings == list(SECTIONS)


def test_every_option_of_help_is_documented(rendered: str) -> None:
    options = " ".join(sections(rendered)["OPTIONS"].split())
    for option in cli_options(build_parser()):
        for spelling in option.spellings:
            assert re.search(rf"(?<![\w-]){re.escape(spelling)}(?![\w-])", options), spelling
        assert " ".join(option.help.split())[1:] in options, option.help


def test_every_command_of_the_catalogue_is_documented(rendered: str) -> None:
    parts = sections(rendered)
    for title, specs in (("COMMANDS", CONNECTOR_COMMANDS), ("LOCAL COMMANDS", LOCAL_COMMANDS)):
        for spec in specs:
            assert re.search(rf"^ +{re.escape(spec.usage)}(  |$)", parts[title], re.M), spec.usage
            for alias in spec.aliases:
                assert alias in parts[title]
    assert {spec.name for spec in ALL_COMMANDS} <= {
        spec.name for spec in CONNECTOR_COMMANDS + LOCAL_COMMANDS
    }


def test_every_exit_code_is_documented(rendered: str) -> None:
    status = sections(rendered)["EXIT STATUS"]
    for code in ExitCode:
        meaning = EXIT_CODE_HELP[code]
        assert re.search(rf"^ +{int(code)}\s+\w{re.escape(meaning[1:])}", status, re.M), code


def test_every_variable_the_code_reads_is_documented(rendered: str) -> None:
    environment = sections(rendered)["ENVIRONMENT"]
    package = REPO / "lwm2m_shell"
    sources = [p for p in package.rglob("*.py") if "simulator" not in p.relative_to(package).parts]
    pattern = re.compile(r"\b(C8Y_[A-Z_]+|XDG_[A-Z]+_HOME|NO_COLOR)\b")
    named = {name for path in sources for name in pattern.findall(path.read_text("utf-8"))}
    assert named, "no environment variable found in the sources: the pattern is wrong"
    missing = sorted(name for name in named if name not in environment)
    assert missing == []


def test_every_option_the_page_mentions_exists() -> None:
    """Prose (notes, examples, descriptions) names no option that is gone or misspelt."""
    lines = PAGE.read_text(encoding="utf-8").splitlines()
    page = "\n".join(line for line in lines if not line.startswith('.\\"')).replace("\\-", "-")
    mentioned = set(re.findall(r"(?<![\w-])--?[A-Za-z][\w-]*", page))
    known = {s for option in cli_options(build_parser()) for s in option.spellings}
    known |= {s for spec in ALL_COMMANDS for flag in spec.flags for s in flag.spellings}
    assert sorted(mentioned - known) == []


def test_option_notes_belong_to_real_options() -> None:
    known = {s for option in cli_options(build_parser()) for s in option.spellings}
    assert set(OPTION_NOTES) <= known
