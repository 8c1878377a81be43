// dead: no entry, no manifest key, no import
export const orphan = 1;
