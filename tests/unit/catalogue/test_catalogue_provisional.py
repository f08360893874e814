"""Which device names are offered as provisional endpoints, and the cap on look-ups per second."""

from __future__ import annotations

import re
import threading

import pytest

from lwm2m_shell.catalogue.pacing import RequestPace
from lwm2m_shell.catalogue.provisional import EndpointGuess


@pytest.mark.parametrize(
    "name",
    [
        "urn:imei:358000526269673",
        "URN:IMEI:358000526269673",
        "urn:uuid:6f1d2c3e-aa11-4b22-8c33-0123456789ab",
        "urn:imsi:262011234567890",
        "urn:dev:ops:32473-Refrigerator-5002",
        "358000526269673",  # a bare IMEI
        "262011234567890",  # a bare IMSI
        "imei-358000526269673",
        "  urn:imei:358000526269673  ",  # stray blanks around a pasted name
    ],
)
def test_endpoint_like_names_are_offered(name: str) -> None:
    assert EndpointGuess()(name) == name.strip()


@pytest.mark.parametrize(
    "name",
    ["", "LWM2M device 12", "meter-00012", "Pump station 3", "urn:", "12345", "urn:imei: 3580"],
)
def test_other_names_are_not(name: str) -> None:
    assert EndpointGuess()(name) is None


def test_patterns_are_configurable() -> None:
    guess = EndpointGuess([r"meter-\d{5}"])
    assert guess("meter-00012") == "meter-00012"
    assert guess("urn:imei:358000526269673") is None  # only what is configured
    assert EndpointGuess([])("urn:imei:358000526269673") is None
    with pytest.raises(re.error):
        EndpointGuess(["(unclosed"])


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_pace_hands_out_slots_one_interval_apart() -> None:
    clock = FakeClock()
    pace = RequestPace(4.0, clock=clock)
    stop = threading.Event()
    stop.set()  # never sleep: a stopped wait says whether a slot was free now
    assert pace.wait(stop) is False  # stopped callers give up ...
    pace = RequestPace(4.0, clock=clock)
    assert pace.wait() is True  # the first slot is now
    clock.now += 0.25  # one interval later the next slot is free again without sleeping
    assert pace.wait() is True
    assert pace._next == pytest.approx(100.5)


def test_pace_without_a_cap_never_waits() -> None:
    pace = RequestPace(0)
    assert all(pace.wait() for _ in range(1000))
    stop = threading.Event()
    stop.set()
    assert pace.wait(stop) is False
