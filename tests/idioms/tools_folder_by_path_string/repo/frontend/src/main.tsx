fetch("/api/tools/search", { method: "POST" });
