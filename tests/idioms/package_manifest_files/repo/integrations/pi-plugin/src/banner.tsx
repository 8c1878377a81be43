export function banner() {
  return "acme";
}
