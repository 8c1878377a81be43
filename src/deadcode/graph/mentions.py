"""Where the repository mentions a module, a file or an endpoint, outside the item itself.

Built once from the per-file mention tokens (``facts/mentions.py``): source files contribute the
tokens of their quoted strings, every other tracked text file all of its tokens. Lookups answer
"who names this?" so that the analysis calls nothing dead that something mentions: a mentioned
item is at most ``unsure``.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache

from deadcode.graph.http import PARAM, EndpointIndex, EndpointKey, endpoint_segments

_CODE_EXT = re.compile(r"\.(py|pyi|tsx?|jsx?|mjs|cjs|mts|cts)$")
_OPENAPI = re.compile(r"(^|/)[^/]*(openapi|swagger)[^/]*\.(json|ya?ml)$", re.I)
_DOCS = re.compile(r"(^|/)(docs?|documentation|website|site)/|\.(md|mdx|rst|adoc|txt)$", re.I)
_VALUE_SEG = re.compile(r"^(\d+|[0-9a-f]{8}-[0-9a-f-]{27,}|[0-9a-f]{24,})$", re.I)  # 42, a uuid, an id
_TEMPLATE_SUB = re.compile(r"\$\{[^}]*\}|:[A-Za-z_]\w*|<[^>/]*>")  # ${id}, :id, <id>
_LETTER = re.compile(r"[A-Za-z_]")


@dataclass(frozen=True)
class Mention:
    file: str
    line: int
    token: str

    @property
    def at(self) -> str:
        return f"{self.file}:{self.line}"

    @property
    def kind(self) -> str:
        """What kind of text mentions it: an OpenAPI document, docs, or code/config."""
        return _kind_of(self.file)


@lru_cache(maxsize=4096)  # a file's mentions are many, its kind is one
def _kind_of(file: str) -> str:
    if _OPENAPI.search(file):
        return "openapi"
    if _DOCS.search(file):
        return "docs"
    return "text"


def _dirname(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


def url_segments(token: str) -> tuple[str, ...] | None:
    """A token's path segments if it looks like a URL path (``/api/items/{id}``, ``${BASE}/x``),
    with parameters, template substitutions and literal ids as ``{}``."""
    if "/" not in token or token.startswith(("./", "../")) or _CODE_EXT.search(token):
        return None
    text = _TEMPLATE_SUB.sub("{}", token)
    segs = tuple(
        PARAM if (s == PARAM or _VALUE_SEG.match(s) or not _LETTER.search(s)) else s
        for s in endpoint_segments(text)
    )
    if not any(_literal(s) for s in segs):
        return None  # "57/67", "/{id}", "/${owner}/${repo}": no name to match
    return segs


def _literal(seg: str) -> bool:
    return seg != PARAM and "\0" not in seg


_SUBSTITUTED = re.compile(r"[{}$%<>]")  # {base}, ${BASE}, %s, <root>


def _behind_substitution(path: str) -> str | None:
    """What follows the last substituted segment of a path: ``{SKYVERN_DIR}/webeye/dom.js`` ->
    ``webeye/dom.js`` (code that builds the path from a base it computes names that file)."""
    segs = path.split("/")
    last = max((i for i, s in enumerate(segs) if _SUBSTITUTED.search(s)), default=None)
    if last is None or last == len(segs) - 1:
        return None
    return "/".join(segs[last + 1 :])


class MentionIndex:
    def __init__(self, mentions: dict[str, tuple[tuple[str, int], ...]], files=()):
        """``mentions``: file -> its (token, line) pairs (tests already left out by the caller);
        ``files``: the repository's files, for names only one of them has."""
        self.dotted: dict[str, list[Mention]] = {}  # every dotted prefix of >= 2 parts
        # first part of a dotted token -> its mentions: "app.handler" (a Lambda image's CMD)
        # names app.py beside the file that writes it
        self.heads: dict[str, list[Mention]] = {}
        # file names behind a substituted base ("{{basename}}/modernizr.js", "${STATIC}/x.js"):
        # a path the program computes, naming the file of that name when only one has it
        self.behind: dict[str, list[Mention]] = {}
        self._base_count: dict[str, int] = {}
        for f in files:
            b = f.rsplit("/", 1)[-1]
            self._base_count[b] = self._base_count.get(b, 0) + 1
        self.paths: dict[str, list[Mention]] = {}  # path tokens as written, normalised
        self.exact: dict[str, list[Mention]] = {}  # relative tokens resolved to repo paths
        self.basenames: dict[str, list[Mention]] = {}  # file names with a code extension
        self.urls: list[tuple[tuple[str, ...], Mention]] = []
        self.route_names: dict[str, list[Mention]] = {}  # url_for("name") links
        self._segments: dict[str, tuple[str, ...] | None] = {}  # url_segments of each token once
        for file, tokens in mentions.items():
            folder = _dirname(file)
            for token, line in tokens:
                m = Mention(file, line, token)
                self._add(m, token, folder)

    def _add(self, m: Mention, token: str, folder: str) -> None:
        if token.startswith("url_for:"):
            self.route_names.setdefault(token[len("url_for:") :], []).append(m)
            return
        if "/" not in token:
            head = token.split(":", 1)[0]
            parts = head.split(".")
            if len(parts) >= 2 and all(p.isidentifier() for p in parts):
                for i in range(2, len(parts) + 1):
                    self.dotted.setdefault(".".join(parts[:i]), []).append(m)
                self.heads.setdefault(parts[0], []).append(m)
            if _CODE_EXT.search(token) and "." in token:
                self.basenames.setdefault(token, []).append(m)
            return
        if token.startswith(("./", "../")):
            full = posixpath.normpath(posixpath.join(folder, token))
            if not full.startswith(".."):
                self.exact.setdefault(full, []).append(m)
            return
        norm = token.lstrip("/").rstrip("/")
        if norm:
            self.paths.setdefault(norm, []).append(m)
            tail = _behind_substitution(norm)
            if tail and "/" in tail:
                self.paths.setdefault(tail, []).append(m)
            elif tail and _CODE_EXT.search(tail):
                self.basenames.setdefault(tail, []).append(m)
                self.behind.setdefault(tail, []).append(m)
            if _CODE_EXT.search(norm) and norm.count("/") >= 2:
                # a code file's path where it is copied to (an image's /workspace/plugins/x.ts):
                # it names the file that ends the same way (two or more parts)
                parts = norm.split("/")
                for k in range(2, len(parts)):
                    self.paths.setdefault("/".join(parts[-k:]), []).append(m)
        segs = self._segments.get(token, False)
        if segs is False:
            segs = self._segments[token] = url_segments(token)
        if segs:
            self.urls.append((segs, m))

    # ------------------------------------------------------------------ lookups
    def of_module(self, module: str | None) -> list[Mention]:
        if not module or "." not in module:
            return []
        return list(self.dotted.get(module, ()))

    def of_file(self, path: str) -> list[Mention]:
        """Mentions naming ``path``: a path ending with two or more of its parts (with or without
        the extension, or its folder for an index file), a relative path resolving to it, its
        bare file name, or for a module a dotted name it starts (``app.handler``), written in a
        file of an enclosing folder (a Dockerfile's ``CMD main.py``), or its file name behind a
        substituted base (``{{basename}}/modernizr.js``) when no other file has that name."""
        out: list[Mention] = []
        stem = _CODE_EXT.sub("", path)
        # a list, not a set: the order of the evidence must not follow string hashing
        forms = list(dict.fromkeys((path, stem)))
        base = path.rsplit("/", 1)[-1]
        if re.match(r"(index|__init__)\.", base) and "/" in path:
            forms.append(_dirname(path))
        for form in forms:
            out += self.exact.get(form, ())
            parts = form.split("/")
            for k in range(2, len(parts) + 1):
                out += self.paths.get("/".join(parts[-k:]), ())
        folder = _dirname(path)
        near = [*self.basenames.get(base, ())]
        if path.endswith(".py"):
            near += self.heads.get(base[:-3], ())
        for m in near:
            if m.kind == "docs":
                continue  # "utils.py" in prose names no particular file
            mdir = _dirname(m.file)
            if not mdir or folder == mdir or folder.startswith(mdir + "/"):
                out.append(m)
        if self._base_count.get(base) == 1:
            out += self.behind.get(base, ())
        return [m for m in dict.fromkeys(out) if m.file != path]

    def of_endpoints(self, endpoints: list[EndpointKey]) -> dict[tuple[str, str], list[Mention]]:
        """(method, path) -> mentions of that endpoint's path: the whole path (parameters match
        anything), its last two or more literal segments, or any of its tail behind a base the
        string substitutes (``${API}/items``, ``{base}/list_files``)."""
        if not endpoints:
            return {}
        index = EndpointIndex(endpoints)
        out: dict[tuple[str, str], list[Mention]] = {}
        # the same path is written in many places (docs, clients, examples): matched once
        matched: dict[tuple[tuple[str, ...], bool], list[EndpointKey]] = {}
        for segs, m in self.urls:
            # an OpenAPI document's paths are relative to its servers (``/create_thread`` of a
            # router mounted under /v2): one literal segment is enough there too
            spec = m.kind == "openapi"
            eps = matched.get((segs, spec))
            if eps is None:
                hits = index.match("ANY", segs)
                tail = segs
                while tail and tail[0] == PARAM:
                    tail = tail[1:]
                # behind a base written in the string (``{self.server_url}/list_files``) one
                # literal segment is enough: a string in code that builds that URL mentions it
                if sum(1 for s in tail if _literal(s)) >= (1 if tail is not segs or spec else 2):
                    hits += index.match_suffix("ANY", tail)
                eps = matched[(segs, spec)] = list(dict.fromkeys(hits))
            for ep in eps:
                out.setdefault((ep.method, ep.path), []).append(m)
        return out
