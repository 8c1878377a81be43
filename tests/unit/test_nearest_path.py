"""``findings._nearest`` (the "closest endpoint path" of a broken call) prunes candidates by an
upper bound; it must pick exactly what ``difflib.get_close_matches(n=1)`` picks."""

import difflib
import random

from deadcode.analysis.findings import _nearest

SEGMENTS = ["api", "v1", "users", "{}", "{id}", "items", "orders", "reports", "admin", "db", "x"]


def _url(rng: random.Random) -> str:
    return "/" + "/".join(rng.choice(SEGMENTS) for _ in range(rng.randint(1, 6)))


def test_nearest_equals_get_close_matches_on_random_paths():
    rng = random.Random(13)
    for i in range(1500):
        url = _url(rng)
        paths = [_url(rng) for _ in range(rng.randint(0, 40))] + ([url] if i % 7 == 0 else [])
        expected = difflib.get_close_matches(url, paths, n=1, cutoff=0.6)
        assert _nearest(url, paths) == (expected[0] if expected else None), (url, paths)


def test_nearest_ties_go_to_the_larger_string_like_difflib():
    paths = ["/api/b", "/api/a", "/api/c"]
    assert _nearest("/api/z", paths) == difflib.get_close_matches("/api/z", paths, n=1)[0] == "/api/c"
    assert _nearest("/zzzzzz", paths) is None
