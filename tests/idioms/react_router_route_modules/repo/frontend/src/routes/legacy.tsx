// routes.ts does not name it (no flatRoutes): dead
export async function loader() {
  return null;
}

export default function Legacy() {
  return <p>legacy</p>;
}
