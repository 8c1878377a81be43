"""Groups of findings -> ordered removal steps, each a ``git apply``-able patch, each verified.

Order inside a group: checks, then cuts in files that stay (routes and the links to them, JSX,
imports, router mounts, handlers with what only they used, flag branches), then deletions, then
what only the deleted code used in files that stay (exports), then configuration (settings
fields, env vars, Helm values). Each step is computed on the tree as the previous steps left it,
so the patches apply in order.

Every step is verified before it is applied (``plan/verify.py``: every reference that resolved
before still resolves; ``plan/second_opinion.py``: compile and pyflakes; ``plan/bundle.py``: the
frontend entries still bundle). What a dangling reference needs is cut in the same step when
nothing uses it (``plan/repair.py``); otherwise the step fails, is not applied, and its group
stops there with ``needs-review``, naming each dangling reference."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from deadcode.analysis.findings import Analysis, GroupResult
from deadcode.analysis.model import REPORTED
from deadcode.discover.config import route_match
from deadcode.graph.context import is_test_path
from deadcode.plan import edits as E
from deadcode.plan.conditions import evaluate
from deadcode.plan.diff import unified_diff
from deadcode.plan.tree import TreeView, VirtualTree, head_reader

REMOVABLE = ("dev-only", "flag-gated", "unreachable")
# Groups that are reported, never planned: a call to a missing endpoint needs the endpoint or a
# fix of the caller, not a deletion.
MAX_REPAIR_ROUNDS = 12


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
    # resolve / pyflakes / bundle: "ok", "failed: ...", "skipped: ..."
    verified: dict[str, str] = field(default_factory=dict)
    applied: bool = True  # part of the tree the later steps were computed on

    @property
    def ok(self) -> bool:
        return not any(v.startswith("failed") for v in self.verified.values())

    def to_json(self) -> dict:
        d = {
            "order": self.order,
            "action": self.action,
            "paths": self.paths,
            "summary": self.summary,
            "patch": self.patch,
        }
        if self.needs_review:
            d["needs_review"] = True
        if self.verified:
            d["verified"] = dict(self.verified)
        if not self.applied:
            d["applied"] = False
        return d


@dataclass
class GroupPlan:
    name: str
    title: str
    status: str
    steps: list[Step] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        d = {
            "name": self.name,
            "title": self.title,
            "status": self.status,
            "steps": [s.to_json() for s in self.steps],
        }
        if self.notes:
            d["notes"] = self.notes
        summary = verification_summary(self)
        if summary:
            d["verified"] = summary
        return d


def verification_summary(plan: GroupPlan) -> str:
    """One line: ``resolve ok, pyflakes ok, bundle skipped: no node/esbuild`` or where it stopped."""
    steps = [s for s in plan.steps if s.verified]
    if not steps:
        return ""
    failed = [s for s in steps if not s.ok]
    if failed:
        s = failed[0]
        what = "; ".join(f"{k} {v}" for k, v in s.verified.items() if v.startswith("failed"))
        more = f" (and {len(failed) - 1} more failed step(s))" if len(failed) > 1 else ""
        return f"step {s.order} failed: {what}{more}"
    parts = []
    standard = {
        "resolve": "",
        "pyflakes": "skipped: no Python file changed",
        "bundle": "skipped: no frontend file changed",
    }
    for check in ("resolve", "pyflakes", "bundle"):
        values = [s.verified.get(check, "") for s in steps if s.action != "check"]
        if any(v == "ok" for v in values):
            parts.append(f"{check} ok")
            continue
        skips = [v for v in values if v.startswith("skipped")]
        other = sorted({v for v in skips if v != standard[check]})
        parts.append(f"{check} {(other or skips or ['skipped: nothing to check'])[0]}")
    return ", ".join(parts)


def _try(data: bytes, make_edits, notes: list[str], what: str) -> tuple[bytes, bool]:
    """Apply one primitive; a refusal leaves the code as it is and marks the step for review."""
    try:
        return E.apply_edits(data, make_edits()), True
    except E.EditRefused as exc:
        notes.append(f"{what} left for review ({exc})")
        return data, False


def _grammar(path: str) -> str:
    return "tsx" if path.endswith((".tsx", ".jsx", ".js", ".mjs", ".cjs")) else "typescript"


def _limit(items: list[str], n: int = 6) -> str:
    return "; ".join(items[:n]) + (f"; and {len(items) - n} more" if len(items) > n else "")


class Planner:
    def __init__(
        self,
        analysis: Analysis,
        cut_references: bool = False,
        from_head: bool = False,
        verify: bool = True,
        include_unverified: bool = False,
        bundle: bool = True,
    ):
        self.a = analysis
        self.p = analysis.program
        self.ctx = analysis.program.ctx
        self.cut_references = cut_references
        self.from_head = from_head
        self.verify = verify
        self.include_unverified = include_unverified
        self.bundle = bundle
        self.checker = None
        self.bundler = None

    # ------------------------------------------------------------------ the plan
    def plan(self, groups: list[str] | None = None) -> list[GroupPlan]:
        names = groups or sorted({f.group for f in self.a.findings} | set(self.a.groups))
        # unsure members are removed only when the user names their group: that is the confirmation
        self.confirmed = set(groups or ())
        root = Path(self.ctx.root)
        self.reader = head_reader(root) if self.from_head else None
        # One tree for the whole plan: each group is planned on what the groups before it left,
        # so every patch of the plan applies in order, across groups too.
        self.tree = VirtualTree(root, self.reader, self.ctx.facts)
        if self.verify:
            from deadcode.plan.verify import ReferenceChecker

            self.checker = ReferenceChecker(self.p)
            if self.bundle:
                self.bundler = self._make_bundler(root)
                self.bundler.prefetch(lambda p: (root / p).exists())
        import gc

        # the graph and the facts are millions of small objects: a cyclic collection would
        # rescan them again and again while the plan allocates (as in the pipeline's stages)
        enabled = gc.isenabled()
        gc.disable()
        try:
            plans = self._plan_all(names)
            self._bundle_all(plans)
            return plans
        finally:
            if enabled:
                gc.enable()
            if self.bundler is not None:
                self.bundler.close()
            close = getattr(self.reader, "close", None)
            if close:
                close()

    def _make_bundler(self, root: Path):
        from deadcode.plan.bundle import Bundler, auto_entries, find_esbuild

        cfg = self.ctx.config
        entries = list(getattr(cfg, "verify_bundle", ()) or ()) or auto_entries(self.p)
        extra = tuple(root / e.rsplit("/", 2)[0] for e in entries if "/" in e)
        return Bundler(root, find_esbuild(root, extra), entries, self.from_head)

    def _plan_all(self, names: list[str]) -> list[GroupPlan]:
        queue = [n for n in names if n in self.a.groups]
        self.doomed_of = {n: set(self._doomed(self.a.groups[n])) for n in queue}
        out: dict[str, GroupPlan] = {}
        order: list[str] = []
        deferred: set[str] = set()
        self._deferred_after: dict[str, list[str]] = {}
        while queue:
            name = queue.pop(0)
            gr = self.a.groups[name]
            if name in REPORTED:
                out[name] = GroupPlan(
                    name,
                    gr.title,
                    "reported",
                    notes=[
                        "reported, not removed: a call to a missing endpoint needs the endpoint "
                        "or a fix of the caller"
                    ],
                )
                order.append(name)
                continue
            if name.startswith("unsure:") and name not in self.confirmed:
                out[name] = GroupPlan(
                    name,
                    gr.title,
                    "needs-review",
                    notes=[
                        "something mentions these members or could reach them (see each finding's "
                        f"evidence): not planned unless you name the group (--group {name})"
                    ],
                )
                order.append(name)
                continue
            snapshot = self.tree.snapshot()
            plan = self.plan_group(gr)
            later = self._blocking_groups(plan, queue)
            if later and name not in deferred:
                # it depends on files a later group deletes: plan it after them
                self.tree.restore(snapshot)
                deferred.add(name)
                self._deferred_after[name] = later
                pos = max(queue.index(g) for g in later) + 1
                queue.insert(pos, name)
                continue
            if name in self._deferred_after:
                plan.notes.insert(
                    0,
                    f"planned after {', '.join(self._deferred_after[name])}: it deletes files "
                    "that those groups' files import",
                )
            out[name] = plan
            order.append(name)
        # in the order they were planned: each group's patches apply on what the ones before left
        return [out[n] for n in order]

    def _blocking_groups(self, plan: GroupPlan, queue: list[str]) -> list[str]:
        """Groups still to plan whose deletions would cut the references that failed ``plan``."""
        files = getattr(plan, "_dangling_files", set())
        if not files:
            return []
        hits = [g for g in queue if files & self.doomed_of.get(g, set())]
        covered = set().union(*(self.doomed_of[g] for g in hits)) if hits else set()
        return hits if files <= covered else []

    def _doomed(self, gr: GroupResult) -> list[str]:
        findings = [f for f in self.a.findings if f.group == gr.name]
        doomed = sorted({f.path for f in findings if f.kind in REMOVABLE})
        doomed += [
            n[5:]
            for n in gr.members
            if n.startswith("file:")
            and n[5:] not in doomed
            and not is_test_path(n[5:])
            and self.ctx.facts.get(n[5:]) is not None
        ]
        return doomed

    # ------------------------------------------------------------------ one group
    def plan_group(self, gr: GroupResult) -> GroupPlan:
        plan = GroupPlan(gr.name, gr.title, gr.status)
        plan._dangling_files = set()
        findings = [f for f in self.a.findings if f.group == gr.name]
        if gr.status == "blocked":
            plan.notes += [f"blocked: {why}" for why in gr.blocked_by]
            return plan
        if gr.status == "needs-refactor" and not self.cut_references:
            plan.notes.append(
                "live code still uses this group; run with --cut-references to edit the live referrers "
                "first (those steps are marked needs review)"
            )
            return plan
        tree = self.tree
        doomed = self._doomed(gr)
        doomed_set = set(doomed)
        self.doomed_now = doomed_set
        endpoints = [f for f in findings if f.kind == "orphan-endpoint"]
        configs = [f for f in findings if f.kind == "unused-config"]
        dependencies = [f for f in findings if f.kind == "unused-dependency"]
        self.exports_gone = {(f.path, f.symbol) for f in findings if f.kind == "unused-export"}
        routes = {self.p.graph.nodes[n].label for n in gr.removed if n.startswith("route:")}
        if gr.name.startswith("dev-route:"):
            routes.add(gr.name[len("dev-route:") :])
        self.routes_removed: set[str] = set()
        self._refusals: list[str] = []
        steps: list[Step] = []
        self._steps = steps
        self._stopped = False
        self._states = [tree.snapshot()]  # the tree before the group, then after each applied step
        if gr.flag or gr.name.startswith("flag:"):
            flag = gr.flag or gr.name[5:]
            values = self.a.reacher.flags.get(flag, ())
            rows = [f"{r}" for f in findings[:1] for r in f.evidence if r.startswith(f"flag {flag}:")]
            self._emit(
                plan,
                Step(
                    0,
                    "check",
                    sorted({r.split(": ", 1)[1].split(" (")[0].rsplit(":", 1)[0] for r in rows}),
                    f"every environment sets {flag} to {' or '.join(repr(v) for v in values)}",
                    evidence=rows,
                ),
            )
        ext = [f.endpoint for f in endpoints]
        if ext:
            self._emit(
                plan,
                Step(
                    0,
                    "check",
                    [],
                    "no client outside this repository calls " + ", ".join(ext),
                    evidence=[f"public_endpoints does not list {e}" for e in ext],
                ),
            )
        if gr.name == "unused-exports":
            self._plan_unused_exports(plan, findings)
        else:
            # 1. cut references in files that stay
            later: list[str] = []
            for path in self._referrers(doomed_set, routes, endpoints, gr):
                if self._emit(plan, self._cut(tree, path, doomed_set, routes, endpoints, gr)) == "defer":
                    later.append(path)
            for step in self._link_steps(tree, doomed_set):
                self._emit(plan, step)
            # 2. delete
            existing = [p for p in doomed if tree.exists(p)]
            if existing:
                step = Step(
                    0,
                    "delete",
                    existing,
                    f"delete {len(existing)} file(s) of group {gr.name}",
                    evidence=[f"{f.path}: {f.reason}" for f in findings if f.path in doomed_set][:20],
                )
                for p in existing:
                    step.changes[p] = None
                self._emit(plan, step)
            # 3. what only the deleted code used, in files that stay
            for path in sorted({p for p, _ in self.exports_gone if p not in doomed_set}):
                self._emit(
                    plan,
                    self._prune_step(
                        path, {n for p, n in self.exports_gone if p == path}, f"only group {gr.name} used it"
                    ),
                )
            for path in later:
                self._emit(plan, self._cut(tree, path, doomed_set, routes, endpoints, gr))
            # 4. configuration, then the manifests (lock files are named, never edited)
            for f in configs:
                self._emit(plan, self._config_step(tree, f))
            for manifest in sorted({f.path for f in dependencies}):
                self._emit(
                    plan,
                    self._dependency_step(tree, manifest, [f for f in dependencies if f.path == manifest]),
                )
        plan._states = self._states
        plan._step_list = steps
        if self._refusals and (
            self._stopped or any(not s.ok for s in steps) or getattr(plan, "kept_files", [])
        ):
            plan.notes += [f"cut refused: {r}" for r in self._refusals]
        for s in steps:
            if s.needs_review and plan.status == "safe":
                plan.status = "needs-refactor"
        left = [n for s in steps for n in getattr(s, "left_for_review", [])]
        left += getattr(plan, "left_for_review", [])
        if any(not s.ok for s in steps) or getattr(plan, "kept_files", []) or left:
            plan.status = "needs-review"
        plan.steps = steps
        return plan

    # ------------------------------------------------------------------ emitting, verified
    def _emit(self, plan: GroupPlan, step: Step | None):
        """Verify ``step`` (adding the cuts it needs) and apply it to the tree. A step that
        still leaves something dangling is kept for the record but not applied (the rest of
        the group is planned on the tree without it, each step verified on its own); a
        deletion instead keeps the files whose deletion would leave a reference dangling.
        Returns "defer" for a cut whose only dangling references are in files this group
        deletes later (it is planned again after the deletion)."""
        if step is None or self._stopped:
            return None
        tree = self.tree
        step.changes = {p: v for p, v in step.changes.items() if tree.read(p) != v}
        if not step.changes and step.action != "check":
            if step.needs_review and step.evidence:  # nothing could be cut: say what is left
                plan.notes += [e for e in step.evidence if e not in plan.notes]
                if getattr(step, "left_for_review", None):
                    plan.left_for_review = getattr(plan, "left_for_review", []) + step.left_for_review
            return None
        step.order = len(self._steps) + 1
        if step.action == "check" or not self.verify:
            if self.verify:
                step.verified = {
                    "resolve": "ok",
                    "pyflakes": "skipped: a check changes no file",
                    "bundle": "skipped: a check changes no file",
                }
            step.patch = self._apply(tree, step.changes)
            self._steps.append(step)
            self._states.append(tree.snapshot())
            return step
        original = dict(step.changes)
        dangling, problems, fixes = self._verify(step)
        kept: dict[str, list[str]] = {}
        tests_gone: list[str] = []
        while dangling and step.action == "delete" and not self.include_unverified:
            # a test of nothing but what goes goes with it (it could only fail now)
            tests = sorted(
                {
                    r.file
                    for r, _ in dangling
                    if r.file not in kept and r.file not in original and self._tests_only(r.file, original)
                }
            )
            if tests:
                tests_gone += tests
                original.update({t: None for t in tests})
                step.changes = dict(original)
                dangling, problems, fixes = self._verify(step)
                continue
            culprits = self._culprits(dangling, original)
            if not culprits:
                break
            from deadcode.plan.verify import describe

            for c, (r, b) in culprits.items():
                kept.setdefault(c, []).append(describe(r, b, step.order, frozenset(original)))
                parts = c.split("/")[:-1]
                while c.endswith(".py") and parts:  # a kept module keeps its package
                    init = "/".join(parts) + "/__init__.py"
                    if init in original and init != c:
                        kept.setdefault(init, []).append(f"the package of {c}, which stays")
                    parts.pop()
            plan._dangling_files |= {r.file for r, _ in dangling}
            original = {p: v for p, v in original.items() if p not in kept}
            tests_gone = [t for t in tests_gone if t in original]
            if not original:
                break
            step.changes = dict(original)
            dangling, problems, fixes = self._verify(step)
        if tests_gone:
            step.evidence += [
                f"{t}: a test of what this group deletes (it imports nothing else of the repository)"
                for t in tests_gone
            ]
        if kept:
            plan.kept_files = getattr(plan, "kept_files", []) + sorted(kept)
            plan.notes += [
                f"kept {path}: "
                + (why[0] if why[0].startswith("the package of") else f"deleting it would leave {why[0]}")
                for path, why in sorted(kept.items())
            ]
            step.needs_review = True
            if not original:
                return None
        if kept or tests_gone:
            n = sum(1 for p, v in step.changes.items() if v is None and p not in tests_gone)
            step.summary = (
                f"delete {n} file(s) of group {plan.name}"
                + (f" and {len(tests_gone)} test file(s) of it" if tests_gone else "")
                + (f" (kept {len(kept)} still referenced)" if kept else "")
            )
            step.paths = sorted(p for p, v in step.changes.items() if v is None)
        if fixes:
            step.summary += "; " + "; ".join(fixes)
            step.evidence += fixes
            step.paths = sorted(set(step.paths) | set(step.changes))
        if (
            dangling
            and step.action == "edit"
            and all(r.file in self.doomed_now for r, _ in dangling)
            and any(tree.exists(p) for p in self.doomed_now)
        ):
            return "defer"
        deleted = frozenset(p for p, v in step.changes.items() if v is None)
        from deadcode.plan.verify import describe

        texts = [describe(r, b, step.order, deleted) for r, b in dangling]
        step.verified["resolve"] = "ok" if not texts else "failed: " + _limit(texts)
        py_changed = [p for p, v in step.changes.items() if p.endswith(".py") and v is not None]
        if not py_changed:
            step.verified["pyflakes"] = "skipped: no Python file changed"
        elif problems is None:
            step.verified["pyflakes"] = "skipped: pyflakes not installed"
        else:
            bad = [p.text(path) for path, ps in sorted(problems.items()) for p in ps]
            step.verified["pyflakes"] = "ok" if not bad else "failed: " + _limit(bad)
        step.verified["bundle"] = "pending"
        if not step.ok:
            step.needs_review = True
            plan._dangling_files |= {r.file for r, _ in dangling}
            if not self.include_unverified:
                step.applied = False
                step.patch = self._apply(tree, step.changes, write=False)
                step.verified["bundle"] = "skipped: the step was not applied"
                self._steps.append(step)
                plan.notes.append(
                    f"step {step.order} is not applied: it would leave something dangling; "
                    "the rest of the group is planned without it"
                )
                return step
        step.patch = self._apply(tree, step.changes)
        self._steps.append(step)
        self._states.append(tree.snapshot())
        return step

    def _tests_only(self, path: str, deleting: dict[str, bytes | None]) -> bool:
        """A test file whose imports of the repository's own files all name files being deleted
        (or other test files): it tests only what goes."""
        if not is_test_path(path):
            return False
        f = self.ctx.facts.get(path)
        if f is None:
            return False
        targets: set[str] = set()
        if f.py is not None:
            for imp in f.py.imports:
                targets.update(self.p.py.import_targets.get((path, imp), []))
        elif f.ts is not None:
            for imp in f.ts.imports:
                t = self.p.ts.resolve(imp.specifier, path)
                if t:
                    targets.add(t)
        else:
            return False
        hits = {t for t in targets if t in deleting and deleting[t] is None}
        return bool(hits) and all(t in hits or is_test_path(t) for t in targets)

    def _culprits(self, dangling, deleting: dict[str, bytes | None]) -> dict[str, tuple]:
        """The files a deletion must keep for ``dangling`` to resolve: the deleted targets of the
        references, or, for names passed on by a barrel, the deleted files defining them."""
        out: dict[str, tuple] = {}
        for r, b in dangling:
            target = b.target
            if target in deleting and deleting[target] is None:
                out.setdefault(target, (r, b))
                continue
            if r.kind in ("ts-name", "ts-reexport-name") and target and r.name:
                for origin in self._ts_defining_files(target, r.name):
                    if origin in deleting:
                        out.setdefault(origin, (r, b))
            if r.kind in ("ts-import", "ts-reexport") and target is None and b.target in deleting:
                out.setdefault(b.target, (r, b))
        # a kept barrel keeps what it re-exports
        return out

    def _ts_defining_files(self, barrel: str, name: str, seen: set | None = None) -> list[str]:
        """The files on the re-export chain from ``barrel`` to the definition of ``name``
        (empty when no chain reaches one)."""
        seen = seen if seen is not None else set()
        if barrel in seen:
            return []
        seen.add(barrel)
        facts = self.ctx.facts.get(barrel)
        if facts is None or facts.ts is None:
            return []
        if any(e.name == name for e in facts.ts.exports):
            return [barrel]
        for rx in facts.ts.reexports:
            renamed = next((imported for imported, exported in rx.names if exported == name), None)
            if rx.names and renamed is None:
                continue
            t = self.p.ts.resolve(rx.specifier, barrel)
            if not t:
                continue
            chain = self._ts_defining_files(t, renamed or name, seen)
            if chain:
                return [barrel] + chain
        return []

    def _verify(self, step: Step):
        """(dangling references, new pyflakes problems per file or None, notes of added cuts),
        after the repair rounds; ``step.changes`` grows by the cuts."""
        from deadcode.plan.repair import repair
        from deadcode.plan.second_opinion import BREAKING, new_problems, pyflakes_available

        tree = self.tree
        before = TreeView(tree, {})
        pending = dict(step.changes)
        notes: list[str] = []
        flakes = pyflakes_available()
        dangling: list = []
        problems: dict | None = {} if flakes else None
        for _ in range(MAX_REPAIR_ROUNDS):
            after = TreeView(tree, pending)
            dangling = self.checker.dangling(before, after, set(pending))
            problems = {} if flakes else None
            unused: dict = {}
            if flakes:
                for p, v in pending.items():
                    if not p.endswith(".py") or v is None:
                        continue
                    ps = new_problems(p, tree.read(p), v)
                    if ps:
                        problems[p] = ps
                        unused[p] = [x for x in ps if x.kind == "UnusedImport"]
            fix = repair(after, dangling, {p: u for p, u in unused.items() if u})
            fix.changes = {p: v for p, v in fix.changes.items() if pending.get(p, tree.read(p)) != v}
            if not fix.changes:
                break
            pending.update(fix.changes)
            notes += fix.notes
        step.changes = pending
        if problems:
            problems = {
                p: [x for x in ps if x.kind in BREAKING or x.kind in ("SyntaxError", "UnusedImport")]
                for p, ps in problems.items()
            }
            problems = {p: ps for p, ps in problems.items() if ps}
        return dangling, problems, notes

    def _bundle_all(self, plans: list[GroupPlan], rounds: int = 4) -> None:
        """Bundle each frontend entry the plan touched, before the plan and after it (two
        esbuild runs in the common case). A new error is traced to the first group, then the
        first step, whose state shows it: that step fails and is rolled back with the steps of
        its group after it, and the groups after it are planned again on the tree without them."""
        fe = {
            id(s): s
            for p in plans
            for s in getattr(p, "_step_list", p.steps)
            if s.verified.get("bundle") == "pending" and self._frontend_paths(s)
        }
        for p in plans:
            for s in p.steps:
                if s.verified.get("bundle") == "pending" and id(s) not in fe:
                    s.verified["bundle"] = "skipped: no frontend file changed"
        if not fe:
            return
        b = self.bundler
        if b is None or not b.available:
            reason = b.skip_reason() if b is not None else "skipped: bundling off"
            for s in fe.values():
                s.verified["bundle"] = reason
            return
        b.wait()
        entries = b.entries_touching({p for s in fe.values() for p in s.changes}, self._exists_anywhere)
        if not entries:
            for s in fe.values():
                s.verified["bundle"] = "skipped: no bundled entry holds these files"
            return
        planned = [p for p in plans if getattr(p, "_states", None)]
        start, end = planned[0]._states[0], self.tree.snapshot()
        bad_entry, base = None, {}
        for entry in entries:
            base[entry], why = self._bundle(entry, start)
            if why:
                for s in fe.values():
                    s.verified["bundle"] = f"skipped: {why}"
                return
            if self._bundle(entry, end)[0] - base[entry]:
                bad_entry = entry
                break
        if bad_entry is None:
            for s in fe.values():
                s.verified["bundle"] = "ok"
            return
        # the first group whose end shows the new error, then its first step that does
        gi = next(
            i for i, p in enumerate(planned) if self._bundle(bad_entry, p._states[-1])[0] - base[bad_entry]
        )
        group = planned[gi]
        k = next(
            k
            for k in range(1, len(group._states))
            if self._bundle(bad_entry, group._states[k])[0] - base[bad_entry]
        )
        fresh = sorted(self._bundle(bad_entry, group._states[k])[0] - base[bad_entry])
        applied = [s for s in group._step_list if s.applied]
        bad = applied[k - 1]
        for p in planned[:gi]:
            for s in p._step_list:
                if id(s) in fe:
                    s.verified["bundle"] = "ok"
        for s in applied[: k - 1]:
            if id(s) in fe:
                s.verified["bundle"] = "ok"
        bad.verified["bundle"] = "failed: " + _limit(
            [f"{bad_entry}: {msg}" + (f" ({where})" if where else "") for msg, where in fresh], 4
        )
        bad.needs_review = True
        group.status = "needs-review"
        if self.include_unverified:
            for s in fe.values():
                if s.verified["bundle"] == "pending":
                    s.verified["bundle"] = "ok"
            return
        self.tree.restore(group._states[k - 1])
        cut = group._step_list.index(bad)
        dropped = group._step_list[cut + 1 :]
        del group._step_list[cut + 1 :]
        group.steps = group._step_list
        bad.applied = False
        group._states = group._states[:k]
        group.notes.append(
            f"stopped at step {bad.order}: the frontend no longer bundles after it"
            + (f"; {len(dropped)} later step(s) of this group were dropped" if dropped else "")
        )
        later = [p.name for p in plans[plans.index(group) + 1 :]]
        for p in plans[plans.index(group) + 1 :]:
            plans.remove(p)
        if later and rounds > 0:
            again = self._plan_all(later)
            plans.extend(again)
            self._bundle_all(plans, rounds - 1)
        else:
            for s in fe.values():
                if s.verified["bundle"] == "pending":
                    s.verified["bundle"] = "ok"

    def _bundle(self, entry: str, state: dict) -> tuple[set, str]:
        return self.bundler.errors(entry, state, self._exists_anywhere, self.tree._read)

    def _frontend_paths(self, step: Step) -> list[str]:
        from deadcode.plan.bundle import FRONTEND_EXTS

        return [p for p in step.changes if p.endswith(FRONTEND_EXTS)]

    def _exists_anywhere(self, path: str) -> bool:
        return self.tree.exists(path) or (self.tree.root / path).exists()

    def _apply(self, tree: VirtualTree, changes: dict[str, bytes | None], write: bool = True) -> str:
        diffs = []
        for path, new in changes.items():
            old = tree.read(path)
            if old == new:
                continue
            diffs.append(unified_diff(path, old, new))
            if write:
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
        if gr.flag or gr.name.startswith("flag:"):
            flag = gr.flag or gr.name[5:]
            for path, facts in self.ctx.facts.items():
                if path in doomed or facts.py is None or is_test_path(path):
                    continue
                if any(c.name == flag for imp in facts.py.imports for c in imp.conditions) or any(
                    c.name == flag for u in facts.py.guarded_uses for c in u.conditions
                ):
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
            if review:  # a cut was refused and nothing else changed: verification decides what follows
                self._refusals.append(f"{path}: {'; '.join(notes)}")
            return None
        live_ref = gr.status == "needs-refactor"
        return Step(
            0,
            "edit",
            [path],
            f"{path}: " + "; ".join(notes),
            needs_review=review or live_ref,
            changes={path: new},
            evidence=notes,
        )

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
            gone = (
                any(route_match(r.full_path or "/", pat) for pat in routes)
                or (lazy_target in doomed)
                or (comps and all(t in doomed for t in comps if t) and any(comps))
            )
            if gone and not any(s[0] <= r.span[0] and r.span[1] <= s[1] for s, _ in spans):
                spans.append((r.span, r.full_path or "/"))
        for span, full in sorted(spans, reverse=True):
            data, ok = _try(data, lambda: E.remove_route(data, grammar, span), notes, f"route {full}")
            if ok:
                notes.append(f"remove route {full}")
                self.routes_removed.add(full)
            review = review or not ok
        # JSX elements of doomed components
        for local, target in self._bindings(path, data):
            if target in doomed:
                before = data
                data, ok = _try(
                    data,
                    lambda: E.remove_jsx_elements(data, grammar, local, array_entries=True),
                    notes,
                    f"<{local}/>",
                )
                if data != before:
                    notes.append(f"remove <{local}/>")
                review = review or not ok
        # imports of doomed files whose bindings are no longer used
        current = self.tree.facts_of(path, data)
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
                data, ok = _try(
                    data,
                    lambda: E.remove_statement_at(data, grammar, imp.span[0]),
                    notes,
                    f"lazy import of {imp.specifier}",
                )
            elif imp.kind in ("lazy", "dynamic"):
                data, ok = _try(
                    data,
                    lambda: E.remove_dynamic_import_use(data, grammar, imp.span[0]),
                    notes,
                    f"import() of {imp.specifier}",
                )
            else:
                data, ok = _try(
                    data,
                    lambda: E.remove_ts_import_statement(data, grammar, imp.specifier),
                    notes,
                    f"import of {imp.specifier}",
                )
            review = review or not ok
            if ok:
                notes.append(f"remove import of {imp.specifier}")
            current = self.tree.facts_of(path, data)
            used = {name for name, _ in current.ts.binding_refs}
        for rx in current.ts.reexports:
            if resolve(rx.specifier, path) in doomed:
                data, ok = _try(
                    data,
                    lambda: E.remove_ts_reexport(data, grammar, rx.specifier),
                    notes,
                    f"re-export of {rx.specifier}",
                )
                review = review or not ok
                if ok:
                    notes.append(f"remove re-export of {rx.specifier}")
        return data, notes, review

    def _bindings(self, path: str, data: bytes):
        facts = self.tree.facts_of(path, data)
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

    # ------------------------------------------------------------------ links to removed routes
    def _link_steps(self, tree: VirtualTree, doomed: set[str]) -> list[Step]:
        """Links and nav entries to the routes this group removed, in files that stay:
        ``<Link to>``/``<NavLink to>``/``<a href>`` elements and menu-array entries go; any other
        mention (``navigate("/x")``, a string passed around) marks the step for review."""
        from deadcode.plan.links import link_cuts

        gone = {r for r in self.routes_removed if r and r != "/"}
        if not gone:
            return []
        remaining = []
        for rid, decls in self.ctx.routes.items():
            label = rid[6:]
            if "*" in label or any(route_match(label, g, children=True) for g in gone):
                continue
            remaining.append(label)
        out = []
        for path in sorted(self.ctx.facts):
            f = self.ctx.facts[path]
            if f.ts is None or path in doomed or is_test_path(path):
                continue
            data = tree.read(path)
            if data is None:
                continue
            new, notes, review = link_cuts(path, _grammar(path), data, gone, remaining)
            if new == data and not review:
                continue
            step = Step(
                0,
                "edit",
                [path],
                f"{path}: " + "; ".join(notes),
                needs_review=review,
                changes={path: new} if new != data else {},
                evidence=notes,
            )
            step.left_for_review = [n for n in notes if n.endswith("left for review")]
            out.append(step)
        return out

    # ------------------------------------------------------------------ Python cuts
    def _cut_python(self, tree, path, data, doomed, endpoints, gr):
        notes, review = [], False
        facts = tree.facts(path)
        py = facts.py if facts else None
        if py is None:
            return data, notes, review
        pyl = self.p.py
        original = data
        # handlers of the group's endpoints in this file
        gone_handlers = set()
        for f in endpoints:
            info = self.ctx.endpoints.get(f.node)
            if info and info.file == path and info.handler:
                gone_handlers.add(info.handler)
        removed_defs: set[str] = set()
        for h in sorted(gone_handlers):
            others = [e for e in py.endpoints if e.handler == h]
            keep = [
                e
                for e in others
                if not any(f.endpoint == f"{e.method} {self._full(path, e)}" for f in endpoints)
                and self._full(path, e) is not None
            ]
            spans = [d.span for d in py.defs if d.name == h]
            if not spans or keep:
                continue
            users = self._handler_users(path, py, h, gone_handlers)
            if users:
                gone_decorators = {dec for e in others for dec in self._route_decorators(py, h)}
                data, ok = _try(
                    data,
                    lambda: E.remove_python_decorators(data, spans[0], gone_decorators),
                    notes,
                    f"route of {h}()",
                )
                review = review or not ok
                if ok:
                    notes.append(f"remove the route of {h}() (kept as a function: {users[0]} uses it)")
            else:
                data, ok = _try(
                    data, lambda: E.remove_python_statement(data, spans[0]), notes, f"handler {h}()"
                )
                review = review or not ok
                if ok:
                    notes.append(f"remove handler {h}()")
                    removed_defs.add(h)
            py = self._reparse(path, data)
        # router mounts of doomed routers
        for inc in list(py.includes):
            child = pyl._resolve_router(path, inc.child, self._routers())
            if child and child[0] in doomed:
                data, ok = _try(
                    data,
                    lambda: E.remove_python_statement(data, inc.span),
                    notes,
                    f"include_router({inc.child})",
                )
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
        if removed_defs:  # module constants and private helpers only the removed handlers used
            data, n = self._drop_orphans(path, original, data)
            notes += n
        return data, notes, review

    def _route_decorators(self, py, handler: str) -> set[str]:
        d = next((d for d in py.defs if d.name == handler), None)
        if d is None:
            return set()
        owners = {e.owner for e in py.endpoints if e.handler == handler}
        return {dec for dec in d.decorators if dec.split(".", 1)[0] in owners and "(" in dec}

    def _handler_users(self, path: str, py, handler: str, gone: set[str]) -> list[str]:
        """Who calls a route handler as a plain function: its own module, a module importing
        it by name, or one reading ``module.handler``."""
        users = []
        if handler in py.module_uses:
            users.append(f"{path} (module level)")
        for d in py.defs:
            if d.name != handler and d.name not in gone and handler in d.uses:
                users.append(f"{path} ({d.name}())")
        users += [u for u in self._importers_of_name(path, handler) if u != path]
        for other in self._module_importers(path):
            for local, binds in self.p.py.bindings.get(other, {}).items():
                if any(b.file == path and b.name is None for b in binds):
                    text = self.tree.read(other) or b""
                    if re.search(
                        rb"\b" + re.escape(local.encode()) + rb"\." + re.escape(handler.encode()) + rb"\b",
                        text,
                    ):
                        users.append(other)
        return sorted(dict.fromkeys(users))

    def _drop_orphans(self, path: str, before: bytes, data: bytes) -> tuple[bytes, list[str]]:
        """Top-level definitions (helpers, module constants) that something used before this cut
        and nothing uses now: nothing else names them (no import by name, no ``module.name``
        read, not in ``__all__``), they carry no decorator (a decorator may register them), and
        a public name goes only when no other module imports this one as a module object."""
        notes = []
        py_before = self._reparse(path, before)
        used_before = self._py_used(py_before)
        module_importers = self._module_importers(path)
        importer_texts = [self.tree.read(o) or b"" for o in module_importers]
        for _ in range(20):
            py = self._reparse(path, data)
            used = self._py_used(py)
            exported = set(py.all_names or ())
            victim = None
            for d in py.defs:
                if d.name in used or d.name not in used_before or d.name in exported or d.decorators:
                    continue
                if (
                    d.name.startswith("__")
                    or (path, d.name) in self.p.py.imported_by_name
                    or self._importers_of_name(path, d.name)
                ):
                    continue
                if not d.name.startswith("_") and any(
                    re.search(rb"\." + re.escape(d.name.encode()) + rb"\b", t) for t in importer_texts
                ):
                    continue  # ``module.name`` read by a module that imports this one
                if d.span[0] and data[d.span[0] - 1 : d.span[0]] != b"\n":
                    continue  # not a statement of its own at module level
                if d.kind == "variable" and not re.match(
                    rb"\s*" + re.escape(d.name.encode()) + rb"\s*(:[^=]*)?=(?!=)", data[d.span[0] : d.span[1]]
                ):
                    continue  # unpacking or augmented assignment: other names share the statement
                victim = d
                break
            if victim is None:
                break
            new, ok = _try(data, lambda: E.remove_python_statement(data, victim.span), notes, victim.name)
            if not ok:
                break
            data = new
            notes.append(f"remove {victim.name} (only the removed code used it)")
        return data, notes

    @staticmethod
    def _py_used(py) -> set[str]:
        used = set(py.module_uses)
        for d in py.defs:
            used |= {u for u in d.uses if u != d.name}
        return used

    def _full(self, path, ep):
        if getattr(self, "_endpoint_paths", None) is None:
            self._endpoint_paths = {
                (i.file, i.handler, i.method, i.line): i.path for i in self.ctx.endpoints.values()
            }
        return self._endpoint_paths.get((path, ep.handler, ep.method, ep.line))

    def _routers(self):
        if not hasattr(self, "_routers_cache"):
            out = {}
            for path, f in self.ctx.facts.items():
                if f.py:
                    for r in f.py.routers:
                        out[(path, r.var)] = ""
            self._routers_cache = out
        return self._routers_cache

    def _reparse(self, path, data):
        return self.tree.facts_of(path, data).py

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
            keep = (
                "body"
                if verdict
                else (
                    "else" if any(c.type in ("else_clause", "elif_clause") for c in node.children) else "none"
                )
            )
            test = text(node.child_by_field_name("condition"))
            data, ok = _try(
                data,
                lambda: E.simplify_python_if(data, (node.start_byte, node.end_byte), keep),
                notes,
                f"`if {test}`",
            )
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
            names = {
                n.split(" as ")[0] for n in imp.names if (n.partition(" as ")[2] or n) in dead_names
            } or set(dead_names)
            if not imp.names or names >= {n.split(" as ")[0] for n in imp.names}:
                data, ok = _try(
                    data, lambda: E.remove_python_statement(data, imp.span), notes, f"import of {imp.module}"
                )
            else:
                data, ok = _try(
                    data,
                    lambda: E.remove_python_import_names(data, imp.span, names),
                    notes,
                    f"import of {imp.module}",
                )
            review = review or not ok
            if ok:
                what = f"{imp.module} ({', '.join(sorted(names))})" if imp.names else imp.module
                notes.append(f"remove import of {what}")
        return data, notes, review

    # ------------------------------------------------------------------ unused exports
    def _plan_unused_exports(self, plan: GroupPlan, findings) -> None:
        by_file: dict[str, set[str]] = {}
        for f in findings:
            if f.kind == "unused-export" and f.symbol:
                by_file.setdefault(f.path, set()).add(f.symbol)
        for path in sorted(by_file):
            self._emit(plan, self._prune_step(path, by_file[path], "nothing live imports it"))

    def _importers_of_name(self, path: str, name: str) -> list[str]:
        """Files (tests included) that import ``name`` from ``path``, directly or through a barrel."""
        return self._name_index().get((path, name), [])

    def _name_index(self) -> dict[tuple[str, str], list[str]]:
        """(file, name) -> the files importing that name of that file (built once)."""
        if getattr(self, "_names_by_origin", None) is None:
            index: dict[tuple[str, str], list[str]] = {}
            for other, table in self.p.py.bindings.items():
                for binds in table.values():
                    for b in binds:
                        if b.name and b.file != other:
                            index.setdefault((b.file, b.name), []).append(other)
            for other, table in self.p.ts.bindings.items():
                for origins in table.values():
                    for o, n in origins:
                        if o != other:
                            index.setdefault((o, n), []).append(other)
            self._names_by_origin = {k: sorted(set(v)) for k, v in index.items()}
        return self._names_by_origin

    def _module_importers(self, path: str) -> list[str]:
        """Python files binding ``path`` as a module object (``from app import svc``)."""
        if getattr(self, "_modules_by_file", None) is None:
            index: dict[str, set[str]] = {}
            for other, table in self.p.py.bindings.items():
                for binds in table.values():
                    for b in binds:
                        if b.name is None and b.file != other:
                            index.setdefault(b.file, set()).add(other)
            self._modules_by_file = {k: sorted(v) for k, v in index.items()}
        return self._modules_by_file.get(path, [])

    def _prune_step(self, path: str, names: set[str], why: str) -> Step | None:
        """Exports ``names`` of ``path`` go: the ``export`` keyword where the module still uses
        the name, the declaration where nothing does (Python: the definition)."""
        data = self.tree.read(path)
        if data is None:
            return None
        notes: list[str] = []
        kept: list[str] = []
        new = data
        for name in sorted(names):
            users = [u for u in self._importers_of_name(path, name) if self.tree.exists(u)]
            if users:
                kept.append(f"{name} kept: {users[0]} imports it")
                continue
            new = (
                self._prune_python(path, new, name, notes)
                if path.endswith(".py")
                else self._prune_ts(path, new, name, notes)
            )
        if new == data:
            return None
        summary = f"{path}: " + "; ".join(notes + kept)
        return Step(0, "edit", [path], summary, changes={path: new}, evidence=[f"{why}"] + notes + kept)

    def _prune_python(self, path: str, data: bytes, name: str, notes: list[str]) -> bytes:
        py = self._reparse(path, data)
        d = next((d for d in py.defs if d.name == name), None)
        if d is None:
            return data
        new, ok = _try(data, lambda: E.remove_python_statement(data, d.span), notes, f"{name}")
        if ok:
            notes.append(f"remove {d.kind} {name}()" if d.kind == "function" else f"remove {d.kind} {name}")
            new, more = self._drop_orphans(path, data, new)
            notes += more
        return new

    def _prune_ts(self, path: str, data: bytes, name: str, notes: list[str]) -> bytes:
        g = _grammar(path)
        ts = self.tree.facts_of(path, data).ts
        ex = next((e for e in ts.exports if e.name == name), None)
        if ex is None:
            return data
        local = ex.local
        if ex.kind == "specifier":
            new, ok = _try(
                data, lambda: E.remove_ts_export_specifiers(data, g, {name}), notes, f"export {name}"
            )
            if ok:
                notes.append(f"stop exporting {name}")
            return new
        if ex.kind == "default" and (not local or local == "default"):
            return data  # an anonymous default export: the module's shape, left alone
        decl_span = ex.span
        if local and E.ts_uses_outside(data, g, local, decl_span) > 0:
            if ex.kind == "default" and re.match(
                rb"export\s+default\s+[A-Za-z_$][\w$]*\s*;?\s*$", data[ex.span[0] : ex.span[1]]
            ):
                new, ok = _try(
                    data, lambda: E.remove_ts_declaration(data, g, ex.span), notes, f"export {name}"
                )
            else:
                new, ok = _try(
                    data, lambda: E.drop_ts_export_keyword(data, g, ex.span), notes, f"export {name}"
                )
            if ok:
                notes.append(f"stop exporting {name} (the module still uses it)")
            return new
        new, ok = _try(data, lambda: E.remove_ts_declaration(data, g, decl_span), notes, f"export {name}")
        if ok:
            notes.append(f"remove {name} (nothing uses it)")
            new = self._drop_orphaned_ts_imports(path, data, new, notes)
        return new

    def _drop_orphaned_ts_imports(self, path: str, before: bytes, data: bytes, notes: list[str]) -> bytes:
        """Import bindings the removed code was the only user of."""
        g = _grammar(path)
        old = self.tree.facts_of(path, before).ts
        used_before = set(old.identifiers) | {j.name.split(".")[0] for j in old.jsx}
        cur = self.tree.facts_of(path, data).ts
        used = set(cur.identifiers) | {j.name.split(".")[0] for j in cur.jsx}
        for imp in sorted(cur.imports, key=lambda i: -i.span[0]):
            if imp.kind not in ("static", "type"):
                continue
            locals_ = [local for _, local in imp.names] + ([imp.local] if imp.local else [])
            gone = {n for n in locals_ if n in used_before and n not in used}
            if not gone or any(n not in used_before for n in locals_ if n not in gone and n not in used):
                continue
            new, ok = _try(
                data,
                lambda: E.remove_ts_import_names(data, g, imp.specifier, gone),
                notes,
                f"import of {imp.specifier}",
            )
            if ok and new != data:
                data = new
                notes.append(
                    f"remove import {', '.join(sorted(gone))} from {imp.specifier} (only removed code used it)"
                )
        return data

    # ------------------------------------------------------------------ configuration
    def _dependency_step(self, tree, manifest: str, findings) -> Step | None:
        """Remove the group's unused dependencies from one manifest."""
        from deadcode.plan.manifests import lock_files, remove_dependency

        data = tree.read(manifest)
        if data is None:
            return None
        notes: list[str] = []
        names = []
        for f in findings:
            staying = [p for p in f.importers if tree.exists(p)]
            if staying:  # an importer the group could not delete (kept, still referenced) needs it
                notes.append(f"dependency {f.symbol} kept: {staying[0]} still imports it")
                continue
            try:
                data = remove_dependency(manifest, data, f.symbol)
                names.append(f.symbol)
            except E.EditRefused as exc:
                notes.append(f"dependency {f.symbol} left for review ({exc})")
        if not names:
            return None
        locks = lock_files(
            manifest, list(self.ctx.facts) + list(self.ctx.side_texts) + list(self.ctx.text_mentions)
        )
        summary = f"{manifest}: remove dependency {', '.join(names)}"
        if locks:
            summary += f" (then regenerate {', '.join(locks)})"
        return Step(
            0,
            "edit",
            [manifest],
            summary,
            needs_review=bool(notes),
            changes={manifest: data},
            evidence=[e for f in findings for e in f.evidence[:2]] + notes,
        )

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
                new, ok = _try(
                    data, lambda: E.remove_settings_field(data, cls, name), notes, f"settings field {name}"
                )
                if ok:
                    changes[path] = new
                    touched.append(path)
            env = self.p.graph.nodes[f.node].data.get("env", name).upper()
            self._env_cleanup(tree, env, changes, touched)
        elif f.node and f.node.startswith("helm-value:"):
            self._values_cleanup(tree, name, changes, touched, notes)
            for env, sources in self.ctx.env_sources.items():
                if any(s[3] == name for s in sources):
                    self._env_cleanup(tree, env, changes, touched)
        elif f.node and f.node.startswith("env:"):
            self._env_cleanup(tree, name, changes, touched)
        if not changes and not notes:
            return None
        where = ", ".join(sorted(set(touched)))
        return Step(
            0,
            "edit",
            sorted(set(touched)),
            f"remove {name} from {where}" + (f" ({'; '.join(notes)})" if notes else ""),
            needs_review=bool(notes),
            changes=changes,
            evidence=f.evidence,
        )

    def _values_cleanup(self, tree, key, changes, touched, notes) -> None:
        for vpath in dict.fromkeys(v[0] for v in self.ctx.values.get(key, [])):
            data = changes.get(vpath, tree.read(vpath))
            if data is not None:
                new, ok = _try(data, lambda: E.remove_yaml_key(data, key), notes, f"{vpath}: {key}")
                if ok and new != data:
                    changes[vpath] = new
                    touched.append(vpath)

    def _env_cleanup(self, tree, env, changes, touched):
        keys = []
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
        # the Helm values that fed only this env var go with it
        keys = [s[3] for s in self.ctx.env_sources.get(env, []) if s[3]]
        for key in dict.fromkeys(keys):
            if f"helm-value:{key}" in self.a.reacher.production and self._values_read_elsewhere(
                tree, key, changes
            ):
                continue
            if self._values_read_elsewhere(tree, key, changes):
                continue
            self._values_cleanup(tree, key, changes, touched, [])

    def _values_read_elsewhere(self, tree, key: str, changes) -> bool:
        """Whether a Helm template (as the step leaves it) still reads ``.Values.<key>``."""
        pattern = re.compile(rb"\.Values\." + re.escape(key.encode()) + rb"(?![\w-])")
        for path, f in self.ctx.facts.items():
            if f.deploy is None or f.deploy.kind != "helm-template":
                continue
            data = changes.get(path, tree.read(path))
            if data is not None and pattern.search(data):
                return True
        return False


def build_plan(
    analysis: Analysis,
    groups: list[str] | None = None,
    cut_references: bool = False,
    from_head: bool = False,
    verify: bool = True,
    include_unverified: bool = False,
    bundle: bool = True,
) -> list[GroupPlan]:
    return Planner(analysis, cut_references, from_head, verify, include_unverified, bundle).plan(groups)


def plan_json(plans: list[GroupPlan]) -> dict:
    return {"version": 1, "groups": [p.to_json() for p in plans]}
