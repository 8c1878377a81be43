"""Deployment facts -> graph: Helm values read by templates or feeding env vars, probes that
call endpoints, and where each env var is set (Helm, docker-compose, .env files)."""

from __future__ import annotations

from deadcode.graph.context import Context
from deadcode.graph.http import EndpointIndex, endpoint_segments
from deadcode.graph.model import Edge


def link_deploy(ctx: Context, index: EndpointIndex, chart_dirs: list[str]) -> list[str]:
    """Adds deployment nodes and edges; returns the template files (production roots)."""
    g = ctx.graph
    templates: list[str] = []
    charts = ["" if d.strip("/.") == "" else d.rstrip("/") + "/" for d in chart_dirs]

    def outside_charts(path: str, kind: str) -> bool:
        """Values and templates count only inside a chart folder (``helm``, or every folder with
        a Chart.yaml); with no chart known at all, every ``values*.yaml`` does."""
        return (
            bool(charts)
            and kind in ("helm-values", "helm-template")
            and not any(path.startswith(c) for c in charts)
        )

    for path, f in ctx.facts.items():
        d = f.deploy
        if d is None or outside_charts(path, d.kind):
            continue
        if d.kind == "helm-values":
            for v in d.values:
                ctx.values.setdefault(v.key, []).append((path, v.line, v.value))
                if v.value is not None:
                    g.add_node(f"helm-value:{v.key}", "helm-value", None, v.key)
        elif d.kind in ("compose", "dotenv", "helm-template"):
            for e in d.env:
                ctx.env_sources.setdefault(e.name, []).append((path, e.line, e.value, e.values_key))
    for path, f in ctx.facts.items():
        d = f.deploy
        if d is None or outside_charts(path, d.kind):
            continue
        if d.kind in ("helm-values", "compose") and d.probes:
            # probes written as values (toYaml .Values.livenessProbe) or compose healthchecks
            node = ctx.file_node(path)
            templates.append(path)
            _link_probes(ctx, index, node, path, d.probes)
        if d.kind != "helm-template":
            continue
        templates.append(path)
        node = ctx.file_node(path)
        env_keys = {e.values_key for e in d.env if e.values_key}
        for e in d.env:
            if e.values_key:
                g.add_node(f"env:{e.name}", "env", None, e.name)
                for key in _keys_under(ctx, e.values_key):
                    g.add_edge(
                        Edge(
                            f"env:{e.name}",
                            f"helm-value:{key}",
                            "reads",
                            f"{path}:{e.line}",
                            detail=f"env {e.name} is set from .Values.{e.values_key}",
                        )
                    )
        for key, line in d.value_reads:
            if key in env_keys:
                continue
            for k in _keys_under(ctx, key):
                g.add_edge(
                    Edge(node, f"helm-value:{k}", "reads", f"{path}:{line}", detail=f"reads .Values.{key}")
                )
        _link_probes(ctx, index, node, path, d.probes)
    return templates


def _link_probes(ctx: Context, index: EndpointIndex, node: str, path: str, probes) -> None:
    for probe in probes:
        segs = endpoint_segments(
            probe.path.split("://", 1)[-1].split("/", 1)[-1] if "://" in probe.path else probe.path
        )
        for ep in index.match("GET", segs):
            ctx.graph.add_edge(
                Edge(
                    node,
                    f"endpoint:{ep.method} {ep.path}",
                    "probe",
                    f"{path}:{probe.line}",
                    detail=f"{probe.kind} probe GET {probe.path}",
                )
            )


def _keys_under(ctx: Context, key: str) -> list[str]:
    """A read of ``a`` keeps every leaf below ``a`` (``a.b``, ``a[0]``)."""
    if key == "":  # a bare `.Values` (toYaml .Values, with .Values) reads everything
        keys = list(ctx.values)
    else:
        keys = [k for k in ctx.values if k == key or k.startswith(key + ".") or k.startswith(key + "[")]
    return [k for k in keys if f"helm-value:{k}" in ctx.graph.nodes] or []
