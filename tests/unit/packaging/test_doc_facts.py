"""The facts written once in ``lwm2m_shell.docgen.facts`` say the same in the README, the man page
and ``--help``, and their numbers are the program's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lwm2m_shell import cli
from lwm2m_shell.commands.listings import MAX_ROWS
from lwm2m_shell.config.limits import MAX_DEMO_DEVICES, MAX_REQUEST_TIMEOUT, MAX_WAIT_TIMEOUT
from lwm2m_shell.config.profiles import MAX_CONFIG_BYTES
from lwm2m_shell.docgen import facts as doc_facts
from lwm2m_shell.docgen import manpage
from lwm2m_shell.exit_codes import EXIT_CODE_HELP, ExitCode
from lwm2m_shell.language.validate import MAX_LINE_LENGTH
from lwm2m_shell.modes.batch import MAX_INPUT
from lwm2m_shell.outcome import Outcome

ROOT = Path(__file__).resolve().parents[3]
README = (ROOT / "README.md").read_text(encoding="utf-8")
MAN_PAGE = (ROOT / "man" / "lwm2m-shell.1").read_text(encoding="utf-8")


def flat(text: str) -> str:
    """Text as read: Markdown backticks and roff escapes dropped, whitespace collapsed."""
    text = text.replace("`", "")
    text = text.replace("\\-", "-").replace("\\&", "").replace("\\e", "\\")
    text = re.sub(r"\\f[BIR]", "", text)
    return " ".join(text.split())


def test_the_precedence_text_is_the_same_in_readme_man_page_and_help() -> None:
    wanted = flat(doc_facts.PRECEDENCE)
    assert wanted in flat(README)
    assert wanted in flat(MAN_PAGE)
    assert wanted in flat(cli.build_parser().format_help())


def test_no_other_precedence_order_is_left_in_the_readme() -> None:
    assert "Where a value comes from" not in README
    assert "the session file of `C8Y_SESSION`; the profile" not in README


def test_the_man_page_file_is_generated_from_the_facts() -> None:
    assert manpage.render(cli.build_parser()) == MAN_PAGE


@pytest.mark.parametrize(("what", "limit"), doc_facts.LIMITS)
def test_each_limit_is_in_readme_and_man_page(what: str, limit: str) -> None:
    row = f"| {what} | {limit} |"
    assert flat(row) in flat(README)
    assert flat(what) in flat(MAN_PAGE) and flat(limit) in flat(MAN_PAGE)


def test_the_documented_limits_are_the_programs() -> None:
    documented = dict(doc_facts.LIMITS)
    assert f"{MAX_LINE_LENGTH:,} characters" in documented["a command line"]
    assert MAX_INPUT == 10 * 1024 * 1024
    assert "10 MiB" in documented["a command file (-f, or standard input)"]
    assert MAX_CONFIG_BYTES == 1024 * 1024 and "1 MiB" in documented["the config file"]
    assert documented["rows listed by .devices and .endpoints"].startswith(f"{MAX_ROWS} ")
    assert f"{int(MAX_WAIT_TIMEOUT):,} s" in documented["--timeout, wait_timeout"]
    assert documented["--request-timeout, request_timeout"] == f"{int(MAX_REQUEST_TIMEOUT):,} s"
    assert documented["--demo-devices"] == f"{MAX_DEMO_DEVICES:,}"


@pytest.mark.parametrize(("status", "meaning"), doc_facts.JSON_STATUSES)
def test_each_json_status_is_in_readme_and_man_page(status: str, meaning: str) -> None:
    for name in status.split(", "):
        assert f"`{name}`" in README
        assert name in flat(MAN_PAGE)
    assert meaning in README and flat(meaning) in flat(MAN_PAGE)


def test_every_status_the_program_gives_is_documented() -> None:
    documented = {name for status, _ in doc_facts.JSON_STATUSES for name in status.split(", ")}
    given = {
        Outcome(line="x").status,
        Outcome(line="x", local=True).status,
        Outcome(line="x", exit_code=ExitCode.USAGE).status,
        Outcome(line="x", exit_code=ExitCode.CONNECTION).status,
        Outcome(line="x", exit_code=ExitCode.INTERNAL).status,
        "NOT_RUN",  # status_override of the lines a run never reached
    }
    assert given <= documented


@pytest.mark.parametrize("code", list(ExitCode))
def test_each_exit_code_is_in_readme_man_page_and_help(code: ExitCode) -> None:
    assert re.search(rf"^\| {int(code)} \| ", README, re.MULTILINE), int(code)
    assert flat(EXIT_CODE_HELP[code]).lower() in flat(MAN_PAGE).lower()
    assert re.search(rf"^  {int(code)} +{re.escape(EXIT_CODE_HELP[code])}$", cli.EPILOG, re.M)


@pytest.mark.parametrize("rule", doc_facts.RULES)
def test_each_rule_is_in_the_man_page(rule: str) -> None:
    assert flat(rule) in flat(MAN_PAGE)


def test_the_readme_states_the_rules_too() -> None:
    text = flat(README)
    assert "-c and -f cannot be combined" in text
    assert "refused as a whole (any group or other permission bit)" in text
    assert "HTTPS_PROXY" in text and "SSL_CERT_FILE" in text
    assert "adds your CAs to the default trust store" in text
    assert "A missing password in a script is exit code 2" in text
    assert "needs a TFA code is exit code 3" in text
