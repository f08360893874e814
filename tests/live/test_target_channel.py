"""The targeted device's subscription follows the target; a refusal means polling, not a crash."""

from __future__ import annotations

from lwm2m_shell.live.target_channel import TargetChannel


class Server:
    """Records what was asked of it; refuses the channels it is told to."""

    def __init__(self, refuse: set[str] | None = None) -> None:
        self.asked: list[str] = []
        self.refuse = refuse or set()

    def subscribe(self, channel: str) -> None:
        self.asked.append(f"+{channel}")
        if channel in self.refuse:
            raise RuntimeError("403::Forbidden")

    def unsubscribe(self, channel: str) -> None:
        self.asked.append(f"-{channel}")


def test_the_subscription_follows_the_target() -> None:
    device: list[str | None] = [None]
    channel, server = TargetChannel(lambda: device[0]), Server()
    channel.sync(server.subscribe, server.unsubscribe)
    assert server.asked == []  # the connector only: nothing more to subscribe
    device[0] = "4711"
    channel.sync(server.subscribe, server.unsubscribe)
    channel.sync(server.subscribe, server.unsubscribe)  # no change: nothing asked
    assert server.asked == ["+/operations/4711"]
    assert channel.covers("4711") and not channel.covers("4712")
    device[0] = "4712"
    channel.sync(server.subscribe, server.unsubscribe)
    assert server.asked[1:] == ["-/operations/4711", "+/operations/4712"]
    device[0] = None
    channel.sync(server.subscribe, server.unsubscribe)
    assert server.asked[3:] == ["-/operations/4712"] and not channel.covers("4712")


def test_a_refused_subscription_is_not_relied_on_and_a_handshake_forgets_all() -> None:
    channel, server = TargetChannel(lambda: "4711"), Server(refuse={"/operations/4711"})
    channel.sync(server.subscribe, server.unsubscribe)  # refused: logged, not raised
    assert not channel.covers("4711")
    server.refuse.clear()
    channel.sync(server.subscribe, server.unsubscribe)  # asked again at the next chance
    assert channel.covers("4711")
    channel.forget()  # a new handshake: the server knows none of our subscriptions
    assert not channel.covers("4711")
    channel.sync(server.subscribe, server.unsubscribe)
    assert server.asked == ["+/operations/4711"] * 3
