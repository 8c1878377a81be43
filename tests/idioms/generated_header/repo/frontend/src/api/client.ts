import type { paths } from "./schema";

type User = paths["/users/{id}"];

export async function getUser(id: string): Promise<User | null> {
  return fetch(`https://users.example.com/${id}`).then((r) => r.json());
}

// hand-written and unused: an unused export
export function listUsers() {
  return [];
}
