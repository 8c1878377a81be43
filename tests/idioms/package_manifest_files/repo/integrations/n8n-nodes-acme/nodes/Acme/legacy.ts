// no manifest key names it and nothing imports it: dead
export const legacy = true;
