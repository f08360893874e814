"""Profiles: named tenants in ``$XDG_CONFIG_HOME/lwm2m-shell/config.toml``.

    default = "prod"            # the profile used when --profile is not given

    [profiles.prod]
    url = "https://example.cumulocity.com"
    tenant = "t12345"
    user = "alice"

This module only reads the file; what the keys mean and how they combine with flags and the
environment is ``config.py``'s business.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

CONFIG_NAME = "config.toml"


class ConfigFileError(Exception):
    """The config file cannot be used; the message names the file (and line or key)."""


def config_path() -> Path:
    from .paths import config_dir

    return config_dir() / CONFIG_NAME


def read_config(path: Path | None = None) -> dict[str, Any]:
    """The parsed config file, or an empty dict when there is none."""
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise ConfigFileError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        data: dict[str, Any] = tomllib.loads(raw.decode("utf-8"))
        return data
    except UnicodeDecodeError:
        raise ConfigFileError(f"{path}: not valid UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigFileError(f"{path}: {error}") from None


def profile_names(path: Path | None = None) -> list[str]:
    """Names of the profiles in the config file (empty when there is none or it is broken)."""
    try:
        data = read_config(path)
    except ConfigFileError:
        return []
    profiles = data.get("profiles")
    return sorted(profiles) if isinstance(profiles, dict) else []
