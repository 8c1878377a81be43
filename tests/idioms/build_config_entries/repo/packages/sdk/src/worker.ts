self.onmessage = () => postMessage("ok");
