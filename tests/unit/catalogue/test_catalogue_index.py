"""The search structures: ranking of endpoint matches, ID prefixes, listings."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lwm2m_shell.catalogue import Device, Snapshot
from lwm2m_shell.catalogue import index as index_module
from lwm2m_shell.catalogue.index import EndpointIndex, IdIndex, TextIndex, sorted_gently

ENDPOINTS = [
    "urn:imei:358000526269673",
    "urn:imei:358000502812884",
    "urn:imei:359673000000001",
    "meter-00042",
    "Sensor-9673-B",
    "urn:uuid:46646c9e-e878-4bd0-a7b0-2961e0022c39",
    "",  # a device without name or external ID has no endpoint
]


def endpoints_of(found: list[int]) -> list[str]:
    return [ENDPOINTS[i] for i in found]


def test_prefix_matches_come_first_then_suffix_then_anywhere() -> None:
    index = EndpointIndex(ENDPOINTS)
    assert endpoints_of(index.matches("9673", 10)) == [
        "urn:imei:358000526269673",  # ends with the digits typed
        "Sensor-9673-B",  # contains them
        "urn:imei:359673000000001",
    ]
    assert endpoints_of(index.matches("urn:imei:3580", 10)) == [
        "urn:imei:358000502812884",
        "urn:imei:358000526269673",
    ]


def test_a_word_that_is_prefix_and_suffix_is_listed_once() -> None:
    index = EndpointIndex(["abcab", "ab", "xab", "zabz"])
    assert index.matches("ab", 10) == [1, 0, 2, 3]


def test_matching_ignores_case() -> None:
    index = EndpointIndex(ENDPOINTS)
    assert endpoints_of(index.matches("SENSOR", 10)) == ["Sensor-9673-B"]
    assert endpoints_of(index.matches("e0022C39", 10)) == [ENDPOINTS[5]]


def test_limit_is_respected_in_every_group() -> None:
    index = EndpointIndex(ENDPOINTS)
    assert len(index.matches("", 3)) == 3
    assert len(index.matches("9673", 2)) == 2
    assert index.matches("9673", 0) == []


def test_empty_word_lists_endpoints_in_order_without_blank_ones() -> None:
    index = EndpointIndex(ENDPOINTS)
    listed = endpoints_of(index.matches("", 100))
    assert listed == sorted((e for e in ENDPOINTS if e), key=str.lower)
    assert len(index) == len(ENDPOINTS) - 1


def test_nothing_matches() -> None:
    index = EndpointIndex(ENDPOINTS)
    assert index.matches("zzz", 10) == []
    assert index.matches("a\nb", 10) == []
    assert EndpointIndex([]).matches("a", 10) == []


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet="ab1:-", max_size=6), max_size=30),
    st.text(alphabet="ab1:", max_size=3),
)
def test_matches_agree_with_a_plain_scan(endpoints: list[str], word: str) -> None:
    for built in (False, True):  # before and after the suffix order is built
        index = EndpointIndex(endpoints)
        if built:
            index.build_suffix_order()
        check_matches(index, endpoints, word)
        assert index.matches(word, 3) == index.matches(word, 1000)[:3]


def check_matches(index: EndpointIndex, endpoints: list[str], word: str) -> None:
    found = index.matches(word, 1000)
    expected = {i for i, e in enumerate(endpoints) if e and word in e}
    assert set(found) == expected
    assert len(found) == len(set(found))
    ranks = [
        0 if endpoints[i].startswith(word) else 1 if endpoints[i].endswith(word) else 2
        for i in found
    ]
    assert ranks == sorted(ranks)


def test_sorting_in_chunks_equals_one_sort(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module, "CHUNK", 7)
    words = [f"w{(i * 7919) % 101:03d}" for i in range(100)]
    assert list(sorted_gently(range(100), words.__getitem__)) == sorted(
        range(100), key=words.__getitem__
    )


def test_id_index_prefix_and_exact() -> None:
    ids = ["10007", "10000", "20001", "1000", "100"]
    index = IdIndex(ids)
    assert [ids[i] for i in index.prefixed("1000")] == ["1000", "10000", "10007"]
    assert index.find("1000") == 3
    assert index.find("10001") is None
    assert list(index.prefixed("3")) == []


def test_text_index_finds_rows_by_any_column() -> None:
    index = TextIndex([["1", "2", "3"], ["Water Meter", "tracker", "meter\nb"]])
    assert list(index.search("METER")) == [0, 2]
    assert list(index.search("")) == [0, 1, 2]
    assert list(index.search("2\ttr")) == [1]


def snapshot() -> Snapshot:
    return Snapshot.from_devices(
        [
            Device("10000", "urn:imei:358000526269673", "c8y_lwm2m", "urn:imei:358000526269673"),
            Device("10003", "Pump\tstation 3", "c8y_lwm2m", "urn:imei:358000502812884"),
            Device("10007", "legacy-node-00007", "lwm2m_water_meter", None),
            Device("20001", "Boiler", "c8y_lwm2m", None),
        ],
        fetched_at=1000.0,
    )


def test_snapshot_columns_and_endpoint_fallback_to_name() -> None:
    snap = snapshot()
    assert len(snap) == 4
    assert snap.endpoints[2] == "legacy-node-00007"  # no external ID: the name
    assert snap.names[1] == "Pump station 3"  # a tab would break listings
    assert snap.known_externals()["10007"] is None
    match = snap.find_id("10003")
    assert match is not None and match.endpoint == "urn:imei:358000502812884"


def test_snapshot_id_matches_skip_excluded() -> None:
    snap = snapshot()
    assert [m.id for m in snap.id_matches("100", frozenset({"10003"}), 10)] == ["10000", "10007"]
    assert [m.id for m in snap.id_matches("", frozenset(), 2)] == ["10000", "10003"]


def test_snapshot_search_counts_beyond_the_limit() -> None:
    snap = snapshot()
    shown, total = snap.search("c8y_lwm2m", 2)
    assert [m.id for m in shown] == ["10000", "10003"] and total == 3
    shown, total = snap.search_endpoints("2884", 10)
    assert [m.id for m in shown] == ["10003"] and total == 1
    shown, total = snap.search_endpoints("", 10)
    assert total == 4


def test_snapshot_rejects_uneven_columns() -> None:
    with pytest.raises(ValueError):
        Snapshot(["1"], [], ["t"], [None])


def test_suffix_order_finds_suffixes_the_same() -> None:
    index = EndpointIndex(ENDPOINTS)
    before = endpoints_of(index.matches("9673", 10))
    index.build_suffix_order()
    assert endpoints_of(index.matches("9673", 10)) == before
    assert endpoints_of(list(index.suffixed("73"))) == ["urn:imei:358000526269673"]
    assert list(index.suffixed("")) == []
