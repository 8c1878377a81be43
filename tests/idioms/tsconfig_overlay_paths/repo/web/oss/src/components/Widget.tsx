export default function Widget() { return <div>oss widget</div>; }
