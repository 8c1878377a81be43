"""Evaluating an ``if`` test against production flag values, for Piranha-style cleanup.

Uses Python's own ``ast`` on the test's source text: the planner only needs to know whether a
test is always true, always false, or unknown for the production values of one flag."""

from __future__ import annotations

import ast

from deadcode.analysis.flags import _same, _truthy

UNKNOWN = None


def _flag_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Attribute):
        return node.attr
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("getenv", "get")
    ):
        if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            return node.args[0].value
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getenv":
        if node.args and isinstance(node.args[0], ast.Constant):
            return node.args[0].value
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        return node.slice.value
    return None


def _literal(node: ast.AST):
    try:
        return True, ast.literal_eval(node)
    except Exception:
        return False, None


def evaluate(test_source: str, flag: str, values: tuple) -> bool | None:
    """True/False when the test has that value for EVERY production value of ``flag``;
    None when it depends on anything else."""
    try:
        tree = ast.parse(test_source.strip(), mode="eval").body
    except SyntaxError:
        return UNKNOWN
    results = {_eval(tree, flag, v) for v in values}
    if len(results) == 1:
        return results.pop()
    return UNKNOWN


def _eval(node: ast.AST, flag: str, value) -> bool | None:
    if isinstance(node, ast.BoolOp):
        parts = [_eval(v, flag, value) for v in node.values]
        if isinstance(node.op, ast.And):
            if any(p is False for p in parts):
                return False
            return True if all(p is True for p in parts) else UNKNOWN
        if any(p is True for p in parts):
            return True
        return False if all(p is False for p in parts) else UNKNOWN
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        inner = _eval(node.operand, flag, value)
        return None if inner is None else not inner
    if _flag_name(node) == flag:
        return _truthy(value)
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        left, right, op = node.left, node.comparators[0], node.ops[0]
        if _flag_name(left) != flag:
            left, right = right, left
            if _flag_name(left) != flag or not isinstance(op, (ast.Eq, ast.NotEq)):
                return UNKNOWN
        ok, lit = _literal(right)
        if not ok:
            return UNKNOWN
        if isinstance(op, ast.Eq):
            return _same(value, lit)
        if isinstance(op, ast.NotEq):
            return not _same(value, lit)
        if isinstance(op, (ast.In, ast.NotIn)) and isinstance(lit, (tuple, list, set, frozenset)):
            hit = any(_same(value, x) for x in lit)
            return hit if isinstance(op, ast.In) else not hit
    return UNKNOWN
