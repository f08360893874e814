"""Which TLS certificates the tenant connections trust.

``--ca-bundle FILE`` (or a profile's ``ca_bundle``) *adds* the CAs of FILE to the default trust
store, as users of a corporate CA expect: the tenant behind the corporate proxy and a public
Cumulocity both verify. The default store is httpx's: ``SSL_CERT_FILE`` or ``SSL_CERT_DIR`` when
set, else certifi's bundle.

Building a verifying context reads the whole CA bundle (~27 ms of CPU), and the shell makes a
client for each of its connections (the session, each catalogue load, realtime, the health
probes): each setting gets one context for the whole process instead. An ``SSLContext`` may be
shared by any number of connections and threads.
"""

from __future__ import annotations

import os
import ssl
import threading

_lock = threading.Lock()
_contexts: dict[tuple[bool | str, str | None, str | None], ssl.SSLContext] = {}


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
    """What to give httpx for ``verify``: False (--insecure), or the process's context for the
    default store (True), or for the default store plus the CAs of the bundle file ``verify``."""
    if verify is False:
        return False
    key = (verify, os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))
    with _lock:
        context = _contexts.get(key)
        if context is None:
            context = default_context()
            if isinstance(verify, str):
                context.load_verify_locations(cafile=verify)
            _contexts[key] = context
        return context
