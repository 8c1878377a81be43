import { createFileRoute } from "@tanstack/react-router";
import { fetchPost } from "../../lib/posts";

export const Route = createFileRoute("/posts/$postId")({
  loader: ({ params }) => fetchPost(params.postId),
  component: () => <p>post</p>,
});
