import { TanStackRouterVite } from "@tanstack/router-plugin/vite";
import { defineConfig } from "vite";

export default defineConfig({ plugins: [TanStackRouterVite({ target: "react" })] });
