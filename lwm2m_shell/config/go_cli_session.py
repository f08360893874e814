"""go-c8y-cli session files (``--session FILE`` or ``C8Y_SESSION``): one tenant as JSON.

    {"host": "https://example.cumulocity.com", "tenant": "t12345", "username": "alice",
     "password": "...", "token": "...", ...}

Only ``host``, ``tenant``, ``username``, ``password`` and ``token`` are read; other keys are left
alone. go-c8y-cli can encrypt secrets (values starting with ``{encrypted}``); those are never
guessed at: they are reported in ``encrypted`` and the caller asks for the password instead.
A file holding a password or token in clear follows the rule of ``config.toml``: private to its
owner (``chmod 600``) or refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, SecretStr, ValidationError, field_validator

from .secret import loose_secret_file

ENCRYPTED_MARK = "{encrypted}"
MAX_SESSION_BYTES = 1024 * 1024


class SessionFileError(Exception):
    """The session file cannot be used; the message names the file."""


class _SessionJson(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    host: str | None = None
    tenant: str | None = None
    username: str | None = None
    password: str | None = None
    token: str | None = None

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_missing(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value


@dataclass(frozen=True)
class SessionFile:
    path: Path
    host: str | None = None
    tenant: str | None = None
    username: str | None = None
    password: SecretStr | None = None
    token: SecretStr | None = None
    encrypted: tuple[str, ...] = field(default=())  # "password", "token": present but encrypted


def read_session_file(path: Path) -> SessionFile:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SessionFileError(f"session file {path} does not exist") from None
    except OSError as error:
        raise SessionFileError(f"session file {path}: cannot read: {error.strerror}") from None
    if len(raw) > MAX_SESSION_BYTES:
        raise SessionFileError(f"session file {path}: larger than 1 MiB, not a session file")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise SessionFileError(f"session file {path}: not valid JSON") from None
    except RecursionError:  # 100,000 nested "[" are not a session file either
        raise SessionFileError(f"session file {path}: not valid JSON (nested too deeply)") from None
    if not isinstance(data, dict):
        raise SessionFileError(f"session file {path}: expected a JSON object")
    try:
        parsed = _SessionJson.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(part) for part in first.get("loc", ())) or "(top level)"
        raise SessionFileError(
            f"session file {path}: {key}: {str(first.get('msg', 'invalid')).lower()}"
        ) from None
    encrypted: list[str] = []
    secrets: dict[str, SecretStr | None] = {}
    for name in ("password", "token"):
        value: str | None = getattr(parsed, name)
        if value is not None and value.startswith(ENCRYPTED_MARK):
            encrypted.append(name)
            value = None
        secrets[name] = SecretStr(value) if value is not None else None
    if secrets["password"] is not None or secrets["token"] is not None:
        problem = loose_secret_file(path)  # the same rule as for config.toml
        if problem is not None:
            raise SessionFileError(f"session file {problem}")
    return SessionFile(
        path=path,
        host=parsed.host,
        tenant=parsed.tenant,
        username=parsed.username,
        password=secrets["password"],
        token=secrets["token"],
        encrypted=tuple(encrypted),
    )
