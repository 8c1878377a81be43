export function Unused() { return null; }
