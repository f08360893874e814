"""The catalogue's look-up bounds and endpoint-name patterns come from the profile."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from lwm2m_shell.config.profiles import ConfigFileError, load_profile
from lwm2m_shell.config.settings import Settings
from lwm2m_shell.simulator import Fault, SimulatedTenant
from tests.helpers import settings_for

from .conftest import Factory, truth


def test_profile_keys_are_read_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        "[profiles.big]\nlookup_workers = 2\nlookup_rate = 20.5\n"
        'endpoint_name_patterns = ["meter-\\\\d{5}"]\n'
    )
    chosen = load_profile("big", path)
    assert chosen is not None
    profile = chosen.profile
    assert (profile.lookup_workers, profile.lookup_rate) == (2, 20.5)
    assert profile.endpoint_name_patterns == ["meter-\\d{5}"]
    path.write_text('[profiles.big]\nendpoint_name_patterns = ["(meter"]\n')
    with pytest.raises(ConfigFileError) as caught:
        load_profile("big", path)
    message = str(caught.value)
    assert "line 2: profiles.big.endpoint_name_patterns" in message
    assert "'(meter' is not a regular expression" in message and "\n" not in message
    path.write_text("[profiles.big]\nlookup_workers = 0\n")
    with pytest.raises(ConfigFileError, match="lookup_workers: input should be greater"):
        load_profile("big", path)


def test_settings_reach_the_catalogue(tenant: SimulatedTenant, make_catalogue: Factory) -> None:
    settings: Settings = settings_for(
        tenant, endpoint_name_patterns=(r"(meter|sensor|tracker|valve)-\d{5}",), lookup_rate=100.0
    )
    tenant.add_fault(Fault("latency", path="/identity/globalIds/", delay=0.02, times=None))
    catalogue = make_catalogue(settings, requests_per_second=None, partial_every=0.0)
    started = time.monotonic()
    catalogue.start()
    deadline = time.monotonic() + 20
    while catalogue.status().phase != "endpoints":
        assert time.monotonic() < deadline, "the listing did not end"
        time.sleep(0.01)
    snapshot = catalogue.snapshot
    provisional = [snapshot.match(i) for i in snapshot.pending_indexes() if snapshot.endpoints[i]]
    assert provisional and all(
        m.endpoint.split("-")[0] in {"meter", "sensor", "tracker", "valve"} for m in provisional
    )
    assert catalogue.wait(30)
    assert time.monotonic() - started >= (len(truth(tenant)) - 1) / 100.0  # the profile's cap
