"""Python code that loads modules without an import statement.

- plugin scans: ``pkgutil.iter_modules(plugins.__path__)`` / ``walk_packages`` (every module of
  that package), ``os.listdir`` / ``scandir`` / ``Path.iterdir`` / ``glob`` over a folder derived
  from ``__file__`` in a function that also imports dynamically (every module under that folder),
  or at the top of a module that builds ``__all__`` at run time (a star import of the package
  imports what the listing finds);
- name patterns: ``importlib.import_module(f"app.plugins.{name}")`` / ``__import__("app." + x)``
  (every module under ``app.plugins``);
- lazy modules (PEP 562): a module-level ``__getattr__`` beside a table of module names
  (``_LAZY = {"Client": ".client"}``, ``{"models.bert": ["BertModel"]}``): every module the table
  names; ``import_module(f".{name}", __name__)``: every module of the file's package;
- unknowable: ``import_module(name)`` / ``iter_modules(path)`` with nothing to tell the place:
  the graph loads the modules of the packages the file names in strings
  (``DEFAULT_PACKAGE = "app.migrations"``) or imports from its own folder; with none, it counts
  and warns, never assuming the load loads nothing.
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
CALL_WORDS = (
    b"import_module",
    b"__import__",
    b"iter_modules",
    b"walk_packages",
    b"spec_from_file_location",
    b"load_source",
    b"run_path",
)
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


MODULE_REF = re.compile(r"^(\.+[A-Za-z_][\w]*(\.[A-Za-z_]\w*)*|[A-Za-z_]\w*(\.[A-Za-z_]\w*)+)$")


def _literal(node) -> str | None:
    if node is None or node.type != "string" or parsing.text(node)[:1] in "fFbB":
        return None
    m = STRING.match(parsing.text(node))
    return m.group(2) if m else None


def _lazy_table(root, idiom: str) -> list[ModuleLoad]:
    """Module names in the module-level dict tables of a module with a ``__getattr__``."""
    top = [c for c in root.children]
    if not any(
        c.type == "function_definition" and parsing.text(c.child_by_field_name("name")) == "__getattr__"
        for c in top
    ):
        return []
    out: list[ModuleLoad] = []
    for stmt in top:
        node = stmt.named_children[0] if stmt.type == "expression_statement" and stmt.named_children else None
        if node is None or node.type != "assignment":
            continue
        value = node.child_by_field_name("right")
        if value is None or value.type != "dictionary":
            continue
        for pair in value.named_children:
            if pair.type != "pair":
                continue
            key, val = pair.child_by_field_name("key"), pair.child_by_field_name("value")
            refs = []
            if val is not None and val.type in ("tuple", "list"):
                items = [c for c in val.named_children if c.type != "comment"]
                first = _literal(items[0]) if items else None
                if first and MODULE_REF.match(first):  # "Name": ("pkg.module", "Name")
                    refs.append(first)
                elif items and all(_literal(c) is not None for c in items):  # "models.bert": ["BertModel"]
                    k = _literal(key)
                    if k and re.fullmatch(r"\.?[A-Za-z_][\w.]*", k):
                        refs.append(k if k.startswith(".") else "." + k)
            else:
                v = _literal(val)
                if v and MODULE_REF.match(v):
                    refs.append(v)
            for ref in refs:
                out.append(
                    ModuleLoad(
                        "module",
                        ref,
                        parsing.line(pair),
                        idiom,
                        None,
                        f"lazy module table: {parsing.text(pair)[:120]}",
                    )
                )
    return out


def _computed_all(root) -> bool:
    """Whether the module assigns ``__all__`` at its top level something other than a literal
    list or tuple (its names are known only when it runs)."""
    for stmt in root.children:
        node = stmt.named_children[0] if stmt.type == "expression_statement" and stmt.named_children else None
        if node is None or node.type not in ("assignment", "augmented_assignment"):
            continue
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is None or parsing.text(left) != "__all__" or right is None:
            continue
        items = [c for c in right.named_children if c.type != "comment"]
        if right.type not in ("list", "tuple") or any(c.type != "string" for c in items):
            return True
    return False


class PythonLoads(Idiom):
    name = "python-dynamic-loads"
    summary = (
        'plugin scans (`pkgutil.iter_modules`, `os.listdir` beside `__file__`), `import_module(f"pkg.{x}")`, PEP 562 '
        "lazy-module tables and an `__all__` built from a listing of its own folder keep what they can load; "
        "a load by a computed name or path keeps the modules of the packages its file names in strings (dotted, or a folder by path) or imports from its own folder"
    )
    langs = ("python",)

    def extract(self, path, lang, data, root):
        may_build_all = b"__all__" in data and b"__file__" in data
        if not may_build_all and not any(word in data for word in CALL_WORDS):
            return ()  # most files: no call that loads by name, no need to walk the tree
        query = parsing.compile_query("python", QUERY)
        calls = []
        for _, caps in parsing.QueryCursor(query).matches(root):
            fn, args, call = caps["fn"][0], caps["args"][0], caps["call"][0]
            name = parsing.text(fn)
            if IMPORTERS.search(name) or SCANNERS.search(name) or LISTERS.search(name):
                calls.append((name, args, call))
        lazy = _lazy_table(root, self.name)
        if not calls:
            return tuple(lazy)
        out: list[ModuleLoad] = list(lazy)
        importing_scopes = {_scope(c).id for n, _a, c in calls if IMPORTERS.search(n)}
        if may_build_all and _computed_all(root):
            # ``__all__ = [f.stem for f in Path(__file__).parent.glob("*.py")]``: a star import
            # of the package imports every module the listing finds
            importing_scopes.add(root.id)
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
                relative = any(
                    parsing.text(c) in ("__name__", "__package__") for c in args.named_children[1:]
                )
                if prefix and "." in prefix.strip("."):
                    out.append(ModuleLoad("prefix", prefix, line, self.name, func, text))
                elif prefix == "." and relative:  # import_module(f".{name}", __name__): its own package
                    out.append(ModuleLoad("package", ".", line, self.name, func, text))
                elif lazy and func == "__getattr__":
                    continue  # the lazy table says what it loads
                elif not any(
                    SCANNERS.search(n) or LISTERS.search(n)
                    for n, _a, c in calls
                    if _scope(c).id == _scope(call).id
                ):
                    out.append(
                        ModuleLoad(
                            "unknown",
                            parsing.text(arg) if arg is not None else "?",
                            line,
                            self.name,
                            func,
                            text,
                        )
                    )
        return tuple(out)


IDIOM = PythonLoads()
