fetch("/api/items");
fetch("/api/admin/items/purge", { method: "POST" });
fetch("/api/sessions/streams");
