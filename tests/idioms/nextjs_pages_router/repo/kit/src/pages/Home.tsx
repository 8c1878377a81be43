// a library with next as a peer dependency is no Next.js app: its pages/ folder is plain code
export default function Home() { return <main />; }
