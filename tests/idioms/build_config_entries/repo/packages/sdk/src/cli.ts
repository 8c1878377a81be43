import { version } from "./version";
console.log(version);
