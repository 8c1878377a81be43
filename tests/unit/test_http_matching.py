"""Client URL -> endpoint matching: parameters, query strings, methods, index shapes."""

from deadcode.graph.http import PARAM, EndpointIndex, EndpointKey, endpoint_segments


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


def test_starlette_path_parameter_takes_the_rest_of_the_path():
    from deadcode.graph.http import EndpointIndex, EndpointKey, endpoint_segments

    eps = [EndpointKey("GET", p, endpoint_segments(p)) for p in ("/files/{p:path}", "/blobs/{id}")]
    index = EndpointIndex(eps)
    assert [e.path for e in index.match("GET", endpoint_segments("/files/a/b/c.txt"))] == ["/files/{p:path}"]
    assert [e.path for e in index.match("GET", endpoint_segments("/files/a"))] == ["/files/{p:path}"]
    assert index.match("GET", endpoint_segments("/blobs/a/b")) == []
    assert [e.path for e in index.match("GET", endpoint_segments("/blobs/a"))] == ["/blobs/{id}"]
