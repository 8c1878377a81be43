// not a page extension: colocated helper, and nothing imports it
export function helper() { return 1; }
