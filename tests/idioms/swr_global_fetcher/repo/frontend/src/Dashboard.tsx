import useSWR from "swr";

export function Dashboard({ userId, params }: { userId?: string; params: object }) {
  const stats = useSWR("stats");
  const timeline = useSWR(["timeline", params]);
  const user = useSWR(userId ? `users/${userId}` : null);
  return <div>{stats.data}{timeline.data}{user.data}</div>;
}
