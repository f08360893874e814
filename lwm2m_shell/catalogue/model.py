"""What the catalogue knows of one LWM2M device, and how its endpoint is chosen."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Device:
    """One LWM2M device of the tenant.

    ``external`` is the device's external ID of the first configured endpoint type it has
    (``c8y_Id`` by default), or None when it has none; the endpoint is then the device's name.
    While ``confirmed`` is False the identity API has not been asked yet: ``external`` is then
    the provisional endpoint guessed from the name, or None when there is no guess (the device
    has no endpoint to offer until it is confirmed).
    """

    id: str
    name: str
    type: str
    external: str | None = None
    confirmed: bool = True

    @property
    def endpoint(self) -> str:
        if not self.confirmed:
            return self.external or ""
        return endpoint_of(self.name, self.external)


def endpoint_of(name: str, external: str | None) -> str:
    """The endpoint client ID: the external ID when the device has one, its name otherwise."""
    return external if external is not None else name


def clean_text(value: str | None) -> str:
    """A name or type on one line: tabs and line breaks become spaces (listings need that)."""
    if not value:
        return ""
    if "\n" in value or "\r" in value or "\t" in value:
        return " ".join(value.split())
    return value
