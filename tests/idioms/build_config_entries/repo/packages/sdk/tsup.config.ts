import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/worker.ts", "src/plugins/*.ts"],
  format: ["esm", "cjs"],
  dts: true,
});
