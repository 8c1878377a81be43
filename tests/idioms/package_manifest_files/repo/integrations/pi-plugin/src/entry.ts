import { loadConfig } from "./config/index.ts";
import { banner } from "./banner.tsx";

export default function extension() {
  return [loadConfig(), banner()];
}
