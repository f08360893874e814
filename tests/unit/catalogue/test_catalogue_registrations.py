"""Registration IDs remembered from typed commands and from the agent's results."""

from __future__ import annotations

import pytest

from lwm2m_shell.catalogue.registrations import (
    RegistrationMemory,
    id_in_command,
    ids_in_result,
    looks_like_registration_id,
)
from lwm2m_shell.client import Operation

from .conftest import Factory


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("F7DqjmW3Yy", True),
        ("a1b2c3d4e5", True),
        ("abcdefGhij", True),
        ("Invalidate", False),  # a capitalised word
        ("successful", False),
        ("0123456789", False),  # digits only: a number, not an ID
        ("F7DqjmW3Y", False),
        ("F7DqjmW3Yyz", False),
        ("F7Dqjm-3Yy", False),
    ],
)
def test_what_looks_like_a_registration_id(word: str, expected: bool) -> None:
    assert looks_like_registration_id(word) is expected


def test_ids_are_taken_only_from_lines_about_registrations() -> None:
    result = (
        "Invalidated 2 registration(s) of endpoint urn:imei:358000526269673: Ab3dE5gH7j, "
        "Zz9yY8xX7w\n"
        "Device Qw3rTy7uI0 was touched\n"
        "Registration K2k2k2K2k2 of endpoint meter-00042 is already invalidated"
    )
    assert ids_in_result(result) == ["Ab3dE5gH7j", "Zz9yY8xX7w", "K2k2k2K2k2"]


def test_id_of_a_typed_command() -> None:
    assert id_in_command("invalidateRegistrationById F7DqjmW3Yy") == "F7DqjmW3Yy"
    assert id_in_command("  invalidateRegistrationById   F7DqjmW3Yy ") == "F7DqjmW3Yy"
    assert id_in_command("invalidateRegistrationsForEndpoint urn:imei:1") is None
    assert id_in_command("invalidateRegistrationById") is None


def test_memory_offers_newest_first_and_matches_prefixes() -> None:
    memory = RegistrationMemory()
    memory.add("Ab3dE5gH7j", "operation 1")
    memory.add("Zz9yY8xX7w", "operation 2")
    memory.add("Ab9dE5gH7j", "operation 3")
    assert memory.matching("", 10) == [
        ("Ab9dE5gH7j", "operation 3"),
        ("Zz9yY8xX7w", "operation 2"),
        ("Ab3dE5gH7j", "operation 1"),
    ]
    assert [i for i, _ in memory.matching("Ab", 10)] == ["Ab9dE5gH7j", "Ab3dE5gH7j"]
    assert len(memory.matching("", 1)) == 1
    memory.add("Ab3dE5gH7j", "operation 4")  # seen again: now the newest
    assert memory.matching("", 1) == [("Ab3dE5gH7j", "operation 4")]


def test_memory_is_bounded_and_older_items_go_behind() -> None:
    memory = RegistrationMemory(limit=3)
    for n in range(5):
        memory.add(f"Ab3dE5gH7{n}", "x")
    assert [i for i, _ in memory.items()] == ["Ab3dE5gH72", "Ab3dE5gH73", "Ab3dE5gH74"]
    memory.add_older([("Old1Old1Ol", "history")])
    assert len(memory) == 3
    assert memory.matching("", 1) == [("Ab3dE5gH74", "x")]  # older ones never push ahead
    fresh = RegistrationMemory()
    fresh.add("Ab3dE5gH70", "now")
    fresh.add_older([("Old1Old1Ol", "history"), ("Ab3dE5gH70", "history")])
    assert fresh.items() == [("Old1Old1Ol", "history"), ("Ab3dE5gH70", "now")]


def _done(op_id: str, text: str, result: str | None = None) -> Operation:
    return Operation.model_validate(
        {"id": op_id, "status": "SUCCESSFUL", "c8y_Command": {"text": text, "result": result}}
    )


def test_learning_from_commands_and_results(make_catalogue: Factory) -> None:
    """What the runner hands over (``note_operation``): the command's ID and its result's."""
    catalogue = make_catalogue(disk=False)
    catalogue.note_operation(_done("8", "invalidateRegistrationById F7DqjmW3Yy"))
    catalogue.note_operation(_done("9", "help", "No LWM2M registration with ID Xy1Xy1Xy1X"))
    catalogue.note_operation(_done("10", "help", "all good"))
    assert catalogue.registrations.items() == [
        ("F7DqjmW3Yy", "operation 8"),
        ("Xy1Xy1Xy1X", "operation 9"),
    ]
