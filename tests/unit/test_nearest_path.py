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


def _lcs_table(a: str, b: str) -> int:
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0]
        for j, cb in enumerate(b):
            cur.append(prev[j] + 1 if ca == cb else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def test_the_bit_parallel_lcs_equals_the_table_and_bounds_difflib():
    from deadcode.analysis.findings import _char_masks, _lcs_length

    rng = random.Random(5)
    for _ in range(800):
        a = "".join(rng.choice("ab/{}x") for _ in range(rng.randint(0, 30)))
        b = "".join(rng.choice("ab/{}y") for _ in range(rng.randint(0, 30)))
        lcs = _lcs_length(a, _char_masks(b), len(b))
        assert lcs == _lcs_table(a, b), (a, b)
        matched = sum(m.size for m in difflib.SequenceMatcher(None, a, b).get_matching_blocks())
        assert matched <= lcs  # the pruning bound holds
