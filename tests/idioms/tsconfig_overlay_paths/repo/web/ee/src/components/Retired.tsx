export default function Retired() { return <div>retired</div>; }
