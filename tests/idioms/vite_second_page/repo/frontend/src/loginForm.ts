export function form() { return 1; }
