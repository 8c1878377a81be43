import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    setupFiles: ["vitest.setup.ts"],
    globalSetup: "./src/testing/global-setup.ts",
    coverage: { include: ["src/**/*.ts"] },
  },
});
