"""A documented subset of the inventory query language (the ``query`` parameter).

Supported: ``[$filter=]EXPR [$orderby=id [asc]]`` where EXPR combines ``has(FRAGMENT)``,
``type eq 'VALUE'`` and ``name eq 'VALUE'`` (``*`` is a wildcard in VALUE) with ``and``, ``or``,
``not`` and parentheses. Anything else is rejected with QueryError (the server answers 400)
rather than guessed at.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

_TOKEN = re.compile(r"\s*(?:(\()|(\))|'((?:[^']|'')*)'|([A-Za-z_$][\w.$-]*))")


class QueryError(ValueError):
    """The query uses something outside the supported subset."""


@dataclass(frozen=True)
class Node:
    op: str  # "has", "eq", "and", "or", "not"
    args: tuple[object, ...]

    def evaluate(self, type_: str, fragments: Collection[str], name: Callable[[], str]) -> bool:
        if self.op == "has":
            return self.args[0] in fragments
        if self.op == "eq":
            field, pattern = str(self.args[0]), str(self.args[1])
            value = type_ if field == "type" else name()
            return _wildcard(pattern).fullmatch(value) is not None
        children = [a for a in self.args if isinstance(a, Node)]
        if self.op == "not":
            return not children[0].evaluate(type_, fragments, name)
        if self.op == "and":
            return all(c.evaluate(type_, fragments, name) for c in children)
        return any(c.evaluate(type_, fragments, name) for c in children)

    def decided(self, fragments: Collection[str]) -> bool | None:
        """The answer for an object with these fragments whatever its type and name, or None
        when it depends on them (``has(A) or type eq 'x'`` is True for every object with A)."""
        if self.op == "has":
            return self.args[0] in fragments
        if self.op == "eq":
            return None
        answers = [c.decided(fragments) for c in self.args if isinstance(c, Node)]
        if self.op == "not":
            return None if answers[0] is None else not answers[0]
        if self.op == "and":
            if False in answers:
                return False
            return True if all(a is True for a in answers) else None
        if True in answers:
            return True
        return False if all(a is False for a in answers) else None

    @property
    def uses_name(self) -> bool:
        if self.op == "eq":
            return self.args[0] == "name"
        return any(isinstance(a, Node) and a.uses_name for a in self.args)


def _wildcard(pattern: str) -> re.Pattern[str]:
    return re.compile(".*".join(re.escape(part) for part in pattern.split("*")))


def parse_query(text: str) -> Node:
    """Parse a query; QueryError with a message naming the problem."""
    body = text.strip()
    order = re.search(r"\$orderby=(.*)$", body)
    if order:
        if order.group(1).strip().lower() not in ("id", "id asc"):
            raise QueryError("only '$orderby=id' is supported by this simulator")
        body = body[: order.start()].strip()
    if body.startswith("$filter="):
        body = body[len("$filter=") :]
    tokens = _tokenize(body)
    if not tokens:
        if order:
            return Node("and", ())  # only an ordering: every object matches
        raise QueryError("empty query filter")
    parser = _Parser(tokens)
    node = parser.expression()
    if parser.position != len(tokens):
        raise QueryError(f"unexpected {tokens[parser.position][1]!r} in query")
    return node


def _tokenize(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(text):
        if text[position:].strip() == "":
            break
        match = _TOKEN.match(text, position)
        if match is None:
            raise QueryError(f"cannot read the query at {text[position : position + 20]!r}")
        position = match.end()
        if match.group(1):
            tokens.append(("(", "("))
        elif match.group(2):
            tokens.append((")", ")"))
        elif match.group(3) is not None:
            tokens.append(("str", match.group(3).replace("''", "'")))
        else:
            tokens.append(("word", match.group(4)))
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.position = 0

    def _peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def _take(self, kind: str, value: str | None = None) -> str:
        token = self._peek()
        if token is None or token[0] != kind or (value is not None and token[1] != value):
            found = "the end" if token is None else repr(token[1])
            raise QueryError(f"expected {value or kind} in query, found {found}")
        self.position += 1
        return token[1]

    def _is_word(self, word: str) -> bool:
        token = self._peek()
        return token is not None and token[0] == "word" and token[1].lower() == word

    def expression(self) -> Node:
        nodes = [self._term()]
        while self._is_word("or"):
            self.position += 1
            nodes.append(self._term())
        return nodes[0] if len(nodes) == 1 else Node("or", tuple(nodes))

    def _term(self) -> Node:
        nodes = [self._factor()]
        while self._is_word("and"):
            self.position += 1
            nodes.append(self._factor())
        return nodes[0] if len(nodes) == 1 else Node("and", tuple(nodes))

    def _factor(self) -> Node:
        if self._is_word("not"):
            self.position += 1
            return Node("not", (self._factor(),))
        token = self._peek()
        if token == ("(", "("):
            self.position += 1
            node = self.expression()
            self._take(")")
            return node
        word = self._take("word")
        if word == "has":
            self._take("(")
            fragment = self._take("word")
            self._take(")")
            return Node("has", (fragment,))
        if word in ("type", "name"):
            operator = self._take("word")
            if operator.lower() != "eq":
                raise QueryError(f"only 'eq' is supported, not {operator!r}")
            return Node("eq", (word, self._take("str")))
        raise QueryError(f"unsupported query term {word!r} (supported: has(), type eq, name eq)")
