fetch("/api/items");
fetch("/api/health");
