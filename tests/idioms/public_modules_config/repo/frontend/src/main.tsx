fetch("/api/messages");
