"""``Node.decided``: the answer a query gives for fragments alone must be the answer it gives
for every type and name (the inventory skips computing a slot's type on the strength of it)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lwm2m_shell.simulator.inventory import LWM2M_FRAGMENTS, OTHER_FRAGMENTS
from lwm2m_shell.simulator.query import Node, parse_query

FRAGMENTS = sorted(LWM2M_FRAGMENTS | OTHER_FRAGMENTS | {"c8y_Unknown"})
TYPES = ["c8y_lwm2m", "c8y_Linux", "x"]
NAMES = ["meter-1", "gw", ""]

leaves = st.one_of(
    st.sampled_from(FRAGMENTS).map(lambda f: f"has({f})"),
    st.sampled_from([*TYPES, "c8y_*", "*"]).map(lambda t: f"type eq '{t}'"),
    st.sampled_from([*NAMES[:2], "meter*"]).map(lambda n: f"name eq '{n}'"),
)
queries = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        ),
        inner.map(lambda q: f"not ({q})"),
    ),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(queries, st.sets(st.sampled_from(FRAGMENTS)))
def test_a_decided_answer_holds_for_every_type_and_name(text: str, fragments: set[str]) -> None:
    node = parse_query(text)
    decided = node.decided(fragments)
    answers = {node.evaluate(t, fragments, lambda n=n: n) for t in TYPES for n in NAMES}
    if decided is not None:
        assert answers == {decided}


def test_the_lwm2m_query_is_decided_by_the_fragment_for_lwm2m_devices_only() -> None:
    node = parse_query("$filter=(has(c8y_IsLwm2mDevice) or type eq 'c8y_lwm2m')")
    assert node.decided(LWM2M_FRAGMENTS) is True
    assert node.decided(OTHER_FRAGMENTS) is None  # then the type decides
    assert Node("not", (Node("has", ("a",)),)).decided({"a"}) is False
    assert parse_query("has(a) and type eq 'x'").decided(set()) is False
