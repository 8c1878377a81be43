"""Imports, re-exports, exports and references of a TS/TSX file, a stage of the TS extractor
(``facts/typescript.py`` mixes it in; it shares the parsed file)."""

from __future__ import annotations

import bisect
import re

from tree_sitter import Node

from deadcode.facts import parsing
from deadcode.facts.model import Span, TsExport, TsImport, TsReExport
from deadcode.facts.ts_nodes import (
    WRAPPER_NODES,
    _args,
    _callee,
    _has_child_token,
    _is_literal_node,
    _kids,
    _unwrap,
    _url_like,
)

TYPE_CONTEXTS = frozenset(
    {
        "type_annotation",
        "type_query",
        "type_alias_declaration",
        "interface_declaration",
        "type_arguments",
        "generic_type",
        "lookup_type",
        "implements_clause",
    }
)


class ModuleStage:
    """Mixin of the TS extractor: what the file imports and exports, and where it uses what it imports."""

    # ---------------------------------------------------------------- imports
    def _imports(self) -> None:
        for stmt in self._caps("import"):
            self.import_ranges.append(parsing.span(stmt))
            self._static_import(stmt)
        for stmt in self._caps("export"):
            if stmt.child_by_field_name("source") is not None:
                self.import_ranges.append(parsing.span(stmt))
                self._reexport(stmt)
        self.import_ranges.sort()
        for call in self._caps("call"):
            fn = _callee(call)
            if fn is None:
                continue
            if fn.type == "import":
                self._dynamic_import(call)
            elif fn.type == "identifier" and self.t(fn) == "require":
                self._require(call)
            elif fn.type == "member_expression" and self.t(fn).replace(" ", "") == "import.meta.glob":
                args = _args(call)
                first = _unwrap(args[0]) if args else None
                patterns = _kids(first) if first is not None and first.type == "array" else [first]
                for pattern in patterns:
                    spec = self.string_value(pattern)
                    if spec and not spec.startswith("!"):  # "!x" excludes files: loads nothing
                        self.imports.append(
                            TsImport(spec, "glob", (), parsing.line(call), parsing.span(call), self.dev(call))
                        )
        for new in self._caps("new"):
            self._new_url(new)
        self.imports.sort(key=lambda i: i.span)

    def _static_import(self, stmt: Node) -> None:
        source = stmt.child_by_field_name("source")
        req = next((c for c in _kids(stmt) if c.type == "import_require_clause"), None)
        if req is not None:  # import x = require("y")
            source = req.child_by_field_name("source")
            ident = next((c for c in _kids(req) if c.type == "identifier"), None)
            spec = self.string_value(source)
            if spec is not None:
                names = (("*", self.t(ident)),) if ident is not None else ()
                self.imports.append(TsImport(spec, "require", names, parsing.line(stmt), parsing.span(stmt)))
            return
        spec = self.string_value(source)
        if spec is None:
            return
        clause = next((c for c in _kids(stmt) if c.type == "import_clause"), None)
        if clause is None:
            self.imports.append(TsImport(spec, "side-effect", (), parsing.line(stmt), parsing.span(stmt)))
            return
        names: list[tuple[str, str]] = []
        for part in _kids(clause):
            if part.type == "identifier":
                names.append(("default", self.t(part)))
            elif part.type == "namespace_import":
                ident = next((c for c in _kids(part) if c.type == "identifier"), None)
                if ident is not None:
                    names.append(("*", self.t(ident)))
            elif part.type == "named_imports":
                for spec_node in _kids(part):
                    if spec_node.type != "import_specifier":
                        continue
                    name = spec_node.child_by_field_name("name")
                    alias = spec_node.child_by_field_name("alias")
                    imported = self._name_text(name)
                    names.append((imported, self._name_text(alias) if alias is not None else imported))
        kind = "type" if _has_child_token(stmt, "type") else "static"
        self.imports.append(TsImport(spec, kind, tuple(names), parsing.line(stmt), parsing.span(stmt)))

    def _name_text(self, node: Node | None) -> str:
        text = self.t(node)
        return text[1:-1] if node is not None and node.type == "string" else text

    def _reexport(self, stmt: Node) -> None:
        spec = self.string_value(stmt.child_by_field_name("source"))
        if spec is None:
            return
        names: list[tuple[str, str]] = []
        for part in _kids(stmt):
            if part.type == "namespace_export":
                ident = next((c for c in _kids(part) if c.type in ("identifier", "string")), None)
                names.append(("*", self._name_text(ident)))
            elif part.type == "export_clause":
                for s in _kids(part):
                    if s.type != "export_specifier":
                        continue
                    name, alias = s.child_by_field_name("name"), s.child_by_field_name("alias")
                    exported = self._name_text(name)
                    names.append((exported, self._name_text(alias) if alias is not None else exported))
        type_only = _has_child_token(stmt, "type") or any(
            c.is_error and self._export_type_star(c) for c in stmt.children
        )
        self.reexports.append(
            TsReExport(spec, tuple(names), parsing.line(stmt), parsing.span(stmt), type_only)
        )

    def _dynamic_import(self, call: Node) -> None:
        args = _args(call)
        spec = self.string_value(args[0]) if args else None
        if spec is None:
            self.problems.append(f"dynamic import with non-literal specifier at line {parsing.line(call)}")
            return
        kind, local = self._import_context(call)
        if local is not None:
            self.binding_decl_starts.add(local[1])
        self.imports.append(
            TsImport(
                spec,
                kind,
                (),
                parsing.line(call),
                parsing.span(call),
                self.dev(call),
                local[0] if local else None,
            )
        )

    def _import_context(self, call: Node) -> tuple[str, tuple[str, int] | None]:
        """``lazy`` (with the bound variable) when the import() sits in a lazy wrapper call or
        a route ``lazy:`` property; else ``dynamic``."""
        n = call.parent
        while n is not None and n.type not in (
            "program",
            "function_declaration",
            "generator_function_declaration",
            "class_declaration",
        ):
            if n.type in TYPE_CONTEXTS:  # let x: import("./m").T -- erased at build time
                return "type", None
            if n.type == "call_expression":
                if re.search("lazy", self._callee_name(n), re.IGNORECASE):
                    return "lazy", self._bound_name(n)
            elif n.type in ("pair", "method_definition"):
                key = n.child_by_field_name("key" if n.type == "pair" else "name")
                if self._name_text(key) == "lazy":
                    return "lazy", None
                if n.type == "method_definition":
                    break
            elif n.type == "jsx_attribute":
                kids = _kids(n)
                if kids and self.t(kids[0]) == "lazy":
                    return "lazy", None
            n = n.parent
        return "dynamic", None

    def _bound_name(self, node: Node) -> tuple[str, int] | None:
        """The variable a value is bound to, through casts and ``DEV ? lazy(...) : null``."""
        p = node.parent
        while p is not None and (
            p.type in WRAPPER_NODES or p.type in ("ternary_expression", "binary_expression")
        ):
            p = p.parent
        if p is not None and p.type == "variable_declarator":
            name = p.child_by_field_name("name")
            if name is not None and name.type == "identifier":
                return self.t(name), name.start_byte
        return None

    def _require(self, call: Node) -> None:
        args = _args(call)
        spec = self.string_value(args[0]) if len(args) == 1 else None
        if spec is None:
            if args:
                self.problems.append(f"require with non-literal specifier at line {parsing.line(call)}")
            return
        names: list[tuple[str, str]] = []
        p = call.parent
        while p is not None and p.type in WRAPPER_NODES:
            p = p.parent
        if p is not None and p.type == "variable_declarator":
            pattern = p.child_by_field_name("name")
            if pattern is not None and pattern.type == "identifier":
                names.append(("*", self.t(pattern)))
                self.binding_decl_starts.add(pattern.start_byte)
            elif pattern is not None and pattern.type == "object_pattern":
                for c in _kids(pattern):
                    if c.type == "shorthand_property_identifier_pattern":
                        names.append((self.t(c), self.t(c)))
                        self.binding_decl_starts.add(c.start_byte)
                    elif c.type == "pair_pattern":
                        key, value = c.child_by_field_name("key"), c.child_by_field_name("value")
                        if value is not None and value.type == "identifier":
                            names.append((self._name_text(key), self.t(value)))
                            self.binding_decl_starts.add(value.start_byte)
        self.imports.append(
            TsImport(spec, "require", tuple(names), parsing.line(call), parsing.span(call), self.dev(call))
        )

    def _new_url(self, new: Node) -> None:
        """``new URL("./x", import.meta.url)`` / ``new Worker(new URL(...))`` load a module file;
        ``new EventSource("/api/x")`` is an HTTP GET."""
        ctor = self.t(new.child_by_field_name("constructor"))
        args = _args(new)
        if ctor == "URL" and len(args) == 2 and self.t(args[1]).replace(" ", "") == "import.meta.url":
            spec = self.string_value(args[0])
            if spec is not None and spec.startswith("."):
                self.imports.append(
                    TsImport(spec, "dynamic", (), parsing.line(new), parsing.span(new), self.dev(new))
                )
        elif ctor in ("EventSource", "WebSocket") and args:
            urls = self._client_urls(args[0])
            if any(_url_like(u) for u in urls) or not _is_literal_node(args[0]):
                self._add_urls("GET" if ctor == "EventSource" else "WEBSOCKET", urls, ctor, new)

    # ---------------------------------------------------------------- exports
    def _exports(self) -> None:
        for stmt in self._caps("export"):
            if stmt.child_by_field_name("source") is not None:
                continue
            line, span = parsing.line(stmt), parsing.span(stmt)
            decl = stmt.child_by_field_name("declaration")
            if _has_child_token(stmt, "default"):  # export default function F / class C / expr
                value = decl if decl is not None else stmt.child_by_field_name("value")
                self.exports.append(TsExport("default", self._default_local(value), "default", line, span))
                continue
            if decl is not None:
                self._export_declaration(decl, line, span)
                continue
            if _has_child_token(stmt, "="):  # export = X
                target = next(iter(_kids(stmt)), None)
                local = self.t(target) if target is not None and target.type == "identifier" else None
                self.exports.append(TsExport("default", local, "default", line, span))
                continue
            type_only = _has_child_token(stmt, "type")
            for clause in _kids(stmt):
                if clause.type != "export_clause":
                    continue
                for s in _kids(clause):
                    if s.type != "export_specifier":
                        continue
                    name, alias = s.child_by_field_name("name"), s.child_by_field_name("alias")
                    local = self._name_text(name)
                    kind = "type" if type_only or _has_child_token(s, "type") else "specifier"
                    exported = self._name_text(alias) if alias is not None else local
                    self.exports.append(TsExport(exported, local, kind, line, span))

    def _default_local(self, value: Node | None) -> str | None:
        value = _unwrap(value)
        if value is None:
            return None
        if value.type == "identifier":
            return self.t(value)
        name = value.child_by_field_name("name")
        if (
            value.type
            in (
                "function_expression",
                "function",
                "generator_function",
                "class",
                "function_declaration",
                "class_declaration",
                "abstract_class_declaration",
            )
            and name is not None
        ):
            return self.t(name)
        return None

    def _export_declaration(self, decl: Node, line: int, span: Span) -> None:
        t = decl.type
        if t == "ambient_declaration":  # export declare ...
            inner = next(iter(_kids(decl)), None)
            if inner is not None:
                self._export_declaration(inner, line, span)
            return
        simple = {
            "function_declaration": "function",
            "generator_function_declaration": "function",
            "function_signature": "function",
            "class_declaration": "class",
            "abstract_class_declaration": "class",
            "interface_declaration": "interface",
            "type_alias_declaration": "type",
            "enum_declaration": "enum",
            "internal_module": "namespace",
            "module": "namespace",
        }
        if t in simple:
            name = decl.child_by_field_name("name")
            if name is None:
                return
            text = self._name_text(name)
            last = self.exports[-1] if self.exports else None
            if last is not None and last.name == text and last.kind == "function" == simple[t]:
                # overload signatures + implementation: one export spanning all of them
                self.exports[-1] = TsExport(text, text, "function", last.line, (last.span[0], span[1]))
                return
            self.exports.append(TsExport(text, text, simple[t], line, span))
            return
        if t in ("lexical_declaration", "variable_declaration"):
            kind = "var" if t == "variable_declaration" else self.t(decl.child_by_field_name("kind"))
            if kind not in ("const", "let", "var"):
                kind = "const"
            for d in _kids(decl):
                if d.type != "variable_declarator":
                    continue
                for name in self._pattern_names(d.child_by_field_name("name")):
                    self.exports.append(TsExport(name, name, kind, line, span))

    def _pattern_names(self, pattern: Node | None) -> list[str]:
        """Names bound by ``a`` / ``{a, b: c, ...r}`` / ``[a, [b]]``."""
        if pattern is None:
            return []
        t = pattern.type
        if t in ("identifier", "shorthand_property_identifier_pattern"):
            return [self.t(pattern)]
        out: list[str] = []
        if t == "pair_pattern":
            return self._pattern_names(pattern.child_by_field_name("value"))
        if t in ("assignment_pattern", "object_assignment_pattern"):
            return self._pattern_names(pattern.child_by_field_name("left"))
        if t in ("object_pattern", "array_pattern", "rest_pattern"):
            for c in _kids(pattern):
                out.extend(self._pattern_names(c))
        return out

    # ---------------------------------------------------------------- references
    def _references(self) -> None:
        imported: set[str] = set()
        for imp in self.imports:
            imported.update(local for _, local in imp.names)
            if imp.local:
                imported.add(imp.local)
        aliases = {n.start_byte for n in self._caps("export_alias")}
        ranges = self.import_ranges
        starts = [s for s, _ in ranges]
        data = self.data
        # module-level functions too: a reference outside the function's own span is a local
        # use, which keeps the HTTP calls inside it alive when no other file imports it
        own_span = {
            f.name: (f.stmt.start_byte, f.stmt.end_byte) for f in self.functions if f.name not in imported
        }
        seen: set[str] = set()
        refs: list[tuple[str, int]] = []
        for n in self._caps("id"):
            off = n.start_byte
            if off in aliases:
                continue
            i = bisect.bisect_right(starts, off) - 1
            if i >= 0 and off < ranges[i][1]:
                continue
            name = data[off : n.end_byte].decode("utf-8", errors="replace")
            seen.add(name)
            if name in imported and off not in self.binding_decl_starts:
                refs.append((name, off))
            elif name in own_span and not (own_span[name][0] <= off < own_span[name][1]):
                refs.append((name, off))
        self.identifiers = sorted(seen)
        self.binding_refs = refs
