"""A password or token that never shows itself: not in ``repr``, ``str``, logs or tracebacks.

Plain Python (no pydantic), so the settings can hold secrets without slowing the start-up.
"""

from __future__ import annotations

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
