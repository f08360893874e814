"""Several shells on one tenant: learned registration IDs are merged on save, never clobbered,
and only IDs the tenant confirmed (an operation that ended SUCCESSFUL) are kept."""

from __future__ import annotations

from lwm2m_shell.catalogue import cache
from lwm2m_shell.catalogue.registrations import union
from lwm2m_shell.client import Operation
from lwm2m_shell.simulator import SimulatedTenant

from .conftest import Factory, loaded


def _invalidated(op_id: str, registration_id: str, status: str = "SUCCESSFUL") -> Operation:
    return Operation.model_validate(
        {
            "id": op_id,
            "status": status,
            "c8y_Command": {"text": f"invalidateRegistrationById {registration_id}"},
        }
    )


def test_two_shells_saving_keep_the_union(tenant: SimulatedTenant, make_catalogue: Factory) -> None:
    first = loaded(make_catalogue())
    second = loaded(make_catalogue())
    first.note_operation(_invalidated("1", "F1rstShe11"))
    second.note_operation(_invalidated("2", "Sec0ndShe1"))
    first.close()
    second.close()  # the last to close used to win
    path = cache.registrations_path(tenant.url, tenant.tenant_id)
    saved = [key for key, _ in cache.load_registrations(path)]
    assert sorted(saved) == ["F1rstShe11", "Sec0ndShe1"]
    third = loaded(make_catalogue())
    assert {key for key, _ in third.registration_ids("", 10)} == {"F1rstShe11", "Sec0ndShe1"}


def test_ids_of_failed_or_unfinished_commands_are_not_kept(
    tenant: SimulatedTenant, make_catalogue: Factory
) -> None:
    catalogue = loaded(make_catalogue())
    catalogue.note_operation(_invalidated("1", "Fa1ledId00", "FAILED"))
    catalogue.note_operation(_invalidated("2", "Pend1ngId0", "PENDING"))
    catalogue.note_operation(_invalidated("3", "G00dId0000"))
    catalogue.close()
    again = loaded(make_catalogue())
    assert [key for key, _ in again.registration_ids("", 10)] == ["G00dId0000"]


def test_union_keeps_every_id_newest_last_and_is_bounded() -> None:
    disk = [("A000000001", "x"), ("B000000002", "x")]
    ours = [("B000000002", "ours"), ("C000000003", "ours")]
    assert union(disk, ours) == [
        ("A000000001", "x"),
        ("B000000002", "ours"),
        ("C000000003", "ours"),
    ]
    assert union(disk, ours, limit=2) == [("B000000002", "ours"), ("C000000003", "ours")]
