"""Python code that loads modules without an import statement.

- plugin scans: ``pkgutil.iter_modules(plugins.__path__)`` / ``walk_packages`` (every module of
  that package), ``os.listdir`` / ``scandir`` / ``Path.iterdir`` / ``glob`` over a folder derived
  from ``__file__`` in a function that also imports dynamically (every module under that folder);
- name patterns: ``importlib.import_module(f"app.plugins.{name}")`` / ``__import__("app." + x)``
  (every module under ``app.plugins``);
- unknowable: ``import_module(name)`` with nothing to tell the place: counted and warned, never
  assumed to load nothing silently.
Literal ``import_module("a.b")`` calls are ordinary imports (facts/python.py)."""

from __future__ import annotations

import re
from pathlib import Path

from deadcode.facts import parsing
from deadcode.facts.model import ModuleLoad
from deadcode.idioms.base import Idiom

QUERY = (Path(__file__).with_suffix(".scm")).read_text(encoding="utf-8")
IMPORTERS = re.compile(r"(^|\.)(import_module|__import__|spec_from_file_location|load_source|run_path)$")
SCANNERS = re.compile(r"(^|\.)(iter_modules|walk_packages)$")
LISTERS = re.compile(r"(^|\.)(listdir|scandir|iterdir|glob|rglob|walk)$")
CALL_WORDS = (b"import_module", b"__import__", b"iter_modules", b"walk_packages", b"spec_from_file_location",
              b"load_source", b"run_path")
STRING = re.compile(r"""^[rbuRBU]*(['"])(.*)\1$""", re.S)


def _enclosing_function(node) -> str | None:
    top = None
    n = node.parent
    while n is not None:
        if n.type == "function_definition":
            name = n.child_by_field_name("name")
            top = parsing.text(name) if name is not None else top
        n = n.parent
    return top


def _scope(node):
    """The innermost function (or the module) a call sits in: loads pair up inside one scope."""
    n = node.parent
    while n is not None and n.type not in ("function_definition", "module"):
        n = n.parent
    return n


def _first_arg(args):
    for c in args.named_children:
        if c.type != "comment":
            return c
    return None


def _name_prefix(arg) -> str | None:
    """The literal text before the first substitution of ``f"a.b.{x}"`` / ``"a.b." + x``; None
    when the argument starts with something unknown."""
    if arg is None:
        return None
    if arg.type == "string":
        raw = parsing.text(arg)
        is_f = raw[:2].lower().startswith("f") or raw[:1] in "fF"
        m = STRING.match(raw.lstrip("fFrRbBuU") if is_f else raw)
        body = m.group(2) if m else ""
        if is_f:
            return body.split("{", 1)[0]
        return None  # a plain literal is an ordinary import
    if arg.type == "binary_operator":
        left = arg.child_by_field_name("left")
        if left is not None and left.type == "string" and parsing.text(left)[:1] not in "fF":
            m = STRING.match(parsing.text(left))
            return m.group(2) if m else None
    return None


def _folder_of(args_text: str) -> str | None:
    """``os.path.join(os.path.dirname(__file__), "plugins")`` -> ``plugins``; ``Path(__file__).parent``
    -> ``.``; None when the place is not derived from the file's own location."""
    if "__file__" not in args_text and "__path__" not in args_text:
        return None
    parts = re.findall(r"""["']([\w./-]+)["']""", args_text)
    parts = [p for p in parts if "*" not in p and not p.endswith((".py", ".json", ".yaml", ".yml"))]
    up = args_text.count(".parent") + args_text.count("dirname(") - 1
    prefix = "/".join([".."] * max(up, 0))
    return "/".join(x for x in [prefix, *parts] if x) or "."


class PythonLoads(Idiom):
    name = "python-dynamic-loads"
    summary = "plugin scans (`pkgutil.iter_modules`, `os.listdir` beside `__file__`) and `import_module(f\"pkg.{x}\")` keep what they can load"
    langs = ("python",)

    def extract(self, path, lang, data, root):
        if not any(word in data for word in CALL_WORDS):
            return ()  # most files: no call that loads by name, no need to walk the tree
        query = parsing.compile_query("python", QUERY)
        calls = []
        for _, caps in parsing.QueryCursor(query).matches(root):
            fn, args, call = caps["fn"][0], caps["args"][0], caps["call"][0]
            name = parsing.text(fn)
            if IMPORTERS.search(name) or SCANNERS.search(name) or LISTERS.search(name):
                calls.append((name, args, call))
        if not calls:
            return ()
        out: list[ModuleLoad] = []
        importing_scopes = {_scope(c).id for n, _a, c in calls if IMPORTERS.search(n)}
        for name, args, call in calls:
            line, func = parsing.line(call), _enclosing_function(call)
            text = parsing.text(call)[:200]
            if SCANNERS.search(name):
                arg = parsing.text(_first_arg(args))
                m = re.match(r"^\[?\s*([A-Za-z_][\w.]*)\.__path__\s*\]?$", arg)
                if m:
                    out.append(ModuleLoad("package", m.group(1), line, self.name, func, text))
                elif arg.strip("[] ") == "__path__" or "__file__" in arg:
                    out.append(ModuleLoad("folder", _folder_of(arg) or ".", line, self.name, func, text))
                else:
                    out.append(ModuleLoad("unknown", arg or "?", line, self.name, func, text))
            elif LISTERS.search(name):
                if _scope(call).id not in importing_scopes:
                    continue  # listing a data folder, not loading code
                folder = _folder_of(parsing.text(call))
                if folder is not None:
                    out.append(ModuleLoad("folder", folder, line, self.name, func, text))
            else:
                arg = _first_arg(args)
                if arg is not None and arg.type == "string" and parsing.text(arg)[:1] not in "fF":
                    continue  # a literal: an ordinary import
                prefix = _name_prefix(arg)
                if prefix and "." in prefix.strip("."):
                    out.append(ModuleLoad("prefix", prefix, line, self.name, func, text))
                elif not any(SCANNERS.search(n) or LISTERS.search(n) for n, _a, c in calls if _scope(c).id == _scope(call).id):
                    out.append(ModuleLoad("unknown", parsing.text(arg) if arg is not None else "?", line, self.name, func, text))
        return tuple(out)


IDIOM = PythonLoads()
