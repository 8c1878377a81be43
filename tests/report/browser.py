"""Clicking in a long report: its sections lay out lazily (`content-visibility: auto`), so a
section scrolled past can change height between Playwright's scroll and its click, and the click
lands on whatever moved under the pointer (the body, 2 runs in 40 under load). A click here waits
until the target sits still in the middle of the viewport first."""

from __future__ import annotations

FRAMES_STILL = """el => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => {
    const b = el.getBoundingClientRect();
    done([b.top, b.left, b.width, b.height, window.scrollY]);
})))"""


def settled_click(target, tries: int = 40) -> None:
    """Click a Playwright Locator once it is centred in view and two measurements of its box, two
    frames apart each, agree."""
    last = None
    for _ in range(tries):
        target.evaluate("el => el.scrollIntoView({block: 'center'})")
        box = target.evaluate(FRAMES_STILL)
        if box == last:
            break
        last = box
    target.click()
