"""The ``[tool.deadcode]`` configuration: loading, validation, and the matchers the keys use.

Where the config comes from (first that applies): ``--config FILE`` (a file named
``pyproject.toml`` is read through its ``[tool.deadcode]`` table, any other file has the keys at
the top level), ``ROOT/deadcode.toml``, ``[tool.deadcode]`` in ``ROOT/pyproject.toml``, defaults.

Every problem is a ``ConfigError`` whose text is one line naming the file and the key, so the
CLI can print it as is and exit 2. Validation is strict (unknown keys, wrong types, bad paths)
because a silently ignored typo in ``dev_roots`` or ``flags`` changes which code is called dead.

Matching rules (documented here because users write the patterns):
- ``glob_match`` / ``matches`` (``entry``, ``dev_roots``, ``exclude``, ``keep.path``, ``path:`` in
  groups), by wcmatch: patterns are anchored at ROOT; ``**`` is any number of whole segments (zero
  included), ``*`` and ``?`` stay inside one segment, ``[abc]``/``[!abc]`` are character classes,
  ``{ts,tsx}`` braces expand, and in a list ``!pattern`` takes matches back out. A pattern that
  matches a folder matches everything below it (``backend/app/tracing`` and
  ``backend/app/services/grafana/*`` both cover ``.../grafana/sub/x.py``), as in ``.gitignore``.
  ``*.py`` is NOT "any .py at any depth": write ``**/*.py``.
- ``route_match`` (``dev_routes``, ``route:``/``endpoint:`` in groups, ``public_endpoints``):
  fnmatch patterns, case-sensitive, where ``*`` may cross ``/`` (``/projects/*`` matches
  ``/projects/:id`` and ``/projects/:id/edit``). A path parameter in either side (``:id``,
  ``{id}``, ``{}``) matches any parameter segment, so ``/projects/:id`` matches the route
  ``/projects/:projectId`` but not ``/projects/new``. A pattern matches its own children too
  (``/test`` matches ``/test`` and ``/test/tabs``, never ``/testing``): in React Router a child
  route lives inside its parent. Pass ``children=False`` for exact matching (endpoints).
"""

from __future__ import annotations

import difflib
import fnmatch
import math
import posixpath
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Sequence

from wcmatch import glob as _wcglob

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


class ConfigError(Exception):
    """A bad configuration: ``str()`` is one line naming the file and the key."""


# Contract order: also the order ``render_config_toml`` prints (``groups`` last, because an
# array of tables swallows every key after it).
KEYS = (
    "python_roots",
    "entry",
    "entry_only",
    "dev_roots",
    "dev_routes",
    "flags",
    "public_endpoints",
    "public_modules",
    "keep",
    "exclude",
    "helm",
    "verify",
    "groups",
)
KEEP_KEYS = ("path", "endpoint", "reason")
VERIFY_KEYS = ("commands", "bundle")
GROUP_KEYS = ("name", "title", "remove")
REMOVE_PREFIXES = ("route", "endpoint", "path", "flag")
HTTP_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "WEBSOCKET", "ANY", "*")

FlagValue = str | bool | int | float
MODULE_PATTERN = re.compile(r"(?:[A-Za-z_*][\w*]*)(?:\.[A-Za-z_*][\w*]*)*")


@dataclass(frozen=True)
class KeepRule:
    """``{ path = "glob", reason = "..." }`` or ``{ endpoint = "METHOD /path", reason = "..." }``."""

    path: str | None
    endpoint: str | None
    reason: str


@dataclass(frozen=True)
class GroupSpec:
    """A named removal group; ``remove`` entries are ``route:/x``, ``endpoint:GET /api/x``,
    ``path:glob`` or ``flag:NAME``."""

    name: str
    title: str
    remove: tuple[str, ...]


@dataclass(frozen=True)
class Config:
    python_roots: tuple[str, ...] = ()
    entry: tuple[str, ...] = ()
    dev_roots: tuple[str, ...] = ()
    dev_routes: tuple[str, ...] = ()
    # flag name -> production value, or a tuple of the values production may have
    flags: dict[str, FlagValue | tuple[FlagValue, ...]] = field(default_factory=dict, hash=False)
    public_endpoints: tuple[str, ...] = ()
    # dotted module patterns a published Python package offers its users (``pkg.data.*``): entries
    public_modules: tuple[str, ...] = ()
    keep: tuple[KeepRule, ...] = ()
    exclude: tuple[str, ...] = ()
    helm: tuple[str, ...] | None = None  # None: every folder holding a Chart.yaml
    groups: tuple[GroupSpec, ...] = ()
    verify: tuple[str, ...] = ()  # commands run in the new worktree after `deadcode branch`
    entry_only: bool = False  # `entry` replaces what the idioms detect instead of adding to it
    # frontend entries the planner bundles before and after each group (``[verify] bundle``)
    verify_bundle: tuple[str, ...] = ()
    source: str | None = None  # the file the config came from (repo-relative when inside ROOT)
    explicit: frozenset[str] = frozenset()  # keys the user set: auto-detection fills the rest


# ------------------------------------------------------------------------------------ loading


def load_config(root: Path, config_file: Path | None = None) -> Config:
    """The configuration for the repository at ``root`` (see the module doc for the lookup)."""
    root = Path(root)
    if config_file is not None:
        path = Path(config_file)
        if not path.is_absolute() and not path.exists() and (root / path).exists():
            path = root / path
        shown = _shown(root, path, config_file)
        if not path.is_file():
            raise ConfigError(f"{shown}: config file not found")
        data = _read_toml(path, shown)
        if path.name == "pyproject.toml":
            table = _tool_table(data, shown)
            if table is None:
                raise ConfigError(f"{shown}: no [tool.deadcode] table")
            return _build(table, shown, "[tool.deadcode].")
        return _build(data, shown, "")
    dedicated = root / "deadcode.toml"
    if dedicated.is_file():
        return _build(_read_toml(dedicated, "deadcode.toml"), "deadcode.toml", "")
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        table = _tool_table(_read_toml(pyproject, "pyproject.toml"), "pyproject.toml")
        if table is not None:
            return _build(table, "pyproject.toml", "[tool.deadcode].")
    return Config()


def _shown(root: Path, path: Path, given: Path) -> str:
    """How messages name the file: repo-relative inside ROOT, else as the user gave it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return str(given)


def _read_toml(path: Path, shown: str) -> dict:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{shown}: cannot read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(f"{shown}: line {line}: not valid UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{shown}: {_toml_error(exc)}") from None
    except RecursionError:  # arrays or tables nested thousands deep
        raise ConfigError(f"{shown}: invalid TOML: nested too deeply to read") from None
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        raise ConfigError(f"{shown}: invalid TOML: {str(exc).splitlines()[0][:120]}") from None


def _toml_error(exc: Exception) -> str:
    """``Expected '=' ... (at line 3, column 7)`` -> ``line 3, column 7: invalid TOML: Expected '=' ...``."""
    msg = str(exc).splitlines()[0] if str(exc) else "syntax error"
    m = re.search(r"\s*\(at line (\d+), column (\d+)\)\s*$", msg)
    if m:
        return f"line {m.group(1)}, column {m.group(2)}: invalid TOML: {msg[: m.start()]}"
    m = re.search(r"\s*\(at end of document\)\s*$", msg)
    if m:
        return f"end of file: invalid TOML: {msg[: m.start()]}"
    return f"invalid TOML: {msg}"


def _tool_table(data: dict, shown: str) -> dict | None:
    tool = data.get("tool")
    if tool is None:
        return None
    if not isinstance(tool, dict):
        raise ConfigError(f"{shown}: 'tool' is not a table")
    table = tool.get("deadcode")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{shown}: [tool.deadcode]: expected a table, got {_type_name(table)}")
    return table


class _Checker:
    """Validates one table; every error names ``file: prefix+key``."""

    def __init__(self, shown: str, prefix: str):
        self.shown = shown
        self.prefix = prefix

    def fail(self, key: str, message: str) -> ConfigError:
        return ConfigError(f"{self.shown}: {self.prefix}{key}: {message}")

    def unknown(self, key: str, allowed: Sequence[str], where: str = "") -> ConfigError:
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return ConfigError(
            f"{self.shown}: unknown key '{self.prefix}{where}{key}' "
            f"({hint}expected one of: {', '.join(allowed)})"
        )

    def strings(self, key: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.fail(key, f"expected a list of strings, got {_type_name(value)}")
        out: list[str] = []
        for i, item in enumerate(value):
            if not isinstance(item, str):
                raise self.fail(f"{key}[{i}]", f"expected a string, got {_type_name(item)}")
            if not item.strip():
                raise self.fail(f"{key}[{i}]", "empty string")
            out.append(item.strip())
        return tuple(dict.fromkeys(out))

    def path(self, key: str, value: str, whole_repo: bool = True) -> str:
        """Repo-relative '/' form, no leading './', never absolute or outside ROOT. With
        ``whole_repo=False`` a path or glob that names the whole repository (``.``,
        ``frontend/..``, ``**``) is refused: excluding, removing or calling dev-only everything
        is never what was meant."""
        p = value.strip().replace("\\", "/")
        if p.startswith("/") or re.match(r"^[A-Za-z]:/", p) or p.startswith("~"):
            raise self.fail(key, f"'{value}' is absolute: paths are relative to the repository root")
        if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in p):
            raise self.fail(key, f"{value!r} holds control characters")
        p = posixpath.normpath(p)
        if p == ".." or p.startswith("../"):
            raise self.fail(key, f"'{value}' is outside the repository root")
        if not whole_repo and all(seg in (".", "*", "**") for seg in p.split("/")):
            raise self.fail(key, f"'{value}' names the whole repository")
        return p

    def paths(self, key: str, value: Any, whole_repo: bool = True) -> tuple[str, ...]:
        items = self.strings(key, value)
        return tuple(dict.fromkeys(self.path(f"{key}[{i}]", v, whole_repo) for i, v in enumerate(items)))

    def endpoint(self, key: str, value: str) -> str:
        """``METHOD /path`` with the method upper-cased and spaces collapsed."""
        parts = value.split()
        if len(parts) != 2 or not parts[1].startswith("/"):
            raise self.fail(key, f"'{value}' is not an endpoint: expected 'METHOD /path' (e.g. 'GET /api/x')")
        method = parts[0].upper()
        if method not in HTTP_METHODS:
            known = ", ".join(HTTP_METHODS)
            raise self.fail(key, f"'{value}': unknown HTTP method '{parts[0]}' (expected one of: {known})")
        return f"{method} {parts[1]}"

    def module_pattern(self, key: str, value: str) -> str:
        """A dotted module name, ``*`` allowed in a part (``chainlit.data.*``, ``pkg.*.client``)."""
        v = value.strip()
        if not MODULE_PATTERN.fullmatch(v):
            raise self.fail(
                key, f"'{value}' is not a dotted module pattern (e.g. 'mypkg.data.*'; paths go in 'entry')"
            )
        return v

    def route(self, key: str, value: str) -> str:
        v = value.strip()
        if " " in v:
            raise self.fail(key, f"'{value}' is not a route path (no spaces; endpoints go in 'endpoint:')")
        return v if v.startswith(("/", "*")) else "/" + v


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a bool"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__}"


def _is_flag_scalar(value: Any) -> bool:
    return isinstance(value, (str, bool, int, float))


def _build(table: dict, shown: str, prefix: str) -> Config:
    c = _Checker(shown, prefix)
    for key in table:
        if key not in KEYS:
            raise c.unknown(key, KEYS)
    fields: dict[str, Any] = {}
    for key in ("python_roots", "entry", "dev_roots", "exclude"):
        if key in table:
            # the root is a fine Python root or entry glob, never a sensible dev root or exclude
            fields[key] = c.paths(key, table[key], whole_repo=key in ("python_roots", "entry"))
    if "helm" in table:
        fields["helm"] = c.paths("helm", table["helm"])
    if "dev_routes" in table:
        items = c.strings("dev_routes", table["dev_routes"])
        routes = (c.route(f"dev_routes[{i}]", v) for i, v in enumerate(items))
        fields["dev_routes"] = tuple(dict.fromkeys(routes))
    if "public_endpoints" in table:
        items = c.strings("public_endpoints", table["public_endpoints"])
        fields["public_endpoints"] = tuple(
            dict.fromkeys(c.endpoint(f"public_endpoints[{i}]", v) for i, v in enumerate(items))
        )
    if "public_modules" in table:
        items = c.strings("public_modules", table["public_modules"])
        fields["public_modules"] = tuple(
            c.module_pattern(f"public_modules[{i}]", v) for i, v in enumerate(items)
        )
    if "verify" in table:
        fields.update(_verify(c, table["verify"]))
    if "entry_only" in table:
        if not isinstance(table["entry_only"], bool):
            raise ConfigError(f"{shown}: {prefix}entry_only: expected true or false")
        fields["entry_only"] = table["entry_only"]
    if "flags" in table:
        fields["flags"] = _flags(c, table["flags"])
    if "keep" in table:
        fields["keep"] = _keep(c, table["keep"])
    if "groups" in table:
        fields["groups"] = _groups(c, table["groups"])
    return Config(**fields, source=shown, explicit=frozenset(table))


def _verify(c: _Checker, value: Any) -> dict:
    """``verify = ["cmd", ...]`` (commands run in the branch's worktree), or a table
    ``[verify] commands = [...], bundle = ["web/src/main.tsx", ...]``."""
    if isinstance(value, list):
        return {"verify": c.strings("verify", value)}
    if not isinstance(value, dict):
        raise c.fail(
            "verify", f"expected a list of commands or a table (commands, bundle), got {_type_name(value)}"
        )
    for k in value:
        if k not in VERIFY_KEYS:
            raise c.unknown(k, VERIFY_KEYS, "verify.")
    out = {}
    if "commands" in value:
        out["verify"] = c.strings("verify.commands", value["commands"])
    if "bundle" in value:
        out["verify_bundle"] = c.paths("verify.bundle", value["bundle"])
    return out


def _flags(c: _Checker, value: Any) -> dict:
    if not isinstance(value, dict):
        raise c.fail("flags", f"expected a table of NAME = value, got {_type_name(value)}")
    out: dict[str, Any] = {}
    expected = "expected a string, bool, number or list of them"
    for name, v in value.items():
        key = f"flags.{name}"
        if not name.strip():
            raise c.fail(key, "empty flag name")
        if isinstance(v, list):
            if not v:
                raise c.fail(key, "empty list: give the value(s) production uses")
            for i, item in enumerate(v):
                if not _is_flag_scalar(item):
                    raise c.fail(f"{key}[{i}]", expected)
            out[name] = tuple(dict.fromkeys(v))
        elif _is_flag_scalar(v):
            out[name] = v
        else:
            raise c.fail(key, expected)
    return out


def _keep(c: _Checker, value: Any) -> tuple[KeepRule, ...]:
    if not isinstance(value, list):
        expected = "expected a list of { path = ..., reason = ... } tables, got "
        raise c.fail("keep", expected + _type_name(value))
    rules = []
    for i, item in enumerate(value):
        where = f"keep[{i}]"
        if not isinstance(item, dict):
            raise c.fail(where, f"expected a table {{ path = ..., reason = ... }}, got {_type_name(item)}")
        for k in item:
            if k not in KEEP_KEYS:
                raise c.unknown(k, KEEP_KEYS, where + ".")
        for k in KEEP_KEYS:
            if k in item and not isinstance(item[k], str):
                raise c.fail(f"{where}.{k}", f"expected a string, got {_type_name(item[k])}")
        has_path, has_endpoint = "path" in item, "endpoint" in item
        if has_path == has_endpoint:
            raise c.fail(where, "give exactly one of 'path' or 'endpoint'")
        reason = item.get("reason", "").strip()
        if not reason:
            raise c.fail(where, "missing 'reason': say why it is kept")
        if has_path:
            if not item["path"].strip():
                raise c.fail(f"{where}.path", "empty string")
            rules.append(KeepRule(c.path(f"{where}.path", item["path"]), None, reason))
        else:
            rules.append(KeepRule(None, c.endpoint(f"{where}.endpoint", item["endpoint"]), reason))
    return tuple(rules)


def _groups(c: _Checker, value: Any) -> tuple[GroupSpec, ...]:
    if not isinstance(value, list):
        expected = "expected an array of tables ([[tool.deadcode.groups]]), got "
        raise c.fail("groups", expected + _type_name(value))
    seen: set[str] = set()
    groups = []
    for i, item in enumerate(value):
        where = f"groups[{i}]"
        if not isinstance(item, dict):
            raise c.fail(where, f"expected a table with name, title, remove, got {_type_name(item)}")
        for k in item:
            if k not in GROUP_KEYS:
                raise c.unknown(k, GROUP_KEYS, where + ".")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise c.fail(f"{where}.name", "expected a non-empty string")
        name = name.strip()
        if name in seen:
            raise c.fail(f"{where}.name", f"duplicate group name '{name}'")
        seen.add(name)
        title = item.get("title", name)
        if not isinstance(title, str):
            raise c.fail(f"{where}.title", f"expected a string, got {_type_name(title)}")
        if "remove" not in item:
            raise c.fail(f"{where}.remove", "missing: list what the group removes")
        entries = c.strings(f"{where}.remove", item["remove"])
        if not entries:
            raise c.fail(f"{where}.remove", "empty list: list what the group removes")
        checked = (_remove_entry(c, f"{where}.remove[{j}]", e) for j, e in enumerate(entries))
        remove = tuple(dict.fromkeys(checked))
        groups.append(GroupSpec(name, title.strip() or name, remove))
    return tuple(groups)


def _remove_entry(c: _Checker, key: str, entry: str) -> str:
    kind, sep, value = entry.partition(":")
    kind, value = kind.strip(), value.strip()
    if not sep or kind not in REMOVE_PREFIXES:
        raise c.fail(key, f"'{entry}': expected a prefix route:, endpoint:, path: or flag:")
    if not value:
        raise c.fail(key, f"'{entry}': nothing after '{kind}:'")
    if kind == "route":
        value = c.route(key, value)
    elif kind == "endpoint":
        value = c.endpoint(key, value)
    elif kind == "path":
        value = c.path(key, value, whole_repo=False)
    elif not re.fullmatch(r"[A-Za-z_][\w.-]*", value):
        raise c.fail(key, f"'{entry}': flag names are identifiers")
    return f"{kind}:{value}"


# ----------------------------------------------------------------------------------- matching


def module_match(module: str, pattern: str) -> bool:
    """``public_modules`` matching: fnmatch on dotted names (``*`` may cross dots), and a
    pattern covers the modules below it (``pkg.data`` covers ``pkg.data.sql``)."""
    return fnmatch.fnmatchcase(module, pattern) or module.startswith(pattern + ".") and "*" not in pattern


def glob_match(path: str, pattern: str) -> bool:
    """Whether the repo-relative ``path`` is matched by ``pattern`` (rules in the module doc)."""
    return matches(path, (pattern,))


GLOB_FLAGS = _wcglob.GLOBSTAR | _wcglob.BRACE | _wcglob.DOTGLOB


def matches(path: str, patterns: Sequence[str]) -> bool:
    """Whether ``path`` (or a folder above it) matches one of ``patterns`` and no ``!pattern``:
    ``["frontend/**", "!frontend/src/keep.ts"]``. Braces expand: ``src/**/*.{ts,tsx}``."""
    positive, negative = _compiled(tuple(patterns))
    if positive is None or positive.match(path) is None:
        return False
    return negative is None or negative.match(path) is None


def _norm_pattern(pattern: str) -> str:
    p = pattern.strip().replace("\\", "/")
    while p.startswith("./"):
        p = p[2:]
    p = p.strip("/")
    return p if p not in ("", ".") else "**"


@lru_cache(maxsize=4096)
def _compiled(patterns: tuple[str, ...]):
    def expand(ps):  # "a/**" is "a" too: ** is zero or more segments
        return [x for p in ps for x in ((p, p[:-3]) if p.endswith("/**") else (p,))]

    pos = expand(_norm_pattern(p) for p in patterns if not p.strip().startswith("!"))
    neg = expand(_norm_pattern(p.strip()[1:]) for p in patterns if p.strip().startswith("!"))

    def compile_(ps):
        """wcmatch's translation, each pattern also matching what is below what it matches
        (a folder covers its files, as in ``.gitignore``), as one regular expression."""
        if not ps:
            return None
        regexes, _ = _wcglob.translate(ps, flags=GLOB_FLAGS)
        bodies = []
        for rx in regexes:
            body = rx[1:] if rx.startswith("^") else rx
            body = body[:-1] if body.endswith("$") else body
            bodies.append(f"(?:{body})")
        return re.compile("(?:" + "|".join(bodies) + r")(?:/.*)?\Z", re.S)

    return compile_(pos), compile_(neg)


def unmatched_patterns(config: "Config", files: Sequence[str]) -> list[str]:
    """One warning per configured glob that matches no file, and per ``python_roots`` folder
    that does not exist: a typo there silently changes which code is called dead."""
    out = []
    listed = list(files)
    folders = {f.rsplit("/", 1)[0] for f in listed if "/" in f} | {""}
    more = set()
    for f in folders:
        while f:
            more.add(f)
            f = f.rsplit("/", 1)[0] if "/" in f else ""
    folders |= more
    checks = [("entry", p) for p in config.entry] + [("dev_roots", p) for p in config.dev_roots]
    checks += [("exclude", p) for p in config.exclude] + [("keep", r.path) for r in config.keep if r.path]
    checks += [("public_modules", p) for p in getattr(config, "public_modules", ()) if "/" in p]
    for key, pattern in checks:
        if pattern.strip().startswith("!"):
            continue
        if not any(matches(f, (pattern,)) for f in listed):
            out.append(f"{config.source or 'config'}: {key}: {pattern!r} matches no file")
    for root in config.python_roots:
        if root not in folders and _norm_pattern(root) not in folders:
            out.append(f"{config.source or 'config'}: python_roots: folder {root!r} does not exist")
    return out


_PARAM_SEGMENT = re.compile(r"(?<=/)(?::[A-Za-z_][\w-]*\??|\{[^/{}]*\})(?=/|$)")


def _route_norm(route: str) -> str:
    r = route.strip()
    if not r.startswith(("/", "*")):
        r = "/" + r
    if len(r) > 1:
        r = r.rstrip("/") or "/"
    return _PARAM_SEGMENT.sub("{}", r)


@lru_cache(maxsize=4096)
def _route_regex(pattern: str, children: bool) -> re.Pattern[str]:
    # '(?s:...)\\Z' (Python 3.14 ends it with '\\z'): drop the end anchor to add ours
    body = re.sub(r"\\[Zz]$", "", fnmatch.translate(_route_norm(pattern)))
    if children and _route_norm(pattern) != "/":
        return re.compile(body + r"(?:/.*)?\Z", re.S)
    return re.compile(body + r"\Z", re.S)


def route_match(route: str, pattern: str, children: bool = True) -> bool:
    """Whether the route (or endpoint) path is matched by the fnmatch ``pattern``; with
    ``children`` a pattern also covers the paths below it (rules in the module doc).
    The root pattern ``/`` matches only ``/``."""
    return _route_regex(pattern, children).match(_route_norm(route)) is not None


# -------------------------------------------------------------------------------------- flags


def flag_values(config: Config, name: str) -> tuple[FlagValue, ...] | None:
    """The production values of flag ``name`` (a single value as a 1-tuple), None when not set.

    Falls back to a case-insensitive match when exactly one configured flag matches: pydantic
    settings read ``ALERTING_BACKEND`` for a field ``alerting_backend`` by default."""
    flags = config.flags
    if name in flags:
        value = flags[name]
    else:
        folded = [k for k in flags if k.lower() == name.lower()]
        if len(folded) != 1:
            return None
        value = flags[folded[0]]
    return tuple(value) if isinstance(value, (list, tuple)) else (value,)


# ------------------------------------------------------------------------------------- render


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _toml_string(key)


def _toml_string(s: str) -> str:
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, str):
        return _toml_string(v)
    if isinstance(v, KeepRule):
        v = {k: getattr(v, k) for k in KEEP_KEYS if getattr(v, k) is not None}
    if isinstance(v, Mapping):
        items = [f"{_toml_key(str(k))} = {_toml_value(x)}" for k, x in v.items() if x is not None]
        return "{ " + ", ".join(items) + " }" if items else "{}"
    if isinstance(v, (list, tuple, set, frozenset)):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    raise TypeError(f"cannot render {type(v).__name__} as TOML")


def _comment_lines(comment: str | Sequence[str] | None) -> list[str]:
    if comment is None:
        return []
    if isinstance(comment, str):
        lines = comment.splitlines()
    else:
        lines = [line for c in comment for line in str(c).splitlines()]
    return [("# " + line).rstrip() for line in lines]


def _array(key: str, values: Sequence[Any], item_comments: Mapping[int, str] | None = None) -> list[str]:
    rendered = [_toml_value(v) for v in values]
    item_comments = item_comments or {}
    one_line = f"{_toml_key(key)} = [{', '.join(rendered)}]"
    tables = any(isinstance(v, (Mapping, KeepRule)) for v in values)
    if not item_comments and len(one_line) <= 100 and not tables:
        return [one_line]
    out = [f"{_toml_key(key)} = ["]
    for i, r in enumerate(rendered):
        note = item_comments.get(i)
        out.append(f"  {r},{'  # ' + note if note else ''}")
    out.append("]")
    return out


def render_config_toml(
    config_like: Mapping[str, Any],
    comments: Mapping[str, str | Sequence[str]] | None = None,
    table: str | None = "tool.deadcode",
    header: str | Sequence[str] | None = None,
) -> str:
    """A ``[tool.deadcode]`` table (``table=None``: top-level keys, for ``deadcode.toml``).

    ``config_like`` maps config keys to plain values (lists, dicts, ``KeepRule``/``GroupSpec``
    or dicts for ``keep``/``groups``); keys come out in contract order, ``None`` values are
    skipped. ``comments`` adds ``# ...`` lines: by key (above it), ``flags.NAME`` (after the
    flag; a flag whose value is None is printed commented out, for the user to fill in) and
    ``KEY[i]`` (after item i of a list). ``header`` lines go above the table header."""
    comments = comments or {}
    for key in config_like:
        if key not in KEYS:
            raise ValueError(f"unknown config key {key!r}")
    lines = _comment_lines(header)
    if table:
        lines.append(f"[{table}]")
    for key in KEYS:
        if key == "groups" or key not in config_like or config_like[key] is None:
            continue
        value = config_like[key]
        lines += _comment_lines(comments.get(key))
        if key == "flags":
            for name, v in dict(value).items():
                note = comments.get(f"flags.{name}")
                tail = f"  # {note}" if note else ""
                if v is None:
                    lines.append(f"# flags.{_toml_key(name)} = ?{tail}")
                else:
                    lines.append(f"flags.{_toml_key(name)} = {_toml_value(v)}{tail}")
            continue
        values = list(value) if isinstance(value, (list, tuple)) else value
        if not isinstance(values, list):
            raise TypeError(f"{key}: expected a list, got {type(value).__name__}")
        notes = {}
        for i in range(len(values)):
            note = comments.get(f"{key}[{i}]")
            if note:
                notes[i] = str(note)
        lines += _array(key, values, notes)
    groups = config_like.get("groups")
    if groups:
        lines += _comment_lines(comments.get("groups"))
        for g in groups:
            if isinstance(g, GroupSpec):
                g = {"name": g.name, "title": g.title, "remove": list(g.remove)}
            lines.append("")
            lines.append(f"[[{table}.groups]]" if table else "[[groups]]")
            for k in GROUP_KEYS:
                if g.get(k) is None:
                    continue
                if k == "remove":
                    lines += _array(k, list(g[k]))
                else:
                    lines.append(f"{k} = {_toml_value(g[k])}")
    return "\n".join(lines) + "\n"
