import { useLoaderData } from "react-router";

export async function clientLoader() {
  return { theme: "dark" };
}

export const handle = { crumb: "Settings" };

export function shouldRevalidate() {
  return false;
}

// not a route module export: nothing imports it
export function formatTheme(theme: string) {
  return theme.toUpperCase();
}

export default function Settings() {
  const data = useLoaderData<typeof clientLoader>();
  return <p>{data.theme}</p>;
}
