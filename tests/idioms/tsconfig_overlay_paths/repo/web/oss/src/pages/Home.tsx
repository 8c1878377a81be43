import Widget from "@/oss/components/Widget";
export default function Home() { return <Widget />; }
