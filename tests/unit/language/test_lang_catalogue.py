"""The catalogue holds what the documentation lists, consistently."""

from __future__ import annotations

from lwm2m_shell.language import (
    ALL_COMMANDS,
    CONNECTOR_COMMANDS,
    LOCAL_COMMANDS,
    ArgKind,
    find_command,
)


def test_connector_commands_are_the_documented_ones() -> None:
    assert [spec.name for spec in CONNECTOR_COMMANDS] == [
        "help",
        "migrateLwm2mDevices",
        "cleanupClusterTenantObjectsForEndpoint",
        "invalidateRegistrationsForEndpoint",
        "invalidateRegistrationById",
    ]


def test_local_commands_start_with_a_dot() -> None:
    names = [spec.name for spec in LOCAL_COMMANDS]
    assert names == [
        ".help",
        ".status",
        ".history",
        ".bulk",
        ".context",
        ".send",
        ".refresh",
        ".devices",
        ".endpoints",
        ".use",
        ".exit",
    ]
    assert all(spec.local for spec in LOCAL_COMMANDS)


def test_help_is_answered_locally_the_rest_is_sent() -> None:
    local = {spec.name for spec in CONNECTOR_COMMANDS if spec.local}
    assert local == {"help"}


def test_names_and_aliases_are_unique() -> None:
    names = [name for spec in ALL_COMMANDS for name in spec.names]
    assert len(names) == len(set(names))


def test_find_command_is_exact() -> None:
    assert find_command("exit") is find_command(".exit")
    assert find_command("quit") is find_command(".exit")
    assert find_command("Help") is None
    assert find_command("") is None


def test_usage_lines() -> None:
    usages = {spec.name: spec.usage for spec in ALL_COMMANDS}
    assert usages["migrateLwm2mDevices"] == (
        "migrateLwm2mDevices [-d|--devices ID...] [-sr|--skipRegistrations]"
    )
    assert usages["cleanupClusterTenantObjectsForEndpoint"] == (
        "cleanupClusterTenantObjectsForEndpoint <endpoint>"
    )
    assert usages["invalidateRegistrationById"] == "invalidateRegistrationById <registrationId>"
    assert usages["help"] == "help [NAME]"
    assert usages[".status"] == ".status ID"
    assert usages[".history"] == ".history [N]"
    assert usages[".send"] == ".send TEXT"
    assert usages[".devices"] == ".devices [TEXT]"


def test_scopes_name_real_flags_or_arguments() -> None:
    for spec in ALL_COMMANDS:
        known = {flag.long for flag in spec.flags} | {arg.name for arg in spec.args}
        assert set(spec.scoped_by) <= known, spec.name
        if spec.scoped_by:
            assert spec.tenant_wide


def test_only_migrate_is_tenant_wide_and_only_cleanup_deprecated() -> None:
    assert [spec.name for spec in ALL_COMMANDS if spec.tenant_wide] == ["migrateLwm2mDevices"]
    deprecated = [spec for spec in ALL_COMMANDS if spec.deprecated]
    assert [spec.name for spec in deprecated] == ["cleanupClusterTenantObjectsForEndpoint"]
    assert "10.18" in (deprecated[0].deprecated or "")


def test_flags_are_spelled_with_dashes() -> None:
    for spec in ALL_COMMANDS:
        for flag in spec.flags:
            assert flag.long.startswith("--")
            assert flag.short is None or (flag.short.startswith("-") and flag.short[1] != "-")


def test_rest_of_line_arguments_are_last_and_text() -> None:
    for spec in ALL_COMMANDS:
        for index, arg in enumerate(spec.args):
            if arg.rest_of_line:
                assert arg.kind is ArgKind.TEXT
                assert index == len(spec.args) - 1
