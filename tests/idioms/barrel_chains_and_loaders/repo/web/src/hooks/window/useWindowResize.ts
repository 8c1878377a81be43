export default function useWindowResize() {
  return 1;
}
