fetch("/health");
