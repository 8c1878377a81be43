import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import axios from "axios";
import { createRoot } from "react-dom/client";

export const queryClient = new QueryClient({
  defaultOptions: { queries: { queryFn: ({ queryKey }) => axios.get(`/api${queryKey[0]}`).then((r) => r.data) } },
});

export function Projects() {
  const projects = useQuery({ queryKey: ["/cache-name"], queryFn: () => axios.get("/api/projects") });
  const settings = useQuery({ queryKey: ["/settings"] });
  return <div>{projects.data}{settings.data}</div>;
}

createRoot(document.getElementById("root")!).render(
  <QueryClientProvider client={queryClient}><Projects /></QueryClientProvider>,
);
