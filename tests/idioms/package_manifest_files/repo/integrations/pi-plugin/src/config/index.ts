export function loadConfig() {
  return {};
}
