import { DatastoreConnectionStatus } from "./feat/types";

const s: DatastoreConnectionStatus = {};
console.log(s);
