export enum ConnectionTestStatus {
  SUCCEEDED = "succeeded",
  FAILED = "failed",
}
export const RETRIES = 3;
