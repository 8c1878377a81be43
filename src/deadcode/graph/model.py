"""The cross-language graph: nodes, edges and reachability. Knows nothing about languages.

Node ids: ``file:<path>``, ``symbol:<path>#<name>``, ``route:<path>``, ``endpoint:<METHOD> <path>``,
``call:<path>:<line>``, ``setting:<NAME>``, ``helm-value:<dotted.key>``, ``env:<NAME>``.
"""

from __future__ import annotations

import sys
from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Iterable

from deadcode.facts.model import Condition


@dataclass(slots=True)
class Node:
    id: str
    kind: str  # file | symbol | route | endpoint | call | setting | helm-value | env
    path: str | None
    label: str
    line: int | None = None
    data: dict = field(default_factory=dict)  # builder-specific details (not serialised)


# Not frozen: a frozen dataclass sets each field through object.__setattr__ (3.3 us a construction
# against 0.7 us measured here), and a 10k-file run builds 128,269 edges. Nothing assigns a field
# after construction but ``add_edge``'s interning, which swaps equal strings: the hash stays valid.
@dataclass(eq=True, unsafe_hash=True, slots=True)
class Edge:
    source: str
    target: str
    kind: str  # import | lazy-import | reexport | route | calls | handles | probe | reads | gated
    at: str  # "path:line" where the reference is written
    conditions: tuple[Condition, ...] = ()
    dev: bool = False
    # human words for evidence: the specifier, the names, the URL. Not part of an edge's identity:
    # the graph keeps one edge per (source, target, kind, place, conditions, dev, users)
    detail: str = field(default="", compare=False)
    # A module-level import whose bindings only these definitions use (symbol node ids). Python
    # runs the import whatever uses it, so the edge always holds; the planner cuts it together
    # with the last of its users, so a group that removes them all also takes the target.
    users: tuple[str, ...] = ()

    @property
    def condition(self) -> str | None:
        if not self.conditions:
            return None
        return " and ".join(condition_text(c) for c in self.conditions)


def condition_text(c: Condition) -> str:
    if c.op in ("in", "not-in"):
        body = f"{c.name} {'in' if c.op == 'in' else 'not in'} {list(c.values)!r}".replace("'", '"')
    elif c.op in ("==", "!="):
        v = c.values[0] if c.values else None
        body = f"{c.name} {c.op} {v!r}".replace("'", '"')
    elif c.op == "truthy":
        body = c.name
    elif c.op == "falsy":
        body = f"not {c.name}"
    else:
        body = c.text or c.name
    return f"not ({body})" if c.negated else body


class Graph:
    def __init__(self) -> None:
        self.nodes: dict[str, Node] = {}
        self.out: dict[str, list[Edge]] = {}
        self.inc: dict[str, list[Edge]] = {}
        self._edge_keys: set[Edge] = set()

    def add_node(
        self, id: str, kind: str, path: str | None, label: str, line: int | None = None, **data
    ) -> Node:
        node = self.nodes.get(id)
        if node is None:
            node = Node(id, kind, path, label, line, dict(data))
            self.nodes[id] = node
        elif data:
            node.data.update(data)
        return node

    def add_edge(self, edge: Edge) -> None:
        keys = self._edge_keys
        n = len(keys)
        keys.add(edge)  # equal edges: same identity, detail aside
        if len(keys) == n:
            return
        if edge.source == edge.target:
            keys.discard(edge)
            return
        # node ids and places repeat across a quarter of a million edges: one string each (equal
        # values, so the edge's hash in the set does not change)
        intern = sys.intern
        edge.source = intern(edge.source)
        edge.target = intern(edge.target)
        edge.at = intern(edge.at)
        edge.detail = intern(edge.detail)
        self.out.setdefault(edge.source, []).append(edge)
        self.inc.setdefault(edge.target, []).append(edge)

    @property
    def edges(self) -> Iterable[Edge]:
        for edges in self.out.values():
            yield from edges

    def reach(
        self,
        roots: Iterable[str],
        blocked: frozenset[str] | set[str] = frozenset(),
        marked_ok: Callable[[Edge], bool] = lambda e: True,
    ) -> dict[str, Edge | None]:
        """Breadth-first reachability that never enters a ``blocked`` node and follows an edge
        carrying a mark (conditions, dev, users) only when ``marked_ok`` says so: a plain edge
        always holds (the analysis walks the graph a dozen times a run; a predicate call per
        edge was most of each walk). Returns node -> the edge it was first reached by (None for
        roots): shortest chains for ``explain`` come for free."""
        parent: dict[str, Edge | None] = {}
        queue: deque[str] = deque()
        nodes = self.nodes
        for r in roots:
            if r in nodes and r not in parent and r not in blocked:
                parent[r] = None
                queue.append(r)
        out, pop, push = self.out, queue.popleft, queue.append
        while queue:
            for e in out.get(pop(), ()):
                t = e.target
                if t in parent or t in blocked:
                    continue
                if (e.conditions or e.dev or e.users) and not marked_ok(e):
                    continue
                parent[t] = e
                push(t)
        return parent

    def chain(self, parent: dict[str, Edge | None], target: str) -> list[Edge]:
        """The edges from a root to ``target`` along ``parent`` pointers (empty for a root)."""
        chain: list[Edge] = []
        seen = set()
        node = target
        while node in parent and parent[node] is not None and node not in seen:
            seen.add(node)
            e = parent[node]
            chain.append(e)
            node = e.source
        return list(reversed(chain))
