"""A manifest comment about a declaration: on its line, heading its run, or by a glob."""

from deadcode.analysis.dependencies import comment_about, declared_dependencies

PYPROJECT = """[project]
name = "x"
# Runtime dependencies
dependencies = [
    "requests>=2",
    "rich>=13",  # pretty logs in the worker
    # Transitive constraints for security patches
    "pyasn1>=0.6",
    "urllib3>=2",

    "httpx>=0.27",
]
"""


def _about(text: str, manifest: str) -> dict[str, str | None]:
    return {d.name: comment_about(text, d) for d in declared_dependencies({manifest: text})}


def test_a_heading_covers_its_run_and_a_line_comment_its_line():
    got = _about(PYPROJECT, "pyproject.toml")
    assert got["pyasn1"] == got["urllib3"]
    assert "pyproject.toml:7" in got["pyasn1"] and "Transitive constraints" in got["pyasn1"]
    assert "pretty logs" in got["rich"]
    # the comment above `dependencies = [` is about the project, not the first entries
    assert got["requests"] is None
    assert got["httpx"] is None  # after a blank line: another run


def test_requirements_headings_and_globs():
    text = "fastapi==0.110\n# security pins\nurllib3>=2\n\n# the langchain-* providers load at run time\n\nlangchain-groq>=1\n"
    got = _about(text, "requirements.txt")
    assert got["fastapi"] is None
    assert "security pins" in got["urllib3"]
    assert "langchain-*" in got["langchain-groq"]
