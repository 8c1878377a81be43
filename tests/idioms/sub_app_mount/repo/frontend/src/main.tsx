fetch("/v1/items");
fetch("/extra/status");
fetch("/status");
