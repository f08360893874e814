"""Configuration of the simulated tenant, its fault model and its demo users.

The demo users and their passwords are published constants of a local test server, not secrets.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Literal, get_args

FaultKind = Literal[
    "latency",
    "status",
    "html_502",
    "drop",
    "slow",
    "malformed_json",
    "empty_body",
    "drip",
    "drip_headers",
    "oversize",
    "nested",
    "endless_pages",
    "redirect",
    "eager_connect",
]
FAULT_KINDS: tuple[str, ...] = get_args(FaultKind)

ADMIN_USER = "admin"
ADMIN_PASSWORD = "admin-secret-1"
TFA_USER = "tfa-user"
TFA_PASSWORD = "tfa-secret-1"
TFA_CODE = "424242"
VIEWER_USER = "viewer"
VIEWER_PASSWORD = "viewer-secret-1"

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


@dataclass
class SimulatorConfig:
    """How the simulated tenant is seeded and how its agent behaves."""

    devices: int = 50
    seed: int = 7
    tenant_id: str = "t100200"
    domain: str = "demo.lwm2m-shell.local"
    pending_delay: float = 0.2
    execution_delay: float = 0.5
    agent_online: bool = True
    token_lifetime: float = 3600.0
    latency: float = 0.0
    connectors: int = 1
    host: str = "127.0.0.1"
    port: int = 0
    realtime_timeout: float = 30.0  # longest hold of a realtime /meta/connect (seconds)
    hostile_text: bool = False  # answers and some devices carry terminal control sequences
    registration_interval: float = 8.0  # seconds between an LWM2M device's registration updates
    awake_time: float = 3.0  # seconds a sleeping device stays awake after each update
    sleeping_share: float = 0.1  # share of seeded LWM2M devices that sleep (queue mode)
    unresponsive_share: float = 0.1  # share whose first delivery of an operation times out

    def validate(self) -> None:
        """Raise ValueError when a value cannot work."""
        if self.host not in LOOPBACK_HOSTS:
            raise ValueError(f"the simulator binds loopback only, not {self.host!r}")
        if self.devices < 0 or self.devices > 9_000_000:
            raise ValueError("devices must be between 0 and 9,000,000")
        if self.connectors < 0 or self.connectors > 9:
            raise ValueError("connectors must be between 0 and 9")
        for name in ("pending_delay", "execution_delay", "latency", "token_lifetime"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if self.realtime_timeout <= 0:
            raise ValueError("realtime_timeout must be positive")
        if self.registration_interval <= 0 or self.awake_time < 0:
            raise ValueError("registration_interval must be positive, awake_time not negative")
        shares = (self.sleeping_share, self.unresponsive_share)
        if min(shares) < 0 or sum(shares) > 1:
            raise ValueError("device shares must not be negative and add up to at most 1")


@dataclass
class Fault:
    """One injected fault, matched by method and path prefix of API requests.

    ``after_processing`` makes the server apply the request normally and only lose, delay or
    garble the answer (for a POST the operation then exists although the client saw no answer).
    Without it, ``drop``, ``status``, ``html_502``, ``malformed_json`` and ``empty_body`` answer
    without applying the request, while ``slow`` waits ``delay`` and then applies it (late).
    ``latency`` faults add up; of the other kinds the first matching one wins.

    Hostile answers: ``drip`` applies the request and sends its answer ``rate`` bytes a second
    (``drip_headers``: the status line and headers too, as a slowloris server would);
    ``oversize`` answers 200 with a JSON body of ``size`` bytes (default 200 MB), streamed in
    chunks, never built in memory; ``nested`` answers ``size`` (default 100,000) nested ``[``;
    ``endless_pages`` makes inventory listings never end: full pages of new objects past the
    real ones (the statistics stay true), or with ``repeat`` the first page again and again;
    ``redirect`` answers ``status`` (301/302/307; default 302) with ``Location: location``;
    ``eager_connect`` answers every realtime ``/meta/connect`` at once (advice interval
    ``delay`` seconds when given). ``status`` sends ``retry_after`` verbatim as ``Retry-After``
    (a number, or any text: ``1e308``, ``nan``, an HTTP-date).
    """

    kind: FaultKind
    method: str | None = None
    path: str = "/"
    times: int | None = 1
    probability: float = 1.0
    status: int = 500
    retry_after: float | str | None = None
    delay: float = 0.0
    after_processing: bool = False
    rate: float = 1.0  # drip: bytes per second
    size: int = 0  # oversize: bytes; nested: depth (0: the kind's default)
    location: str | None = None  # redirect target
    repeat: bool = False  # endless_pages: the same page again instead of new ones

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; one of {', '.join(FAULT_KINDS)}")
        if not self.path.startswith("/"):
            raise ValueError("fault path must start with '/'")
        if self.times is not None and self.times < 1:
            raise ValueError("fault times must be at least 1 (or None for every request)")
        if not 0.0 <= self.probability <= 1.0:
            raise ValueError("fault probability must be between 0 and 1")
        if not 100 <= self.status <= 599:
            raise ValueError("fault status must be an HTTP status code")
        negative_wait = isinstance(self.retry_after, (int, float)) and self.retry_after < 0
        if self.delay < 0 or negative_wait:
            raise ValueError("fault delays must not be negative")
        if not 0 < self.rate <= 1e9:
            raise ValueError("fault rate must be a positive number of bytes per second")
        if not 0 <= self.size <= 10 * 1024**3:
            raise ValueError("fault size must be between 0 and 10 GiB")
        if self.method is not None:
            self.method = self.method.upper()

    def to_json(self) -> dict[str, Any]:
        """The fault as the control path shows and accepts it."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_json(cls, data: object) -> Fault:
        """Build a fault from control-path JSON (the dataclass field names); ValueError if bad."""
        if not isinstance(data, dict):
            raise ValueError("a fault must be a JSON object")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown fault field(s): {', '.join(unknown)}")
        if "kind" not in data:
            raise ValueError("a fault needs a 'kind'")
        try:
            return cls(**data)
        except TypeError as exc:
            raise ValueError(str(exc)) from None


FAULT_SPEC_HELP = """\
fault SPEC: comma-separated key=value pairs; the first item names the kind and may carry its
main value: status=503 | latency=0.5 | slow=5 | drop | html_502 | malformed_json | empty_body |
drip=1 (bytes/s) | drip_headers=1 | oversize=200000000 (bytes) | nested=100000 (depth) |
endless_pages | redirect=301 | eager_connect.
Other keys: method=POST, path=/inventory (prefix), times=3 (or times=all), probability=0.1,
retry_after=2 (sent verbatim: 1e308, nan, an HTTP-date), delay=1.5, after (apply the request,
then lose/delay/garble the answer), rate=, size=, location=URL, repeat (endless_pages).
Example: --fault status=503,path=/inventory,times=3 --fault drop,method=POST,after"""

_SPEC_ALIASES = {"retry-after": "retry_after", "p": "probability", "after": "after_processing"}
_MAIN_VALUE = {
    "status": "status",
    "latency": "delay",
    "slow": "delay",
    "drip": "rate",
    "drip_headers": "rate",
    "oversize": "size",
    "nested": "size",
    "redirect": "status",
}
_FLAGS = ("after_processing", "repeat")
_TEXT_VALUES = ("retry_after", "location")  # may hold commas: "retry_after=Wed, 21 Oct 2015 ..."


def parse_fault_spec(spec: str) -> Fault:
    """Parse the ``--fault`` mini-syntax (see FAULT_SPEC_HELP); ValueError on mistakes."""
    items = [item.strip() for item in spec.split(",") if item.strip()]
    if not items:
        raise ValueError("empty fault spec")
    values: dict[str, Any] = {}
    first_key, _, first_value = items[0].partition("=")
    if first_key == "kind":
        items = items[1:]
        values["kind"] = first_value
    elif first_key in FAULT_KINDS:
        items = items[1:]
        values["kind"] = first_key
        if first_value:
            if first_key not in _MAIN_VALUE:
                raise ValueError(f"fault kind {first_key} takes no value")
            values[_MAIN_VALUE[first_key]] = first_value
    else:
        raise ValueError(f"a fault spec starts with its kind ({', '.join(FAULT_KINDS)})")
    last = ""
    for item in items:
        key, sep, value = item.partition("=")
        key = _SPEC_ALIASES.get(key.strip(), key.strip())
        if not sep and key not in _FLAGS and last in _TEXT_VALUES:
            values[last] += ", " + item  # the comma belonged to the value (an HTTP-date)
            continue
        if key in _FLAGS and not sep:
            value = "true"
        values[key] = value.strip()
        last = key
    return _typed_fault(values)


def _typed_fault(values: dict[str, Any]) -> Fault:
    converted: dict[str, Any] = {}
    for key, value in values.items():
        try:
            if key in ("status", "size"):
                converted[key] = int(float(value)) if key == "size" else int(value)
            elif key == "times":
                converted[key] = (
                    None if value.lower() in ("all", "none", "*", "every") else int(value)
                )
            elif key in ("probability", "delay", "rate"):
                converted[key] = float(value)
            elif key == "retry_after":
                converted[key] = _number_or_text(value)
            elif key in _FLAGS:
                converted[key] = value.lower() in ("1", "true", "yes", "on")
            elif key in ("kind", "method", "path", "location"):
                converted[key] = value
            else:
                raise ValueError(f"unknown fault key {key!r}")
        except ValueError as exc:
            if "unknown fault key" in str(exc):
                raise
            raise ValueError(f"bad value for {key}: {value!r}") from None
    return Fault.from_json(converted)


def _number_or_text(value: str) -> float | str:
    """A plain, finite number as a float; anything else (1e308 included) verbatim."""
    try:
        number = float(value)
    except ValueError:
        return value
    if number != number or number in (float("inf"), float("-inf")) or "e" in value.lower():
        return value
    return number
