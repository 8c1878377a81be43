export default function useResizeObserver() {
  return 1;
}
