"""A password or token that never shows itself: not in ``repr``, ``str``, logs or tracebacks;
and the one rule for files that hold one (``loose_secret_file``).

Plain Python (no pydantic), so the settings can hold secrets without slowing the start-up.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

MASK = "**********"


class HasSecret(Protocol):
    """Anything holding a secret the same way (ours, or pydantic's ``SecretStr``)."""

    def get_secret_value(self) -> str: ...


class Secret:
    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    @classmethod
    def of(cls, value: HasSecret | str | None) -> Secret | None:
        """A ``Secret`` from text, from another secret holder, or None (an empty text is None)."""
        if value is None:
            return None
        text = value if isinstance(value, str) else value.get_secret_value()
        return cls(text) if text else None

    def get_secret_value(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return f"Secret('{MASK}')"

    def __str__(self) -> str:
        return MASK

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __bool__(self) -> bool:
        return bool(self._value)


PRIVATE_MASK = 0o077  # a file holding a secret: no access at all for group and others


def loose_secret_file(path: Path) -> str | None:
    """The one rule for every file that holds a password or token (config file, session file):
    nobody but its owner may have any access to it. A one-line reason, or None when it is fine.
    """
    if os.name != "posix":  # pragma: no cover - no POSIX modes to check
        return None
    try:
        mode = os.stat(path).st_mode & 0o777
    except OSError:
        return None  # it was readable a moment ago; reading it again reports any problem
    if mode & PRIVATE_MASK:
        return (
            f"{path} holds a password or token but other users may read it "
            f"(mode {mode:04o}): run `chmod 600 {path}`"
        )
    return None
