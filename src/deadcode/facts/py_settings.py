"""Settings concern of the Python extractor: pydantic ``BaseSettings`` classes and their fields,
the names that hold a settings object, and the reads of its fields (``settings.X``,
``get_settings().X``, ``getattr(settings, "X")``, a class reading its own fields).

A mixin of the module reader (facts/python.py): it uses the reader's ``text``, ``classes``,
``defs``, ``module_assigns``, ``settings_matches``, ``stores``, ``regions``, ``lines`` and
``_where``, and fills ``settings_roots``, ``settings_fns`` and ``settings_bodies``."""

from __future__ import annotations

import re
from bisect import bisect_left

from tree_sitter import Node

from deadcode.facts import parsing
from deadcode.facts.model import PyRead, PySettingField, PySettingsClass, Sub, Template
from deadcode.facts.py_scopes import TopDef
from deadcode.facts.py_values import (
    NO_VALUE,
    arg,
    is_stringish,
    last_part,
    literal_value,
    read_args,
    string_value,
    template_of,
    unparen,
)

GRAMMAR = "python"
# Receivers that hold settings by name: settings, app_settings, config, self.settings, ...
SETTINGS_WORD = re.compile(r"(?i)settings|config")
SETTINGS_MODULE_TAIL = ("config", "settings", "conf")
# Pattern indexes of queries/python/settings.scm.
READ_BY_ATTRIBUTE, READ_BY_CALL, READ_BY_GETATTR, PARAM_TYPED, PARAM_DEPENDS, STORE, ASSIGNED = range(7)
# `.name` right after a reference identifier: settings.X read through a plain name
ATTRIBUTE_AFTER = re.compile(rb"[ \t]*\.[ \t]*([A-Za-z_][A-Za-z0-9_]*)")


class SettingsReader:
    def _settings(self) -> tuple[list[PySettingsClass], list[tuple[str, str]]]:
        names = {d.name for d, _ in self.classes}
        settings_names: set[str] = set()
        changed = True
        while changed:  # subclasses of a settings class in this file are settings classes too
            changed = False
            for d, _ in self.classes:
                if d.name in settings_names:
                    continue
                if any(
                    last_part(b) == "BaseSettings" or (b in names and b in settings_names) for b in d.bases
                ):
                    settings_names.add(d.name)
                    changed = True
        classes = [self._settings_class(d, node) for d, node in self.classes if d.name in settings_names]

        def settings_call(value: Node | None) -> str | None:
            value = unparen(value)
            if value is None or value.type != "call":
                return None
            fn = self.text(value.child_by_field_name("function"))
            cls = last_part(fn)
            if cls in settings_names or (cls.endswith("Settings") and cls != "BaseSettings"):
                return cls
            return None

        instances: list[tuple[str, str]] = []
        for name, value, _stmt in self.module_assigns:
            cls = settings_call(value)
            if cls:
                instances.append((name, cls))
        for d in self.defs:
            if d.kind != "function":
                continue
            body = d.node.child_by_field_name("body")
            for stmt in body.named_children if body is not None else ():
                if stmt.type == "return_statement" and stmt.named_child_count:
                    cls = settings_call(stmt.named_child(0))
                    if cls:
                        instances.append((f"{d.name}()", cls))
                        break
        return classes, instances

    def _settings_class(self, d: TopDef, node: Node) -> PySettingsClass:
        fields: list[PySettingField] = []
        targets: set[int] = set()  # where the fields are declared: not reads
        env_prefix = ""
        body = node.child_by_field_name("body")
        for stmt in body.named_children if body is not None else ():
            if stmt.type == "class_definition" and self.text(stmt.child_by_field_name("name")) == "Config":
                inner = stmt.child_by_field_name("body")
                for s in inner.named_children if inner is not None else ():
                    a = s.named_child(0) if s.type == "expression_statement" and s.named_child_count else None
                    if a is None or a.type != "assignment":
                        continue
                    if self.text(a.child_by_field_name("left")) == "env_prefix":
                        env_prefix = string_value(a.child_by_field_name("right")) or env_prefix
                continue
            if stmt.type != "expression_statement" or not stmt.named_child_count:
                continue
            a = stmt.named_child(0)
            if a.type != "assignment":
                continue
            left = a.child_by_field_name("left")
            if left is None or left.type != "identifier":
                continue
            name = self.text(left)
            right = a.child_by_field_name("right")
            if name == "model_config":
                env_prefix = self._config_env_prefix(right) or env_prefix
                continue
            type_node = a.child_by_field_name("type")
            if type_node is None:
                continue
            annotation = self.text(type_node)
            if annotation.startswith(("ClassVar", "typing.ClassVar")):
                continue
            default, env = self._field_default(right)
            fields.append(
                PySettingField(
                    name, default, stmt.start_point[0] + 1, (stmt.start_byte, stmt.end_byte), annotation, env
                )
            )
            targets.add(left.start_byte)
        if body is not None:
            self.settings_bodies.append((d.name, body, frozenset(f.name for f in fields), frozenset(targets)))
        return PySettingsClass(d.name, d.line, tuple(fields), env_prefix)

    def _config_env_prefix(self, value: Node | None) -> str | None:
        value = unparen(value)
        if value is None:
            return None
        if value.type == "call":
            return string_value(read_args(value.child_by_field_name("arguments")).keywords.get("env_prefix"))
        if value.type == "dictionary":
            for pair in value.named_children:
                if pair.type == "pair" and string_value(pair.child_by_field_name("key")) == "env_prefix":
                    return string_value(pair.child_by_field_name("value"))
        return None

    def _field_default(self, right: Node | None):
        env = None
        expr = right
        is_field = (
            right is not None
            and right.type == "call"
            and last_part(self.text(right.child_by_field_name("function"))) == "Field"
        )
        if is_field:
            args = read_args(right.child_by_field_name("arguments"))
            expr = arg(args, 0, "default")
            for key in ("validation_alias", "alias", "env"):
                alias = args.keywords.get(key)
                if alias is None:
                    continue
                env = string_value(alias)
                if env is None and alias.type == "call":  # AliasChoices("A", "B"): the first
                    choices = read_args(alias.child_by_field_name("arguments")).positional
                    env = next((string_value(a) for a in choices if string_value(a) is not None), None)
                if env is not None:
                    break
        if expr is None or expr.type == "ellipsis":
            return None, env
        value = literal_value(expr)
        if value is not NO_VALUE:
            return value, env
        if is_stringish(expr):
            return template_of(expr), env
        return Template((Sub(self.text(expr)),)), env

    def _collect_settings_roots(self, raw_imports, instances) -> None:
        """Names that hold a settings object: instances made here, names imported from a
        config/settings module, parameters typed with a settings class."""
        for var, _cls in instances:
            if var.endswith("()"):
                self.settings_fns.add(var[:-2])
            else:
                self.settings_roots.add(var)
        for imp in raw_imports:
            tail = imp.module.rsplit(".", 1)[-1].lstrip(".")
            from_settings_module = tail in SETTINGS_MODULE_TAIL or tail.endswith(("_config", "_settings"))
            if not imp.names:
                if imp.alias and from_settings_module:
                    self.settings_roots.add(imp.alias)
                continue
            for entry in imp.names:
                orig, _, local = entry.partition(" as ")
                local = local or orig
                if orig != "*" and (from_settings_module or SETTINGS_WORD.search(orig)):
                    self.settings_roots.add(local)  # settings.X
                    self.settings_fns.add(local)  # get_settings().X, Settings().X
        settings_types = {c for _v, c in instances}
        for idx, caps in self.settings_matches:
            if idx == PARAM_TYPED:  # def f(cfg: Settings), s: Annotated[Settings, Depends(...)]
                words = re.findall(r"\w+", self.text(caps["type"][0]))
                if any(w in settings_types or SETTINGS_WORD.search(w) for w in words):
                    self.settings_roots.add(self.text(caps["param"][0]))
            elif idx == PARAM_DEPENDS:  # def f(s=Depends(get_settings))
                provider = last_part(self.text(caps["provider"][0]))
                if provider in self.settings_fns or SETTINGS_WORD.search(provider):
                    self.settings_roots.add(self.text(caps["param"][0]))
            elif idx == ASSIGNED:  # cfg = get_settings() (the query matched a settings-like callee)
                self.settings_roots.add(self.text(caps["var"][0]))

    def _is_settings_name(self, name: str) -> bool:
        return name in self.settings_roots or bool(SETTINGS_WORD.search(name))

    def _settings_receiver(self, node: Node) -> bool:
        """Whether ``node`` (the object of an attribute) is a settings object."""
        t = node.type
        if t == "identifier":
            return self._is_settings_name(self.text(node))
        if t == "attribute":
            attr = self.text(node.child_by_field_name("attribute"))
            return attr in ("settings", "config") or attr.endswith(("_settings", "_config"))
        if t == "call":
            fn = last_part(self.text(node.child_by_field_name("function")))
            return fn in self.settings_fns or bool(SETTINGS_WORD.search(fn))
        return False

    def _setting_reads(self, refs: list[tuple[int, str]]) -> list[tuple[int, PyRead]]:
        out = []
        lines = self.lines
        data = self.data
        verdicts: dict[str, bool] = {}
        for pos, recv in refs:  # settings.X, cfg.X: a settings name followed by `.X`
            ok = verdicts.get(recv)
            if ok is None:
                ok = verdicts[recv] = self._is_settings_name(recv)
            if not ok:
                continue
            m = ATTRIBUTE_AFTER.match(data, pos + len(recv.encode()))
            if m is None or (pos, m.end()) in self.stores:
                continue
            conditions, function = self._where(pos)
            name = m.group(1).decode()
            out.append((pos, PyRead(name, "setting", lines.line(pos), conditions, function)))
        for idx, caps in self.settings_matches:
            if idx == READ_BY_ATTRIBUTE:  # self.settings.X, config.settings.X (query filtered)
                ok, node, name = True, caps["read"][0], self.text(caps["name"][0])
            elif idx == READ_BY_CALL:  # get_settings().X
                fn = self.text(caps["recv"][0])
                ok = fn in self.settings_fns or bool(SETTINGS_WORD.search(fn))
                node, name = caps["callread"][0], self.text(caps["name"][0])
            elif idx == READ_BY_GETATTR:  # getattr(settings, "X")
                ok = self._is_settings_name(self.text(caps["recv"][0]))
                node, name = caps["getattr"][0], string_value(caps["name"][0]) or ""
            else:
                continue
            if not ok or not name or (node.start_byte, node.end_byte) in self.stores:
                continue
            conditions, function = self._where(node.start_byte)
            line = lines.line(node.start_byte)
            out.append((node.start_byte, PyRead(name, "setting", line, conditions, function)))
        return out

    def _settings_self_reads(self, refs: list[tuple[int, str]]) -> list[tuple[int, PyRead]]:
        """Fields a settings class reads itself: ``self.X`` in properties and validators,
        ``f"{X}"`` in other defaults, ``values["X"]`` / ``@field_validator("X")``. Deleting such
        a field breaks its class, so they count as reads."""
        out: list[tuple[int, PyRead]] = []
        if not self.settings_bodies:
            return out
        positions = [p for p, _ in refs]
        lines = self.lines

        def add(pos: int, name: str, cls: str) -> None:
            conditions = self.regions.at(pos)
            out.append((pos, PyRead(name, "setting", lines.line(pos), conditions, cls)))

        for cls, body, fields, targets in self.settings_bodies:
            for i in range(bisect_left(positions, body.start_byte), bisect_left(positions, body.end_byte)):
                pos, name = refs[i]
                if name in fields and pos not in targets:
                    add(pos, name, cls)
            for idx, caps in parsing.matches(GRAMMAR, "settings_class", body):
                node = caps["read"][0]
                if idx == 0:
                    name = self.text(caps["name"][0])
                else:
                    name = string_value(caps["key"][0]) or ""
                    if name not in fields:
                        continue
                if (node.start_byte, node.end_byte) not in self.stores:
                    add(node.start_byte, name, cls)
        return out
