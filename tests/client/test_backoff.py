"""The one backoff schedule, and the values every user of it waits."""

from __future__ import annotations

import random

import pytest

from lwm2m_shell.client.backoff import Backoff, backoff
from lwm2m_shell.client.operations import LOOK_AGAIN, RESEND
from lwm2m_shell.client.retry import RetryPolicy
from lwm2m_shell.live.realtime import RETRY_BACKOFF
from lwm2m_shell.live.waiter import poll_delays


def test_pauses_double_from_the_first_up_to_the_cap() -> None:
    steps = [backoff(step, 0.05, 1.0, jitter=False) for step in range(1, 9)]
    assert steps == [0.05, 0.1, 0.2, 0.4, 0.8, 1.0, 1.0, 1.0]


def test_step_zero_or_below_is_the_first_pause_and_huge_steps_the_cap() -> None:
    assert backoff(0, 0.5, 30.0, jitter=False) == 0.5
    assert backoff(-3, 0.5, 30.0, jitter=False) == 0.5
    assert backoff(10**9, 0.5, 30.0, jitter=False) == 30.0  # no overflow


@pytest.mark.parametrize("step", [1, 2, 3, 4, 5, 6, 20])
def test_jitter_takes_between_half_and_all_of_the_pause(step: int) -> None:
    ceiling = backoff(step, 0.2, 5.0, jitter=False)
    rng = random.Random(step)
    drawn = [backoff(step, 0.2, 5.0, rng=rng) for _ in range(200)]
    assert all(ceiling / 2 <= pause <= ceiling for pause in drawn)
    assert min(drawn) < ceiling * 0.6 and max(drawn) > ceiling * 0.9  # spread, not fixed


def test_the_same_rng_seed_gives_the_same_pauses() -> None:
    first = [backoff(n, 0.2, 5.0, rng=random.Random(7)) for n in range(1, 6)]
    again = [backoff(n, 0.2, 5.0, rng=random.Random(7)) for n in range(1, 6)]
    assert first == again


def test_a_backoff_object_is_the_function_with_its_parameters() -> None:
    unjittered = Backoff(first=0.25, cap=2.0, jitter=False)
    assert [unjittered.delay(n) for n in range(1, 6)] == [0.25, 0.5, 1.0, 2.0, 2.0]
    jittered = Backoff(first=0.5, cap=4.0)
    assert all(0.5 <= jittered.delay(2) <= 1.0 for _ in range(50))


def test_each_user_waits_its_own_first_pause_and_cap() -> None:
    # Retried reads: 0.2 s doubling up to 5 s, jittered.
    policy = RetryPolicy(rng=random.Random(1))
    for retry, ceiling in [(1, 0.2), (2, 0.4), (3, 0.8), (5, 3.2), (6, 5.0), (9, 5.0)]:
        assert ceiling / 2 <= policy.backoff(retry) <= ceiling
    # A POST sent again after no connection: 0.5 s up to 4 s, jittered.
    assert (RESEND.first, RESEND.cap, RESEND.jitter) == (0.5, 4.0, True)
    # Looks for a tagged operation: 0.25 s up to 2 s, not jittered.
    assert [LOOK_AGAIN.delay(n) for n in range(1, 6)] == [0.25, 0.5, 1.0, 2.0, 2.0]
    # The realtime channel's retries: 0.5 s up to 30 s, jittered.
    assert (RETRY_BACKOFF.first, RETRY_BACKOFF.cap, RETRY_BACKOFF.jitter) == (0.5, 30.0, True)
    # Polls of an operation: 50 ms doubling up to 1 s; the shell's first poll comes at once.
    assert [poll_delays()(n) for n in range(7)] == [0.05, 0.1, 0.2, 0.4, 0.8, 1.0, 1.0]
    eager = poll_delays(at_once=True)
    assert [eager(n) for n in range(7)] == [0.0, 0.05, 0.1, 0.2, 0.4, 0.8, 1.0]
