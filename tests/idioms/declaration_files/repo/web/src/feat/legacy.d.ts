import { Retry } from "./retry";

export type LegacyStatus = Retry;
