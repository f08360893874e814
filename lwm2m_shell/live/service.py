"""Live updates for one tenant session: the realtime client, the feed waiters use, announcements.

``LiveUpdates.start()`` returns at once; the realtime thread waits for the tenant check to name
the connector device, then subscribes to its operations. Until it is up, and whenever it is down,
waiting falls back to polling (see ``merged.wait_for_final``).
"""

from __future__ import annotations

from collections.abc import Callable

from ..client.backoff import Backoff
from ..connection.session import TenantSession
from .announce import Announcer
from .feed import OperationFeed
from .realtime import LiveState, RealtimeClient
from .target_channel import TargetChannel


class LiveUpdates:
    def __init__(
        self,
        session: TenantSession,
        *,
        own_ids: Callable[[], set[str] | list[str]],
        own_requests: Callable[[], set[str]],
        announce: bool = True,
        backoff: Backoff | None = None,
        device: Callable[[], str | None] = lambda: None,
    ) -> None:
        """``device``: the LWM2M device the shell points at (None: the connector only); its
        operations are pushed too."""
        self.session = session
        self.target = TargetChannel(device)
        self.feed = OperationFeed()
        self.announcer = Announcer(own_ids, own_requests, enabled=announce)
        self.client: RealtimeClient | None = None
        self._backoff = backoff

    @property
    def state(self) -> LiveState:
        return self.client.state if self.client is not None else LiveState.OFF

    @property
    def problem(self) -> str | None:
        return self.client.problem if self.client is not None else None

    def start(self) -> None:
        """Start the realtime thread (nothing happens when the settings cannot reach a tenant)."""
        session = self.session
        if self.client is not None or session.problem is not None:
            return
        settings = session.settings
        self.client = RealtimeClient(
            session.url,
            session.login.auth,  # the session's login (renewed with it), on its own connections
            self._connector_id,
            feed=self.feed,
            verify=settings.verify,
            app_key=settings.app_key,
            request_timeout=settings.request_timeout,
            backoff=self._backoff,
            target=self.target,
        )
        self.client.listeners.append(self.announcer.on_push)
        session.on_login.extend([self.feed.forget, self.wake])  # a new login: start afresh
        self.client.start()

    def follow_target(self) -> None:
        """The shell points elsewhere: subscribe to the new device's operations now."""
        if self.client is not None:
            self.client.sync_target_soon()

    def pushes_for(self, device_id: str) -> bool:
        """Whether the operations of ``device_id`` are pushed right now."""
        return self.state is LiveState.ON and self.target.covers(device_id)

    def wake(self) -> None:
        """Reconnect now rather than after the pause (the tenant is back, a new login)."""
        if self.client is not None:
            self.client.wake()

    def stop(self) -> None:
        if self.client is not None:
            self.client.stop()

    def _connector_id(self) -> str | None:
        identity = self.session.identity
        return identity.connector_id if identity is not None else None
