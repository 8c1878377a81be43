"""Celery task autodiscovery: ``app.autodiscover_tasks(["app.jobs.email", ...])`` imports the
``tasks`` module (or ``related_name=``) of each package it names, when the worker starts. The
package itself is a module string (graph/python_links.py); its ``tasks.py`` is named by no
string at all, so without this its tasks, and all they import, look dead. The names may sit in
the call (also inside a wrapper call or a list) or in a module-level list the call names."""

from __future__ import annotations

import re

from deadcode.facts.model import ModuleLoad
from deadcode.facts.py_values import read_args, string_value
from deadcode.idioms.base import Idiom

QUERY = r"""
(call
  function: (attribute attribute: (identifier) @method)
  arguments: (argument_list) @args
  (#eq? @method "autodiscover_tasks")) @call
"""
DOTTED = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$")
RELATED = "tasks"  # Celery's default related_name


def _strings(node) -> list[str]:
    """Every plain string literal under ``node`` that is a dotted name, in source order."""
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        value = string_value(n) if n.type in ("string", "concatenated_string") else None
        if value is not None:
            if DOTTED.match(value):
                out.append(value)
            continue
        stack.extend(reversed(n.named_children))
    return out


class Celery(Idiom):
    name = "celery"
    summary = (
        "`autodiscover_tasks([...packages])` imports each package's `tasks` module (or `related_name`): "
        "names in the call, a wrapper call or a module-level list it names"
    )
    python_query = QUERY

    def read_python(self, module, matches):
        lists = {name: value for name, value, _stmt in module.module_assigns}
        out: dict[tuple[str, int], ModuleLoad] = {}
        for _idx, caps in matches:
            call, args = caps["call"][0], read_args(caps["args"][0])
            related = string_value(args.keywords.get("related_name")) or RELATED
            packages: list[str] = []
            for node in args.positional[:1] or [args.keywords.get("packages")]:
                if node is None:
                    continue
                if node.type == "identifier" and module.text(node) in lists:
                    node = lists[module.text(node)]
                packages += _strings(node)
            line = call.start_point[0] + 1
            function = module._where(call.start_byte)[1]
            for pkg in dict.fromkeys(packages):
                target = f"{pkg}.{related}"
                why = f"celery autodiscover_tasks: {pkg} -> {target}"
                out.setdefault((target, line), ModuleLoad("module", target, line, self.name, function, why))
        return {"module_loads": tuple(out.values())} if out else {}


IDIOM = Celery()
