// ignored by the router (the - prefix) and imported by nothing: dead
export function OldCard() {
  return <article>old</article>;
}
