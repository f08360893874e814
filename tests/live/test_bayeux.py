"""Reading Bayeux answers: messages, advice, error codes."""

from __future__ import annotations

import json

import pytest

from lwm2m_shell.live.bayeux import (
    Advice,
    BayeuxError,
    RealtimeEvent,
    error_code,
    parse_messages,
    reply_to,
)


def test_an_answer_is_a_list_of_messages() -> None:
    answer = [
        {"channel": "/operations/7", "id": 12, "data": {"realtimeAction": "UPDATE", "data": {}}},
        {"channel": "/meta/connect", "successful": True, "clientId": "abc", "advice": {}},
    ]
    messages = parse_messages(json.dumps(answer).encode())
    assert [m.channel for m in messages] == ["/operations/7", "/meta/connect"]
    assert messages[0].id == "12"  # numbers become strings
    assert not messages[0].is_meta and messages[1].is_meta
    assert reply_to(messages, "/meta/connect").client_id == "abc"
    event = RealtimeEvent.model_validate(messages[0].data)
    assert event.realtime_action == "UPDATE"


def test_a_lone_object_counts_as_one_message() -> None:
    messages = parse_messages(b'{"channel": "/meta/handshake", "successful": false}')
    assert len(messages) == 1 and messages[0].successful is False


@pytest.mark.parametrize(
    "content",
    [b"<html>502</html>", b"", b'"text"', b"[1, 2]", b'[{"successful": true}]', b"\xff\xfe"],
)
def test_unusable_answers_raise_one_line_errors(content: bytes) -> None:
    with pytest.raises(BayeuxError) as raised:
        parse_messages(content)
    assert "\n" not in str(raised.value)


def test_a_missing_reply_is_an_error() -> None:
    with pytest.raises(BayeuxError, match="/meta/subscribe"):
        reply_to(parse_messages(b'[{"channel": "/meta/connect"}]'), "/meta/subscribe")


def test_advice_is_sticky_field_by_field() -> None:
    first = Advice(reconnect="retry", interval=0, timeout=30_000)
    merged = first.merged(Advice(reconnect="handshake"))
    assert (merged.reconnect, merged.interval, merged.timeout) == ("handshake", 0, 30_000)
    assert first.merged(None) is first
    assert first.merged(Advice(timeout=5000)).timeout == 5000


def test_unknown_advice_is_refused() -> None:
    with pytest.raises(BayeuxError):
        parse_messages(b'[{"channel": "/meta/connect", "advice": {"reconnect": "later"}}]')


def test_error_codes() -> None:
    (message,) = parse_messages(b'[{"channel": "/meta/connect", "error": "402::Unknown client"}]')
    assert error_code(message) == "402"
    (plain,) = parse_messages(b'[{"channel": "/meta/connect", "error": "something odd"}]')
    assert error_code(plain) == ""
