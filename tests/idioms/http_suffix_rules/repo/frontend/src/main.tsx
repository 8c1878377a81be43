import { getBaseUrl } from "./runtime";

const base = getBaseUrl();
fetch(`${base}/items/list`);
fetch(`${base}/stats`);
fetch(`${base}/ui-session`);
