"""Valid commands: flag orders, merging, the sent text, local commands, quoting, pasted blocks."""

from __future__ import annotations

import pytest

from lwm2m_shell.language import Command, ParseError, parse, parse_lines


def _command(line: str) -> Command:
    result = parse(line)
    assert isinstance(result, Command), f"{line!r} gave {result!r}"
    return result


@pytest.mark.parametrize(
    ("line", "device_ids", "skip"),
    [
        ("migrateLwm2mDevices -sr -d 1 2", ("1", "2"), True),
        ("migrateLwm2mDevices -d 1 2 -sr", ("1", "2"), True),
        ("migrateLwm2mDevices --devices 1 --skipRegistrations", ("1",), True),
        ("migrateLwm2mDevices --skipRegistrations --devices 1", ("1",), True),
        ("migrateLwm2mDevices -d 0012", ("0012",), False),
    ],
)
def test_migrate_flags_in_any_order(line: str, device_ids: tuple[str, ...], skip: bool) -> None:
    command = _command(line)
    assert command.device_ids == device_ids
    assert command.flags["--devices"] == list(device_ids)
    assert command.flags.get("--skipRegistrations", False) is skip
    assert command.tenant_wide is False
    assert command.text == line  # the user's spelling and order are kept
    assert command.notes == ()


@pytest.mark.parametrize(
    ("line", "device_ids", "sent"),
    [
        (
            "migrateLwm2mDevices -d 1 -sr -d 2 3",
            ("1", "2", "3"),
            "migrateLwm2mDevices -d 1 2 3 -sr",
        ),
        ("migrateLwm2mDevices -d 1 --devices 2", ("1", "2"), "migrateLwm2mDevices -d 1 2"),
        (
            "migrateLwm2mDevices --devices 7 -d 8 -sr -d 9",
            ("7", "8", "9"),
            "migrateLwm2mDevices --devices 7 8 9 -sr",
        ),
    ],
)
def test_repeated_device_options_are_sent_as_one_list(
    line: str, device_ids: tuple[str, ...], sent: str
) -> None:
    """The agent takes -d once ("Option -d given twice"): the IDs go behind the first one."""
    command = _command(line)
    assert command.device_ids == device_ids
    assert command.text == sent
    assert any("given more than once" in note and sent in note for note in command.notes)
    again = _command(command.text)  # what is sent reads back as the same command
    assert again.device_ids == device_ids and again.notes == ()


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("  migrateLwm2mDevices    -sr\t-d 1111   2222  ", "migrateLwm2mDevices -sr -d 1111 2222"),
        ("migrateLwm2mDevices '-sr' \"-d\" '1111'", "migrateLwm2mDevices -sr -d 1111"),
        ("invalidateRegistrationById 'F7DqjmW3Yy'", "invalidateRegistrationById F7DqjmW3Yy"),
        (
            'invalidateRegistrationsForEndpoint "urn:imei:012345678901234"',
            "invalidateRegistrationsForEndpoint urn:imei:012345678901234",
        ),
        (
            "invalidateRegistrationsForEndpoint urn:imei:\\0123",
            "invalidateRegistrationsForEndpoint urn:imei:0123",
        ),
        ("migrateLwm2mDevices -d 1 # the first device", "migrateLwm2mDevices -d 1"),
        ("invalidateRegistrationsForEndpoint a#1", "invalidateRegistrationsForEndpoint a#1"),
    ],
)
def test_text_is_the_tokens_joined_by_single_spaces(line: str, text: str) -> None:
    command = _command(line)
    assert command.text == text
    assert command.text == " ".join(command.tokens)


def test_tenant_wide_only_without_devices() -> None:
    assert _command("migrateLwm2mDevices").tenant_wide is True
    assert _command("migrateLwm2mDevices -sr").tenant_wide is True
    assert _command("migrateLwm2mDevices -sr -d 5").tenant_wide is False
    assert _command("migrateLwm2mDevices 5,6").tenant_wide is False
    assert _command("invalidateRegistrationById abc").tenant_wide is False


def test_endpoint_with_colons_is_one_value() -> None:
    command = _command("invalidateRegistrationsForEndpoint urn:uuid:6ba7b810-9dad-11d1-80b4")
    assert command.args == {"endpoint": "urn:uuid:6ba7b810-9dad-11d1-80b4"}


def test_command_spec_is_reachable() -> None:
    command = _command("migrateLwm2mDevices")
    assert command.spec.name == "migrateLwm2mDevices"
    assert command.spec.tenant_wide is True


@pytest.mark.parametrize(
    ("line", "spec_name", "args"),
    [
        (".status 123", ".status", {"id": "123"}),
        (".history", ".history", {}),
        (".history 20", ".history", {"count": "20"}),
        (".bulk", ".bulk", {}),
        (".context", ".context", {}),
        (".refresh", ".refresh", {}),
        (".devices", ".devices", {}),
        (".devices  meter 12", ".devices", {"filter": "meter 12"}),
        (".endpoints urn:imei", ".endpoints", {"filter": "urn:imei"}),
        (".help", ".help", {}),
        (".help .status", ".help", {"name": ".status"}),
        ("help", "help", {}),
        ("help invalidateRegistrationById", "help", {"name": "invalidateRegistrationById"}),
        ("help quit", "help", {"name": "quit"}),
        (".exit", ".exit", {}),
        (".quit", ".exit", {}),
        ("exit", ".exit", {}),
        ("quit", ".exit", {}),
    ],
)
def test_local_commands(line: str, spec_name: str, args: dict[str, str]) -> None:
    command = _command(line)
    assert command.spec_name == spec_name
    assert command.args == args
    assert command.local is True
    assert command.tenant_wide is False
    assert command.text == line


@pytest.mark.parametrize(
    ("line", "text"),
    [
        (".send help", "help"),
        (".send  migrateLwm2mDevices -x 'unbalanced", "migrateLwm2mDevices -x 'unbalanced"),
        (".send futureCommand --flag: value", "futureCommand --flag: value"),
        (".send a  b\tc # not a comment", "a  b\tc # not a comment"),
    ],
)
def test_send_takes_the_rest_of_the_line_verbatim(line: str, text: str) -> None:
    command = _command(line)
    assert command.spec_name == ".send"
    assert command.args == {"text": text}
    assert command.tokens == (".send", text)
    assert command.text == line


@pytest.mark.parametrize(
    ("line", "tenant_wide"),
    [
        (".send migrateLwm2mDevices", True),
        (".send migrateLwm2mDevices -sr", True),
        (".send migrateLwm2mDevices --futureFlag", True),  # not understood: ask to be safe
        (".send migrateLwm2mDevices -d 1111", False),
        (".send migrateLwm2mDevices 1111,2222", False),
        (".send invalidateRegistrationById F7DqjmW3Yy", False),
        (".send help", False),
        (".send someFutureCommand", False),
    ],
)
def test_send_text_that_would_migrate_the_tenant_is_tenant_wide(
    line: str, tenant_wide: bool
) -> None:
    command = _command(line)
    assert command.local is True
    assert command.tenant_wide is tenant_wide


def test_send_still_refuses_control_characters() -> None:
    result = parse(".send help\x1b")
    assert isinstance(result, ParseError)
    assert "U+001B (ESC)" in result.message


@pytest.mark.parametrize("line", ["", "   ", "\t", "# a comment", "   # indented comment", "```"])
def test_blank_and_comment_lines_give_none(line: str) -> None:
    assert parse(line) is None


def test_parse_lines_keeps_order_and_line_numbers() -> None:
    block = (
        "# migrate two devices, then invalidate\n"
        "\n"
        "* `migrateLwm2mDevices -sr -d 1111 2222`: first\r\n"
        "invalidateRegistrationById <registration_ID>\n"
        "   \n"
        "invalidateRegistrationById F7DqjmW3Yy\n"
    )
    results = parse_lines(block)
    assert [number for number, _ in results] == [3, 4, 6]
    first, second, third = (result for _, result in results)
    assert isinstance(first, Command) and first.text == "migrateLwm2mDevices -sr -d 1111 2222"
    assert isinstance(second, ParseError) and "<registration_ID>" in second.message
    assert isinstance(third, Command) and third.text == "invalidateRegistrationById F7DqjmW3Yy"


def test_parse_lines_of_a_markdown_block() -> None:
    block = "```bash\nmigrateLwm2mDevices --skipRegistrations\n```\n"
    results = parse_lines(block)
    assert len(results) == 1
    number, result = results[0]
    assert number == 2
    assert isinstance(result, Command)
    assert result.flags == {"--skipRegistrations": True}


def test_parse_lines_of_nothing() -> None:
    assert parse_lines("") == []
    assert parse_lines("\n\n# only comments\n") == []
