"""The catalogue's disk cache: round trip, privacy, damaged files."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from lwm2m_shell.catalogue import Device, Snapshot, cache

URL, TENANT = "https://example.cumulocity.com", "t123"


def sample() -> Snapshot:
    return Snapshot.from_devices(
        [
            Device("1", "urn:imei:1", "c8y_lwm2m", "urn:imei:1"),
            Device("2", "Pumpe ü", "lwm2m_water_meter", None),
        ],
        fetched_at=1234.5,
    )


def write(path: Path) -> None:
    cache.save(path, sample(), url=URL, tenant=TENANT, endpoint_types=("c8y_Id",))


def test_round_trip(cache_home: Path) -> None:
    path = cache.cache_path(URL, TENANT)
    assert path.is_relative_to(cache_home / "lwm2m-shell")
    write(path)
    document = cache.load(path)
    assert document is not None
    assert (document.url, document.tenant, document.endpoint_types) == (URL, TENANT, ["c8y_Id"])
    snap = cache.to_snapshot(document)
    assert list(snap.ids) == ["1", "2"] and list(snap.endpoints) == ["urn:imei:1", "Pumpe ü"]
    assert list(snap.externals) == ["urn:imei:1", None]
    assert snap.fetched_at == 1234.5 and snap.complete


def test_cache_file_is_private(cache_home: Path) -> None:
    path = cache.cache_path(URL, TENANT)
    write(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_missing_cache_is_none(cache_home: Path) -> None:
    assert cache.load(cache.cache_path(URL, TENANT)) is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # torn
        lambda text: "not json at all",
        lambda text: text.replace('"ids":["1","2"]', '"ids":["1"]'),  # uneven columns
        lambda text: text.replace('"lwm2m-shell-catalogue"', '"something-else"'),
        lambda text: text.replace('"version":1', '"version":99'),
        lambda text: json.dumps({"format": "lwm2m-shell-catalogue"}),
    ],
)
def test_damaged_cache_raises_cache_error(cache_home: Path, damage: object) -> None:
    path = cache.cache_path(URL, TENANT)
    write(path)
    assert callable(damage)
    path.write_text(damage(path.read_text()))
    with pytest.raises(cache.CacheError):
        cache.load(path)
    cache.discard(path)
    assert not path.exists()


def test_registrations_file(cache_home: Path) -> None:
    path = cache.registrations_path(URL, TENANT)
    assert cache.load_registrations(path) == []
    cache.save_registrations(path, [("Ab3dE5gH7j", "operation 1")])
    assert cache.load_registrations(path) == [("Ab3dE5gH7j", "operation 1")]
    path.write_text("{")
    assert cache.load_registrations(path) == []
