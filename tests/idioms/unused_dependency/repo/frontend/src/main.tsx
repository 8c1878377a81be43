import axios from "axios";
axios.get("/api/items");
export function App() { return <div />; }
