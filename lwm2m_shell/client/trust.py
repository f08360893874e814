"""Which TLS certificates the tenant connections trust.

``--ca-bundle FILE`` (or a profile's ``ca_bundle``) *adds* the CAs of FILE to the default trust
store, as users of a corporate CA expect: the tenant behind the corporate proxy and a public
Cumulocity both verify. The default store is httpx's: ``SSL_CERT_FILE`` or ``SSL_CERT_DIR`` when
set, else certifi's bundle.
"""

from __future__ import annotations

import os
import ssl


def default_context() -> ssl.SSLContext:
    """A verifying context with the default trust store (as httpx builds it for ``verify=True``)."""
    cert_file = os.environ.get("SSL_CERT_FILE")
    if cert_file:
        return ssl.create_default_context(cafile=cert_file)
    cert_dir = os.environ.get("SSL_CERT_DIR")
    if cert_dir:
        return ssl.create_default_context(capath=cert_dir)
    import certifi

    return ssl.create_default_context(cafile=certifi.where())


def tls_verify(verify: bool | str) -> bool | ssl.SSLContext:
    """What to give httpx for ``verify``: True (default store), False (--insecure), or the
    default store plus the CAs of the bundle file ``verify``."""
    if isinstance(verify, bool):
        return verify
    context = default_context()
    context.load_verify_locations(cafile=verify)
    return context
