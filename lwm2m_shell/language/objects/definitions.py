"""LWM2M object definitions as plain data: an object, its resources, and what they allow.

Built from the OMA registry's XML files (``oma_xml.py``) or from the compact committed data file
(``core_objects.json``, see ``loader.py``). Frozen dataclasses: one definition is shared by every
user of the model.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The resource types of the LwM2M 1.1 object schema (empty for executable resources).
RESOURCE_TYPES = (
    "String",
    "Integer",
    "Unsigned Integer",
    "Float",
    "Boolean",
    "Opaque",
    "Time",
    "Objlnk",
    "Corelnk",
    "",
)


@dataclass(frozen=True)
class ResourceDef:
    """One resource: ``operations`` is ``R``, ``W``, ``RW``, ``E`` or ``""`` (none)."""

    id: int
    name: str
    operations: str = ""
    multiple: bool = False
    mandatory: bool = False
    type: str = ""
    range: str = ""
    units: str = ""

    @property
    def readable(self) -> bool:
        return "R" in self.operations

    @property
    def writable(self) -> bool:
        return "W" in self.operations

    @property
    def executable(self) -> bool:
        return "E" in self.operations

    @property
    def label(self) -> str:
        """``Manufacturer  R String``: name, operations and type, for completion menus."""
        details = [self.operations or "-"]
        if self.type:
            details.append(self.type)
        if self.units:
            details.append(f"[{self.units}]")
        return f"{self.name}  {' '.join(details)}"


@dataclass(frozen=True)
class ObjectDef:
    """One object: its ID, name, whether it has several instances, and its resources by ID."""

    id: int
    name: str
    multiple: bool = False
    mandatory: bool = False
    resources: dict[int, ResourceDef] = field(default_factory=dict)
    source: str = ""  # where the definition came from: "core" or a file path

    def resource(self, resource_id: int) -> ResourceDef | None:
        return self.resources.get(resource_id)
