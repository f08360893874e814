"""An internal error (a bug of lwm2m-shell) is one line and its own exit code, 70 (EX_SOFTWARE),
never 1 (which means "a command ended FAILED on the tenant") and never a traceback.

A bug is the one thing no real part of the program can be made to produce on purpose, so the
run mode is replaced by one that raises.
"""

from __future__ import annotations

import argparse

import pytest

from lwm2m_shell import app, cli
from lwm2m_shell.connection.session import TenantSession
from lwm2m_shell.exit_codes import EXIT_CODE_HELP, ExitCode


def test_an_internal_error_exits_70_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(args: argparse.Namespace, session: TenantSession) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr(app, "run_mode", broken)
    monkeypatch.delenv("C8Y_SESSION", raising=False)
    code = cli.main(["--url", "https://a.example.com", "--user", "u", "-c", "help"])
    assert code == ExitCode.INTERNAL == 70
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        "error: internal error: RuntimeError: a bug (run with -v for details)"
    ]
    assert "Traceback" not in err


def test_exit_code_70_is_documented() -> None:
    assert "internal error" in EXIT_CODE_HELP[ExitCode.INTERNAL]
    assert "  70  internal error" in cli.EPILOG
