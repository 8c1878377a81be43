import { client } from "../lib/client";

async function main() {
  console.log(await client.ping());
}

main().catch(console.error);
