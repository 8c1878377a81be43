export function Greeting() {
  return <h1>hello</h1>;
}
