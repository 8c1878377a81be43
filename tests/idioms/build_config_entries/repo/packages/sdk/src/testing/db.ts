export function resetDb() { return true; }
