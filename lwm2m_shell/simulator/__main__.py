"""``python -m lwm2m_shell.simulator``: run a simulated tenant in the foreground."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time
from collections.abc import Sequence

from .config import (
    ADMIN_PASSWORD,
    ADMIN_USER,
    FAULT_SPEC_HELP,
    TFA_CODE,
    TFA_PASSWORD,
    TFA_USER,
    VIEWER_PASSWORD,
    VIEWER_USER,
    Fault,
    SimulatorConfig,
    parse_fault_spec,
)
from .tenant import SimulatedTenant


def _fault(spec: str) -> Fault:
    try:
        return parse_fault_spec(spec)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def build_parser() -> argparse.ArgumentParser:
    defaults = SimulatorConfig()
    parser = argparse.ArgumentParser(
        prog="python -m lwm2m_shell.simulator",
        description="Run a simulated Cumulocity tenant with the LWM2M agent on 127.0.0.1.",
        epilog=FAULT_SPEC_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--devices",
        type=int,
        default=defaults.devices,
        metavar="N",
        help=f"number of LWM2M devices (default {defaults.devices})",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=defaults.port,
        metavar="P",
        help="TCP port (default 0: any free port)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=defaults.seed,
        metavar="S",
        help=f"seed of the tenant data (default {defaults.seed})",
    )
    parser.add_argument(
        "--pending-delay",
        type=float,
        default=defaults.pending_delay,
        metavar="S",
        help="seconds an operation stays PENDING",
    )
    parser.add_argument(
        "--execution-delay",
        type=float,
        default=defaults.execution_delay,
        metavar="S",
        help="seconds an operation stays EXECUTING",
    )
    parser.add_argument(
        "--latency",
        type=float,
        default=defaults.latency,
        metavar="S",
        help="seconds added to every API request",
    )
    parser.add_argument(
        "--agent-offline",
        action="store_true",
        help="start with the agent offline (operations stay PENDING)",
    )
    parser.add_argument(
        "--connectors",
        type=int,
        default=defaults.connectors,
        metavar="N",
        help="connector devices: 0 = not subscribed, 2 = ambiguous (default 1)",
    )
    parser.add_argument(
        "--hostile-text",
        action="store_true",
        help="agent results, failure reasons, error messages and a few device names and "
        "endpoints carry terminal control sequences (ESC, OSC, CSI, CR, C1, bidi)",
    )
    parser.add_argument(
        "--registration-interval",
        type=float,
        default=defaults.registration_interval,
        metavar="S",
        help="seconds between the registration updates of each LWM2M device "
        f"(default {defaults.registration_interval:g})",
    )
    parser.add_argument(
        "--awake-time",
        type=float,
        default=defaults.awake_time,
        metavar="S",
        help="seconds a sleeping device stays awake after an update "
        f"(default {defaults.awake_time:g})",
    )
    parser.add_argument(
        "--sleeping-share",
        type=float,
        default=defaults.sleeping_share,
        metavar="F",
        help=f"share of LWM2M devices that sleep (default {defaults.sleeping_share:g})",
    )
    parser.add_argument(
        "--unresponsive-share",
        type=float,
        default=defaults.unresponsive_share,
        metavar="F",
        help="share of LWM2M devices that let an operation's first delivery time out "
        f"(default {defaults.unresponsive_share:g})",
    )
    parser.add_argument(
        "--fault",
        type=_fault,
        action="append",
        default=[],
        metavar="SPEC",
        help="inject a fault (repeatable); syntax below",
    )
    return parser  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _run(build_parser().parse_args(argv))
    except KeyboardInterrupt:
        return 130


def _run(args: argparse.Namespace) -> int:
    try:
        tenant = SimulatedTenant(
            devices=args.devices,
            port=args.port,
            seed=args.seed,
            pending_delay=args.pending_delay,
            execution_delay=args.execution_delay,
            latency=args.latency,
            agent_online=not args.agent_offline,
            connectors=args.connectors,
            hostile_text=args.hostile_text,
            registration_interval=args.registration_interval,
            awake_time=args.awake_time,
            sleeping_share=args.sleeping_share,
            unresponsive_share=args.unresponsive_share,
        )
        tenant.start()
    except (ValueError, OSError) as error:
        print(f"simulator: cannot start: {error}", file=sys.stderr)
        return 2
    for fault in args.fault:
        tenant.add_fault(fault)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    connectors = ", ".join(tenant.connector_ids) or "none (tenant not subscribed)"
    print(f"Simulated Cumulocity tenant at {tenant.url}")
    print(f"  tenant:     {tenant.tenant_id}")
    print(f"  connector:  {connectors}")
    print(f"  users:      {ADMIN_USER} / {ADMIN_PASSWORD}   (all roles)")
    print(f"              {TFA_USER} / {TFA_PASSWORD}   (TFA code {TFA_CODE})")
    print(f"              {VIEWER_USER} / {VIEWER_PASSWORD}   (no ROLE_DEVICE_CONTROL_ADMIN)")
    print(f"  control:    {tenant.url}/__simulator__/state")
    kinds = _device_kinds(tenant)
    if kinds:
        print(f"  devices:    {kinds}")
    print("Press Ctrl-C to stop.", flush=True)
    try:
        while not stop.is_set():
            time.sleep(0.2)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not break the stop
        tenant.stop()
    print("Simulated tenant stopped.")
    return 0


def _device_kinds(tenant: SimulatedTenant) -> str:
    """One example device ID per LWM2M device mode (sleeping, unresponsive)."""
    examples: dict[str, str] = {}
    devices = tenant.state.devices
    for slot in range(min(devices.space.slots, 200)):
        view = devices.slot_view(slot)
        if view.kind == "lwm2m":
            examples.setdefault(view.mode, view.id)
    return ", ".join(f"{mode} {examples[mode]}" for mode in sorted(examples))


if __name__ == "__main__":
    sys.exit(main())
