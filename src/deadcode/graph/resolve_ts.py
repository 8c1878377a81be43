"""TypeScript/JavaScript module resolution over the set of analysed files.

Pure: the repository is the set ``files`` (repo-relative POSIX paths) plus ``read_text(path)`` for
tsconfig/jsconfig/package.json contents. Follows what TypeScript (``moduleResolution: bundler``)
and Vite agree on: relative specifiers with extension and index probing, the TS ESM convention
(``./x.js`` names ``x.ts``), tsconfig ``baseUrl``/``paths`` (with ``extends`` and solution-style
``references``), package.json ``imports`` (``#x``) and workspace packages. A bare specifier that
matches none of these is an ``External`` package; a local-looking one that misses is ``None``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

# Probe order for a specifier without a known extension. Declarations come last: a .d.ts next to
# a .js describes it, and alone it has no runtime code.
PROBE_EXTS = (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", ".d.ts")
# TS ESM convention: the specifier names the emitted file, the repository holds the source.
JS_TO_TS = {
    ".js": (".ts", ".tsx", ".d.ts"),
    ".jsx": (".tsx", ".ts"),
    ".mjs": (".mts", ".d.mts"),
    ".cjs": (".cts", ".d.cts"),
}
# Conditions of package.json exports/imports, best first for a production browser bundle; other
# conditions are taken after these, in the order the object lists them.
CONDITIONS = ("import", "browser", "module", "production", "default", "types", "node", "require")
# Build output folders named by package.json main/exports; their sources are usually under src/.
BUILD_DIRS = frozenset({"dist", "build", "lib", "out", "esm", "cjs", "es"})
_EMITTED_EXTS = (".d.ts", ".d.mts", ".d.cts", ".js", ".mjs", ".cjs", ".jsx")
# Entry fields of a package.json without exports, in order.
ENTRY_FIELDS = ("module", "main", "source", "types", "typings")

_CONFIG_NAME = re.compile(r"^(tsconfig|jsconfig)(\.[^/]*)?\.json$")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
_VITE_CONFIG = re.compile(r"^vite\.config\.[cm]?[jt]s$")
_ALIAS_START = re.compile(r"\balias\s*:\s*([\[{])")
_QUOTED = r"""(?:"([^"]*)"|'([^']*)'|`([^`$]*)`)"""
_ALIAS_KEY = re.compile(rf"""^\s*(?:{_QUOTED}|([A-Za-z_$][\w$]*))\s*:\s*""")
_PKG_PART = re.compile(r"^[A-Za-z0-9\-~][A-Za-z0-9\-._~]*$")


@dataclass(frozen=True)
class External:
    """A bare specifier naming a package outside the repository (``react``, ``node:fs``)."""

    package: str


# ------------------------------------------------------------------------------------ helpers


def _parent(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


def _basename(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def join_path(base: str, rel: str) -> str | None:
    """``base`` folder + relative ``rel``, normalised; None when it climbs above the repository."""
    parts = base.split("/") if base else []
    for seg in rel.split("/"):
        if seg in ("", "."):
            continue
        if seg == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(seg)
    return "/".join(parts)


def parse_jsonc(text: str) -> Any:
    """JSON with ``//`` and ``/* */`` comments and trailing commas (tsconfig style); None when
    it still is not JSON."""
    if text.startswith("\ufeff"):
        text = text[1:]
    # One pass: strings copied whole, comments dropped, and a comma dropped when the next
    # significant character closes an object or array (a trailing comma).
    out: list[str] = []
    pending: int | None = None  # index in ``out`` of a comma that may be trailing
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i : j + 1])
            i = j + 1
            pending = None
        elif c == "/" and text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif c == "/" and text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
            out.append(" ")
        else:
            if c in "}]" and pending is not None:
                out[pending] = ""
            if c == ",":
                pending = len(out)
            elif c not in " \t\r\n":
                pending = None
            out.append(c)
            i += 1
    try:
        return json.loads("".join(out))
    except (ValueError, RecursionError):  # RecursionError: nested thousands deep
        return None


def package_name(specifier: str) -> str:
    """``lodash/get`` -> ``lodash``, ``@tanstack/react-query/devtools`` -> ``@tanstack/react-query``."""
    parts = specifier.split("/")
    if specifier.startswith("@") and len(parts) > 1:
        return "/".join(parts[:2])
    return parts[0]


def _is_package_name(name: str) -> bool:
    if name.startswith("@"):
        scope, _, rest = name[1:].partition("/")
        return bool(_PKG_PART.match(scope)) and bool(_PKG_PART.match(rest))
    return bool(_PKG_PART.match(name)) and not name.startswith("~")


def _glob_regex(pattern: str) -> str:
    """A tsconfig include/exclude entry (already joined to its folder) as a regex; an entry
    without wildcards in its last segment also matches everything under it (a folder)."""
    segs = pattern.split("/") if pattern else []
    out = ""
    for k, seg in enumerate(segs):
        last = k == len(segs) - 1
        if seg == "**":
            out += "(?:[^/]+/)*" if not last else ".*"
            continue
        piece = "".join("[^/]*" if ch == "*" else "[^/]" if ch == "?" else re.escape(ch) for ch in seg)
        out += piece + ("" if last else "/")
    last = segs[-1] if segs else ""
    if not any(ch in last for ch in "*?"):
        out = out + "(?:/.*)?" if out else ".*"
    return out


def _pattern_match(keys: Iterable[str], spec: str) -> tuple[str, str] | None:
    """Best key for ``spec``: an exact key, else the ``*`` pattern with the longest prefix.
    Returns (key, the text ``*`` stands for)."""
    best: tuple[str, str] | None = None
    best_len = -1
    for key in keys:
        if "*" not in key:
            if key == spec:
                return key, ""
            continue
        if key.count("*") != 1:
            continue
        prefix, suffix = key.split("*")
        if len(spec) >= len(prefix) + len(suffix) and spec.startswith(prefix) and spec.endswith(suffix):
            if len(prefix) > best_len:
                best, best_len = (key, spec[len(prefix) : len(spec) - len(suffix)]), len(prefix)
    return best


def _condition_targets(value: Any, star: str) -> list[str]:
    """Target strings of an exports/imports value (string, array, nested conditions), best first."""
    if isinstance(value, str):
        return [value.replace("*", star)]
    if isinstance(value, list):
        return [t for v in value for t in _condition_targets(v, star)]
    if isinstance(value, dict):
        keys = [k for k in CONDITIONS if k in value] + [k for k in value if k not in CONDITIONS]
        return [t for k in keys for t in _condition_targets(value[k], star)]
    return []  # null: the subpath is blocked


def _subpath_targets(mapping: Any, subpath: str) -> list[str]:
    """Targets of ``subpath`` (``.``, ``./x``, ``#x``) in a package.json exports/imports value."""
    if not isinstance(mapping, dict) or not any(isinstance(k, str) and k[:1] in ".#" for k in mapping):
        mapping = {".": mapping}  # sugar: the value of "." alone
    hit = _pattern_match([k for k in mapping if isinstance(k, str)], subpath)
    if hit is not None:
        return _condition_targets(mapping[hit[0]], hit[1])
    for key in sorted((k for k in mapping if isinstance(k, str) and k.endswith("/")), key=len, reverse=True):
        if subpath.startswith(key):  # legacy folder mapping "./": "./src/"
            return [t + subpath[len(key) :] for t in _condition_targets(mapping[key], "")]
    return []


def _skip_string(text: str, i: int) -> int:
    """The index after the string literal starting at ``i``."""
    j = i + 1
    while j < len(text) and text[j] != text[i]:
        j += 2 if text[j] == "\\" else 1
    return j + 1


def _balanced(text: str, start: int) -> str:
    """The text of the bracket at ``start`` up to its match (strings skipped)."""
    pairs = {"{": "}", "[": "]", "(": ")"}
    stack, i = [], start
    while i < len(text):
        c = text[i]
        if c in "\"'`":
            i = _skip_string(text, i)
            continue
        if c in pairs:
            stack.append(pairs[c])
        elif stack and c == stack[-1]:
            stack.pop()
            if not stack:
                return text[start : i + 1]
        i += 1
    return text[start:]


def _top_level_items(body: str) -> list[str]:
    """The comma-separated items of an object or array literal's inside."""
    items, depth, last, i = [], 0, 0, 0
    while i < len(body):
        c = body[i]
        if c in "\"'`":
            i = _skip_string(body, i)
            continue
        if c in "{[(":
            depth += 1
        elif c in "}])":
            depth -= 1
        elif c == "," and depth == 0:
            items.append(body[last:i])
            last = i + 1
        i += 1
    items.append(body[last:])
    return [t.strip() for t in items if t.strip()]


def _key_value(item: str) -> tuple[str, str] | None:
    m = _ALIAS_KEY.match(item)
    if m is None:
        return None
    return next(g for g in m.groups() if g is not None), item[m.end() :]


def _alias_path(value: str, folder: str) -> str | None:
    """A Vite alias replacement as a repo path; None when it is not a plain path (a variable,
    a package in node_modules, a regex)."""
    value = value.strip().rstrip(",").strip()
    strings = [next(g for g in m.groups() if g is not None) for m in re.finditer(_QUOTED, value)]
    if not strings:
        return None
    if value[0] in "\"'`":
        parts = strings[:1]
    elif (
        re.match(r"^(path\.)?(resolve|join)\s*\(\s*(__dirname|process\.cwd\(\))?", value)
        or "new URL(" in value
    ):
        parts = strings  # path.resolve(__dirname, "..", "src"), new URL("./src", import.meta.url)
    else:
        return None
    rel = "/".join(p.strip("/") if k else p.rstrip("/") for k, p in enumerate(parts) if p)
    if "node_modules" in rel.split("/"):
        return None
    return join_path(folder, rel.removeprefix("/"))  # "/src": from the project root, the config's folder


def vite_aliases(text: str, folder: str) -> list[tuple[str, str]]:
    """(key, repo path) pairs of a Vite config's ``resolve.alias`` (object or ``find``/
    ``replacement`` array) whose replacement is a plain path."""
    out: list[tuple[str, str]] = []
    text = re.sub(r"(^|\s)//[^\n]*", r"\1", re.sub(r"/\*.*?\*/", " ", text, flags=re.DOTALL))  # comments
    for m in _ALIAS_START.finditer(text):
        body = _balanced(text, m.start(1))
        pairs: list[tuple[str, str]] = []
        if m.group(1) == "[":  # [{ find: "@", replacement: "..." }]
            for item in _top_level_items(body[1:-1]):
                if item.startswith("{"):
                    fields = dict(kv for kv in map(_key_value, _top_level_items(item.strip("{} \n"))) if kv)
                    find = re.fullmatch(_QUOTED, fields.get("find", "").strip())
                    if find and "replacement" in fields:
                        pairs.append((next(g for g in find.groups() if g is not None), fields["replacement"]))
        else:
            pairs = [kv for kv in map(_key_value, _top_level_items(body[1:-1])) if kv]
        for key, value in pairs:
            target = _alias_path(value, folder)
            if key and target is not None:
                out.append((key, target))
    return out


# ------------------------------------------------------------------------------------ tsconfig


CONFIG_DIR = "${configDir}"  # TS 5.5: the folder of the config that is finally used


def _expand(raw: str, definer: str, leaf: str) -> str | None:
    """A path option of a tsconfig: relative to the config declaring it, or to the leaf config
    for ``${configDir}`` (shared base configs use it)."""
    if raw.startswith(CONFIG_DIR):
        return join_path(leaf, raw[len(CONFIG_DIR) :])
    return join_path(definer, raw)


Located = tuple[str, str]  # (option value as written, folder of the config declaring it)


@dataclass
class TsConfig:
    """The options of one tsconfig/jsconfig after its ``extends`` chain. Path options keep the
    folder of the config that declared them; they are resolved against this config's folder only
    when they use ``${configDir}``."""

    path: str
    base_url: Located | None = None
    paths: dict[str, tuple[str, ...]] = field(default_factory=dict)
    paths_dir: str = ""  # folder of the config that declared ``paths``
    include: tuple[Located, ...] | None = None  # None = TS default (everything below)
    files: tuple[Located, ...] | None = None
    exclude: tuple[Located, ...] = ()
    references: tuple[str, ...] = ()
    out_dir: Located | None = None  # where the compiler emits (``dist``), and from which folder
    root_dir: Located | None = None

    @property
    def folder(self) -> str:
        return _parent(self.path)

    @cached_property
    def base_dir(self) -> str | None:
        """The ``baseUrl`` folder, repo-relative."""
        return None if self.base_url is None else _expand(*self.base_url, self.folder)

    @property
    def has_aliases(self) -> bool:
        return bool(self.paths) or self.base_url is not None

    def path_target(self, target: str) -> str | None:
        """A ``paths`` target (``*`` already substituted) as a repo-relative path: relative to
        ``baseUrl`` when set, else to the config declaring ``paths``."""
        if target.startswith(CONFIG_DIR):
            return _expand(target, "", self.folder)
        base = self.base_dir if self.base_dir is not None else self.paths_dir
        return join_path(base, target)

    def _globs(self, entries: tuple[Located, ...]) -> re.Pattern | None:
        regexes = [_glob_regex(p) for raw, d in entries if (p := _expand(raw, d, self.folder)) is not None]
        return re.compile("|".join(f"(?:{r})" for r in regexes)) if regexes else None

    @cached_property
    def _matchers(self) -> tuple[frozenset[str], re.Pattern | None, re.Pattern | None]:
        listed = frozenset(
            p for raw, d in self.files or () if (p := _expand(raw, d, self.folder)) is not None
        )
        if self.include is not None:
            inc = self._globs(self.include)
        elif self.files is not None:
            inc = None  # only the listed files
        else:
            inc = re.compile(_glob_regex(f"{self.folder}/**/*" if self.folder else "**/*"))
        return listed, inc, self._globs(self.exclude)

    def includes(self, file: str) -> bool:
        """Whether ``file`` belongs to this project (``files`` + ``include`` - ``exclude``)."""
        listed, inc, exc = self._matchers
        if file in listed:
            return True
        if inc is None or not inc.fullmatch(file):
            return False
        return not (exc is not None and exc.fullmatch(file))


class TsResolver:
    """Resolves import specifiers of JS/TS files to repository files, ``External`` or None."""

    def __init__(self, files: Iterable[str], read_text: Callable[[str], str | None]):
        self.files = frozenset(files)
        self._read = read_text
        self.problems: list[str] = []
        self.invalid: dict[str, str] = {}  # config files that could not be parsed: path -> why
        self.dirs: set[str] = {""}
        self._configs_in: dict[str, list[str]] = {}
        self._manifest_dirs: set[str] = set()
        self._vite_configs: dict[str, str] = {}  # folder -> its vite.config.*
        self._vite_aliases: dict[str, list[tuple[str, str]]] = {}
        for p in sorted(self.files):
            d = _parent(p)
            while d not in self.dirs:
                self.dirs.add(d)
                d = _parent(d)
            name = _basename(p)
            if _CONFIG_NAME.match(name):
                self._configs_in.setdefault(_parent(p), []).append(p)
            elif name == "package.json":
                self._manifest_dirs.add(_parent(p))
            elif _VITE_CONFIG.match(name):
                self._vite_configs.setdefault(_parent(p), p)
        self._json: dict[str, Any] = {}
        self._loaded: dict[str, TsConfig] = {}
        self._loading: set[str] = set()
        self._nearest_cfg_dir: dict[str, str | None] = {}
        self._nearest_pkg_dir: dict[str, str | None] = {}
        self._config_of: dict[str, TsConfig | None] = {}
        self._memo: dict[tuple[str, str, str], str | External | None] = {}
        self._entering: set[str] = set()  # package folders whose entry is being resolved
        self.workspace: dict[str, str] = {}  # package name -> its folder
        for d in sorted(self._manifest_dirs, key=lambda x: (x.count("/"), x)):
            manifest = self._manifest(d)
            name = manifest.get("name") if isinstance(manifest, dict) else None
            if isinstance(name, str) and name and name not in self.workspace:
                self.workspace[name] = d

    # -------------------------------------------------------------------------- reading
    def _read_json(self, path: str) -> Any:
        if path not in self._json:
            try:
                text = self._read(path)
            except Exception:  # a reader must not break resolution
                text = None
            data = None
            if text is not None:
                data = parse_jsonc(text)
                if data is None:
                    self.problems.append(f"{path}: not valid JSON, ignored")
                    self.invalid[path] = "not valid JSON"
            self._json[path] = data
        return self._json[path]

    def _manifest(self, folder: str) -> dict:
        data = self._read_json(f"{folder}/package.json" if folder else "package.json")
        return data if isinstance(data, dict) else {}

    # -------------------------------------------------------------------------- tsconfig
    def _extends_paths(self, cfg_dir: str, spec: str) -> list[str]:
        if spec.startswith((".", "/")):
            if spec.startswith("/"):
                return []
            target = join_path(cfg_dir, spec)
            if target is None:
                return []
            return (
                [target]
                if target.endswith(".json")
                else [target, target + ".json", target + "/tsconfig.json"]
            )
        out = []
        name = package_name(spec)
        if name in self.workspace:  # a shared config package of the monorepo: @acme/tsconfig/base.json
            target = join_path(self.workspace[name], spec[len(name) + 1 :])
            if target is not None:
                out += [target] if target.endswith(".json") else [target + ".json", f"{target}/tsconfig.json"]
        d: str | None = cfg_dir
        while d is not None:
            nm = f"{d}/node_modules/{spec}" if d else f"node_modules/{spec}"
            out += [nm] if nm.endswith(".json") else [nm, nm + ".json", nm + "/tsconfig.json"]
            d = _parent(d) if d else None
        return out

    def load_config(self, path: str) -> TsConfig:
        """The tsconfig at ``path`` with its ``extends`` chain applied (memoised)."""
        if path in self._loaded:
            return self._loaded[path]
        cfg = TsConfig(path)
        if path in self._loading:  # extends cycle
            self.problems.append(f"{path}: extends cycle, ignored")
            self.invalid[path] = "extends cycle"
            return cfg
        self._loading.add(path)
        here = _parent(path)
        raw = self._read_json(path)
        raw = raw if isinstance(raw, dict) else {}
        ext = raw.get("extends")
        for spec in [ext] if isinstance(ext, str) else ext if isinstance(ext, list) else []:
            if not isinstance(spec, str):
                continue
            for cand in self._extends_paths(here, spec):
                if isinstance(self._read_json(cand), dict):
                    self._inherit(cfg, self.load_config(cand))
                    break
            else:
                cands = self._extends_paths(here, spec)
                if spec.startswith(".") and not any(c in self.invalid for c in cands):
                    # (a base that is there but invalid is reported, and a blind spot, by itself)
                    self.problems.append(f"{path}: extends {spec} not found, ignored")
                    self.invalid[path] = f"extends {spec} not found"
        opts = raw.get("compilerOptions")
        opts = opts if isinstance(opts, dict) else {}
        if isinstance(opts.get("baseUrl"), str):
            cfg.base_url = (opts["baseUrl"], here)
        for key, attr in (("outDir", "out_dir"), ("rootDir", "root_dir")):
            if isinstance(opts.get(key), str):
                setattr(cfg, attr, (opts[key], here))
        if isinstance(opts.get("paths"), dict):
            cfg.paths = {
                k: tuple(t for t in v if isinstance(t, str))
                for k, v in opts["paths"].items()
                if isinstance(k, str) and isinstance(v, list)
            }
            cfg.paths_dir = here
            if any(cfg.path_target(t.replace("*", "x")) is None for ts in cfg.paths.values() for t in ts):
                # an alias into a folder outside the repository: what it imports is not seen
                self.problems.append(f"{path}: paths point outside the repository")
                self.invalid[path] = "paths point outside the repository"
        for key in ("include", "exclude", "files"):
            value = raw.get(key)
            if isinstance(value, list):
                setattr(cfg, key, tuple((v, here) for v in value if isinstance(v, str)))
        refs = []
        for ref in raw.get("references") or []:
            if isinstance(ref, dict) and isinstance(ref.get("path"), str):
                target = join_path(here, ref["path"])
                if target is not None:
                    refs.append(
                        target
                        if target.endswith(".json")
                        else f"{target}/tsconfig.json"
                        if target
                        else "tsconfig.json"
                    )
        cfg.references = tuple(refs)
        self._loading.discard(path)
        self._loaded[path] = cfg
        return cfg

    @staticmethod
    def _inherit(cfg: TsConfig, parent: TsConfig) -> None:
        """Options of an ``extends`` parent; later parents and the config itself override."""
        if parent.base_url is not None:
            cfg.base_url = parent.base_url
        if parent.paths:
            cfg.paths, cfg.paths_dir = dict(parent.paths), parent.paths_dir
        if parent.include is not None:
            cfg.include = parent.include
        if parent.files is not None:
            cfg.files = parent.files
        if parent.exclude:
            cfg.exclude = parent.exclude
        cfg.out_dir = parent.out_dir or cfg.out_dir
        cfg.root_dir = parent.root_dir or cfg.root_dir

    def _config_dir_for(self, folder: str) -> str | None:
        if folder in self._nearest_cfg_dir:
            return self._nearest_cfg_dir[folder]
        if folder in self._configs_in:
            hit: str | None = folder
        else:
            hit = self._config_dir_for(_parent(folder)) if folder else None
        self._nearest_cfg_dir[folder] = hit
        return hit

    def config_for(self, importer: str) -> TsConfig | None:
        """The tsconfig that compiles ``importer``: the nearest folder holding one; there the
        ``references`` project whose include takes the file, else tsconfig.json/jsconfig.json,
        else the first tsconfig*.json including it."""
        if importer in self._config_of:
            return self._config_of[importer]
        folder = self._config_dir_for(_parent(importer))
        chosen: TsConfig | None = None
        if folder is not None:
            names = self._configs_in[folder]
            prefix = f"{folder}/" if folder else ""
            primary = next(
                (prefix + n for n in ("tsconfig.json", "jsconfig.json") if prefix + n in names), None
            )
            if primary is not None:
                main = self.load_config(primary)
                refs = self._reference_closure(main)
                chosen = next((r for r in refs if r.includes(importer)), None)
                if chosen is None and not main.has_aliases:
                    chosen = next((r for r in refs if r.has_aliases), None)
                chosen = chosen or main
            else:
                cands = [self.load_config(n) for n in sorted(names)]
                chosen = (
                    next((c for c in cands if c.includes(importer)), None)
                    or next((c for c in cands if c.has_aliases), None)
                    or cands[0]
                )
        self._config_of[importer] = chosen
        return chosen

    def _reference_closure(self, cfg: TsConfig) -> list[TsConfig]:
        out: list[TsConfig] = []
        seen = {cfg.path}
        queue = list(cfg.references)
        while queue:
            ref = queue.pop(0)
            if ref in seen or not isinstance(self._read_json(ref), dict):
                continue
            seen.add(ref)
            loaded = self.load_config(ref)
            out.append(loaded)
            queue.extend(loaded.references)
        return out

    # -------------------------------------------------------------------------- files
    def _load(self, target: str, folder_only: bool = False) -> str | None:
        """The file a path names: exact, .js -> .ts, extension probing, then the folder's
        package.json entry or index file."""
        if not folder_only:
            if target in self.files:
                return target
            name = _basename(target)
            dot = name.rfind(".")
            ext = name[dot:] if dot > 0 else ""
            for alt in JS_TO_TS.get(ext, ()):
                if target[: -len(ext)] + alt in self.files:
                    return target[: -len(ext)] + alt
            for e in PROBE_EXTS:
                if target + e in self.files:
                    return target + e
        if target in self.dirs:
            if target in self._manifest_dirs and target not in self._entering:
                entry = self._package_entry(target, "")
                if entry:
                    return entry
            index = f"{target}/index" if target else "index"
            for e in PROBE_EXTS:
                if index + e in self.files:
                    return index + e
        return None

    def _load_package_target(self, pkg_dir: str, target: str) -> str | None:
        path = join_path(pkg_dir, target)
        if path is None:
            return None
        hit = self._load(path)
        if hit:
            return hit
        # main/exports name build output that is not in the repository: try its source.
        if pkg_dir and not path.startswith(pkg_dir + "/"):
            return None
        rel = path[len(pkg_dir) + 1 :] if pkg_dir else path
        if rel.split("/", 1)[0] in BUILD_DIRS:
            return self._from_build_output(path, start=pkg_dir.count("/") + 1 if pkg_dir else 0)
        return None

    def _in_repo_folder(self, path: str) -> bool:
        """Whether the build folder ``path`` goes through is in the repository (a real ``lib/``
        of sources is not build output)."""
        parts = path.split("/")
        for i, seg in enumerate(parts[:-1]):
            if seg in BUILD_DIRS:
                return "/".join(parts[: i + 1]) in self.dirs
        return True

    def _from_build_output(self, path: str, start: int = 0) -> str | None:
        """The source of a path into build output (``pkg/dist/x/y.js``, emitted, not committed):
        the package tsconfig's ``rootDir`` when its ``outDir`` is that folder, else ``src/``,
        else the folder holding the build folder (a package compiling its own root)."""
        parts = path.split("/")
        for i in range(start, len(parts) - 1):
            if parts[i] not in BUILD_DIRS:
                continue
            base, build = "/".join(parts[:i]), "/".join(parts[: i + 1])
            rest = parts[i + 1 :]
            if len(rest) > 1 and rest[0] in BUILD_DIRS | {"types"}:
                rest = rest[1:]  # dist/esm/x.js, dist/types/x.d.ts
            roots = []
            cfg = self.config_for(f"{base}/__deadcode__.ts" if base else "__deadcode__.ts")
            if cfg is not None and cfg.out_dir is not None and _expand(*cfg.out_dir, cfg.folder) == build:
                root = _expand(*cfg.root_dir, cfg.folder) if cfg.root_dir is not None else None
                if root is not None:
                    roots.append(root)
            roots += [join_path(base, "src"), base]
            for root in dict.fromkeys(r for r in roots if r is not None):
                src = "/".join([root] + rest) if root else "/".join(rest)
                # the emitted extension says nothing about the source's: probe from the stem
                for emitted in _EMITTED_EXTS:
                    if src.endswith(emitted):
                        src = src[: -len(emitted)]
                        break
                hit = self._load(src)
                if hit:
                    return hit
            return None
        return None

    def _package_entry(self, pkg_dir: str, subpath: str) -> str | None:
        """A workspace package's file for ``subpath`` ("" = the package itself)."""
        self._entering.add(pkg_dir)
        try:
            return self._package_entry_inner(pkg_dir, subpath)
        finally:
            self._entering.discard(pkg_dir)

    def _package_entry_inner(self, pkg_dir: str, subpath: str) -> str | None:
        manifest = self._manifest(pkg_dir)
        exports = manifest.get("exports")
        if exports is not None:
            for t in _subpath_targets(exports, f"./{subpath}" if subpath else "."):
                hit = self._load_package_target(pkg_dir, t)
                if hit:
                    return hit
        if subpath:
            for base in ("", "src/"):
                path = join_path(pkg_dir, base + subpath)
                if path is not None and (not pkg_dir or path.startswith(pkg_dir + "/")):
                    hit = self._load(path)
                    if hit:
                        return hit
            return None
        for key in ENTRY_FIELDS:
            if isinstance(manifest.get(key), str):
                hit = self._load_package_target(pkg_dir, manifest[key])
                if hit:
                    return hit
        for stem in ("src/index", "index"):
            path = f"{pkg_dir}/{stem}" if pkg_dir else stem
            for e in PROBE_EXTS:
                if path + e in self.files:
                    return path + e
        return None

    def _pkg_dir_for(self, folder: str) -> str | None:
        if folder in self._nearest_pkg_dir:
            return self._nearest_pkg_dir[folder]
        if folder in self._manifest_dirs:
            hit: str | None = folder
        else:
            hit = self._pkg_dir_for(_parent(folder)) if folder else None
        self._nearest_pkg_dir[folder] = hit
        return hit

    # -------------------------------------------------------------------------- overlays
    @cached_property
    def _overlay_configs(self) -> list[TsConfig]:
        """Configs whose ``paths`` give one alias several folders (``"@/oss/*": ["./src/*",
        "../oss/src/*"]``): an app that overlays its own files on another app's. The other app's
        files are compiled with this config too when this app imports them."""
        out = []
        for names in self._configs_in.values():
            for name in names:
                try:
                    cfg = self.load_config(name)
                except Exception:  # noqa: BLE001 - an unreadable config is reported by load_config
                    continue
                if any(len(targets) > 1 for targets in cfg.paths.values()):
                    out.append(cfg)
        return out

    def overlay_targets(self, specifier: str, found: str | None) -> list[str]:
        """Files ``specifier`` names under an overlay config other than ``found``: whichever of
        its folders holds the file first (``ee/src/x.tsx`` shadows ``oss/src/x.tsx`` in the EE
        build, even for an import written in an OSS file)."""
        spec = specifier.split("?", 1)[0].strip()
        if not spec or spec.startswith((".", "/")):
            return []
        out: list[str] = []
        for cfg in self._overlay_configs:
            hit = _pattern_match(cfg.paths, spec)
            if hit is None or len(cfg.paths[hit[0]]) < 2:
                continue
            got = self._paths_target(cfg, *hit)
            if got and got != found and got not in out:
                out.append(got)
        return out

    def _paths_target(self, cfg: TsConfig, key: str, star: str) -> str | None:
        """The first file the targets of ``paths[key]`` name (``*`` standing for ``star``)."""
        for t in cfg.paths[key]:
            target = cfg.path_target(t.replace("*", star))
            found = self._load(target) if target is not None else None
            if found:
                return found
        return None

    # -------------------------------------------------------------------------- resolve
    def resolve(self, specifier: str, importer: str) -> str | External | None:
        """The repository file ``specifier`` names from ``importer``, ``External(package)`` for
        a package outside the repository, or None when it names nothing that exists."""
        cfg = self.config_for(importer)
        folder = _parent(importer)
        key = (cfg.path if cfg else "", folder, specifier)
        if key not in self._memo:
            self._memo[key] = self._resolve(specifier, folder, cfg)
        return self._memo[key]

    def _resolve(self, specifier: str, folder: str, cfg: TsConfig | None) -> str | External | None:
        # webpack inline loaders (comlink-loader?singleton!./Worker, !!raw-loader!./x.txt) before
        # the file; Vite queries after it (?raw, ?url, ?react)
        spec = specifier.rsplit("!", 1)[-1].split("?", 1)[0].strip()
        if not spec:
            return None
        if spec in (".", "..") or spec.startswith(("./", "../")):
            target = join_path(folder, spec)
            if target is None:
                return None
            hit = self._load(target, folder_only=spec.endswith("/"))
            if hit is None and not self._in_repo_folder(target):
                hit = self._from_build_output(target)  # require("./dist/index.js"), dist/ not committed
            return hit
        if spec.startswith("/"):  # Vite: from the project root, the folder of package.json
            base = self._pkg_dir_for(folder) or ""
            target = join_path(base, spec[1:])
            return None if target is None else self._load(target)
        for key, target in self._vite_alias_for(folder):
            if spec == key or spec.startswith(key.rstrip("/") + "/"):
                found = self._load(
                    target + spec[len(key.rstrip("/")) :] if target else spec[len(key.rstrip("/")) + 1 :]
                )
                if found:
                    return found
        alias_missed = False
        if cfg is not None and cfg.paths:
            hit = _pattern_match(cfg.paths, spec)
            if hit is not None:
                found = self._paths_target(cfg, *hit)
                if found:
                    return found
                alias_missed = hit[0] != "*"  # a catch-all alias also covers npm packages
        if cfg is not None and cfg.base_dir is not None:
            target = join_path(cfg.base_dir, spec)
            found = self._load(target) if target is not None else None
            if found:
                return found
        if spec.startswith("#"):
            return self._package_import(folder, spec)
        if _SCHEME.match(spec):
            return External(spec)  # node:fs, virtual:pwa-register, https://...
        if alias_missed:
            return None
        return self._bare(spec)

    def _vite_alias_for(self, folder: str) -> list[tuple[str, str]]:
        """``resolve.alias`` of the nearest ``vite.config.*`` above ``folder``: (key, repo path)
        for the entries whose replacement is a plain path (a string, ``path.resolve(__dirname,
        "src")``, ``fileURLToPath(new URL("./src", import.meta.url))``), longest key first."""
        if folder in self._vite_aliases:
            return self._vite_aliases[folder]
        if folder in self._vite_configs:
            config = self._vite_configs[folder]
            try:
                text = self._read(config) or ""
            except Exception:  # noqa: BLE001 - a reader must not break resolution
                text = ""
            found = sorted(vite_aliases(text, folder), key=lambda kv: -len(kv[0]))
        else:
            found = self._vite_alias_for(_parent(folder)) if folder else []
        self._vite_aliases[folder] = found
        return found

    def _bare(self, spec: str) -> str | External | None:
        name = package_name(spec)
        if name in self.workspace:
            return self._package_entry(self.workspace[name], spec[len(name) + 1 :])
        if not _is_package_name(name):
            return None  # "@/x", "~/x", "$lib/x": an alias we do not know, not a package
        return External(name)

    def _package_import(self, folder: str, spec: str) -> str | External | None:
        pkg_dir = self._pkg_dir_for(folder)
        if pkg_dir is None:
            return None
        imports = self._manifest(pkg_dir).get("imports")
        if not isinstance(imports, dict):
            return None
        for t in _subpath_targets(imports, spec):
            if t.startswith("./"):
                found = self._load_package_target(pkg_dir, t)
                if found:
                    return found
            elif not t.startswith(("#", "/", "../")):
                return self._bare(t)
        return None
