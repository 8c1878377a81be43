// the EE build's Widget: @/oss/components/Widget resolves here first, also from oss/src/pages/Home.tsx
export default function Widget() { return <div>ee widget</div>; }
