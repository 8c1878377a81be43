"""Env reads and dev-only branches of a TS/TSX file, a stage of the TS extractor
(``facts/typescript.py`` mixes it in; it shares the parsed file): ``import.meta.env.X``,
``process.env.X``, destructured env objects, and the branches ``import.meta.env.DEV`` /
``process.env.NODE_ENV`` conditions steer."""

from __future__ import annotations

from tree_sitter import Node

from deadcode.facts import parsing
from deadcode.facts.ts_nodes import (
    _squash,
    _IDENT,
    _kids,
    _unwrap,
)

VITE_BUILTIN_ENV = frozenset({"DEV", "PROD", "MODE", "SSR", "BASE_URL"})
DEV_MODES = frozenset({"development", "dev", "test"})
CONDITION_NODES = frozenset(
    {
        "parenthesized_expression",
        "unary_expression",
        "binary_expression",
        "as_expression",
        "non_null_expression",
        "satisfies_expression",
    }
)
MODE_EXPRS = frozenset({"import.meta.env.MODE", "process.env.NODE_ENV", "import.meta.env.NODE_ENV"})
DEV_ATOMS = MODE_EXPRS | {"import.meta.env.DEV", "import.meta.env.PROD"}
MAX_CONDITION_DEPTH = 64  # levels climbed from a dev atom to the if/?:/&& it steers


class EnvStage:
    """Mixin of the TS extractor: env reads and the byte ranges that run only outside production."""

    # ---------------------------------------------------------------- dev-only branches
    def _dev_polarity(self, node: Node | None, depth: int = 0) -> int:
        """+1: the condition is true only outside production (``import.meta.env.DEV``);
        -1: it is false only outside production (``import.meta.env.PROD``); 0: unknown."""
        node = _unwrap(node)
        if node is None or depth > 8:
            return 0
        t = node.type
        if t == "unary_expression":
            if self.t(node.child_by_field_name("operator")) == "!":
                return -self._dev_polarity(node.child_by_field_name("argument"), depth + 1)
            return 0
        if t in ("member_expression", "identifier"):
            text = self._expr_text(node).replace("?.", ".")
            if text == "import.meta.env.DEV" or text == "__DEV__":
                return 1
            if text == "import.meta.env.PROD":
                return -1
            return self.dev_aliases.get(text, 0)
        if t != "binary_expression":
            return 0
        op = self.t(node.child_by_field_name("operator"))
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if op in ("&&", "||"):
            pl, pr = self._dev_polarity(left, depth + 1), self._dev_polarity(right, depth + 1)
            if op == "&&":
                return 1 if 1 in (pl, pr) else (-1 if pl == pr == -1 else 0)
            return -1 if -1 in (pl, pr) else (1 if pl == pr == 1 else 0)
        if op not in ("===", "==", "!==", "!="):
            return 0
        equal = op in ("===", "==")
        for a, b in ((left, right), (right, left)):
            a, b = _unwrap(a), _unwrap(b)
            if a is None or b is None:
                continue
            if self._expr_text(a).replace("?.", ".") in MODE_EXPRS:
                value = self.string_value(b)
                if value == "production":
                    return -1 if equal else 1
                if value in DEV_MODES:
                    return 1 if equal else -1
                return 0
            if b.type in ("true", "false"):
                pol = self._dev_polarity(a, depth + 1)
                return pol if equal == (b.type == "true") else -pol
        return 0

    def _dev_atoms(self) -> list[Node]:
        """Nodes a dev test is built from: ``import.meta.env.DEV``/``PROD``/``MODE``,
        ``process.env.NODE_ENV``, ``__DEV__`` and module-level aliases (``const isDev = ...``)."""
        atoms = [
            n
            for n in self._env_reads_nodes
            if n.type == "member_expression" and self._expr_text(n).replace("?.", ".") in DEV_ATOMS
        ]
        names = {a for a in self.dev_aliases if a.encode() in self.data}
        if b"__DEV__" in self.data:
            names.add("__DEV__")
        if names:  # most files have neither: skip the pass over every identifier
            atoms += [n for n in self._caps("id") if n.type == "identifier" and self.t(n) in names]
        return atoms

    def _dev_regions(self) -> None:
        """From each dev atom, climb through the condition around it (``!``, ``&&``, ``===``,
        parentheses) to the ``if`` / ternary / ``&&`` it steers, and mark the dev-only branch."""
        done: set[tuple[int, int]] = set()
        for atom in self._dev_atoms():
            n = atom
            for _ in range(MAX_CONDITION_DEPTH):
                p = n.parent
                if p is None:
                    break
                key = (p.start_byte, p.end_byte)
                if p.type == "binary_expression" and self.t(p.child_by_field_name("operator")) in (
                    "&&",
                    "||",
                ):
                    left = p.child_by_field_name("left")
                    if (
                        left is not None
                        and left.start_byte == n.start_byte
                        and left.end_byte == n.end_byte
                        and key not in done
                    ):
                        done.add(key)
                        self._logical_region(p, self._dev_polarity(n))
                    n = p
                elif p.type in CONDITION_NODES:
                    n = p
                elif p.type in ("if_statement", "ternary_expression"):
                    cond = p.child_by_field_name("condition")
                    if cond is not None and cond.start_byte == n.start_byte and key not in done:
                        done.add(key)
                        self._branch_region(p, self._dev_polarity(n))
                    break
                else:
                    break

    def _logical_region(self, n: Node, pol: int) -> None:
        """``DEV && <A/>``: A is dev-only; ``PROD || <B/>``: B is dev-only."""
        op = self.t(n.child_by_field_name("operator"))
        right = n.child_by_field_name("right")
        if right is not None and ((op == "&&" and pol == 1) or (op == "||" and pol == -1)):
            self.dev_regions.append(parsing.span(right))

    def _branch_region(self, n: Node, pol: int) -> None:
        regions = self.dev_regions
        if n.type == "ternary_expression":
            branch = n.child_by_field_name("consequence" if pol == 1 else "alternative") if pol else None
            if branch is not None:
                regions.append(parsing.span(branch))
            return
        cons, alt = n.child_by_field_name("consequence"), n.child_by_field_name("alternative")
        if pol == 1 and cons is not None:
            regions.append(parsing.span(cons))
        elif pol == -1 and alt is not None:
            regions.append(parsing.span(alt))
        elif pol == -1 and alt is None and cons is not None and self._always_exits(cons):
            # if (!import.meta.env.DEV) return null;  -> the rest of the block is dev-only
            parent = n.parent
            if parent is not None and parent.type == "statement_block":
                regions.append((n.end_byte, parent.end_byte))

    def _merge_dev_regions(self) -> None:
        regions = self.dev_regions
        merged: list[tuple[int, int]] = []  # disjoint, sorted: dev() is a bisect
        for start, end in sorted(regions):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        self.dev_regions = merged
        self._dev_starts = [s for s, _ in merged]

    def _always_exits(self, node: Node) -> bool:
        if node.type in ("return_statement", "throw_statement"):
            return True
        if node.type == "statement_block":
            kids = _kids(node)
            return bool(kids) and kids[-1].type in ("return_statement", "throw_statement")
        return False

    # ---------------------------------------------------------------- env reads
    def _env_uses(self) -> None:
        """From each ``env`` property: reads ``<base>.env.X`` / ``<base>.env["X"]`` and
        destructured ``const { X } = <base>.env``, for base ``import.meta`` or ``process``."""
        for prop in self._caps("env"):
            env = prop.parent
            if env is None or env.type != "member_expression":
                continue
            base = env.child_by_field_name("object")
            if base is None or _squash(self.t(base)) not in ("import.meta", "process"):
                continue
            outer = env.parent
            if outer is None:
                continue
            obj = (
                outer.child_by_field_name("object")
                if outer.type in ("member_expression", "subscript_expression")
                else outer.child_by_field_name("value")
                if outer.type == "variable_declarator"
                else None
            )
            if obj is None or (obj.start_byte, obj.end_byte) != (env.start_byte, env.end_byte):
                continue
            if outer.type == "variable_declarator":
                self._env_objects.append(outer)
            else:
                self._env_reads_nodes.append(outer)

    def _env_reads(self) -> None:
        out: list[tuple[str, int]] = []
        for n in self._env_reads_nodes:
            obj = n.child_by_field_name("object")
            base = self._expr_text(obj).replace("?.", ".") if obj is not None else ""
            if n.type == "member_expression":
                name = self.t(n.child_by_field_name("property"))
            else:
                name = self.string_value(n.child_by_field_name("index"))
            if not name or (base == "import.meta.env" and name in VITE_BUILTIN_ENV):
                continue
            out.append((name, parsing.line(n)))
        for declarator in self._env_objects:
            pattern = declarator.child_by_field_name("name")
            if pattern is None or pattern.type != "object_pattern":
                continue
            for c in _kids(pattern):
                key = c.child_by_field_name("key") if c.type == "pair_pattern" else c
                if c.type == "object_assignment_pattern":
                    key = c.child_by_field_name("left")
                name = self._name_text(key)
                if name and name not in VITE_BUILTIN_ENV and _IDENT.fullmatch(name):
                    out.append((name, parsing.line(c)))
        self.env_reads = sorted(set(out), key=lambda x: (x[1], x[0]))
