export type Retry = { count: number };
export const retry = (n: number) => n;
