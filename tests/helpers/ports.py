"""A tenant URL where nothing listens, and nothing will while a test uses it.

A stopped simulated tenant's URL is not that: its port goes back to the system, which may give
it to the next tenant another test starts, and a shell still trying the old URL (it sends a
command again when no connection was made) then reaches that tenant and creates an operation
there. ``refused_url`` binds a port without listening on it: connections are refused, as by a
tenant that is down, and the system gives the port to nobody else until the block ends.
``held_port`` does the same for a given port: a stopped tenant's, until it is started again.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def refused_url() -> Iterator[str]:
    """``http://127.0.0.1:PORT`` that refuses every connection until the block ends."""
    with held_port(0) as port:
        yield f"http://127.0.0.1:{port}"


@contextmanager
def held_port(port: int) -> Iterator[int]:
    """Bind ``port`` on 127.0.0.1 (0: any free one) without listening until the block ends:
    connections are refused, and the system lends the port to no other socket meanwhile."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as held:
        # A stopped tenant's connections linger in TIME_WAIT on its port; they hold no socket.
        held.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        held.bind(("127.0.0.1", port))  # bound, never listening: connections are refused
        yield held.getsockname()[1]
