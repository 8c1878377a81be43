import httpx


class MemoryClient:
    def __init__(self, host: str):
        self.host = host
        self.session = httpx.Client()

    def _request(self, method: str, path: str, **kwargs):
        url = f"{self.host}{path}"
        return self.session.request(method, url, **kwargs)

    def _get(self, path: str):
        return self._request("GET", path)

    def add(self, text: str):
        return self._request("POST", "/v1/memories/", json={"text": text})

    def get(self, memory_id: str):
        return self._get(f"/v1/memories/{memory_id}/")


if __name__ == "__main__":
    MemoryClient("http://localhost:8000").add("x")
