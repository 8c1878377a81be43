"""Folders of Python files a call loads by name: ``Router(db, migrate_dir="migrations")``
(peewee-migrate), ``read_migrations("db/migrations")`` (yoyo), ``cfg.set_main_option(
"script_location", "migrations")`` (alembic), ``load_plugins("plugins")``: a string argument
naming a folder. The folder is relative to the working directory, which is unknown, so the
nearest folder of that name from the calling file up is loaded (``ModuleLoad`` kind ``dir``)."""

from __future__ import annotations

import re

from deadcode.facts.model import ModuleLoad
from deadcode.facts.py_values import read_args, string_value
from deadcode.idioms.base import Idiom

QUERY = r"""
(call
  function: [(identifier) (attribute)] @fn
  arguments: (argument_list) @args
  (#match? @fn "(?i)(migrat|plugin|set_main_option)")) @call
(keyword_argument
  name: (identifier) @kw
  value: (string) @value
  (#match? @kw "(?i)^(migrat[a-z_]*|script_location|(plugins?|migrations?|extensions?)_(dir|path|folder|directory))$")) @kwarg
"""
FOLDER = re.compile(r"^\.{0,2}/?[\w.-]+(/[\w.-]+)*/?$")


def _folder_value(node) -> str | None:
    value = string_value(node)
    if (
        not value
        or not FOLDER.match(value)
        or value.endswith((".py", ".ini", ".toml", ".json", ".yaml", ".yml"))
    ):
        return None
    return value


class CodeFolders(Idiom):
    name = "code-folders"
    summary = (
        'a folder of Python files named in a loading call (`Router(migrate_dir="migrations")`, '
        '`read_migrations("migrations")`, `set_main_option("script_location", ...)`) is loaded'
    )
    python_query = QUERY

    def read_python(self, module, matches):
        out: dict[tuple[str, int], ModuleLoad] = {}

        def add(node, why: str) -> None:
            value = _folder_value(node)
            if value is not None:
                line = node.start_point[0] + 1
                function = module._where(node.start_byte)[1]
                out.setdefault((value, line), ModuleLoad("dir", value, line, self.name, function, why[:200]))

        for _idx, caps in matches:
            if "kwarg" in caps:
                add(caps["value"][0], module.text(caps["kwarg"][0]))
                continue
            fn = module.text(caps["fn"][0])
            args = read_args(caps["args"][0])
            why = module.text(caps["call"][0])
            if fn.endswith("set_main_option"):
                if len(args.positional) >= 2 and string_value(args.positional[0]) == "script_location":
                    add(args.positional[1], why)
                continue
            for node in list(args.positional) + list(args.keywords.values()):
                add(node, why)
        return {"module_loads": tuple(out.values())} if out else {}


IDIOM = CodeFolders()
