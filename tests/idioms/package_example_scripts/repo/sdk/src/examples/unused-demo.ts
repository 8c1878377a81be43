import { client } from "../lib/client";

// only a function: nothing runs it and nothing imports it
export async function demoPing() {
  return client.ping();
}
