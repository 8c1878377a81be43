import { ConnectionTestStatus } from "./constants";

export type DatastoreConnectionStatus = {
  test_status?: ConnectionTestStatus;
};
export type Unused = { id: string };
