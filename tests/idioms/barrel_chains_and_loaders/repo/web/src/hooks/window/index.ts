import useWindowResize from "./useWindowResize";
import useResizeObserver from "./useResizeObserver";

export { useWindowResize, useResizeObserver };
