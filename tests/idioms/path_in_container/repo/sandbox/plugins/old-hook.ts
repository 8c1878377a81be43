export const oldHook = () => 1;
