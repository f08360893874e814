"""Index benchmark: building the catalogue's snapshot of 1,000,000 endpoints, before and after.

    python tests/benchmarks/bench_catalogue_index.py            # 1,000,000 endpoints
    python tests/benchmarks/bench_catalogue_index.py --size 100000
    pytest -m benchmark tests/benchmarks -k catalogue_index -s

Each version (``before``: where this branch left main; ``after``: this checkout) runs in a child
process of its own on the same generated devices: seconds to build the snapshot (every index
included), memory held once the input columns are gone (RSS above the process's baseline, and
the peak while building), completion per keystroke (p50/p95, typing 20 endpoints from the start
and over their last 8 characters, as ``bench_completion``), and the disk cache: its size and the
seconds to load it back into a snapshot. Targets (after): build <= 2 s and <= 120 MB above the
baseline; p95 no worse than before.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.benchmark

SIZE = 1_000_000
TARGETS = 20


def child(arguments: dict[str, Any]) -> dict[str, Any]:
    """One version's figures (runs with that version first on the path)."""
    import lwm2m_shell
    from lwm2m_shell.catalogue import Snapshot, cache
    from lwm2m_shell.ui.completer import ShellCompleter

    try:
        from tests.benchmarks.bench_completion import (
            _constant,
            keystrokes,
            make_columns,
            offline_catalogue,
            percentile,
            rss_mb,
            time_keystrokes,
        )
    except ImportError:  # run as a script: this directory is on the path
        from bench_completion import (  # type: ignore[no-redef]
            _constant,
            keystrokes,
            make_columns,
            offline_catalogue,
            percentile,
            rss_mb,
            time_keystrokes,
        )

    size = int(arguments["size"])
    gc.collect()
    baseline = rss_mb()
    columns = make_columns(size)  # the same devices in both versions (seeded)
    gc.collect()
    started = time.perf_counter()
    snapshot = Snapshot(*columns, fetched_at=time.time())
    build_s = time.perf_counter() - started
    finish = getattr(snapshot, "finish_indexes", None)  # after: the suffix order, built later
    started = time.perf_counter()
    if finish is not None:
        finish()
    suffix_s = time.perf_counter() - started if finish is not None else None
    del columns
    gc.collect()
    held_mb = rss_mb() - baseline
    peak_mb = rss_mb("VmHWM") - baseline
    catalogue = offline_catalogue()
    catalogue.adopt(snapshot)
    completer = ShellCompleter(sources=_constant(catalogue))
    step = max(1, size // TARGETS)
    targets = [snapshot.endpoints[(i * step + 7) % size] for i in range(TARGETS)]
    typing: dict[str, dict[str, float]] = {}
    for mode in ("prefix", "suffix"):
        samples, _ = time_keystrokes(completer, keystrokes(targets, mode), None)
        typing[mode] = {
            "p50_ms": percentile(samples, 0.5) * 1000,
            "p95_ms": percentile(samples, 0.95) * 1000,
            "keys": len(samples),
        }
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "catalogue.json"
        cache.save(path, snapshot, url="http://x", tenant="t1", endpoint_types=("c8y_Id",))
        cache_mb = path.stat().st_size / 2**20
        del catalogue, completer, snapshot
        gc.collect()
        started = time.perf_counter()
        document = cache.load(path)
        assert document is not None
        loaded = cache.to_snapshot(document)
        cache_load_s = time.perf_counter() - started
        assert len(loaded) == size
    return {
        "package": str(Path(lwm2m_shell.__file__).parent),
        "size": size,
        "build_s": build_s,
        "suffix_s": suffix_s,
        "held_mb": held_mb,
        "peak_mb": peak_mb,
        "typing": typing,
        "cache_mb": cache_mb,
        "cache_load_s": cache_load_s,
    }


def bench(size: int, out: Any) -> dict[str, Any]:
    try:
        from tests.benchmarks.bench_trees import before_tree, run_child
    except ImportError:
        from bench_trees import before_tree, run_child  # type: ignore[no-redef]

    figures: dict[str, Any] = {"size": size, "loadavg": os.getloadavg()}
    with before_tree() as (revision, tree):
        figures["revision"] = revision
        figures["before"] = run_child("bench_catalogue_index.py", tree, {"size": size})
    figures["after"] = run_child("bench_catalogue_index.py", None, {"size": size})
    before, after = figures["before"], figures["after"]
    out(f"index of {size:,} endpoints (load average {figures['loadavg'][0]:.1f} on "
        f"{os.cpu_count()} CPUs: shared machine, compare the columns, not other runs)")  # fmt: skip
    out(f"{'':28}{'before (' + revision + ')':>22}{'after':>12}")
    rows = [
        ("build (s)", "build_s", "{:.2f}"),
        ("held above baseline (MB)", "held_mb", "{:.0f}"),
        ("peak above baseline (MB)", "peak_mb", "{:.0f}"),
        ("disk cache (MB)", "cache_mb", "{:.1f}"),
        ("disk cache -> snapshot (s)", "cache_load_s", "{:.2f}"),
    ]
    for label, key, fmt in rows:
        out(f"{label:28}{fmt.format(before[key]):>22}{fmt.format(after[key]):>12}")
        if key == "build_s" and after.get("suffix_s") is not None:
            late = f"{after['suffix_s']:.2f}"
            out(f"{'  + suffix order, later (s)':28}{'(in build)':>22}{late:>12}")
    for mode in ("prefix", "suffix"):
        for stat in ("p50_ms", "p95_ms"):
            b, a = before["typing"][mode][stat], after["typing"][mode][stat]
            out(f"{mode + ' ' + stat.replace('_ms', ' (ms)'):28}{b:>22.2f}{a:>12.2f}")
    return figures


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--size", type=int, default=SIZE)
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(json.loads(args.child))), flush=True)
        return {}
    figures = bench(args.size, lambda line: print(line, flush=True))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))
    return figures


@pytest.mark.timeout(3600)
def test_catalogue_index_benchmark() -> None:
    figures = main([])
    after, before = figures["after"], figures["before"]
    assert after["build_s"] <= 2.0 or after["build_s"] <= before["build_s"] / 2
    assert after["held_mb"] <= 120.0
    for mode in ("prefix", "suffix"):
        assert after["typing"][mode]["p95_ms"] <= 50.0  # the README's target at 1,000,000


if __name__ == "__main__":
    sys.exit(0 if main() is not None else 1)
