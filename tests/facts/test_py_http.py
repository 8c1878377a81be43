"""Python HTTP calls (facts/py_http.py): direct client calls, URLs in locals, wrappers, and
what is not a request."""

from textwrap import dedent

from deadcode.facts.python import extract_python


def calls(src: str):
    f, partial, problems = extract_python("m.py", dedent(src).lstrip("\n").encode())
    assert not partial, problems
    return [(c.method, c.url.text(), c.callee, c.function) for c in f.http_calls]


def test_wrappers_make_their_callers_requests():
    assert calls("""
    import httpx

    class MemoryClient:
        def _request(self, method, path, **kwargs):
            url = f"{self.host}{path}"
            return self.session.request(method, url, **kwargs)

        def _get(self, path):
            return self._request("GET", path)

        def add(self, text):
            return self._request("POST", "/v1/memories/", json={"text": text})

        def one(self, memory_id):
            return self._get(f"/v1/memories/{memory_id}/")

        def relative(self):
            return self._request("DELETE", "v1/items")

        def by_id(self, item_id):
            return self._request("GET", item_id)  # an id, not a URL: no request we can read
    """) == [
        ("POST", "${self.host}/v1/memories/", "self._request", "MemoryClient"),
        ("GET", "${self.host}/v1/memories/${memory_id}/", "self._get", "MemoryClient"),
        ("DELETE", "${self.host}/v1/items", "self._request", "MemoryClient"),
    ]


def test_module_function_wrapper_with_a_fixed_method():
    assert calls("""
    import requests

    BASE = "http://localhost:8000"

    def api_get(path):
        return requests.get(BASE + path)

    def main():
        api_get("/api/health")
    """) == [("GET", "${BASE}/api/health", "api_get", "main")]


def test_route_registrations_lookups_and_decorators_are_no_requests():
    assert (
        calls("""
    from fastapi import FastAPI

    app = FastAPI()
    app.get("/registered")(handler)
    cache = {}
    cache.get("/x", None)

    @app.get("/decorated")
    def decorated():
        return {}
    """)
        == []
    )


def test_a_wrapper_given_the_whole_url():
    assert calls("""
    class Client:
        def _request(self, method, url, **kwargs):
            return self._client.request(method, url, **kwargs)

        def create(self):
            return self._request("POST", f"{self.base}/x")
    """) == [("POST", "${self.base}/x", "self._request", "Client")]
