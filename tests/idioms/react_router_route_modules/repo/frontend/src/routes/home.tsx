import { Greeting } from "../components/Greeting";

export const meta = () => [{ title: "Home" }];

export default function Home() {
  return <Greeting />;
}
