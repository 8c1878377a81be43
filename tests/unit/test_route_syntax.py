"""One reader for every route path syntax (graph/route_syntax.py)."""

import pytest

from deadcode.graph import route_syntax as rs


def kinds(path, file_route=False):
    return [(s.kind, s.text) for s in rs.parse(path, file_route)]


def test_each_syntax_reads_to_one_vocabulary():
    assert kinds("/projects/:id/:tab?/*") == [
        ("literal", "projects"),
        ("param", "id"),
        ("optional", "tab"),
        ("splat", "*"),
    ]
    assert kinds("/posts/$postId/$") == [("literal", "posts"), ("param", "postId"), ("splat", "*")]
    assert kinds("/(app)/posts_/{-$lang}/_layout", file_route=True) == [
        ("literal", "posts"),
        ("optional", "lang"),
    ]
    assert kinds("/(marketing)/blog/[slug]/[...rest]/@modal") == [
        ("literal", "blog"),
        ("param", "slug"),
        ("splat", "rest"),
    ]
    assert kinds("/docs/[[...slug]]") == [("literal", "docs"), ("optional-splat", "slug")]
    assert kinds("/files/{p:path}/{id:int}/{name}") == [
        ("literal", "files"),
        ("splat", "p"),
        ("param", "id"),
        ("param", "name"),
    ]


@pytest.mark.parametrize(
    "pattern, url, hit",
    [
        ("/projects/:id", "/projects/7", True),
        ("/projects/:id", "/projects", False),
        ("/projects/:id?", "/projects", True),
        ("/a/*", "/a/b/c", True),
        ("/blog/[slug]", "/blog/hello", True),
        ("/docs/[...slug]", "/docs", False),
        ("/docs/[[...slug]]", "/docs", True),
        ("/docs/[[...slug]]", "/docs/a/b", True),
        ("/posts/$postId", "/posts/1", True),
        ("/(group)/about", "/about", True),
        ("/files/{p:path}", "/files/a/b", True),
        ("/en?/about", "/about", True),
    ],
)
def test_regex_over_visited_paths(pattern, url, hit):
    assert (rs.regex(pattern).match(url) is not None) is hit


def test_specific_routes_score_higher():
    assert rs.score("/a/b") > rs.score("/a/:id") > rs.score("/a/:id?") > rs.score("/a/*")
    assert rs.is_param("[id]") and rs.is_param("$id") and rs.is_param("{id}") and not rs.is_param("items")
