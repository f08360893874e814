"""The documented subset of the inventory query language, and what it refuses."""

from __future__ import annotations

import pytest

from lwm2m_shell.simulator.query import QueryError, parse_query

LWM2M = frozenset({"c8y_IsDevice", "c8y_IsLwm2mDevice"})
OTHER = frozenset({"c8y_IsDevice"})


def matches(query: str, type_: str, fragments: frozenset[str], name: str = "dev") -> bool:
    return parse_query(query).evaluate(type_, fragments, lambda: name)


def test_precedence_not_and_or() -> None:
    query = "not has(c8y_IsLwm2mDevice) and type eq 'x' or name eq 'keep'"
    assert matches(query, "x", OTHER)
    assert not matches(query, "x", LWM2M)
    assert matches(query, "y", LWM2M, name="keep")
    assert not matches("not (has(c8y_IsDevice) or type eq 'x')", "x", OTHER)


def test_wildcards_and_quotes() -> None:
    assert matches("name eq 'meter-*'", "t", OTHER, name="meter-00042")
    assert not matches("name eq 'meter-*'", "t", OTHER, name="my meter-1")
    assert matches("name eq 'it''s'", "t", OTHER, name="it's")
    assert matches("$filter=(type eq 'c8y_lwm2m') $orderby=id asc", "c8y_lwm2m", OTHER)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "type ne 'x'",
        "bygroupid(12)",
        "has(c8y_IsDevice",
        "type eq 'x' and",
        "type eq 'x' $orderby=name",
        "has(x) has(y)",
        'name eq "x"',
    ],
)
def test_rejected(query: str) -> None:
    with pytest.raises(QueryError):
        parse_query(query)
