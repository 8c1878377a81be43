import { SWRConfig } from "swr";
import { createRoot } from "react-dom/client";
import { Dashboard } from "./Dashboard";

const API_BASE = "/api";
const fetcher = (key: string) => fetch(`${API_BASE}/${key}`).then((r) => r.json());

createRoot(document.getElementById("root")!).render(
  <SWRConfig value={{ fetcher }}>
    <Dashboard />
  </SWRConfig>,
);
