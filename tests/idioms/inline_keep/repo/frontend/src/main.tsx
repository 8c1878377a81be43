import { formatDate } from "./format";
fetch("/api/items");
formatDate();
