"""Apps and plugin lists in settings: ``INSTALLED_APPS = ["billing", "app.plugins.slack"]``,
``PLUGINS = (...)``, ``EXTENSIONS``, ``MIDDLEWARE``, ``*_BACKENDS``: a framework imports every
module named there (Django also loads each app's ``models``, ``admin``, ``apps``, ``signals``,
``urls``, ``tasks``, ``migrations``, ``management/commands`` and ``templatetags``). Read in the
Python extractor's pass; dotted names in any string are module mentions already."""

from __future__ import annotations

import re

from deadcode.facts.model import ModuleLoad
from deadcode.facts.py_values import string_value
from deadcode.idioms.base import Idiom

QUERY = r"""
(module (expression_statement (assignment
  left: (identifier) @name
  right: [(list) (tuple)] @items
  (#match? @name "^([A-Z][A-Z0-9_]*_)?(APPS|PLUGINS?|EXTENSIONS|MODULES|MIDDLEWARES?|BACKENDS?|HANDLERS|PROVIDERS|LOADERS|CONTRIB)$"))))
"""
NAME = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*")
APP_MODULES = ("models", "admin", "apps", "signals", "urls", "tasks", "receivers")
APP_PACKAGES = ("migrations", "management.commands", "templatetags")


class PluginLists(Idiom):
    name = "plugin-lists"
    summary = (
        "modules named in apps/plugins lists (`INSTALLED_APPS`, `PLUGINS`, `EXTENSIONS`, `MIDDLEWARE`, "
        "`*_BACKENDS`) are loaded, with a Django app's conventional modules"
    )
    python_query = QUERY

    def read_python(self, module, matches):
        out: list[ModuleLoad] = []
        for _idx, caps in matches:
            var = module.text(caps["name"][0])
            for item in caps["items"][0].named_children:
                value = string_value(item)
                if not value or not NAME.fullmatch(value):
                    continue
                line = item.start_point[0] + 1
                text = f"{var} lists {value!r}"
                out.append(ModuleLoad("module", value, line, self.name, None, text))
                if var.endswith("APPS"):
                    out += [
                        ModuleLoad("module", f"{value}.{m}", line, self.name, None, text) for m in APP_MODULES
                    ]
                    out += [
                        ModuleLoad("prefix", f"{value}.{m}.", line, self.name, None, text)
                        for m in APP_PACKAGES
                    ]
        return {"module_loads": tuple(out)} if out else {}


IDIOM = PluginLists()
