"""What the shell sends for text copied from formatted documents, run as ``lwm2m-shell -c``."""

from __future__ import annotations

from lwm2m_shell.simulator import SimulatedTenant

from .test_modes import commands, run


def lwm2m_device(tenant: SimulatedTenant, index: int = 0) -> dict[str, object]:
    return [d for d in tenant.lwm2m_devices() if d["registrations"]][index]


def test_a_repeated_device_option_is_sent_as_one_list_and_succeeds(
    env: dict[str, str], tenant: SimulatedTenant
) -> None:
    first, second = lwm2m_device(tenant, 0)["id"], lwm2m_device(tenant, 1)["id"]
    result = run(env, "-c", f"migrateLwm2mDevices -d {first} -sr --devices {second}")
    assert result.returncode == 0, result.stderr
    sent = f"migrateLwm2mDevices -d {first} {second} -sr"
    assert commands(tenant) == [sent]  # the agent takes -d once
    assert f"-d/--devices given more than once: the IDs are sent as one list: {sent}" in (
        result.stderr
    )
    assert "given twice" not in result.stdout + result.stderr


def test_curly_quotes_and_fullwidth_digits_are_made_plain_with_a_note(
    env: dict[str, str], tenant: SimulatedTenant
) -> None:
    device = lwm2m_device(tenant)
    endpoint, device_id = str(device["endpoint"]), str(device["id"])
    wide = "".join(chr(ord(c) + 0xFEE0) for c in device_id)
    result = run(
        env,
        "-c",
        f"invalidateRegistrationsForEndpoint \u201c{endpoint}\u201d",
        "-c",
        f"migrateLwm2mDevices -sr -d {wide}",
    )
    assert result.returncode == 0, result.stderr
    assert commands(tenant) == [
        f"invalidateRegistrationsForEndpoint {endpoint}",
        f"migrateLwm2mDevices -sr -d {device_id}",
    ]
    assert f"typographic quotes removed: \u201c{endpoint}\u201d" in result.stderr
    assert f"fullwidth characters changed to ASCII: {wide} → {device_id}" in result.stderr
    # Several commands: each result is labelled with its command.
    assert f"[1/2] invalidateRegistrationsForEndpoint {endpoint}" in result.stderr
    assert f"[2/2] migrateLwm2mDevices -sr -d {device_id}" in result.stderr


def test_an_em_dash_is_refused_with_the_option_it_stands_for(
    env: dict[str, str], tenant: SimulatedTenant
) -> None:
    result = run(env, "-c", "migrateLwm2mDevices \u2014devices 10003")
    assert result.returncode == 2
    assert "'\u2014devices': \u2014 is an em dash (U+2014): did you mean --devices?" in (
        result.stderr
    )
    assert "must be digits" not in result.stderr
    assert "error: error:" not in result.stderr
    assert commands(tenant) == []


def test_the_deprecated_cleanup_command_says_so(
    env: dict[str, str], tenant: SimulatedTenant
) -> None:
    endpoint = str(lwm2m_device(tenant)["endpoint"])
    result = run(env, "-c", f"cleanupClusterTenantObjectsForEndpoint {endpoint}")
    assert result.returncode == 0, result.stderr
    assert "cleanupClusterTenantObjectsForEndpoint is deprecated since 10.18" in result.stderr
    assert commands(tenant) == [f"cleanupClusterTenantObjectsForEndpoint {endpoint}"]


def test_a_validation_error_says_error_once(env: dict[str, str], tenant: SimulatedTenant) -> None:
    result = run(env, "-c", "migrateLwm2mDevices -d 12a")
    assert result.returncode == 2
    assert "error: -c: device ID must be digits: '12a'" in result.stderr.replace("\n", " ")
    assert "error: error:" not in result.stderr
