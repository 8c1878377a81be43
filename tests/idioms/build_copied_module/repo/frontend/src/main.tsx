fetch("/api/index");
