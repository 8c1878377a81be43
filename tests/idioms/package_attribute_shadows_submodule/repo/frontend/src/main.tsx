fetch("/api/items");
fetch("/health");
