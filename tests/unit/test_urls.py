"""Where a resolved client URL goes (graph/urls.py): our origin, an origin we cannot read,
behind an unknown base, another host, or relative to a client's base."""

import pytest

from deadcode.graph.urls import BASE_UNKNOWN, KNOWN, ORIGIN, OTHER_HOST, RELATIVE, join_parts, locate


@pytest.mark.parametrize(
    "text, base, path",
    [
        ("/api/items/\0", KNOWN, "/api/items/{}"),
        ("http://localhost:8000/api/x?q=1", KNOWN, "/api/x"),
        ("http://127.0.0.1:8123/files/", KNOWN, "/files"),
        ("ws://localhost/ws", KNOWN, "/ws"),
        ("\0//\0/api/x", ORIGIN, "/api/x"),  # ${protocol}//${host}/api/x
        ("https://\0/api/x", ORIGIN, "/api/x"),
        ("\0://localhost:8000/api/y", KNOWN, "/api/y"),
        ("https://api.github.com/user", OTHER_HOST, "/"),
        ("blob:\0", OTHER_HOST, "/"),
        ("mailto:a@b.c", OTHER_HOST, "/"),
        ("\0/items/list", BASE_UNKNOWN, "/items/list"),
        ("\0\0/v1/\0/x", BASE_UNKNOWN, "/v1/{}/x"),
        ("\0", BASE_UNKNOWN, "/"),
        ("stats", RELATIVE, "/stats"),
        ("users/\0", RELATIVE, "/users/{}"),
    ],
)
def test_locate(text, base, path):
    loc = locate(text)
    assert (loc.base, loc.path) == (base, path)


def test_join_parts_drops_a_query_glued_to_a_segment_but_not_to_an_origin():
    assert join_parts(["/login", None]) == "/login"  # `/login${returnTo ? "?r=..." : ""}`
    assert join_parts(["/api/items/", None]) == "/api/items/\0"
    assert join_parts(["http://localhost:8888", None]) == "http://localhost:8888\0"  # `${BASE}${path}`
    assert join_parts([None, "/x"]) == "\0/x"


def test_a_configured_host_may_be_our_own_deployment():
    from deadcode.graph.urls import configured_host

    assert configured_host("http://backend:8000/api") == ["http://", None, "/api"]
    assert configured_host("https://api.example.com") == ["https://", None]
    assert configured_host("http://localhost:8000") == ["http://localhost:8000"]
    assert configured_host("/api") == ["/api"]
    assert locate(join_parts(configured_host("http://backend:8000") + ["/api/x"])).base == ORIGIN
