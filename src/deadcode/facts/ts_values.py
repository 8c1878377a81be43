"""What a URL expression may evaluate to, read inside one TS/TSX file (a stage of the TS
extractor sharing its parsed file; ``facts/typescript.py`` mixes it in).

``url_alternatives(node)`` follows what the file itself says: local ``const``/``let`` bindings of
the enclosing functions (with the other values a ``let`` is assigned), both branches of a
ternary and of ``||``/``??`` (a ``null`` branch is no URL), and calls of functions of this file
that return a URL (a module function, an arrow const, a class's static method through
``this.m()`` or ``Class.m()``, an object's method ``ENDPOINTS.byId(id)``), their parameters
replaced by the arguments. What it cannot read stays a ``Sub``: a module-level name or an
import (the graph resolves those across files), a parameter (a wrapper's URL), a call of an
imported function (kept with its arguments).
"""

from __future__ import annotations

from tree_sitter import Node

from deadcode.facts.model import Sub, Template

MAX_ALTERNATIVES = 8
MAX_DEPTH = 6
MAX_ARG_BYTES = 400  # arguments longer than this are not kept in a call's Sub
MAX_CLIMB = 256  # enclosing nodes searched for a binding (Node.parent costs the node's depth)
FUNCTIONS = frozenset(
    {
        "arrow_function",
        "function_expression",
        "function",
        "generator_function",
        "function_declaration",
        "generator_function_declaration",
        "method_definition",
    }
)
NO_URL = frozenset({"null", "undefined", "false"})
PASS_THROUGH = frozenset({"String", "encodeURI", "decodeURI"})
MEMO_HOOKS = frozenset({"useMemo", "React.useMemo"})


def _unwrap(node: Node | None) -> Node | None:
    while node is not None and node.type in (
        "parenthesized_expression",
        "as_expression",
        "satisfies_expression",
        "non_null_expression",
        "type_assertion",
    ):
        kids = [c for c in node.named_children if c.type != "comment"]
        if not kids:
            return node
        node = kids[-1] if node.type == "type_assertion" else kids[0]
    return node


def _product(options: list[list[list]]) -> list[list]:
    """Every combination of the options of each piece, in order (at most MAX_ALTERNATIVES)."""
    out: list[list] = [[]]
    for opts in options:
        if len(opts) == 1 and len(out) == 1:  # the common case: no branching, no copying
            out[0].extend(opts[0])
            continue
        out = [a + b for a in out for b in opts][:MAX_ALTERNATIVES]
        if not out:
            return []
    return out


class UrlValues:
    """Mixin: needs ``t``, ``_expr_text``, ``_is_plus``, ``_plus_operands``, ``_stringish``,
    ``callee_text``, ``object_pairs``, ``_in_range``, ``functions`` and ``bindings`` from the extractor."""

    _block_decls_memo: dict
    _assign_memo: dict
    _returns_memo: dict

    # ---------------------------------------------------------------- public
    def url_alternatives(self, node: Node | None, key: bool = False) -> list[Template]:
        """Every URL ``node`` may evaluate to (at most MAX_ALTERNATIVES), as templates. ``key``:
        a data-hook key, where an array stands for its first element (``["/api/x", params]``)."""
        self._key_mode = key
        try:
            alts = self._alts(node, 0, frozenset())
        finally:
            self._key_mode = False
        out = []
        for parts in alts:
            tpl = Template.of(parts)
            if tpl not in out:
                out.append(tpl)
        return out

    # ---------------------------------------------------------------- expressions
    def _alts(self, node: Node | None, depth: int, guard: frozenset) -> list[list]:
        node = _unwrap(node)
        if node is None:
            return [[]]
        t = node.type
        if t in NO_URL:
            return []
        if t == "string":
            return [[self.t(node)[1:-1]]]
        if depth > MAX_DEPTH:
            return [[Sub(self._expr_text(node))]]
        if t == "template_string":
            options: list[list[list]] = []
            for c in node.named_children:
                if c.type == "string_fragment":
                    options.append([[self.t(c)]])
                elif c.type == "escape_sequence":
                    raw = self.t(c)
                    options.append([[raw[1:] if len(raw) == 2 and not raw[1].isalnum() else raw]])
                elif c.type == "template_substitution":
                    inner = [k for k in c.named_children if k.type != "comment"]
                    options.append(self._alts(inner[0], depth + 1, guard) if inner else [[]])
            return _product(options)
        if self._is_plus(node):
            return _product([self._alts(o, depth + 1, guard) for o in self._plus_operands(node)])
        if t == "ternary_expression":
            return (
                self._alts(node.child_by_field_name("consequence"), depth + 1, guard)
                + self._alts(node.child_by_field_name("alternative"), depth + 1, guard)
            )[:MAX_ALTERNATIVES]
        if t == "binary_expression" and self.t(node.child_by_field_name("operator")) in ("||", "??"):
            return (
                self._alts(node.child_by_field_name("left"), depth + 1, guard)
                + self._alts(node.child_by_field_name("right"), depth + 1, guard)
            )[:MAX_ALTERNATIVES]
        if t == "binary_expression" and self.t(node.child_by_field_name("operator")) == "&&":
            return self._alts(node.child_by_field_name("right"), depth + 1, guard)  # `id && `/x/${id}``
        if t == "array" and getattr(self, "_key_mode", False):
            kids = [c for c in node.named_children if c.type != "comment"]
            return self._alts(kids[0], depth + 1, guard) if kids else []
        if t == "new_expression" and self.t(node.child_by_field_name("constructor")) == "URL":
            return self._new_url_alts(node, depth, guard)
        if t == "identifier":
            binding = self._local_binding(node, guard)
            if binding is not None:
                key, values = binding
                out: list[list] = []
                for v in values:
                    out += self._alts(v, depth + 1, guard | {key})
                return out[:MAX_ALTERNATIVES]
        if t == "call_expression":
            return self._call_alts(node, depth, guard)
        return [[Sub(self._expr_text(node))]]

    def _call_alts(self, call: Node, depth: int, guard: frozenset) -> list[list]:
        fn = _unwrap(call.child_by_field_name("function"))
        args = self._call_args(call)
        if (
            fn is not None
            and fn.type == "member_expression"
            and self.t(fn.child_by_field_name("property")) == "toString"
            and not args
        ):
            return self._alts(fn.child_by_field_name("object"), depth + 1, guard)
        if fn is not None and fn.type == "identifier" and self.t(fn) in PASS_THROUGH and len(args) == 1:
            return self._alts(args[0], depth + 1, guard)
        if (
            fn is not None
            and self._expr_text(fn) in MEMO_HOOKS
            and args
            and _unwrap(args[0]) is not None
            and _unwrap(args[0]).type in FUNCTIONS
        ):  # useMemo(() => value, deps): the value
            out: list[list] = []
            for r in self.returns_of(_unwrap(args[0])):
                out += self._alts(r, depth + 1, guard)
            return out[:MAX_ALTERNATIVES]
        target = self.url_function(call)
        if target is not None:
            fn_node, params = target
            out: list[list] = []
            arg_alts = [self._alts(a, depth + 1, guard) for a in args]
            for ret in self.returns_of(fn_node):
                for parts in self._alts(ret, depth + 1, guard):
                    out += self._substitute(parts, params, arg_alts)
            if out:
                return out[:MAX_ALTERNATIVES]
        return [[self.call_sub(call, depth, guard)]]

    def _new_url_alts(self, node: Node, depth: int, guard: frozenset) -> list[list]:
        """``new URL("/x", base)`` is "/x" (an absolute path ignores the base's path);
        ``new URL(`items/${id}`, API_ROOT)`` is the base, "/", then the path."""
        args = self._call_args(node)
        if not args:
            return [[Sub(self._expr_text(node))]]
        out: list[list] = []
        for path in self._alts(args[0], depth + 1, guard):
            if path and isinstance(path[0], str) and (path[0].startswith("/") or "://" in path[0]):
                out.append(path)
            elif len(args) > 1:
                out += [base + ["/"] + path for base in self._alts(args[1], depth + 1, guard)]
            else:
                out.append(path)
        return out[:MAX_ALTERNATIVES]

    def call_sub(self, call: Node, depth: int = 0, guard: frozenset = frozenset()) -> Sub:
        """A call this file cannot expand: its text, callee and argument templates."""
        callee = self.callee_text(call)
        args = []
        for a in self._call_args(call)[:4]:
            if a.end_byte - a.start_byte > MAX_ARG_BYTES:
                args.append(Template((Sub(self._expr_text(a)),)))
                continue
            alts = self._alts(a, depth + 1, guard)
            args.append(Template.of(alts[0]) if alts else Template(()))
        return Sub(self._expr_text(call), callee, tuple(args))

    @staticmethod
    def _substitute(parts: list, params: list[str | None], arg_alts: list[list[list]]) -> list[list]:
        options: list[list[list]] = []
        for p in parts:
            if isinstance(p, Sub) and p.call is None and p.expr in params:
                i = params.index(p.expr)
                options.append(arg_alts[i] if i < len(arg_alts) else [[Sub(p.expr)]])
            else:
                options.append([[p]])
        return _product(options)

    @staticmethod
    def _call_args(call: Node) -> list[Node]:
        args = call.child_by_field_name("arguments")
        if args is None or args.type != "arguments":
            return []
        return [c for c in args.named_children if c.type != "comment"]

    # ---------------------------------------------------------------- local bindings
    def local_values(self, ident: Node) -> list[Node] | None:
        """The values a local binding named like ``ident`` may hold where ``ident`` is read:
        its declaration's value and, for ``let``/``var``, every value assigned to it. None when
        the name is a parameter, module-level, or not a plain declaration."""
        binding = self._local_binding(ident, frozenset())
        return binding[1] if binding is not None else None

    def _local_binding(self, ident: Node, guard: frozenset) -> tuple[tuple[int, str], list[Node]] | None:
        name = self.t(ident)
        if name not in self.declared_names():
            return None  # no const/let/var of the file declares it: no climb (most call arguments)
        off = ident.start_byte
        n = ident.parent
        for _ in range(MAX_CLIMB):
            if n is None or n.type == "program":
                break
            if n.type in FUNCTIONS and name in self._param_names(n):
                return None
            if n.type == "statement_block":
                hit = self._block_decls(n).get(name)
                if hit is not None and hit[0].start_byte < off:
                    decl, kind = hit
                    key = (decl.start_byte, name)
                    if key in guard:
                        return None  # `url = url + "/x"`: the value read is the one being defined
                    value = decl.child_by_field_name("value")
                    values = [value] if value is not None else []
                    if kind != "const":
                        values += self._assigned(n, name)
                    return (key, values) if values else None
            n = n.parent
        return None

    def declared_names(self) -> set[str]:
        """The names some ``const/let/var`` of the file declares (the ``decl`` captures): the
        only names ``_block_decls`` can bind."""
        names = self.__dict__.get("_declared_names")
        if names is None:
            names = self._declared_names = {self.t(n) for n in self._caps("decl")}
        return names

    def _block_decls(self, block: Node) -> dict[str, tuple[Node, str]]:
        key = (block.start_byte, block.end_byte)
        memo = self.__dict__.setdefault("_block_decls_memo", {})
        hit = memo.get(key)
        if hit is None:
            hit = {}
            for stmt in block.named_children:
                if stmt.type not in ("lexical_declaration", "variable_declaration"):
                    continue
                kind = (
                    "var" if stmt.type == "variable_declaration" else self.t(stmt.child_by_field_name("kind"))
                )
                for d in stmt.named_children:
                    name = d.child_by_field_name("name") if d.type == "variable_declarator" else None
                    if name is not None and name.type == "identifier":
                        hit.setdefault(self.t(name), (d, kind))
            memo[key] = hit
        return hit

    def _assigned(self, block: Node, name: str) -> list[Node]:
        """Values assigned with ``name = value`` anywhere in ``block``."""
        key = (block.start_byte, block.end_byte)
        memo = self.__dict__.setdefault("_assign_memo", {})
        table = memo.get(key)
        if table is None:
            table = {}
            stack = [block]
            while stack:
                n = stack.pop()
                if n.type == "assignment_expression":
                    left = n.child_by_field_name("left")
                    right = n.child_by_field_name("right")
                    if left is not None and left.type == "identifier" and right is not None:
                        table.setdefault(self.t(left), []).append(right)
                stack.extend(n.named_children)
            memo[key] = table
        return table.get(name, [])

    def _param_names(self, fn: Node) -> list[str]:
        single = fn.child_by_field_name("parameter")
        if single is not None:
            return [self.t(single)] if single.type == "identifier" else []
        out: list[str] = []
        for p in (
            fn.child_by_field_name("parameters").named_children
            if fn.child_by_field_name("parameters")
            else ()
        ):
            if p.type in ("required_parameter", "optional_parameter"):
                p = p.child_by_field_name("pattern")
            elif p.type == "assignment_pattern":
                p = p.child_by_field_name("left")
            out += self._bound_names(p)
        return out

    def _bound_names(self, pattern: Node | None) -> list[str]:
        if pattern is None:
            return []
        if pattern.type in ("identifier", "shorthand_property_identifier_pattern"):
            return [self.t(pattern)]
        out: list[str] = []
        for c in pattern.named_children:
            if c.type == "pair_pattern":
                out += self._bound_names(c.child_by_field_name("value"))
            elif c.type in ("object_assignment_pattern", "assignment_pattern"):
                out += self._bound_names(c.child_by_field_name("left"))
            else:
                out += self._bound_names(c)
        return out

    # ---------------------------------------------------------------- functions of this file
    def url_function(self, call: Node) -> tuple[Node, list[str | None]] | None:
        """The function of this file a call runs, with its parameter names, when the file can
        tell: ``f(x)``, ``this.m(x)`` / ``Class.m(x)`` (a method of a class here), ``OBJ.m(x)``
        (a function in a module-level object literal)."""
        fn = _unwrap(call.child_by_field_name("function"))
        if fn is None:
            return None
        target = None
        if fn.type == "identifier":
            name = self.t(fn)
            local = self.local_values(fn)
            if local and _unwrap(local[0]) is not None and _unwrap(local[0]).type in FUNCTIONS:
                target = _unwrap(local[0])
            elif local is None:
                target = self._module_function(name)
        elif fn.type == "member_expression":
            obj = _unwrap(fn.child_by_field_name("object"))
            prop = self.t(fn.child_by_field_name("property"))
            if obj is not None and obj.type == "this":
                target = self._method(self._enclosing_class(call), prop)
            elif obj is not None and obj.type == "identifier":
                target = self._method(self._class_named(self.t(obj)), prop) or self._object_function(
                    self.t(obj), prop
                )
        if target is None:
            return None
        return target, self._param_list(target)

    def _param_list(self, fn: Node) -> list[str | None]:
        single = fn.child_by_field_name("parameter")
        if single is not None:
            return [self.t(single) if single.type == "identifier" else None]
        out: list[str | None] = []
        params = fn.child_by_field_name("parameters")
        for p in params.named_children if params is not None else ():
            if p.type in ("required_parameter", "optional_parameter"):
                p = p.child_by_field_name("pattern")
            elif p.type == "assignment_pattern":
                p = p.child_by_field_name("left")
            out.append(self.t(p) if p is not None and p.type == "identifier" else None)
        return out

    def _module_function(self, name: str) -> Node | None:
        for f in self.functions:
            if f.name == name and f.callable:
                node = f.node
                return node if node.type in FUNCTIONS else None
        return None

    def _enclosing_class(self, node: Node) -> Node | None:
        n = node.parent
        while n is not None and n.type not in ("class_declaration", "class", "abstract_class_declaration"):
            n = n.parent
        return n

    def _class_named(self, name: str) -> Node | None:
        for f in self.functions:
            if (
                f.name == name
                and not f.callable
                and f.node.type in ("class_declaration", "class", "abstract_class_declaration")
            ):
                return f.node
        return None

    def _method(self, cls: Node | None, name: str) -> Node | None:
        body = cls.child_by_field_name("body") if cls is not None else None
        for m in body.named_children if body is not None else ():
            if m.type == "method_definition" and self.t(m.child_by_field_name("name")) == name:
                return m
            if m.type in ("public_field_definition", "field_definition"):
                key = m.child_by_field_name("name") or m.child_by_field_name("property")
                value = _unwrap(m.child_by_field_name("value"))
                if key is not None and self.t(key) == name and value is not None and value.type in FUNCTIONS:
                    return value
        return None

    def _object_function(self, obj_name: str, prop: str) -> Node | None:
        obj = self.bindings.get(obj_name)
        if obj is None or obj.type != "object":
            return None
        pairs, _ = self.object_pairs(obj)
        value = _unwrap(pairs.get(prop))
        return value if value is not None and value.type in FUNCTIONS else None

    def returns_of(self, fn: Node) -> list[Node]:
        """The values a function returns: an arrow's expression body, or the ``return``
        statements of its body (not those of functions nested in it)."""
        key = (fn.start_byte, fn.end_byte)
        memo = self.__dict__.setdefault("_returns_memo", {})
        hit = memo.get(key)
        if hit is not None:
            return hit
        body = fn.child_by_field_name("body")
        out: list[Node] = []
        if body is not None and body.type != "statement_block":
            out.append(body)
        elif body is not None:
            # the captured returns inside the body, but those of a function or class nested in
            # it (captured as scopes: nodes nest, so one nested scope holds the return exactly
            # when it started before the return and ends after it)
            start, end = body.start_byte, body.end_byte
            scopes = iter(self._in_range("scope", start, end))
            scope = next(scopes, None)
            covered = start  # the furthest end of the nested scopes started so far
            for ret in self._in_range("return", start, end):
                at = ret.start_byte
                while scope is not None and scope.start_byte < at:
                    covered = max(covered, scope.end_byte)
                    scope = next(scopes, None)
                if covered > at:
                    continue
                value = next((c for c in ret.named_children if c.type != "comment"), None)
                if value is not None:
                    out.append(value)
        memo[key] = out
        return out

    def stringish_function(self, fn: Node) -> bool:
        """A function some of whose returns build a string: a URL function candidate."""
        return any(self._stringish(r) for r in self.returns_of(fn))
