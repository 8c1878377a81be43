"""``graph`` output: the contract's JSON, Graphviz dot and Mermaid, optionally focused on a file."""

from __future__ import annotations

import json

from deadcode.graph.model import Graph
from deadcode.output.escape import mermaid_label


def focus_nodes(graph: Graph, focus: str, depth: int = 1) -> set[str]:
    """A file's neighbourhood: the nodes within ``depth`` edges of it, both directions, plus the
    symbols, routes and calls it declares."""
    start = {n for n, node in graph.nodes.items() if node.path == focus or n == focus or n == f"file:{focus}"}
    seen = set(start)
    frontier = set(start)
    for _ in range(depth):
        nxt = set()
        for n in frontier:
            nxt |= {e.target for e in graph.out.get(n, ())}
            nxt |= {e.source for e in graph.inc.get(n, ())}
        nxt -= seen
        seen |= nxt
        frontier = nxt
    return seen


def graph_json(graph: Graph, only: set[str] | None = None) -> dict:
    nodes = [
        {"id": n.id, "kind": n.kind, "path": n.path, "label": n.label}
        for n in sorted(graph.nodes.values(), key=lambda n: n.id)
        if only is None or n.id in only
    ]
    edges = [
        {
            "source": e.source,
            "target": e.target,
            "kind": e.kind,
            "condition": e.condition,
            "dev": e.dev,
            "at": e.at,
        }
        for e in sorted(graph.edges, key=lambda e: (e.source, e.target, e.kind, e.at))
        if only is None or (e.source in only and e.target in only)
    ]
    return {"version": 1, "nodes": nodes, "edges": edges}


def _q(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def graph_dot(graph: Graph, only: set[str] | None = None) -> str:
    data = graph_json(graph, only)
    shapes = {
        "file": "box",
        "symbol": "ellipse",
        "route": "house",
        "endpoint": "component",
        "call": "cds",
        "setting": "note",
        "helm-value": "note",
        "env": "note",
    }
    out = ["digraph deadcode {", "  rankdir=LR;", '  node [fontname="Helvetica", fontsize=10];']
    for n in data["nodes"]:
        out.append(f'  "{_q(n["id"])}" [label="{_q(n["label"])}", shape={shapes.get(n["kind"], "box")}];')
    for e in data["edges"]:
        attrs = [f'label="{_q(e["kind"] + (" if " + e["condition"] if e["condition"] else ""))}"']
        if e["dev"]:
            attrs.append("style=dashed")
        if e["condition"]:
            attrs.append("color=orange")
        out.append(f'  "{_q(e["source"])}" -> "{_q(e["target"])}" [{", ".join(attrs)}];')
    out.append("}")
    return "\n".join(out) + "\n"


def mermaid_id(node_id: str, ids: dict[str, str]) -> str:
    if node_id not in ids:
        ids[node_id] = f"n{len(ids)}"
    return ids[node_id]


def graph_mermaid(graph: Graph, only: set[str] | None = None, dead: set[str] | None = None) -> str:
    data = graph_json(graph, only)
    ids: dict[str, str] = {}
    out = ["flowchart LR"]
    # labels come from file names and code: quoted and escaped, so none ends its statement early
    for n in data["nodes"]:
        out.append(f"  {mermaid_id(n['id'], ids)}[{mermaid_label(n['kind'] + ': ' + n['label'])}]")
    for e in data["edges"]:
        label = (
            e["kind"] + (f" if {e['condition']}" if e["condition"] else "") + (" (dev)" if e["dev"] else "")
        )
        arrow = "-.->" if e["dev"] or e["condition"] else "-->"
        out.append(
            f"  {mermaid_id(e['source'], ids)} {arrow}|{mermaid_label(label)}| {mermaid_id(e['target'], ids)}"
        )
    if dead:
        out.append("  classDef dead fill:#fdd,stroke:#c33;")
        for n in data["nodes"]:
            if n["id"] in dead:
                out.append(f"  class {ids[n['id']]} dead;")
    return "\n".join(out) + "\n"


def render_graph(graph: Graph, fmt: str, focus: str | None = None) -> str:
    only = focus_nodes(graph, focus) if focus else None
    if fmt == "dot":
        return graph_dot(graph, only)
    if fmt == "mermaid":
        return graph_mermaid(graph, only)
    return json.dumps(graph_json(graph, only), indent=2) + "\n"
