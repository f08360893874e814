"""The schema of ``config.toml`` (pydantic, strict, unknown keys refused) and its error messages.

Kept apart from ``profiles`` so that listing profile names (for shell completion) never loads
pydantic.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from .limits import MAX_REQUEST_TIMEOUT, MAX_WAIT_TIMEOUT, header_problem
from .tenant_url import USERINFO_HINT, has_userinfo
from .toml_lines import locate, where


class Profile(BaseModel):
    """One ``[profiles.NAME]`` table; None means "not set here"."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    url: str | None = None
    tenant: str | None = None
    user: str | None = None
    connector_id: str | None = None
    endpoint_types: list[str] | None = Field(default=None, min_length=1)
    auth: Literal["auto", "basic", "oauth", "token"] | None = None
    password: SecretStr | None = None
    token: SecretStr | None = None
    request_timeout: float | None = Field(
        default=None, gt=0, le=MAX_REQUEST_TIMEOUT, allow_inf_nan=False
    )
    wait_timeout: float | None = Field(default=None, gt=0, le=MAX_WAIT_TIMEOUT, allow_inf_nan=False)
    confirm_tenant_wide: bool | None = None
    color: bool | None = None
    app_key: str | None = None
    ca_bundle: str | None = None
    announce_others: bool | None = None
    lookup_workers: int | None = Field(default=None, ge=1, le=50)
    lookup_rate: float | None = Field(default=None, ge=0)
    endpoint_name_patterns: list[str] | None = None

    @field_validator("endpoint_name_patterns")
    @classmethod
    def _patterns(cls, value: list[str] | None) -> list[str] | None:
        """Each pattern must be a regular expression (checked here, not on first use)."""
        for pattern in value or ():
            try:
                re.compile(pattern)
            except re.error as error:
                raise ValueError(f"{pattern!r} is not a regular expression ({error})") from None
        return value

    @field_validator("connector_id", mode="before")
    @classmethod
    def _id_as_text(cls, value: Any) -> Any:
        """``connector_id = 12345`` is as good as ``"12345"``."""
        value = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
        if isinstance(value, str) and not (value.isascii() and value.isdigit()):
            raise ValueError("a managed object ID is digits only")
        return value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not value.strip():
            raise ValueError("the URL is empty")
        if "://" in value and value.split("://", 1)[0].lower() not in ("http", "https"):
            raise ValueError("the URL must start with https:// (or have no scheme)")
        if has_userinfo(value):
            raise ValueError(USERINFO_HINT)
        return value

    @field_validator("app_key")
    @classmethod
    def _header_value(cls, value: str | None) -> str | None:
        problem = None if value is None else header_problem(value)
        if problem is not None:
            raise ValueError(problem)
        return value

    @property
    def has_secret(self) -> bool:
        return self.password is not None or self.token is not None


class ConfigFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    default: str | None = None
    profiles: dict[str, Profile] = Field(default_factory=dict)


def describe(error: ValidationError, text: str, path: Path) -> str:
    """One line for the first problem: file, line, dotted key and what is wrong."""
    problems = error.errors()
    first = problems[0]
    loc = tuple(first.get("loc", ()))
    key = ".".join(str(part) for part in loc if not isinstance(part, int)) or "(top level)"
    message = _message(first, loc)
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"{where(path, locate(text, loc))}: {key}: {message}{more}"


def _message(problem: Any, loc: tuple[Any, ...]) -> str:
    kind = problem.get("type", "")
    if kind == "extra_forbidden":
        in_profile = len(loc) == 3 and loc[0] == "profiles"
        known = list(Profile.model_fields if in_profile else ConfigFile.model_fields)
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(known)}"
        return f"unknown key ({hint})"
    if kind == "value_error":
        return str(problem.get("ctx", {}).get("error", problem.get("msg", "invalid")))
    text = str(problem.get("msg", "invalid value"))
    return text[:1].lower() + text[1:]
