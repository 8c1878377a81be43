import { setBase } from "./config";

export function start(url: string) {
  setBase(url);
}
