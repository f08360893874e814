"""``TenantCatalogue``: the session's LWM2M devices for completion, loaded in the background.

The loader thread first reads the disk cache (so a second session completes at once), then waits
for the tenant check and lists the devices again. Every listed device completes at once: by ID,
and by its name where the name looks like an endpoint (marked provisional). The endpoints it does
not know yet are then confirmed with identity look-ups, newest devices first, under a cap on
concurrency and requests per second; the snapshot is swapped and saved to disk as they come in,
so an interrupted load resumes where it stopped. The prompt never waits for any of it: readers
take whatever snapshot is current, under a lock held only for the swap. A failed load keeps the
snapshot in use and says why in ``status()``.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TypeVar

from ..client import ClientError, Operation
from ..client.api import MAX_PAGE_SIZE
from ..client.errors import Unauthorized
from ..connection.health import failure_words
from ..connection.session import SessionError, TenantSession
from . import cache
from .loader import REQUESTS_PER_SECOND, WORKERS, LoadCancelled
from .provisional import DEFAULT_PATTERNS, EndpointGuess
from .registrations import RegistrationMemory, id_in_command, union
from .snapshot import Match, Snapshot
from .status import CatalogueStatus
from .tenant_load import LoadOptions, TenantLoad

log = logging.getLogger("lwm2m_shell.catalogue")

Candidate = tuple[str, str]
T = TypeVar("T")


class TenantCatalogue:
    """The LWM2M devices and endpoints of one session's tenant, plus remembered registrations.

    ``history`` returns command lines typed in earlier sessions, newest first (as prompt_toolkit's
    ``History.load_history_strings``); their registration IDs are remembered. ``clock`` gives
    epoch seconds (tests may fake it). ``workers`` and ``requests_per_second`` bound the
    background identity look-ups; ``endpoint_patterns`` are the regular expressions a device
    name must match to be offered as a provisional endpoint. Each defaults to the session's
    settings (profile keys ``lookup_workers``, ``lookup_rate``, ``endpoint_name_patterns``),
    then to the built-in defaults. ``partial_every`` is how often (in
    seconds) a running load swaps in and saves what it has.
    """

    def __init__(
        self,
        session: TenantSession,
        *,
        workers: int | None = None,
        requests_per_second: float | None = None,
        endpoint_patterns: Iterable[str] | None = None,
        page_size: int = MAX_PAGE_SIZE,
        partial_every: float = 10.0,
        history: Callable[[], Iterable[str]] | None = None,
        clock: Callable[[], float] = time.time,
        disk: bool = True,
    ) -> None:
        self.session = session
        self._disk = disk  # False: no cache file read or written (--demo: a new tenant each run)
        self.registrations = RegistrationMemory()
        settings = session.settings
        patterns = _first(endpoint_patterns, settings.endpoint_name_patterns, DEFAULT_PATTERNS)
        self._options = LoadOptions(
            endpoint_types=settings.endpoint_types,
            guess=EndpointGuess(patterns),
            workers=_first(workers, settings.lookup_workers, WORKERS),
            requests_per_second=_first(
                requests_per_second, settings.lookup_rate, REQUESTS_PER_SECOND
            ),
            partial_every=partial_every,
            page_size=page_size,
            clock=clock,
        )
        self._history = history
        self._clock = clock
        self._lock = threading.Lock()
        self._snapshot = Snapshot.empty()
        self._status = CatalogueStatus()
        self._tenant: str | None = None  # whose data the snapshot holds (after the disk read)
        self._memo: dict[str, str | None] = {}  # look-ups of a failed load, for the next one
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._started_once = False
        self._saved_registrations: list[tuple[str, str]] = []
        session.on_ready.append(self._tenant_ready)
        session.on_login.append(self._logged_in)

    # -- reading (any thread) -----------------------------------------------------------------

    @property
    def snapshot(self) -> Snapshot:
        with self._lock:
            return self._snapshot

    def status(self) -> CatalogueStatus:
        with self._lock:
            return self._status

    @property
    def loading(self) -> bool:
        return self.status().loading

    @property
    def in_background(self) -> bool:
        """True once loads run in a thread of their own (``start``), as in the interactive shell."""
        return self._thread is not None

    # -- TenantSources: what completion asks (memory only) -------------------------------------

    def device_ids(self, word: str, exclude: frozenset[str], limit: int) -> list[Candidate]:
        """Device IDs starting with ``word``; a word that is not a number is looked for in the
        endpoints instead (``-d 9673`` offers the ID of the device whose endpoint ends so)."""
        snapshot = self.snapshot
        if word == "" or word.isdigit():
            found = snapshot.id_matches(word, exclude, limit)
            if found or word == "":
                return [(m.id, _device_meta(m)) for m in found]
        matches = snapshot.endpoint_matches(word, limit + len(exclude))
        return [(m.id, _device_meta(m)) for m in matches if m.id not in exclude][:limit]

    def endpoints(self, word: str, limit: int) -> list[Candidate]:
        matches = self.snapshot.endpoint_matches(word, limit)
        return [(m.endpoint, _endpoint_meta(m)) for m in matches]

    def registration_ids(self, word: str, limit: int) -> list[Candidate]:
        return self.registrations.matching(word, limit)

    # -- learning registration IDs -----------------------------------------------------------

    def note_operation(self, operation: Operation) -> None:
        """Remember the registration IDs of a command sent and of its result (Runner hook)."""
        if operation.status.value != "SUCCESSFUL":  # only IDs the tenant confirmed are kept
            return
        note = f"operation {operation.id}"
        found = id_in_command(operation.text or "")
        if found is not None:
            self.registrations.add(found, note, confirmed=True)
        if operation.result:
            self.registrations.learn_from_result(operation.result, note, confirmed=True)

    def _learn_history(self) -> None:
        if self._history is None:
            return
        try:
            lines = list(self._history())
        except OSError as error:
            log.warning("cannot read the command history: %s", error)
            return
        seen = [(found, "history") for line in lines if (found := id_in_command(line))]
        self.registrations.add_older(reversed(seen))  # oldest first

    # -- loading ------------------------------------------------------------------------------

    def adopt(self, snapshot: Snapshot) -> None:
        """Use ``snapshot`` as if a load had just published it (the same ``_publish``).

        No command calls this: it is kept for the completion benchmarks
        (``tests/benchmarks/bench_completion.py``, ``bench_catalogue_index.py``), which time
        typing against catalogues of up to a million endpoints built in memory; no tenant load
        lists that many devices and looks up their endpoints within a benchmark run.
        """
        self._publish(snapshot, from_cache=False)

    def start(self) -> None:
        """Start the first load in the background: disk cache, then the tenant."""
        self._begin(initial=True)

    def refresh(self) -> bool:
        """Reload from the tenant in the background; False when a load is already running."""
        return self._begin(initial=not self._started_once)

    def load_now(self) -> None:
        """Load in the calling thread (for one-shot and batch runs); failures land in status()."""
        with self._lock:
            if self._status.loading:
                return
            self._status = replace(self._status, loading=True, phase="connecting", error=None)
            initial = not self._started_once
            self._started_once = True
        self._run(initial)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the running load to end; True when none runs any more."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
            return not thread.is_alive()
        return True

    def close(self, timeout: float = 2.0) -> None:
        """Stop loading and save the registration IDs learned in this session."""
        with contextlib.suppress(ValueError):  # closed twice: already unhooked
            self.session.on_ready.remove(self._tenant_ready)
        with contextlib.suppress(ValueError):
            self.session.on_login.remove(self._logged_in)
        self._stop.set()
        self.wait(timeout)
        self._save_registrations()

    def _tenant_ready(self, _identity: object) -> None:
        """The session (re)connected, e.g. after the first command asked for a TFA code: a load
        that ended in an error (it could not reach the tenant) is tried again in the background.
        Outside the REPL (no background loads) the next catalogue command does it."""
        self._logged_in()

    def _logged_in(self) -> None:
        """A new login (typed, or renewed in the background): a load that failed, e.g. on the
        credentials the tenant refused, is tried again with the new ones."""
        status = self._status
        if self._thread is not None and status.error is not None and not status.loading:
            self.refresh()

    def _begin(self, *, initial: bool) -> bool:
        with self._lock:
            if self._status.loading:
                return False
            phase = "cache" if initial else "connecting"
            self._status = replace(self._status, loading=True, phase=phase, error=None)
            self._started_once = True
            self._thread = threading.Thread(
                target=self._run, args=(initial,), name="catalogue-loader", daemon=True
            )
            self._thread.start()
        return True

    def _run(self, initial: bool) -> None:
        try:
            generation = self.session.login_generation
            try:
                self._load(initial)
            except Unauthorized as refused:  # e.g. the token expired, or the tenant restarted
                if not self.session.renewed_since(generation, refused.message):
                    raise
                self._load(initial=False)  # once, with the new login: reads, safe to repeat
        except LoadCancelled:
            self._finish(error=None)
        except (SessionError, ClientError) as error:
            log.warning("catalogue load failed: %s", error)
            self._finish(error=failure_words(error))  # plain words, never "[Errno 111]"
        except Exception as error:  # a bug must not kill the shell: say so, keep the old data
            log.exception("catalogue load failed")
            self._finish(error=f"internal error: {type(error).__name__}: {error}")

    def _load(self, initial: bool) -> None:
        session = self.session
        if initial:
            self._learn_history()
            if session.settings.tenant:
                self._read_disk(session.settings.tenant)
        self._progress("connecting", 0, None)
        timeout = max(session.settings.request_timeout * 3, 30.0)
        identity = session.require_ready(timeout=timeout)
        tenant = identity.tenant_id
        if self._tenant != tenant:
            self._read_disk(tenant)
        known = self.snapshot.known_externals() if self._tenant == tenant else {}
        known.update(self._memo)
        client = session.new_client()
        try:
            load = TenantLoad(
                client,
                replace(self._options, endpoint_types=session.settings.endpoint_types),
                known=known,
                memo=self._memo,
                stop=self._stop,
                held=lambda: len(self.snapshot),
                publish=lambda snapshot: self._publish(snapshot, from_cache=False),
                save=lambda snapshot: self._write_disk(tenant, snapshot),
                progress=self._progress,
            )
            # the age counts from the end of the load: that is when the data was last confirmed
            snapshot = load.run()
        finally:
            client.close()
        self._memo.clear()
        self._publish(snapshot, from_cache=False)
        self._write_disk(tenant, snapshot)
        self._finish(error=None)

    # -- disk -------------------------------------------------------------------------------

    def _read_disk(self, tenant: str) -> None:
        url = self.session.url
        self._tenant = tenant
        if not self._disk:
            return
        self._progress("cache", 0, None)
        remembered = cache.load_registrations(cache.registrations_path(url, tenant))
        self.registrations.add_older(remembered, confirmed=True)
        path = cache.cache_path(url, tenant)
        try:
            document = cache.load(path)
        except cache.CacheError as error:
            log.warning("catalogue cache discarded: %s", error)
            cache.discard(path)
            self._notice(f"catalogue cache discarded ({error}); rebuilding it")
            return
        if document is None:
            return
        if tuple(document.endpoint_types) != tuple(self.session.settings.endpoint_types):
            self._notice("endpoint types changed; looking every endpoint up again")
            return
        if document.url.rstrip("/") != url.rstrip("/") or document.tenant != tenant:
            return  # another tenant's file under a colliding name: ignore it
        self._publish(cache.to_snapshot(document), from_cache=True)

    def _write_disk(self, tenant: str, snapshot: Snapshot) -> None:
        url = self.session.url
        if not self._disk:
            return
        try:
            cache.save(
                cache.cache_path(url, tenant),
                snapshot,
                url=url,
                tenant=tenant,
                endpoint_types=tuple(self.session.settings.endpoint_types),
            )
        except OSError as error:
            log.warning("cannot save the catalogue cache: %s", error)
            self._notice(f"cannot save the catalogue cache: {error.strerror or error}")
        self._save_registrations()

    def _save_registrations(self) -> None:
        tenant = self._tenant
        items = self.registrations.confirmed_items()
        if not self._disk or tenant is None or not items or items == self._saved_registrations:
            return
        path = cache.registrations_path(self.session.url, tenant)
        try:  # other shells may have saved meanwhile: merged, never clobbered
            cache.save_registrations(path, union(cache.load_registrations(path), items))
            self._saved_registrations = items
        except OSError as error:
            log.warning("cannot save the registration IDs: %s", error)

    # -- state changes ------------------------------------------------------------------------

    def _publish(self, snapshot: Snapshot, *, from_cache: bool) -> None:
        self._swap(snapshot, from_cache=from_cache)
        snapshot.finish_indexes()  # in use already: what this adds only makes typing faster

    def _swap(self, snapshot: Snapshot, *, from_cache: bool) -> None:
        with self._lock:
            self._snapshot = snapshot
            self._status = replace(
                self._status,
                devices=len(snapshot),
                endpoints=snapshot.endpoint_count,
                unconfirmed=snapshot.pending_count,
                fetched_at=snapshot.fetched_at,
                from_cache=from_cache,
                complete=snapshot.complete,
            )

    def _progress(self, phase: str, done: int, total: int | None) -> None:
        with self._lock:
            self._status = replace(self._status, phase=phase, done=done, total=total)

    def _notice(self, text: str) -> None:
        with self._lock:
            self._status = replace(self._status, notice=text)

    def _finish(self, *, error: str | None) -> None:
        with self._lock:
            self._status = replace(
                self._status, loading=False, phase=None, done=0, total=None, error=error
            )


def _device_meta(match: Match) -> str:
    if not match.endpoint or match.endpoint == match.name:
        return match.name or match.type
    return f"{match.name} · {match.endpoint}" if match.name else match.endpoint


def _endpoint_meta(match: Match) -> str:
    mark = " · provisional" if match.provisional else ""
    if match.name and match.name != match.endpoint:
        return f"device {match.id} · {match.name}{mark}"
    return f"device {match.id}{mark}"


def _first(*values: T | None) -> T:
    """The first value that is not None (the last one never is)."""
    for value in values:
        if value is not None:
            return value
    raise ValueError("no default")
