export function encodeGpp() {
  return "gpp";
}
