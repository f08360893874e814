"""Helpers for settings tests: parse real command lines, write config and session files."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from lwm2m_shell.cli import build_parser
from lwm2m_shell.config.resolve import resolve
from lwm2m_shell.config.settings import Settings


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    """Where the tests' config.toml lives (not created until a test writes it)."""
    return tmp_path / "config" / "config.toml"


@pytest.fixture
def write_config(config_file: Path) -> Callable[..., Path]:
    def write(text: str, mode: int = 0o600) -> Path:
        config_file.parent.mkdir(parents=True, exist_ok=True)
        config_file.write_text(text, encoding="utf-8")
        os.chmod(config_file, mode)
        return config_file

    return write


@pytest.fixture
def write_session(tmp_path: Path) -> Callable[..., Path]:
    def write(name: str = "session.json", mode: int = 0o600, **values: Any) -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(values), encoding="utf-8")
        os.chmod(path, mode)
        return path

    return write


Resolve = Callable[..., Settings]


@pytest.fixture
def settings(config_file: Path) -> Resolve:
    """``settings("--url", "x", env={...})``: parse the flags and resolve them."""

    def build(*argv: str, env: Mapping[str, str] | None = None) -> Settings:
        args = build_parser().parse_args(list(argv))
        return resolve(args, dict(env or {}), config_file=config_file)

    return build
