fetch("/api/things");
fetch("/api/v2/stats");
fetch("/api/ping");
fetch("/api/version");
