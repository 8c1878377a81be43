import { Footer } from "../src/components/Footer";

export function Welcome({ name }: { name: string }) {
  return <div>Hello {name}<Footer /></div>;
}
export default Welcome;
