export function withGrid() { return null; }
