"""Declared dependencies that no live file imports: the kind ``unused-dependency``.

Manifests: ``pyproject.toml`` (PEP 621 ``dependencies``, Poetry ``[tool.poetry.dependencies]``),
``requirements*.txt`` (not the dev/test ones), ``package.json`` ``dependencies``. Dev dependencies
are tools (linters, test runners, type stubs): not judged, nor are the Python manifests of a
documentation build (``docs/requirements.txt``).

A dependency is used when a live file imports it, or when any text the repository runs or
configures names it as a word (``uvicorn`` in a Dockerfile ``CMD``, ``vite`` in an npm script,
``asyncpg`` in a database URL, a plugin in a config file). One that only dead code imports goes
with the group that removes that code. Import names come from the installed distribution
metadata when deadcode's environment has the package, else from a table of well-known names
(``PIL`` is ``pillow``); a guessed name makes the finding ``unsure``. A peer dependency of a
package live code imports is used (``analysis/lockfiles.py``), and a dependency a comment of the
manifest is about is ``unsure``: its author says why it is there.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from deadcode.graph.context import is_test_path

# distribution -> top-level import names, where they differ from the distribution's name
KNOWN_IMPORTS = {
    "pillow": ("PIL",),
    "pyyaml": ("yaml",),
    "beautifulsoup4": ("bs4",),
    "scikit-learn": ("sklearn",),
    "opencv-python": ("cv2",),
    "opencv-python-headless": ("cv2",),
    "python-dateutil": ("dateutil",),
    "python-dotenv": ("dotenv",),
    "pyjwt": ("jwt",),
    "python-jose": ("jose",),
    "python-multipart": ("multipart",),
    "attrs": ("attr", "attrs"),
    "pyopenssl": ("OpenSSL",),
    "pycryptodome": ("Crypto",),
    "pycryptodomex": ("Cryptodome",),
    "python-magic": ("magic",),
    "psycopg2-binary": ("psycopg2",),
    "psycopg-binary": ("psycopg",),
    "psycopg": ("psycopg",),
    "msgpack-python": ("msgpack",),
    "pymupdf": ("fitz", "pymupdf"),
    "python-slugify": ("slugify",),
    "python-socketio": ("socketio",),
    "python-engineio": ("engineio",),
    "google-api-python-client": ("googleapiclient",),
    "protobuf": ("google",),
    "grpcio": ("grpc",),
    "pymysql": ("pymysql",),
    "mysqlclient": ("MySQLdb",),
    "ruamel.yaml": ("ruamel",),
    "typing-extensions": ("typing_extensions",),
    "discord.py": ("discord",),
    "email-validator": ("email_validator",),
    "sentry-sdk": ("sentry_sdk",),
    "faiss-cpu": ("faiss",),
    "faiss-gpu": ("faiss",),
    "tree-sitter": ("tree_sitter",),
    "gitpython": ("git",),
    "pyzmq": ("zmq",),
    "websocket-client": ("websocket",),
    "llama-index": ("llama_index",),
    "azure-storage-blob": ("azure",),
    "boto3-stubs": (),
    "uvicorn": ("uvicorn",),
    "gunicorn": ("gunicorn",),
}
# distribution families whose import name is the distribution's with "_" for "-", known
# (langchain-text-splitters imports as langchain_text_splitters)
UNDERSCORE_FAMILIES = ("langchain-",)
# distribution families sharing a namespace package
PREFIX_IMPORTS = (
    ("google-cloud-", "google"),
    ("google-", "google"),
    ("azure-", "azure"),
    ("opentelemetry-", "opentelemetry"),
    ("llama-index-", "llama_index"),
    ("jaraco.", "jaraco"),
    ("zope.", "zope"),
)
# loaded by another library, a URL scheme or a CLI, never imported by name: never certain
IMPLICIT = frozenset(
    {
        "python-multipart",
        "itsdangerous",
        "jinja2",
        "email-validator",
        "psycopg2",
        "psycopg2-binary",
        "psycopg",
        "psycopg-binary",
        "asyncpg",
        "aiosqlite",
        "aiomysql",
        "pymysql",
        "mysqlclient",
        "cx-oracle",
        "oracledb",
        "pyodbc",
        "uvloop",
        "httptools",
        "websockets",
        "watchfiles",
        "orjson",
        "ujson",
        "greenlet",
        "gevent",
        "eventlet",
        "cryptography",
        "bcrypt",
        "pytz",
        "tzdata",
        "certifi",
        "charset-normalizer",
        "idna",
        "urllib3",
        "setuptools",
        "wheel",
        "pip",
        "h11",
        "h2",
        "brotli",
        "uvicorn",
        "gunicorn",
        "hypercorn",
        "daphne",
        "python-json-logger",
        "redis",
        "hiredis",
        "kombu",
        "amqp",
        "tenacity",
        "typing-extensions",
        "pydantic-core",
        "sniffio",
        "anyio",
    }
)
# libraries that import optional packages when a feature of theirs runs (``BS4HTMLParser`` needs
# bs4, ``pd.read_excel`` openpyxl): with one of them imported by live code, a declared package
# nothing imports may be what they load. None: any package (integration hubs); a name ending
# in "-" is a family (init_chat_model("anthropic:...") imports langchain-anthropic)
OPTIONAL_LOADERS: dict[str, frozenset[str] | None] = {
    "langchain_community": None,
    "langchain": frozenset({"langchain-"}),
    "llama_index": None,
    "haystack": None,
    "esperanto": None,
    "litellm": None,
    "unstructured": None,
    "pandas": frozenset(
        {
            "openpyxl",
            "xlrd",
            "xlsxwriter",
            "pyxlsb",
            "odfpy",
            "pyarrow",
            "fastparquet",
            "tables",
            "lxml",
            "html5lib",
            "beautifulsoup4",
            "tabulate",
            "sqlalchemy",
            "fsspec",
            "s3fs",
            "gcsfs",
            "numexpr",
            "bottleneck",
            "matplotlib",
            "scipy",
            "zstandard",
            "python-calamine",
        }
    ),
    "sqlalchemy": frozenset({"greenlet"}),
    "transformers": frozenset(
        {
            "accelerate",
            "bitsandbytes",
            "sentencepiece",
            "tokenizers",
            "timm",
            "torchvision",
            "protobuf",
            "safetensors",
            "optimum",
            "peft",
            "einops",
            "tiktoken",
            "pillow",
            "av",
            "librosa",
            "soundfile",
            "flash-attn",
        }
    ),
}


def optionally_loaded(dist: str, names: frozenset[str] | None) -> bool:
    """Whether a loader of ``OPTIONAL_LOADERS`` with these ``names`` may import ``dist``."""
    key = normalise(dist)
    return names is None or key in names or any(n.endswith("-") and key.startswith(n) for n in names)


# npm packages frameworks load for the app (a default server entry, polyfills, the JSX runtime)
IMPLICIT_NPM = frozenset(
    {
        "isbot",
        "react-dom",
        "tslib",
        "core-js",
        "regenerator-runtime",
        "@babel/runtime",
        "@react-router/node",
        "@react-router/serve",
        "@remix-run/node",
        "@remix-run/serve",
        # peer dependencies a framework's own packages import (Docusaurus' MDX theme)
        "@mdx-js/react",
        "react-is",
        # optional packages a framework loads when present: next/image's optimiser
        "sharp",
    }
)
DEV_REQUIREMENTS = re.compile(r"(dev|test|lint|doc|ci|types?|typing|mypy|tools?)", re.I)
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?")


@dataclass(frozen=True)
class Declared:
    manifest: str
    name: str  # as declared
    line: int
    ecosystem: str  # python | npm
    pinned_list: bool = False  # in a list pinned like a lock file: it may pin another package's need


def _pinned(specs: list[str]) -> bool:
    """A list where nearly every entry is ``==``-pinned and long is a freeze, not a choice."""
    return len(specs) >= 15 and sum(1 for x in specs if "==" in x) >= 0.8 * len(specs)


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@lru_cache(maxsize=None)
def _installed(dist: str) -> tuple[str, ...]:
    """The top-level import names of ``dist`` from the metadata of deadcode's environment, when
    it has the package (one lookup per name: scanning every distribution costs half a second)."""
    from importlib import metadata

    try:
        d = metadata.distribution(dist)
        top = d.read_text("top_level.txt")
        if top:
            return tuple(sorted({t.strip() for t in top.split() if t.strip()}))
        names = {str(f).split("/", 1)[0] for f in d.files or () if not str(f).startswith(("..", "__"))}
        return tuple(
            sorted(
                n[:-3] if n.endswith(".py") else n
                for n in names
                if not n.endswith((".dist-info", ".egg-info", ".pth", ".data"))
                and n.replace(".py", "").isidentifier()
            )
        )
    except Exception:  # not installed, or broken metadata: fall back to the table
        return ()


def import_names(dist: str) -> tuple[tuple[str, ...], bool]:
    """(the names ``import`` uses for ``dist``, whether they are known rather than guessed)."""
    key = normalise(dist)
    if key in KNOWN_IMPORTS:
        return KNOWN_IMPORTS[key], True
    installed = _installed(dist)
    if installed:
        return installed, True
    if key.startswith(UNDERSCORE_FAMILIES):
        return (key.replace("-", "_"),), True
    for prefix, top in PREFIX_IMPORTS:
        if key.startswith(prefix):
            return (top,), True
    guess = key.replace("-", "_")
    for strip in ("python_", "py_", "py"):
        # pybase62 imports base62, pyserial serial, python-dotenv dotenv: both names, a guess
        if guess.startswith(strip) and len(guess) > len(strip) + 1:
            return (guess, guess[len(strip) :]), False
    return (guess,), guess.isidentifier() and "_" not in guess


# Python manifests of a documentation build (Sphinx and its extensions for Read the Docs): tools
_DOCS_FOLDER = re.compile(r"(^|/)(docs?|documentation)/")


def declared_dependencies(side_texts: dict[str, str]) -> list[Declared]:
    out: list[Declared] = []
    for path, text in sorted(side_texts.items()):
        base = path.rsplit("/", 1)[-1]
        if is_test_path(path) or (base != "package.json" and _DOCS_FOLDER.search(path)):
            continue
        if base == "package.json":
            out += _npm(path, text)
        elif base == "pyproject.toml":
            out += _pyproject(path, text)
        elif (
            base.startswith("requirements")
            and base.endswith(".txt")
            and not DEV_REQUIREMENTS.search(base[12:])
        ):
            out += _requirements(path, text)
    return out


def _line_of(text: str, needle: str) -> int:
    i = text.find(needle)
    return text.count("\n", 0, i) + 1 if i >= 0 else 1


def _npm(path: str, text: str) -> list[Declared]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return []
    deps = data.get("dependencies") if isinstance(data, dict) else None
    if not isinstance(deps, dict):
        return []
    return [Declared(path, str(name), _line_of(text, f'"{name}"'), "npm") for name in deps]


def _requirements(path: str, text: str) -> list[Declared]:
    out = []
    section_dev = False
    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("#"):
            # "# tests" / "# dev" headings: what follows is not the runtime's
            section_dev = section_dev or bool(DEV_REQUIREMENTS.search(stripped))
            continue
        if section_dev or not stripped or stripped.startswith(("-", "git+", "http")):
            continue
        m = REQUIREMENT.match(stripped)
        if m:
            out.append(Declared(path, m.group(1), n, "python", stripped))
    pinned = _pinned([d.pinned_list for d in out])
    return [Declared(d.manifest, d.name, d.line, d.ecosystem, pinned) for d in out]


def _pyproject(path: str, text: str) -> list[Declared]:
    from deadcode.idioms.base import load_toml

    data = load_toml(text)
    out = []
    project = data.get("project") if isinstance(data.get("project"), dict) else {}
    specs = [str(x) for x in project.get("dependencies") or ()]
    for spec in specs:
        m = REQUIREMENT.match(spec)
        if m:
            out.append(Declared(path, m.group(1), _line_of(text, spec), "python", _pinned(specs)))
    poetry = (data.get("tool") or {}).get("poetry") if isinstance(data.get("tool"), dict) else None
    if isinstance(poetry, dict) and isinstance(poetry.get("dependencies"), dict):
        for name in poetry["dependencies"]:
            if name.lower() != "python":
                out.append(Declared(path, name, _line_of(text, f"{name} ="), "python"))
    return out


_TRAILING_COMMENT = re.compile(r"""(?:^|["'\s,])#\s*(.+?)\s*$""")
_COMMENT_GLOB = re.compile(r"([A-Za-z0-9][\w.-]*)\*")


def comment_about(text: str, dep: Declared) -> str | None:
    """A comment of the manifest about the declaration: one on its own line (``"psycopg>=3",  #
    loaded by SQLAlchemy's URL``), one heading the run of declarations it is in, or a comment
    naming it by a glob (``# the langchain-* providers below are loaded by esperanto``). Its
    author says why it is there."""
    lines = text.splitlines()
    own = lines[dep.line - 1] if 0 < dep.line <= len(lines) else ""
    m = _TRAILING_COMMENT.search(own.split(dep.name, 1)[-1])
    if m:
        return f"{dep.manifest}:{dep.line} has a comment on its line: {m.group(1)[:120]!r}"
    heading = _heading_comment(lines, dep.line)
    if heading:
        n, comment = heading
        return f"{dep.manifest}:{n} a comment heads its declarations: {comment[:120]!r}"
    key = normalise(dep.name)
    for n, line in enumerate(lines, 1):
        stripped = line.strip()
        if "#" not in stripped:
            continue
        comment = stripped[stripped.index("#") + 1 :].strip()
        for glob in _COMMENT_GLOB.findall(comment):
            if key.startswith(normalise(glob)) and len(glob) > 2:
                return f"{dep.manifest}:{n} names it in a comment by {glob}*: {comment[:120]!r}"
    return None


_DECLARATION = re.compile(
    r"""^\s*(["'][^"']+["']\s*,?|[A-Za-z0-9][\w.\[\],-]*\s*(=.*|[<>=!~;@].*)?)\s*(#.*)?$"""
)


def _heading_comment(lines: list[str], line: int) -> tuple[int, str] | None:
    """The comment right above the run of declarations ``line`` is in (no blank line between):
    ``# Transitive dependency constraints for security patches`` over the pins it explains. The
    first line of the manifest's own list (``dependencies = [``) ends the run."""
    i = line - 2
    while i >= 0 and _DECLARATION.match(lines[i]) and not lines[i].lstrip().startswith("#"):
        if lines[i].rstrip().endswith("["):
            return None  # ``dependencies = [``: a comment above the list is about the project
        i -= 1
    if i < 0 or not lines[i].lstrip().startswith("#"):
        return None
    while i > 0 and lines[i - 1].lstrip().startswith("#"):
        i -= 1  # the comment's first line
    return i + 1, lines[i].strip().lstrip("#").strip()


ESLINT_CONFIG_NAMES = (
    ".eslintrc",
    ".eslintrc.json",
    ".eslintrc.js",
    ".eslintrc.cjs",
    ".eslintrc.yaml",
    ".eslintrc.yml",
    "eslint.config.js",
    "eslint.config.mjs",
    "eslint.config.cjs",
    "eslint.config.ts",
)


def eslint_short_name(name: str) -> tuple[str, str] | None:
    """How an ESLint config names a shareable config or a plugin package: ``eslint-config-next``
    is ``next`` (``extends: "next/core-web-vitals"``), ``eslint-plugin-react`` is ``react``
    (``plugin:react/recommended``), ``@acme/eslint-config`` is ``@acme``. (kind, short name)."""
    scope, _, base = name.rpartition("/") if name.startswith("@") else ("", "", name)
    for kind in ("config", "plugin"):
        stem = f"eslint-{kind}"
        if base == stem and scope:
            return kind, scope
        if base.startswith(stem + "-"):
            short = base[len(stem) + 1 :]
            return kind, f"{scope}/{short}" if scope else short
    return None


def eslint_names(name: str, configs: dict[str, str]) -> str | None:
    """The ``file:line`` of an ESLint config (``configs``: path -> text) that uses the package:
    any config for ``eslint`` itself, its short name in quotes for a shared config or plugin."""
    if name == "eslint":
        return next((f"{p}:1" for p in sorted(configs)), None)
    short = eslint_short_name(name)
    if short is None:
        return None
    pattern = re.compile(r"""["'](plugin:)?""" + re.escape(short[1]) + r"""(/[^"']*)?["']""")
    for path, text in sorted(configs.items()):
        m = pattern.search(text)
        if m:
            return f"{path}:{text.count(chr(10), 0, m.start()) + 1}"
    return None


def npm_names(name: str) -> tuple[str, ...]:
    """Words that show an npm package is used: its name, and the command names it installs
    (``@react-router/serve`` -> ``react-router-serve``); ``@types/x`` is used when ``x`` is."""
    if name.startswith("@types/"):
        inner = name[len("@types/") :]
        return (inner.replace("__", "/", 1) if "__" in inner else inner,)
    if name.startswith("@") and "/" in name:
        scope, pkg = name[1:].split("/", 1)
        return (
            name,
            f"{scope}-{pkg}",
            pkg if pkg not in ("core", "cli", "react", "utils", "client", "server") else name,
        )
    return (name,)


def npm_package(specifier: str) -> str | None:
    """``@scope/pkg/sub`` -> ``@scope/pkg``; ``react-dom/client`` -> ``react-dom``; None for paths."""
    if specifier.startswith((".", "/", "~", "#", "node:")) or not specifier:
        return None
    parts = specifier.split("/")
    return "/".join(parts[:2]) if specifier.startswith("@") else parts[0]


def words_in(reads, paths, names: set[str], skip=frozenset()) -> dict[str, str]:
    """name -> the first ``file:line`` that names it as a word (a run command, a config, a URL);
    ``skip`` holds the (file, line) of the declarations themselves. ``reads``: the run's
    ``graph.reads.Reads`` (each search is recorded, so cached verdicts can be checked)."""
    if not names:
        return {}
    # longest first, so "react-dom" wins over "react" where both start
    ordered = tuple(sorted(names, key=lambda n: (-len(re.escape(n)), n)))
    skipped: dict[str, set[int]] = {}
    for path, line in skip:
        skipped.setdefault(path, set()).add(line)
    found: dict[str, str] = {}
    for path in paths:
        for name, line in reads.words(path, ordered, frozenset(skipped.get(path, ()))):
            found.setdefault(name, f"{path}:{line}")
        if len(found) == len(names):
            break
    return found
