export let base = "";
export function setBase(value: string) {
  base = value;
}
export function resetBase() {
  base = "";
}
