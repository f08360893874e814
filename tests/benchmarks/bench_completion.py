"""Completion and catalogue benchmark, run on demand (never in the default test run).

    python tests/benchmarks/bench_completion.py            # all figures
    python tests/benchmarks/bench_completion.py --quick    # smaller sizes, for a try
    pytest -m benchmark tests/benchmarks -s                # the same, asserting the targets

Typing: endpoints are typed key by key after ``invalidateRegistrationsForEndpoint`` (from the
start: prefixes; the last 8 characters: suffixes) over 10,000, 100,000 and 1,000,000 endpoints,
and each keystroke's completion is timed to the last candidate. Our completer (the shell's own
``ShellCompleter`` over a ``TenantCatalogue``) is compared with prompt_toolkit's
``WordCompleter`` (prefix; ``match_middle`` for suffixes) and ``FuzzyWordCompleter`` on the same
data in the same run. The baselines are slow at scale, so each gets a time budget per size and
mode; the table says how many keystrokes were measured and marks the capped ones.

Catalogue: a simulated tenant with 100,000 devices runs in a separate process (like a real
server); the catalogue's cold load (listing plus one identity look-up per device, 8 workers and
no cap on look-ups per second: ``bench_catalogue`` measures the capped background load), its
warm start from the disk cache, and the process's memory are reported.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from prompt_toolkit.completion import CompleteEvent, Completer, FuzzyWordCompleter, WordCompleter
from prompt_toolkit.document import Document

from lwm2m_shell.catalogue import Snapshot, TenantCatalogue
from lwm2m_shell.config.secret import Secret
from lwm2m_shell.config.settings import Settings
from lwm2m_shell.connection.session import TenantSession
from lwm2m_shell.simulator import ADMIN_PASSWORD, ADMIN_USER
from lwm2m_shell.ui.completer import ShellCompleter

pytestmark = pytest.mark.benchmark

COMMAND = "invalidateRegistrationsForEndpoint "
SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (10_000, 100_000)
TARGETS = 20  # endpoints typed per size and mode by our completer
SUFFIX = 8  # characters typed from the end of an endpoint
BASELINE_BUDGET = 15.0  # seconds per baseline, size and mode
CATALOGUE_DEVICES = 100_000


# -- data ---------------------------------------------------------------------------------------


def make_snapshot(count: int, seed: int = 7) -> Snapshot:
    """``count`` LWM2M devices with endpoints in the simulator's mix of styles."""
    ids, names, types, externals = make_columns(count, seed)
    return Snapshot(ids, names, types, externals, fetched_at=time.time())


def make_columns(
    count: int, seed: int = 7
) -> tuple[list[str], list[str], list[str], list[str | None]]:
    """The columns of ``make_snapshot`` (IDs, names, types, external IDs)."""
    rng = random.Random(seed)
    ids: list[str] = []
    names: list[str] = []
    externals: list[str | None] = []
    for n in range(count):
        roll = rng.random()
        if roll < 0.74:
            endpoint = f"urn:imei:35{rng.randrange(10**13):013d}"
        elif roll < 0.84:
            bits = rng.getrandbits(128)
            text = f"{bits:032x}"
            endpoint = f"urn:uuid:{text[:8]}-{text[8:12]}-4{text[13:16]}-a{text[17:20]}-{text[20:]}"
        elif roll < 0.94:
            endpoint = f"{rng.choice(('meter', 'sensor', 'tracker', 'valve'))}-{n:07d}"
        else:
            endpoint = f"legacy-node-{n:07d}"
        bare = endpoint.startswith("legacy-node-")
        ids.append(str(10_000 + 3 * n))
        names.append(endpoint if bare or n % 3 else f"LWM2M device {n}")
        externals.append(None if bare else endpoint)
    return ids, names, ["c8y_lwm2m"] * count, externals


def keystrokes(endpoints: Sequence[str], mode: str) -> list[str]:
    """Every line typed, key by key, to reach each endpoint's prefix or suffix."""
    lines: list[str] = []
    for endpoint in endpoints:
        typed = endpoint if mode == "prefix" else endpoint[-SUFFIX:]
        lines.extend(COMMAND + typed[:k] for k in range(1, len(typed) + 1))
    return lines


# -- timing -------------------------------------------------------------------------------------


def time_keystrokes(
    completer: Completer, lines: Sequence[str], budget: float | None
) -> tuple[list[float], bool]:
    """Seconds per keystroke (all candidates consumed); True when the budget cut it short."""
    samples: list[float] = []
    event = CompleteEvent()
    started = time.perf_counter()
    for line in lines:
        if budget is not None and samples and time.perf_counter() - started > budget:
            return samples, True
        document = Document(line, len(line))
        t0 = time.perf_counter()
        for _ in completer.get_completions(document, event):
            pass
        samples.append(time.perf_counter() - t0)
    return samples, False


def percentile(samples: Sequence[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def rss_mb(field: str = "VmRSS") -> float:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def offline_catalogue() -> TenantCatalogue:
    """A catalogue not bound to any reachable tenant: the benchmark gives it its snapshot."""
    settings = Settings(url="http://127.0.0.1:9", tenant="t0", user="u", password=Secret("p"))
    return TenantCatalogue(TenantSession(settings))


def bench_typing(sizes: Sequence[int], out: Callable[[str], None]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    out(
        f"{'endpoints':>10} {'mode':<7} {'completer':<19} {'keys':>5} "
        f"{'p50 ms':>9} {'p95 ms':>9}  note"
    )
    for size in sizes:
        before = rss_mb()
        built = time.perf_counter()
        snapshot = make_snapshot(size)
        build_s = time.perf_counter() - built
        out(
            f"-- {size:,} endpoints: generated and indexed in {build_s:.1f} s, "
            f"RSS +{rss_mb() - before:.0f} MB"
        )
        catalogue = offline_catalogue()
        catalogue.adopt(snapshot)
        ours = ShellCompleter(sources=_constant(catalogue))
        rng = random.Random(size)
        targets = [snapshot.endpoints[rng.randrange(size)] for _ in range(TARGETS)]
        for mode in ("prefix", "suffix"):
            samples, _ = time_keystrokes(ours, keystrokes(targets, mode), None)
            rows.append(_row(out, size, mode, "ours", samples, capped=False))
            for name, build, target_count in baselines(list(snapshot.endpoints)):
                lines = keystrokes(targets[:target_count], mode)
                samples, capped = time_keystrokes(build(mode), lines, BASELINE_BUDGET)
                rows.append(_row(out, size, mode, name, samples, capped=capped, of=len(lines)))
    return rows


def baselines(words: list[str]) -> list[tuple[str, Callable[[str], Completer], int]]:
    """prompt_toolkit's completers over ``words``: (name, build for a mode, endpoints typed)."""
    return [
        ("WordCompleter", lambda mode: _word_completer(words, mode), 5),
        ("FuzzyWordCompleter", lambda _mode: FuzzyWordCompleter(words, WORD=True), 2),
    ]


def _constant(catalogue: TenantCatalogue) -> Callable[[], TenantCatalogue]:
    return lambda: catalogue


def _word_completer(words: list[str], mode: str) -> Completer:
    return WordCompleter(words, WORD=True, match_middle=(mode == "suffix"))


def _row(
    out: Callable[[str], None],
    size: int,
    mode: str,
    name: str,
    samples: list[float],
    *,
    capped: bool,
    of: int | None = None,
) -> dict[str, Any]:
    p50, p95 = percentile(samples, 0.5) * 1000, percentile(samples, 0.95) * 1000
    note = f"capped: {len(samples)} of {of} keys in {BASELINE_BUDGET:.0f} s" if capped else ""
    out(f"{size:>10,} {mode:<7} {name:<19} {len(samples):>5} {p50:>9.2f} {p95:>9.2f}  {note}")
    return {"size": size, "mode": mode, "completer": name, "keys": len(samples),
            "p50_ms": p50, "p95_ms": p95, "capped": capped}  # fmt: skip


# -- the catalogue against a simulated tenant in another process --------------------------------


@contextmanager
def simulator(devices: int, extra: Sequence[str] = ()) -> Iterator[tuple[str, str]]:
    """Run ``python -m lwm2m_shell.simulator`` (with ``extra`` options); yield its URL and
    tenant ID."""
    process = subprocess.Popen(
        [sys.executable, "-m", "lwm2m_shell.simulator", "--devices", str(devices), *extra],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first, second = process.stdout.readline(), process.stdout.readline()
        url, tenant = first.rsplit(" ", 1)[-1].strip(), second.rsplit(" ", 1)[-1].strip()
        if not url.startswith("http://"):
            raise RuntimeError(f"the simulator did not start: {first!r}")
        yield url, tenant
    finally:
        process.terminate()
        process.wait(10)


def request_counts(url: str) -> dict[str, int]:
    state = httpx.get(f"{url}/__simulator__/state", timeout=30).json()
    requests: dict[str, int] = state["requests"]
    return {
        "inventory": sum(n for p, n in requests.items() if p.startswith("/inventory")),
        "identity": sum(n for p, n in requests.items() if p.startswith("/identity")),
        "all": sum(requests.values()),
    }


def bench_catalogue(devices: int, out: Callable[[str], None]) -> dict[str, Any]:
    figures: dict[str, Any] = {"devices": devices}
    with simulator(devices) as (url, tenant), tempfile.TemporaryDirectory() as cache_home:
        os.environ["XDG_CACHE_HOME"] = cache_home
        settings = Settings(
            url=url, tenant=tenant, user=ADMIN_USER, password=Secret(ADMIN_PASSWORD)
        )
        before = rss_mb()
        # as fast as the tenant answers (the shell's default is polite: 4 workers, 50/s)
        cold = TenantCatalogue(TenantSession(settings), workers=8, requests_per_second=0)
        started = time.perf_counter()
        cold.start()
        cold.wait()
        figures["cold_s"] = time.perf_counter() - started
        figures["cold_error"] = cold.status().error
        figures["cold_requests"] = request_counts(url)
        figures["endpoints"] = cold.snapshot.endpoint_count
        figures["rss_catalogue_mb"] = rss_mb() - before
        cache_file = next(Path(cache_home).rglob("*.json"), None)
        figures["cache_mb"] = cache_file.stat().st_size / 2**20 if cache_file else 0.0
        cold.close()
        del cold

        warm = TenantCatalogue(TenantSession(settings))
        started = time.perf_counter()
        warm.start()
        while warm.snapshot.endpoint_count < figures["endpoints"] and warm.loading:
            time.sleep(0.005)
        figures["warm_from_disk_s"] = time.perf_counter() - started
        warm.wait()
        figures["warm_total_s"] = time.perf_counter() - started
        after = request_counts(url)
        figures["warm_requests"] = {k: after[k] - figures["cold_requests"][k] for k in after}
        warm.close()
    figures["rss_mb"] = rss_mb()
    figures["rss_peak_mb"] = rss_mb("VmHWM")
    out(
        f"catalogue, {devices:,} devices (simulated tenant in another process):\n"
        f"  cold load      {figures['cold_s']:.1f} s, requests: "
        f"{figures['cold_requests']['inventory']:,} inventory + "
        f"{figures['cold_requests']['identity']:,} identity "
        f"({figures['cold_requests']['all']:,} in all); {figures['endpoints']:,} endpoints"
        + (f"; FAILED: {figures['cold_error']}" if figures["cold_error"] else "")
        + f"\n  disk cache     {figures['cache_mb']:.1f} MB\n"
        f"  warm start     complete from disk in {figures['warm_from_disk_s']:.2f} s; "
        f"refresh done in {figures['warm_total_s']:.1f} s with "
        f"{figures['warm_requests']['inventory']:,} inventory + "
        f"{figures['warm_requests']['identity']:,} identity requests\n"
        f"  memory         catalogue +{figures['rss_catalogue_mb']:.0f} MB; process RSS "
        f"{figures['rss_mb']:.0f} MB (peak {figures['rss_peak_mb']:.0f} MB)"
    )
    return figures


# -- entry points -------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="10,000 and 100,000 only")
    parser.add_argument("--no-catalogue", action="store_true", help="skip the tenant load")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)

    def out(line: str) -> None:
        print(line, flush=True)

    out(f"python {sys.version.split()[0]}, {os.cpu_count()} CPU(s)")
    figures: dict[str, Any] = {}
    if not args.no_catalogue:
        figures["catalogue"] = bench_catalogue(CATALOGUE_DEVICES, out)
    figures["typing"] = bench_typing(QUICK_SIZES if args.quick else SIZES, out)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))
    return figures


@pytest.mark.timeout(1800)
def test_completion_and_catalogue_benchmark() -> None:
    figures = main([])
    ours = {(r["size"], r["mode"]): r for r in figures["typing"] if r["completer"] == "ours"}
    for mode in ("prefix", "suffix"):
        assert ours[(100_000, mode)]["p95_ms"] <= 10.0
        assert ours[(1_000_000, mode)]["p95_ms"] <= 50.0
    catalogue = figures["catalogue"]
    assert catalogue["cold_error"] is None and catalogue["endpoints"] == CATALOGUE_DEVICES
    assert catalogue["warm_requests"]["identity"] == 0


if __name__ == "__main__":
    main()
