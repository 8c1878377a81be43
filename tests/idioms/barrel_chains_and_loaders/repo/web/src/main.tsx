import { useResizeObserver } from "hooks";
import LiveWorker from "comlink-loader?singleton!./worker/Worker";

useResizeObserver();
new LiveWorker().start("/api");
