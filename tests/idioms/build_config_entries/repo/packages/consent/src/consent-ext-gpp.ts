import { encodeGpp } from "./lib/gpp";

encodeGpp();
