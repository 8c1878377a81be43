import { Outlet, useRouteError } from "react-router";

export function ErrorBoundary() {
  const error = useRouteError();
  return <p>{String(error)}</p>;
}

export default function Shell() {
  return <main><Outlet /></main>;
}
