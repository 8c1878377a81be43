// a private folder: Next.js never routes it, and nothing imports it
export default function Draft() {
  return <p>draft</p>;
}
