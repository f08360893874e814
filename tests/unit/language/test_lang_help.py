"""The help text: complete, our own wording built from the catalogue, wrapped to the width."""

from __future__ import annotations

import pytest

from lwm2m_shell.language import (
    ALL_COMMANDS,
    CONNECTOR_COMMANDS,
    LOCAL_COMMANDS,
    find_command,
    render_command_help,
    render_help,
)


def _is_command_line(line: str) -> bool:
    """A usage or example line, which must never be wrapped."""
    word = line.strip().split(" ")[0] if line.strip() else ""
    return find_command(word) is not None or line.startswith(("usage: ", "   or: "))


def test_help_lists_every_command_with_usage_and_summary() -> None:
    text = render_help()
    for spec in CONNECTOR_COMMANDS:
        assert spec.usage in text
    for spec in LOCAL_COMMANDS:
        assert spec.usage in text
    assert text.index("migrateLwm2mDevices [-d|--devices ID...]") < text.index(".status ID")
    assert "help NAME" in text
    assert ".send help" in text
    assert "(deprecated since 10.18)" in text


def test_help_summaries_appear_whole_at_a_wide_width() -> None:
    text = render_help(200)
    for spec in ALL_COMMANDS:
        assert spec.summary in text


@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_help_wraps_prose_to_the_width_but_never_command_lines(width: int) -> None:
    texts = [render_help(width)] + [
        render_command_help(spec.name, width) or "" for spec in ALL_COMMANDS
    ]
    for text in texts:
        for line in text.split("\n"):
            if len(line) > width:
                assert _is_command_line(line), line
    wide = render_command_help("cleanupClusterTenantObjectsForEndpoint", 40) or ""
    assert "  cleanupClusterTenantObjectsForEndpoint urn:imei:012345678901234" in wide


def test_migrate_help_in_full() -> None:
    text = render_command_help("migrateLwm2mDevices")
    assert text is not None
    assert text.startswith(
        "usage: migrateLwm2mDevices [-d|--devices ID...] [-sr|--skipRegistrations]"
    )
    assert "migrateLwm2mDevices [ID,ID,...]   (legacy syntax)" in text
    assert "-d, --devices ID..." in text
    assert "-sr, --skipRegistrations" in text
    assert "Tenant-wide" in text
    for example in (
        "migrateLwm2mDevices",
        "migrateLwm2mDevices --skipRegistrations",
        "migrateLwm2mDevices --devices 1111 2222",
        "migrateLwm2mDevices -sr -d 1111 2222",
        "migrateLwm2mDevices 1122,3344",
    ):
        assert f"\n  {example}\n" in text


def test_cleanup_help_says_it_is_deprecated() -> None:
    text = render_command_help("cleanupClusterTenantObjectsForEndpoint", 200)
    assert text is not None
    assert "deprecated since 10.18" in text
    assert "Not tenant-wide" in text
    assert "<endpoint>" in text


def test_help_of_help_says_it_is_answered_locally() -> None:
    text = render_command_help("help", 200)
    assert text is not None
    assert "Answered by lwm2m-shell itself" in text
    assert ".send help" in text


def test_aliases_find_the_command_and_are_listed() -> None:
    text = render_command_help("quit")
    assert text is not None
    assert text.startswith("usage: .exit")
    assert "also: exit, quit, .quit" in text


def test_unknown_name_gives_none() -> None:
    assert render_command_help("nosuch") is None
    assert render_command_help("MIGRATELWM2MDEVICES") is None


def test_every_command_has_help_and_its_examples_parse() -> None:
    from lwm2m_shell.language import Command, parse

    for spec in ALL_COMMANDS:
        assert spec.summary and spec.help
        for example, meaning in spec.examples:
            assert meaning
            result = parse(example)
            assert isinstance(result, Command), (example, result)
            assert find_command(result.spec_name) is spec


def test_help_names_the_keys_of_the_prompt() -> None:
    text = render_help(100)
    for key in ("Tab", "Ctrl-L", "Ctrl-C", "Ctrl-D"):
        assert key in text
    assert "Ctrl-L     clear the screen" in text
