"""The HTML report in a real headless Chromium (Debian's /usr/bin/chromium through Playwright):
it opens from file:// without console errors or network requests, its findings table filters and
sorts (mouse and keyboard), the plan's diffs expand, and a screenshot is kept for review."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from deadcode.pipeline import Options, load
from deadcode.report.render import write_report
from tests.report.browser import settled_click
from tests.report.test_report import make_repo, real_plan

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM),
        reason="Debian chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)",
    ),
]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    root = make_repo(tmp_path_factory.mktemp("repo"))
    loaded = load(Options(root, no_cache=True))
    _, html = write_report(loaded, tmp_path_factory.mktemp("out"), real_plan(loaded))
    return html, loaded


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="the playwright Python package is not installed"
    )
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser, report):
    html, _ = report
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(5000)
    pg.problems = []
    pg.requests = []
    pg.on(
        "console",
        lambda m: (
            pg.problems.append(f"console.{m.type}: {m.text}") if m.type in ("error", "warning") else None
        ),
    )
    pg.on("pageerror", lambda e: pg.problems.append(f"pageerror: {e}"))
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.goto(html.as_uri())
    yield pg
    context.close()


def visible_rows(pg) -> list[str]:
    return pg.eval_on_selector_all("#findings tbody tr", "rs => rs.filter(r => !r.hidden).map(r => r.id)")


def column(pg, idx: int) -> list[str]:
    return pg.eval_on_selector_all(
        "#findings tbody tr",
        f"rs => rs.filter(r => !r.hidden).map(r => r.cells[{idx}].getAttribute('data-sort'))",
    )


def test_loads_from_file_without_console_errors_or_network(page, report):
    _, loaded = report
    page.wait_for_load_state("load")
    assert page.title().startswith("deadcode review report")
    assert page.problems == []
    assert page.requests and all(u.startswith(("file://", "data:")) for u in page.requests), page.requests
    assert len(visible_rows(page)) == len(loaded.analysis.findings)
    # the graph pictures are drawn inline
    assert page.locator("svg.graph").count() >= 4
    assert page.locator("svg.graph rect").count() >= 8


def test_typing_in_the_filter_narrows_the_rows(page, report):
    _, loaded = report
    total = len(loaded.analysis.findings)
    page.fill("#finding-filter", "favicontester")
    rows = visible_rows(page)
    assert len(rows) == 1
    assert "FaviconTester" in page.inner_text(f"#{rows[0]}")
    assert page.inner_text("#finding-count") == f"1 of {total} findings shown"
    page.fill("#finding-filter", "")
    assert len(visible_rows(page)) == total
    # the kind select narrows to one kind, and combines with the text filter
    page.select_option("#kind-filter", "orphan-endpoint")
    kinds = page.eval_on_selector_all(
        "#findings tbody tr", "rs => rs.filter(r => !r.hidden).map(r => r.dataset.kind)"
    )
    assert kinds and set(kinds) == {"orphan-endpoint"}
    assert len(kinds) == sum(1 for f in loaded.analysis.findings if f.kind == "orphan-endpoint")
    page.fill("#finding-filter", "history")
    assert len(visible_rows(page)) == 1
    assert page.problems == []


def test_sorting_by_a_column_reorders_rows_with_mouse_and_keyboard(page):
    kind_header = page.locator("#findings thead th").nth(1)
    before = column(page, 1)
    settled_click(page.locator("#findings thead th:nth-child(2) button"))
    assert kind_header.get_attribute("aria-sort") == "ascending"
    asc = column(page, 1)
    assert asc == sorted(before) and asc != before
    settled_click(page.locator("#findings thead th:nth-child(2) button"))
    assert kind_header.get_attribute("aria-sort") == "descending"
    assert column(page, 1) == sorted(before, reverse=True)
    # keyboard: Enter and Space on a focused header
    lines_header = page.locator("#findings thead th").nth(5)
    page.focus("#findings thead th:nth-child(6) button")
    page.keyboard.press("Enter")
    assert lines_header.get_attribute("aria-sort") == "ascending"
    assert kind_header.get_attribute("aria-sort") == "none"
    nums = [int(x) for x in column(page, 5)]
    assert nums == sorted(nums)
    page.keyboard.press(" ")
    assert lines_header.get_attribute("aria-sort") == "descending"
    nums = [int(x) for x in column(page, 5)]
    assert nums == sorted(nums, reverse=True) and nums[0] > nums[-1]
    assert page.problems == []


def test_a_groups_diff_expands_on_click(page):
    step = page.locator("details.step-diff:not([data-empty])").first
    diff = step.locator("pre.diff")
    assert step.get_attribute("open") is None
    assert not diff.is_visible()
    settled_click(step.locator("summary"))
    assert step.get_attribute("open") is not None
    assert diff.is_visible()
    assert diff.locator("span.del, span.add").count() >= 1
    # keyboard too: a summary is focusable and toggles with Enter
    other = page.locator("details.step-diff:not([data-empty])").nth(1)
    other.locator("summary").focus()
    page.keyboard.press("Enter")
    assert other.get_attribute("open") is not None


def test_search_box_hides_sections_that_do_not_match(page):
    page.fill("#search", "guidecard")
    groups = page.eval_on_selector_all("article.group", "as => as.filter(a => !a.hidden).map(a => a.id)")
    assert groups == ["group-guides"]
    assert "match" in page.inner_text("#search-status")
    page.fill("#search", "")
    assert page.locator("article.group:visible").count() >= 5


def test_screenshot_for_review(browser, report, tmp_path):
    """The bundled example's report (the tiny repository's when the example is not there), opened
    like any other: what a reviewer sees first as test-artifacts/report.png, the whole page as
    test-artifacts/report-full.png."""
    html, _ = report
    dbg = Path(__file__).resolve().parents[1] / "fixtures" / "dbg"
    if (dbg / "frontend").is_dir() and (dbg / "deadcode.toml").exists():
        loaded = load(Options(dbg, no_cache=True))
        _, html = write_report(loaded, tmp_path, real_plan(loaded))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    problems, requests = [], []
    pg.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.on("request", lambda r: requests.append(r.url))
    pg.goto(html.as_uri())
    settled_click(pg.locator("details.step-diff:not([data-empty]) summary").first)
    ARTIFACTS.mkdir(exist_ok=True)
    out, full = ARTIFACTS / "report.png", ARTIFACTS / "report-full.png"
    for p in (out, full):
        if p.exists():
            p.unlink()
    pg.screenshot(path=str(full), full_page=True)
    pg.evaluate("window.scrollTo(0, 0)")
    pg.screenshot(path=str(out), clip={"x": 0, "y": 0, "width": 1280, "height": 1400}, full_page=True)
    context.close()
    assert problems == []
    assert all(u.startswith(("file://", "data:")) for u in requests), requests
    assert out.stat().st_size > 10_000 and full.stat().st_size > out.stat().st_size
