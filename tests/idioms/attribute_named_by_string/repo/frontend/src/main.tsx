fetch("/nodes");
