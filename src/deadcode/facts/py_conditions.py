"""Flag-conditions concern of the Python extractor: what an ``if``/``elif``/``else`` branch
asserts about settings and env flags (``if settings.X == "a"``, ``if not os.getenv("Y")``), as
``Condition`` conjunctions over byte ranges (``Regions``).

A mixin of the module reader (facts/python.py): it uses ``text``, ``matches["conditions"]``,
``test_cache`` and the settings mixin's ``_settings_receiver``."""

from __future__ import annotations

from dataclasses import replace

from tree_sitter import Node

from deadcode.facts.model import Condition
from deadcode.facts.py_scopes import Regions
from deadcode.facts.py_values import (
    NO_VALUE,
    arg,
    literal_items,
    literal_value,
    operands,
    read_args,
    string_value,
    unparen,
)


class ConditionsReader:
    def _flag_ref(self, node: Node | None) -> str | None:
        """The flag a test expression reads: ``settings.X`` -> X, ``os.getenv("X")`` -> X."""
        node = unparen(node)
        if node is None:
            return None
        t = node.type
        if t == "attribute":
            obj = node.child_by_field_name("object")
            if obj is not None and self._settings_receiver(obj):
                return self.text(node.child_by_field_name("attribute"))
            return None
        if t == "call":
            fn = node.child_by_field_name("function")
            fn_text = self.text(fn)
            if fn_text in ("os.getenv", "getenv", "os.environ.get", "environ.get"):
                return string_value(arg(read_args(node.child_by_field_name("arguments")), 0, "key"))
            return None
        if t == "subscript":
            if self.text(node.child_by_field_name("value")) in ("os.environ", "environ"):
                return string_value(node.child_by_field_name("subscript"))
        return None

    def _flag_names_in(self, node: Node) -> set[str]:
        names: set[str] = set()
        stack = [node]
        while stack:
            n = stack.pop()
            name = self._flag_ref(n) if n.type in ("attribute", "call", "subscript") else None
            if name:
                names.add(name)
            stack.extend(n.named_children)
        return names

    def _unknown(self, node: Node, negated: bool = False) -> Condition:
        names = self._flag_names_in(node)
        return Condition(names.pop() if len(names) == 1 else "", "unknown", (), negated, self.text(node))

    def _single_condition(self, node: Node) -> Condition | None:
        """One modelled predicate, or None."""
        node = unparen(node)
        if node is None:
            return None
        src = self.text(node)
        if node.type == "not_operator":
            inner = self._single_condition(node.child_by_field_name("argument"))
            if inner is None:
                return None
            if inner.op == "truthy" and not inner.negated:
                return replace(inner, op="falsy", text=src)
            if inner.op == "falsy" and not inner.negated:
                return replace(inner, op="truthy", text=src)
            return replace(inner, negated=not inner.negated, text=src)
        name = self._flag_ref(node)
        if name:
            return Condition(name, "truthy", (), False, src)
        if node.type != "comparison_operator":
            return None
        ops = node.children_by_field_name("operators")
        operands = [c for c in node.named_children if c.type != "comment"]
        if len(ops) != 1 or len(operands) != 2:
            return None
        op = {"==": "==", "!=": "!=", "in": "in", "not in": "not-in"}.get(" ".join(ops[0].type.split()))
        if op is None:
            return None
        left, right = operands
        name = self._flag_ref(left)
        other = right
        if not name and op in ("==", "!="):
            name, other = self._flag_ref(right), left
        if not name:
            return None
        if op in ("==", "!="):
            value = literal_value(unparen(other))
            if value is NO_VALUE:
                return None
            return Condition(name, op, (value,), False, src)
        values = literal_items(other, literal_value, NO_VALUE)
        if values is None:
            return None
        return Condition(name, op, tuple(values), False, src)

    def _test_conditions(self, test: Node | None) -> tuple[Condition, ...]:
        """``_conjunction`` of an if/elif test, once per test (else branches negate it again)."""
        if test is None:
            return ()
        key = test.start_byte
        if key not in self.test_cache:
            self.test_cache[key] = self._conjunction(test)
        return self.test_cache[key]

    def _conjunction(self, node: Node | None) -> tuple[Condition, ...]:
        """The conditions an ``if`` test asserts when true: ``and`` splits, the rest is one."""
        if node is None:
            return ()
        out = []
        for operand in operands(node, "and"):
            single = self._single_condition(operand)
            out.append(single if single is not None else self._unknown(operand))
        return tuple(out)

    def _negation(self, test: Node | None) -> tuple[Condition, ...]:
        """The conditions that hold when ``test`` is false (for elif/else branches)."""
        if test is None:
            return ()
        conj = self._test_conditions(test)
        if len(conj) == 1:
            return (replace(conj[0], negated=not conj[0].negated),)
        return (self._unknown(unparen(test), negated=True),)  # not (A and B) is no conjunction

    def _condition_regions(self) -> Regions:
        ranges: list[tuple[int, int, tuple[Condition, ...]]] = []
        for _idx, caps in self.matches["conditions"]:
            for node in caps.get("if", ()):
                test = node.child_by_field_name("condition")
                body = node.child_by_field_name("consequence")
                if body is not None:
                    ranges.append((body.start_byte, body.end_byte, self._test_conditions(test)))
                previous: list[Node | None] = [test]
                for alt in node.children_by_field_name("alternative"):
                    negations = tuple(c for t in previous for c in self._negation(t))
                    if alt.type == "elif_clause":
                        alt_test = alt.child_by_field_name("condition")
                        block = alt.child_by_field_name("consequence")
                        if block is not None:
                            own = self._test_conditions(alt_test)
                            ranges.append((block.start_byte, block.end_byte, negations + own))
                        previous.append(alt_test)
                    elif alt.type == "else_clause":
                        block = alt.child_by_field_name("body")
                        if block is not None:
                            ranges.append((block.start_byte, block.end_byte, negations))
        return Regions(ranges)
