fetch("/api/agents");
