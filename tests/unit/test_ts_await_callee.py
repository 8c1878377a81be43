"""Regression: `await api.get<T>(url)` parses as a call of the await expression."""

from deadcode.facts.typescript import extract_typescript


def test_awaited_generic_call_keeps_its_callee():
    src = b'export async function f() { const { data } = await api.get<Tenant[]>("/sysop/tenants"); return data; }\n'
    facts, partial, _ = extract_typescript("x.ts", src)
    assert not partial
    assert [(c.callee, c.method, c.url.text()) for c in facts.http_calls] == [
        ("api.get", "GET", "/sysop/tenants")
    ]
