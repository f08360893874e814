"""Reading OMA LwM2M object definition files (the registry's XML schema) with the stdlib.

ElementTree never fetches or expands external entities; to be safe all the same, a file with a
DOCTYPE (where entities would be declared) is refused before it is parsed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .definitions import ObjectDef, ResourceDef

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_NOTICE = re.compile(r"<!--(.*?)-->", re.DOTALL)
_OPERATIONS = frozenset({"", "R", "W", "RW", "E"})


class ObjectFileError(ValueError):
    """A definition file that cannot be used; the message is one line."""


def parse_object_xml(data: bytes, source: str = "") -> list[ObjectDef]:
    """The objects defined in one OMA XML file (usually one)."""
    if _DOCTYPE.search(data):
        raise ObjectFileError("refused: the file declares a DOCTYPE or entities")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise ObjectFileError(f"not well-formed XML: {error}") from None
    objects = [_object(element, source) for element in root.iter("Object")]
    if not objects:
        raise ObjectFileError("no <Object> definition in the file")
    return objects


def leading_notice(text: str) -> str:
    """The first XML comment of a definition file (the licence notice), tidied: trailing spaces
    removed from each line, blank lines at both ends dropped."""
    found = _NOTICE.search(text)
    if found is None:
        return ""
    lines = [line.rstrip() for line in found.group(1).splitlines()]
    return "\n".join(lines).strip("\n")


def _object(element: ET.Element, source: str) -> ObjectDef:
    object_id = _number(_text(element, "ObjectID"), "ObjectID")
    name = _text(element, "Name") or f"Object {object_id}"
    resources: dict[int, ResourceDef] = {}
    container = element.find("Resources")
    for item in container.iter("Item") if container is not None else ():
        resource = _resource(item, object_id)
        resources[resource.id] = resource
    return ObjectDef(
        id=object_id,
        name=name,
        multiple=_text(element, "MultipleInstances") == "Multiple",
        mandatory=_text(element, "Mandatory") == "Mandatory",
        resources=resources,
        source=source,
    )


def _resource(item: ET.Element, object_id: int) -> ResourceDef:
    resource_id = _number(item.get("ID", ""), f"resource ID of object {object_id}")
    operations = _text(item, "Operations").upper()
    if operations not in _OPERATIONS:
        raise ObjectFileError(
            f"resource {object_id}/{resource_id}: unknown operations '{operations}'"
        )
    return ResourceDef(
        id=resource_id,
        name=_text(item, "Name") or f"Resource {resource_id}",
        operations=operations,
        multiple=_text(item, "MultipleInstances") == "Multiple",
        mandatory=_text(item, "Mandatory") == "Mandatory",
        type=_text(item, "Type"),
        range=_text(item, "RangeEnumeration"),
        units=_text(item, "Units"),
    )


def _text(element: ET.Element, tag: str) -> str:
    child = element.find(tag)
    if child is None or child.text is None:
        return ""
    return " ".join(child.text.split())


def _number(text: str, what: str) -> int:
    if not text.isdigit() or not text.isascii():
        raise ObjectFileError(f"{what} is not a number: '{text}'")
    return int(text)
