"""Reading inventory listing pages without a pydantic model per managed object.

A page of 2,000 managed objects is about 1 MB of JSON; the catalogue reads only each object's
``id``, ``name``, ``type`` and ``creationTime`` and the page's ``statistics.totalPages``. Those
are checked here by hand, as strictly as the pydantic models check them (``ApiModel``: IDs and
other strings may come as numbers and are turned into strings; anything else of the wrong type
is a ``ListingProblem`` naming where), and every other field is left unread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple


class ListingProblem(ValueError):
    """The page does not have the shape of a managed object collection; ``str()`` says where."""


class ListedObject(NamedTuple):
    """What a listing tells of one managed object (a tuple: made thousands of times a page)."""

    id: str
    name: str | None = None
    type: str | None = None
    creation_time: str | None = None  # as the tenant wrote it; None when absent or not text


@dataclass(frozen=True)
class ListingPage:
    objects: list[ListedObject]
    total_pages: int | None  # statistics.totalPages, when the tenant said


def _text(value: Any, where: str) -> str:
    """``value`` as text: a string, or a number turned into one (as ``ApiModel`` does)."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if value is None:
        raise ListingProblem(f"{where}: Field required")
    raise ListingProblem(f"{where}: Input should be a valid string")


def _total_pages(statistics: Any) -> int | None:
    if statistics is None:
        return None
    if not isinstance(statistics, dict):
        raise ListingProblem("statistics: Input should be a valid dictionary")
    total = statistics.get("totalPages")
    if total is None:
        return None
    if isinstance(total, int) and not isinstance(total, bool):
        return total
    if isinstance(total, str) and total.strip().isdigit():
        return int(total)
    raise ListingProblem("statistics.totalPages: Input should be a valid integer")


def parse_listing(data: Any, key: str = "managedObjects") -> ListingPage:
    """The objects and page count of one collection page; ListingProblem when it is not one."""
    if not isinstance(data, dict):
        raise ListingProblem("body: Input should be a valid dictionary")
    if key not in data:
        raise ListingProblem(f"{key}: Field required")
    items = data[key]
    if not isinstance(items, list):
        raise ListingProblem(f"{key}: Input should be a valid list")
    objects: list[ListedObject] = []
    append = objects.append
    for position, item in enumerate(items):
        if not isinstance(item, dict):
            raise ListingProblem(f"{key}.{position}: Input should be a valid dictionary")
        object_id = item.get("id")
        name = item.get("name")
        kind = item.get("type")
        created = item.get("creationTime")
        if type(object_id) is not str:
            object_id = _text(object_id, f"{key}.{position}.id")
        if name is not None and type(name) is not str:
            name = _text(name, f"{key}.{position}.name")
        if kind is not None and type(kind) is not str:
            kind = _text(kind, f"{key}.{position}.type")
        append(ListedObject(object_id, name, kind, created if type(created) is str else None))
    return ListingPage(objects, _total_pages(data.get("statistics")))
