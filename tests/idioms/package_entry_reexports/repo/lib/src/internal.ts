export function internal() {
  return helperUsedHere();
}

function helperUsedHere() {
  return 1;
}

// neither imported nor re-exported by the package entry: unused
export function leftover() {
  return 2;
}
