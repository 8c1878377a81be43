"""The graph core: reachability with filters and shortest chains."""

from deadcode.facts.model import Condition
from deadcode.graph.model import Edge, Graph, condition_text


def small():
    g = Graph()
    for n in "abcde":
        g.add_node(f"file:{n}", "file", n, n)
    g.add_edge(Edge("file:a", "file:b", "import", "a:1"))
    g.add_edge(Edge("file:b", "file:c", "import", "b:2"))
    g.add_edge(Edge("file:a", "file:c", "import", "a:3"))
    g.add_edge(Edge("file:a", "file:d", "import", "a:4", dev=True))
    g.add_edge(Edge("file:d", "file:e", "import", "d:1"))
    return g


def test_reach_and_shortest_chain():
    g = small()
    parent = g.reach(["file:a"])
    assert set(parent) == {"file:a", "file:b", "file:c", "file:d", "file:e"}
    assert [e.at for e in g.chain(parent, "file:c")] == ["a:3"]
    assert [e.at for e in g.chain(parent, "file:e")] == ["a:4", "d:1"]


def test_edge_filter_cuts_dev_edges():
    g = small()
    parent = g.reach(["file:a"], marked_ok=lambda e: not e.dev)
    assert "file:d" not in parent and "file:e" not in parent


def test_plain_edges_hold_without_asking():
    g = small()
    asked = []
    parent = g.reach(["file:a"], marked_ok=lambda e: asked.append(e.at) or False)
    assert asked == ["a:4"] and set(parent) == {"file:a", "file:b", "file:c"}


def test_node_filter_and_duplicate_edges():
    g = small()
    g.add_edge(Edge("file:a", "file:b", "import", "a:1"))
    assert len(g.out["file:a"]) == 3
    parent = g.reach(["file:a"], blocked={"file:b"})
    assert "file:b" not in parent and "file:c" in parent


def test_condition_text():
    e = Edge("x", "y", "gated", "f:1", (Condition("ALERTING_BACKEND", "in", ("grafana", "both")),))
    assert e.condition == 'ALERTING_BACKEND in ["grafana", "both"]'
    assert condition_text(Condition("X", "==", ("a",), negated=True)) == 'not (X == "a")'
