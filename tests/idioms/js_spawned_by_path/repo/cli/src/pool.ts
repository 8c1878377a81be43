export function startWorker() {
  return new Worker(new URL("./workers/hash.ts", import.meta.url), { type: "module" });
}
