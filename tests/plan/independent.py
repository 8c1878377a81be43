"""An independent reference checker for the plan tests: it shares no code with deadcode's
resolvers or facts. Python through ``ast`` with a few import roots; TS/TSX through regular
expressions, relative specifiers, one ``@/`` alias and index/extension probing.

``broken(root)`` lists every reference of the repository that names nothing: a module or file
that does not exist, or a name the target does not define/export."""

from __future__ import annotations

import ast
import re
from pathlib import Path

TS_EXTS = (".ts", ".tsx", ".js", ".jsx")
SKIP = {"node_modules", ".git", ".deadcode-cache"}


def _files(root: Path):
    for p in sorted(root.rglob("*")):
        if p.is_file() and not set(p.relative_to(root).parts) & SKIP:
            yield p.relative_to(root).as_posix()


# ---------------------------------------------------------------------------------- Python


def _py_module_file(root: Path, roots: list[str], dotted: str) -> Path | None:
    parts = dotted.split(".")
    for r in roots:
        base = root.joinpath(r, *parts) if r else root.joinpath(*parts)
        if (base / "__init__.py").is_file():
            return base / "__init__.py"
        if base.with_suffix(".py").is_file():
            return base.with_suffix(".py")
    return None


def _py_internal(root: Path, roots: list[str], dotted: str) -> bool:
    head = dotted.split(".")[0]
    return _py_module_file(root, roots, head) is not None


def _py_names(path: Path) -> set[str] | None:
    """Top-level names; None when anything may exist (a star import, ``__getattr__``)."""
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node in tree.body:
            names.add(node.name)
            if node.name == "__getattr__":
                return None
    for stmt in tree.body:
        for node in ast.walk(stmt):
            if (
                isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda))
                and node is not stmt
            ):
                continue
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.alias):
                if node.name == "*":
                    return None
                names.add(node.asname or node.name.split(".")[0])
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
    return names


def _py_dotted(rel: str, roots: list[str]) -> str:
    for r in sorted(roots, key=len, reverse=True):
        prefix = f"{r}/" if r else ""
        if rel.startswith(prefix):
            mod = rel[len(prefix) : -3].replace("/", ".")
            return mod.removesuffix(".__init__")
    return rel[:-3].replace("/", ".")


def python_broken(root: Path, roots: list[str]) -> list[str]:
    out = []
    names_of: dict[Path, set[str] | None] = {}
    for rel in _files(root):
        if not rel.endswith(".py"):
            continue
        path = root / rel
        try:
            tree = ast.parse(path.read_text())
            compile(tree, rel, "exec")
        except SyntaxError as exc:
            out.append(f"{rel}: does not compile ({exc.msg})")
            continue
        me = _py_dotted(rel, roots)
        package = me if rel.endswith("__init__.py") else me.rpartition(".")[0]
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    if _py_internal(root, roots, a.name) and _py_module_file(root, roots, a.name) is None:
                        out.append(f"{rel}:{node.lineno} import {a.name}")
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".") if package else []
                    base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                if not _py_internal(root, roots, module):
                    continue
                mfile = _py_module_file(root, roots, module)
                if mfile is None:
                    out.append(f"{rel}:{node.lineno} from {module} import ...")
                    continue
                if mfile not in names_of:
                    names_of[mfile] = _py_names(mfile)
                names = names_of[mfile]
                for a in node.names:
                    if a.name == "*" or _py_module_file(root, roots, f"{module}.{a.name}") is not None:
                        continue
                    if names is not None and a.name not in names:
                        out.append(f"{rel}:{node.lineno} from {module} import {a.name}")
    return out


# ---------------------------------------------------------------------------------- TypeScript

_IMPORT = re.compile(
    r"""(?:^|[;\n])\s*(?:import|export)\s+(?P<what>[^'";]*?)\s*from\s*['"](?P<spec>[^'"]+)['"]""", re.DOTALL
)
_BARE_IMPORT = re.compile(r"""(?:^|\n)\s*import\s*['"](?P<spec>[^'"]+)['"]""")
_DYNAMIC = re.compile(r"""\b(?:import|require)\(\s*['"](?P<spec>[^'"]+)['"]\s*\)""")
_EXPORT_DECL = re.compile(
    r"\bexport\s+(?:declare\s+)?(?:async\s+)?(?:const|let|var|function\*?|class|enum|type|interface|abstract\s+class)\s+([A-Za-z_$][\w$]*)"
)
_EXPORT_LIST = re.compile(r"\bexport\s*(?:type\s*)?\{([^}]*)\}(?!\s*from)")
_EXPORT_DEFAULT = re.compile(r"\bexport\s+default\b")


def _strip_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.DOTALL)
    return re.sub(r"(?m)(^|[^:\"'])//.*$", r"\1", text)


def _ts_resolve(root: Path, importer: str, spec: str, alias_dirs: dict[str, str]) -> str | None | bool:
    """A repository file, None when it names nothing, False for a package (not checked)."""
    if spec.startswith("."):
        base = (Path(importer).parent / spec).as_posix()
    else:
        for prefix, target in alias_dirs.items():
            if spec.startswith(prefix):
                base = target + spec[len(prefix) :]
                break
        else:
            return False
    parts = []
    for seg in base.split("/"):
        if seg == "..":
            if parts:
                parts.pop()
        elif seg not in (".", ""):
            parts.append(seg)
    base = "/".join(parts)
    cands = [base] + [base + e for e in TS_EXTS] + [f"{base}/index{e}" for e in TS_EXTS]
    for c in cands:
        if (root / c).is_file():
            return c
    return None


def _ts_exports(root: Path, rel: str, alias_dirs, seen=None, memo=None) -> set[str] | None:
    if memo is not None and rel in memo:
        return memo[rel]
    if memo is not None:
        memo[rel] = None  # a cycle reads as "anything"
        out = _ts_exports(root, rel, alias_dirs, seen, None)
        memo[rel] = out
        return out
    seen = seen or set()
    if rel in seen or not rel.endswith(TS_EXTS):
        return None
    seen.add(rel)
    text = _strip_comments((root / rel).read_text())
    names = set(_EXPORT_DECL.findall(text))
    if _EXPORT_DEFAULT.search(text):
        names.add("default")
    for body in _EXPORT_LIST.findall(text):
        for item in body.split(","):
            item = item.strip()
            if item:
                names.add(item.split(" as ")[-1].strip())
    for m in _IMPORT.finditer(text):
        head = text[m.start() : m.end()].lstrip("\n;").lstrip()
        if not head.startswith("export"):
            continue
        what = m.group("what").strip()
        if what.startswith("*") and " as " not in what:
            target = _ts_resolve(root, rel, m.group("spec"), alias_dirs)
            if target is False:
                return None
            if target:
                sub = _ts_exports(root, target, alias_dirs, seen)
                if sub is None:
                    return None
                names |= sub - {"default"}
        elif what.startswith("*"):
            names.add(what.split(" as ")[-1].strip())
        else:
            for item in what.strip("{} \n").split(","):
                item = item.strip()
                if item:
                    names.add(item.split(" as ")[-1].strip())
    return names


def ts_broken(root: Path, alias_dirs: dict[str, str]) -> list[str]:
    out = []
    memo: dict[str, set[str] | None] = {}
    for rel in _files(root):
        if not rel.endswith(TS_EXTS):
            continue
        text = _strip_comments((root / rel).read_text())
        for m in (
            list(_IMPORT.finditer(text)) + list(_BARE_IMPORT.finditer(text)) + list(_DYNAMIC.finditer(text))
        ):
            spec = m.group("spec")
            target = _ts_resolve(root, rel, spec, alias_dirs)
            line = text.count("\n", 0, m.start("spec")) + 1
            if target is None:
                out.append(f"{rel}:{line} {spec}")
                continue
            if target is False or "what" not in m.groupdict() or m.re is not _IMPORT:
                continue
            what = m.group("what").strip()
            what = what.removeprefix("type ")
            wanted = []
            braces = re.search(r"\{([^}]*)\}", what)
            if braces:
                for item in braces.group(1).split(","):
                    item = item.strip()
                    item = item.removeprefix("type ")
                    if item:
                        wanted.append(item.split(" as ")[0].strip())
            default = what.split(",")[0].strip()
            if default and not default.startswith(("{", "*")):
                wanted.append("default")
            if not wanted:
                continue
            names = _ts_exports(root, target, alias_dirs, None, memo)
            if names is None:
                continue
            for w in wanted:
                if w not in names:
                    out.append(f"{rel}:{line} {{{w}}} from {spec}")
    return out


def broken(root: Path, python_roots: list[str], alias_dirs: dict[str, str] | None = None) -> list[str]:
    return sorted(python_broken(root, python_roots) + ts_broken(root, alias_dirs or {}))
