"""File names are data a pull-request author controls: in the Markdown report (rendered with raw
HTML on, in Chromium), in mermaid blocks, and on the terminal, none of them becomes markup, a
script, a mermaid statement or a terminal escape."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from deadcode.output.escape import gh_data, gh_property, md_code, md_text, mermaid_label, terminal
from deadcode.pipeline import Options, load
from deadcode.report.render import build_report_model, render_markdown
from tests.report.test_report import make_repo, real_plan

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# the HTML report test's payload, and the ones that broke the Markdown report: a double backtick
# that ends a code span, a link, a table pipe, and a mermaid label that closes its quote
PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "``<img src=x onerror=alert(2)>``",
    "`<svg onload=alert(3)>`",
    "[x](javascript:alert(4))",
    "a|b<b onmouseover=alert(5)>c",
    '"]; click n0 "javascript:alert(6)"; x["',
]


def test_md_code_fences_longer_than_any_backtick_run():
    assert md_code("a``b") == "```a``b```"
    assert md_code("`x`") == "`` `x` ``"
    assert md_code("a|b") == "`a\\|b`"
    assert md_code("two\nlines") == "`two lines`"


def test_md_text_neutralises_markup():
    s = md_text("<img src=x> [l](javascript:1) `c` *e* | \\")
    assert "<" not in s and "&lt;img src=x&gt;" in s
    assert "\\[l\\](javascript:1)" in s and "\\`c\\`" in s and "\\*e\\*" in s and "\\|" in s


def test_mermaid_labels_are_quoted_and_closed():
    label = mermaid_label('a"]; click n0 "javascript:x" <b>\nnext')
    assert label.startswith('"') and label.endswith('"') and label.count('"') == 2
    inner = re.sub(r"#\d+;", "", label[1:-1])  # mermaid's entity codes
    assert not re.search(r'[<>\n;"\[\]]', inner) and "#34;javascript" in label


def test_terminal_and_workflow_escapes():
    assert terminal("a\x1b[2Jb\x07\u202ec") == "a\\x1b[2Jb\\x07\\u202ec"
    assert gh_data("50%\r\n::x") == "50%25%0D%0A::x"
    assert gh_property("a,b:c") == "a%2Cb%3Ac"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = make_repo(tmp_path_factory.mktemp("hostile"))
    folder = root / "frontend/src/components"
    for p in PAYLOADS:
        (folder / f"{p}.tsx").write_text("export const x = 1;\n", encoding="utf-8")
    # a live page importing one of them puts the payload into a group picture (mermaid) too
    (root / "frontend/src/components/guides/GuideCard.tsx").write_text(
        "import { x } from '../" + PAYLOADS[5].replace("'", "\\'") + "';\nexport const GuideCard = () => x;\n"
    )
    loaded = load(Options(root, no_cache=True, quiet=True))
    return loaded, render_markdown(build_report_model(loaded, real_plan(loaded)))


def test_markdown_report_keeps_every_payload_literal(hostile):
    loaded, md = hostile
    names = {Path(f.path).name for f in loaded.analysis.findings}
    assert {f"{p}.tsx" for p in PAYLOADS[:5]} <= names
    prose = re.sub(r"^(`{3,}).*?^\1$", "", md, flags=re.M | re.S)  # fenced blocks render literally
    prose = re.sub(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", "", prose)  # and so do code spans
    assert "<img" not in prose and "<svg" not in prose and "<b " not in prose
    assert "](javascript:" not in prose.replace("\\](javascript:", "")
    for block in re.findall(r"^```mermaid\n(.*?)^```$", md, flags=re.M | re.S):
        for line in block.splitlines()[1:]:
            # a node `  nN["..."]`, an edge `  nA -->|"..."| nB`, or a classDef/class line: the
            # quotes open and close once per label, nothing after the statement
            assert re.fullmatch(
                r'  (n\d+\["[^"\n]*"\]|n\d+ -\.?->\|"[^"\n]*"\| n\d+|classDef .*|class n\d+ dead;)', line
            ), line


@pytest.mark.browser
@pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason="Debian chromium is not installed at /usr/bin/chromium"
)
def test_markdown_rendered_with_raw_html_runs_no_script(hostile):
    markdown_it = pytest.importorskip("markdown_it")
    sync_api = pytest.importorskip("playwright.sync_api")
    _, md = hostile
    html = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table").render(md)
    assert "onerror=alert" in html  # the payloads are there, as text
    page_html = (
        "<!doctype html><meta charset=utf-8><script>window.fired = [];"
        "window.alert = function (x) { window.fired.push(String(x)); };</script>" + html
    )
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            dialogs = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.set_content(page_html, wait_until="load")
            page.wait_for_timeout(300)
            # hovering every element fires any onmouseover a payload could have smuggled in
            page.eval_on_selector_all(
                "body *", "els => els.forEach(e => e.dispatchEvent(new MouseEvent('mouseover')))"
            )
            fired = page.evaluate("window.fired")
            handlers = page.eval_on_selector_all(
                "body *",
                "els => els.filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length",
            )
            links = page.eval_on_selector_all("a[href^='javascript:']", "els => els.length")
        finally:
            browser.close()
    assert fired == [] and dialogs == []
    assert handlers == 0 and links == 0


def test_terminal_output_escapes_control_characters(tmp_path):
    root = make_repo(tmp_path / "repo")
    evil = "Title\u202eReversed\u200f.tsx"  # bidi overrides: a finding, shown escaped
    (root / "frontend/src/components" / evil).write_text("export const x = 1;\n", encoding="utf-8")
    # control characters: never a finding (skipped, with an escaped warning)
    (root / "frontend/src/components/T\x1b]0;pwned\x07\x1b[2J.tsx").write_text("export const y = 1;\n")
    (root / "backend/app/bad.py").write_text("def f(:\n  '\x1b[31m'\n", encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "deadcode", *args], capture_output=True, text=True)

    scan = run("scan", str(root), "--no-cache")
    assert scan.returncode == 0, scan.stderr
    assert "\x1b" not in scan.stdout and "\x07" not in scan.stdout and "\u202e" not in scan.stdout
    assert "Title\\u202eReversed\\u200f.tsx" in scan.stdout
    assert "\x1b" not in scan.stderr and "T\\x1b]0;pwned\\x07\\x1b[2J.tsx" in scan.stderr
    check = run(
        "check", str(root), "--baseline", str(tmp_path / "b.json"), "--no-cache", "-q", "--include-unsure"
    )
    assert check.returncode == 1 and "\x1b" not in check.stdout and "\u202e" not in check.stdout
    explain = run("explain", f"frontend/src/components/{evil}", str(root), "--no-cache", "-q")
    assert "\u202e" not in explain.stdout and "Title\\u202e" in explain.stdout


def test_plan_text_escapes_names_and_diff_lines(tmp_path):
    root = make_repo(tmp_path / "repo")
    (root / "frontend/src/components/Bell\u202e.tsx").write_text(
        "export const b = '\x1b[2J';\n", encoding="utf-8"
    )
    out = subprocess.run(
        [sys.executable, "-m", "deadcode", "plan", str(root), "--group", "unreachable", "--no-cache", "-q"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert "Bell\\u202e.tsx" in out.stdout and "\u202e" not in out.stdout and "\x1b" not in out.stdout
    patch = subprocess.run(
        [sys.executable, "-m", "deadcode", "plan", str(root), "--group", "unreachable", "-f", "patch", "-q"],
        capture_output=True,
        text=True,
    )
    assert "\x1b[2J" in patch.stdout  # --format patch stays byte-exact for git apply
