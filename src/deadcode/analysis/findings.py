"""Verdicts: which files, endpoints, calls and settings production never reaches, why, and in
which removal group. Every finding carries the references that prove it."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import cached_property

from deadcode.analysis.confidence import Doubts
from deadcode.analysis.model import KIND_ORDER, Finding, GroupResult
from deadcode.analysis.flags import flag_table, format_table
from deadcode.analysis.reach import Reacher, endpoints_matching
from deadcode.discover.config import glob_match, route_match
from deadcode.graph.build import Program, is_declarations, is_generated
from deadcode.graph.context import is_test_path
from deadcode.graph.http import endpoint_segments
from deadcode.graph.model import Edge
from deadcode.graph.reads import WORDS_LIMIT

SOURCE_LANGS = ("python", "typescript", "tsx")
ORPHAN_GROUPS = ("orphan-endpoints", "unsure:orphan-endpoints")


@dataclass
class Analysis:
    program: Program
    reacher: Reacher
    findings: list[Finding]
    groups: dict[str, GroupResult]
    kept: list[dict]
    blocked: list[dict]

    def to_json(self) -> dict:
        return {"findings": [f.to_json() for f in self.findings], "blocked": self.blocked, "kept": self.kept}


def _fmt(e: Edge) -> str:
    cond = f" when {e.condition}" if e.condition else ""
    dev = " (dev only)" if e.dev else ""
    return f"{e.at} {e.detail}{cond}{dev}".strip()


# an import of a file that is no module (a stylesheet, an image, data): resolution does not place it
_ASSET = re.compile(
    r"\.(css|s[ac]ss|less|styl|svg|png|jpe?g|gif|webp|avif|ico|woff2?|ttf|json|md|mdx|html|txt|wasm)$"
)


def _folders_up(path: str):
    """The folders holding ``path``, nearest first, the repository root ("") last."""
    folder = path.rpartition("/")[0]
    while folder:
        yield folder
        folder = folder.rpartition("/")[0]
    yield ""


class Analyzer:
    def __init__(self, program: Program):
        self.p = program
        self.g = program.graph
        self.ctx = program.ctx
        self.cfg = program.ctx.config
        self.r = Reacher(program)

    # ------------------------------------------------------------------ helpers
    def source_files(self) -> list[str]:
        return [
            path
            for path, f in self.ctx.facts.items()
            if f.lang in SOURCE_LANGS
            and not is_test_path(path)
            and not is_generated(path, f)
            and not is_declarations(path)
            and f"file:{path}" in self.g.nodes
        ]

    def _package_marker(self, path: str) -> bool:
        f = self.ctx.facts[path]
        return path.endswith("__init__.py") and f.py is not None and not f.py.defs and not f.py.imports

    def _package_dead(self, path: str, live) -> bool:
        """Every other module of the package is dead too: the marker goes with them."""
        folder = path[: -len("__init__.py")]
        py = self._python_paths
        siblings = []
        for p in py[bisect.bisect_left(py, folder) :]:  # the folder's files sort together
            if not p.startswith(folder):
                break
            if p != path:
                siblings.append(p)
        return bool(siblings) and not any(f"file:{p}" in live for p in siblings)

    @cached_property
    def _python_paths(self) -> list[str]:
        return sorted(p for p in self.ctx.facts if p.endswith(".py"))

    def kept_rule(self, path: str):
        for rule in self.cfg.keep:
            if rule.path and glob_match(path, rule.path):
                return rule
        for k in self.p.inline_keeps:
            if k.what == "file" and k.path == path:
                return k
        return None

    @cached_property
    def kept_symbols(self) -> set[tuple[str, str]]:
        return {(k.path, s) for k in self.p.inline_keeps for s in k.symbols}

    def live_referrers(self, node: str, live: dict) -> list[str]:
        out = []
        for e in self.g.inc.get(node, ()):
            src = self.g.nodes.get(e.source)
            if e.source in live and src is not None and src.path and e.kind != "reexport":
                out.append(src.path)
        return sorted(set(out))

    # ------------------------------------------------------------------ groups
    def _spec_nodes(self, spec) -> tuple[set[str], str | None]:
        nodes: set[str] = set()
        flag = None
        for item in spec.remove:
            kind, _, value = item.partition(":")
            if kind == "route":
                nodes |= {
                    n
                    for n, node in self.g.nodes.items()
                    if node.kind == "route" and route_match(node.label, value)
                }
            elif kind == "endpoint":
                nodes |= set(endpoints_matching(self.ctx.endpoints, value, children=False))
            elif kind == "path":
                nodes |= {
                    f"file:{p}"
                    for p in self.ctx.facts
                    if glob_match(p, value) and f"file:{p}" in self.g.nodes
                }
            elif kind == "flag":
                flag = value
        return nodes, flag

    def configured_groups(self, live: dict) -> dict[str, GroupResult]:
        out = {}
        for spec in self.cfg.groups:
            removed, flag = self._spec_nodes(spec)
            after, _cut = self.r.after_removing(frozenset(removed))
            members = [n for n in live if n not in after]
            members += [n for n in removed if n not in members]
            gr = GroupResult(
                spec.name, spec.title or spec.name, "safe", members, sorted(removed), flag=flag, after=after
            )
            for n in removed:
                node = self.g.nodes[n]
                if node.kind != "file":
                    continue
                refs = [
                    r for r in self.live_referrers(n, after) if self._needs_refactor(r, node.path, removed)
                ]
                if refs:
                    gr.referenced_by[node.path] = refs
            if gr.referenced_by:
                gr.status = "needs-refactor"
            out[spec.name] = gr
        return out

    def _orphan_group(self, live: dict, groups: dict[str, GroupResult], group_of: dict[str, str]) -> None:
        """Endpoints no client calls form the group ``orphan-endpoints`` (those something mentions,
        ``unsure:orphan-endpoints``). A module that only their handlers use is still imported
        (Python runs the import), so it is live, and dies with that group: the planner removes the
        handlers and the import together. Each group is simulated on its own, so the certain group
        never takes a module an unsure handler, left in the tree, still imports."""
        orphans = frozenset(
            nid
            for nid, info in self.ctx.endpoints.items()
            if nid not in live and nid not in group_of and not info.uncertain and f"file:{info.file}" in live
        )
        if not orphans:
            return
        doubted = frozenset(n for n in orphans if n in self.endpoint_doubts)
        certain = orphans - doubted
        taken: set[str] = set()
        for name, removed in (("orphan-endpoints", certain), ("unsure:orphan-endpoints", orphans)):
            if not removed or (name.startswith("unsure:") and not doubted):
                continue
            after, cut = self.r.after_removing(removed)
            gr = GroupResult(
                name,
                _default_title(name),
                "safe",
                [],
                sorted(removed if name == "orphan-endpoints" else doubted),
                after=after,
            )
            self.group_cut[name] = cut
            for n in live:
                if n.startswith("file:") and n not in after and n not in group_of and n not in taken:
                    group_of[n] = name
                    gr.members.append(n)
                    taken.add(n)
                    if name.startswith("unsure:"):
                        self.file_doubts[n] = [
                            "dies only with endpoints that something mentions: "
                            + ", ".join(d[9:] for d in sorted(doubted)[:3])
                        ]
            groups[name] = gr
        for n in doubted:
            group_of.setdefault(n, "unsure:orphan-endpoints")

    def _needs_refactor(self, referrer: str, member: str, removed: set[str]) -> bool:
        """A live file that uses a removed file in a way a mechanical cut cannot undo.
        Mounting a removed router (``include_router``) is cut by the planner itself."""
        f = self.ctx.facts.get(referrer)
        if f is None or f"file:{referrer}" in removed:
            return False
        if f.py is not None and f.py.includes:
            for inc in f.py.includes:
                hit = self.p.py._resolve_router(
                    referrer,
                    inc.child,
                    {(member, "router"): ""}
                    | {
                        (member, r.var): ""
                        for r in (self.ctx.facts[member].py.routers if self.ctx.facts[member].py else ())
                    },
                )
                if hit and hit[0] == member:
                    return False
        return True

    # ------------------------------------------------------------------ main
    def run(self) -> Analysis:
        r = self.r
        live = r.production
        dev = r.with_dev
        noflag = r.without_flags
        self.doubts = Doubts(self.p, r, live)
        self.group_cut: dict[str, frozenset[str]] = {}
        self.file_doubts: dict[str, list[str]] = {}
        self.endpoint_doubts = self.doubts.of_endpoints(
            sorted(n for n in self.ctx.endpoints if n not in live)
        )
        groups = self.configured_groups(live)
        group_of: dict[str, str] = {}
        for name, gr in groups.items():
            for n in gr.members:
                group_of.setdefault(n, name)
        self._orphan_group(live, groups, group_of)
        findings: list[Finding] = []
        kept: list[dict] = []
        for path in self.source_files():
            nid = f"file:{path}"
            rule = self.kept_rule(path)
            if rule is not None:
                kept.append(
                    rule.to_json() if hasattr(rule, "to_json") else {"path": path, "reason": rule.reason}
                )
                continue
            if nid in live and nid not in group_of:
                continue
            if self._package_marker(path) and not self._package_dead(path, live):
                continue  # an empty __init__.py of a package holding data files: not code to remove
            findings.append(self._file_finding(path, nid, live, dev, noflag, group_of, groups))
        for rule in self.cfg.keep:
            if rule.endpoint:
                kept.append({"endpoint": rule.endpoint, "reason": rule.reason})
        kept += [k.to_json() for k in self.p.inline_keeps if k.what != "file"]
        self.file_group = {f.node: f.group for f in findings}
        findings += self._endpoint_findings(live, dev, group_of)
        findings += self._broken_calls(live)
        findings += self._config_findings(live, group_of)
        findings += self._unused_exports(live, groups)
        findings += self._unused_python_defs(live)
        findings += self._unused_dependencies(live, findings)
        self._confidence(findings, groups)
        # flag groups: every environment must agree before the flag's code is called dead
        for f in findings:
            if f.group.startswith("flag:") and f.group not in groups:
                groups[f.group] = self._flag_group(f.group[5:])
        for f in findings:
            if f.group not in groups:
                groups[f.group] = GroupResult(f.group, _default_title(f.group), "safe")
            if f.node:
                groups[f.group].members.append(f.node)
        for f in findings:  # `[safe]` is earned: one unsure member puts the whole group up for review
            gr = groups[f.group]
            if f.confidence == "unsure" and gr.status == "safe":
                gr.status = "needs-review"
        blocked = []
        for name, gr in groups.items():
            for path, refs in sorted(gr.referenced_by.items()):
                blocked.append({"path": path, "group": name, "referenced_by": refs})
            if gr.status == "blocked":
                for f in findings:
                    if f.group == name:
                        blocked.append({"path": f.path, "group": name, "referenced_by": gr.blocked_by})
        order = {k: i for i, k in enumerate(KIND_ORDER)}
        findings.sort(key=lambda f: (f.group, order.get(f.kind, 99), f.path, f.symbol or f.endpoint or ""))
        return Analysis(self.p, r, findings, groups, kept, blocked)

    # ------------------------------------------------------------------ confidence
    def _confidence(self, findings: list[Finding], groups: dict[str, GroupResult]) -> None:
        """A finding is ``unsure`` when something mentions it, a blind spot of the model covers
        it, an unresolved call could reach it, or another unsure finding reaches it. The reasons
        go first in its evidence; in a group deadcode made up itself it moves to ``unsure:<group>``
        (a configured group is the user's own confirmation: it stays, as needs-review)."""
        doubted: dict[str, list[str]] = dict(self.endpoint_doubts)
        doubted.update(self.file_doubts)
        spots = self.ctx.blind_spots
        for f in findings:
            if f.kind == "broken-call" and f.node:
                why = self.doubts.of_broken_call()
                if why:
                    doubted[f.node] = why
            if not f.node or f.kind not in ("unreachable", "dev-only", "flag-gated"):
                continue
            why = [s.reason for s in spots if s.covers(f.path, f.kind)]
            why += self.doubts.of_file(f.path)
            if why:
                doubted[f.node] = doubted.get(f.node, []) + why
        doubted = self.doubts.spread(doubted)
        configured = {g.name for g in self.cfg.groups}
        for f in findings:
            why = doubted.get(f.node or "") or [s.reason for s in spots if s.covers(f.path, f.kind)]
            if why:
                f.confidence = "unsure"
                f.evidence = [f"unsure: {w}" for w in dict.fromkeys(why)] + f.evidence
        # an export or definition a file imports whose own dead verdict is unsure: as unsure
        unsure_files = {f.path for f in findings if f.node == f"file:{f.path}" and f.confidence == "unsure"}
        importers = self._importers_in(unsure_files) if unsure_files else {}
        for f in findings:
            if f.kind == "unused-export" and f.confidence == "certain" and (f.path, f.symbol) in importers:
                f.confidence = "unsure"
                f.evidence.insert(
                    0, f"unsure: imported by {importers[(f.path, f.symbol)]}, whose own verdict is unsure"
                )
            if f.confidence == "unsure" and f.group not in configured and not f.group.startswith("unsure:"):
                f.group = f"unsure:{f.group}"

    def _importers_in(self, files: set[str]) -> dict[tuple[str, str], str]:
        """(file, name) -> the first of ``files`` that imports that name (Python and TS)."""
        out: dict[tuple[str, str], str] = {}
        for path in sorted(files):
            for binds in self.p.py.bindings.get(path, {}).values():
                for b in binds:
                    if b.name not in (None, "*"):
                        out.setdefault((b.file, b.name), path)
            for origins in self.p.ts.bindings.get(path, {}).values():
                for origin, name in origins:
                    for hop in self.p.ts.through(origin, name):
                        out.setdefault(hop, path)
        return out

    # ------------------------------------------------------------------ files
    def _file_finding(self, path, nid, live, dev, noflag, group_of, groups) -> Finding:
        if nid in group_of and group_of[nid] in self.group_cut:
            gname = group_of[nid]
            cut = self.group_cut[gname]
            via = [e for e in self.g.inc.get(nid, ()) if e.users and all(u in cut for u in e.users)]
            who = sorted({u.split("#", 1)[1] + "()" for e in via for u in e.users})
            ev = [
                f"{e.at} {e.detail}, used only by {', '.join(u.split('#', 1)[1] + '()' for u in e.users)}"
                for e in via[:4]
            ]
            reason = (
                f"dies with group {gname}: only {', '.join(who[:4])} use{'s' if len(who) == 1 else ''} it"
                if who
                else f"dies with group {gname}: only what that group removes uses it"
            )
            return Finding(
                "unreachable",
                path,
                gname,
                reason,
                ev or [f"{path} is used only by what group {gname} removes"],
                node=nid,
            )
        if nid in group_of:
            gname = group_of[nid]
            chain = self.g.chain(live, nid)
            removed = set(groups[gname].removed)
            # from the reference to what the group removes (its route, file, endpoint) onwards
            start = next((i for i, e in enumerate(chain) if e.target in removed), max(len(chain) - 3, 0))
            why = [_fmt(e) for e in chain[start : start + 4]]
            kind = "dev-only" if nid in dev and nid not in live else "unreachable"
            return Finding(
                kind,
                path,
                gname,
                f"only reachable through what group {gname} removes",
                why or [f"{path} is named by group {gname}"],
                node=nid,
            )
        if nid in noflag:
            chain = self.g.chain(noflag, nid)
            gate = next((e for e in chain if self.r.false_edge(e)), None)
            names = sorted({c.name for c in gate.conditions}) if gate else []
            flag = names[0] if names else "?"
            ev = [_fmt(e) for e in chain if e.conditions] or [_fmt(e) for e in chain[-2:]]
            if gate is not None and _fmt(gate) not in ev:
                ev.insert(0, _fmt(gate))
            ev += [_fmt(e) for e in chain[-1:] if _fmt(e) not in ev]
            ev += format_table(flag, flag_table(self.ctx, flag))
            return Finding(
                "flag-gated",
                path,
                f"flag:{flag}",
                f"only reachable when {gate.condition if gate else flag}, off for production {flag} = "
                f"{_values(self.r.flags.get(flag))}",
                ev,
                node=nid,
            )
        if nid in dev:
            chain = self.g.chain(dev, nid)
            group, reason, ev = self._dev_group(chain, nid)
            return Finding("dev-only", path, group, reason, ev, node=nid)
        refs = [e for e in self.g.inc.get(nid, ()) if e.kind != "reexport"]
        if refs:
            ev = [f"referenced only by dead code: {_fmt(e)}" for e in refs[:5]]
        else:
            ev = [f"no file imports {path}, and it is not an entry"]
        return Finding(
            "unreachable", path, "unreachable", "not reachable from any production entry", ev, node=nid
        )

    def _dev_group(self, chain: list[Edge], nid: str) -> tuple[str, str, list[str]]:
        dev_nodes = self.r.dev_nodes
        nodes = [chain[0].source] + [e.target for e in chain] if chain else [nid]
        for i, n in enumerate(nodes):
            if n in dev_nodes:
                node = self.g.nodes[n]
                tail = chain[max(i - 1, 0) :]  # from the reference that enters the dev root or route
                ev = [_fmt(e) for e in tail] or [f"{node.path} is a dev root that no production code reaches"]
                if node.kind == "file":
                    return (f"dev-root:{node.path}", f"only reachable from dev root {node.path}", ev)
                pattern = next((p for p in self.cfg.dev_routes if route_match(node.label, p)), node.label)
                return (f"dev-route:{pattern}", f"only reachable through dev route {node.label}", ev)
        devedge = next((e for e in chain if e.dev), None)
        ev = [_fmt(e) for e in chain[-3:]]
        where = devedge.at if devedge else "?"
        return ("dev-branch", f"only reachable from a development-only branch at {where}", ev)

    # ------------------------------------------------------------------ endpoints
    def _endpoint_findings(self, live, dev, group_of) -> list[Finding]:
        out = []
        for nid, info in sorted(self.ctx.endpoints.items()):
            if nid in live and nid not in group_of:
                continue
            if info.uncertain:
                continue  # part of its path is unknown: we cannot tell that no client calls it
            if f"file:{info.file}" not in live and f"file:{info.file}" not in group_of:
                continue  # its whole file is a finding already
            callers = [e for e in self.g.inc.get(nid, ()) if e.kind == "calls"]
            ev = [f"{info.file}:{info.line} declares {info.method} {info.path} (handler {info.handler}())"]
            if info.include_at:
                ev.append("mounted via " + " -> ".join(info.include_at))
            kinds = []
            for e in callers:
                call = self.g.nodes[e.source]
                cpath = call.path or ""
                if is_test_path(cpath):
                    kinds.append("test")
                    ev.append(f"called only from test code: {e.at}")
                elif e.source in dev or f"file:{cpath}" in dev:
                    kinds.append("dev")
                    ev.append(f"called only from dev-only code: {e.at}")
                else:
                    kinds.append("dead")
                    ev.append(f"called only from dead code: {e.at}")
            if nid in group_of and group_of[nid] not in ORPHAN_GROUPS:
                group = group_of[nid]
                reason = f"its only callers go with group {group}"
            elif not callers:
                group = "orphan-endpoints"
                reason = "no production client call, Helm probe, script or public pattern reaches it"
            else:
                group = "orphan-endpoints"
                words = {"test": "test code", "dev": "dev-only code", "dead": "dead code"}
                reason = "its only callers are " + " or ".join(sorted({words[k] for k in kinds}))
            out.append(
                Finding(
                    "orphan-endpoint",
                    info.file,
                    group,
                    reason,
                    ev,
                    endpoint=f"{info.method} {info.path}",
                    line=info.line,
                    node=nid,
                )
            )
        return out

    def _broken_calls(self, live) -> list[Finding]:
        out = []
        for nid, call in sorted(self.ctx.calls.items()):
            if call.targets or not call.resolved or is_test_path(call.file):
                continue
            if self._may_hit_uncertain(call):
                continue
            if not self._in_api_namespace(call.url):
                continue  # /mail/api/emails from a separate tool's UI: not a path our backend serves
            if call.file.endswith(".py"):
                continue  # backend code calls other services (Grafana, LLM servers): not our endpoints
            if f"file:{call.file}" not in live:
                continue
            ev = [
                f"{call.file}:{call.line} calls {call.method} {call.url}",
                f"no endpoint among {len(self.ctx.endpoints)} serves {call.method} {call.url}",
            ]
            near = _nearest(call.url, [e.path for e in self._index().same_shape(endpoint_segments(call.url))])
            if near:
                ev.append(f"closest endpoint path: {near}")
            out.append(
                Finding(
                    "broken-call",
                    call.file,
                    "broken-calls",
                    "a frontend call that no endpoint serves",
                    ev,
                    endpoint=f"{call.method} {call.url}",
                    line=call.line,
                    node=nid,
                )
            )
        return out

    def _index(self):
        from deadcode.graph.http import EndpointIndex, EndpointKey

        if not hasattr(self, "_endpoint_index"):
            self._endpoint_index = EndpointIndex(
                [
                    EndpointKey(i.method, i.path, endpoint_segments(i.path), i.uncertain)
                    for i in self.ctx.endpoints.values()
                ]
            )
        return self._endpoint_index

    def _in_api_namespace(self, url: str) -> bool:
        """A broken call targets a path space the backend serves: its first segment starts some
        endpoint (``/api/...``)."""
        from deadcode.graph.http import endpoint_segments

        if not hasattr(self, "_first_segments"):
            self._first_segments = {endpoint_segments(i.path)[:1] for i in self.ctx.endpoints.values()}
        return endpoint_segments(url)[:1] in self._first_segments

    def _may_hit_uncertain(self, call) -> bool:
        """A call whose path ends like an endpoint behind an unresolved prefix may reach it."""
        from deadcode.graph.http import _seg_match, endpoint_segments

        segs = endpoint_segments(call.url)
        if not hasattr(self, "_uncertain_tails"):  # asked for every broken call: listed once
            self._uncertain_tails = [
                endpoint_segments(info.path) for info in self.ctx.endpoints.values() if info.uncertain
            ]
        for tail in self._uncertain_tails:
            if len(tail) <= len(segs) and all(
                _seg_match(c, e) for c, e in zip(segs[len(segs) - len(tail) :], tail)
            ):
                return True
        return False

    # ------------------------------------------------------------------ config
    def _config_findings(self, live, group_of) -> list[Finding]:
        everything = self.r.everything
        out = []
        reported_env = set()
        for nid, node in sorted(self.g.nodes.items()):
            if node.kind != "setting" or nid in live or nid not in everything:
                continue
            name = node.label
            path, _cls, fld = self.ctx.settings_fields[name]
            readers = [e for e in self.g.inc.get(nid, ()) if e.kind == "reads"]
            ev = [f"read only by dead code: {_fmt(e)}" for e in readers[:6]]
            env = node.data.get("env", name).upper()
            reported_env.add(env)
            for spath, sline, value, vkey in self.ctx.env_sources.get(env, []):
                ev.append(f"env {env} set at {spath}:{sline}" + (f" from .Values.{vkey}" if vkey else ""))
            out.append(
                Finding(
                    "unused-config",
                    path,
                    self._config_group(readers, group_of),
                    f"settings field {name} is read only by dead code",
                    ev,
                    symbol=name,
                    line=fld.line,
                    node=nid,
                )
            )
        for nid, node in sorted(self.g.nodes.items()):
            if node.kind != "env" or nid in live or nid not in everything or node.label in reported_env:
                continue
            readers = [
                e
                for e in self.g.inc.get(nid, ())
                if e.kind == "reads" and not e.source.startswith("setting:")
            ]
            if not readers:
                continue
            sources = self.ctx.env_sources.get(node.label, [])
            keys = [vkey for _, _, _, vkey in sources if vkey]
            ev = [f"read only by dead code: {_fmt(e)}" for e in readers[:6]]
            group = self._config_group(readers, group_of)
            if keys:
                for key in dict.fromkeys(keys):
                    vnode = f"helm-value:{key}"
                    if vnode in live:
                        continue
                    vev = list(ev) + [
                        f"env {node.label} is set from .Values.{key} at {s[0]}:{s[1]}"
                        for s in sources
                        if s[3] == key
                    ]
                    vev += [f"{vp}:{vl} {key}: {vv!r}" for vp, vl, vv in self.ctx.values.get(key, [])]
                    declared = sorted(
                        self.ctx.values.get(key, []),
                        key=lambda v: (v[0].rsplit("/", 1)[-1] != "values.yaml", v[0]),
                    )
                    first = (declared or [(sources[0][0], 0, None)])[0]
                    out.append(
                        Finding(
                            "unused-config",
                            first[0],
                            group,
                            f"Helm value {key} feeds only env {node.label}, which only dead code reads",
                            vev,
                            symbol=key,
                            line=first[1] or None,
                            node=vnode,
                        )
                    )
                continue
            where = sources[0][0] if sources else readers[0].at.rsplit(":", 1)[0]
            ev += [f"env {node.label} set at {s[0]}:{s[1]}" for s in sources]
            out.append(
                Finding(
                    "unused-config",
                    where,
                    group,
                    f"env var {node.label} is read only by dead code",
                    ev,
                    symbol=node.label,
                    node=nid,
                )
            )
        return out

    def _config_group(self, readers: list[Edge], group_of) -> str:
        groups = set()
        for e in readers:
            src = self.g.nodes.get(e.source)
            fnode = f"file:{src.path}" if src and src.path else e.source
            if fnode in self.file_group:
                groups.add(self.file_group[fnode])
            elif fnode in group_of:
                groups.add(group_of[fnode])
        return sorted(groups)[0] if len(groups) == 1 else "unused-config"

    # ------------------------------------------------------------------ exports
    def _used_exports(self, live) -> tuple[set[tuple[str, str]], set[str]]:
        """(file, export) pairs live files import, and files they consume wholesale."""
        used: set[tuple[str, str]] = set()
        wholesale: set[str] = set()
        ts = self.p.ts
        for path, f in ts.ts.items():
            if f"file:{path}" not in live:
                continue
            for imp in f.ts.imports:
                target = ts.resolve(imp.specifier, path)
                if target is None:
                    continue
                # a webpack inline loader (comlink-loader!./Worker) reads the module it wraps whole
                if (
                    imp.kind in ("dynamic", "lazy", "side-effect", "require")
                    or "!" in imp.specifier
                    or any(i == "*" for i, _ in imp.names)
                ):
                    wholesale.add(target)
                    wholesale.update(ts.reexport_closure(target))
                    if imp.kind == "lazy":
                        used.add((target, "default"))
            for local, origins in ts.bindings.get(path, {}).items():
                for origin, name in origins:
                    if name == "*":  # `export * as ns` imported by name: the whole module
                        wholesale.add(origin)
                    used.update(ts.through(origin, name))
        # what an entry re-exports is its public face: a package's API, a page's `export { default }`
        for nid in self.p.entries:
            path = nid[5:]
            f = ts.ts.get(path)
            if f is None or nid not in live:
                continue
            for rx in f.ts.reexports:
                target = ts.resolve(rx.specifier, path)
                if target is None:
                    continue
                if not rx.names:
                    wholesale.add(target)
                    wholesale.update(ts.reexport_closure(target))
                for imported, _exported in rx.names:
                    if imported == "*":
                        wholesale.add(target)
                    else:
                        used.update(ts.origins(target, imported))
                        used.update(ts.through(target, imported))
        used |= self.p.framework_exports
        return used, wholesale

    def _unused_exports(self, live, groups: dict[str, GroupResult]) -> list[Finding]:
        """TS exports no live file imports (per symbol, through barrels); and exports that only
        a removal group's members import, reported in that group."""
        used, wholesale = self._used_exports(live)
        out = []
        entries = set(self.p.entries)
        candidates = []
        for path, f in sorted(self.p.ts.ts.items()):
            nid = f"file:{path}"
            if (
                nid not in live
                or nid in entries
                or is_test_path(path)
                or self.kept_rule(path)
                or is_generated(path, f)
                or is_declarations(path)
            ):
                continue
            for ex in f.ts.exports:
                if ex.kind not in ("type", "interface"):  # types vanish at build time
                    candidates.append((path, ex))
        kept = self.kept_symbols
        candidates = [(p, ex) for p, ex in candidates if (p, ex.name) not in kept]
        for path, ex in candidates:
            if path in wholesale or (path, ex.name) in used:
                continue
            out.append(
                Finding(
                    "unused-export",
                    path,
                    "unused-exports",
                    f"export {ex.name} is not imported by any live file",
                    [f"{path}:{ex.line} exports {ex.name}; no live import of it"],
                    symbol=ex.name,
                    line=ex.line,
                )
            )
        for name, gr in groups.items():
            if gr.after is None:
                continue
            g_used, g_whole = self._used_exports(gr.after)
            for path, ex in candidates:
                if f"file:{path}" not in gr.after or path in wholesale or (path, ex.name) not in used:
                    continue
                if path in g_whole or (path, ex.name) in g_used:
                    continue
                users = sorted(
                    {
                        p
                        for p, f in self.p.ts.ts.items()
                        if f"file:{p}" in live
                        and f"file:{p}" not in gr.after
                        and any((path, ex.name) in o for o in self.p.ts.bindings.get(p, {}).values())
                    }
                )
                out.append(
                    Finding(
                        "unused-export",
                        path,
                        name,
                        f"export {ex.name} is imported only by what group {name} removes",
                        [f"{path}:{ex.line} exports {ex.name}"]
                        + [f"imported by {u} (removed with {name})" for u in users],
                        symbol=ex.name,
                        line=ex.line,
                    )
                )
        return out

    def _unused_python_defs(self, live) -> list[Finding]:
        """Top-level Python functions and classes nothing live uses, by name, the way vulture
        does, taught the frameworks: decorated definitions (routes, dependencies, typer commands,
        celery tasks, fixtures) are registered, so used. Precision first: a module that some
        live file imports as a module object (``from app import svc; svc.f()``) is skipped, since
        attribute uses are not tracked per name."""
        py = self.p.py
        imported_names: set[tuple[str, str]] = set()
        module_imported: set[str] = set()
        for path, table in py.bindings.items():
            if f"file:{path}" not in live:
                continue
            for local, binds in table.items():
                for b in binds:
                    if b.name is None or b.name == "*":
                        module_imported.add(b.file)
                    else:
                        imported_names.add((b.file, b.name))
        for (path, imp), targets in py.import_targets.items():
            if not imp.names and f"file:{path}" in live:  # import a.b.c / importlib: module objects
                module_imported.update(targets)
        # a module loaded by name or place (``import_module(f"impl.{n}.{n}_runtime")`` then
        # ``getattr(module, f"{N}Runtime")``): its names are looked up at run time
        for src, target in self.ctx.module_loads:
            if target.endswith(".py") and src.split("#")[0].replace("symbol:", "file:") in live:
                module_imported.add(target)
        # a name looked up by string (getattr(obj, "name"), or beside the module string that
        # names its module): used in that module; anywhere else, the lookup may still land on it
        # ("." for the module itself: ``globals()[name]`` with the name among its strings; "*"
        # where it looks itself up: its other definitions may be what the key computes)
        looked_up: dict[str, list[str]] = {}
        self_lookup: dict[str, int] = {}
        # a class path in a string ("app.stores.redis.RedisStore"): that name is used, and the
        # module's other names may be computed from it (f"{cls}Config"): unsure
        by_class_path: dict[str, str] = {}
        for path, f in py.py.items():
            if f"file:{path}" not in live:
                continue
            for text, line in f.py.module_strings:
                module, _, attr = text.partition(":")[0].rpartition(".")
                target = py.r.resolve(module, path) if module and attr else None
                if target and target != path and not py.r.resolve(text.partition(":")[0], path):
                    imported_names.add((target, attr))
                    by_class_path.setdefault(target, f"{path}:{line} ({text})")
            for name, module, line in f.py.attribute_strings:
                if module == ".":
                    if name == "*":
                        self_lookup.setdefault(path, line)
                    else:
                        imported_names.add((path, name))
                    continue
                target = py.r.resolve(module, path) if module else None
                if target:
                    imported_names.add((target, name))
                looked_up.setdefault(name, []).append(f"{path}:{line}")
        entries = set(self.p.entries)
        out = []
        for path, f in sorted(py.py.items()):
            nid = f"file:{path}"
            if (
                nid not in live
                or nid in entries
                or path in module_imported
                or is_test_path(path)
                or is_generated(path, f)
                or self.kept_rule(path)
                or path.endswith("__init__.py")
            ):
                continue
            pyf = f.py
            used_here = set(pyf.module_uses)
            for d in pyf.defs:
                used_here.update(u for u in d.uses if u != d.name)
            exported = set(pyf.all_names or ())
            handlers = py.handlers.get(path, set())
            for d in pyf.defs:
                if d.kind not in ("function", "class") or d.decorators or d.name.startswith("__"):
                    continue
                if d.name in used_here or d.name in exported or d.name in handlers or d.name == "main":
                    continue
                if (path, d.name) in self.kept_symbols:
                    continue
                if (path, d.name) in imported_names or any(b and "Settings" in b for b in d.bases):
                    continue
                finding = Finding(
                    "unused-export",
                    path,
                    "unused-exports",
                    f"{d.kind} {d.name} is not used in its module nor imported by any live file",
                    [f"{path}:{d.line} defines {d.kind} {d.name}; no live use or import of it"],
                    symbol=d.name,
                    line=d.line,
                )
                doubt = None
                if d.name in looked_up:
                    where = looked_up[d.name]
                    doubt = f'"{d.name}" is looked up by name at {", ".join(where[:3])}' + (
                        f" and {len(where) - 3} more" if len(where) > 3 else ""
                    )
                elif path in self_lookup:
                    doubt = f"{path}:{self_lookup[path]} looks up this module's own names by a computed key"
                elif (hit := self.doubts.unplaced_import_of(path)) and (
                    not hit[2] or d.name in hit[2] or "*" in hit[2]
                ):
                    what = f"{d.name} from {hit[0]}" if d.name in hit[2] else hit[0]
                    doubt = (
                        f"{hit[1]} imports {what}, which resolves to no module here: "
                        "the build may copy this file where that name finds it"
                    )
                elif path in by_class_path:
                    doubt = (
                        f"a class path names this module at {by_class_path[path]}: "
                        "its other names may be looked up from it"
                    )
                if doubt:
                    finding.confidence = "unsure"
                    finding.evidence.insert(0, f"unsure: {doubt}")
                out.append(finding)
        return out

    # ------------------------------------------------------------------ dependencies
    def _lock_needs(self, manifest: str, ecosystem: str) -> dict:
        """What the lock files of ``manifest``'s folder and the folders above it record as needed,
        by whom (analysis/lockfiles.py: npm peers and dependencies, Python dependencies), keyed
        by normalised name and read once each."""
        from deadcode.analysis import dependencies as D
        from deadcode.analysis import lockfiles

        cache = self.__dict__.setdefault("_lock_needs_cache", {})
        names, parse = (
            (lockfiles.LOCK_FILES, lockfiles.peers)
            if ecosystem == "npm"
            else (lockfiles.PYTHON_LOCK_FILES, lockfiles.python_needs)
        )
        norm = (lambda n: n) if ecosystem == "npm" else D.normalise
        out: dict = {}
        for folder in _folders_up(manifest):
            for name in names:
                path = f"{folder}/{name}" if folder else name
                if path not in cache:
                    data = self.ctx.reads.raw(path, WORDS_LIMIT)
                    text = data.decode("utf-8", "replace") if data is not None else None
                    cache[path] = {
                        norm(k): [replace(p, requirer=norm(p.requirer)) for p in v]
                        for k, v in (parse(path, text) if text else {}).items()
                    }
                for needed, requirers in cache[path].items():
                    out.setdefault(needed, []).extend(requirers)
        return out

    def _eslint_configs(self, folder: str) -> dict[str, str]:
        """path -> text of the ESLint configurations of the package in ``folder``: its config
        files (each probe recorded, so a config added later is seen) and package.json's
        ``eslintConfig``."""
        from deadcode.analysis import dependencies as D

        out = {}
        for name in D.ESLINT_CONFIG_NAMES:
            path = f"{folder}/{name}" if folder else name
            text = self.ctx.reads.text(path)
            if text is not None:
                out[path] = text
        manifest = f"{folder}/package.json" if folder else "package.json"
        if '"eslintConfig"' in (self.ctx.side_texts.get(manifest) or ""):
            out[manifest] = self.ctx.side_texts[manifest]
        return out

    def _package_folder(self, path: str) -> str | None:
        """The folder of the nearest ``package.json`` above ``path``."""
        return next(
            (
                f
                for f in _folders_up(path)
                if (f"{f}/package.json" if f else "package.json") in self.ctx.side_texts
            ),
            None,
        )

    @staticmethod
    def _needed_from(needs: dict, roots: set[str]) -> dict:
        """name -> the lock entry by which a package ``roots`` (used by live code) needs it,
        directly or through the packages those need."""
        forward: dict[str, list] = {}
        for needed, peers in needs.items():
            for p in peers:
                forward.setdefault(p.requirer, []).append((needed, p))
        out: dict = {}
        stack, seen = sorted(roots), set(roots)
        while stack:
            for needed, p in forward.get(stack.pop(), ()):
                out.setdefault(needed, p)
                if needed not in seen:
                    seen.add(needed)
                    stack.append(needed)
        return out

    def _unused_dependencies(self, live, findings: list[Finding]) -> list[Finding]:
        """Runtime dependencies no live file imports (analysis/dependencies.py); those only dead
        code imports go with that code's group."""
        from deadcode.analysis import dependencies as D

        declared = D.declared_dependencies(self.ctx.side_texts)
        if not declared:
            return []
        py_users: dict[str, set[str]] = {}
        npm_users: dict[str, set[str]] = {}
        missing: dict[str, str] = {}  # package.json folder -> a live import of a file not in the repo
        jsx = False
        for path, f in self.ctx.facts.items():
            if f.py is not None:
                for imp in f.py.imports:
                    if not imp.module.startswith(".") and not self.p.py.import_targets.get((path, imp)):
                        py_users.setdefault(imp.module.split(".")[0], set()).add(path)
            elif f.ts is not None:
                jsx = jsx or path.endswith((".tsx", ".jsx"))
                for spec in [i.specifier for i in f.ts.imports] + [r.specifier for r in f.ts.reexports]:
                    *loaders, spec = spec.split("!")  # webpack inline loaders are packages too
                    for loader in loaders:
                        name = D.npm_package(loader.split("?", 1)[0])
                        if name:
                            npm_users.setdefault(name, set()).add(path)
                    name = D.npm_package(spec)
                    unresolved = self.p.ts.resolve(spec, path) is None
                    if name and unresolved:
                        npm_users.setdefault(name, set()).add(path)
                    elif (
                        unresolved
                        and spec.startswith(".")
                        and not _ASSET.search(spec)
                        and f"file:{path}" in live
                    ):
                        folder = self._package_folder(path)
                        if folder is not None:
                            missing.setdefault(folder, f"{path} imports {spec}")
        group_of_file = {f.node: f for f in findings if f.node and f.node.startswith("file:")}
        live_py = {
            m: min(u for u in us if f"file:{u}" in live)
            for m, us in py_users.items()
            if any(f"file:{u}" in live for u in us)
        }
        live_npm = {n for n, us in npm_users.items() if any(f"file:{u}" in live for u in us)}
        # the declared Python distributions live code imports: what they need is installed for them
        # (a guessed import name may miss a namespace: snowflake-sqlalchemy is snowflake.sqlalchemy,
        # so the name's first part counts too: a root too many only keeps a dependency)
        live_dists = {
            D.normalise(dep.name)
            for dep in declared
            if dep.ecosystem == "python"
            and any(m in live_py for m in (*D.import_names(dep.name)[0], D.normalise(dep.name).split("-")[0]))
        }
        out: list[Finding] = []
        silent: list[tuple[D.Declared, bool]] = []
        peer_doubts: dict[tuple[str, str], str] = {}
        for dep in declared:
            if dep.ecosystem == "npm":
                names, known = D.npm_names(dep.name), True
                users = set().union(*(npm_users.get(n, set()) for n in names))
                if dep.name == "react" and jsx:
                    continue  # the JSX runtime imports it
                key, roots = dep.name, live_npm
            else:
                names, known = D.import_names(dep.name)
                users = set().union(*(py_users.get(n, set()) for n in names)) if names else set()
                key, roots = D.normalise(dep.name), live_dists
            needs = self._lock_needs(dep.manifest, dep.ecosystem)
            if needs:
                needed_by = [p for p in needs.get(key, ()) if p.requirer in roots]
                if any(not p.optional and not p.dependency for p in needed_by):
                    continue  # a package live code imports imports it: a peer dependency
                if needed_by:
                    p = min(needed_by, key=lambda p: (p.dependency, p.requirer))
                    what = "a dependency" if p.dependency else "an optional peer dependency"
                    peer_doubts[(dep.manifest, dep.name)] = (
                        f"{what} of {p.requirer}, which live code imports ({p.at}): listed to pin or to enable it"
                    )
                else:
                    memo = self.__dict__.setdefault("_needed_memo", {})
                    mkey = (dep.manifest, dep.ecosystem)
                    if mkey not in memo:
                        memo[mkey] = self._needed_from(needs, roots)
                    p = memo[mkey].get(key)
                    if p is not None:
                        peer_doubts[(dep.manifest, dep.name)] = (
                            f"needed by {p.requirer} ({p.at}), which a package live code imports needs: "
                            "listed to pin it"
                        )
            if not names:
                continue
            if any(f"file:{u}" in live for u in users):
                continue
            if users:
                prod = sorted(u for u in users if not is_test_path(u))
                dead = [group_of_file.get(f"file:{u}") for u in prod]
                groups = {d.group for d in dead if d is not None}
                ev = [f"imported only by dead code: {u}" for u in prod[:5]]
                ev += [f"imported only by tests: {u}" for u in sorted(users - set(prod))[:3]]
                if prod and len(groups) == 1 and all(d is not None for d in dead):
                    group, reason = groups.pop(), f"only code that group removes imports {dep.name}"
                else:
                    group = "unused-dependencies"
                    reason = f"no live file imports {dep.name}" + (" (only tests do)" if not prod else "")
                f = Finding(
                    "unused-dependency",
                    dep.manifest,
                    group,
                    reason,
                    [f"{dep.manifest}:{dep.line} declares {dep.name}"] + ev,
                    symbol=dep.name,
                    line=dep.line,
                    importers=tuple(prod),
                )
                peer = peer_doubts.get((dep.manifest, dep.name))
                if peer:
                    f.confidence = "unsure"
                    f.evidence.insert(0, f"unsure: {peer}")
                elif not prod or any(d is not None and d.confidence == "unsure" for d in dead):
                    f.confidence = "unsure"
                    f.evidence.insert(
                        0,
                        "unsure: "
                        + (
                            "only tests import it: move it to the dev dependencies instead"
                            if not prod
                            else "an importer's own verdict is unsure"
                        ),
                    )
                out.append(f)
            else:
                silent.append((dep, known))
        if silent:

            def words(dep):
                return [dep.name] + list(
                    D.import_names(dep.name)[0] if dep.ecosystem == "python" else D.npm_names(dep.name)
                )

            names = {n for dep, _ in silent for n in words(dep)}
            files = [
                p
                for p in list(self.ctx.facts) + list(self.ctx.side_texts) + list(self.ctx.text_mentions)
                if not is_test_path(p)
            ]
            named = D.words_in(
                self.ctx.reads, sorted(set(files)), names, skip={(d.manifest, d.line) for d, _ in silent}
            )
            eslint_configs: dict[str, dict[str, str]] = {}
            for dep, known in silent:
                if any(n in named for n in words(dep)):
                    continue  # a command, a config or a URL names it: a tool or a driver
                if dep.ecosystem == "npm" and (dep.name == "eslint" or D.eslint_short_name(dep.name)):
                    folder = dep.manifest.rpartition("/")[0]
                    if folder not in eslint_configs:
                        eslint_configs[folder] = self._eslint_configs(folder)
                    if D.eslint_names(dep.name, eslint_configs[folder]):
                        continue  # an ESLint config of its package extends or loads it
                f = Finding(
                    "unused-dependency",
                    dep.manifest,
                    "unused-dependencies",
                    f"nothing imports or names {dep.name}",
                    [
                        f"{dep.manifest}:{dep.line} declares {dep.name}; no file imports it and no command, "
                        "config or URL names it"
                    ],
                    symbol=dep.name,
                    line=dep.line,
                )
                doubts = []
                if not known:
                    doubts.append(
                        f"the import name of {dep.name} is a guess ({', '.join(D.import_names(dep.name)[0])})"
                    )
                if D.normalise(dep.name) in D.IMPLICIT or dep.name in D.IMPLICIT_NPM:
                    doubts.append(
                        f"{dep.name} is usually loaded by another library (a driver, a server, a parser), not imported"
                    )
                if dep.ecosystem == "python":
                    comment = D.comment_about(self.ctx.side_texts.get(dep.manifest) or "", dep)
                    if comment:
                        doubts.append(comment)
                if (dep.manifest, dep.name) in peer_doubts:
                    doubts.append(peer_doubts[(dep.manifest, dep.name)])
                folder = dep.manifest.rpartition("/")[0]
                if dep.ecosystem == "npm" and folder in missing:
                    doubts.append(
                        f"{missing[folder]}, a file the repository does not hold (made by the build?): "
                        "what it imports is unknown"
                    )
                if dep.ecosystem == "python":
                    for module, names in D.OPTIONAL_LOADERS.items():
                        importer = live_py.get(module)
                        if importer and D.optionally_loaded(dep.name, names):
                            doubts.append(
                                f"{module}, which live code imports ({importer}), imports optional "
                                "packages when a feature of it runs"
                            )
                            break
                if dep.pinned_list:
                    doubts.append(
                        f"{dep.manifest} pins its entries like a lock file: {dep.name} may be another dependency's need"
                    )
                if doubts:
                    f.confidence = "unsure"
                    f.evidence[:0] = [f"unsure: {d}" for d in doubts]
                out.append(f)
        return out

    def _flag_group(self, flag: str) -> GroupResult:
        rows = flag_table(self.ctx, flag)
        prod = self.r.flags.get(flag, ())
        gr = GroupResult(f"flag:{flag}", f"Code behind {flag}", "safe", flag=flag)
        for row in rows:
            if row.value is not None and not any(str(row.value) == str(v) for v in prod):
                gr.blocked_by.append(f"{row.source} ({row.where}) sets {flag} = {row.value!r}")
        if gr.blocked_by:
            gr.status = "blocked"
        return gr


def _values(values) -> str:
    if not values:
        return "(not configured)"
    return " or ".join(repr(v) for v in values)


def _default_title(group: str) -> str:
    if group.startswith("unsure:"):
        return f"{_default_title(group[7:])}, unsure: confirm before removing"
    if group.startswith("dev-root:"):
        return f"Reachable only from dev root {group[9:]}"
    if group.startswith("dev-route:"):
        return f"Pages behind dev route {group[10:]}"
    return {
        "unreachable": "Unreachable files",
        "orphan-endpoints": "Endpoints no client calls",
        "broken-calls": "Calls to endpoints that do not exist",
        "unused-exports": "Unused exports",
        "unused-config": "Settings and values only dead code reads",
        "dev-branch": "Development-only branches",
        "unused-dependencies": "Dependencies nothing live imports",
    }.get(group, group)


def _nearest(url: str, paths: list[str], cutoff: float = 0.6) -> str | None:
    """``difflib.get_close_matches(url, paths, n=1, cutoff)``, exactly, without computing the
    full ratio of a candidate whose upper bound cannot beat the best so far: the endpoints of one
    shape are hundreds on a large API. The bound is 2 x LCS / total length: difflib's matching
    blocks are a common subsequence, so they match at most the LCS (tighter than ``quick_ratio``,
    which counts common characters in any order; similar paths share nearly all of those)."""
    import difflib

    s = difflib.SequenceMatcher()
    s.set_seq2(url)
    masks = _char_masks(url)
    bounded = []
    for x in dict.fromkeys(paths):  # one path per method: the same score, the same answer
        s.set_seq1(x)
        if s.real_quick_ratio() >= cutoff:
            bound = 2.0 * _lcs_length(x, masks, len(url)) / (len(x) + len(url))
            if bound >= cutoff:
                bounded.append((bound, x))
    bounded.sort(reverse=True)
    best: tuple[float, str] | None = None
    for bound, x in bounded:
        if best is not None and bound < best[0]:
            break  # ratio <= bound: no later candidate can win or tie
        s.set_seq1(x)
        r = s.ratio()
        if r >= cutoff and (best is None or (r, x) > best):
            best = (r, x)
    return best[1] if best else None


def _char_masks(b: str) -> dict[str, int]:
    """Character -> the bit set of its positions in ``b``."""
    masks: dict[str, int] = {}
    for i, ch in enumerate(b):
        masks[ch] = masks.get(ch, 0) | (1 << i)
    return masks


def _lcs_length(a: str, masks: dict[str, int], n: int) -> int:
    """The length of the longest common subsequence of ``a`` and the string of ``masks`` (of
    length ``n``), bit-parallel (Allison-Dix): one pass over ``a`` of a few integer operations."""
    full = (1 << n) - 1
    row = full
    for ch in a:
        u = row & masks.get(ch, 0)
        row = ((row + u) | (row - u)) & full
    return n - row.bit_count()


def analyze(program: Program) -> Analysis:
    return Analyzer(program).run()
