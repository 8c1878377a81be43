export function PostCard() {
  return <article>post</article>;
}
