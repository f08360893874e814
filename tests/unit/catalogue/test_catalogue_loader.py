"""Loading the catalogue from the simulated tenant over real HTTP: cold, warm, changes, failures."""

from __future__ import annotations

import logging
import time

import pytest

from lwm2m_shell.catalogue import TenantCatalogue, cache, loader, summary
from lwm2m_shell.client import Operation
from lwm2m_shell.simulator import Fault, SimulatedTenant
from tests.helpers import settings_for, wait_until

from .conftest import DEVICES, Factory, loaded, refreshed, truth


def endpoints_by_id(catalogue: TenantCatalogue) -> dict[str, str]:
    snap = catalogue.snapshot
    return dict(zip(snap.ids, snap.endpoints, strict=True))


def test_cold_load_finds_every_lwm2m_device_with_its_endpoint(
    tenant: SimulatedTenant, make_catalogue: Factory
) -> None:
    catalogue = loaded(make_catalogue())
    expected = truth(tenant)
    assert len(expected) == DEVICES
    assert endpoints_by_id(catalogue) == expected  # types other than c8y_lwm2m included, no dups
    assert tenant.request_count("/identity/globalIds/") == DEVICES  # one look-up per device
    # the tenant check looks for the connector once, then one page of the one LWM2M query
    assert tenant.request_count("/inventory/managedObjects") == 1 + 1
    status = catalogue.status()
    assert not status.loading and status.error is None and status.complete
    assert summary(status, time.time()) == f"{DEVICES} endpoints · just now"
    path = cache.cache_path(tenant.url, tenant.tenant_id)
    assert path.exists()


def test_paging_walks_every_page(tenant: SimulatedTenant, make_catalogue: Factory) -> None:
    catalogue = loaded(make_catalogue(page_size=25))
    assert len(catalogue.snapshot) == DEVICES
    pages = DEVICES // 25 + 1  # one query finds every type of LWM2M device
    assert tenant.request_count("/inventory/managedObjects") == 1 + pages  # 1: the connector


def test_endpoint_types_are_configurable(tenant: SimulatedTenant, make_catalogue: Factory) -> None:
    settings = settings_for(tenant, endpoint_types=("c8y_Lwm2mPskId", "c8y_Id"))
    catalogue = loaded(make_catalogue(settings))
    devices = tenant.lwm2m_devices()
    psk = next(d for d in devices if any(x["type"] == "c8y_Lwm2mPskId" for x in d["externalIds"]))
    bare = next(d for d in devices if not d["externalIds"])
    got = endpoints_by_id(catalogue)
    assert got[str(psk["id"])] == f"psk-{psk['endpoint']}"
    assert got[str(bare["id"])] == bare["name"]  # no external ID: the name


def test_warm_start_uses_the_disk_and_looks_up_only_new_devices(
    tenant: SimulatedTenant, make_catalogue: Factory
) -> None:
    loaded(make_catalogue())
    new_id = tenant.add_device(name="pump 7", endpoint="urn:imei:490154203237518")
    gone_id = next(iter(truth(tenant)))
    tenant.remove_device(gone_id)
    tenant.add_fault(Fault("latency", path="/tenant/currentTenant", delay=1.0, times=1))
    lookups = tenant.request_count("/identity/globalIds/")

    second = make_catalogue()  # a new shell start
    second.start()
    # complete at once from disk, while the tenant check is still waiting on the slow server
    wait_until(lambda: len(second.snapshot) == DEVICES, timeout=0.9)
    assert second.loading and second.status().from_cache
    assert second.endpoints("9", 5)
    assert second.wait(30)
    assert tenant.request_count("/identity/globalIds/") - lookups == 1  # only the new device
    got = endpoints_by_id(second)
    assert got[new_id] == "urn:imei:490154203237518"
    assert gone_id not in got
    assert got == truth(tenant)


def test_refresh_picks_up_added_and_removed_devices(
    tenant: SimulatedTenant, make_catalogue: Factory
) -> None:
    catalogue = loaded(make_catalogue())
    new_id = tenant.add_device(name="valve 12", endpoint="urn:imei:356938035643809")
    assert not catalogue.endpoints("35643809", 5)
    refreshed(catalogue)
    assert catalogue.endpoints("35643809", 5) == [
        ("urn:imei:356938035643809", f"device {new_id} · valve 12")
    ]
    tenant.remove_device(new_id)
    lookups = tenant.request_count("/identity/globalIds/")
    refreshed(catalogue)
    assert catalogue.endpoints("35643809", 5) == []
    assert catalogue.snapshot.find_id(new_id) is None
    assert tenant.request_count("/identity/globalIds/") == lookups  # nothing new to look up


def test_refresh_while_loading_is_refused(tenant: SimulatedTenant, make_catalogue: Factory) -> None:
    tenant.add_fault(Fault("latency", path="/inventory", delay=0.5, times=1))
    catalogue = make_catalogue()
    catalogue.start()
    assert catalogue.loading
    assert not catalogue.refresh()
    assert catalogue.wait(30)


def test_corrupt_cache_is_discarded_with_a_warning_and_rebuilt(
    tenant: SimulatedTenant, make_catalogue: Factory, caplog: pytest.LogCaptureFixture
) -> None:
    path = cache.cache_path(tenant.url, tenant.tenant_id)
    path.parent.mkdir(parents=True)
    path.write_text('{"format": "lwm2m-shell-catalogue", "ids": [')
    with caplog.at_level(logging.WARNING, logger="lwm2m_shell.catalogue"):
        catalogue = loaded(make_catalogue())
    assert any("cache discarded" in r.getMessage() for r in caplog.records)
    status = catalogue.status()
    assert status.notice is not None and "rebuilding" in status.notice
    assert endpoints_by_id(catalogue) == truth(tenant)
    document = cache.load(path)  # rebuilt: valid again
    assert document is not None and len(document.ids) == DEVICES


def test_failed_load_keeps_the_old_snapshot_and_says_so(
    tenant: SimulatedTenant, make_catalogue: Factory
) -> None:
    catalogue = loaded(make_catalogue())
    before = catalogue.snapshot
    tenant.add_device(name="late", endpoint="urn:imei:353918056789016")
    tenant.add_fault(Fault("status", path="/inventory", status=500, times=None))
    refreshed(catalogue)
    assert catalogue.snapshot is before
    status = catalogue.status()
    assert status.error is not None and "500" in status.error
    text = summary(status, time.time())
    assert text.startswith("catalogue load failed (GET /inventory/managedObjects: 500")
    assert f"keeping {DEVICES} endpoints" in text
    tenant.clear_faults()
    refreshed(catalogue)
    assert catalogue.status().error is None
    assert len(catalogue.snapshot) == DEVICES + 1


def test_look_ups_done_before_a_failure_are_not_repeated(
    tenant: SimulatedTenant, make_catalogue: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "BATCH", 10)
    ids = list(truth(tenant))
    failing = ids[-46]  # newest first: in the fifth batch, after 40 confirmed devices
    tenant.add_fault(Fault("status", path=f"/identity/globalIds/{failing}/", status=500))
    catalogue = loaded(make_catalogue(workers=1))
    assert catalogue.status().error is not None
    snapshot = catalogue.snapshot  # every device, the confirmed ones and the provisional rest
    assert len(snapshot) == DEVICES and not snapshot.complete
    assert snapshot.confirmed_count == 45  # the failing batch's first five count too
    first = tenant.request_count("/identity/globalIds/")
    assert 46 <= first <= 50  # the worker may run on through the batch before it stops
    refreshed(catalogue)
    assert catalogue.status().error is None
    assert tenant.request_count("/identity/globalIds/") - first == DEVICES - 45
    assert endpoints_by_id(catalogue) == truth(tenant)


def test_cold_load_offers_every_device_before_confirming(
    tenant: SimulatedTenant, make_catalogue: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "BATCH", 20)
    tenant.add_fault(Fault("latency", path="/identity/globalIds/", delay=0.02, times=None))
    catalogue = make_catalogue(workers=2, partial_every=0.0)
    catalogue.start()
    wait_until(lambda: catalogue.status().phase == "endpoints")
    snapshot = catalogue.snapshot
    assert len(snapshot) == DEVICES and not snapshot.complete  # all IDs at once
    assert snapshot.confirmed_count < DEVICES
    expected = truth(tenant)
    devices = {str(d["id"]): d for d in tenant.lwm2m_devices()}
    for index in snapshot.pending_indexes():
        device_id, name = snapshot.ids[index], snapshot.names[index]
        if name.startswith("urn:"):  # named as registered: offered at once, marked provisional
            assert snapshot.endpoints[index] == expected[device_id]
            assert snapshot.match(index).provisional
        else:  # renamed, or a name that does not look like an endpoint: by ID only, for now
            assert snapshot.endpoints[index] == ""
            assert name == devices[device_id]["name"]
    status = catalogue.status()
    assert status.loading and status.total == DEVICES
    assert summary(status, time.time()).startswith("endpoints: ")
    assert summary(status, time.time()).endswith(f" of {DEVICES} confirmed")
    assert catalogue.wait(30)
    assert catalogue.snapshot.complete and catalogue.snapshot.confirmed_count == DEVICES
    assert endpoints_by_id(catalogue) == expected


def test_bad_credentials_fail_the_load_without_raising(
    tenant: SimulatedTenant, make_catalogue: Factory
) -> None:
    from lwm2m_shell.config.secret import Secret

    catalogue = loaded(make_catalogue(settings_for(tenant, password=Secret("wrong"))))
    status = catalogue.status()
    assert status.error is not None and "authentication failed" in status.error
    assert len(catalogue.snapshot) == 0


def test_close_stops_a_running_load(tenant: SimulatedTenant, make_catalogue: Factory) -> None:
    tenant.add_fault(Fault("latency", path="/identity/globalIds/", delay=0.05, times=None))
    catalogue = make_catalogue(workers=1)
    catalogue.start()
    wait_until(lambda: catalogue.status().phase == "endpoints")
    catalogue.close(timeout=5)
    assert not catalogue.loading
    assert tenant.request_count("/identity/globalIds/") < DEVICES


def test_registration_ids_are_learned_and_kept_across_sessions(
    tenant: SimulatedTenant, make_catalogue: Factory
) -> None:
    history = [  # newest first
        "invalidateRegistrationById",
        "invalidateRegistrationById Hi5toRy0Id",
        "invalidateRegistrationById 0ld3rId000 extra",
        "invalidateRegistrationById 0ld3stId00",
    ]
    catalogue = loaded(make_catalogue(history=lambda: history))
    operation = Operation.model_validate(
        {
            "id": "77",
            "status": "SUCCESSFUL",
            "c8y_Command": {
                "text": "invalidateRegistrationsForEndpoint urn:imei:358000526269673",
                "result": "Invalidated 1 registration(s) of endpoint urn:imei:3580: Re5uLt0Id9",
            },
        }
    )
    catalogue.note_operation(operation)
    assert catalogue.registration_ids("", 10) == [
        ("Re5uLt0Id9", "operation 77"),
        ("Hi5toRy0Id", "history"),
        ("0ld3stId00", "history"),
    ]
    assert catalogue.registration_ids("H", 10) == [("Hi5toRy0Id", "history")]
    catalogue.close()
    again = loaded(make_catalogue())
    remembered = [r for r, _ in again.registration_ids("", 10)]
    assert remembered == ["Re5uLt0Id9"]  # only what the tenant confirmed is kept


def test_a_renamed_device_is_corrected_when_confirmed(
    tenant: SimulatedTenant, make_catalogue: Factory
) -> None:
    # registered as urn:imei:...518, later renamed after another modem's IMEI
    renamed = tenant.add_device(
        name="urn:imei:356938035643809", endpoint="urn:imei:490154203237518"
    )
    tenant.add_fault(Fault("latency", path=f"/identity/globalIds/{renamed}/", delay=1.0, times=1))
    catalogue = make_catalogue(partial_every=0.0)
    catalogue.start()
    wait_until(lambda: catalogue.status().phase == "endpoints")
    assert catalogue.endpoints("35643809", 5) == [
        ("urn:imei:356938035643809", f"device {renamed} · provisional")
    ]
    assert catalogue.wait(30)
    assert catalogue.endpoints("35643809", 5) == []
    assert catalogue.endpoints("03237518", 5) == [
        ("urn:imei:490154203237518", f"device {renamed} · urn:imei:356938035643809")
    ]


def test_newest_devices_are_confirmed_first(
    tenant: SimulatedTenant, make_catalogue: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "BATCH", 10)
    newest = tenant.add_device(name="pump 9", endpoint="urn:imei:490154203237518")
    tenant.add_fault(Fault("latency", path="/identity/globalIds/", delay=0.02, times=None))
    catalogue = make_catalogue(workers=1, partial_every=0.0)
    catalogue.start()
    wait_until(lambda: 20 <= catalogue.snapshot.confirmed_count < DEVICES)
    snapshot = catalogue.snapshot
    pending = {snapshot.ids[i] for i in snapshot.pending_indexes()}
    confirmed = [i for i in snapshot.ids if i not in pending]
    # seeded devices are created in ID order; the added one is the newest of all
    by_age = [newest, *sorted((i for i in truth(tenant) if i != newest), key=int, reverse=True)]
    assert sorted(confirmed, key=by_age.index) == by_age[: len(confirmed)]
    catalogue.close()


def test_look_ups_stay_under_the_cap(tenant: SimulatedTenant, make_catalogue: Factory) -> None:
    catalogue = make_catalogue(workers=4, requests_per_second=100.0)
    started = time.monotonic()
    loaded(catalogue)
    took = time.monotonic() - started
    assert tenant.request_count("/identity/globalIds/") == DEVICES
    assert took >= (DEVICES - 1) / 100.0  # 120 look-ups at 100/s cannot take less than 1.19 s
    assert catalogue.snapshot.complete


def test_an_interrupted_load_resumes_where_it_stopped(
    tenant: SimulatedTenant, make_catalogue: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "BATCH", 10)
    tenant.add_fault(Fault("latency", path="/identity/globalIds/", delay=0.02, times=None))
    first = make_catalogue(workers=1, partial_every=0.0)
    first.start()
    wait_until(lambda: first.status().phase == "endpoints" and first.status().done >= 30)
    first.close(timeout=10)  # the shell quits half-way
    done = tenant.request_count("/identity/globalIds/")
    assert done < DEVICES
    document = cache.load(cache.cache_path(tenant.url, tenant.tenant_id))
    assert document is not None and len(document.ids) == DEVICES
    assert 0 < len(document.pending) < DEVICES  # saved with what was still to confirm
    tenant.clear_faults()

    second = make_catalogue()
    second.start()
    wait_until(lambda: len(second.snapshot) == DEVICES)  # from disk, at once
    assert second.snapshot.pending_count == len(document.pending)
    assert second.wait(30)
    confirmed_before = DEVICES - len(document.pending)
    # only the rest is looked up (the one in flight at the stop may be asked again)
    again = tenant.request_count("/identity/globalIds/") - done
    assert again == len(document.pending)
    assert confirmed_before >= done - 1
    assert endpoints_by_id(second) == truth(tenant)
    assert second.snapshot.complete


def test_the_listing_snapshot_is_the_snapshot_of_the_guessed_devices(
    tenant: SimulatedTenant,
) -> None:
    """Built column by column from a real listing, it holds what the Device-by-Device way holds:
    confirmed endpoints, provisional guesses from names, cleaned names and types, pending."""
    from lwm2m_shell.catalogue.provisional import EndpointGuess
    from lwm2m_shell.catalogue.snapshot import Snapshot
    from lwm2m_shell.connection.session import TenantSession

    session = TenantSession(settings_for(tenant))
    try:
        session.connect()  # logs in, as the shell does before the catalogue starts
        client = session.new_client()
        listed = loader.list_devices(client)
        client.close()
    finally:
        session.close()
    assert len(listed) == DEVICES
    ids = list(listed)
    confirmed = {ids[0]: "urn:imei:1", ids[1]: None, ids[2]: "x\ty"}
    first = next(iter(listed.values()))
    listed[ids[3]] = loader.Listed("line\nbreak", "a\ttype", "")  # cleaned on the way in
    guess = EndpointGuess()
    built = loader.listing_snapshot(listed, confirmed, guess, fetched_at=5.0, complete=False)
    devices = loader.with_guesses(listed, confirmed, guess)
    expected = Snapshot.from_devices(devices, fetched_at=5.0, complete=False)
    assert list(built.devices()) == list(expected.devices())
    assert list(built.pending_indexes()) == list(expected.pending_indexes())
    assert built.confirmed_count == 3 and built.fetched_at == 5.0 and not built.complete
    assert built.names[3] == "line break" and built.types[3] == "a type"
    assert first.name and any(not d.confirmed and d.external for d in built.devices())
