"""The LwM2M object model: which objects and resources exist, and what each allows.

Nothing is read when this package is imported; the core definitions are read on the first call
of ``core_model`` or ``load_object_model``.
"""

from __future__ import annotations

from .definitions import ObjectDef, ResourceDef
from .oma_xml import ObjectFileError, parse_object_xml
from .registry import (
    ObjectModel,
    core_loaded,
    core_model,
    load_object_model,
    load_user_objects,
    user_objects_dir,
)

__all__ = [
    "ObjectDef",
    "ObjectFileError",
    "ObjectModel",
    "ResourceDef",
    "core_loaded",
    "core_model",
    "load_object_model",
    "load_user_objects",
    "parse_object_xml",
    "user_objects_dir",
]
