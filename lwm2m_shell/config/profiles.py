"""Profiles: named tenants in ``$XDG_CONFIG_HOME/lwm2m-shell/config.toml``.

    default = "prod"            # the profile used when --profile is not given

    [profiles.prod]
    url = "https://example.cumulocity.com"
    tenant = "t12345"
    user = "alice"

The file is validated as a whole against ``profile_schema`` (unknown keys and wrong types are
errors, reported with the file, line and key); a file holding a password or token must be private
to its owner. How the values combine with flags and the environment is ``resolve``'s business.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

from .toml_lines import locate, where

if TYPE_CHECKING:
    from .profile_schema import ConfigFile, Profile

CONFIG_NAME = "config.toml"
MAX_CONFIG_BYTES = 1024 * 1024


class ConfigFileError(Exception):
    """The config file cannot be used; the message names the file (and line or key)."""


@dataclass(frozen=True)
class ChosenProfile:
    name: str
    profile: Profile
    path: Path


def config_path() -> Path:
    from .paths import config_dir

    return config_dir() / CONFIG_NAME


def _read_text(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            _require_trusted(path, os.fstat(handle.fileno()))
            raw = handle.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ConfigFileError(f"{path}: cannot read: {error.strerror or error}") from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigFileError(f"{path}: larger than 1 MiB, surely not a config file")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigFileError(f"{path}: not valid UTF-8") from None


def _parse(text: str, path: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = tomllib.loads(text)
        return data
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"\s*\(at line (\d+), column (\d+)\)", message)
        if found:
            what = message[: found.start()] or "invalid TOML"
            raise ConfigFileError(
                f"{path}, line {found.group(1)}: invalid TOML: {what} (column {found.group(2)})"
            ) from None
        raise ConfigFileError(f"{path}: invalid TOML: {message}") from None
    except RecursionError:
        raise ConfigFileError(f"{path}: invalid TOML: nested too deeply") from None


def read_config(path: Path | None = None) -> dict[str, Any]:
    """The parsed (not validated) config file, or an empty dict when there is none."""
    path = path or config_path()
    text = _read_text(path)
    return {} if text is None else _parse(text, path)


def profile_names(path: Path | None = None) -> list[str]:
    """Names of the profiles in the config file (empty when there is none or it is broken)."""
    try:
        data = read_config(path)
    except ConfigFileError:
        return []
    profiles = data.get("profiles")
    return sorted(profiles) if isinstance(profiles, dict) else []


def load_config(path: Path | None = None) -> ConfigFile | None:
    """The validated config file (None when there is none); ConfigFileError when unusable."""
    path = path or config_path()
    text = _read_text(path)
    if text is None:
        return None  # decided before importing the schema (pydantic): no file, no cost
    from pydantic import ValidationError

    from .profile_schema import ConfigFile, describe

    try:
        config = ConfigFile.model_validate(_parse(text, path))
    except ValidationError as error:
        raise ConfigFileError(describe(error, text, path)) from None
    if any(profile.has_secret for profile in config.profiles.values()):
        _require_private(path)
    return config


def load_profile(name: str | None, path: Path | None = None) -> ChosenProfile | None:
    """The profile ``name`` (``--profile``), else the file's ``default``, else None."""
    path = path or config_path()
    config = load_config(path)
    if config is None:
        if name:
            raise ConfigFileError(f"no profile {name!r}: {path} does not exist")
        return None
    wanted = name or config.default
    if wanted is None:
        return None
    if wanted not in config.profiles:
        known = ", ".join(sorted(config.profiles)) or "none"
        if name:
            raise ConfigFileError(f"no profile {name!r} in {path} (known: {known})")
        text = _read_text(path) or ""
        place = where(path, locate(text, ("default",)))
        raise ConfigFileError(f"{place}: default: no profile {wanted!r} (known: {known})")
    return ChosenProfile(wanted, config.profiles[wanted], path)


def _require_trusted(path: Path, info: os.stat_result) -> None:
    """A config file (or its folder) that another user owns or anyone may write to could point
    the shell, and the password typed for it, at any host: refused. A symlink is followed (dotfile
    managers link config files); the file it reaches is what is checked."""
    if os.name != "posix":  # pragma: no cover - no owners or modes to check
        return
    folder = os.stat(path.parent)
    for what, place, stat_info in (("it", path, info), ("its folder", path.parent, folder)):
        if stat_info.st_uid not in (os.geteuid(), 0):
            raise ConfigFileError(
                f"refusing to use {path}: {what} belongs to another user (uid {stat_info.st_uid})"
            )
        sticky = stat.S_ISDIR(stat_info.st_mode) and stat_info.st_mode & stat.S_ISVTX
        if stat_info.st_mode & 0o002 and not sticky:
            raise ConfigFileError(
                f"refusing to use {path}: anyone may write to {what} "
                f"(mode {stat_info.st_mode & 0o777:04o}; chmod o-w {place})"
            )


def _require_private(path: Path) -> None:
    from .secret import loose_secret_file

    problem = loose_secret_file(path)
    if problem is not None:
        raise ConfigFileError(problem)
