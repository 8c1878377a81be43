fetch("/api/items");
