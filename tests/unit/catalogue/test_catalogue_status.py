"""What the toolbar says about the catalogue: progress, age, failures."""

from __future__ import annotations

import pytest

from lwm2m_shell.catalogue import CatalogueStatus, summary, toolbar_parts
from lwm2m_shell.catalogue.status import BAD, BUSY, OK, age

NOW = 1_000_000.0


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "just now"),
        (59, "just now"),
        (180, "3 min old"),
        (7300, "2 h old"),
        (3 * 86400, "3 days old"),
    ],
)
def test_age(seconds: float, text: str) -> None:
    assert age(seconds) == text


def test_first_load_shows_progress_only() -> None:
    status = CatalogueStatus(loading=True, phase="endpoints", done=42_000, total=100_000)
    assert toolbar_parts(status, NOW) == [(BUSY, "endpoints: 42,000 of 100,000 confirmed")]
    listing = CatalogueStatus(loading=True, phase="devices", done=6000)
    assert summary(listing, NOW) == "devices 6,000…"
    waiting = CatalogueStatus(loading=True, phase="connecting")
    assert "waits for the tenant" in summary(waiting, NOW)


def test_loaded_catalogue_shows_size_and_age() -> None:
    status = CatalogueStatus(devices=100_000, endpoints=99_990, fetched_at=NOW - 180)
    assert toolbar_parts(status, NOW) == [(OK, "99,990 endpoints · 3 min old")]


def test_update_over_cached_data_shows_both() -> None:
    status = CatalogueStatus(
        loading=True,
        phase="devices",
        done=2000,
        devices=5,
        endpoints=5,
        fetched_at=NOW - 7200,
        from_cache=True,
    )
    assert toolbar_parts(status, NOW) == [
        (OK, "5 endpoints · 2 h old"),
        (BUSY, "updating: devices 2,000…"),
    ]


def test_failed_load_says_so_and_what_is_kept() -> None:
    status = CatalogueStatus(
        devices=10, endpoints=10, fetched_at=NOW - 60, error="GET /inventory: 500 boom"
    )
    [(kind, text)] = toolbar_parts(status, NOW)
    assert kind == BAD
    assert "catalogue load failed (GET /inventory: 500 boom)" in text
    assert "keeping 10 endpoints · 1 min old" in text
    nothing = CatalogueStatus(error="cannot reach http://x")
    assert "no catalogue" in summary(nothing, NOW)


def test_notice_is_shown_after_the_rest() -> None:
    status = CatalogueStatus(devices=1, endpoints=1, fetched_at=NOW, notice="cache discarded")
    assert toolbar_parts(status, NOW)[-1] == (BUSY, "cache discarded")


def test_confirming_in_the_background_shows_the_live_count() -> None:
    status = CatalogueStatus(
        loading=True,
        phase="endpoints",
        done=41_200,
        total=100_000,
        devices=100_000,
        endpoints=66_000,
        unconfirmed=60_000,
        fetched_at=NOW,
    )
    assert toolbar_parts(status, NOW) == [(BUSY, "endpoints: 41,200 of 100,000 confirmed")]


def test_stopped_half_confirmed_says_how_far_it_came() -> None:
    status = CatalogueStatus(devices=100_000, endpoints=70_000, unconfirmed=58_800, fetched_at=NOW)
    assert summary(status, NOW) == "endpoints: 41,200 of 100,000 confirmed · just now"
    done = CatalogueStatus(devices=10, endpoints=10, fetched_at=NOW)
    assert summary(done, NOW) == "10 endpoints · just now"
