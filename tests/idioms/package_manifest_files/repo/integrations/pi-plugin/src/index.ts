export { loadConfig } from "./config/index.ts";
