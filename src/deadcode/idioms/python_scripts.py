"""Python files something runs directly: ``if __name__ == "__main__"``, ``__main__.py``, tool
entry files by name, a module that reads its command line or starts its program at module level
(``args = parser.parse_args()``, ``x = sys.argv[1]``, ``main()``, ``asyncio.run(main())``: run
with ``python -m`` or ``python file.py``),
and files in no package that nothing imports (run by a shell script, a Dockerfile or a person:
a root, never dead code)."""

from __future__ import annotations

import re

from deadcode.graph.context import is_test_path
from deadcode.idioms.base import Entry, Idiom

# calls that start a program, at module level
PROGRAM_CALL = re.compile(
    r"(^|\.)(parse_args|parse_known_args)$|^(main|cli|asyncio\.run|fire\.Fire|"
    r"uvicorn\.run|sys\.exit|unittest\.main|app\.run|sys\.argv)$"
)
QUERY = """
(module (expression_statement (call function: [(identifier) (attribute)] @fn)))
(module (expression_statement (assignment right: (call function: [(identifier) (attribute)] @fn))))
(module (expression_statement (assignment right: (subscript value: (attribute) @fn))))
"""
TOOL_FILES = re.compile(r"(^|/)(conftest|setup|noxfile|fabfile|dodo|manage|gunicorn\.conf|wsgi|asgi)\.py$")


class PythonScripts(Idiom):
    name = "python-scripts"
    summary = (
        "scripts (`__main__` guard, `__main__.py`, tool files by name, `parse_args()`/`main()` at module level, "
        "files in no package nothing imports) are entries"
    )
    python_query = QUERY

    def read_python(self, module, matches):
        calls = tuple(
            dict.fromkeys(t for _i, caps in matches if PROGRAM_CALL.search(t := module.text(caps["fn"][0])))
        )
        return {"program_calls": calls} if calls else {}

    def entries(self, project):
        g = project.graph
        py = [p for p, f in project.facts.items() if f.py is not None and not is_test_path(p)]
        pkg_dirs = {p.rsplit("/", 1)[0] if "/" in p else "" for p in py if p.endswith("__init__.py")}
        for p in py:
            f = project.facts[p]
            if f.py.has_main_guard:
                yield Entry(p, 'runs as a script (if __name__ == "__main__")')
            elif p.endswith("__main__.py") and (p == "__main__.py" or p.endswith("/__main__.py")):
                yield Entry(p, "runs with python -m")
            elif getattr(f.py, "program_calls", ()):
                call = f.py.program_calls[0]
                yield Entry(
                    p, f"runs as a program ({call}{'' if call == 'sys.argv' else '()'} at module level)"
                )
            elif TOOL_FILES.search(p):
                yield Entry(p, "tool entry by name")
            else:
                folder = p.rsplit("/", 1)[0] if "/" in p else ""
                if folder not in pkg_dirs and not any(
                    e.kind in ("import", "gated", "lazy-import") for e in g.inc.get(f"file:{p}", ())
                ):
                    yield Entry(p, "standalone script outside any package")


IDIOM = PythonScripts()
