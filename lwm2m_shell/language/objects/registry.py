"""The object model in use: the core definitions, loaded on first use, plus the user's own.

The core definitions come from ``core_objects.json`` (generated, committed). Users add or
replace objects with OMA XML files in a directory the caller names (lwm2m-shell passes
``lwm2m-shell/objects`` below the XDG data home); a file that cannot be used becomes one
warning line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .definitions import ObjectDef, ResourceDef
from .oma_xml import ObjectFileError, parse_object_xml

CORE_DATA = Path(__file__).with_name("core_objects.json")
MAX_USER_FILE_BYTES = 2_000_000

_core: ObjectModel | None = None


@dataclass(frozen=True)
class ObjectModel:
    """Object definitions by ID, and the warnings met while loading them."""

    objects: Mapping[int, ObjectDef]
    warnings: tuple[str, ...] = ()
    notices: tuple[str, ...] = field(default=(), repr=False)

    def get(self, object_id: int) -> ObjectDef | None:
        return self.objects.get(object_id)

    def resource(self, object_id: int, resource_id: int) -> ResourceDef | None:
        definition = self.objects.get(object_id)
        return definition.resource(resource_id) if definition else None

    def __iter__(self) -> Iterator[ObjectDef]:
        return iter(sorted(self.objects.values(), key=lambda definition: definition.id))

    def __len__(self) -> int:
        return len(self.objects)

    def path_name(self, ids: tuple[int, ...]) -> str | None:
        """A name for a path, for showing next to it in results: ``Device`` for ``/3``,
        ``Device 0`` for ``/3/0``, ``Battery Level`` for ``/3/0/9`` (and ``/3/0/9/1``); None
        when the model does not know it."""
        definition = self.objects.get(ids[0]) if ids else None
        if definition is None:
            return None
        if len(ids) == 1:
            return definition.name
        if len(ids) == 2:
            return f"{definition.name} {ids[1]}"
        resource = definition.resource(ids[2])
        return resource.name if resource else None

    def merged(self, extra: list[ObjectDef], warnings: tuple[str, ...] = ()) -> ObjectModel:
        """This model with ``extra`` added; an extra object replaces a core one of its ID."""
        objects = dict(self.objects)
        objects.update((definition.id, definition) for definition in extra)
        return ObjectModel(objects, self.warnings + warnings, self.notices)


def user_objects_dir(data_home: Path) -> Path:
    """Where users drop their OMA XML files, below the caller's XDG data home
    (by default ``~/.local/share``): ``lwm2m-shell/objects``."""
    return data_home / "lwm2m-shell" / "objects"


def core_loaded() -> bool:
    """Whether the core definitions have been read yet (they are read on first use only)."""
    return _core is not None


def core_model() -> ObjectModel:
    """The core definitions, read from the data file the first time they are asked for."""
    global _core
    if _core is None:
        _core = model_from_data(json.loads(CORE_DATA.read_text(encoding="utf-8")))
    return _core


def model_from_data(data: dict[str, Any]) -> ObjectModel:
    """An ``ObjectModel`` from the parsed data file."""
    fields = tuple(data["resource_fields"])
    objects: dict[int, ObjectDef] = {}
    for entry in data["objects"]:
        resources: dict[int, ResourceDef] = {}
        for row in entry["resources"]:
            resource = ResourceDef(**dict(zip(fields, row, strict=True)))
            resources[resource.id] = resource
        objects[entry["id"]] = ObjectDef(
            id=entry["id"],
            name=entry["name"],
            multiple=entry["multiple"],
            mandatory=entry["mandatory"],
            resources=resources,
            source="core",
        )
    return ObjectModel(objects, (), tuple(data["notices"]))


def load_user_objects(directory: Path) -> tuple[list[ObjectDef], tuple[str, ...]]:
    """The definitions in ``directory/*.xml`` (sorted by file name) and one warning line per
    file that could not be used. A missing directory is not a problem: no user objects."""
    definitions: list[ObjectDef] = []
    warnings: list[str] = []
    try:
        paths = sorted(path for path in directory.glob("*.xml") if path.is_file())
    except OSError as error:
        return [], (f"object definitions in {directory} ignored: {error.strerror or error}",)
    for path in paths:
        try:
            if path.stat().st_size > MAX_USER_FILE_BYTES:
                raise ObjectFileError(f"larger than {MAX_USER_FILE_BYTES:,} bytes")
            definitions += parse_object_xml(path.read_bytes(), source=str(path))
        except ObjectFileError as error:
            warnings.append(f"object definition {path} ignored: {error}")
        except OSError as error:
            warnings.append(f"object definition {path} ignored: {error.strerror or error}")
    return definitions, tuple(warnings)


def load_object_model(user_dir: Path | None = None) -> ObjectModel:
    """The core model with the user's definitions from ``user_dir`` merged over it."""
    core = core_model()
    if user_dir is None:
        return core
    extra, warnings = load_user_objects(user_dir)
    return core.merged(extra, warnings)
