// nothing names it: coverage.include is no entry list
export const legacy = 1;
