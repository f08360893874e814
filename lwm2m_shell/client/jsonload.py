"""Parsing JSON from outside (the tenant's answers, files others wrote) without ever crashing.

``json.loads`` raises RecursionError on deeply nested input (100,000 ``[``) and MemoryError on
absurd input; both would otherwise escape every ``except ValueError``. ``load_json`` turns every
way of failing into one ``JsonProblem`` (a ValueError) with a one-line reason.
"""

from __future__ import annotations

import json
from typing import Any


class JsonProblem(ValueError):
    """The text is not JSON we can use; ``str()`` is a one-line reason."""


def load_json(data: bytes | str) -> Any:
    """The parsed value of ``data``; JsonProblem when it is not valid, too deep or too large."""
    try:
        return json.loads(data)
    except RecursionError:
        raise JsonProblem("the JSON is nested too deeply") from None
    except MemoryError:
        raise JsonProblem("the JSON is too large to read") from None
    except UnicodeDecodeError:
        raise JsonProblem("the JSON is not valid UTF-8") from None
    except ValueError as error:
        raise JsonProblem(f"not valid JSON ({_where(error)})") from None


def _where(error: ValueError) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"line {error.lineno} column {error.colno}"
    return "unreadable"
