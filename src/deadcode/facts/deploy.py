"""Deployment facts: what Helm charts, docker-compose files and ``.env`` files say.

Which file is which is decided by its path alone (facts are pure functions of path and bytes):

- ``values*.yaml|yml`` -> ``helm-values``: every key as a dotted path (intermediate mappings
  too, list items as ``key[0]``), scalars as text. ``in_chart=False`` (the caller knows the file
  is not inside a chart folder) turns this and the template rule off.
- ``templates/**/*.yaml|yml|tpl`` -> ``helm-template``: Go templates, not YAML, so they are
  scanned as text: ``.Values`` reads inside ``{{ }}`` actions, ``env:`` entries and
  ``httpGet`` probes.
- ``Chart.yaml`` -> ``chart``: its keys, like a values file (``dependencies[0].name`` tells
  which values belong to a subchart).
- ``docker-compose*.yml``, ``compose*.yaml`` (either extension) -> ``compose``: every service's
  ``environment:`` (mapping or ``- KEY=value`` list; ``env_file`` is not followed) and
  ``healthcheck`` URLs as probes.
- ``.env``, ``.env.*``, ``*.env`` -> ``dotenv``.

YAML is composed to nodes with ruamel.yaml (line numbers, no object construction, so tags are
never executed). Bad input never raises: a syntax error keeps what was read before it, non-UTF-8
bytes are replaced, and either sets ``partial`` with a one-line problem.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from deadcode.facts.lines import LineCounter
from deadcode.facts.model import DeployFacts, EnvSet, Probe, ValuesKey

Result = tuple[DeployFacts | None, bool, tuple[str, ...]]

MAX_DEPTH = 100  # values nest a handful of levels; deeper is generated or hostile
MAX_KEYS = 50_000  # alias bombs expand exponentially; a real values file has a few hundred keys
PROBE_KINDS = {"livenessProbe": "liveness", "readinessProbe": "readiness", "startupProbe": "startup"}

_VALUES_FILE = re.compile(r"^values[^/]*\.ya?ml$", re.I)
_COMPOSE_FILE = re.compile(r"^(docker-)?compose[^/]*\.ya?ml$", re.I)
_TEMPLATE_FILE = re.compile(r"(^|/)templates/(.+/)?[^/]+\.(ya?ml|tpl)$", re.I)


def deploy_kind(path: str, in_chart: bool = True) -> str | None:
    """Which deployment file ``path`` is (``helm-values``, ``helm-template``, ``chart``,
    ``compose``, ``dotenv``), or None."""
    name = path.rsplit("/", 1)[-1]
    low = name.lower()
    if _COMPOSE_FILE.match(name):
        return "compose"
    if low == ".env" or low.startswith(".env.") or low.endswith(".env"):
        return "dotenv"
    if name == "Chart.yaml" or name == "Chart.yml":
        return "chart"
    if in_chart and _VALUES_FILE.match(name):
        return "helm-values"
    if in_chart and _TEMPLATE_FILE.search(path):
        return "helm-template"
    return None


def extract_deploy(path: str, data: bytes, in_chart: bool = True) -> Result:
    """``(facts, partial, problems)`` for one deployment file; ``(None, False, ())`` for files
    that are none (see the module doc)."""
    kind = deploy_kind(path, in_chart)
    if kind is None:
        return None, False, ()
    text, problems = _decode(data)
    if kind == "dotenv":
        facts, more = _dotenv(text)
    elif kind == "helm-template":
        facts, more = _template(text)
    else:
        facts, more = _yaml_file(kind, text)
    problems += more
    return facts, bool(problems), tuple(problems)


def _decode(data: bytes) -> tuple[str, list[str]]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return data.decode("utf-8", "replace"), [f"not valid UTF-8 at line {line}"]


# ------------------------------------------------------------------------------------- YAML


def _compose_docs(text: str) -> tuple[list, list[str]]:
    """The YAML documents of ``text`` as ruamel nodes. On a syntax error, the documents before
    it are kept and the broken one is re-read up to the line before the error."""
    from ruamel.yaml import YAML

    def compose(src: str) -> tuple[list, Exception | None]:
        docs: list = []
        try:
            for doc in YAML(typ="rt", pure=True).compose_all(src):
                if doc is not None:
                    docs.append(doc)
        except Exception as exc:  # YAMLError, RecursionError on deep nesting: never raise
            return docs, exc
        return docs, None

    if _flow_depth(text) > MAX_DEPTH:  # the pure-Python parser recurses per level: slow, then fails
        return [], [f"YAML nested more than {MAX_DEPTH} levels deep: not read"]
    docs, err = compose(text)
    if err is None:
        return docs, []
    if isinstance(err, RecursionError):
        return docs, ["YAML too deeply nested to read"]
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    detail = getattr(err, "problem", None) or type(err).__name__
    where = f" at line {line}" if line else ""
    problems = [f"YAML syntax error{where}: {detail}"]
    # Re-read the text before the error; cutting inside a flow collection or block scalar can
    # move the error up, so cut again above it (a few times at most).
    all_lines = text.split("\n")
    head = (line or 1) - 1
    for _ in range(5):
        if head < 1:
            break
        more, err2 = compose("\n".join(all_lines[:head]) + "\n")
        if len(more) >= len(docs):
            docs = more
        if err2 is None:
            break
        m2 = getattr(err2, "problem_mark", None)
        head = min(head - 1, m2.line) if m2 is not None else head - 1
    return docs, problems


def _flow_depth(text: str) -> int:
    """The deepest ``[``/``{`` nesting (quotes ignored: an over-estimate only on odd text)."""
    depth = deepest = 0
    for m in re.finditer(r"[\[\]{}]", text):
        if m.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif depth:
            depth -= 1
    return deepest


def _node_kind(node) -> str:
    return type(node).__name__  # MappingNode | SequenceNode | ScalarNode


def _scalar_text(node) -> str:
    if _node_kind(node) == "ScalarNode":
        return str(node.value)
    return "?"


def _pairs(node, seen: frozenset = frozenset()) -> Iterator[tuple[object, object, int]]:
    """``(key node, value node, line)`` of a mapping, ``<<`` merges expanded (local keys win)."""
    local = [(k, v) for k, v in node.value if not (_node_kind(k) == "ScalarNode" and k.value == "<<")]
    names = {_scalar_text(k) for k, _ in local}
    for k, v in node.value:
        if _node_kind(k) == "ScalarNode" and k.value == "<<":
            sources = v.value if _node_kind(v) == "SequenceNode" else [v]
            for src in sources:
                if _node_kind(src) == "MappingNode" and id(src) not in seen:
                    for mk, mv, _ in _pairs(src, seen | {id(node)}):
                        if _scalar_text(mk) not in names:
                            names.add(_scalar_text(mk))
                            yield mk, mv, k.start_mark.line + 1
        else:
            yield k, v, k.start_mark.line + 1


def _flatten(doc) -> tuple[list[ValuesKey], bool]:
    """Every key of a values document as ``ValuesKey`` (dotted paths, ``key[0]`` for items).
    Returns ``(keys, truncated)``."""
    out: list[ValuesKey] = []
    visited: set[int] = set()

    def walk(node, prefix: str, depth: int) -> None:
        if len(out) >= MAX_KEYS or depth > MAX_DEPTH:
            return
        kind = _node_kind(node)
        # An alias repeats a node: its keys under the first path are enough (and bombs stop).
        if kind != "ScalarNode":
            if id(node) in visited:
                return
            visited.add(id(node))
        if kind == "MappingNode":
            for k, v, line in _pairs(node):
                key = _scalar_text(k)
                path = f"{prefix}.{key}" if prefix else key
                add(path, v, line)
                walk(v, path, depth + 1)
        elif kind == "SequenceNode":
            for i, item in enumerate(node.value):
                path = f"{prefix}[{i}]"
                add(path, item, item.start_mark.line + 1)
                walk(item, path, depth + 1)

    def add(path: str, value, line: int) -> None:
        if len(out) < MAX_KEYS:
            scalar = _node_kind(value) == "ScalarNode"
            out.append(ValuesKey(path, str(value.value) if scalar else None, line))

    if _node_kind(doc) in ("MappingNode", "SequenceNode"):
        walk(doc, "", 0)
    return out, len(out) >= MAX_KEYS


_PROBE_VALUE = re.compile(r"(?:^|\.)(livenessProbe|readinessProbe|startupProbe)\.httpGet\.path$")


def _yaml_file(kind: str, text: str) -> tuple[DeployFacts, list[str]]:
    docs, problems = _compose_docs(text)
    if kind == "compose":
        env: list[EnvSet] = []
        probes: list[Probe] = []
        for doc in docs:
            _compose_services(doc, env, probes)
        return DeployFacts(kind, env=tuple(env), probes=tuple(probes)), problems
    values: list[ValuesKey] = []
    for doc in docs:
        keys, truncated = _flatten(doc)
        values += keys
        if truncated:
            problems.append(f"more than {MAX_KEYS} keys: the rest is not read")
            break
    probes = []
    if kind == "helm-values":  # probes configured in values and rendered by toYaml in a template
        for v in values:
            m = _PROBE_VALUE.search(v.key)
            if m and v.value:
                probes.append(Probe(PROBE_KINDS[m.group(1)], v.value, v.line))
    return DeployFacts(kind, values=tuple(values), probes=tuple(probes)), problems


def _compose_services(doc, env: list[EnvSet], probes: list[Probe]) -> None:
    if _node_kind(doc) != "MappingNode":
        return
    for k, services, _ in _pairs(doc):
        if _scalar_text(k) != "services" or _node_kind(services) != "MappingNode":
            continue
        for _, service, _ in _pairs(services):
            if _node_kind(service) != "MappingNode":
                continue
            for sk, sv, _ in _pairs(service):
                key = _scalar_text(sk)
                if key == "environment":
                    env.extend(_compose_environment(sv))
                elif key == "healthcheck" and _node_kind(sv) == "MappingNode":
                    probes.extend(_compose_healthcheck(sv))


def _compose_environment(node) -> list[EnvSet]:
    out = []
    if _node_kind(node) == "MappingNode":
        for k, v, line in _pairs(node):
            value = None
            if _node_kind(v) == "ScalarNode" and not v.tag.endswith(":null"):
                value = str(v.value)
            out.append(EnvSet(_scalar_text(k), value, None, line))
    elif _node_kind(node) == "SequenceNode":
        for item in node.value:
            if _node_kind(item) != "ScalarNode":
                continue
            name, sep, value = str(item.value).partition("=")
            if name.strip():
                out.append(EnvSet(name.strip(), value if sep else None, None, item.start_mark.line + 1))
    return out


_URL_PATH = re.compile(r"https?://[^\s/\"']+(/[^\s\"'|;&)]*)?")


def _compose_healthcheck(node) -> list[Probe]:
    out = []
    for k, v, _ in _pairs(node):
        if _scalar_text(k) != "test":
            continue
        items = v.value if _node_kind(v) == "SequenceNode" else [v]
        for item in items:
            if _node_kind(item) == "ScalarNode":
                for m in _URL_PATH.finditer(str(item.value)):
                    out.append(Probe("healthcheck", m.group(1) or "/", item.start_mark.line + 1))
    return out


# ---------------------------------------------------------------------------- Helm templates

_ACTION = re.compile(r"\{\{(.*?)\}\}", re.S)
_COMMENT_ACTION = re.compile(r"^-?\s*/\*.*\*/\s*-?$", re.S)
# `.Values.a.b`, `$.Values.a`, `$root.Values.a` (not `.Release.Values`, not `x.Values`)
_VALUES_REF = re.compile(r"(?<![\w)\].])(?:\$\w*)?\.Values((?:\.\w+)*)(?![\w])")
_INDEX_REF = re.compile(
    r"\bindex\s+\(?\s*((?:\$\w*)?\.Values(?:\.\w+)*)\s*\)?"  # index .Values.a / index (.Values.a)
    r"((?:\s+(?:\"[^\"]*\"|`[^`]*`|\d+))+)"  # then "key" `key` 0 ...
)
_INDEX_ARG = re.compile(r"\"([^\"]*)\"|`([^`]*)`|(\d+)")
_BLOCK_SCALAR = re.compile(r"^[|>][-+0-9]*$")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")


def _template(text: str) -> tuple[DeployFacts, list[str]]:
    reads: list[tuple[str, int]] = []
    problems: list[str] = []
    line = LineCounter(text)
    for m in _ACTION.finditer(text):
        body = m.group(1)
        if _COMMENT_ACTION.match(body):
            continue
        base_line = line(m.start(1))
        reads += _action_reads(body, base_line)
    unclosed = text.count("{{") - len(_ACTION.findall(text))
    if unclosed > 0:
        pos = text.rfind("{{")
        problems.append(f"unclosed template action at line {text.count(chr(10), 0, pos) + 1}")
    lines = _structure_lines(text)
    env = _template_env(lines)
    probes = _template_probes(lines)
    return DeployFacts(
        "helm-template", value_reads=tuple(dict.fromkeys(reads)), env=tuple(env), probes=tuple(probes)
    ), problems


def _action_reads(body: str, base_line: int) -> list[tuple[str, int]]:
    """``.Values`` reads in one action; ``index .Values "a" "b"`` gives ``a.b``. A bare
    ``.Values`` (``toYaml .Values``, ``include "x" .Values``) reads everything: key ``""``."""
    out: list[tuple[str, int]] = []
    covered: list[tuple[int, int]] = []
    for m in _INDEX_REF.finditer(body):
        base = _VALUES_REF.match(m.group(1))
        key = base.group(1).lstrip(".") if base else ""
        for a in _INDEX_ARG.finditer(m.group(2)):
            if a.group(3) is not None:
                key += f"[{a.group(3)}]"
            else:
                part = a.group(1) if a.group(1) is not None else a.group(2)
                key = f"{key}.{part}" if key else part
        out.append((key, base_line + body.count("\n", 0, m.start())))
        covered.append(m.span(1))
    for m in _VALUES_REF.finditer(body):
        if any(s <= m.start() < e for s, e in covered):
            continue
        out.append((m.group(1).lstrip("."), base_line + body.count("\n", 0, m.start())))
    return out


def _structure_lines(text: str) -> list[str]:
    """The text's lines with multi-line actions folded onto their first line (line numbers of
    everything outside them kept), for the indentation-based scans."""

    def fold(m: re.Match) -> str:
        inner = m.group(0)
        n = inner.count("\n")
        return inner.replace("\n", " ") + ("\n" * n if n else "")

    return _ACTION.sub(fold, text).split("\n")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


@lru_cache(maxsize=65536)
def _transparent(line: str) -> bool:
    """Blank, a YAML comment, or only template actions (``{{- if ... }}``, ``{{- end }}``)."""
    s = line.strip()
    return not s or s.startswith("#") or _ACTION.sub("", s).strip() == ""


def _strip_comment(raw: str) -> str:
    """Drops a trailing `` # comment`` outside quotes and actions."""
    depth, quote = 0, None
    for i, ch in enumerate(raw):
        if raw.startswith("{{", i):
            depth += 1
        elif raw.startswith("}}", i) and depth:
            depth -= 1
        elif depth == 0 and quote is None and ch in "\"'" and (i == 0 or raw[i - 1] in " \t:"):
            quote = ch
        elif quote is not None and ch == quote:
            quote = None
        elif depth == 0 and quote is None and ch == "#" and (i == 0 or raw[i - 1] in " \t"):
            return raw[:i].rstrip()
    return raw.strip()


def _unquote(raw: str) -> str:
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
        return raw[1:-1]
    return raw


def _block(lines: list[str], start: int, col: int) -> Iterator[int]:
    """Indices of the lines after ``start`` that belong to a block whose own key is at ``col``."""
    for j in range(start + 1, len(lines)):
        if _transparent(lines[j]):
            continue
        if _indent(lines[j]) <= col:
            return
        yield j


_ITEM = re.compile(r"^(\s*)-\s+(.*)$")
_KEY = re.compile(r"^([\w.-]+|\"[^\"]*\"|'[^']*')\s*:(?:\s+(.*)|\s*)$")


def _item_keys(lines: list[str], i: int) -> tuple[int, dict[str, tuple[str, int]]]:
    """The first-level keys of the list item starting at line ``i``: ``{key: (raw value, line)}``."""
    m = _ITEM.match(lines[i])
    dash = len(m.group(1))
    content_col = m.start(2)
    keys: dict[str, tuple[str, int]] = {}
    km = _KEY.match(m.group(2).strip())
    if km:
        keys[_unquote(km.group(1))] = ((km.group(2) or "").strip(), i + 1)
    for j in _block(lines, i, dash):
        if _indent(lines[j]) != content_col:
            continue
        km = _KEY.match(lines[j].strip())
        if km:
            keys.setdefault(_unquote(km.group(1)), ((km.group(2) or "").strip(), j + 1))
    return dash, keys


def _parent_key(lines: list[str], i: int, dash: int) -> str | None:
    """The key a list item at column ``dash`` belongs to (``env`` for ``env:\\n  - name: X``)."""
    for j in range(i - 1, -1, -1):
        line = lines[j]
        if _transparent(line):
            continue
        ind = _indent(line)
        s = line.strip()
        if ind > dash or (ind == dash and s.startswith("-")):
            continue
        km = _KEY.match(s.lstrip("- ").strip())
        return _unquote(km.group(1)) if km else None
    return None


def _template_env(lines: list[str]) -> list[EnvSet]:
    out = []
    for i, line in enumerate(lines):
        if not _ITEM.match(line):
            continue
        dash, keys = _item_keys(lines, i)
        if "name" not in keys:
            continue
        name = _unquote(_strip_comment(keys["name"][0]))
        if not _ENV_NAME.fullmatch(name):
            continue  # a templated name (`{{ $k }}` in a range) or not a name
        is_env = "value" in keys or "valueFrom" in keys
        if not is_env and _parent_key(lines, i, dash) != "env":
            continue
        if set(keys) - {"name", "value", "valueFrom"}:
            continue  # a container, port or volume that happens to have a value key
        value, values_key = None, None
        if "value" in keys:
            raw, vline = keys["value"]
            raw = _strip_comment(raw)
            if _BLOCK_SCALAR.match(raw):  # value: |-  (the text on the lines below)
                body = []
                for line_below in lines[vline:]:
                    if line_below.strip() and _indent(line_below) <= _indent(lines[vline - 1]):
                        break
                    body.append(line_below.strip())
                raw = ("\n" if raw.startswith("|") else " ").join(body)
            value, values_key = _env_value(raw)
        out.append(EnvSet(name, value, values_key, keys["name"][1]))
    return out


def _env_value(raw: str) -> tuple[str | None, str | None]:
    """``{{ .Values.k | quote }}`` -> (None, "k"); ``"lit"`` -> ("lit", None); a mix ->
    (the text, the first ``.Values`` key in it)."""
    text = _unquote(raw)
    refs = []
    for m in _ACTION.finditer(text):
        refs += [k for k, _ in _action_reads(m.group(1), 0)]
    key = refs[0] if refs else None
    whole = _ACTION.fullmatch(text.strip())
    if whole and key is not None:
        return None, key
    return text, key


_PROBE_KEY = re.compile(r"^(livenessProbe|readinessProbe|startupProbe)\s*:\s*(.*)$")
_INLINE_PATH = re.compile(r"\bpath\s*:\s*(\"[^\"]*\"|'[^']*'|\{\{.*?\}\}|[^,}\s]+)")


def _template_probes(lines: list[str]) -> list[Probe]:
    out = []
    for i, line in enumerate(lines):
        m = _PROBE_KEY.match(line.strip().lstrip("- ").strip())
        if not m:
            continue
        kind = PROBE_KINDS[m.group(1)]
        rest = _strip_comment(m.group(2))
        if "httpGet" in rest:  # livenessProbe: { httpGet: { path: /x } }
            pm = _INLINE_PATH.search(rest)
            if pm:
                out.append(Probe(kind, _unquote(pm.group(1)), i + 1))
            continue
        col = _indent(line)
        for j in _block(lines, i, col):
            hm = re.match(r"^httpGet\s*:\s*(.*)$", lines[j].strip())
            if not hm:
                continue
            inline = _strip_comment(hm.group(1))
            if inline:
                pm = _INLINE_PATH.search(inline)
                if pm:
                    out.append(Probe(kind, _unquote(pm.group(1)), j + 1))
                break
            for k in _block(lines, j, _indent(lines[j])):
                km = re.match(r"^path\s*:\s*(.*)$", lines[k].strip())
                if km:
                    out.append(Probe(kind, _unquote(_strip_comment(km.group(1))), k + 1))
                    break
            break
    return out


# --------------------------------------------------------------------------------------- .env

_DOTENV_LINE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:(=)\s*(.*))?$")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "$": "$"}


def _dotenv(text: str) -> tuple[DeployFacts, list[str]]:
    """``KEY=value``, ``export KEY=value``, quotes (double quotes may span lines and take
    ``\\n`` escapes), ``# comments``; a bare ``KEY`` is set with no value."""
    env: list[EnvSet] = []
    problems: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i].rstrip("\r")
        start = i
        i += 1
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        m = _DOTENV_LINE.match(line)
        if not m:
            if not problems:
                problems.append(f"line {start + 1}: not KEY=value")
            continue
        name, eq, raw = m.group(1), m.group(2), (m.group(3) or "")
        if not eq:
            env.append(EnvSet(name, None, None, start + 1))
            continue
        raw = raw.strip()
        if raw[:1] in ("'", '"'):
            q = raw[0]
            body = raw[1:]
            # a quoted value may continue on the next lines until its closing quote
            while _closing_quote(body, q) < 0 and i < len(lines):
                body += "\n" + lines[i].rstrip("\r")
                i += 1
            end = _closing_quote(body, q)
            if end < 0:
                problems.append(f"line {start + 1}: unterminated quote")
                value = body
            else:
                value = body[:end]
            if q == '"':
                value = re.sub(r"\\(.)", lambda e: _ESCAPES.get(e.group(1), "\\" + e.group(1)), value)
        else:
            value = re.split(r"\s+#", raw, maxsplit=1)[0].strip()
        env.append(EnvSet(name, value, None, start + 1))
    return DeployFacts("dotenv", env=tuple(env)), problems


def _closing_quote(body: str, q: str) -> int:
    i = 0
    while i < len(body):
        if body[i] == "\\" and q == '"':
            i += 2
            continue
        if body[i] == q:
            return i
        i += 1
    return -1
