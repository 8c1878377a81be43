"""Client URL -> endpoint matching: parameters, query strings, methods, index shapes."""

from deadcode.graph.http import PARAM, EndpointIndex, EndpointKey, Match, endpoint_segments
from deadcode.graph.urls import BASE_UNKNOWN, KNOWN, ORIGIN, Located


def idx(*eps):
    return EndpointIndex([EndpointKey(m, p, endpoint_segments(p)) for m, p in eps])


def test_segments_normalise_params_queries_and_slashes():
    assert endpoint_segments("/api/v0_1/databases/{database_id}") == ("api", "v0_1", "databases", PARAM)
    assert endpoint_segments("/api//x/?page=1#top") == ("api", "x")
    assert endpoint_segments("/") == ()


def test_param_in_call_matches_param_in_endpoint():
    index = idx(("GET", "/api/db/{id}"), ("GET", "/api/db/{id}/stats"))
    hits = index.match("GET", endpoint_segments("/api/db/{}/stats"))
    assert [h.path for h in hits] == ["/api/db/{id}/stats"]


def test_method_must_agree_unless_any():
    index = idx(("GET", "/api/x"), ("POST", "/api/x"))
    assert [h.method for h in index.match("POST", ("api", "x"))] == ["POST"]
    assert sorted(h.method for h in index.match("ANY", ("api", "x"))) == ["GET", "POST"]
    assert index.match("DELETE", ("api", "x")) == []


def test_call_param_keeps_literal_endpoint_alive():
    # `/api/db/${x}` may hit /api/db/stats at run time: a live call keeps it alive
    index = idx(("GET", "/api/db/stats"))
    assert [h.path for h in index.match("GET", ("api", "db", PARAM))] == ["/api/db/stats"]


def test_no_match_for_other_shapes():
    index = idx(("GET", "/api/db/{id}"))
    assert index.match("GET", ("api", "db")) == []
    assert index.match("GET", ("api", "dbx", "1")) == []


def test_suffix_match_for_unknown_base():
    index = idx(("GET", "/api/v0_1/alerts/check"), ("GET", "/api/v0_1/other"))
    assert [h.path for h in index.match_suffix("GET", ("alerts", "check"))] == ["/api/v0_1/alerts/check"]


# ----------------------------------------------------------------------------- the rules resolve() applies


def rules(index, method, base, path):
    matches, resolved = index.resolve(method, Located(base, endpoint_segments(path)))
    return sorted((m.endpoint.path, m.rule, m.sure) for m in matches), resolved


def test_unknown_base_needs_two_literal_segments_to_be_sure():
    index = idx(("GET", "/api/v1/items/list"), ("GET", "/api/v1/stats"), ("GET", "/v1/sheets/{sheet_id}"))
    assert rules(index, "GET", BASE_UNKNOWN, "/items/list") == (
        [("/api/v1/items/list", "suffix", True)],
        False,
    )
    # one literal in common: the endpoint is only maybe reached (unsure, not live)
    assert rules(index, "GET", BASE_UNKNOWN, "/stats") == ([("/api/v1/stats", "weak-suffix", False)], False)
    # a literal never pairs with a lone parameter
    assert rules(index, "GET", BASE_UNKNOWN, "/ui-session") == ([], False)


def test_a_known_base_matches_exactly_and_falls_back_to_a_suffix_unresolved():
    index = idx(("GET", "/api/v1/items/list"), ("GET", "/api/x"))
    assert rules(index, "GET", KNOWN, "/api/x") == ([("/api/x", "exact", True)], True)
    # a base we cannot see (a proxy prefix) may stand before a known path that matches nothing
    assert rules(index, "GET", KNOWN, "/v1/items/list") == ([("/api/v1/items/list", "suffix", True)], False)
    assert rules(index, "GET", KNOWN, "/nothing/here") == ([], True)  # a broken call


def test_an_origin_we_cannot_read_matches_exactly_and_a_miss_is_not_broken():
    index = idx(("GET", "/api/v1/items/list"))
    assert rules(index, "GET", ORIGIN, "/api/v1/items/list") == (
        [("/api/v1/items/list", "exact", True)],
        False,
    )
    assert rules(index, "GET", ORIGIN, "/v1/items/list") == ([], False)  # no suffix: the path is whole


def test_an_unresolved_endpoint_prefix_matches_by_its_tail():
    index = EndpointIndex(
        [EndpointKey("GET", "/items/{id}", endpoint_segments("/items/{id}"), uncertain=True)]
    )
    assert rules(index, "GET", KNOWN, "/api/v2/items/{}") == ([("/items/{id}", "tail", True)], True)


def test_starlette_path_parameters_span_segments():
    index = idx(("GET", "/api/repository/{repository_name:path}/microagents"), ("GET", "/files/{p:path}"))
    assert endpoint_segments("/files/{p:path}") == ("files", "{**}")
    assert [h.path for h in index.match("GET", endpoint_segments("/api/repository/{}/{}/microagents"))] == [
        "/api/repository/{repository_name:path}/microagents"
    ]
    assert [h.path for h in index.match("GET", endpoint_segments("/files/a/b/c.txt"))] == ["/files/{p:path}"]
    assert index.match("GET", endpoint_segments("/files")) == []  # at least one segment
    # behind an unknown base only what shares two literals counts (a splat alone shares none)
    assert rules(index, "GET", BASE_UNKNOWN, "/repository/{}/{}/microagents") == (
        [("/api/repository/{repository_name:path}/microagents", "suffix", True)],
        False,
    )


def test_match_carries_its_rule():
    ep = EndpointKey("GET", "/x", ("x",))
    assert Match(ep, "exact").sure and not Match(ep, "weak-suffix", sure=False).sure


def test_starlette_path_parameter_takes_the_rest_of_the_path():
    from deadcode.graph.http import EndpointIndex, EndpointKey, endpoint_segments

    eps = [EndpointKey("GET", p, endpoint_segments(p)) for p in ("/files/{p:path}", "/blobs/{id}")]
    index = EndpointIndex(eps)
    assert [e.path for e in index.match("GET", endpoint_segments("/files/a/b/c.txt"))] == ["/files/{p:path}"]
    assert [e.path for e in index.match("GET", endpoint_segments("/files/a"))] == ["/files/{p:path}"]
    assert index.match("GET", endpoint_segments("/blobs/a/b")) == []
    assert [e.path for e in index.match("GET", endpoint_segments("/blobs/a"))] == ["/blobs/{id}"]
