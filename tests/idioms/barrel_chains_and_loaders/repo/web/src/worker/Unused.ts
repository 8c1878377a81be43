export function stop() {
  return 0;
}
