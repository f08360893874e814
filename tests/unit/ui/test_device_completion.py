"""The completer and the prompt on a device target: device commands and paths with their names
from the language, instances seen in results, targets from the tenant catalogue."""

from __future__ import annotations

from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document

from lwm2m_shell.commands.target import CONNECTOR, CurrentTarget, Target
from lwm2m_shell.language import TargetKind
from lwm2m_shell.ui.completer import Candidate, ShellCompleter


class Sources:
    def device_ids(self, word: str, exclude: frozenset[str], limit: int) -> list[Candidate]:
        return [(i, "device") for i in ("4711", "4712") if i.startswith(word)][:limit]

    def endpoints(self, word: str, limit: int) -> list[Candidate]:
        return [(e, "device 4711") for e in ("urn:imei:0123",) if word in e][:limit]

    def registration_ids(self, word: str, limit: int) -> list[Candidate]:
        return []


def completions(completer: ShellCompleter, text: str) -> list[tuple[str, str, str]]:
    found = completer.get_completions(Document(text), CompleteEvent(completion_requested=True))
    return [(c.text, c.display_text, c.display_meta_text) for c in found]


def on(target: CurrentTarget) -> ShellCompleter:
    return ShellCompleter(sources=Sources, kind=lambda: target.kind, instances=target.instances)


def test_paths_complete_level_by_level_with_names() -> None:
    completer = on(CurrentTarget(Target(device_id="4711")))
    found = completions(completer, "read /3/0/")
    assert ("/3/0/0", "0", "Manufacturer  R String") in found
    assert not [c for c in found if c[0] == "/3/0/4"]  # Reboot cannot be read
    assert ("/3/0/4", "4", "Reboot  E") in completions(completer, "execute /3/0/")


def test_instances_seen_in_results_are_offered() -> None:
    target = CurrentTarget(Target(device_id="4711"))
    completer = on(target)
    assert [c[0] for c in completions(completer, "read /3303/")] == ["/3303/0"]
    target.learn_instances("4711", {3303: [1, 4]})
    assert [c[0] for c in completions(completer, "read /3303/")] == ["/3303/1", "/3303/4"]


def test_device_commands_only_on_a_device_target() -> None:
    target = CurrentTarget()
    completer = on(target)
    assert not [c for c in completions(completer, "rea") if c[0] == "read"]
    target.point_at(Target(device_id="4711"))
    assert completions(completer, "rea")[0][:2] == ("read", "read")


def test_use_completes_endpoints_and_ids() -> None:
    completer = on(CurrentTarget(CONNECTOR))
    assert [c[0] for c in completions(completer, ".use 0123")] == ["urn:imei:0123"]
    assert [c[0] for c in completions(completer, ".use 471")] == ["4711", "4712"]


def test_the_prompt_shows_the_device() -> None:
    from lwm2m_shell.config.settings import Settings
    from lwm2m_shell.connection.session import TenantSession
    from lwm2m_shell.modes.repl import prompt_message

    session = TenantSession(Settings(url="https://example.com", tenant="t1", user="u"))
    try:
        plain = "".join(text for _style, text in prompt_message(session))
        device = Target(device_id="4711", label="urn:imei:" + "9" * 40)
        shown = "".join(text for _style, text in prompt_message(session, device))
    finally:
        session.close()
    assert plain.endswith("> ") and " urn:imei:" not in plain
    assert shown.startswith(plain[:-2] + " urn:imei:99") and shown.endswith("…> ")
    assert TargetKind.DEVICE is device.kind
