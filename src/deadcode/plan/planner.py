"""Groups of findings -> ordered removal steps, each a ``git apply``-able patch.

Order inside a group: checks, then cuts in files that stay (routes, JSX, imports, router
mounts, handlers, flag branches), then deletions, then configuration (settings fields, env vars,
Helm values). Each step is computed on the tree as the previous steps left it, so the patches
apply in order and no step leaves a reference to a file already deleted."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from deadcode.analysis.findings import Analysis, GroupResult
from deadcode.discover.config import route_match
from deadcode.graph.context import is_test_path
from deadcode.plan import edits as E
from deadcode.plan.conditions import evaluate
from deadcode.plan.diff import unified_diff
from deadcode.plan.tree import VirtualTree, head_reader


@dataclass
class Step:
    order: int
    action: str  # check | edit | delete
    paths: list[str]
    summary: str
    patch: str = ""
    needs_review: bool = False
    evidence: list[str] = field(default_factory=list)
    changes: dict[str, bytes | None] = field(default_factory=dict)

    def to_json(self) -> dict:
        d = {"order": self.order, "action": self.action, "paths": self.paths, "summary": self.summary,
             "patch": self.patch}
        if self.needs_review:
            d["needs_review"] = True
        return d


@dataclass
class GroupPlan:
    name: str
    title: str
    status: str
    steps: list[Step] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        d = {"name": self.name, "title": self.title, "status": self.status,
             "steps": [s.to_json() for s in self.steps]}
        if self.notes:
            d["notes"] = self.notes
        return d


def _try(data: bytes, make_edits, notes: list[str], what: str) -> tuple[bytes, bool]:
    """Apply one primitive; a refusal leaves the code as it is and marks the step for review."""
    try:
        return E.apply_edits(data, make_edits()), True
    except E.EditRefused as exc:
        notes.append(f"{what} left for review ({exc})")
        return data, False


def _grammar(path: str) -> str:
    return "tsx" if path.endswith((".tsx", ".jsx", ".js", ".mjs", ".cjs")) else "typescript"


REMOVABLE = ("dev-only", "flag-gated", "unreachable")


class Planner:
    def __init__(self, analysis: Analysis, cut_references: bool = False, from_head: bool = False):
        self.a = analysis
        self.p = analysis.program
        self.ctx = analysis.program.ctx
        self.cut_references = cut_references
        self.from_head = from_head

    def plan(self, groups: list[str] | None = None) -> list[GroupPlan]:
        names = groups or sorted({f.group for f in self.a.findings} | set(self.a.groups))
        root = Path(self.ctx.root)
        # One tree for the whole plan: each group is planned on what the groups before it left,
        # so every patch of the plan applies in order, across groups too.
        self.tree = VirtualTree(root, head_reader(root) if self.from_head else None)
        out = []
        for name in names:
            gr = self.a.groups.get(name)
            if gr is None:
                continue
            if name in ("broken-calls", "unused-exports"):
                continue  # reported, not removed: a broken call needs an endpoint or a fix, not a deletion
            out.append(self.plan_group(gr))
        return out

    # ------------------------------------------------------------------ one group
    def plan_group(self, gr: GroupResult) -> GroupPlan:
        plan = GroupPlan(gr.name, gr.title, gr.status)
        findings = [f for f in self.a.findings if f.group == gr.name]
        if gr.status == "blocked":
            plan.notes += [f"blocked: {why}" for why in gr.blocked_by]
            return plan
        if gr.status == "needs-refactor" and not self.cut_references:
            plan.notes.append("live code still uses this group; run with --cut-references to edit the live referrers "
                              "first (those steps are marked needs review)")
            return plan
        tree = self.tree
        doomed = sorted({f.path for f in findings if f.kind in REMOVABLE})
        doomed += [n[5:] for n in gr.members if n.startswith("file:") and n[5:] not in doomed
                   and not is_test_path(n[5:]) and self.ctx.facts.get(n[5:]) is not None]
        doomed_set = set(doomed)
        endpoints = [f for f in findings if f.kind == "orphan-endpoint"]
        configs = [f for f in findings if f.kind == "unused-config"]
        self.exports_gone = {(f.path, f.symbol) for f in findings if f.kind == "unused-export"}
        routes = {self.p.graph.nodes[n].label for n in gr.removed if n.startswith("route:")}
        steps: list[Step] = []
        if gr.flag or gr.name.startswith("flag:"):
            flag = gr.flag or gr.name[5:]
            values = self.a.reacher.flags.get(flag, ())
            rows = [f"{r}" for f in findings[:1] for r in f.evidence if r.startswith(f"flag {flag}:")]
            steps.append(Step(0, "check", sorted({r.split(": ", 1)[1].split(" (")[0].rsplit(":", 1)[0] for r in rows}),
                              f"every environment sets {flag} to {' or '.join(repr(v) for v in values)}", evidence=rows))
        ext = [f.endpoint for f in endpoints]
        if ext:
            steps.append(Step(0, "check", [], "no client outside this repository calls " + ", ".join(ext),
                              evidence=[f"public_endpoints does not list {e}" for e in ext]))
        # Each step is applied to the virtual tree as soon as it is made, so the next step is
        # computed on the tree the previous ones left: the patches apply in order.
        def emit(step: Step | None) -> None:
            if step is None:
                return
            if step.changes:
                step.patch = self._apply(tree, step.changes)
                if not step.patch and step.action != "check":
                    return
            steps.append(step)

        # 1. cut references in files that stay
        for path in self._referrers(doomed_set, routes, endpoints, gr):
            emit(self._cut(tree, path, doomed_set, routes, endpoints, gr))
        # 2. delete
        existing = [p for p in doomed if tree.exists(p)]
        if existing:
            step = Step(0, "delete", existing, f"delete {len(existing)} file(s) of group {gr.name}",
                        evidence=[f"{f.path}: {f.reason}" for f in findings if f.path in doomed_set][:20])
            for p in existing:
                step.changes[p] = None
            emit(step)
        # 3. configuration
        for f in configs:
            emit(self._config_step(tree, f))
        for order, s in enumerate(steps, 1):
            s.order = order
            if s.needs_review:
                plan.status = "needs-refactor"
        plan.steps = steps
        return plan

    def _apply(self, tree: VirtualTree, changes: dict[str, bytes | None]) -> str:
        diffs = []
        for path, new in changes.items():
            old = tree.read(path)
            if old == new:
                continue
            diffs.append(unified_diff(path, old, new))
            tree.write(path, new)
        return "".join(diffs)

    # ------------------------------------------------------------------ referrers
    def _referrers(self, doomed: set[str], routes: set[str], endpoints, gr) -> list[str]:
        g = self.p.graph
        out = set()
        for path in doomed:
            for e in g.inc.get(f"file:{path}", ()):
                src = g.nodes.get(e.source)
                if src and src.path and src.path not in doomed and not is_test_path(src.path):
                    out.add(src.path)
        for rid, decls in self.ctx.routes.items():
            if any(route_match(rid[6:], r) for r in routes):
                out |= {d.file for d in decls if d.file not in doomed}
        for f in endpoints:
            if f.path not in doomed:
                out.add(f.path)
        out |= {path for path, _ in self.exports_gone if path not in doomed}
        if gr.flag or gr.name.startswith("flag:"):
            flag = gr.flag or gr.name[5:]
            for path, facts in self.ctx.facts.items():
                if path in doomed or facts.py is None or is_test_path(path):
                    continue
                if any(c.name == flag for imp in facts.py.imports for c in imp.conditions) or \
                        any(c.name == flag for u in facts.py.guarded_uses for c in u.conditions):
                    out.add(path)
        return sorted(out)

    # ------------------------------------------------------------------ cuts
    def _cut(self, tree, path, doomed, routes, endpoints, gr) -> Step | None:
        data = tree.read(path)
        if data is None:
            return None
        if path.endswith(".py"):
            new, notes, review = self._cut_python(tree, path, data, doomed, endpoints, gr)
        else:
            new, notes, review = self._cut_ts(tree, path, data, doomed, routes)
        if new == data:
            return None
        live_ref = gr.status == "needs-refactor"
        return Step(0, "edit", [path], f"{path}: " + "; ".join(notes), needs_review=review or live_ref,
                    changes={path: new}, evidence=notes)

    def _cut_ts(self, tree, path, data, doomed, routes):
        grammar = _grammar(path)
        notes, review = [], False
        facts = tree.facts(path)
        ts = facts.ts if facts else None
        if ts is None:
            return data, notes, review
        resolve = self.p.ts.resolve
        # routes: removed by the group, or whose page goes
        spans = []
        for r in ts.routes:
            comps = [self._binding_target(path, c) for c in r.components]
            lazy_target = resolve(r.lazy, path) if r.lazy else None
            gone = any(route_match(r.full_path or "/", pat) for pat in routes) or \
                (lazy_target in doomed) or (comps and all(t in doomed for t in comps if t) and any(comps))
            if gone and not any(s[0] <= r.span[0] and r.span[1] <= s[1] for s in spans):
                spans.append(r.span)
        for span in sorted(spans, reverse=True):
            data, ok = _try(data, lambda: E.remove_route(data, grammar, span), notes, "route")
            if ok:
                notes.append("remove route")
            review = review or not ok
        # JSX elements of doomed components
        for local, target in self._bindings(path, data):
            if target in doomed:
                before = data
                data, ok = _try(data, lambda: E.remove_jsx_elements(data, grammar, local, array_entries=True),
                                notes, f"<{local}/>")
                if data != before:
                    notes.append(f"remove <{local}/>")
                review = review or not ok
        # imports of doomed files whose bindings are no longer used
        from deadcode.facts.extract import extract

        current = extract(path, grammar, data)
        used = {name for name, _ in current.ts.binding_refs}
        for imp in current.ts.imports:
            target = resolve(imp.specifier, path)
            if target not in doomed:
                continue
            names = {local for _, local in imp.names} | ({imp.local} if imp.local else set())
            still = {n for n in names if n in used}
            if still:
                review = True
                notes.append(f"{', '.join(sorted(still))} from {imp.specifier} still used: left for review")
                continue
            if imp.kind in ("lazy", "dynamic") and imp.local:
                data, ok = _try(data, lambda: E.remove_statement_at(data, grammar, imp.span[0]), notes,
                                f"lazy import of {imp.specifier}")
            else:
                data, ok = _try(data, lambda: E.remove_ts_import_statement(data, grammar, imp.specifier), notes,
                                f"import of {imp.specifier}")
            review = review or not ok
            if ok:
                notes.append(f"remove import of {imp.specifier}")
            current = extract(path, grammar, data)
        gone = [ex for ex in current.ts.exports if (path, ex.name) in self.exports_gone]
        for ex in sorted(gone, key=lambda e: -e.span[0]):
            data, ok = _try(data, lambda: E.remove_ts_declaration(data, grammar, ex.span), notes, f"export {ex.name}")
            review = review or not ok
            if ok:
                notes.append(f"remove {ex.name}() (only the group used it)")
        if gone:
            current = extract(path, grammar, data)
        for rx in current.ts.reexports:
            if resolve(rx.specifier, path) in doomed:
                data, ok = _try(data, lambda: E.remove_ts_reexport(data, grammar, rx.specifier), notes,
                                f"re-export of {rx.specifier}")
                review = review or not ok
                if ok:
                    notes.append(f"remove re-export of {rx.specifier}")
        return data, notes, review

    def _bindings(self, path: str, data: bytes):
        from deadcode.facts.extract import extract

        facts = extract(path, _grammar(path), data)
        for imp in facts.ts.imports:
            target = self.p.ts.resolve(imp.specifier, path)
            for _, local in imp.names:
                yield local, target
            if imp.local:
                yield imp.local, target

    def _binding_target(self, path: str, name: str) -> str | None:
        for origin, _ in self.p.ts.bindings.get(path, {}).get(name.split(".")[0], []):
            return origin
        return None

    def _cut_python(self, tree, path, data, doomed, endpoints, gr):
        notes, review = [], False
        facts = tree.facts(path)
        py = facts.py if facts else None
        if py is None:
            return data, notes, review
        pyl = self.p.py
        # handlers of the group's endpoints in this file
        gone_handlers = set()
        for f in endpoints:
            info = self.ctx.endpoints.get(f.node)
            if info and info.file == path and info.handler:
                gone_handlers.add(info.handler)
        for h in sorted(gone_handlers):
            others = [e for e in py.endpoints if e.handler == h]
            keep = [e for e in others if not any(f.endpoint == f"{e.method} {self._full(path, e)}" for f in endpoints)
                    and self._full(path, e) is not None]
            spans = [d.span for d in py.defs if d.name == h]
            if spans and not keep:
                data, ok = _try(data, lambda: E.remove_python_statement(data, spans[0]), notes, f"handler {h}()")
                review = review or not ok
                if ok:
                    notes.append(f"remove handler {h}()")
                py = self._reparse(path, data)
        # router mounts of doomed routers
        for inc in list(py.includes):
            child = pyl._resolve_router(path, inc.child, self._routers())
            if child and child[0] in doomed:
                data, ok = _try(data, lambda: E.remove_python_statement(data, inc.span), notes,
                                f"include_router({inc.child})")
                review = review or not ok
                if ok:
                    notes.append(f"remove include_router({inc.child})")
                py = self._reparse(path, data)
        # flag branches the production value never takes
        if gr.flag or gr.name.startswith("flag:"):
            flag = gr.flag or gr.name[5:]
            values = self.a.reacher.flags.get(flag, ())
            data, n, r = self._simplify_ifs(path, data, flag, values)
            notes += n
            review = review or r
            py = self._reparse(path, data)
        # imports of doomed modules (or used only by what was removed) that nothing uses now
        data, n, r = self._drop_unused_imports(path, data, doomed)
        notes += n
        review = review or r
        return data, notes, review

    def _full(self, path, ep):
        for nid, info in self.ctx.endpoints.items():
            if info.file == path and info.handler == ep.handler and info.method == ep.method and info.line == ep.line:
                return info.path
        return None

    def _routers(self):
        out = {}
        for path, f in self.ctx.facts.items():
            if f.py:
                for r in f.py.routers:
                    out[(path, r.var)] = ""
        return out

    def _reparse(self, path, data):
        from deadcode.facts.extract import extract

        return extract(path, "python", data).py

    def _simplify_ifs(self, path, data, flag, values):
        from deadcode.facts.parsing import parse, text

        notes = []
        for _ in range(50):  # one if at a time: spans shift after each edit
            tree = parse("python", data)
            target = None
            stack = [tree.root_node]
            while stack and target is None:
                node = stack.pop()
                if node.type == "if_statement":
                    cond = node.child_by_field_name("condition")
                    verdict = evaluate(text(cond), flag, values) if cond is not None else None
                    if verdict is not None:
                        target = (node, verdict)
                        break
                stack.extend(reversed(node.children))
            if target is None:
                break
            node, verdict = target
            keep = "body" if verdict else ("else" if any(c.type in ("else_clause", "elif_clause") for c in node.children) else "none")
            test = text(node.child_by_field_name("condition"))
            data, ok = _try(data, lambda: E.simplify_python_if(data, (node.start_byte, node.end_byte), keep), notes,
                            f"`if {test}`")
            if not ok:
                return data, notes, True
            notes.append(f"simplify `if {test}` (always {verdict} in production)")
        return data, notes, False

    def _drop_unused_imports(self, path, data, doomed):
        notes, review = [], False
        py = self._reparse(path, data)
        used = set(py.module_uses)
        for d in py.defs:
            used |= set(d.uses)
        pyl = self.p.py
        for imp in sorted(py.imports, key=lambda i: -i.span[0]):
            targets, binds = pyl._resolve_import(path, imp)
            if not any(t in doomed for t in targets):
                continue
            dead_names = []
            for local, b in binds.items():
                if b.file in doomed and local not in used:
                    dead_names.append(local)
            if not dead_names:
                review = True
                notes.append(f"import of {imp.module} still used: left for review")
                continue
            names = {n.split(" as ")[0] for n in imp.names if (n.partition(" as ")[2] or n) in dead_names} or set(dead_names)
            if not imp.names or names >= {n.split(" as ")[0] for n in imp.names}:
                data, ok = _try(data, lambda: E.remove_python_statement(data, imp.span), notes, f"import of {imp.module}")
            else:
                data, ok = _try(data, lambda: E.remove_python_import_names(data, imp.span, names), notes,
                                f"import of {imp.module}")
            review = review or not ok
            if ok:
                what = f"{imp.module} ({', '.join(sorted(names))})" if imp.names else imp.module
                notes.append(f"remove import of {what}")
        return data, notes, review

    # ------------------------------------------------------------------ configuration
    def _config_step(self, tree, f) -> Step | None:
        """One setting, env var or Helm value, removed everywhere it is declared or set."""
        changes: dict[str, bytes | None] = {}
        name = f.symbol
        touched: list[str] = []
        notes: list[str] = []
        if f.node and f.node.startswith("setting:"):
            path, cls, _fld = self.ctx.settings_fields[name]
            data = changes.get(path, tree.read(path))
            if data is not None:
                new, ok = _try(data, lambda: E.remove_settings_field(data, cls, name), notes, f"settings field {name}")
                if ok:
                    changes[path] = new
                    touched.append(path)
            env = self.p.graph.nodes[f.node].data.get("env", name).upper()
            self._env_cleanup(tree, env, changes, touched)
        elif f.node and f.node.startswith("helm-value:"):
            for vpath in dict.fromkeys(v[0] for v in self.ctx.values.get(name, [])):
                data = changes.get(vpath, tree.read(vpath))
                if data is not None:
                    new, ok = _try(data, lambda: E.remove_yaml_key(data, name), notes, f"{vpath}: {name}")
                    if ok:
                        changes[vpath] = new
                        touched.append(vpath)
            for env, sources in self.ctx.env_sources.items():
                if any(s[3] == name for s in sources):
                    self._env_cleanup(tree, env, changes, touched)
        elif f.node and f.node.startswith("env:"):
            self._env_cleanup(tree, name, changes, touched)
        if not changes and not notes:
            return None
        where = ", ".join(sorted(set(touched)))
        return Step(0, "edit", sorted(set(touched)), f"remove {name} from {where}" + (f" ({'; '.join(notes)})" if notes else ""),
                    needs_review=bool(notes), changes=changes, evidence=f.evidence)

    def _env_cleanup(self, tree, env, changes, touched):
        for spath in dict.fromkeys(s[0] for s in self.ctx.env_sources.get(env, [])):
            data = changes.get(spath, tree.read(spath))
            if data is None:
                continue
            if "compose" in spath:
                edits = E.remove_compose_env(data, env)
            elif "/templates/" in spath or spath.startswith("templates/"):
                edits = E.remove_helm_env_entry(data, env)
            else:
                edits = E.remove_env_line(data, env)
            if edits:
                changes[spath] = E.apply_edits(data, edits)
                touched.append(spath)


def build_plan(analysis: Analysis, groups: list[str] | None = None, cut_references: bool = False,
               from_head: bool = False) -> list[GroupPlan]:
    return Planner(analysis, cut_references, from_head).plan(groups)


def plan_json(plans: list[GroupPlan]) -> dict:
    return {"version": 1, "groups": [p.to_json() for p in plans]}
