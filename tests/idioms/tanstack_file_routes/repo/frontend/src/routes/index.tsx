import { createFileRoute } from "@tanstack/react-router";
import { PostCard } from "./-components/PostCard";

export const Route = createFileRoute("/")({ component: () => <PostCard /> });
