import { boot } from "./worker/boot";
fetch("/");
boot();
