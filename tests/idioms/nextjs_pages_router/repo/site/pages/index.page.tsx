import { Nav } from "../components/Nav";
export async function getStaticProps() { return { props: {} }; }
export default function Home() { return <Nav />; }
