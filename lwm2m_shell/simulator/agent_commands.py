"""The simulated LWM2M agent's own command parser and the effect of each command.

Deliberately independent of lwm2m_shell.language: it models the agent on the server side, so
its wording and parsing are its own. Each command returns an Outcome (final status, result text
and failure reason) after changing the tenant data.
"""

from __future__ import annotations

from dataclasses import dataclass

from .devices import TenantDevices

HELP_TEXT = """\
LWM2M connector operations:
  help
      Print this overview.
  migrateLwm2mDevices [-d|--devices <id> [<id> ...]] [-sr|--skipRegistrations]
      Migrate LWM2M devices to the new registration structure (all devices of the tenant
      unless -d is given). -sr skips their client registration objects.
      Older form, still accepted: migrateLwm2mDevices <id>,<id>,...
  cleanupClusterTenantObjectsForEndpoint <endpoint>
      Remove the tenant route objects kept in the cluster tenant for an endpoint
      (also for endpoints whose device was deleted).
  invalidateRegistrationsForEndpoint <endpoint>
      Invalidate every LWM2M registration of an endpoint; the device re-registers.
  invalidateRegistrationById <registrationId>
      Invalidate one LWM2M registration."""

USAGE = {
    "help": "help",
    "migrateLwm2mDevices": (
        "migrateLwm2mDevices [-d|--devices <id> [<id> ...]] [-sr|--skipRegistrations]"
        " | migrateLwm2mDevices <id>,<id>,..."
    ),
    "cleanupClusterTenantObjectsForEndpoint": "cleanupClusterTenantObjectsForEndpoint <endpoint>",
    "invalidateRegistrationsForEndpoint": "invalidateRegistrationsForEndpoint <endpoint>",
    "invalidateRegistrationById": "invalidateRegistrationById <registrationId>",
}


@dataclass(frozen=True)
class Outcome:
    status: str  # SUCCESSFUL or FAILED
    result: str
    failure_reason: str | None = None


def _usage_failure(problem: str, command: str | None) -> Outcome:
    if command is None:
        usage = "Available operations: " + ", ".join(USAGE) + ". Run 'help' for their usage."
    else:
        usage = "Usage: " + USAGE[command]
    return Outcome("FAILED", f"{problem}\n{usage}", f"{problem}. {usage}")


def execute(text: object, devices: TenantDevices) -> Outcome:
    """Run one command line against the tenant data (answers tainted when hostile text is on)."""
    outcome = _execute(text, devices)
    reason = outcome.failure_reason
    return Outcome(
        outcome.status,
        devices.hostile.taint("results", outcome.result),
        None if reason is None else devices.hostile.taint("reasons", reason),
    )


def _execute(text: object, devices: TenantDevices) -> Outcome:
    if not isinstance(text, str) or not text.strip():
        return _usage_failure("No command given", None)
    words = text.split()
    name, args = words[0], words[1:]
    if name == "help":
        if args:
            return _usage_failure("help takes no arguments", "help")
        return Outcome("SUCCESSFUL", HELP_TEXT)
    if name == "migrateLwm2mDevices":
        return _migrate(args, devices)
    if name in USAGE and len(args) != 1:
        return _usage_failure(f"{name} needs exactly one argument", name)
    if name == "cleanupClusterTenantObjectsForEndpoint":
        return _cleanup(args[0], devices)
    if name == "invalidateRegistrationsForEndpoint":
        return _invalidate_endpoint(args[0], devices)
    if name == "invalidateRegistrationById":
        return _invalidate_registration(args[0], devices)
    return _usage_failure(f"Unknown operation '{name}'", None)


def _parse_migrate(args: list[str]) -> tuple[list[str] | None, bool] | str:
    """(selected IDs or None for all, skip registrations) or an error message."""
    if len(args) == 1 and not args[0].startswith("-"):
        ids = args[0].split(",")
        if any(not part for part in ids):
            return "Empty device ID in the comma-separated list"
        return ids, False
    selected: list[str] | None = None
    skip = False
    position = 0
    while position < len(args):
        arg = args[position]
        position += 1
        if arg in ("-sr", "--skipRegistrations"):
            if skip:
                return f"Option {arg} given twice"
            skip = True
        elif arg in ("-d", "--devices"):
            if selected is not None:
                return f"Option {arg} given twice"
            selected = []
            while position < len(args) and not args[position].startswith("-"):
                selected.append(args[position])
                position += 1
            if not selected:
                return f"Option {arg} needs at least one device ID"
        elif arg.startswith("-"):
            return f"Unknown option '{arg}'"
        else:
            return f"Unexpected argument '{arg}'"
    return selected, skip


def _migrate(args: list[str], devices: TenantDevices) -> Outcome:
    parsed = _parse_migrate(args)
    if isinstance(parsed, str):
        return _usage_failure(parsed, "migrateLwm2mDevices")
    selected, skip = parsed
    what = "devices" if skip else "devices and their registrations"
    if selected is None:
        changed, moved = devices.migrate_everything(registrations=not skip)
        if changed == 0:
            return Outcome("SUCCESSFUL", f"Nothing left to migrate: all LWM2M {what} are migrated.")
        text = f"Migrated {changed} LWM2M device(s)"
        text += "; registrations skipped." if skip else f" and {moved} registration(s)."
        return Outcome("SUCCESSFUL", text)
    lines: list[str] = []
    failed = changed_total = 0
    for device_id in dict.fromkeys(selected):
        view = devices.get(device_id) if device_id.isdigit() else None
        if view is None:
            failed += 1
            lines.append(f"{device_id}: FAILED - no managed object with this ID")
            continue
        if view.kind != "lwm2m":
            failed += 1
            lines.append(f"{device_id}: FAILED - not an LWM2M device")
            continue
        changed, moved = devices.set_migrated(device_id, registrations=not skip)
        if not changed:
            lines.append(f"{device_id}: already migrated, nothing to do")
        else:
            changed_total += 1
            extra = " (registrations skipped)" if skip else f" with {moved} registration(s)"
            lines.append(f"{device_id}: migrated{extra}")
    if failed:
        reason = f"{failed} of {len(lines)} device(s) could not be migrated"
        return Outcome("FAILED", "\n".join(lines), reason)
    if changed_total == 0:
        lines.insert(0, f"Nothing left to migrate: the selected {what} are migrated.")
    return Outcome("SUCCESSFUL", "\n".join(lines))


def _cleanup(endpoint: str, devices: TenantDevices) -> Outcome:
    removed = devices.cleanup_routes(endpoint)
    if removed == 0:
        return Outcome(
            "SUCCESSFUL",
            f"No cluster tenant objects found for endpoint {endpoint}; nothing to clean up.",
        )
    return Outcome(
        "SUCCESSFUL", f"Removed {removed} cluster tenant object(s) for endpoint {endpoint}."
    )


def _invalidate_endpoint(endpoint: str, devices: TenantDevices) -> Outcome:
    invalidated = devices.invalidate_endpoint(endpoint)
    if invalidated is None:
        reason = f"No LWM2M device with endpoint {endpoint} in this tenant"
        return Outcome("FAILED", reason, reason)
    if not invalidated:
        return Outcome(
            "SUCCESSFUL", f"No registrations left for endpoint {endpoint}; nothing to invalidate."
        )
    listed = ", ".join(invalidated)
    return Outcome(
        "SUCCESSFUL",
        f"Invalidated {len(invalidated)} registration(s) of endpoint {endpoint}: {listed}",
    )


def _invalidate_registration(registration_id: str, devices: TenantDevices) -> Outcome:
    found = devices.find_registration(registration_id)
    if found is None:
        reason = f"No LWM2M registration with ID {registration_id}"
        return Outcome("FAILED", reason, reason)
    endpoint, active = found
    if not active:
        return Outcome(
            "SUCCESSFUL",
            f"Registration {registration_id} of endpoint {endpoint} is already invalidated;"
            " nothing to do.",
        )
    devices.invalidate(registration_id)
    return Outcome(
        "SUCCESSFUL", f"Invalidated registration {registration_id} of endpoint {endpoint}."
    )
