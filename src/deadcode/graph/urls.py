"""URL templates, language-neutral: a client URL as the linkers resolved it -> where it goes
(our backend with a known path, our backend behind an unknown base, another host) and its path
segments. Endpoint paths are split by the same rules (``endpoint_segments``).

A resolved URL is text in which ``\\0`` stands for a value the linker could not know (a
parameter, an unresolved variable). A segment is literal text, ``{}`` (a parameter: FastAPI's
``{id}``, a client's ``${id}``), ``{**}`` (a parameter spanning segments: Starlette's
``{p:path}``), or text mixing literals and ``\\0`` (``/files/{name}.json``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from deadcode.graph.route_syntax import endpoint_param_kind
from deadcode.idioms.http_clients import LOCAL_HOST

PARAM = "{}"
SPLAT = "{**}"
UNKNOWN = "\0"

# where a URL's path starts from
KNOWN = "known"  # our backend's origin: the path is the whole story
ORIGIN = "origin"  # an origin whose host we cannot read, then a known path: our backend or another service
BASE_UNKNOWN = "unknown"  # an unknown base (maybe holding a path prefix) precedes the path
OTHER_HOST = "other-host"  # a literal host that is not this machine: never our endpoints
RELATIVE = "relative"  # no leading "/": relative to a client's base URL (axios.defaults, a fetcher)

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:(?=//)", re.IGNORECASE)
_FASTAPI_PARAM = re.compile(r"\{[^}/]*\}")
_OTHER_SCHEME = re.compile(r"^(blob|data|mailto|tel|javascript|about|file|chrome-extension):", re.IGNORECASE)
_ORIGIN_ONLY = re.compile(r"^([a-z][a-z0-9+.-]*:)?//[^/]*$", re.IGNORECASE)
_SLASHES = re.compile(r"/+")


def clean_path(path: str) -> str:
    """Drop the query and fragment, collapse ``//``, drop a trailing ``/``."""
    path = path.split("#", 1)[0].split("?", 1)[0]
    if "//" in path:
        path = _SLASHES.sub("/", path)
    if len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    return path or "/"


@lru_cache(maxsize=1 << 16)  # pure, and asked of the same paths again and again (endpoints, calls, mentions)
def endpoint_segments(path: str) -> tuple[str, ...]:
    """``/api/v0_1/databases/{database_id}`` -> ("api", "v0_1", "databases", "{}");
    ``/files/{p:path}`` -> ("files", "{**}")."""
    path = clean_path(path)
    segs = []
    for s in path.strip("/").split("/"):
        if not s:
            continue
        if s == PARAM or s == UNKNOWN:
            segs.append(PARAM)
        elif _FASTAPI_PARAM.fullmatch(s):
            segs.append(SPLAT if endpoint_param_kind(s) == "splat" else PARAM)
        elif "{" in s:  # /files/{name}.json: a segment mixing text and a parameter
            segs.append(_FASTAPI_PARAM.sub(UNKNOWN, s))
        else:
            segs.append(s)
    return tuple(segs)


def display_path(segs: tuple[str, ...]) -> str:
    return "/" + "/".join(s.replace(UNKNOWN, "{}") for s in segs)


def is_literal(seg: str) -> bool:
    return seg not in (PARAM, SPLAT) and UNKNOWN not in seg


@dataclass(frozen=True)
class Located:
    """Where a client URL goes: ``base`` (KNOWN, ORIGIN, BASE_UNKNOWN, OTHER_HOST, RELATIVE) and
    the path's segments (for BASE_UNKNOWN without the leading unknown ones)."""

    base: str
    segments: tuple[str, ...]
    host: str = ""

    @property
    def path(self) -> str:
        return display_path(self.segments)


def join_parts(parts) -> str:
    """Resolved parts (text, or None for an unknown value) -> text with ``\\0`` for unknowns.
    A trailing unknown glued to a literal segment (``/login${q ? "?r=1" : ""}``) is a query
    string or suffix, not part of the path: dropped."""
    parts = list(parts)
    while (
        len(parts) > 1
        and parts[-1] is None
        and isinstance(parts[-2], str)
        and not parts[-2].endswith("/")
        and "?" not in parts[-2]
        and "/" in parts[-2]
        and not _ORIGIN_ONLY.match(_text(parts[:-1]))
    ):
        parts.pop()
    return _text(parts)


def configured_host(value: str) -> list:
    """A base URL read from configuration (a constant, a settings default, an env value) as
    parts: a host it names that is not this machine may still be our own deployment
    (``https://api.example.com``, compose's ``http://backend:8000``), so it becomes an unknown
    host (``None``): its path is matched exactly, a miss is no broken call. Only a host written
    in the call itself is another service's."""
    m = re.match(r"^([a-z][a-z0-9+.-]*://)([^/]*)(.*)$", value, re.IGNORECASE | re.DOTALL)
    if m is None or not m.group(2) or LOCAL_HOST.match(m.group(2)):
        return [value]
    return [m.group(1), None, m.group(3)] if m.group(3) else [m.group(1), None]


def _text(parts) -> str:
    return "".join(UNKNOWN if p is None else p for p in parts)


def locate(text: str) -> Located:
    """A resolved URL text (``\\0`` for unknowns) -> where it goes and its path segments."""
    host = None
    rest = text
    m = _SCHEME.match(text)
    if m:  # https://host/x
        rest = text[m.end() + 2 :]
        host = ""
    elif text.startswith("//"):  # protocol-relative
        rest = text[2:]
        host = ""
    elif text.startswith(UNKNOWN):
        m2 = re.match(r"^\0:?//", text)  # ${protocol}//${host}/x, ${scheme}://host/x
        if m2:
            rest = text[m2.end() :]
            host = ""
    if host is not None:
        cut = rest.find("/")
        host, rest = (rest, "") if cut < 0 else (rest[:cut], rest[cut:])
        if UNKNOWN in host or not host:
            return Located(ORIGIN, _client_segments(rest), host)
        if not LOCAL_HOST.match(host):
            return Located(OTHER_HOST, (), host)
        return Located(KNOWN, _client_segments(rest), host)
    if text.startswith("/"):
        return Located(KNOWN, _client_segments(text))
    if text.startswith(UNKNOWN):
        segs = _client_segments(text)
        i = 0  # drop the unknown base: leading segments that are or contain a substitution
        while i < len(segs) and not is_literal(segs[i]):
            i += 1
        return Located(BASE_UNKNOWN, segs[i:])
    if _OTHER_SCHEME.match(text):
        return Located(OTHER_HOST, ())  # blob:, data:, mailto:, javascript: -- no request to us
    if re.match(r"^[A-Za-z0-9_.~-]", text) and " " not in text and "://" not in text:
        return Located(RELATIVE, _client_segments("/" + text))
    return Located(OTHER_HOST, ())  # "mailto:...", "data:...", "blob:...": no HTTP request to us


def _client_segments(path: str) -> tuple[str, ...]:
    return tuple(PARAM if s == UNKNOWN else s for s in endpoint_segments(path.replace(UNKNOWN, "{}")))
