"""Listing managed objects with the announced pages fetched a few at a time, over real HTTP.

The pages still come back in order, each object once; the bounds on the listing hold as when
pages came one by one; a failing page ends the listing there; a stop or Ctrl-C starts no page more
and does not wait for the pages under way.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator

import pytest

from lwm2m_shell.client import BadResponse, CumulocityClient, Forbidden
from lwm2m_shell.client.errors import PagesExceeded
from lwm2m_shell.client.listing import ListingProblem, parse_listing
from lwm2m_shell.simulator import Fault, SimulatedTenant
from tests.helpers import wait_until

from .conftest import make_client

QUERY = {"fragmentType": "c8y_IsLwm2mDevice"}


def listed(client: CumulocityClient, *, page_size: int, concurrency: int) -> list[list[str]]:
    pages = client.iter_managed_object_pages(QUERY, page_size=page_size, concurrency=concurrency)
    return [[managed.id for managed in page] for page in pages]


def listing_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("listing-")]


def test_pages_fetched_together_come_in_order_each_object_once(
    client: CumulocityClient, tenant: SimulatedTenant
) -> None:
    before = tenant.request_count("/inventory")
    together = listed(client, page_size=3, concurrency=4)
    asked = tenant.request_count("/inventory") - before
    one_by_one = listed(client, page_size=3, concurrency=1)
    expected = sorted((str(d["id"]) for d in tenant.lwm2m_devices()), key=int)
    assert together == one_by_one  # the same pages, in the same order
    assert [i for page in together for i in page] == expected  # ID order, none twice
    assert all(len(page) == 3 for page in together[:-1])
    # the announced pages and no more: a full last page costs one empty page after it
    assert asked == len(together) + (len(expected) % 3 == 0)


def test_pages_past_the_announced_count_stop_as_one_by_one(tenant: SimulatedTenant) -> None:
    """With endless pages (the statistics stay true) the listing stops one page after the
    announced count, with the pages before kept, however many are fetched at once."""
    tenant.add_fault(Fault(kind="endless_pages", method="GET", path="/inventory", times=None))
    announced = -(-len(tenant.lwm2m_devices()) // 5)
    for concurrency in (1, 3):
        kept: list[int] = []
        with make_client(tenant) as client, pytest.raises(PagesExceeded) as caught:
            pages = client.iter_managed_object_pages(QUERY, page_size=5, concurrency=concurrency)
            for page in pages:
                kept.append(len(page))
        assert f"past the {announced} page(s) the tenant announced" in str(caught.value)
        assert f"stopped after {announced + 1} pages" in str(caught.value)
        assert kept == [5] * (announced + 1)


def test_repeated_pages_stop_at_the_first_repeat_when_fetched_together(
    tenant: SimulatedTenant,
) -> None:
    tenant.add_fault(
        Fault(kind="endless_pages", repeat=True, method="GET", path="/inventory", times=None)
    )
    kept: list[int] = []
    with make_client(tenant) as client, pytest.raises(PagesExceeded, match="page 2 only repeats"):
        for page in client.iter_managed_object_pages(QUERY, page_size=5, concurrency=3):
            kept.append(len(page))
    assert kept == [5]


def test_a_failing_page_ends_the_listing_after_the_pages_before_it(
    client: CumulocityClient, tenant: SimulatedTenant
) -> None:
    expected = listed(client, page_size=4, concurrency=1)
    pages = client.iter_managed_object_pages(QUERY, page_size=4, concurrency=3)
    got = [[m.id for m in next(pages)]]
    # one of the pages fetched ahead is refused (403 is not retried)
    tenant.add_fault(Fault(kind="status", status=403, method="GET", path="/inventory", times=1))
    with pytest.raises(Forbidden):
        for page in pages:
            got.append([m.id for m in page])
    assert 1 <= len(got) < len(expected)
    assert got == expected[: len(got)]  # in order up to the failed page, nothing after it
    wait_until(lambda: not listing_threads(), 30, "the listing threads to end")


@pytest.fixture
def main_thread_interrupt() -> Iterator[threading.Event]:
    """An event that, once set, sends SIGINT to the main thread (a real Ctrl-C)."""
    fire = threading.Event()
    done = threading.Event()
    main = threading.main_thread().ident
    assert main is not None and threading.current_thread() is threading.main_thread()

    def wait_then_interrupt() -> None:
        if fire.wait(60) and not done.is_set():
            signal.pthread_kill(main, signal.SIGINT)

    helper = threading.Thread(target=wait_then_interrupt, daemon=True)
    helper.start()
    yield fire
    done.set()
    fire.set()
    helper.join(5)


def test_ctrl_c_ends_the_wait_at_once_and_starts_no_page_more(
    client: CumulocityClient, tenant: SimulatedTenant, main_thread_interrupt: threading.Event
) -> None:
    """The pages after the first each take 30 s to answer: Ctrl-C while waiting for them ends
    the listing at once (not after 30 s), and no further page is asked for."""
    pages = client.iter_managed_object_pages(QUERY, page_size=2, concurrency=3)
    first = next(pages)
    assert len(first) == 2
    asked = tenant.request_count("/inventory")
    tenant.add_fault(Fault(kind="latency", delay=30.0, method="GET", path="/inventory", times=None))

    def three_pages_under_way() -> bool:
        return tenant.request_count("/inventory") >= asked + 3

    def interrupt_when_three_are_under_way() -> None:
        wait_until(three_pages_under_way, 30, "three pages under way")
        main_thread_interrupt.set()

    threading.Thread(target=interrupt_when_three_are_under_way, daemon=True).start()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        for _ in pages:
            pass
    waited = time.monotonic() - started
    assert waited < 20.0  # far less than the 30 s the page under way takes
    under_way = tenant.request_count("/inventory") - asked
    assert under_way == 3  # the three workers' pages; the window let none start after
    pages.close()
    # the pages under way are dropped; no thread starts another one
    assert all(t.daemon for t in listing_threads())
    assert tenant.request_count("/inventory") - asked == 3


def test_a_stopped_load_starts_no_page_more(
    client: CumulocityClient, tenant: SimulatedTenant
) -> None:
    """Leaving the iteration (the loader's stop) closes the listing: the pages under way finish
    unread and none more is asked for."""
    pages = client.iter_managed_object_pages(QUERY, page_size=2, concurrency=2)
    next(pages)
    next(pages)
    pages.close()
    wait_until(lambda: not listing_threads(), 30, "the listing threads to end")
    asked = tenant.request_count("/inventory")
    total = -(-len(tenant.lwm2m_devices()) // 2)
    # page 1, page 2 read, and at most the window (2 × 2 pages) ahead of the reader
    assert asked <= 2 + 4 < total


# -- parsing a page ---------------------------------------------------------------------------


def test_a_page_is_read_as_strictly_as_the_models() -> None:
    page = parse_listing(
        {
            "managedObjects": [
                {"id": "1", "name": "n", "type": "t", "creationTime": "2024-01-01T00:00:00Z"},
                {"id": 2, "name": 7, "type": None, "creationTime": 5, "extra": {"a": [1]}},
                {"id": "3"},
            ],
            "statistics": {"totalPages": "4", "pageSize": 3},
        }
    )
    assert [(o.id, o.name, o.type, o.creation_time) for o in page.objects] == [
        ("1", "n", "t", "2024-01-01T00:00:00Z"),
        ("2", "7", None, None),  # numbers become text, as in ApiModel; a numeric time is unread
        ("3", None, None, None),
    ]
    assert page.total_pages == 4
    assert parse_listing({"managedObjects": []}).total_pages is None


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ([], "body: Input should be a valid dictionary"),
        ({}, "managedObjects: Field required"),
        ({"managedObjects": {}}, "managedObjects: Input should be a valid list"),
        ({"managedObjects": ["1"]}, "managedObjects.0: Input should be a valid dictionary"),
        ({"managedObjects": [{"name": "x"}]}, "managedObjects.0.id: Field required"),
        ({"managedObjects": [{"id": "1"}, {"id": [1]}]}, "managedObjects.1.id: Input should"),
        ({"managedObjects": [{"id": True}]}, "managedObjects.0.id: Input should be a valid str"),
        ({"managedObjects": [{"id": "1", "name": {}}]}, "managedObjects.0.name: Input should"),
        ({"managedObjects": [], "statistics": 3}, "statistics: Input should be a valid dict"),
        ({"managedObjects": [], "statistics": {"totalPages": "x"}}, "statistics.totalPages"),
    ],
)
def test_a_page_of_the_wrong_shape_is_named(body: object, where: str) -> None:
    with pytest.raises(ListingProblem) as caught:
        parse_listing(body)
    assert str(caught.value).startswith(where)


def test_a_wrong_page_from_the_tenant_is_a_one_line_bad_response(
    client: CumulocityClient, tenant: SimulatedTenant
) -> None:
    tenant.add_fault(Fault(kind="malformed_json", method="GET", path="/inventory", times=None))
    with pytest.raises(BadResponse) as caught:
        listed(client, page_size=5, concurrency=3)
    assert "\n" not in str(caught.value)
