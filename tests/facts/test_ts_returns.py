"""``returns_of`` finds a function's returns among the captured return statements, minus those
of functions and classes nested in it; it must give exactly what a walk of the body gives."""

from __future__ import annotations

from pathlib import Path

from deadcode.facts import parsing
from deadcode.facts.ts_values import FUNCTIONS
from deadcode.facts.typescript import _Extractor, grammar_for

DBG = Path(__file__).resolve().parents[1] / "fixtures" / "dbg" / "frontend"

TRICKY = b"""
export function outer(a: boolean) {
  if (a) { return "/api/a"; }
  const inner = () => { return "/api/inner"; };
  function named() { return `/api/named/${a}`; }
  class K { m() { return "/api/method"; } }
  const obj = { f() { return "/api/obj"; }, g: function () { return 1; } };
  for (const x of [1]) { try { return /* c */ "/api/loop"; } catch { return null } }
  return a ? "/api/t" : "/api/f";
}
export const arrow = (x: number) => x > 1 ? "/api/x" : "/api/y";
export const block = async () => { await fetch("/x"); return; };
export function* gen() { yield 1; return "/api/gen"; }
"""


def _walked(fn) -> list[int]:
    """The returns of ``fn`` by walking its body (the definition the captures must match)."""
    body = fn.child_by_field_name("body")
    if body is None:
        return []
    if body.type != "statement_block":
        return [body.start_byte]
    out, stack = [], list(body.named_children)
    while stack:
        n = stack.pop()
        if n.type in FUNCTIONS or n.type == "class_declaration":
            continue
        if n.type == "return_statement":
            value = next((c for c in n.named_children if c.type != "comment"), None)
            if value is not None:
                out.append(value.start_byte)
            continue
        stack.extend(n.named_children)
    return sorted(out)


def _functions(node):
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type in FUNCTIONS:
            yield n
        stack.extend(n.children)


def _check(path: str, data: bytes) -> int:
    grammar = grammar_for(path)
    root = parsing.parse(grammar, data).root_node
    ex = _Extractor(grammar, data, root, path)
    ex.run()
    n = 0
    for fn in _functions(root):
        assert [r.start_byte for r in ex.returns_of(fn)] == _walked(fn), (path, fn.start_point)
        n += 1
    return n


def test_returns_skip_nested_functions_and_classes():
    assert _check("web/src/m.ts", TRICKY) >= 10
    grammar = grammar_for("web/src/m.ts")
    root = parsing.parse(grammar, TRICKY).root_node
    ex = _Extractor(grammar, TRICKY, root, "web/src/m.ts")
    ex.run()
    outer = next(f for f in _functions(root) if f.type == "function_declaration" and b"outer" in f.text[:20])
    texts = [r.text.decode() for r in ex.returns_of(outer)]
    assert texts == ['"/api/a"', '"/api/loop"', "null", 'a ? "/api/t" : "/api/f"']


def test_returns_equal_the_walk_on_every_function_of_the_example_frontend():
    total = 0
    for p in sorted(DBG.rglob("*.ts*")):
        if p.suffix in (".ts", ".tsx"):
            total += _check(p.relative_to(DBG).as_posix(), p.read_bytes())
    assert total > 50
