"""The tenant catalogue as the listings see it: given (the interactive shell's, loading in the
background) or made and loaded at the first listing (one-shot and batch runs have none)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..client import Operation
from ..connection.session import TenantSession

if TYPE_CHECKING:
    from ..catalogue import TenantCatalogue


class CatalogueAccess:
    def __init__(self, session: TenantSession, catalogue: TenantCatalogue | None = None) -> None:
        self._session = session
        self._catalogue = catalogue

    @property
    def current(self) -> TenantCatalogue | None:
        """The catalogue when there is one (never makes one)."""
        return self._catalogue

    def get(self) -> TenantCatalogue:
        """The catalogue; made and loaded here and now when there is none yet."""
        if self._catalogue is None:
            from ..catalogue import TenantCatalogue  # only runs that list devices need it

            catalogue = TenantCatalogue(self._session)
            self._catalogue = catalogue
            catalogue.load_now()
        return self._catalogue

    def note_operation(self, operation: Operation) -> None:
        """An operation the runner saw: its registration IDs for the catalogue, if there is one."""
        if self._catalogue is not None:
            self._catalogue.note_operation(operation)
