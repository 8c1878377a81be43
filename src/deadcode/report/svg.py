"""A small layered (Sugiyama-style) drawing of a graph as standalone SVG markup.

Left to right: cycles are broken by reversing back edges, nodes get the longest-path layer,
long edges get dummy points, layers are ordered by a few barycenter sweeps, and edges are
drawn as cubic curves through their dummy points with an arrowhead at the target. No
JavaScript, no fonts or images from outside: the markup can be inlined in a file:// page.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

BOX_H = 40
V_GAP = 18
DUMMY_SLOT = 14
H_GAP = 70
PAD = 16
TITLE_CH = 7.0  # px per character at the 12px title size (a monospace-ish estimate)
SUB_CH = 5.6
MAX_TITLE = 42
MAX_SUB = 52

STYLE = {
    # state: (fill, stroke)
    "remove": ("#fde2e1", "#c0392b"),
    "dead": ("#fff4e0", "#b9770e"),
    "live": ("#e6f4ea", "#2e7d32"),
}


@dataclass
class Box:
    id: str
    title: str
    subtitle: str = ""
    kind: str = "file"
    state: str = "live"  # remove | dead | live
    tooltip: str = ""


@dataclass
class Link:
    source: str
    target: str
    label: str = ""
    dashed: bool = False


def _clip_end(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "\u2026"


def _clip_start(text: str, n: int) -> str:
    return text if len(text) <= n else "\u2026" + text[-(n - 1) :]


def _break_cycles(ids: list[str], succ: dict[str, list[str]]) -> set[tuple[str, str]]:
    """Edges to reverse so that the graph becomes acyclic (back edges of a DFS)."""
    state: dict[str, int] = {}
    back: set[tuple[str, str]] = set()
    for start in ids:
        if start in state:
            continue
        stack = [(start, iter(succ.get(start, ())))]
        state[start] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
                continue
            s = state.get(nxt)
            if s == 1:
                back.add((node, nxt))
            elif s is None:
                state[nxt] = 1
                stack.append((nxt, iter(succ.get(nxt, ()))))
    return back


def layout(boxes: list[Box], links: list[Link]) -> dict:
    """Positions: {"nodes": {id: (x, y, w, h)}, "edges": [(link, [(x, y), ...])], "width", "height"}."""
    ids = [b.id for b in boxes]
    known = set(ids)
    links = [lk for lk in links if lk.source in known and lk.target in known and lk.source != lk.target]
    succ: dict[str, list[str]] = {i: [] for i in ids}
    for lk in links:
        if lk.target not in succ[lk.source]:
            succ[lk.source].append(lk.target)
    back = _break_cycles(ids, succ)
    dag: dict[str, list[str]] = {i: [] for i in ids}
    for s, ts in succ.items():
        for t in ts:
            a, b = (t, s) if (s, t) in back else (s, t)
            if b not in dag[a] and a != b:
                dag[a].append(b)
    # longest-path layering in topological order
    indeg = {i: 0 for i in ids}
    for a, bs in dag.items():
        for b in bs:
            indeg[b] += 1
    layer = {i: 0 for i in ids}
    queue = [i for i in ids if indeg[i] == 0]
    while queue:
        n = queue.pop(0)
        for b in dag[n]:
            layer[b] = max(layer[b], layer[n] + 1)
            indeg[b] -= 1
            if indeg[b] == 0:
                queue.append(b)
    # dummy chain per DAG edge spanning several layers
    chains: dict[tuple[str, str], list[str]] = {}
    layers: dict[int, list[str]] = {}
    for i in ids:
        layers.setdefault(layer[i], []).append(i)
    up: dict[str, list[str]] = {}  # node -> its neighbours one layer to the left
    down: dict[str, list[str]] = {}
    count = 0
    for a in ids:
        for b in dag[a]:
            prev = a
            chain = []
            for lv in range(layer[a] + 1, layer[b]):
                d = f"\x00d{count}"
                count += 1
                layers.setdefault(lv, []).append(d)
                chain.append(d)
                down.setdefault(prev, []).append(d)
                up.setdefault(d, []).append(prev)
                prev = d
            down.setdefault(prev, []).append(b)
            up.setdefault(b, []).append(prev)
            chains[(a, b)] = chain
    depth = max(layers) + 1 if layers else 0
    # ordering: barycenter sweeps
    pos = {n: k for lv in range(depth) for k, n in enumerate(layers.get(lv, []))}
    for _ in range(4):
        for lv in range(1, depth):
            layers[lv].sort(key=lambda n: _bary(up.get(n, []), pos, pos[n]))
            pos.update({n: k for k, n in enumerate(layers[lv])})
        for lv in range(depth - 2, -1, -1):
            layers[lv].sort(key=lambda n: _bary(down.get(n, []), pos, pos[n]))
            pos.update({n: k for k, n in enumerate(layers[lv])})
    by_id = {b.id: b for b in boxes}
    widths = {}
    for b in boxes:
        t = _clip_end(b.title, MAX_TITLE)
        s = _clip_start(b.subtitle, MAX_SUB)
        widths[b.id] = int(max(len(t) * TITLE_CH, len(s) * SUB_CH, 60) + 20)
    col_w = [max([widths.get(n, 0) for n in layers.get(lv, [])] + [8]) for lv in range(depth)]

    def slot(n: str) -> float:
        return BOX_H + V_GAP if n in by_id else DUMMY_SLOT

    col_h = [sum(slot(n) for n in layers.get(lv, [])) for lv in range(depth)]
    tallest = max(col_h + [BOX_H + V_GAP])
    height = tallest - V_GAP + 2 * PAD
    xs, x = [], PAD
    for w in col_w:
        xs.append(x)
        x += w + H_GAP
    width = x - H_GAP + PAD if depth else 2 * PAD
    placed: dict[str, tuple[float, float, float, float]] = {}
    for lv in range(depth):
        y = PAD + (tallest - col_h[lv]) / 2
        for n in layers.get(lv, []):
            if n in by_id:
                w = widths[n]
                placed[n] = (xs[lv] + (col_w[lv] - w) / 2, y, w, BOX_H)
            else:  # a bend point of a long edge: a thin slot of its own between the boxes
                placed[n] = (xs[lv] + col_w[lv] / 2, y + DUMMY_SLOT / 2 - V_GAP / 2, 0, 0)
            y += slot(n)
    edges = []
    for lk in links:
        a, b = lk.source, lk.target
        reverse = (a, b) in back
        key = (b, a) if reverse else (a, b)
        chain = chains.get(key, [])
        if reverse:
            chain = list(reversed(chain))
        sx, sy, sw, sh = placed[a]
        tx, ty, tw, th = placed[b]
        if layer[a] < layer[b]:
            start, end = (sx + sw, sy + sh / 2), (tx, ty + th / 2)
        else:
            start, end = (sx, sy + sh / 2), (tx + tw, ty + th / 2)
        pts = [start] + [(placed[d][0], placed[d][1]) for d in chain] + [end]
        edges.append((lk, pts))
    return {"nodes": placed, "edges": edges, "width": width, "height": height}


def _bary(neigh: list[str], pos: dict[str, int], current: int) -> float:
    if not neigh:
        return float(current)
    return sum(pos[n] for n in neigh) / len(neigh)


def _path(pts: list[tuple[float, float]]) -> str:
    d = f"M{pts[0][0]:.1f},{pts[0][1]:.1f}"
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        mx = (x0 + x1) / 2
        d += f" C{mx:.1f},{y0:.1f} {mx:.1f},{y1:.1f} {x1:.1f},{y1:.1f}"
    return d


def render_svg(boxes: list[Box], links: list[Link], id_prefix: str, title: str = "") -> str:
    """Inline SVG markup. ``id_prefix`` keeps marker ids unique when several drawings share a page."""
    geo = layout(boxes, links)
    w, h = geo["width"], geo["height"]
    pid = escape(id_prefix, quote=True)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="graph" width="{w:.0f}" height="{h:.0f}" '
        f'viewBox="0 0 {w:.0f} {h:.0f}" role="img" aria-labelledby="{pid}-title">',
        f'<title id="{pid}-title">{escape(title or "dependency graph")}</title>',
        "<defs>",
    ]
    for state, (_fill, stroke) in STYLE.items():
        out.append(
            f'<marker id="{pid}-arrow-{state}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
            f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{stroke}"/></marker>'
        )
    out.append("</defs>")
    states = {b.id: b.state for b in boxes}
    out.append('<g class="edges" fill="none">')
    for lk, pts in geo["edges"]:
        state = states.get(lk.target, "live")
        stroke = STYLE.get(state, STYLE["live"])[1]
        dash = ' stroke-dasharray="5 4"' if lk.dashed else ""
        tip = escape(
            f"{lk.source.split(':', 1)[-1]} \u2192 {lk.target.split(':', 1)[-1]}"
            + (f": {lk.label}" if lk.label else "")
        )
        out.append(
            f'<path d="{_path(pts)}" stroke="{stroke}" stroke-width="1.4"{dash} '
            f'marker-end="url(#{pid}-arrow-{state})"><title>{tip}</title></path>'
        )
    out.append("</g>")
    out.append('<g class="nodes" font-family="system-ui, -apple-system, Segoe UI, sans-serif">')
    for b in boxes:
        x, y, bw, bh = geo["nodes"][b.id]
        fill, stroke = STYLE.get(b.state, STYLE["live"])
        dash = ' stroke-dasharray="4 3"' if b.state == "dead" else ""
        tip = escape(b.tooltip or b.id)
        out.append(
            f'<g class="node node-{escape(b.state)}" data-id="{escape(b.id, quote=True)}"><title>{tip}</title>'
        )
        out.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bw:.0f}" height="{bh:.0f}" rx="5" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="1.5"{dash}/>'
        )
        t = escape(_clip_end(b.title, MAX_TITLE))
        if b.subtitle:
            s = escape(_clip_start(b.subtitle, MAX_SUB))
            out.append(
                f'<text x="{x + bw / 2:.1f}" y="{y + 17:.1f}" text-anchor="middle" font-size="12" '
                f'font-weight="600" fill="#1b1b1b">{t}</text>'
            )
            out.append(
                f'<text x="{x + bw / 2:.1f}" y="{y + 31:.1f}" text-anchor="middle" font-size="10" '
                f'fill="#555">{s}</text>'
            )
        else:
            out.append(
                f'<text x="{x + bw / 2:.1f}" y="{y + bh / 2 + 4:.1f}" text-anchor="middle" font-size="12" '
                f'font-weight="600" fill="#1b1b1b">{t}</text>'
            )
        out.append("</g>")
    out.append("</g></svg>")
    return "\n".join(out)
