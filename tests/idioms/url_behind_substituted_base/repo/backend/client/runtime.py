"""A client of the app above, run by an operator: its base URL comes from the instance."""
import httpx


class RuntimeClient:
    def __init__(self, server_url: str):
        self.server_url = server_url
        self.session = httpx.Client()

    def _send(self, method: str, url: str):
        return send_request(self.session, method, url)

    def list_files(self):
        return self._send("POST", f"{self.server_url}/list_files")


def send_request(session, method, url):
    return session.request(method, url)


if __name__ == "__main__":
    RuntimeClient("http://localhost:3000").list_files()
