export { client } from "./lib/client";
