// deadcode: keep
export function Widget() { return null; }
