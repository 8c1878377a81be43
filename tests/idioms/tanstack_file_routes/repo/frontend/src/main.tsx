import { RouterProvider, createRouter } from "@tanstack/react-router";
import { createRoot } from "react-dom/client";
// routeTree.gen.ts is generated at build time and not committed
import { routeTree } from "./routeTree.gen";

const router = createRouter({ routeTree });
createRoot(document.getElementById("root")!).render(<RouterProvider router={router} />);
