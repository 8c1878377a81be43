import { feast } from "./protos";
import "./main.css";

console.log(feast);
