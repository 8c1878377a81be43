"""HTTP matching as users see it: explain names the rule that matched a call, a weak match
makes an endpoint unsure (never live, never certain), and what is no call leaves no trace."""

from deadcode.analysis.explain import explain
from tests.analysis.repo import make_repo, scan

BACKEND_STATS = """
from fastapi import APIRouter

router = APIRouter()


@router.get("/{item_id}")
def get_item(item_id: int):
    return {}


@router.get("/reports/latest")
def latest():
    return {}


@router.get("/stats")
def stats():
    return {}
"""

MAIN = """
import { api } from "./api/client";
import { runtimeBase } from "./runtime";

api.get("/items/7");
fetch(`${runtimeBase()}/items/reports/latest`);
fetch(`${runtimeBase()}/stats`);
"""


def _repo(tmp_path, main=MAIN, extra=None):
    files = {
        "backend/app/api/items.py": BACKEND_STATS,
        "frontend/src/main.tsx": main,
        "frontend/src/runtime.ts": "export function runtimeBase(): string { return (window as any).cfg.base; }\n",
    }
    files.update(extra or {})
    return make_repo(tmp_path, files)


def test_explain_names_the_rule_that_matched(tmp_path):
    _, a = scan(_repo(tmp_path))
    exact = explain(a, "GET /api/items/{item_id}").text()
    assert "LIVE" in exact and "(exact)" in exact
    suffix = explain(a, "GET /api/items/reports/latest").text()
    assert "LIVE" in suffix and "(suffix: the base is unknown, two or more segments agree)" in suffix


def test_a_weak_match_makes_the_endpoint_unsure_with_the_call_as_evidence(tmp_path):
    loaded, a = scan(_repo(tmp_path))
    f = next(f for f in a.findings if f.endpoint == "GET /api/items/stats")
    assert f.kind == "orphan-endpoint" and f.confidence == "unsure"
    assert any("frontend/src/main.tsx:6 (GET /stats) may reach it (weak suffix" in e for e in f.evidence)
    call = next(c for c in loaded.program.ctx.calls.values() if c.line == 6)
    assert call.targets == [] and call.maybe == ["endpoint:GET /api/items/stats"]
    assert call.rules == {"endpoint:GET /api/items/stats": "weak-suffix"}


def test_msw_handlers_are_not_callers(tmp_path):
    handlers = """
    import { http, HttpResponse } from "msw";
    export const handlers = [http.get("/api/items/stats", () => HttpResponse.json({}))];
    """
    main = MAIN.replace(
        "fetch(`${runtimeBase()}/stats`);",
        """
if (import.meta.env.DEV) { import("./mocks/handlers"); }""",
    )
    loaded, a = scan(_repo(tmp_path, main, {"frontend/src/mocks/handlers.ts": handlers}))
    f = next(f for f in a.findings if f.endpoint == "GET /api/items/stats")
    assert "dev-only code" not in f.reason and not any("dev-only code" in e for e in f.evidence)
    assert not [c for c in loaded.program.ctx.calls.values() if "mocks" in c.file]


def test_a_call_to_another_host_never_reaches_our_endpoint(tmp_path):
    script = """
    import requests

    if __name__ == "__main__":
        requests.get("https://api.example.com/api/items/stats")
    """
    main = "fetch('https://api.example.com/api/items/reports/latest');\n"
    loaded, a = scan(_repo(tmp_path, main, {"backend/scripts/sync.py": script}))
    orphans = {f.endpoint for f in a.findings if f.kind == "orphan-endpoint"}
    assert {"GET /api/items/stats", "GET /api/items/reports/latest"} <= orphans
    assert not loaded.program.ctx.calls


def test_every_extracted_client_call_is_linked(tmp_path):
    """The tables the extractor and the linker read are one (idioms/http_clients.py): calls it
    extracts are never dropped by the linker (``self.fetch``, ``useSWRSubscription``,
    ``queryClient.prefetchQuery`` once were)."""
    main = """
    import useSWRSubscription from "swr/subscription";
    import { queryClient } from "./query";
    self.fetch("/api/items/7");
    useSWRSubscription("/api/items/reports/latest", subscribe);
    queryClient.prefetchQuery({ queryKey: ["/api/items/stats"] });
    """
    loaded, _ = scan(
        _repo(tmp_path, main, {"frontend/src/query.ts": "export const queryClient = {} as any;\n"})
    )
    linked = {t for c in loaded.program.ctx.calls.values() for t in c.targets}
    assert linked == {
        "endpoint:GET /api/items/{item_id}",
        "endpoint:GET /api/items/reports/latest",
        "endpoint:GET /api/items/stats",
    }
