"""What a device's answer looks like on screen, and what it teaches completion.

The agent's answer stays the answer (``--output json`` carries it unchanged); on screen a JSON
answer is pretty-printed, and a value or JSON object keyed by LWM2M paths gets the resource's name
next to its path: ``/3/0/9 Battery Level: 87``. The object instances an answer or a successful
command shows (``/3303/1``) are what path completion offers on this device afterwards.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..language import Command, ObjectModel, load_object_model

_PATH = re.compile(r"^/(\d{1,5})(?:/(\d{1,5}))?(?:/(\d{1,5}))?(?:/(\d{1,5}))?$")
_INSTANCE_IN_TEXT = re.compile(r"(?<![\w/])/(\d{1,5})/(\d{1,5})(?![\d])")
_SINGLE_PATH = frozenset({"read", "observe"})
MAX_PRETTY = 200_000  # characters: a larger answer is shown as it came


class ObjectModelOnce:
    """The object model (core definitions and the user's), loaded on first use, once."""

    def __init__(self, user_dir: Path | None = None) -> None:
        self._user_dir = user_dir
        self._model: ObjectModel | None = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> ObjectModel | None:
        return self._model

    def get(self) -> ObjectModel:
        with self._lock:
            if self._model is None:
                self._model = load_object_model(self._user_dir)
            return self._model


def user_objects_home() -> Path:
    """Where users drop their own OMA object definitions: ``$XDG_DATA_HOME/lwm2m-shell/objects``
    (``~/.local/share/lwm2m-shell/objects`` by default)."""
    from xdg_base_dirs import xdg_data_home

    from ..language.objects import user_objects_dir

    return user_objects_dir(xdg_data_home())


def path_ids(text: str) -> tuple[int, ...] | None:
    found = _PATH.match(text)
    if found is None:
        return None
    return tuple(int(part) for part in found.groups() if part is not None)


def shown_result(command: Command, result: str | None, objects: ObjectModel) -> str | None:
    """The answer as shown on screen; None when it is best shown as it came."""
    if not result or len(result) > MAX_PRETTY:
        return None
    text = result.strip()
    paths = [token for token in command.tokens[1:] if path_ids(token) is not None]
    parsed = _json(text)
    if isinstance(parsed, dict) and parsed and _keyed_by_paths(parsed, paths):
        base = paths[0] if len(paths) == 1 and not parsed.keys() & {p for p in paths} else ""
        return "\n".join(
            line
            for key, value in parsed.items()
            for line in _named_lines(_join(base, key), value, objects)
        )
    if parsed is not None and isinstance(parsed, (dict, list)):
        return json.dumps(parsed, indent=2, ensure_ascii=False)
    one_resource = len(paths) == 1 and len(path_ids(paths[0]) or ()) >= 3
    if command.spec_name in _SINGLE_PATH and one_resource and "\n" not in text:
        return _named_line(paths[0], text, objects)
    return None


def _json(text: str) -> Any:
    if not text or text[0] not in "{[":
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _keyed_by_paths(parsed: dict[str, Any], paths: list[str]) -> bool:
    """Keys that are paths (``/3/0/9``), or resource/instance numbers below the one path."""
    keys = list(parsed)
    if all(path_ids(key) is not None for key in keys):
        return True
    return len(paths) == 1 and all(key.isdigit() and len(key) <= 5 for key in keys)


def _join(base: str, key: str) -> str:
    return f"{base.rstrip('/')}/{key}" if base else key


def _named_lines(path: str, value: Any, objects: ObjectModel) -> list[str]:
    """One line per resource: an object or instance read is opened down to its resources."""
    ids = path_ids(path) or ()
    nested = isinstance(value, dict) and value and all(_number(key) for key in value)
    if nested and 0 < len(ids) < 3:
        return [
            line
            for key, inner in value.items()
            for line in _named_lines(_join(path, key), inner, objects)
        ]
    return [_named_line(path, value, objects)]


def _number(key: object) -> bool:
    return isinstance(key, str) and key.isdigit() and len(key) <= 5


def _named_line(path: str, value: Any, objects: ObjectModel) -> str:
    ids = path_ids(path)
    name = objects.path_name(ids) if ids else None
    shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return f"{path} {name}: {shown}" if name else f"{path}: {shown}"


def instances_seen(command: Command, result: str | None, succeeded: bool) -> dict[int, set[int]]:
    """Object ID -> instance IDs that this command and its answer show to exist."""
    seen: dict[int, set[int]] = {}

    def add(pairs: Iterable[tuple[int, int]]) -> None:
        for object_id, instance in pairs:
            seen.setdefault(object_id, set()).add(instance)

    if succeeded and command.spec_name != "delete":
        for token in command.tokens[1:]:
            ids = path_ids(token)
            if ids and len(ids) >= 2:
                add([(ids[0], ids[1])])
    if not result or len(result) > MAX_PRETTY:
        return seen
    add((int(o), int(i)) for o, i in _INSTANCE_IN_TEXT.findall(result))
    parsed = _json(result.strip()) if succeeded else None
    objects_read = [ids for t in command.tokens[1:] if (ids := path_ids(t)) and len(ids) == 1]
    if isinstance(parsed, dict) and len(objects_read) == 1:  # read /3303: {"0": {...}, ...}
        add((objects_read[0][0], int(key)) for key in parsed if key.isdigit() and len(key) <= 5)
    return seen
