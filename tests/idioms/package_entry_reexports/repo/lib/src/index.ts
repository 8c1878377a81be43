export { formatAge, default as ageLabel } from "./format.ts";
export * from "./scoping";
import { internal } from "./internal";

internal();
