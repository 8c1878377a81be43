import { Welcome } from "../emails/Welcome";
export function send() { return Welcome({ name: "x" }); }
