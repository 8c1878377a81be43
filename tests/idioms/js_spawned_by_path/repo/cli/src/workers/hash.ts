self.onmessage = (e) => postMessage(String(e.data).length);
