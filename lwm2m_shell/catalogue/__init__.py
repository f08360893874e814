"""The tenant catalogue: the session's LWM2M devices and endpoints, for completion and listings.

Loaded in a background thread with its own HTTP client, kept as an immutable indexed snapshot,
persisted per tenant under ``$XDG_CACHE_HOME/lwm2m-shell/catalogue``. Completion reads memory
only (see ``TenantCatalogue.device_ids``, ``endpoints``, ``registration_ids``).
"""

from .cache import CacheError
from .model import Device
from .snapshot import Match, Snapshot
from .status import CatalogueStatus, summary, toolbar_parts
from .tenant_catalogue import TenantCatalogue

__all__ = [
    "CacheError",
    "CatalogueStatus",
    "Device",
    "Match",
    "Snapshot",
    "TenantCatalogue",
    "summary",
    "toolbar_parts",
]
